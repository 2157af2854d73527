//! leafpress: a static site generator for bilingual hospital procedure leaflets.
//!
//! The pipeline reads top to bottom: [`site::Site::load`] → [`check::check_site`] and
//! [`lint::check`] → [`render::Renderer::render`] into an [`output::Staging`] folder (or into
//! memory), the leaflet pages also into the [`search`] index → commit, over plain owned values.
//! Loading, checking and rendering use all cores.

pub mod cdn;
pub mod check;
pub mod cjk_emphasis;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod frontmatter;
pub mod i18n;
pub mod incremental;
pub mod lint;
pub mod markdown;
pub mod output;
pub mod pdf;
pub mod print;
pub mod qr;
pub mod render;
pub mod report;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod templates;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use diagnostic::{Diagnostic, Diagnostics, Level, Location};
use render::{OutputFile, Sink};

/// What a run found and, when nothing stopped it, the files of the site.
pub struct Outcome {
    pub diagnostics: Diagnostics,
    /// The site's files, sorted by path ([`run`] only; empty when there were errors).
    pub files: Vec<OutputFile>,
    /// How many files were written ([`build`] only, counting the manifest and PDFs).
    pub written: usize,
    /// The PDFs the print pages make (with `--pdf` only).
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
    /// Write `.gz` and `.br` copies of text files beside them.
    pub compress: bool,
}

impl Options {
    fn today(&self) -> time::Date {
        self.today
            .unwrap_or_else(|| time::OffsetDateTime::now_utc().date())
    }
}

/// Loads, checks and renders the site in memory. Nothing is written. The search index is left
/// to [`build`]: it would add seconds to every rebuild of the live preview on a large site.
pub fn run(options: &Options) -> Outcome {
    run_reusing(options, None)
}

/// [`run`], taking over from the previous run with the same `cache` what did not change: the
/// live preview's rebuild after a save. The outcome is the same as [`run`]'s.
pub fn run_incremental(options: &Options, cache: &incremental::Cache) -> Outcome {
    run_reusing(options, Some(cache))
}

fn run_reusing(options: &Options, cache: Option<&incremental::Cache>) -> Outcome {
    let files = Mutex::new(Vec::new());
    let collect = |file: OutputFile| {
        files.lock().expect("no renderer panicked").push(file);
        Ok(())
    };
    let mut outcome = pipeline(options, Some(&collect), cache, Search::Skip);
    if !outcome.diagnostics.has_errors() {
        outcome.files = files.into_inner().expect("no renderer panicked");
        outcome.files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    outcome
}

/// Everything [`build`] checks, rendering every page but keeping none (and indexing none).
pub fn check(options: &Options) -> Outcome {
    pipeline(options, Some(&|_| Ok(())), None, Search::Skip)
}

/// Builds the site into `out`, replacing what was there only when everything succeeded. Pages
/// are written as they are rendered, into a folder beside `out` that replaces it at the end.
pub fn build(options: &Options, out: &Path) -> Outcome {
    let write_options = output::WriteOptions {
        compress: options.compress,
    };
    let io_error =
        |error: output::WriteError| Diagnostic::error(Location::file(out), error.to_string());
    let staging = match output::Staging::create(out, write_options) {
        Ok(staging) => staging,
        Err(error) => {
            let mut outcome = pipeline(options, None, None, Search::Skip);
            outcome.diagnostics.push(io_error(error));
            return outcome;
        }
    };
    let write = |file: OutputFile| staging.write(&file).map_err(io_error);
    let mut outcome = pipeline(options, Some(&write), None, Search::Index);
    if outcome.diagnostics.has_errors() {
        return outcome;
    }
    if options.pdf {
        let rendered = pdf::render_pdfs(staging.dir(), &outcome.pdf_jobs)
            .map_err(|error| Diagnostic::error(Location::file("--pdf"), error.to_string()))
            .and_then(|()| {
                outcome
                    .pdf_jobs
                    .iter()
                    .try_for_each(|job| staging.record(&job.output).map_err(io_error))
            });
        if let Err(diagnostic) = rendered {
            outcome.diagnostics.push(diagnostic);
            return outcome;
        }
    }
    match staging.commit() {
        Ok(written) => outcome.written = written,
        Err(error) => outcome.diagnostics.push(io_error(error)),
    }
    outcome
}

/// Whether a run builds the search index.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Search {
    Index,
    Skip,
}

/// Load → check → render into `sink` (when given and nothing so far is an error), then the
/// search index (with [`Search::Index`], when every page rendered).
fn pipeline(
    options: &Options,
    sink: Option<&Sink>,
    cache: Option<&incremental::Cache>,
    search: Search,
) -> Outcome {
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
    let reuse = cache.map(|cache| cache.begin(&site, options));
    diagnostics.extend(check::check_site(&site));
    diagnostics.extend(lint::check(&site, &site.config.lint, reuse.as_ref()));
    diagnostics.extend(lint::check_allow_markers(&site));
    let localizer = Arc::new(i18n::Localizer::load(
        root,
        &site.config.languages,
        &mut diagnostics,
    ));
    let templates = templates::Templates::load(root, Arc::clone(&localizer), &mut diagnostics);
    let mut diagnostics = settle(&site, options, diagnostics);

    // Bodies are checked either way; pages are rendered only for a site without errors.
    let renderer = render::Renderer {
        site: &site,
        localizer: &localizer,
        templates: templates.as_ref(),
        pdf: options.pdf,
        reuse: reuse.as_ref(),
    };
    let sink = sink.filter(|_| !diagnostics.iter().any(|d| d.level == Level::Error));
    // Leaflet pages pass through the search collector on their way to the sink.
    let collector = (search == Search::Index && sink.is_some() && templates.is_some())
        .then(|| search::Collector::new(&site.config.languages));
    let indexing;
    let render_sink: Option<&Sink> = match (sink, &collector) {
        (Some(sink), Some(collector)) => {
            indexing = move |file: OutputFile| {
                collector.offer(&file)?;
                sink(file)
            };
            Some(&indexing)
        }
        (sink, _) => sink,
    };
    let found = renderer.render(render_sink);
    diagnostics.extend(settle(&site, options, found));
    if let Some(reuse) = reuse {
        reuse.finish();
    }
    if let (Some(sink), Some(collector)) = (sink, collector)
        && !diagnostics.iter().any(|d| d.level == Level::Error)
    {
        diagnostics.extend(collector.finish(sink).err());
    }

    let mut all = Diagnostics::default();
    all.extend(diagnostics);
    Outcome {
        diagnostics: all,
        files: Vec::new(),
        written: 0,
        pdf_jobs: if options.pdf {
            render::pdf_jobs(&site)
        } else {
            Vec::new()
        },
        site,
    }
}

/// Applies the site's rule levels and allow markers, then `--deny-warnings`.
fn settle(site: &site::Site, options: &Options, found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut diagnostics = lint::apply_settings(site, &site.config.lint, found);
    if options.deny_warnings {
        for diagnostic in &mut diagnostics {
            if diagnostic.level == Level::Warning {
                diagnostic.level = Level::Error;
            }
        }
    }
    diagnostics
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
