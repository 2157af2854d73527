//! The PDFs a build makes, as jobs for the PDF engine ([`crate::pdf`]): each published
//! language's print page and the bilingual handout, made from the same leaflet values as the
//! HTML print pages (front matter, messages, QR code, the body parsed by `text::markdown` with
//! its links resolved as the pages resolve them).
//!
//! The list of PDFs ([`pdf_plans`]) is small; each job is made when a PDF worker reaches it
//! ([`Pages::pdf_job`]), so a site's PDFs never all sit in memory at once.

use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, Mutex};

use pulldown_cmark::{Event, HeadingLevel, Tag};

use super::Pages;
use super::body::{Target, classify_link};
use crate::diagnostic::{Diagnostic, Level, Location, Position};
use crate::layout::{self, Page};
use crate::model::language::html_lang;
use crate::model::{Leaflet, Translation};
use crate::output::{OutputFile, Sink};
use crate::pdf;
use crate::text::markdown::Body;

/// A site's own PDF template, used instead of the built-in one when it exists.
pub const SITE_TEMPLATE: &str = "templates/print.typ";

/// Where the diagnostics of PDF making point: the flag that asked for them.
const PDF_FLAG: &str = "--pdf";

/// How a build makes its PDFs, from the command line and the environment.
pub struct Settings<'a> {
    pub fonts: &'a pdf::FontFolders,
    /// The creation date to write (`SOURCE_DATE_EPOCH`).
    pub date: Option<time::Date>,
    /// Draw a progress bar on standard error.
    pub progress: bool,
}

/// One PDF a build makes: a leaflet's print page or large print in one language, or its
/// handout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfPlan {
    /// The leaflet's index in the site.
    pub leaflet: usize,
    /// The language of a print page; `None` for the bilingual handout.
    pub lang: Option<String>,
    /// The large print of the language's print page.
    pub large: bool,
    /// Where the PDF goes, relative to the output folder.
    pub output: String,
}

/// Every PDF `build --pdf` makes, in order.
pub fn pdf_plans(leaflets: &[Leaflet]) -> Vec<PdfPlan> {
    let mut plans = Vec::new();
    for (index, leaflet) in leaflets.iter().enumerate() {
        for translation in leaflet.listed() {
            let (lang, slug, reference) = (
                &translation.lang,
                &leaflet.slug,
                &translation.front.reference,
            );
            for large in [false, true] {
                plans.push(PdfPlan {
                    leaflet: index,
                    lang: Some(lang.clone()),
                    large,
                    output: if large {
                        layout::large_print_pdf(lang, slug, reference)
                    } else {
                        layout::print_pdf(lang, slug, reference)
                    },
                });
            }
        }
        if super::has_handout(leaflet)
            && let Some(first) = leaflet.listed().next()
        {
            plans.push(PdfPlan {
                leaflet: index,
                lang: None,
                large: false,
                output: layout::handout_pdf(&leaflet.slug, &first.front.reference),
            });
        }
    }
    plans
}

impl Pages<'_> {
    /// Makes every PDF of the site on all cores and sends each into `sink` as it is finished.
    /// Gives what the run took and typst's warnings; or the errors, one per failed PDF (a
    /// missing font once).
    pub fn write_pdfs(
        &self,
        settings: &Settings,
        sink: &Sink,
    ) -> Result<(pdf::RunStats, Vec<Diagnostic>), Vec<Diagnostic>> {
        let fonts =
            pdf::Fonts::discover(settings.fonts).map_err(|error| diagnostics(error, false))?;
        let template_path = Path::new(&self.site.root).join(SITE_TEMPLATE);
        let template = match std::fs::read_to_string(&template_path) {
            Ok(text) => Some(text),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => {
                return Err(vec![Diagnostic::error(
                    Location::file(SITE_TEMPLATE),
                    format!("cannot read the PDF template: {error}"),
                )]);
            }
        };
        let own_template = template.is_some();
        let renderer = pdf::Renderer::new(Arc::new(fonts), template)
            .map_err(|error| diagnostics(error, own_template))?;

        let plans = pdf_plans(&self.site.leaflets);
        let progress = pdf::TerminalProgress::new(plans.len(), settings.progress);
        let unmade = Mutex::new(Vec::new());
        let warnings = Mutex::new(Vec::new());
        let run = pdf::render_each(
            &renderer,
            plans.len(),
            |index| match self.pdf_job(&plans[index], settings.date) {
                Ok(job) => Some(Cow::Owned(job)),
                Err(problem) => {
                    unmade
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(problem);
                    None
                }
            },
            rayon::current_num_threads(),
            |job, made| {
                if !made.warnings.is_empty() {
                    let mut warnings = warnings.lock().unwrap_or_else(|p| p.into_inner());
                    warnings.extend(made.warnings.iter().map(|warning| {
                        typst_diagnostic(Level::Warning, warning, &job.output, own_template)
                    }));
                }
                sink(OutputFile::new(job.output.clone(), made.bytes))
                    .map_err(|problem| problem.message)
            },
            |done, total| progress.update(done, total),
        );
        progress.finish();
        let mut errors = unmade.into_inner().unwrap_or_else(|p| p.into_inner());
        match run {
            Ok(stats) if errors.is_empty() => Ok((
                stats,
                warnings.into_inner().unwrap_or_else(|p| p.into_inner()),
            )),
            Ok(_) => Err(errors),
            Err(error) => {
                errors.extend(diagnostics(error, own_template));
                Err(errors)
            }
        }
    }

    /// The job of a planned PDF. `date` is the creation date to write (from
    /// `SOURCE_DATE_EPOCH`); without one, the leaflet's last review date is used, so the bytes
    /// never depend on the day of the build.
    pub fn pdf_job(
        &self,
        plan: &PdfPlan,
        date: Option<time::Date>,
    ) -> Result<pdf::Job, Diagnostic> {
        let leaflet = &self.site.leaflets[plan.leaflet];
        let translations: Vec<&Translation> = match &plan.lang {
            Some(lang) => leaflet.published().filter(|t| t.lang == *lang).collect(),
            None => leaflet.published().collect(),
        };
        let first = translations.first().ok_or_else(|| {
            Diagnostic::error(
                crate::diagnostic::Location::file(&leaflet.dir),
                "no published translation to print",
            )
        })?;
        let reviewed = translations
            .iter()
            .map(|t| t.front.reviewed)
            .max()
            .unwrap_or(first.front.reviewed);
        let date = date.unwrap_or(reviewed);
        let columns: Vec<pdf::LeafletPdf> = translations
            .iter()
            .map(|t| self.pdf_leaflet(leaflet, t, plan.lang.is_none()))
            .collect();
        let layout = match &plan.lang {
            Some(_) => {
                let leaflet = Box::new(columns.into_iter().next().expect("one translation"));
                if plan.large {
                    pdf::Layout::LargePrint(leaflet)
                } else {
                    pdf::Layout::Single(leaflet)
                }
            }
            None => pdf::Layout::Handout {
                reference: first.front.reference.clone(),
                stacked: self.site.config.paper.is_narrow() || translations.len() > 2,
                columns,
            },
        };
        Ok(pdf::Job {
            output: plan.output.clone(),
            paper: self.site.config.paper,
            title: translations
                .iter()
                .map(|t| t.front.title.as_str())
                .collect::<Vec<_>>()
                .join(" / "),
            lang: html_lang(&first.lang),
            date: Some(pdf::PdfDate {
                year: date.year(),
                month: u8::from(date.month()),
                day: date.day(),
            }),
            layout,
        })
    }

    /// One language of a leaflet for a PDF: its front matter, the labels in its language, its
    /// QR code, and its body (in sections, for a handout).
    fn pdf_leaflet(
        &self,
        leaflet: &Leaflet,
        translation: &Translation,
        in_sections: bool,
    ) -> pdf::LeafletPdf {
        let lang = translation.lang.as_str();
        let front = &translation.front;
        let url = self.site.config.base_url.page(Page::Leaflet {
            lang,
            slug: &leaflet.slug,
        });
        let text = |id: &str| self.localizer.text(lang, id);
        let body = Body::parse(&translation.source, translation.body_offset);
        let resolve_link =
            |url: &str| match classify_link(self.site, leaflet, translation, url, false) {
                Ok(Target::Site { site_path, .. }) => self.site.config.base_url.join(&site_path),
                _ => url.to_string(),
            };
        let resolve_image = |url: &str| {
            let Ok(Target::Site {
                asset: Some(asset), ..
            }) = classify_link(self.site, leaflet, translation, url, true)
            else {
                return None;
            };
            let format = pdf::ImageFormat::from_path(&asset.url_path)?;
            let data = std::fs::read(Path::new(&self.site.root).join(&asset.source)).ok()?;
            Some(pdf::ImageFile { data, format })
        };
        let sections: Vec<pdf::Body> = sections(&body.events, in_sections)
            .iter()
            .map(|events| pdf::Body::from_markdown_events(events, resolve_link, resolve_image))
            .collect();
        pdf::LeafletPdf {
            lang: html_lang(lang),
            hospital: self.hospital_name(lang),
            title: front.title.clone(),
            department: front.department.clone(),
            summary: front.summary.clone(),
            reference: front.reference.clone(),
            version: front.version,
            reviewed: self.localizer.date(lang, front.reviewed),
            review_due: self.localizer.date(lang, front.review_due),
            labels: pdf::Labels {
                reference: text("label-reference"),
                version: text("label-version"),
                reviewed: text("label-reviewed"),
                review_due: text("label-review-due"),
                online_version_at: text("online-version-at"),
                page_of: self.localizer.format(
                    lang,
                    "page-number",
                    &[("page", "{page}".into()), ("pages", "{pages}".into())],
                ),
                qr_code: self.localizer.format(
                    lang,
                    "qr-code-label",
                    &[("url", url.clone().into())],
                ),
                sources: text("sources-heading"),
            },
            sources: front
                .sources
                .iter()
                .map(|source| (source.title.clone(), source.url.clone()))
                .collect(),
            qr_svg: self.qr_code(lang, &url),
            url,
            sections,
            contact: self.pdf_contact(lang),
        }
    }

    /// The contact lines of the print page's footer (templates/contact.html), in `lang`.
    fn pdf_contact(&self, lang: &str) -> pdf::Contact {
        let hospital = self.hospital(lang);
        let with = |id: &str, key: &str, value: &Option<String>| {
            value.as_ref().map(|value| {
                self.localizer
                    .format(lang, id, &[(key, value.clone().into())])
            })
        };
        pdf::Contact {
            feedback: hospital.feedback_text.as_ref().map(|address| {
                let text = |id: &str| self.localizer.text(lang, id);
                format!(
                    "{}{}{address}",
                    text("feedback-link"),
                    text("feedback-separator")
                )
            }),
            formats: self.localizer.text(lang, "footer-text"),
            phone: with("footer-phone", "phone", &hospital.phone),
            emergency: with("footer-emergency", "number", &hospital.emergency),
        }
    }
}

/// A message of typst's about the PDF at `output`: at its line in the site's template when it
/// points there (the same for every PDF, so the PDF goes unnamed); otherwise at the `--pdf`
/// flag, naming the PDF (the built-in template's faults are leafpress's).
fn typst_diagnostic(
    level: Level,
    message: &pdf::Message,
    output: &str,
    own_template: bool,
) -> Diagnostic {
    let diagnostic = match message.in_template {
        Some((line, column)) if own_template => Diagnostic::new(
            level,
            Location::at(SITE_TEMPLATE, Position::new(line, column)),
            message.text.clone(),
        ),
        _ => Diagnostic::new(
            level,
            Location::file(PDF_FLAG),
            format!("{output}: {}", message.text),
        ),
    };
    if message.hints.is_empty() {
        diagnostic
    } else {
        diagnostic.with_hint(message.hints.join("; "))
    }
}

/// The diagnostics of a failed PDF run: one per failed PDF; a fault of the site's template,
/// which every PDF meets, once at its line in the template.
fn diagnostics(error: pdf::Error, own_template: bool) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    collect_diagnostics(error, own_template, &mut found);
    let mut seen = std::collections::HashSet::new();
    found.retain(|diagnostic: &Diagnostic| {
        seen.insert((diagnostic.location.clone(), diagnostic.message.clone()))
    });
    found
}

fn collect_diagnostics(error: pdf::Error, own_template: bool, found: &mut Vec<Diagnostic>) {
    match error {
        pdf::Error::Failed(errors) => {
            for error in errors {
                collect_diagnostics(error, own_template, found);
            }
        }
        pdf::Error::Compile { output, messages } | pdf::Error::Export { output, messages } => {
            found.extend(
                messages
                    .iter()
                    .map(|message| typst_diagnostic(Level::Error, message, &output, own_template)),
            );
        }
        error => found.push(Diagnostic::error(
            Location::file(PDF_FLAG),
            error.to_string(),
        )),
    }
}

/// A body's events as one section, or cut before each `##` heading (the introduction first,
/// possibly empty), as the handout pairs the languages' sections.
fn sections<'e>(events: &'e [Event<'static>], in_sections: bool) -> Vec<&'e [Event<'static>]> {
    if !in_sections {
        return vec![events];
    }
    let mut cuts = vec![0];
    cuts.extend(events.iter().enumerate().filter_map(|(index, event)| {
        matches!(
            event,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            })
        )
        .then_some(index)
    }));
    cuts.push(events.len());
    cuts.windows(2)
        .map(|pair| &events[pair[0]..pair[1]])
        .collect()
}
