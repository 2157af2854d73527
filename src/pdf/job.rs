//! The job model: plain owned data the caller fills for each PDF (paper, layout, the leaflet's
//! front matter, its translated labels and its converted body).

use super::markup::Body;

pub use crate::model::config::Paper;

/// Typst's name for the paper (`set page(paper: …)`).
pub fn typst_paper(paper: Paper) -> &'static str {
    match paper {
        Paper::A4 => "a4",
        Paper::Letter => "us-letter",
        Paper::A5 => "a5",
    }
}

/// The words printed around a leaflet's data, in the leaflet's language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Labels {
    /// "Reference"
    pub reference: String,
    /// "Version"
    pub version: String,
    /// "Last reviewed"
    pub reviewed: String,
    /// "Next review due"
    pub review_due: String,
    /// "The latest version of this leaflet is online at:"
    pub online_version_at: String,
    /// "Page {page} of {pages}": the translator's message with `{page}` and `{pages}` markers,
    /// which become the page number and the page count in the translator's word order.
    pub page_of: String,
    /// The QR code's description for screen readers, e.g. "QR code for the online version:
    /// https://…".
    pub qr_code: String,
    /// "Sources", the heading of the leaflet's sources.
    pub sources: String,
}

/// One leaflet in one language: a single PDF, or one column of a bilingual handout.
#[derive(Debug, Clone, Default)]
pub struct LeafletPdf {
    /// The leaflet's language as a BCP 47 tag: `en`, `zh`, `zh-Hans`. Chinese (`zh…`) is set
    /// as Simplified Chinese of mainland China (typst `lang: "zh", region: "CN"`).
    pub lang: String,
    pub hospital: String,
    pub title: String,
    pub department: String,
    pub summary: String,
    pub reference: String,
    pub version: u64,
    /// The date of the last review, already written out in the leaflet's language.
    pub reviewed: String,
    /// The date the next review is due, already written out in the leaflet's language.
    pub review_due: String,
    pub labels: Labels,
    /// The leaflet's online address, printed beside its QR code.
    pub url: String,
    /// The QR code of [`LeafletPdf::url`] as an SVG document.
    pub qr_svg: String,
    /// The body in sections: for a handout, the introduction and then one section per `##`
    /// heading, paired with the other languages' sections by position; a single leaflet may
    /// pass its whole body as one section.
    pub sections: Vec<Body>,
    /// Where the information comes from (front matter `sources:`): a title, and the address
    /// when it is online.
    pub sources: Vec<(String, Option<String>)>,
    /// The hospital's contact lines at the end, as the print page has them.
    pub contact: Contact,
}

/// The contact lines closing a leaflet, each already written out in its language.
#[derive(Debug, Clone, Default)]
pub struct Contact {
    /// "Tell us what you think of this leaflet: <address>", when the site takes feedback.
    pub feedback: Option<String>,
    /// The other formats and languages the leaflet comes in.
    pub formats: String,
    /// "Hospital switchboard: <phone>", when the site gives one.
    pub phone: Option<String>,
    /// "In an emergency, call <number>.", when the site gives one.
    pub emergency: Option<String>,
}

/// What a PDF holds.
#[derive(Debug, Clone)]
pub enum Layout {
    /// One leaflet in one language (boxed: a leaflet is large next to a handout's vector).
    Single(Box<LeafletPdf>),
    /// One leaflet in one language in large print: 16 pt text and up, left-aligned, no
    /// italics, short lines.
    LargePrint(Box<LeafletPdf>),
    /// The same leaflet in several languages, section by section: side by side on A4 and
    /// Letter, one language after the other within each section when `stacked` (and always on
    /// A5, which is too narrow for columns).
    Handout {
        reference: String,
        columns: Vec<LeafletPdf>,
        stacked: bool,
    },
}

/// A calendar date (for the PDF's creation date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// One PDF to make.
#[derive(Debug, Clone)]
pub struct Job {
    /// Where the PDF goes, relative to the output folder; also the PDF's stable identifier
    /// (its trailer `/ID` is derived from it), so it must not change between builds.
    pub output: String,
    pub paper: Paper,
    pub layout: Layout,
    /// The document title (`/Title`, shown by PDF readers instead of the file name).
    pub title: String,
    /// The document's main language (`/Lang`): the leaflet's, or a handout's first.
    pub lang: String,
    /// The creation date written into the PDF; `None` writes no date, so that the bytes
    /// depend on the content only.
    pub date: Option<PdfDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_names_are_typst_names() {
        assert_eq!(typst_paper(Paper::A4), "a4");
        assert_eq!(typst_paper(Paper::Letter), "us-letter");
        assert_eq!(typst_paper(Paper::A5), "a5");
    }
}
