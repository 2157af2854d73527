//! The generated main file of a document: one call of the template's `leaflet` or `handout`
//! function with a dictionary of the job's data, every string of it a typst string literal and
//! every body section the code [`super::markup`] wrote.
//!
//! The template contract (for a site's own `templates/print.typ`): it defines
//! `leaflet(doc)`, `large-print(doc)` and `handout(doc)`, taking the dictionaries written here
//! (see `src/pdf/print.typ` for the keys).

use std::collections::HashMap;
use std::fmt::Write;

use typst::foundations::Bytes;

use super::fonts::{FontChoice, Fonts};
use super::job::{Job, Layout, LeafletPdf};
use super::literal::push_str_literal;
use crate::model::language::is_chinese;

/// Why a main source could not be written.
#[derive(Debug)]
pub(crate) enum GenerateError {
    /// A language has no font (the error says what to install).
    Fonts(super::error::Error),
    /// The job's data is unusable.
    Job(String),
}

/// A document's main source and the files it reads, by virtual path.
pub(crate) struct Generated {
    pub(crate) main: String,
    pub(crate) files: HashMap<String, Bytes>,
}

/// Writes the main source of `job`.
pub(crate) fn generate(job: &Job, fonts: &Fonts) -> Result<Generated, GenerateError> {
    let mut out = String::with_capacity(16 * 1024);
    let mut files = HashMap::new();
    let (lang, region) = typst_language(&job.lang).map_err(GenerateError::Job)?;
    match &job.layout {
        Layout::Single(leaflet) | Layout::LargePrint(leaflet) => {
            let function = match job.layout {
                Layout::LargePrint(_) => "large-print",
                _ => "leaflet",
            };
            let _ = write!(out, "#import \"/print.typ\": {function}\n#{function}((\n");
            document_fields(&mut out, job, lang, region);
            out.push_str("  leaflet: ");
            leaflet_dict(&mut out, leaflet, 0, fonts, &mut files)?;
            out.push_str(",\n))\n");
        }
        Layout::Handout {
            reference,
            columns,
            stacked,
        } => {
            if columns.is_empty() {
                return Err(GenerateError::Job(
                    "a handout needs at least one language".into(),
                ));
            }
            out.push_str("#import \"/print.typ\": handout\n#handout((\n");
            document_fields(&mut out, job, lang, region);
            field(&mut out, "reference", reference);
            let stacked = *stacked || job.paper.is_narrow();
            let _ = writeln!(out, "  stacked: {stacked},");
            out.push_str("  columns: (\n");
            for (index, column) in columns.iter().enumerate() {
                out.push_str("  ");
                leaflet_dict(&mut out, column, index, fonts, &mut files)?;
                out.push_str(",\n");
            }
            out.push_str("  ),\n))\n");
        }
    }
    Ok(Generated { main: out, files })
}

/// The fields every document has: paper, title and main language.
fn document_fields(out: &mut String, job: &Job, lang: &str, region: Option<&str>) {
    field(out, "paper", super::job::typst_paper(job.paper));
    field(out, "title", &job.title);
    field(out, "lang", lang);
    optional_field(out, "region", region);
}

/// One leaflet's dictionary; its QR code becomes the file `/qr-<index>.svg`.
fn leaflet_dict(
    out: &mut String,
    leaflet: &LeafletPdf,
    index: usize,
    fonts: &Fonts,
    files: &mut HashMap<String, Bytes>,
) -> Result<(), GenerateError> {
    let (lang, region) = typst_language(&leaflet.lang).map_err(GenerateError::Job)?;
    let choice = fonts.choose(&leaflet.lang).map_err(GenerateError::Fonts)?;
    let qr_path = format!("/qr-{index}.svg");
    files.insert(qr_path.clone(), Bytes::from_string(leaflet.qr_svg.clone()));
    out.push_str("(\n");
    field(out, "lang", lang);
    optional_field(out, "region", region);
    font_fields(out, &choice);
    field(out, "hospital", &leaflet.hospital);
    field(out, "title", &leaflet.title);
    field(out, "department", &leaflet.department);
    field(out, "summary", &leaflet.summary);
    field(out, "reference", &leaflet.reference);
    field(out, "version", &leaflet.version.to_string());
    field(out, "reviewed", &leaflet.reviewed);
    field(out, "review-due", &leaflet.review_due);
    field(out, "url", &leaflet.url);
    field(out, "qr", &qr_path);
    let labels = &leaflet.labels;
    out.push_str("  labels: (\n");
    field(out, "reference", &labels.reference);
    field(out, "version", &labels.version);
    field(out, "reviewed", &labels.reviewed);
    field(out, "review-due", &labels.review_due);
    field(out, "online-version-at", &labels.online_version_at);
    field(out, "page-of", &labels.page_of);
    field(out, "qr-code", &labels.qr_code);
    field(out, "sources", &labels.sources);
    out.push_str("  ),\n  sources: (\n");
    for (title, url) in &leaflet.sources {
        out.push_str("  (\n");
        field(out, "title", title);
        optional_field(out, "url", url.as_deref());
        out.push_str("  ),\n");
    }
    let contact = &leaflet.contact;
    out.push_str("  ),\n  contact: (\n");
    optional_field(out, "feedback", contact.feedback.as_deref());
    field(out, "formats", &contact.formats);
    optional_field(out, "phone", contact.phone.as_deref());
    optional_field(out, "emergency", contact.emergency.as_deref());
    out.push_str("  ),\n  sections: (\n");
    for section in &leaflet.sections {
        out.push_str(section.code());
        out.push_str(",\n");
        for (path, data) in &section.images {
            files.insert(path.clone(), data.clone());
        }
    }
    out.push_str("  ),\n)");
    Ok(())
}

fn font_fields(out: &mut String, choice: &FontChoice) {
    for (key, families) in [("fonts", &choice.body), ("mono-fonts", &choice.mono)] {
        let _ = write!(out, "  {key}: (");
        for family in families {
            push_str_literal(out, family);
            out.push_str(", ");
        }
        out.push_str("),\n");
    }
}

/// `  key: "value",` on a line of its own.
fn field(out: &mut String, key: &str, value: &str) {
    let _ = write!(out, "  {key}: ");
    push_str_literal(out, value);
    out.push_str(",\n");
}

fn optional_field(out: &mut String, key: &str, value: Option<&str>) {
    match value {
        Some(value) => field(out, key, value),
        None => {
            let _ = writeln!(out, "  {key}: none,");
        }
    }
}

/// Typst's language and region for a BCP 47 tag: Chinese is Simplified Chinese of mainland
/// China (typst has no script subtag, so `/Lang` becomes `zh-CN`); other languages keep
/// their primary subtag, which typst requires to be two or three letters.
pub(crate) fn typst_language(tag: &str) -> Result<(&str, Option<&'static str>), String> {
    if is_chinese(tag) {
        return Ok(("zh", Some("CN")));
    }
    let primary = tag.split(['-', '_']).next().unwrap_or(tag);
    let valid = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase());
    if valid {
        Ok((primary, None))
    } else {
        Err(format!("unsupported language tag {tag:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_become_typst_language_and_region() {
        assert_eq!(typst_language("en"), Ok(("en", None)));
        assert_eq!(typst_language("en-GB"), Ok(("en", None)));
        assert_eq!(typst_language("zh-Hans"), Ok(("zh", Some("CN"))));
        assert!(typst_language("E\"n").is_err());
        assert!(typst_language("").is_err());
    }

    #[test]
    fn fields_are_string_literals() {
        let mut out = String::new();
        field(&mut out, "title", "a\"b\\");
        assert_eq!(out, "  title: \"a\\\"b\\\\\",\n");
    }
}
