//! Writing the built site: into a fresh folder beside the output, then swapped in, so a failed
//! build never leaves a half-written or wiped site behind.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;

/// Written into every output folder so leafpress never replaces a folder it did not make.
pub const MARKER: &str = ".leafpress-output";
const MARKER_TEXT: &str = "This folder is written by leafpress and replaced on every build.\n";

/// Why an output folder could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The folder exists, is not empty and was not made by leafpress.
    NotOurs(PathBuf),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::NotOurs(path) => write!(
                f,
                "{} is not empty and was not written by leafpress (no {MARKER} file); refusing to replace it",
                path.display()
            ),
            WriteError::Io(path, error) => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

/// Replaces `out` with exactly `files`. On error, `out` is left as it was.
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let staging = Staging::create(out)?;
    staging.write(files)?;
    staging.commit()
}

/// A new output folder being filled beside the real one. It replaces the output only on
/// [`Staging::commit`]; dropped without it, it is removed and the output stays as it was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    retired: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn create(out: &Path) -> Result<Staging, WriteError> {
        if out.exists() && !is_replaceable(out) {
            return Err(WriteError::NotOurs(out.to_path_buf()));
        }
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| WriteError::Io(parent.clone(), e))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        let staging = Staging {
            out: out.to_path_buf(),
            dir: parent.join(format!(".{name}.leafpress-new-{}", std::process::id())),
            retired: parent.join(format!(".{name}.leafpress-old-{}", std::process::id())),
            committed: false,
        };
        let _ = fs::remove_dir_all(&staging.dir);
        fs::create_dir_all(&staging.dir).map_err(|e| WriteError::Io(staging.dir.clone(), e))?;
        fs::write(staging.dir.join(MARKER), MARKER_TEXT)
            .map_err(|e| WriteError::Io(staging.dir.clone(), e))?;
        Ok(staging)
    }

    /// The folder being filled.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn write(&self, files: &[OutputFile]) -> Result<(), WriteError> {
        for file in files {
            let path = self.dir.join(&file.path);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(|e| WriteError::Io(dir.to_path_buf(), e))?;
            }
            fs::write(&path, &file.contents).map_err(|e| WriteError::Io(path.clone(), e))?;
        }
        Ok(())
    }

    /// Two renames: the old output moves aside, the new one takes its place, then the old one goes.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let out = &self.out;
        let had_old = out.exists();
        if had_old {
            let _ = fs::remove_dir_all(&self.retired);
            fs::rename(out, &self.retired).map_err(|e| WriteError::Io(out.clone(), e))?;
        }
        if let Err(error) = fs::rename(&self.dir, out) {
            if had_old {
                let _ = fs::rename(&self.retired, out);
            }
            return Err(WriteError::Io(out.clone(), error));
        }
        self.committed = true;
        if had_old {
            let _ = fs::remove_dir_all(&self.retired);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn is_replaceable(out: &Path) -> bool {
    out.is_dir()
        && (out.join(MARKER).is_file()
            || fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_second_build_removes_files_that_no_longer_belong() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[file("a.html", "a"), file("en/b.html", "b")]).unwrap();
        write_site(&out, &[file("a.html", "A")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "A");
        assert!(!out.join("en").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[test]
    fn an_uncommitted_staging_folder_disappears_and_the_output_stays() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[file("a.html", "old")]).unwrap();
        {
            let staging = Staging::create(&out).unwrap();
            staging.write(&[file("a.html", "new")]).unwrap();
        }
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_not_made_by_leafpress_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        let error = write_site(dir.path(), &[file("a.html", "a")]).unwrap_err();
        assert!(matches!(error, WriteError::NotOurs(_)));
        assert_eq!(
            fs::read_to_string(dir.path().join("precious.txt")).unwrap(),
            "keep"
        );
    }
}
