//! Writing the built site so that a failed build never leaves a half-written or wiped site
//! behind. A first build (or one whose output has no readable manifest) fills a fresh folder
//! beside the output and swaps it in; a rebuild stages only the files that changed and then
//! updates the output in place, undoing its steps should one fail. Either way, files whose
//! content did not change keep their modification times, so sync tools see only real changes.
//!
//! Why two ways: swapping in a whole new folder recreates every folder and file of the site on
//! every build (35,000 folders for 5,000 leaflets), which is most of a rebuild's time on disk
//! even when one leaflet changed. In place, a rebuild touches only what changed. The manifest
//! of the previous build says what the output holds; without one the output cannot be trusted
//! and is replaced whole.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

use super::OutputFile;
use super::cdn::{self, ManifestEntry};
use crate::layout::MANIFEST;

/// Written into every output folder so leafpress never replaces a folder it did not make.
/// Not listed in the manifest: deploy scripts that upload what the manifest lists skip it.
pub const MARKER: &str = ".leafpress-output";
const MARKER_TEXT: &str = "This folder is written by leafpress and brought up to date by every \
                           build: files put here by hand are removed.\n";

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

/// How a build reaches the output.
enum Mode {
    /// The staging folder receives the whole site (unchanged files hard-linked from the old
    /// output) and replaces the output with two renames.
    Swap,
    /// The output has a manifest: the staging folder receives only the files that changed;
    /// [`Staging::commit`] removes from the output what no longer belongs and moves them in.
    InPlace,
}

/// What the writers have done so far; shared between threads.
#[derive(Default)]
struct Progress {
    /// Every file of the new build by path: the new manifest.
    files: BTreeMap<String, ManifestEntry>,
    /// In place: files the output already holds with the right content. They are not staged.
    kept: HashSet<String>,
}

/// The next output being prepared in a folder beside the real one. The output changes only in
/// [`Staging::commit`]; dropped without it, the staging folder is removed and the output stays
/// as it was. [`Staging::write`] may be called from several threads at once.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    retired: PathBuf,
    committed: bool,
    options: WriteOptions,
    mode: Mode,
    /// Whether there is an output to compare with (a first build skips looking for old files).
    had_output: bool,
    /// The files of the current output, from its manifest: unchanged ones are not written.
    previous: BTreeMap<String, ManifestEntry>,
    /// When the current output's manifest was last modified: a file modified later was
    /// touched by something other than leafpress.
    manifest_modified: Option<SystemTime>,
    progress: Mutex<Progress>,
    /// Folders made so far, relative to the staging folder.
    folders: Mutex<HashSet<String>>,
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
        let manifest = fs::read(out.join(MANIFEST))
            .ok()
            .and_then(|bytes| cdn::read_manifest(&bytes));
        let manifest_modified = manifest.as_ref().and_then(|_| {
            fs::metadata(out.join(MANIFEST))
                .and_then(|m| m.modified())
                .ok()
        });
        // An empty folder (the other kind leafpress may write into) has no manifest.
        let mode = match manifest {
            Some(_) if out.join(MARKER).is_file() => Mode::InPlace,
            _ => Mode::Swap,
        };
        let staging = Staging {
            out: out.to_path_buf(),
            dir: parent.join(format!(".{name}.leafpress-new-{}", std::process::id())),
            retired: parent.join(format!(".{name}.leafpress-old-{}", std::process::id())),
            committed: false,
            options,
            mode,
            had_output: out.exists(),
            previous: manifest
                .unwrap_or_default()
                .into_iter()
                .map(|entry| (entry.path.clone(), entry))
                .collect(),
            manifest_modified,
            progress: Mutex::new(Progress::default()),
            folders: Mutex::new(HashSet::new()),
        };
        let _ = fs::remove_dir_all(&staging.dir);
        fs::create_dir_all(&staging.dir).map_err(|e| WriteError::Io(staging.dir.clone(), e))?;
        if let Mode::Swap = staging.mode {
            staging.write_bytes(MARKER, MARKER_TEXT.as_bytes())?;
        }
        Ok(staging)
    }

    /// Writes one file (and its compressed copies). A path written twice keeps the first
    /// content: two leaflets may use the same image, which then has the same fingerprinted name.
    pub fn write(&self, file: &OutputFile) -> Result<(), WriteError> {
        let new = entry_with_hash(
            &file.path,
            &file.contents,
            file.sha256
                .clone()
                .unwrap_or_else(|| cdn::content_hash(&file.contents)),
        );
        let unchanged = self.same_as_before(&new);
        if !self.claim(new) {
            return Ok(());
        }
        if !(unchanged && self.keep(&file.path)?) {
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
                && self.keep(&path)?
            {
                self.claim(old.clone());
                continue;
            }
            let bytes = compress(&file.contents);
            self.claim(entry(&path, &bytes));
            self.write_bytes(&path, &bytes)?;
        }
        Ok(())
    }

    fn progress(&self) -> MutexGuard<'_, Progress> {
        self.progress.lock().expect("no writer panicked")
    }

    /// Whether the previous build wrote the same content at the same path.
    fn same_as_before(&self, new: &ManifestEntry) -> bool {
        self.previous
            .get(&new.path)
            .is_some_and(|old| old.sha256 == new.sha256)
    }

    /// Adds the file to the manifest; false when its path was already written.
    fn claim(&self, entry: ManifestEntry) -> bool {
        let mut progress = self.progress();
        if progress.files.contains_key(&entry.path) {
            return false;
        }
        progress.files.insert(entry.path.clone(), entry);
        true
    }

    /// Whether the output still holds the previous build's file at `path`. The manifest is
    /// stale if someone edited the output since: a file must still have the recorded size, and
    /// one modified after the manifest was written (an edit that kept the size, or just a
    /// `touch`) must still have the recorded hash. Reading only those keeps a rebuild from
    /// reading the whole site back.
    fn still_in_output(&self, path: &str) -> bool {
        let Some(recorded) = self.previous.get(path) else {
            return false;
        };
        let full = self.out.join(path);
        let Ok(metadata) = fs::symlink_metadata(&full) else {
            return false;
        };
        if !metadata.is_file() || metadata.len() != recorded.size {
            return false;
        }
        let untouched = match (metadata.modified(), self.manifest_modified) {
            (Ok(modified), Some(manifest)) => modified <= manifest,
            _ => false,
        };
        untouched || fs::read(&full).is_ok_and(|bytes| cdn::content_hash(&bytes) == recorded.sha256)
    }

    /// Carries the previous output's file at `path` (content unchanged) into the new build, so
    /// it keeps its modification time: in place it is simply left where it is; in a swap it is
    /// hard-linked into the new folder. False when it has to be written after all.
    fn keep(&self, path: &str) -> Result<bool, WriteError> {
        if !self.still_in_output(path) {
            return Ok(false);
        }
        match self.mode {
            Mode::InPlace => {
                self.progress().kept.insert(path.to_string());
                Ok(true)
            }
            Mode::Swap => {
                self.make_folder(path)?;
                Ok(fs::hard_link(self.out.join(path), self.dir.join(path)).is_ok())
            }
        }
    }

    /// Makes the folder `path` goes in, inside the staging folder, and any folder above it
    /// still missing, each with one call: on tmpfs, making folders was a quarter of a large
    /// build's writing.
    fn make_folder(&self, path: &str) -> Result<(), WriteError> {
        let missing: Vec<&str> = {
            let folders = self.folders.lock().expect("no writer panicked");
            std::iter::successors(path.rsplit_once('/').map(|(folder, _)| folder), |folder| {
                folder.rsplit_once('/').map(|(parent, _)| parent)
            })
            .take_while(|folder| !folders.contains(*folder))
            .collect()
        };
        for folder in missing.iter().rev() {
            let full = self.dir.join(folder);
            match fs::create_dir(&full) {
                // Another thread may have made it since.
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    return Err(WriteError::Io(full, e));
                }
                _ => {}
            }
        }
        // Noted only once made, so no thread writes into a folder another is still making.
        self.folders
            .lock()
            .expect("no writer panicked")
            .extend(missing.into_iter().map(str::to_string));
        Ok(())
    }

    /// Writes a file into the staging folder. In a swap, the old output's copy is linked
    /// instead when it holds the same bytes (the manifest may have been missing), so sync tools
    /// that compare modification times see only real changes.
    fn write_bytes(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        self.make_folder(path)?;
        let target = self.dir.join(path);
        if let Mode::Swap = self.mode
            && self.had_output
        {
            let old = self.out.join(path);
            if holds(&old, bytes) && fs::hard_link(&old, &target).is_ok() {
                return Ok(());
            }
        }
        fs::write(&target, bytes).map_err(|e| WriteError::Io(target, e))
    }

    /// The files the previous build wrote (its manifest lists them) that this build has not
    /// written, in order: what committing removes.
    pub fn dropped(&self) -> Vec<String> {
        let progress = self.progress();
        self.previous
            .keys()
            .filter(|path| !progress.files.contains_key(*path))
            .cloned()
            .collect()
    }

    /// Puts the new build in place of the output.
    /// Returns how many files the output holds (the manifest included, the marker not).
    pub fn commit(mut self) -> Result<usize, WriteError> {
        let progress = std::mem::take(&mut *self.progress());
        let count = progress.files.len() + 1;
        match self.mode {
            Mode::Swap => self.swap(progress.files)?,
            Mode::InPlace => self.update_in_place(&progress.files, &progress.kept)?,
        }
        Ok(count)
    }

    /// Writes the manifest, then two renames: the old output moves aside, the new one takes its
    /// place, then the old one goes.
    fn swap(&mut self, files: BTreeMap<String, ManifestEntry>) -> Result<(), WriteError> {
        self.write_bytes(MANIFEST, &cdn::manifest(files.into_values().collect()))?;
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

    /// Looks over the output, removes its manifest and what the new build does not have, then
    /// moves the changed files in and writes the new manifest. Every step is noted with the way
    /// to take it back: removed files are moved aside into the retired folder and replaced ones
    /// linked there first, so should a step fail, the steps before it are undone and the output
    /// is left as it was. Should undoing fail too, the output is left without a manifest, so the
    /// next build replaces it whole rather than trusting it. (A manifest that does not change
    /// stays: it already describes the output as it should be, and the next build's size checks
    /// and walk finish what was left.)
    ///
    /// Removing comes before moving (the other way round would show readers new files a moment
    /// sooner) so that nothing is in the way of a move: a file of an earlier build where the
    /// new build needs a folder, a folder where it needs a file, or a symbolic link someone put
    /// there, which a move must not write through.
    fn update_in_place(
        &mut self,
        files: &BTreeMap<String, ManifestEntry>,
        kept: &HashSet<String>,
    ) -> Result<(), WriteError> {
        let manifest = cdn::manifest(files.values().cloned().collect());
        let manifest_path = self.out.join(MANIFEST);
        // A rebuild that changed nothing leaves the manifest, like every other file, untouched.
        let same_manifest = fs::read(&manifest_path).is_ok_and(|old| old == manifest);
        let staged_manifest = self.dir.join(MANIFEST);
        if !same_manifest {
            fs::write(&staged_manifest, &manifest)
                .map_err(|e| WriteError::Io(staged_manifest.clone(), e))?;
        }
        let survey = survey(&self.out, files)?;
        let mut moves = Vec::new();
        for path in files.keys() {
            if kept.contains(path) {
                if survey.found.contains(path.as_str()) {
                    continue;
                }
                // There when its build wrote it, but not found by the walk: it lies behind a
                // symbolic link (which goes), or went during the build. Moved in as a copy, or
                // the commit stops here with the output untouched.
                self.copy_from_output(path)?;
            }
            moves.push(path);
        }
        let _ = fs::remove_dir_all(&self.retired);
        fs::create_dir(&self.retired).map_err(|e| WriteError::Io(self.retired.clone(), e))?;
        let mut journal = Journal {
            aside: &self.retired,
            undo: Vec::new(),
        };
        let mut update = || {
            if !same_manifest {
                journal.move_aside(&manifest_path)?;
            }
            for (path, is_folder) in &survey.stale {
                if *is_folder {
                    journal.remove_folder(path)?;
                } else {
                    journal.move_aside(path)?;
                }
            }
            for path in &moves {
                journal.move_in(&self.dir.join(path), &self.out.join(path))?;
            }
            if !same_manifest {
                journal.move_in(&staged_manifest, &manifest_path)?;
            }
            Ok(())
        };
        let updated = update();
        if updated.is_ok() {
            self.committed = true;
            let _ = fs::remove_dir_all(&self.dir);
        } else {
            journal.roll_back(&manifest_path);
        }
        let _ = fs::remove_dir_all(&self.retired);
        updated
    }

    /// Copies the output's file at `path` into the staging folder, replacing a link to it.
    fn copy_from_output(&self, path: &str) -> Result<(), WriteError> {
        self.make_folder(path)?;
        let to = self.dir.join(path);
        let _ = fs::remove_file(&to);
        fs::copy(self.out.join(path), &to)
            .map(|_| ())
            .map_err(|e| WriteError::Io(to, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// The changes an in-place commit made to the output, in order, each with what undoes it.
struct Journal<'a> {
    /// Where removed and replaced files are kept until the commit is over (the retired folder).
    aside: &'a Path,
    undo: Vec<Undo>,
}

/// How to take back one change to the output.
enum Undo {
    /// The file (or link) `at` was moved to `kept`, or linked there before being replaced.
    PutBack { kept: PathBuf, at: PathBuf },
    /// The empty folder `at` was removed.
    MakeFolder(PathBuf),
    /// The file `at` was moved in where there was none.
    RemoveFile(PathBuf),
    /// The folder `at` was made.
    RemoveFolder(PathBuf),
}

impl Journal<'_> {
    fn next_aside(&self) -> PathBuf {
        self.aside.join(self.undo.len().to_string())
    }

    fn move_aside(&mut self, at: &Path) -> Result<(), WriteError> {
        let kept = self.next_aside();
        fs::rename(at, &kept).map_err(|e| WriteError::Io(at.to_path_buf(), e))?;
        self.undo.push(Undo::PutBack {
            kept,
            at: at.to_path_buf(),
        });
        Ok(())
    }

    fn remove_folder(&mut self, at: &Path) -> Result<(), WriteError> {
        fs::remove_dir(at).map_err(|e| WriteError::Io(at.to_path_buf(), e))?;
        self.undo.push(Undo::MakeFolder(at.to_path_buf()));
        Ok(())
    }

    /// Moves `from` to `to`, making the folders it needs. A file already at `to` is replaced
    /// at once by the rename (a reader gets the old or the new bytes), so it is kept by a
    /// second link rather than moved aside first.
    fn move_in(&mut self, from: &Path, to: &Path) -> Result<(), WriteError> {
        if let Some(folder) = to.parent() {
            let missing: Vec<&Path> = folder.ancestors().take_while(|f| !f.exists()).collect();
            for folder in missing.into_iter().rev() {
                fs::create_dir(folder).map_err(|e| WriteError::Io(folder.to_path_buf(), e))?;
                self.undo.push(Undo::RemoveFolder(folder.to_path_buf()));
            }
        }
        let replaced = fs::symlink_metadata(to).is_ok();
        if replaced {
            let kept = self.next_aside();
            if fs::hard_link(to, &kept).is_err() {
                fs::rename(to, &kept).map_err(|e| WriteError::Io(to.to_path_buf(), e))?;
            }
            self.undo.push(Undo::PutBack {
                kept,
                at: to.to_path_buf(),
            });
        }
        fs::rename(from, to).map_err(|e| WriteError::Io(to.to_path_buf(), e))?;
        if !replaced {
            self.undo.push(Undo::RemoveFile(to.to_path_buf()));
        }
        Ok(())
    }

    /// Undoes the changes, last first. The old manifest goes back only if everything else
    /// did: an output it does not describe must have none.
    fn roll_back(self, manifest: &Path) {
        let mut restored = true;
        for undo in self.undo.into_iter().rev() {
            let done = match &undo {
                Undo::PutBack { at, .. } if at == manifest && !restored => continue,
                Undo::PutBack { kept, at } => fs::rename(kept, at),
                Undo::MakeFolder(at) => fs::create_dir(at),
                Undo::RemoveFile(at) => fs::remove_file(at),
                Undo::RemoveFolder(at) => fs::remove_dir(at),
            };
            restored &= done.is_ok();
        }
    }
}

fn entry(path: &str, bytes: &[u8]) -> ManifestEntry {
    entry_with_hash(path, bytes, cdn::content_hash(bytes))
}

/// [`entry`] for bytes whose SHA-256 is known.
fn entry_with_hash(path: &str, bytes: &[u8], sha256: String) -> ManifestEntry {
    ManifestEntry {
        path: path.to_string(),
        size: bytes.len() as u64,
        sha256,
    }
}

/// Whether the file at `path` holds exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|old| old == bytes)
}

fn is_replaceable(out: &Path) -> bool {
    out.is_dir()
        && (out.join(MARKER).is_file()
            || fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_none()))
}

/// What an output holds beside a new build, found before anything in it changes.
struct Survey<'a> {
    /// Files, symbolic links and folders the new build does not have, each folder after
    /// everything in it (true for a folder): files of earlier builds, anything put there by
    /// hand, and the folders that leaves empty.
    stale: Vec<(PathBuf, bool)>,
    /// The build's files that the output holds as regular files, not behind a symbolic link.
    found: HashSet<&'a str>,
}

/// Walks `out` (without following symbolic links) for what [`Survey`] tells. The marker and
/// the manifest belong, as does every folder one of `files` is in.
fn survey<'a>(
    out: &Path,
    files: &'a BTreeMap<String, ManifestEntry>,
) -> Result<Survey<'a>, WriteError> {
    let mut folders: HashSet<&str> = HashSet::new();
    for path in files.keys() {
        let mut rest = path.as_str();
        while let Some((folder, _)) = rest.rsplit_once('/') {
            if !folders.insert(folder) {
                break;
            }
            rest = folder;
        }
    }
    let mut survey = Survey {
        stale: Vec::new(),
        found: HashSet::new(),
    };
    // Contents first: a folder comes after everything in it, which is all stale when the
    // folder is (nothing the build has can be inside a folder it does not need).
    for item in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let item = item.map_err(|e| {
            let path = e.path().unwrap_or(out).to_path_buf();
            WriteError::Io(path, e.into())
        })?;
        let kind = item.file_type();
        // Manifest paths are UTF-8 with `/`: any other name is no file of ours.
        let path = item.path().strip_prefix(out).ok().and_then(Path::to_str);
        let belongs = match path {
            None => false,
            Some(path) if kind.is_dir() => folders.contains(path),
            Some(path) if path == MARKER || path == MANIFEST => true,
            Some(path) => match files.get_key_value(path) {
                Some((path, _)) if kind.is_file() => {
                    survey.found.insert(path.as_str());
                    true
                }
                // A link or other special file: the move of the build's file replaces it.
                Some(_) => true,
                None => false,
            },
        };
        if !belongs {
            survey
                .stale
                .push((item.path().to_path_buf(), kind.is_dir()));
        }
    }
    Ok(survey)
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
        OutputFile::new(path, text)
    }

    /// A temporary folder and, inside it, where a test's output goes (not made yet).
    fn temp_out() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        (dir, out)
    }

    fn set_modified(path: &Path, time: SystemTime) {
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(time).unwrap();
    }

    #[test]
    fn a_second_build_removes_files_that_no_longer_belong() {
        let (dir, out) = temp_out();
        write_site(&out, &[file("a.html", "a"), file("en/b.html", "b")]).unwrap();
        write_site(&out, &[file("a.html", "A")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "A");
        assert!(!out.join("en").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[test]
    fn an_uncommitted_staging_folder_disappears_and_the_output_stays() {
        let (dir, out) = temp_out();
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
    use std::os::unix::fs::MetadataExt;
    use std::time::SystemTime;

    fn write_site_with(
        out: &Path,
        files: &[OutputFile],
        options: WriteOptions,
    ) -> Result<usize, WriteError> {
        let staging = Staging::create(out, options)?;
        for file in files {
            staging.write(file)?;
        }
        staging.commit()
    }

    /// What a sync tool sees of one file: its bytes, its inode and its modification time.
    #[derive(Debug, PartialEq)]
    struct Seen {
        bytes: Vec<u8>,
        inode: u64,
        modified: SystemTime,
    }

    /// Every file and folder under `out` by relative path; folders have no bytes.
    fn look(out: &Path) -> BTreeMap<String, Seen> {
        walkdir::WalkDir::new(out)
            .into_iter()
            .map(|item| item.unwrap())
            .map(|item| {
                let metadata = item.metadata().unwrap();
                let path = item.path().strip_prefix(out).unwrap();
                let seen = Seen {
                    bytes: if metadata.is_file() {
                        fs::read(item.path()).unwrap()
                    } else {
                        Vec::new()
                    },
                    inode: metadata.ino(),
                    modified: metadata.modified().unwrap(),
                };
                (path.to_str().unwrap().to_string(), seen)
            })
            .collect()
    }

    /// Sets every file's modification time a month back, so a rewrite shows whatever the file
    /// system's clock resolution.
    fn backdate(out: &Path) {
        let long_ago = SystemTime::now() - std::time::Duration::from_secs(30 * 24 * 3600);
        for item in walkdir::WalkDir::new(out) {
            let item = item.unwrap();
            if item.file_type().is_file() {
                set_modified(item.path(), long_ago);
            }
        }
    }

    /// Asserts that `manifest.json` lists exactly the files on disk (but itself and the
    /// marker) with their sizes and hashes.
    fn assert_manifest_matches_disk(out: &Path) {
        let manifest = cdn::read_manifest(&fs::read(out.join(MANIFEST)).unwrap()).unwrap();
        let listed: BTreeMap<String, (u64, String)> = manifest
            .into_iter()
            .map(|entry| (entry.path, (entry.size, entry.sha256)))
            .collect();
        let on_disk: BTreeMap<String, (u64, String)> = look(out)
            .into_iter()
            .filter(|(path, _)| out.join(path).is_file())
            .filter(|(path, _)| path != MARKER && path != MANIFEST)
            .map(|(path, seen)| {
                let hash = cdn::content_hash(&seen.bytes);
                (path, (seen.bytes.len() as u64, hash))
            })
            .collect();
        assert_eq!(listed, on_disk);
    }

    fn files_in(out: &Path) -> BTreeMap<String, Vec<u8>> {
        look(out)
            .into_iter()
            .filter(|(path, _)| out.join(path).is_file())
            .map(|(path, seen)| (path, seen.bytes))
            .collect()
    }

    fn site(b: &str) -> Vec<OutputFile> {
        vec![
            file("index.html", "home"),
            file("en/a/index.html", "page a"),
            file("en/b/index.html", b),
            file("assets/style.css", "body {}"),
        ]
    }

    #[test]
    fn an_in_place_rebuild_rewrites_only_the_changed_file() {
        let (dir, out) = temp_out();
        let compress = WriteOptions { compress: true };
        write_site_with(&out, &site("page b"), compress).unwrap();
        backdate(&out);
        let before = look(&out);
        write_site_with(&out, &site("page b, edited"), compress).unwrap();
        let after = look(&out);

        let changed: Vec<&str> = after
            .iter()
            .filter(|(path, seen)| before.get(*path) != Some(seen))
            .map(|(path, _)| path.as_str())
            .filter(|path| out.join(path).is_file())
            .collect();
        assert_eq!(
            changed,
            [
                "en/b/index.html",
                "en/b/index.html.br",
                "en/b/index.html.gz",
                "manifest.json",
            ]
        );
        assert_eq!(after["en/b/index.html"].bytes, b"page b, edited");
        // The folders themselves stay, which a swap of the whole output would replace.
        assert_eq!(before[""].inode, after[""].inode);
        assert_eq!(before["en/b"].inode, after["en/b"].inode);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no staging");
    }

    #[test]
    fn a_rebuild_with_nothing_changed_touches_nothing() {
        let (_dir, out) = temp_out();
        let compress = WriteOptions { compress: true };
        write_site_with(&out, &site("page b"), compress).unwrap();
        backdate(&out);
        let before = look(&out);
        let count = write_site_with(&out, &site("page b"), compress).unwrap();
        assert_eq!(look(&out), before, "every file and folder as it was");
        assert_eq!(count, 4 * 3 + 1, "the files, their copies and the manifest");
    }

    #[test]
    fn a_hand_edit_that_keeps_the_size_is_undone_by_the_next_build() {
        let (_dir, out) = temp_out();
        write_site(&out, &site("page b")).unwrap();
        backdate(&out);
        // Same length, so only the modification time gives the edit away.
        fs::write(out.join("en/a/index.html"), "page X").unwrap();
        write_site(&out, &site("page b")).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("en/a/index.html")).unwrap(),
            "page a"
        );
        assert_manifest_matches_disk(&out);
    }

    #[test]
    fn a_touched_but_unchanged_file_is_not_rewritten() {
        let (_dir, out) = temp_out();
        write_site(&out, &site("page b")).unwrap();
        backdate(&out);
        set_modified(&out.join("en/a/index.html"), SystemTime::now());
        let before = look(&out);
        write_site(&out, &site("page b")).unwrap();
        assert_eq!(look(&out), before, "same bytes, same inode, same time");
    }

    #[test]
    fn a_file_gone_from_the_build_is_removed_with_its_emptied_folders() {
        let (_dir, out) = temp_out();
        let mut files = site("page b");
        files.push(file("zh/c/print/index.html", "page c"));
        files.push(file("en/a/old.svg", "<svg/>"));
        write_site(&out, &files).unwrap();
        write_site(&out, &site("page b")).unwrap();
        assert!(
            !out.join("zh").exists(),
            "zh/c/print/ and the folders above go"
        );
        assert!(!out.join("en/a/old.svg").exists());
        assert!(
            out.join("en/a/index.html").is_file(),
            "the folder stays for its page"
        );
        assert_eq!(
            files_in(&out).len(),
            4 + 2,
            "the files, manifest and marker"
        );
        assert_manifest_matches_disk(&out);
    }

    #[test]
    fn files_and_folders_put_in_the_output_by_hand_are_removed() {
        let (dir, out) = temp_out();
        write_site(&out, &site("page b")).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        fs::write(out.join("en/a/index.html~"), "editor backup").unwrap();
        fs::create_dir_all(out.join("drafts/empty")).unwrap();
        // A folder where the build has a file, and a file where it needs a folder.
        fs::remove_file(out.join("assets/style.css")).unwrap();
        fs::create_dir_all(out.join("assets/style.css/inside")).unwrap();
        fs::write(out.join("assets/style.css/inside/x"), "x").unwrap();
        fs::remove_dir_all(out.join("en/a")).unwrap();
        fs::write(out.join("en/a"), "a file in the way").unwrap();

        write_site(&out, &site("page b")).unwrap();
        let fresh = dir.path().join("fresh");
        write_site(&fresh, &site("page b")).unwrap();
        assert_eq!(files_in(&out), files_in(&fresh));
        assert!(!out.join("drafts").exists(), "empty folders go too");
        assert_manifest_matches_disk(&out);
    }

    #[test]
    fn a_symbolic_link_in_the_output_is_removed_never_written_through() {
        let (dir, out) = temp_out();
        write_site(&out, &site("page b")).unwrap();
        // Someone replaced en/ with a link to a folder of theirs holding the same pages.
        let theirs = dir.path().join("theirs");
        fs::rename(out.join("en"), &theirs).unwrap();
        std::os::unix::fs::symlink(&theirs, out.join("en")).unwrap();
        let before = look(&theirs);

        write_site(&out, &site("page b, edited")).unwrap();
        assert!(fs::symlink_metadata(out.join("en")).unwrap().is_dir());
        assert_eq!(read(&out, "en/a/index.html"), "page a", "kept, as a copy");
        assert_eq!(read(&out, "en/b/index.html"), "page b, edited");
        assert_eq!(look(&theirs), before, "their folder is untouched");
        assert_manifest_matches_disk(&out);
    }

    fn read(out: &Path, path: &str) -> String {
        fs::read_to_string(out.join(path)).unwrap()
    }

    #[test]
    fn a_dropped_in_place_staging_leaves_the_output_byte_identical() {
        let (dir, out) = temp_out();
        write_site_with(&out, &site("page b"), WriteOptions { compress: true }).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let before = look(&out);
        {
            let staging = Staging::create(&out, WriteOptions { compress: true }).unwrap();
            for file in site("page b, edited") {
                staging.write(&file).unwrap();
            }
            staging.write(&file("en/new/index.html", "new")).unwrap();
            // Dropped: the build failed.
        }
        assert_eq!(look(&out), before);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no staging");
    }

    #[test]
    fn an_in_place_commit_that_fails_half_way_leaves_the_output_as_it_was() {
        let (dir, out) = temp_out();
        let compress = WriteOptions { compress: true };
        let mut first = site("page b");
        first.push(file("en/old/index.html", "old page"));
        write_site_with(&out, &first, compress).unwrap();
        fs::write(out.join("en/a/notes.txt"), "mine").unwrap();
        let before = look(&out);

        let staging = Staging::create(&out, compress).unwrap();
        // Changed, new in a new folder, and last in path order: the commit fails there, after
        // removing the stale files and folder and moving the others in.
        let mut second = site("page b, edited");
        second.push(file("en/new/index.html", "new"));
        second.push(file("zh/z/index.html", "z"));
        for file in &second {
            staging.write(file).unwrap();
        }
        fs::remove_file(staging.dir.join("zh/z/index.html.gz")).unwrap();
        let error = staging.commit().unwrap_err().to_string();
        assert!(error.contains("zh/z/index.html.gz"), "{error}");

        let after = look(&out);
        let files = |seen: &BTreeMap<String, Seen>| -> Vec<(String, Vec<u8>, u64)> {
            seen.iter()
                .filter(|(path, _)| out.join(path).is_file())
                .map(|(path, seen)| (path.clone(), seen.bytes.clone(), seen.inode))
                .collect()
        };
        assert_eq!(
            files(&after),
            files(&before),
            "same files (the manifest too), same inodes"
        );
        assert_eq!(
            after.keys().collect::<Vec<_>>(),
            before.keys().collect::<Vec<_>>(),
            "same folders"
        );
        for (path, seen) in &before {
            if out.join(path).is_file() {
                assert_eq!(after[path].modified, seen.modified, "{path}");
            }
        }
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging or retired folder"
        );

        // The next build goes ahead in place, as if nothing had happened.
        write_site_with(&out, &second, compress).unwrap();
        assert_eq!(read(&out, "zh/z/index.html"), "z");
        assert!(!out.join("en/old").exists());
        assert_manifest_matches_disk(&out);
    }

    #[test]
    fn an_output_that_cannot_be_rolled_back_is_left_without_its_manifest() {
        for lost in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let (out, aside) = (dir.path().join("public"), dir.path().join("aside"));
            fs::create_dir_all(out.join("en")).unwrap();
            fs::create_dir(&aside).unwrap();
            let manifest = out.join(MANIFEST);
            fs::write(&manifest, "{}").unwrap();
            fs::write(out.join("en/a.html"), "a").unwrap();
            let mut journal = Journal {
                aside: &aside,
                undo: Vec::new(),
            };
            journal.move_aside(&manifest).unwrap();
            journal.move_aside(&out.join("en/a.html")).unwrap();
            journal.remove_folder(&out.join("en")).unwrap();
            if lost {
                // What was moved aside is gone: that step cannot be undone.
                fs::remove_file(aside.join("1")).unwrap();
            }
            journal.roll_back(&manifest);
            assert!(out.join("en").is_dir(), "lost: {lost}");
            assert_eq!(out.join("en/a.html").is_file(), !lost);
            assert_eq!(
                manifest.is_file(),
                !lost,
                "a manifest only for an output it describes"
            );
        }
    }

    #[test]
    fn the_manifest_after_an_in_place_rebuild_matches_the_disk() {
        let (dir, out) = temp_out();
        let compress = WriteOptions { compress: true };
        write_site_with(&out, &site("page b"), compress).unwrap();
        // A file edited by hand (so its size no longer matches the manifest) is rewritten.
        fs::write(out.join("en/a/index.html"), "edited by hand").unwrap();
        fs::write(out.join("stray.html"), "stray").unwrap();
        let mut files = site("page b, edited");
        files.push(file("en/new/index.html", "new"));
        write_site_with(&out, &files, compress).unwrap();
        assert_eq!(read(&out, "en/a/index.html"), "page a");
        assert!(!out.join("stray.html").exists());
        assert_manifest_matches_disk(&out);
        let fresh = dir.path().join("fresh");
        write_site_with(&fresh, &files, compress).unwrap();
        assert_eq!(files_in(&out), files_in(&fresh));
    }

    #[test]
    fn a_missing_or_corrupt_manifest_falls_back_to_a_full_build() {
        for damage in ["missing", "corrupt"] {
            let (dir, out) = temp_out();
            write_site(&out, &site("page b")).unwrap();
            backdate(&out);
            match damage {
                "missing" => fs::remove_file(out.join(MANIFEST)).unwrap(),
                _ => fs::write(out.join(MANIFEST), "{\"files\": [").unwrap(),
            }
            fs::write(out.join("en/a/stray.txt"), "stray").unwrap();
            let before = look(&out);
            write_site(&out, &site("page b, edited")).unwrap();
            let after = look(&out);
            assert_ne!(before[""].inode, after[""].inode, "{damage}: swapped whole");
            assert_eq!(
                before["en/a/index.html"], after["en/a/index.html"],
                "{damage}: an unchanged file is still carried over"
            );
            assert_manifest_matches_disk(&out);
            let fresh = dir.path().join("fresh");
            write_site(&fresh, &site("page b, edited")).unwrap();
            assert_eq!(files_in(&out), files_in(&fresh), "{damage}");
        }
    }
}
