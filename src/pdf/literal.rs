//! Typst string literals: the only way leaflet text enters generated typst code, so that no
//! character of a leaflet can become markup or code.
//!
//! Inside a typst string literal only `\` (which starts an escape) and `"` (which ends the
//! literal) are special (typst-syntax 0.15: `Lexer::string` and `ast::Str::get`); `#`, `$`,
//! `*`, `_`, `<`, `@`, `[`, `]` are plain characters there. Control characters are written
//! as `\u{…}` escapes so that the generated source stays one line per element and readable.

use std::fmt::Write;

/// Appends `text` to `out` as a typst string literal, quotes included.
pub fn push_str_literal(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => {
                // Writing into a String cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `text` as a typst string literal, quotes included.
pub fn str_literal(text: &str) -> String {
    let mut out = String::new();
    push_str_literal(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_backslashes_and_quotes_only() {
        assert_eq!(str_literal(r#"a\b"c"#), r#""a\\b\"c""#);
        assert_eq!(
            str_literal("#read(\"/etc/passwd\") $x$ *_<@]["),
            r##""#read(\"/etc/passwd\") $x$ *_<@][""##
        );
    }

    #[test]
    fn control_characters_become_unicode_escapes() {
        assert_eq!(str_literal("a\nb\tc\u{7f}"), r#""a\u{a}b\u{9}c\u{7f}""#);
    }

    #[test]
    fn keeps_other_text_as_it_is() {
        assert_eq!(str_literal("第 {page} 页"), "\"第 {page} 页\"");
    }

    #[test]
    fn a_trailing_backslash_cannot_escape_the_closing_quote() {
        assert_eq!(str_literal("\\"), r#""\\""#);
    }
}
