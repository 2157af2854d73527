//! leafpress: a static site generator for bilingual hospital procedure leaflets.
//!
//! The pipeline reads top to bottom: [`site::Site::load`] → [`check::check_site`] →
//! [`render::render_site`] → [`output::write_site`], over plain owned values.

pub mod check;
pub mod cjk_emphasis;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod frontmatter;
pub mod i18n;
pub mod lint;
pub mod markdown;
pub mod output;
pub mod pdf;
pub mod print;
pub mod qr;
pub mod render;
pub mod report;
pub mod site;
pub mod source;
pub mod templates;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use diagnostic::{Diagnostic, Diagnostics, Location};
use render::OutputFile;

/// What a run found and, when nothing stopped it, the files of the site.
pub struct Outcome {
    pub diagnostics: Diagnostics,
    /// Empty when there were errors.
    pub files: Vec<OutputFile>,
    /// The PDFs the print pages make (used with `--pdf`).
    pub pdf_jobs: Vec<pdf::PdfJob>,
    /// The site as loaded, for reports.
    pub site: site::Site,
}

/// How a run is asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    pub base_url: Option<String>,
    /// Make PDFs of the print pages (and link to them from the pages).
    pub pdf: bool,
    /// The date review deadlines are measured against; the system date when `None`.
    pub today: Option<time::Date>,
    /// Treat warnings as errors.
    pub deny_warnings: bool,
}

impl Options {
    fn today(&self) -> time::Date {
        self.today
            .unwrap_or_else(|| time::OffsetDateTime::now_utc().date())
    }
}

/// Loads, checks and renders the site in memory. Nothing is written.
pub fn run(options: &Options) -> Outcome {
    let root = options.root.as_path();
    let mut diagnostics = Vec::new();
    let site = site::Site::load(
        root,
        options.base_url.as_deref(),
        options.today(),
        &mut diagnostics,
    );
    if site.config.base_url_is_placeholder {
        diagnostics.push(
            Diagnostic::warning(
                Location::file(config::SITE_FILE),
                format!(
                    "base_url is not set: canonical links and the sitemap point to {}",
                    config::PLACEHOLDER_BASE_URL
                ),
            )
            .with_hint("add `base_url: https://…/` to site.yaml or pass --base-url"),
        );
    }
    diagnostics.extend(check::check_site(&site));
    diagnostics.extend(lint::check(&site, &site.config.lint));
    diagnostics.extend(lint::check_allow_markers(&site));
    let localizer = Arc::new(i18n::Localizer::load(
        root,
        &site.config.languages,
        &mut diagnostics,
    ));
    let templates = templates::Templates::load(root, Arc::clone(&localizer), &mut diagnostics);
    let bodies = render::render_bodies(&site, &mut diagnostics);
    let mut diagnostics = lint::apply_settings(&site, &site.config.lint, diagnostics);
    if options.deny_warnings {
        for diagnostic in &mut diagnostics {
            if diagnostic.level == diagnostic::Level::Warning {
                diagnostic.level = diagnostic::Level::Error;
            }
        }
    }

    let mut files = Vec::new();
    let mut pdf_jobs = Vec::new();
    let has_errors = diagnostics
        .iter()
        .any(|d| d.level == diagnostic::Level::Error);
    if let (Some(templates), false) = (&templates, has_errors) {
        match render::render_site(&site, &localizer, templates, &bodies, options.pdf) {
            Ok(rendered) => (files, pdf_jobs) = rendered,
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let mut all = Diagnostics::default();
    all.extend(diagnostics);
    Outcome {
        diagnostics: all,
        files,
        pdf_jobs,
        site,
    }
}

/// Builds the site into `out`, replacing what was there only when everything succeeded.
pub fn build(options: &Options, out: &Path) -> Outcome {
    let mut outcome = run(options);
    if outcome.diagnostics.has_errors() {
        outcome.files.clear();
        return outcome;
    }
    if let Err(diagnostic) = write(&outcome, options, out) {
        outcome.diagnostics.push(diagnostic);
        outcome.files.clear();
    }
    outcome
}

fn write(outcome: &Outcome, options: &Options, out: &Path) -> Result<(), Diagnostic> {
    let io_error =
        |error: output::WriteError| Diagnostic::error(Location::file(out), error.to_string());
    let staging = output::Staging::create(out).map_err(io_error)?;
    staging.write(&outcome.files).map_err(io_error)?;
    if options.pdf {
        pdf::render_pdfs(staging.dir(), &outcome.pdf_jobs)
            .map_err(|error| Diagnostic::error(Location::file("--pdf"), error.to_string()))?;
    }
    staging.commit().map_err(io_error)
}

/// Applies the safe fixes to the site's files in place; returns the files it changed.
pub fn fix(options: &Options) -> Result<Vec<PathBuf>, String> {
    let mut ignored = Vec::new();
    let site = site::Site::load(
        &options.root,
        options.base_url.as_deref(),
        options.today(),
        &mut ignored,
    );
    let mut fixed = Vec::new();
    for leaflet in &site.leaflets {
        for translation in &leaflet.translations {
            if !lint::text_rules::is_chinese(&translation.lang) {
                continue;
            }
            let full = options.root.join(&translation.path);
            // Read again rather than use the loaded text: the BOM and CRLF must survive.
            let raw = std::fs::read_to_string(&full)
                .map_err(|e| format!("cannot read {}: {e}", translation.path.display()))?;
            if let Some(text) = lint::text_rules::fix_chinese_file(&translation.path, &raw) {
                std::fs::write(&full, text)
                    .map_err(|e| format!("cannot write {}: {e}", translation.path.display()))?;
                fixed.push(translation.path.clone());
            }
        }
    }
    Ok(fixed)
}

/// The default output folder of a site.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}
