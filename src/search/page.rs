//! What of a leaflet page the search indexes and shows: its title, summary and the text of
//! each section, taken from the leaflet's values as the page is made (front matter and the
//! parsed body), not read back from the page.
//!
//! Each heading of the body starts a section a result can point into (its anchor is the
//! heading's id on the page); the text before the first heading is the first section, with
//! no anchor. Image alt text is not indexed (it is not text on the page), and neither is
//! anything the templates add around the body.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::text::markdown::Body;

/// The searchable text of one page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageText {
    pub title: String,
    pub summary: String,
    pub sections: Vec<Section>,
}

/// A heading and the text under it, up to the next heading. The first section (before any
/// heading) has no anchor and no heading. Blocks (paragraphs, list items, cells) are separated
/// by `\n`, spaces inside them collapsed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Section {
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

/// Where text goes.
#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Target {
    Title,
    Summary,
    Heading,
    #[default]
    Text,
}

impl PageText {
    /// The searchable text of a leaflet page with `title`, `summary` and `body`.
    pub fn new(title: &str, summary: &str, body: &Body) -> PageText {
        let mut page = Reader::new();
        page.target = Target::Title;
        page.field().push(title);
        page.target = Target::Summary;
        page.field().push(summary);
        page.target = Target::Text;
        let mut in_image = false;
        for event in &body.events {
            match event {
                Event::Start(Tag::Heading { id, .. }) => {
                    page.start_section(id.as_deref().unwrap_or_default().to_string());
                    page.target = Target::Heading;
                }
                Event::End(TagEnd::Heading(_)) => {
                    page.target = Target::Text;
                    page.field().end_line();
                }
                Event::Start(Tag::Image { .. }) => in_image = true,
                Event::End(TagEnd::Image) => in_image = false,
                Event::Text(text) | Event::Code(text) if !in_image => page.field().push(text),
                // Written as a line break inside the block; a hard break is a `<br>`.
                Event::SoftBreak => page.field().push("\n"),
                Event::HardBreak | Event::Rule => page.field().end_line(),
                Event::Start(tag) if is_block(tag) => page.field().end_line(),
                Event::End(tag) if is_block_end(*tag) => page.field().end_line(),
                _ => {}
            }
        }
        page.finish()
    }
}

/// Elements that end a block of text: text on either side of them is not one line.
fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
    )
}

/// The page as far as it has been read.
struct Reader {
    title: Field,
    summary: Field,
    sections: Vec<Section>,
    /// The section being read.
    anchor: String,
    heading: Field,
    text: Field,
    target: Target,
}

impl Reader {
    fn new() -> Reader {
        Reader {
            title: Field::one_line(),
            summary: Field::one_line(),
            sections: Vec::new(),
            anchor: String::new(),
            heading: Field::one_line(),
            text: Field::lines(),
            target: Target::Text,
        }
    }

    fn field(&mut self) -> &mut Field {
        match self.target {
            Target::Title => &mut self.title,
            Target::Summary => &mut self.summary,
            Target::Heading => &mut self.heading,
            Target::Text => &mut self.text,
        }
    }

    /// Ends the section being read and starts one at `anchor`.
    fn start_section(&mut self, anchor: String) {
        let heading = std::mem::replace(&mut self.heading, Field::one_line()).text;
        let text = std::mem::replace(&mut self.text, Field::lines()).text;
        if !heading.is_empty() || !text.is_empty() {
            self.sections.push(Section {
                anchor: std::mem::replace(&mut self.anchor, anchor),
                heading,
                text,
            });
        } else {
            self.anchor = anchor;
        }
    }

    fn finish(mut self) -> PageText {
        self.start_section(String::new());
        PageText {
            title: self.title.text,
            summary: self.summary.text,
            sections: self.sections,
        }
    }
}

/// One field's text as it is read: each run of whitespace (as `char::is_whitespace` counts it)
/// becomes one space, or a line break where a block ended or a line break stood within it; none
/// at either end. Titles, summaries and headings are one line: their breaks are spaces too.
struct Field {
    text: String,
    /// What the whitespace since the last text becomes if more text follows.
    gap: Gap,
    keeps_lines: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Space,
    Line,
}

impl Field {
    fn one_line() -> Field {
        Field {
            text: String::new(),
            gap: Gap::None,
            keeps_lines: false,
        }
    }

    fn lines() -> Field {
        Field {
            keeps_lines: true,
            ..Field::one_line()
        }
    }

    fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // The start of the text not yet added: words and the single spaces between them, as
        // most text is, are copied as they stand.
        let mut words = 0;
        let mut i = 0;
        while let Some(found) = bytes[i..].iter().position(|&b| may_start_whitespace(b)) {
            i += found;
            let space = whitespace_length(text, i);
            let single_space = bytes[i] == b' '
                && i > words
                && bytes.get(i + 1).is_some_and(|&b| !may_start_whitespace(b));
            if space == 0 || single_space {
                i += 1;
                continue;
            }
            self.push_words(&text[words..i]);
            self.gap = self.gap.max(if bytes[i] == b'\n' {
                Gap::Line
            } else {
                Gap::Space
            });
            i += space;
            words = i;
        }
        self.push_words(&text[words..]);
    }

    /// Text that neither starts nor ends with whitespace, after the gap before it.
    fn push_words(&mut self, words: &str) {
        if words.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            match self.gap {
                Gap::None => {}
                Gap::Space => self.text.push(' '),
                Gap::Line if self.keeps_lines => self.text.push('\n'),
                Gap::Line => self.text.push(' '),
            }
        }
        self.gap = Gap::None;
        self.text.push_str(words);
    }

    fn end_line(&mut self) {
        self.gap = Gap::Line;
    }
}

/// Whether a whitespace character (as `char::is_whitespace` counts them) may start with `byte`.
/// Two comparisons cover them all: ASCII whitespace is at most a space, and the others (U+0085,
/// U+00A0, U+1680, U+2000–U+205F, U+3000) start with a byte from 0xC2 to 0xE3. Bytes inside a
/// character never do; Han characters (from 0xE4) and ASCII letters neither.
fn may_start_whitespace(byte: u8) -> bool {
    byte <= b' ' || (0xc2..=0xe3).contains(&byte)
}

/// How many bytes the whitespace character at byte `i` of `text` takes, or 0 if there is none
/// there.
fn whitespace_length(text: &str, i: usize) -> usize {
    match text.as_bytes()[i] {
        b'\t'..=b'\r' | b' ' => 1,
        byte if byte.is_ascii() => 0,
        byte if may_start_whitespace(byte) => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each section as (anchor, heading, text).
    fn sections_of(page: &PageText) -> Vec<(&str, &str, &str)> {
        page.sections
            .iter()
            .map(|s| (s.anchor.as_str(), s.heading.as_str(), s.text.as_str()))
            .collect()
    }

    fn page_of(title: &str, summary: &str, markdown: &str) -> PageText {
        PageText::new(title, summary, &Body::parse(markdown, 0))
    }

    #[test]
    fn reads_title_summary_and_sections_of_the_body() {
        let page = page_of(
            "Colonoscopy & you",
            "What a colonoscopy is,\n and what to expect.",
            "This leaflet explains **a colonoscopy**.\n\n<!-- <p>hidden comment</p> -->\n\n\
             ## Getting *ready*\n\n- Do not eat for 6 hours.\n- Drink water &lt; 2 hours before.\n\n\
             ![x > y](a.svg)\n\n### Your medicines\n\n| 7 days | Stop warfarin |\n|---|---|\n",
        );
        assert_eq!(page.title, "Colonoscopy & you");
        assert_eq!(page.summary, "What a colonoscopy is, and what to expect.");
        assert_eq!(
            sections_of(&page),
            [
                ("", "", "This leaflet explains a colonoscopy."),
                (
                    "getting-ready",
                    "Getting ready",
                    "Do not eat for 6 hours.\nDrink water < 2 hours before."
                ),
                ("your-medicines", "Your medicines", "7 days\nStop warfarin"),
            ]
        );
    }

    #[test]
    fn markup_in_text_stays_text() {
        let page = page_of("<script>alert(1)</script>", "s", "x `<b>` y &amp; z\n");
        assert_eq!(page.title, "<script>alert(1)</script>");
        assert_eq!(page.sections[0].text, "x <b> y & z");
    }

    #[test]
    fn blocks_break_lines_in_text_and_soft_breaks_too() {
        let page = page_of(
            "Two  titles",
            "s",
            "one\n\ntwo  \nthree\nfour\n\n## Head `ing`\n\n- x\n-  y \n\n> quoted\n",
        );
        assert_eq!(page.title, "Two titles");
        assert_eq!(
            sections_of(&page),
            [
                ("", "", "one\ntwo\nthree\nfour"),
                ("head-ing", "Head ing", "x\ny\nquoted")
            ]
        );
    }

    /// Whitespace is collapsed as text is read, no longer afterwards; this is what collapsing
    /// afterwards gave: each line of a section's text (titles, summaries and headings are one
    /// line) with its whitespace runs as one space and none at either end, empty lines dropped.
    fn collapsed_afterwards(text: &str, keeps_lines: bool) -> String {
        let one_line = |line: &str| line.split_whitespace().collect::<Vec<_>>().join(" ");
        if keeps_lines {
            let lines: Vec<String> = text.lines().map(one_line).collect();
            lines
                .into_iter()
                .filter(|line| !line.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            one_line(text)
        }
    }

    #[test]
    fn whitespace_collapses_as_it_did_when_collapsed_afterwards() {
        let texts = [
            "plain words with single spaces",
            "  leading and trailing  ",
            "tabs\tand\u{b}vertical\u{c}feeds\r\nand CRLF",
            "line\nbreaks\n\n\nmany \n  \n spaced",
            "no\u{a0}break\u{3000}ideographic\u{2003}em\u{85}next\u{2028}separator",
            "中文，没有空格。\n第二行　全角空格",
            "\u{2019}quotes\u{201c} and \u{e1}\u{e2}\u{e3} letters à é ă",
            " ",
            "",
            "\n",
        ];
        for keeps_lines in [false, true] {
            for text in texts {
                for pieces in [1, 2, 3] {
                    // Text arrives in pieces (between tags), split anywhere between characters.
                    let mut field = if keeps_lines {
                        Field::lines()
                    } else {
                        Field::one_line()
                    };
                    let step = text.chars().count() / pieces + 1;
                    let chars: Vec<char> = text.chars().collect();
                    for piece in chars.chunks(step) {
                        field.push(&piece.iter().collect::<String>());
                    }
                    assert_eq!(
                        field.text,
                        collapsed_afterwards(text, keeps_lines),
                        "{text:?} in {pieces}, keeping lines: {keeps_lines}"
                    );
                }
            }
        }
    }

    #[test]
    fn whitespace_is_found_as_char_is_whitespace_finds_it() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("{c}x");
            let expected = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(whitespace_length(&text, 0), expected, "{c:?}");
            if c.is_whitespace() {
                assert!(may_start_whitespace(text.as_bytes()[0]), "{c:?}");
            }
        }
    }
}
