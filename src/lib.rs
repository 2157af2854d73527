//! leafpress: a static site generator for bilingual hospital procedure leaflets.
//!
//! The pipeline, top to bottom ([`pipeline`]), over plain owned values:
//!
//! 1. **Load** the site ([`model::Site::load`]), its messages and its templates; check what
//!    needs the whole site (references used twice).
//! 2. **Each leaflet**, on all cores ([`Run::leaflet`]): parse each language's body once
//!    ([`text::markdown::Body`]); check it ([`lint::check_leaflet`]); check its links and
//!    prepare its HTML ([`render::body::RenderedBody`]); settle the findings' levels
//!    ([`lint::settle`]); then, unless something is an error, render its pages into the sink
//!    ([`render::Pages::leaflet_files`]) and hand its text to the search index.
//! 3. **The site's own files** (home, indexes, sitemap) beside the leaflets, and the search
//!    bundles once every page is in.
//! 4. **Write**: [`build`] sends the files into an [`output::staging::Staging`] folder that
//!    replaces the output only when nothing was an error; [`run`] keeps them in memory for
//!    the live preview, whose cache ([`serve::cache`]) replays leaflets that did not change.
//!
//! Layers: [`diagnostic`], [`text`], [`layout`] and [`model`] are the foundations and import
//! no feature; [`lint`], [`render`], [`search`], [`output`], [`pdf`] build on them; [`serve`],
//! [`report`], [`start`] and [`cli`] sit on top. `ARCHITECTURE.md` has the map.

pub mod cli;
pub mod diagnostic;
pub mod layout;
pub mod lint;
pub mod model;
pub mod output;
pub mod pdf;
pub mod render;
pub mod report;
pub mod search;
pub mod serve;
pub mod start;
pub mod text;

#[cfg(test)]
mod testing;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use diagnostic::{Diagnostic, Diagnostics, Level, Location};
use model::config::{PLACEHOLDER_BASE_URL, SITE_FILE};
use model::i18n::Localizer;
use model::{Leaflet, Site};
use output::{OutputFile, Sink};
use render::Pages;
use render::body::RenderedBody;
use render::templates::Templates;
use search::page::PageText;
use text::markdown::Body;

/// What a run found and, when nothing stopped it, the files of the site.
pub struct Outcome {
    pub diagnostics: Diagnostics,
    /// The site's files, sorted by path ([`run`] only; empty when there were errors).
    pub files: Vec<OutputFile>,
    /// How many files were written ([`build`] only, counting the manifest and PDFs).
    pub written: usize,
    /// What making the PDFs took ([`build`] with `--pdf` only, when they were made).
    pub pdfs: Option<pdf::RunStats>,
    /// The site as loaded, for reports.
    pub site: Site,
}

/// How a run is asked for: the command line's flags and what the environment says, read once
/// by [`cli`].
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub base_url: Option<String>,
    /// Make PDFs of the print pages (and link to them from the pages).
    pub pdf: bool,
    /// The date review deadlines are measured against (`--today`, or the system date).
    pub today: time::Date,
    /// Treat warnings as errors.
    pub deny_warnings: bool,
    /// Write `.gz` and `.br` copies of text files beside them.
    pub compress: bool,
    /// How many bytes a search term chunk holds at least (`LEAFPRESS_SEARCH_CHUNK_BYTES`).
    pub search_chunk_bytes: usize,
    /// Where PDF fonts are looked for (`LEAFPRESS_FONT_DIRS`, the system's folders).
    pub pdf_fonts: pdf::FontFolders,
    /// The creation date written into PDFs (`SOURCE_DATE_EPOCH`); without one, each PDF
    /// carries its leaflet's last review date.
    pub pdf_date: Option<time::Date>,
    /// Draw progress bars: standard error is a terminal.
    pub progress: bool,
}

impl Options {
    /// The options of a plain run over the site at `root` on the day `today`.
    pub fn new(root: impl Into<PathBuf>, today: time::Date) -> Options {
        Options {
            root: root.into(),
            base_url: None,
            pdf: false,
            today,
            deny_warnings: false,
            compress: false,
            search_chunk_bytes: search::CHUNK_BYTES,
            pdf_fonts: pdf::FontFolders::default(),
            pdf_date: None,
            progress: false,
        }
    }
}

/// Loads, checks and renders the site in memory. Nothing is written. The search index is left
/// to [`build`]: it would add seconds to every rebuild of the live preview on a large site.
pub fn run(options: &Options) -> Outcome {
    run_reusing(options, None)
}

/// [`run`], taking over from the previous run with the same `cache` what did not change: the
/// live preview's rebuild after a save. The outcome is the same as [`run`]'s.
pub fn run_incremental(options: &Options, cache: &serve::cache::Cache) -> Outcome {
    run_reusing(options, Some(cache))
}

fn run_reusing(options: &Options, cache: Option<&serve::cache::Cache>) -> Outcome {
    let files = Mutex::new(Vec::new());
    let collect = |file: OutputFile| {
        files.lock().expect("no renderer panicked").push(file);
        Ok(())
    };
    let mut outcome = pipeline(options, Some(&collect), cache, Mode::Draft);
    if !outcome.diagnostics.has_errors() {
        outcome.files = files.into_inner().expect("no renderer panicked");
        outcome.files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    outcome
}

/// Everything [`build`] checks, rendering every page but keeping none (and indexing none).
pub fn check(options: &Options) -> Outcome {
    pipeline(options, Some(&|_| Ok(())), None, Mode::Draft)
}

/// Builds the site into `out`, replacing what was there only when everything succeeded. Pages
/// are written as they are rendered, into a folder beside `out` that replaces it at the end.
pub fn build(options: &Options, out: &Path) -> Outcome {
    let write_options = output::staging::WriteOptions {
        compress: options.compress,
    };
    let io_error = |error: output::staging::WriteError| {
        Diagnostic::error(Location::file(out), error.to_string())
    };
    let staging = match output::staging::Staging::create(out, write_options) {
        Ok(staging) => staging,
        Err(error) => {
            let mut outcome = pipeline(options, None, None, Mode::Publish);
            outcome.diagnostics.push(io_error(error));
            return outcome;
        }
    };
    let write = |file: OutputFile| staging.write(&file).map_err(io_error);
    let mut outcome = pipeline(options, Some(&write), None, Mode::Publish);
    if outcome.diagnostics.has_errors() {
        return outcome;
    }
    outcome.diagnostics.extend(lint::settle_site(
        &outcome.site.config.lint,
        options.deny_warnings,
        render::moved::dropped_leaflets(&outcome.site, &staging.dropped()),
    ));
    if outcome.diagnostics.has_errors() {
        return outcome;
    }
    match staging.commit() {
        Ok(written) => outcome.written = written,
        Err(error) => outcome.diagnostics.push(io_error(error)),
    }
    outcome
}

/// What a run is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `build`: the site is published, so it must name its hospital and emergency number,
    /// and gets its search index and, with `--pdf`, its PDFs.
    Publish,
    /// `check` and the live preview: a site without its hospital yet is only warned about,
    /// and no search index is made.
    Draft,
}

/// Load → each leaflet (parse, check, render into `sink` when given and nothing is an error)
/// → the site's own files → with [`Mode::Publish`], when every page rendered: the search
/// index, then the PDFs (with `--pdf`).
fn pipeline(
    options: &Options,
    sink: Option<&Sink>,
    cache: Option<&serve::cache::Cache>,
    mode: Mode,
) -> Outcome {
    let root = options.root.as_path();
    let mut loaded = Diagnostics::default();
    let site = Site::load(
        root,
        options.base_url.as_deref(),
        options.today,
        &mut loaded,
    );
    if site.config.base_url_is_placeholder {
        loaded.push(
            Diagnostic::warning(
                Location::file(SITE_FILE),
                format!("base_url is not set: canonical links and the sitemap point to {PLACEHOLDER_BASE_URL}"),
            )
            .with_hint("add `base_url: https://…/` to site.yaml or pass --base-url"),
        );
    }
    // What `leafpress init` and `new` leave TODO (the hospital, a leaflet's reference): a site
    // is not published without it, but a draft still previews.
    let unfilled_level = match mode {
        Mode::Publish => Level::Error,
        Mode::Draft => Level::Warning,
    };
    loaded.extend(
        site.config
            .hospital
            .unset(&site.config.languages, unfilled_level),
    );
    loaded.extend(lint::metadata::unique_references(&site));
    loaded.extend(lint::metadata::unique_addresses(&site));
    loaded.extend(lint::metadata::placeholders(&site, unfilled_level));
    let glossary = lint::glossary::load(root, &site.config.languages, &mut loaded);
    let localizer = Arc::new(Localizer::load(root, &site.config.languages, &mut loaded));
    for lang in &site.config.languages {
        // No built-in message has this id any more: only a site's own can.
        if localizer.has_message(lang, "hospital-name") {
            loaded.push(
                Diagnostic::warning(
                    Location::file(Path::new("locales").join(lang)),
                    "the message `hospital-name` is not used: pages take the hospital's name from `hospital.name` in site.yaml",
                )
                .with_hint("move the name to site.yaml and remove the message"),
            );
        }
    }
    let templates = Templates::load(root, Arc::clone(&localizer), &mut loaded);
    let mut diagnostics: Diagnostics = lint::settle_site(
        &site.config.lint,
        options.deny_warnings,
        loaded.into_iter().collect(),
    )
    .into_iter()
    .collect();

    // Pages are rendered only for a site without errors so far; bodies are checked either way.
    let sink = sink.filter(|_| !diagnostics.has_errors());
    let pages = match (&templates, sink) {
        (Some(templates), Some(sink)) => Some((
            Pages {
                site: &site,
                localizer: &localizer,
                templates,
                pdf: options.pdf,
            },
            sink,
        )),
        _ => None,
    };
    let collector = (mode == Mode::Publish && pages.is_some())
        .then(|| search::Collector::new(&site.config.languages, options.search_chunk_bytes));
    let run = Run {
        site: &site,
        checks: lint::Context::new(&site.config.lint, glossary.as_ref()),
        options,
        pages: pages.as_ref().map(|(pages, _)| pages),
        collector: collector.as_ref(),
        errors: AtomicBool::new(false),
        failed: AtomicBool::new(false),
    };
    let reuse = cache.map(|cache| cache.begin(&site, options));

    // The site's own files (a large site's indexes are long) alongside the leaflets'.
    let (site_files, leaflets) = rayon::join(
        || match &pages {
            Some((pages, sink)) => pages
                .site_files(sink)
                .inspect_err(|_| run.failed.store(true, Ordering::Relaxed)),
            None => Ok(()),
        },
        || {
            site.leaflets
                .par_iter()
                // One task per leaflet: otherwise rayon may leave hundreds of leaflets to one
                // thread at the end while the others wait.
                .with_max_len(1)
                .map(|leaflet| {
                    let sink = pages.as_ref().map(|(_, sink)| *sink);
                    match &reuse {
                        Some(reuse) => reuse.leaflet(leaflet, sink, &run.failed, |sink| {
                            run.leaflet(leaflet, sink)
                        }),
                        None => run.leaflet(leaflet, sink),
                    }
                })
                .collect::<Vec<LeafletOutcome>>()
        },
    );
    if let Some(reuse) = reuse {
        reuse.finish();
    }
    let mut first_failure = site_files.err();
    for (found, failure) in leaflets {
        diagnostics.extend(found);
        if first_failure.is_none() {
            first_failure = failure;
        }
    }
    // A page that could not be made stops the run; when findings are errors already, pages
    // stopped being made as soon as one was, so which page failed first is left unsaid.
    if !diagnostics.has_errors() {
        diagnostics.extend(first_failure);
    }
    if let (Some((_, sink)), Some(collector)) = (&pages, collector)
        && !diagnostics.has_errors()
    {
        diagnostics.extend(collector.finish(sink).err());
    }
    let mut pdfs = None;
    if let Some((pages, sink)) = &pages
        && mode == Mode::Publish
        && options.pdf
        && !diagnostics.has_errors()
    {
        let settings = render::pdf_job::Settings {
            fonts: &options.pdf_fonts,
            date: options.pdf_date,
            progress: options.progress,
        };
        match pages.write_pdfs(&settings, sink) {
            Ok((stats, warnings)) => {
                pdfs = Some(stats);
                diagnostics.extend(lint::settle_site(
                    &site.config.lint,
                    options.deny_warnings,
                    warnings,
                ));
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }

    Outcome {
        diagnostics,
        files: Vec::new(),
        written: 0,
        pdfs,
        site,
    }
}

/// A leaflet's settled findings, and the failure that stopped its pages, if one did.
pub type LeafletOutcome = (Vec<Diagnostic>, Option<Diagnostic>);

/// What every leaflet of a run shares.
struct Run<'a> {
    site: &'a Site,
    /// What the content rules take besides each leaflet.
    checks: lint::Context<'a>,
    options: &'a Options,
    /// How pages are made, when they are.
    pages: Option<&'a Pages<'a>>,
    collector: Option<&'a search::Collector>,
    /// Set when a leaflet's findings hold an error: no page is made after that.
    errors: AtomicBool,
    /// Set when a page could not be made or written: no page is made after that.
    failed: AtomicBool,
}

impl Run<'_> {
    /// One leaflet, from its files to its pages: each body is parsed once, and the checks, the
    /// pages and the search index all read that parse.
    fn leaflet(&self, leaflet: &Leaflet, sink: Option<&Sink>) -> LeafletOutcome {
        // A withdrawn leaflet's text is neither checked nor published: its pages are a notice.
        let withdrawn = leaflet.is_withdrawn();
        let bodies: Vec<Body> = leaflet
            .translations
            .iter()
            .map(|t| {
                let start = if withdrawn {
                    t.source.len()
                } else {
                    t.body_offset
                };
                Body::parse(&t.source, start)
            })
            .collect();
        let config = &self.site.config.lint;
        let mut found = lint::check_leaflet(self.site, leaflet, &bodies, &self.checks);
        let mut checked = Diagnostics::default();
        let mut rendered: Vec<RenderedBody> = leaflet
            .translations
            .iter()
            .zip(&bodies)
            .map(|(t, body)| RenderedBody::new(self.site, leaflet, t, body, &mut checked))
            .collect();
        found.extend(checked);
        let found = lint::settle(leaflet, config, self.options.deny_warnings, found);
        if found.iter().any(|d| d.level == Level::Error) {
            self.errors.store(true, Ordering::Relaxed);
        }
        let stopped = || self.errors.load(Ordering::Relaxed) || self.failed.load(Ordering::Relaxed);
        let (Some(pages), Some(sink)) = (self.pages, sink) else {
            return (found, None);
        };
        if stopped() {
            return (found, None);
        }
        if let Err(failure) = pages.leaflet_files(leaflet, &mut rendered, sink) {
            self.failed.store(true, Ordering::Relaxed);
            return (found, Some(failure));
        }
        if let Some(collector) = self.collector.filter(|_| !withdrawn) {
            for (translation, body) in leaflet.translations.iter().zip(&bodies) {
                if !translation.front.draft {
                    let front = &translation.front;
                    let text = PageText::new(&front.title, &front.summary, body);
                    collector.offer(&translation.lang, &leaflet.slug, &text);
                }
            }
        }
        (found, None)
    }
}

/// Applies the safe fixes to the site's Chinese files in place; returns the files it changed.
pub fn fix(options: &Options) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut ignored = Diagnostics::default();
    let site = Site::load(
        &options.root,
        options.base_url.as_deref(),
        options.today,
        &mut ignored,
    );
    let mut fixed = Vec::new();
    for leaflet in &site.leaflets {
        for translation in &leaflet.translations {
            if !model::language::is_chinese(&translation.lang) {
                continue;
            }
            let full = options.root.join(&translation.path);
            let io_error = |error: std::io::Error| {
                Diagnostic::error(Location::file(&translation.path), error.to_string())
            };
            // Read again rather than use the loaded text: the BOM and CRLF must survive.
            let raw = std::fs::read_to_string(&full).map_err(io_error)?;
            if let Some(text) = lint::punctuation::fix_file(&translation.path, &raw) {
                std::fs::write(&full, text).map_err(io_error)?;
                fixed.push(translation.path.clone());
            }
        }
    }
    Ok(fixed)
}

/// A translation signed off by [`sign_off`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedOff {
    pub translation: PathBuf,
    pub source: PathBuf,
    pub sections: usize,
}

/// Records in `signoffs.yaml` that each of `files` (translations, as paths relative to the site
/// root) was checked against its source's current text: the site's first language's file of
/// the same leaflet. The date is `options.today`; `by` names who checked.
pub fn sign_off(
    options: &Options,
    files: &[PathBuf],
    by: Option<&str>,
) -> Result<Vec<SignedOff>, Diagnostic> {
    use model::signoffs::{SIGNOFF_FILE, SignOff};
    let mut loaded = Diagnostics::default();
    let mut site = Site::load(
        &options.root,
        options.base_url.as_deref(),
        options.today,
        &mut loaded,
    );
    if let Some(problem) = loaded
        .iter()
        .find(|d| d.level == Level::Error && d.location.path == Path::new(SIGNOFF_FILE))
    {
        return Err(problem.clone());
    }
    let source_lang = site.config.default_language().to_string();
    let mut signed = Vec::new();
    for path in files {
        let problem = |message: String, hint: &str| {
            Diagnostic::error(Location::file(path), message).with_hint(hint.to_string())
        };
        let found = site.leaflets.iter().find_map(|leaflet| {
            let translation = leaflet.translations.iter().find(|t| t.path == *path)?;
            Some((leaflet, translation))
        });
        let Some((leaflet, translation)) = found else {
            let broken = loaded.iter().any(|d| d.location.path == *path);
            return Err(if broken {
                problem(
                    "cannot sign off a file with errors".into(),
                    "run `leafpress check` and fix them first",
                )
            } else {
                problem(
                    "not a leaflet's language file".into(),
                    "give the path from the site folder, e.g. leaflets/knee/zh.md",
                )
            });
        };
        if translation.lang == source_lang {
            return Err(problem(
                format!("this is the {source_lang} source itself"),
                "sign off its translations, e.g. the zh.md beside it",
            ));
        }
        let Some(source) = leaflet.translation(&source_lang) else {
            return Err(problem(
                format!("the leaflet has no {source_lang} source to check against"),
                "sign-off records the source text a translation was checked against",
            ));
        };
        let body = Body::parse(&source.source, source.body_offset);
        let document = lint::document::Document::new(&source.source, source.body_offset, &body);
        let sections = lint::signoff::section_prints(&document);
        signed.push(SignedOff {
            translation: path.clone(),
            source: source.path.clone(),
            sections: sections.len(),
        });
        site.signoffs.entries.insert(
            path.clone(),
            SignOff {
                source: source.path.clone(),
                date: options.today,
                by: by.map(str::to_string),
                sections,
            },
        );
    }
    let target = options.root.join(SIGNOFF_FILE);
    let temporary = options.root.join(format!(".{SIGNOFF_FILE}.new"));
    let io_error =
        |error: std::io::Error| Diagnostic::error(Location::file(SIGNOFF_FILE), error.to_string());
    std::fs::write(&temporary, site.signoffs.to_yaml()).map_err(io_error)?;
    std::fs::rename(&temporary, &target).map_err(io_error)?;
    Ok(signed)
}

/// The default output folder of a site.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}
