//! The one Markdown parser setup, and a leaflet body parsed with it once per run: the content
//! checks, the pages and the search index all read the same events.
//!
//! The setup: CommonMark with tables and strikethrough, and CJK-friendly emphasis
//! ([`super::cjk_emphasis`]), so `**请勿进食。**术前` is bold wherever the body is read. Every
//! event keeps the byte range of the file it came from, and every heading gets its id here,
//! so the page, its table of contents and the search results agree on anchors.

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::cjk_emphasis::Prepared;

/// Ids the page templates use themselves; headings never take them.
const RESERVED_IDS: &[&str] = &["main", "content", "toc", "top", "leaflet-details", "search"];

/// The parser options every reading of a body uses.
pub fn options() -> Options {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options
}

/// A `##` heading, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub id: String,
    pub text: String,
}

/// A Markdown body, parsed.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The events in order. Every heading carries its id.
    pub events: Vec<Event<'static>>,
    /// The byte range of the file each event comes from (parallel to `events`).
    pub ranges: Vec<Range<usize>>,
    /// The `##` headings.
    pub toc: Vec<TocEntry>,
}

impl Body {
    /// Parses the body of `source`, which starts at byte `body_offset` (after the front
    /// matter); ranges are offsets in `source`.
    pub fn parse(source: &str, body_offset: usize) -> Body {
        let body = &source[body_offset..];
        let prepared = Prepared::new(body);
        let file_offset = |offset: usize| body_offset + prepared.original_offset(offset);
        // Leaflets have about one event per 18 bytes of Markdown; growing the lists one
        // doubling at a time showed in profiles.
        let capacity = body.len() / 14;
        let mut events = Vec::with_capacity(capacity);
        let mut ranges = Vec::with_capacity(capacity);
        for (event, range) in Parser::new_ext(&prepared.text, options()).into_offset_iter() {
            events.push(prepared.strip_event(event).into_static());
            ranges.push(file_offset(range.start)..file_offset(range.end));
        }
        let toc = assign_heading_ids(&mut events);
        Body {
            events,
            ranges,
            toc,
        }
    }

    /// Each event with its file range.
    pub fn iter(&self) -> impl Iterator<Item = (&Event<'static>, &Range<usize>)> {
        self.events.iter().zip(&self.ranges)
    }
}

/// Gives every heading an id (kept stable: derived from its text) and returns the `##` headings.
fn assign_heading_ids(events: &mut [Event<'static>]) -> Vec<TocEntry> {
    let mut used: BTreeSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut toc = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = *level;
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let text = text.trim().to_string();
            let base = heading_slug(&text);
            let mut id = base.clone();
            let mut n = 2;
            while used.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            used.insert(id.clone());
            if let Event::Start(Tag::Heading { id: heading_id, .. }) = &mut events[i] {
                *heading_id = Some(id.clone().into());
            }
            if level == HeadingLevel::H2 {
                toc.push(TocEntry { id, text });
            }
            i = j;
        }
        i += 1;
    }
    toc
}

/// Lowercase letters and digits of any script, joined by `-` (Chinese headings keep their characters).
pub fn heading_slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

/// The heading level as a number, 1 to 6.
pub fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Whether an HTML event is a comment and nothing else (`<!-- … -->`, one or several).
pub fn is_comment(html: &str) -> bool {
    let mut rest = html.trim();
    while !rest.is_empty() {
        let Some(inside) = rest.strip_prefix("<!--") else {
            return false;
        };
        let Some(end) = inside.find("-->") else {
            return false;
        };
        rest = inside[end + 3..].trim_start();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_slugs_keep_chinese_and_fold_case() {
        assert_eq!(heading_slug("Before your test"), "before-your-test");
        assert_eq!(heading_slug("检查前的准备"), "检查前的准备");
        assert_eq!(heading_slug("CT 扫描：注意事项"), "ct-扫描-注意事项");
        assert_eq!(heading_slug("!!!"), "section");
    }

    #[test]
    fn comments_are_comments_only_when_nothing_else_is_in_them() {
        assert!(is_comment("<!-- note -->\n"));
        assert!(is_comment("<!-- a --> <!-- b -->"));
        assert!(!is_comment("<script>alert(1)</script>"));
        assert!(!is_comment("<!-- a --> <b>bold</b> <!-- b -->"));
        assert!(!is_comment("<!-- unclosed"));
    }

    #[test]
    fn ranges_are_file_offsets_and_emphasis_is_cjk_friendly() {
        let source = "---\nt: x\n---\n## 准备\n\n**请勿进食。**术前两小时\n";
        let body = Body::parse(source, 13);
        let strong = body
            .iter()
            .find(|(e, _)| matches!(e, Event::Start(Tag::Strong)))
            .map(|(_, r)| r.clone())
            .expect("the emphasis is strong");
        assert_eq!(&source[strong], "**请勿进食。**");
        assert_eq!(body.toc[0].id, "准备");
    }
}
