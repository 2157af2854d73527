//! Prose as the punctuation rules see it: every line of the body with Chinese text, with
//! everything that is not prose (front matter, code, HTML, URLs, link destinations, Markdown
//! syntax) replaced by placeholders the rules cannot change.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag};

use crate::text::chars::{is_fullwidth_punctuation, is_han};
use crate::text::markdown::Body;

/// Stands for Markdown syntax (emphasis, link brackets and destinations): never changed, and
/// looked through when asking what a mark follows, so `**进食**.` and `[须知](../x/).` count
/// as a `.` after Chinese.
pub(super) const MARKUP: char = '\u{E001}';
/// Stands for code, HTML, URLs, front matter and syntax whitespace: never changed, and a
/// boundary no rule looks across.
pub(super) const OPAQUE: char = '\u{E000}';

/// How one byte of the file may be treated.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ByteRole {
    Prose,
    Markup,
    /// The brackets, destination and title of a link or image: syntax, spaces included.
    LinkSyntax,
    Opaque,
}

/// One line of the file that holds some Chinese prose, as the rules see it.
pub(super) struct ProseLine {
    /// 1-based line number in the whole file.
    pub(super) number: usize,
    /// Byte range of the line without its `\n` or `\r\n`.
    pub(super) content: Range<usize>,
    /// The line's characters, one per original character, with everything that is not prose
    /// replaced by `MARKUP` or `OPAQUE`, so indexes here are columns in the file.
    pub(super) view: Vec<char>,
    /// The original characters behind the placeholders, in order, to put back after fixing.
    pub(super) hidden: Vec<char>,
}

/// The lines of the body that contain Chinese prose, with non-prose masked out.
pub(super) fn prose_lines(text: &str, body_offset: usize, body: &Body) -> Vec<ProseLine> {
    let roles = byte_roles(text, body_offset, body);
    let mut lines = Vec::new();
    let mut line_start = 0;
    for (index, raw_line) in text.split_inclusive('\n').enumerate() {
        let start = line_start;
        line_start += raw_line.len();
        let without_newline = raw_line.strip_suffix('\n').unwrap_or(raw_line);
        let content = without_newline
            .strip_suffix('\r')
            .unwrap_or(without_newline);
        let end = start + content.len();
        if end <= body_offset || !roles[start..end].contains(&ByteRole::Prose) {
            continue;
        }
        let mut view = Vec::with_capacity(content.len());
        let mut hidden = Vec::new();
        for (offset, character) in content.char_indices() {
            let role = roles[start + offset];
            // A placeholder character in the prose itself must stay untouched like one.
            let shown = match role {
                ByteRole::Prose if character == MARKUP || character == OPAQUE => OPAQUE,
                ByteRole::Prose => character,
                // Spaces that are syntax (list markers, table cell padding) end one item or
                // cell and start the next: no rule should look across them.
                ByteRole::Markup if character.is_whitespace() => OPAQUE,
                ByteRole::Markup | ByteRole::LinkSyntax => MARKUP,
                ByteRole::Opaque => OPAQUE,
            };
            if matches!(shown, MARKUP | OPAQUE) {
                hidden.push(character);
            }
            view.push(shown);
        }
        if view
            .iter()
            .any(|&c| is_han(c) || is_fullwidth_punctuation(c))
        {
            lines.push(ProseLine {
                number: index + 1,
                content: start..end,
                view,
                hidden,
            });
        }
    }
    lines
}

/// Marks every byte of the file as prose, Markdown syntax or something never to touch.
pub(super) fn byte_roles(text: &str, body_offset: usize, parsed: &Body) -> Vec<ByteRole> {
    let mut roles = vec![ByteRole::Opaque; text.len()];
    let mut body_start = body_offset.min(text.len());
    while !text.is_char_boundary(body_start) {
        body_start += 1;
    }
    let body = &text[body_start..];
    roles[body_start..].fill(ByteRole::Markup);

    let mut prose = Vec::new();
    let mut links = Vec::new();
    let mut opaque = Vec::new();
    for (event, range) in parsed.iter() {
        let range = range.clone();
        match event {
            // Only text that is written as it reads is prose: `&nbsp;` reads as a space, and
            // its `;` must not become `；`.
            Event::Text(content) if **content == text[range.clone()] => prose.push(range),
            Event::Text(_) => opaque.push(range),
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => opaque.push(range),
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => opaque.push(range),
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => opaque.push(range),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => links.push(range),
            _ => {}
        }
    }
    for range in links {
        roles[range].fill(ByteRole::LinkSyntax);
    }
    for range in prose {
        roles[range].fill(ByteRole::Prose);
    }
    // URLs are looked for in the source, not in the parser's text: it splits text at
    // characters that may be syntax, and reads `*` in `a.com/x*y … b*c` as emphasis.
    for url in bare_urls(body) {
        let url = url.start + body_start..url.end + body_start;
        if roles[url.start] == ByteRole::Prose {
            opaque.push(url);
        }
    }
    for range in opaque {
        roles[range].fill(ByteRole::Opaque);
    }
    if text.starts_with('\u{FEFF}') {
        roles[..'\u{FEFF}'.len_utf8()].fill(ByteRole::Opaque);
    }
    roles
}

/// Byte ranges of URLs written as plain text (`https://…`, `www.…`), which Markdown does not
/// mark up but which must never be respaced or repunctuated. A URL runs to the next space or
/// full-width mark, so Chinese in a path stays part of it.
pub(super) fn bare_urls(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut urls = Vec::new();
    let mut search_from = 0;
    while search_from < text.len() {
        let rest = &text[search_from..];
        let scheme_mark = rest.find("://").map(|at| (at, true));
        let www_mark = rest.find("www.").map(|at| (at, false));
        let Some((at, is_scheme)) = [scheme_mark, www_mark].into_iter().flatten().min() else {
            break;
        };
        let mark = search_from + at;
        let mut start = mark;
        if is_scheme {
            while start > 0
                && (bytes[start - 1].is_ascii_alphanumeric() || b"+.-".contains(&bytes[start - 1]))
            {
                start -= 1;
            }
        }
        let end = text[mark..]
            .char_indices()
            .find(|&(_, c)| {
                c.is_whitespace() || c == '<' || c == '>' || is_fullwidth_punctuation(c)
            })
            .map_or(text.len(), |(offset, _)| mark + offset);
        let starts_word = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        if start < mark || (!is_scheme && starts_word) {
            urls.push(start..end);
        }
        search_from = end.max(mark + 3);
    }
    urls
}
