//! Writing the built site: its files as values ([`OutputFile`]) sent into a [`Sink`], the
//! staging folder that replaces the output only when the build succeeded ([`staging`]), and
//! what makes the output ready for a CDN ([`cdn`]).

pub mod cdn;
pub mod staging;

use crate::diagnostic::Diagnostic;

/// One file of the built site: its path relative to the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Vec<u8>,
    /// The contents' SHA-256 in hex, when whoever made the file worked it out already (for a
    /// fingerprinted name): the manifest needs it too, and hashing is a twentieth of a build.
    pub sha256: Option<String>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, contents: impl Into<Vec<u8>>) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
            sha256: None,
        }
    }
}

/// Receives the files of the site as they are rendered, from several threads at once.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync + 'a;
