//! Print layout: the `@page` rules of print pages (paper size, footers in the page's language
//! with "page N of M") and the bilingual handout's section-by-section pairing.

use crate::model::config::Paper;
use crate::model::frontmatter::FrontMatter;
use crate::model::i18n::Localizer;

/// How large a footer is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FooterSize {
    Normal,
    /// On large-print pages.
    Large,
}

/// The three bottom margin boxes of every printed page.
pub struct Footer {
    pub left: String,
    pub center: String,
    /// The `page-number` message, with `{page}`/`{pages}` becoming CSS counters.
    pub right: String,
}

impl Footer {
    /// Reference and version, review dates, page N of M, in `lang`.
    pub fn for_leaflet(localizer: &Localizer, lang: &str, front: &FrontMatter) -> Footer {
        let label = |id| localizer.text(lang, id);
        Footer {
            left: css_string(&format!(
                "{} {} · {} {}",
                label("label-reference"),
                front.reference,
                label("label-version"),
                front.version
            )),
            center: css_string(&format!(
                "{} {} · {} {}",
                label("label-reviewed"),
                localizer.date(lang, front.reviewed),
                label("label-review-due"),
                localizer.date(lang, front.review_due)
            )),
            right: page_counter(localizer, lang),
        }
    }

    /// For a handout in several languages: the reference and every title, and a page counter
    /// that needs no words.
    pub fn for_handout(reference: &str, titles: &[&str]) -> Footer {
        Footer {
            left: css_string(reference),
            center: css_string(&titles.join(" / ")),
            right: "counter(page) \" / \" counter(pages)".to_string(),
        }
    }

    /// The page's `@page` rules: the details on the left, the page counter on the right, in
    /// the same place on every page.
    pub fn page_style(&self, paper: Paper, size: FooterSize) -> String {
        let (bottom, font, left_width, right_width) = match size {
            FooterSize::Normal => ("20mm", "8pt", "78%", "22%"),
            // Large print: the footer is text the reader needs (the reference to quote on
            // the phone), so it is as large as the body, wrapping in a deeper margin.
            FooterSize::Large => ("38mm", "16pt", "70%", "30%"),
        };
        format!(
            "@page {{ size: {size}; margin: 16mm 15mm {bottom}; \
             @bottom-left {{ content: {left} \" · \" {center}; width: {left_width}; \
             font-size: {font}; color: #333; vertical-align: top; }} \
             @bottom-right {{ content: {right}; width: {right_width}; \
             font-size: {font}; color: #333; text-align: right; vertical-align: top; }} }}",
            size = paper.css_size(),
            left = self.left,
            center = self.center,
            right = self.right,
        )
    }
}

/// "Page N of M" in `lang` as CSS content: the message is formatted with markers for the two
/// numbers, which become `counter(page)` and `counter(pages)`, so translators keep word order.
fn page_counter(localizer: &Localizer, lang: &str) -> String {
    const PAGE: &str = "\u{E010}";
    const PAGES: &str = "\u{E011}";
    let text = localizer.format(
        lang,
        "page-number",
        &[("page", PAGE.into()), ("pages", PAGES.into())],
    );
    let mut parts = Vec::new();
    let mut rest = text.as_str();
    loop {
        let next = [(PAGE, "counter(page)"), (PAGES, "counter(pages)")]
            .into_iter()
            .filter_map(|(marker, counter)| rest.find(marker).map(|i| (i, marker, counter)))
            .min();
        let Some((i, marker, counter)) = next else {
            break;
        };
        if i > 0 {
            parts.push(css_string(&rest[..i]));
        }
        parts.push(counter.to_string());
        rest = &rest[i + marker.len()..];
    }
    if !rest.is_empty() {
        parts.push(css_string(rest));
    }
    parts.join(" ")
}

/// A CSS string literal. `<` is escaped too: the rules sit inside a `<style>` element.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\3C "),
            '\n' => out.push_str("\\A "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_close_the_style_element() {
        assert_eq!(css_string("a\"b</style>"), "\"a\\\"b\\3C /style>\"");
    }

    #[test]
    fn page_numbers_follow_each_languages_word_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut diagnostics = crate::diagnostic::Diagnostics::default();
        let languages = vec!["en".to_string(), "zh".to_string()];
        let localizer = Localizer::load(dir.path(), &languages, &mut diagnostics);
        assert_eq!(
            page_counter(&localizer, "en"),
            "\"Page \" counter(page) \" of \" counter(pages)"
        );
        assert_eq!(
            page_counter(&localizer, "zh"),
            "\"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\""
        );
    }
}
