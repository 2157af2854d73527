//! One PDF from one job: generate the main source, build the document's world, let typst lay
//! it out and write it as a tagged PDF whose bytes depend on the job only.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst::syntax::{FileId, Source};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::error::{Error, Message};
use super::fonts::Fonts;
use super::job::{Job, PdfDate};
use super::source::{GenerateError, Generated, generate};
use super::world::{DocumentWorld, MAIN_PATH, TEMPLATE_PATH, project_file};

/// The template built into the binary: the same design as the HTML print pages.
pub const BUILTIN_TEMPLATE: &str = include_str!("print.typ");

/// What the PDF's `/Creator` says (instead of typst's version, so a typst update alone does
/// not change the bytes of every PDF).
const CREATOR: &str = "leafpress";

/// Which rules the PDFs are checked against while they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Conformance {
    /// A tagged PDF 1.7 (structure tree, reading order, alt text, `/Lang`, `/Title`) without
    /// a claim of conformance. Text that no font can show prints as empty boxes, silently.
    Tagged,
    /// PDF/UA-1 (the default): typst checks its rules (document title and language, alt text
    /// on every image, heading levels that start at 1 and skip none, no links in page headers
    /// and footers, every character shown by a font…) and refuses to write a PDF that breaks
    /// one, so a character no installed font has is an error naming it, never an empty box.
    #[default]
    PdfUa1,
}

/// A finished PDF.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Typst's warnings (for example a font family it could not find).
    pub warnings: Vec<Message>,
}

/// Makes PDFs: holds what all documents of a run share (fonts, typst's standard library,
/// the parsed template). Share one between threads by reference.
pub struct Renderer {
    fonts: Arc<Fonts>,
    library: LazyHash<Library>,
    template: Source,
    main_id: FileId,
    conformance: Conformance,
}

impl Renderer {
    /// A renderer with `fonts` and the built-in template, or with the text of a site's own
    /// `templates/print.typ` (which must define `leaflet` and `handout` like the built-in
    /// one).
    pub fn new(fonts: Arc<Fonts>, site_template: Option<String>) -> Result<Renderer, Error> {
        let ids = project_file(MAIN_PATH).and_then(|main| Ok((main, project_file(TEMPLATE_PATH)?)));
        let (main_id, template_id) = ids.map_err(|reason| Error::InvalidJob {
            output: TEMPLATE_PATH.into(),
            reason,
        })?;
        let template_text = site_template.unwrap_or_else(|| BUILTIN_TEMPLATE.to_string());
        Ok(Renderer {
            fonts,
            // Built once: its hash, which typst's caches key on, is then computed once too.
            library: LazyHash::new(Library::builder().build()),
            template: Source::new(template_id, template_text),
            main_id,
            conformance: Conformance::default(),
        })
    }

    /// Checks every PDF against `conformance` while writing it.
    pub fn with_conformance(mut self, conformance: Conformance) -> Renderer {
        self.conformance = conformance;
        self
    }

    /// The fonts this renderer uses.
    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// Makes the PDF of `job`. A panic inside typst becomes [`Error::Panicked`].
    pub fn render(&self, job: &Job) -> Result<Pdf, Error> {
        match catch_unwind(AssertUnwindSafe(|| self.render_unguarded(job))) {
            Ok(result) => result,
            Err(payload) => Err(Error::Panicked {
                output: job.output.clone(),
                message: panic_message(payload.as_ref()),
            }),
        }
    }

    /// The typst source generated for `job`: what the template receives, for debugging a
    /// site's own template.
    pub fn main_source(&self, job: &Job) -> Result<String, Error> {
        Ok(self.generate(job)?.main)
    }

    fn generate(&self, job: &Job) -> Result<Generated, Error> {
        generate(job, &self.fonts).map_err(|error| match error {
            GenerateError::Fonts(error) => error,
            GenerateError::Job(reason) => Error::InvalidJob {
                output: job.output.clone(),
                reason,
            },
        })
    }

    fn render_unguarded(&self, job: &Job) -> Result<Pdf, Error> {
        let generated = self.generate(job)?;
        let mut files = HashMap::with_capacity(generated.files.len());
        for (path, data) in generated.files {
            let id = project_file(&path).map_err(|reason| Error::InvalidJob {
                output: job.output.clone(),
                reason,
            })?;
            files.insert(id, data);
        }
        let world = DocumentWorld {
            library: &self.library,
            fonts: &self.fonts,
            main: Source::new(self.main_id, generated.main),
            template: self.template.clone(),
            files,
            today: job.date.and_then(datetime),
        };

        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        let mut warnings: Vec<Message> = warnings
            .iter()
            .map(|warning| describe(&world, warning))
            .collect();
        let document = output.map_err(|errors| Error::Compile {
            output: job.output.clone(),
            messages: errors.iter().map(|error| describe(&world, error)).collect(),
        })?;

        let options = self.pdf_options(job).map_err(|text| Error::Export {
            output: job.output.clone(),
            messages: vec![Message {
                in_template: None,
                text,
                hints: Vec::new(),
            }],
        })?;
        let bytes = typst_pdf::pdf(&document, &options).map_err(|errors| Error::Export {
            output: job.output.clone(),
            messages: errors.iter().map(|error| describe(&world, error)).collect(),
        })?;
        warnings.dedup();
        Ok(Pdf {
            bytes,
            pages: document.pages().len(),
            warnings,
        })
    }

    fn pdf_options(&self, job: &Job) -> Result<PdfOptions, String> {
        let standards = match self.conformance {
            Conformance::Tagged => PdfStandards::default(),
            Conformance::PdfUa1 => PdfStandards::new(&[PdfStandard::Ua_1])
                .map_err(|error| error.message().to_string())?,
        };
        Ok(PdfOptions {
            // The trailer /ID is a hash of this: stable per output path, unique per PDF.
            ident: Smart::Custom(job.output.clone()),
            creator: Smart::Custom(Some(CREATOR.to_string())),
            timestamp: job.date.and_then(datetime).map(Timestamp::new_utc),
            standards,
            ..PdfOptions::default()
        })
    }
}

fn datetime(date: PdfDate) -> Option<Datetime> {
    Datetime::from_ymd(date.year, date.month, date.day)
}

/// A message of typst's: what, with the hints, and where when it is in the template. (A
/// message about the generated main file names no place: its code is leafpress's, not the
/// site's.)
fn describe(world: &dyn World, diagnostic: &SourceDiagnostic) -> Message {
    let mut in_template = None;
    if let Some(id) = diagnostic.span.id()
        && id.vpath().get_with_slash() == TEMPLATE_PATH
        && let Some(range) = world.range(diagnostic.span)
        && let Ok(source) = world.source(id)
        && let Some((line, column)) = source.lines().byte_to_line_column(range.start)
    {
        in_template = Some((line + 1, column + 1));
    }
    Message {
        in_template,
        text: diagnostic.message.to_string(),
        hints: diagnostic
            .hints
            .iter()
            .map(|hint| hint.v.to_string())
            .collect(),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "unknown panic".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_messages_are_kept() {
        assert_eq!(panic_message(&"boom"), "boom");
        assert_eq!(panic_message(&String::from("bang")), "bang");
        assert_eq!(panic_message(&42), "unknown panic");
    }

    #[test]
    fn the_built_in_template_defines_both_layouts() {
        assert!(BUILTIN_TEMPLATE.contains("#let leaflet(doc)"));
        assert!(BUILTIN_TEMPLATE.contains("#let handout(doc)"));
    }

    #[test]
    fn pdf_options_are_deterministic_and_ua_by_default() {
        let dir = std::env::temp_dir().join(format!("leafpress-pdf-opts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp folder");
        let fonts = Arc::new(Fonts::in_folders(&[dir]).expect("fonts"));
        let renderer = Renderer::new(fonts, None).expect("renderer");
        assert_eq!(renderer.conformance, Conformance::PdfUa1);
        let job = Job {
            output: "en/a.pdf".into(),
            paper: super::super::job::Paper::A4,
            layout: super::super::job::Layout::Handout {
                reference: "R".into(),
                columns: Vec::new(),
                stacked: false,
            },
            title: "t".into(),
            lang: "en".into(),
            date: Some(PdfDate {
                year: 2026,
                month: 3,
                day: 2,
            }),
        };
        let options = renderer.pdf_options(&job).expect("options");
        assert_eq!(options.ident, Smart::Custom("en/a.pdf".to_string()));
        assert!(options.timestamp.is_some());
        assert!(options.tagged);
        // A handout without languages is the job's error, not a panic.
        assert!(matches!(
            renderer.render(&job),
            Err(Error::InvalidJob { .. })
        ));
    }
}
