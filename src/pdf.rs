//! PDF handouts: print pages rendered by one headless Chromium over the DevTools protocol.
//! (Placeholder: the implementation lands with issue 3.)

use std::path::Path;

/// One PDF to make: a print page of the built site and where its PDF goes (both relative to
/// the site folder), with the metadata the PDF carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfJob {
    pub page: String,
    pub output: String,
    pub title: String,
    /// BCP 47 language of the document (`en`, `zh-Hans`).
    pub lang: String,
}

/// What went wrong making PDFs.
#[derive(Debug)]
pub enum PdfError {
    BrowserNotFound(String),
    Failed(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::BrowserNotFound(m) | PdfError::Failed(m) => f.write_str(m),
        }
    }
}

/// Renders every job's page from `site_dir` into its PDF inside `site_dir`.
pub fn render_pdfs(_site_dir: &Path, _jobs: &[PdfJob]) -> Result<(), PdfError> {
    Err(PdfError::Failed("PDF output is not implemented yet".into()))
}
