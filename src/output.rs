//! Writing the built site: into a fresh folder beside the output, then swapped in, so a failed
//! build never leaves a half-written or wiped site behind. Files whose content did not change
//! since the last build are carried over (hard-linked), so they keep their modification times
//! and sync tools see only real changes.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::cdn::{self, ManifestEntry};
use crate::render::OutputFile;

/// Written into every output folder so leafpress never replaces a folder it did not make.
/// Not listed in the manifest: deploy scripts that upload what the manifest lists skip it.
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

/// How the output is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// Also write `.gz` and `.br` copies of every text file.
    pub compress: bool,
}

/// A new output folder being filled beside the real one. It replaces the output only on
/// [`Staging::commit`]; dropped without it, it is removed and the output stays as it was.
/// [`Staging::write`] may be called from several threads at once.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    retired: PathBuf,
    committed: bool,
    options: WriteOptions,
    /// The files of the current output, from its manifest: unchanged ones are linked, not written.
    previous: BTreeMap<String, ManifestEntry>,
    written: Mutex<BTreeMap<String, ManifestEntry>>,
    folders: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    pub fn create(out: &Path, options: WriteOptions) -> Result<Staging, WriteError> {
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
        let previous = fs::read(out.join(cdn::MANIFEST))
            .ok()
            .and_then(|bytes| cdn::read_manifest(&bytes))
            .unwrap_or_default()
            .into_iter()
            .map(|entry| (entry.path.clone(), entry))
            .collect();
        let staging = Staging {
            out: out.to_path_buf(),
            dir: parent.join(format!(".{name}.leafpress-new-{}", std::process::id())),
            retired: parent.join(format!(".{name}.leafpress-old-{}", std::process::id())),
            committed: false,
            options,
            previous,
            written: Mutex::new(BTreeMap::new()),
            folders: Mutex::new(HashSet::new()),
        };
        let _ = fs::remove_dir_all(&staging.dir);
        fs::create_dir_all(&staging.dir).map_err(|e| WriteError::Io(staging.dir.clone(), e))?;
        staging.write_bytes(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// The folder being filled.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file (and its compressed copies). A path written twice keeps the first
    /// content: two leaflets may use the same image, which then has the same fingerprinted name.
    pub fn write(&self, file: &OutputFile) -> Result<(), WriteError> {
        let new = entry(&file.path, &file.contents);
        let unchanged = self
            .previous
            .get(&file.path)
            .is_some_and(|old| old.sha256 == new.sha256);
        if !self.claim(new)? {
            return Ok(());
        }
        if !(unchanged && self.link_previous(&file.path)) {
            self.write_bytes(&file.path, &file.contents)?;
        }
        if !(self.options.compress && cdn::is_compressible(&file.path)) {
            return Ok(());
        }
        for (extension, compress) in [
            ("gz", cdn::gzip as fn(&[u8]) -> Vec<u8>),
            ("br", cdn::brotli),
        ] {
            let path = format!("{}.{extension}", file.path);
            // Compressing is the slow part: an unchanged file's old copies are reused.
            if let Some(old) = self.previous.get(&path).filter(|_| unchanged)
                && self.link_previous(&path)
            {
                self.claim(old.clone())?;
                continue;
            }
            let bytes = compress(&file.contents);
            self.claim(entry(&path, &bytes))?;
            self.write_bytes(&path, &bytes)?;
        }
        Ok(())
    }

    /// Records a file something else wrote into [`Staging::dir`] (the PDFs).
    pub fn record(&self, path: &str) -> Result<(), WriteError> {
        let full = self.dir.join(path);
        let bytes = fs::read(&full).map_err(|e| WriteError::Io(full.clone(), e))?;
        self.claim(entry(path, &bytes)).map(|_| ())
    }

    /// Adds the file to the manifest; false when its path was already written.
    fn claim(&self, entry: ManifestEntry) -> Result<bool, WriteError> {
        let mut written = self.written.lock().expect("no writer panicked");
        if written.contains_key(&entry.path) {
            return Ok(false);
        }
        let folder = self.dir.join(&entry.path);
        written.insert(entry.path.clone(), entry);
        drop(written);
        if let Some(folder) = folder.parent() {
            let new = self
                .folders
                .lock()
                .expect("no writer panicked")
                .insert(folder.to_path_buf());
            if new {
                fs::create_dir_all(folder).map_err(|e| WriteError::Io(folder.to_path_buf(), e))?;
            }
        }
        Ok(true)
    }

    /// Links the current output's file at `path` into the new folder, keeping its modification
    /// time. The manifest may be stale if someone edited the output, so only a file that still
    /// has the recorded size is linked; false when nothing was linked.
    fn link_previous(&self, path: &str) -> bool {
        let old = self.out.join(path);
        let recorded = self.previous.get(path).map(|entry| entry.size);
        let same_size = fs::metadata(&old).is_ok_and(|m| Some(m.len()) == recorded);
        same_size && fs::hard_link(&old, self.dir.join(path)).is_ok()
    }

    /// Writes a file into the new folder, or links the current output's copy when it holds the
    /// same bytes, so sync tools that compare modification times see only real changes.
    fn write_bytes(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let target = self.dir.join(path);
        let old = self.out.join(path);
        let same = fs::metadata(&old).is_ok_and(|m| m.len() == bytes.len() as u64)
            && fs::read(&old).is_ok_and(|old_bytes| old_bytes == bytes);
        if same && fs::hard_link(&old, &target).is_ok() {
            return Ok(());
        }
        fs::write(&target, bytes).map_err(|e| WriteError::Io(target, e))
    }

    /// Writes the manifest, then two renames: the old output moves aside, the new one takes its
    /// place, then the old one goes.
    /// Returns how many files the output holds (the manifest included, the marker not).
    pub fn commit(mut self) -> Result<usize, WriteError> {
        let entries: Vec<ManifestEntry> =
            std::mem::take(&mut *self.written.lock().expect("no writer panicked"))
                .into_values()
                .collect();
        let count = entries.len() + 1;
        self.write_bytes(cdn::MANIFEST, &cdn::manifest(entries))?;
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
        Ok(count)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn entry(path: &str, bytes: &[u8]) -> ManifestEntry {
    ManifestEntry {
        path: path.to_string(),
        size: bytes.len() as u64,
        sha256: cdn::content_hash(bytes),
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

    /// Replaces `out` with exactly `files` (plus the manifest), as a build does.
    fn write_site(out: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
        let staging = Staging::create(out, WriteOptions::default())?;
        for file in files {
            staging.write(file)?;
        }
        staging.commit().map(|_| ())
    }

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
            let staging = Staging::create(&out, WriteOptions::default()).unwrap();
            staging.write(&file("a.html", "new")).unwrap();
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
