//! The typst `World` of one document: its generated main source, the template, its in-memory
//! files (QR codes, images), the run's shared fonts and library, and a fixed date. Nothing is
//! read from disk and no package is ever downloaded.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use super::fonts::Fonts;

/// The virtual path of the generated main file.
pub(crate) const MAIN_PATH: &str = "/main.typ";

/// The virtual path the template is served at; the main file imports it from there.
pub(crate) const TEMPLATE_PATH: &str = "/print.typ";

/// The file id of a virtual path in the project (not a package).
///
/// Typst keeps every file id for the life of the process (at most 65,535 of them), so only
/// fixed names and content-hash names are interned here.
pub(crate) fn project_file(path: &str) -> Result<FileId, String> {
    let vpath =
        VirtualPath::new(path).map_err(|error| format!("bad virtual path {path}: {error}"))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// One document's world.
pub(crate) struct DocumentWorld<'a> {
    pub(crate) library: &'a LazyHash<Library>,
    pub(crate) fonts: &'a Fonts,
    pub(crate) main: Source,
    pub(crate) template: Source,
    /// Everything else the document may read, by file id.
    pub(crate) files: HashMap<FileId, Bytes>,
    pub(crate) today: Option<Datetime>,
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.template.id() {
            Ok(self.template.clone())
        } else {
            match self.file(id) {
                Ok(_) => Err(FileError::NotSource),
                Err(error) => Err(error),
            }
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            // Leaflets print offline and the same every time: no package is ever fetched.
            return Err(FileError::Package(PackageError::Other(Some(
                format!("packages are not supported in leaflet templates ({spec})").into(),
            ))));
        }
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        if id == self.template.id() {
            return Ok(Bytes::from_string(self.template.clone()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The job's date, never the clock: the same input gives the same PDF on any day.
        self.today
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use typst::LibraryExt;

    fn world_with(files: HashMap<FileId, Bytes>, fonts: &Fonts) -> DocumentWorld<'_> {
        static LIBRARY: std::sync::LazyLock<LazyHash<Library>> =
            std::sync::LazyLock::new(|| LazyHash::new(Library::builder().build()));
        let main = Source::new(project_file(MAIN_PATH).expect("main id"), "#1".into());
        let template = Source::new(project_file(TEMPLATE_PATH).expect("template id"), "".into());
        DocumentWorld {
            library: &LIBRARY,
            fonts,
            main,
            template,
            files,
            today: Datetime::from_ymd(2026, 3, 2),
        }
    }

    fn no_fonts() -> Fonts {
        let dir =
            std::env::temp_dir().join(format!("leafpress-pdf-nofonts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp folder");
        Fonts::in_folders(&[dir]).expect("empty font folder")
    }

    #[test]
    fn serves_in_memory_files_and_nothing_else() {
        let fonts = no_fonts();
        let qr = project_file("/qr-0.svg").expect("id");
        let world = world_with(
            HashMap::from([(qr, Bytes::new(b"<svg/>".to_vec()))]),
            &fonts,
        );
        assert_eq!(world.file(qr).expect("served").as_slice(), b"<svg/>");
        assert!(matches!(world.source(qr), Err(FileError::NotSource)));
        let passwd = project_file("/etc/passwd").expect("id");
        assert!(matches!(world.file(passwd), Err(FileError::NotFound(_))));
        assert!(world.source(world.main()).is_ok());
        assert_eq!(world.today(None), Datetime::from_ymd(2026, 3, 2));
    }

    #[test]
    fn refuses_packages() {
        let fonts = no_fonts();
        let world = world_with(HashMap::new(), &fonts);
        let spec: typst::syntax::package::PackageSpec =
            "@preview/example:0.1.0".parse().expect("spec");
        let id = RootedPath::new(
            VirtualRoot::Package(spec),
            VirtualPath::new("/lib.typ").expect("path"),
        )
        .intern();
        assert!(matches!(world.source(id), Err(FileError::Package(_))));
    }
}
