//! Escaping text for HTML and XML, the one way the whole crate does it: `&`, `<`, `>`, `"` and
//! `'` (html-escape's quoted-attribute escaper), safe in text and in attributes quoted either way.

use std::borrow::Cow;

/// `text` escaped for an HTML or XML page, its text or any attribute.
pub fn html(text: &str) -> Cow<'_, str> {
    html_escape::encode_quoted_attribute(text)
}

/// [`html`], written into `out` (for Tera, which escapes into its output).
pub fn html_to_writer(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    html_escape::encode_quoted_attribute_to_writer(text, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_that_can_end_text_or_an_attribute_is_escaped() {
        assert_eq!(
            html("' onclick='a()\" <b>&"),
            "&#x27; onclick=&#x27;a()&quot; &lt;b&gt;&amp;"
        );
        assert!(matches!(html("plain 文字"), Cow::Borrowed(_)));
    }
}
