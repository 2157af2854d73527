//! What of a built leaflet page the search indexes and shows: its title, summary and the text of
//! each section, read from the element the template marks `data-search-body`.
//!
//! The page is leafpress's own output (Markdown rendered by pulldown-cmark, templates escaped by
//! Tera), so a small scanner over its tags is enough: quoted attribute values, comments and
//! entities are handled; nothing else of HTML's error recovery is needed.
//!
//! Marks the templates use:
//! - `data-search-body`: the part of the page that is indexed (the article);
//! - `data-search-ignore`: an element inside it that is not (details, contents);
//! - `data-search-summary`: the summary shown under a result's title.
//!
//! The `<h1>` is the title; each `<h2>`–`<h6>` with an `id` starts a section a result can point
//! into.

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

/// Where text found in the page goes.
#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Target {
    Title,
    Summary,
    Heading,
    #[default]
    Text,
}

/// Elements that end a block of text: text on either side of them is not one line.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "blockquote"
            | "br"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hr"
            | "li"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "td"
            | "th"
            | "tr"
            | "ul"
    )
}

/// Elements without an end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The searchable text of `html`, or `None` when no element in it is marked `data-search-body`
/// (a site's own template that leaves the mark out gets no search entry for that page).
///
/// Read in one pass: text goes straight into its field, whitespace collapsed on the way (see
/// [`Field`]).
pub fn page_text(html: &str) -> Option<PageText> {
    let body = marked_element(html, "data-search-body")?;
    let mut page = Reader::new();
    // The element that ends the summary or heading being read, and how deep the ignored
    // element being skipped is nested in itself.
    let mut closes: Option<&str> = None;
    let mut ignored: Option<(&str, usize)> = None;
    let mut rest = body;
    while !rest.is_empty() {
        let open = memchr::memchr(b'<', rest.as_bytes()).unwrap_or(rest.len());
        if ignored.is_none() {
            page.push_text(&rest[..open]);
        }
        rest = &rest[open..];
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            rest =
                memchr::memmem::find(after.as_bytes(), b"-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(tag) = Tag::parse(rest) else {
            if ignored.is_none() {
                page.field().push("<");
            }
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.length..];
        if let Some((name, depth)) = &mut ignored {
            if tag.name == *name && !is_void(tag.name) {
                if tag.closing {
                    *depth -= 1;
                } else {
                    *depth += 1;
                }
                if *depth == 0 {
                    ignored = None;
                }
            }
            continue;
        }
        if tag.closing {
            if closes == Some(tag.name) {
                closes = None;
                page.target = Target::Text;
            }
        } else {
            let marks = tag.marks();
            if marks.ignore && !is_void(tag.name) {
                ignored = Some((tag.name, 1));
                continue;
            } else if tag.name == "h1" {
                page.target = Target::Title;
                closes = Some(tag.name);
            } else if marks.summary {
                page.target = Target::Summary;
                closes = Some(tag.name);
            } else if let Some(anchor) = marks.id.filter(|_| is_heading(tag.name)) {
                page.start_section(html_escape::decode_html_entities(anchor).into_owned());
                page.target = Target::Heading;
                closes = Some(tag.name);
                continue;
            }
        }
        if is_block(tag.name) || is_heading(tag.name) {
            page.field().end_line();
        }
    }
    Some(page.finish())
}

/// The contents of the first element whose start tag carries `attribute`, up to the last end
/// tag of its name. The attribute's name as text (in a title, say) does not count.
fn marked_element<'a>(html: &'a str, attribute: &str) -> Option<&'a str> {
    let mark = format!(" {attribute}");
    for mark in memchr::memmem::find_iter(html.as_bytes(), &mark) {
        let Some(start) = memchr::memrchr(b'<', &html.as_bytes()[..mark]) else {
            continue;
        };
        let Some(tag) = Tag::parse(&html[start..]) else {
            continue;
        };
        let contents = start + tag.length;
        if tag.closing || contents <= mark || !tag.has(attribute) {
            continue;
        }
        let end = memchr::memmem::rfind(html.as_bytes(), format!("</{}>", tag.name).as_bytes())?;
        return (end >= contents).then(|| &html[contents..end]);
    }
    None
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

    /// Text between tags, its entities decoded.
    fn push_text(&mut self, raw: &str) {
        if !raw.is_empty() {
            self.field().push(&html_escape::decode_html_entities(raw));
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

/// A start or end tag at the beginning of a string. Names are compared as written: leafpress
/// writes them in lower case.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    attributes: &'a str,
    /// Bytes from `<` to `>`, both included.
    length: usize,
}

/// The marks the reader looks for in a start tag.
struct Marks<'a> {
    ignore: bool,
    summary: bool,
    id: Option<&'a str>,
}

impl<'a> Tag<'a> {
    fn parse(text: &'a str) -> Option<Tag<'a>> {
        let after = text.strip_prefix('<')?;
        let (closing, after) = match after.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, after),
        };
        let bytes = after.as_bytes();
        let name_length = bytes
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(bytes.len());
        if name_length == 0 {
            return None;
        }
        // The tag ends at the first `>` outside a quoted attribute value. Quotes and `>` are
        // ASCII, so never part of another character: the bytes can be searched.
        let mut end = name_length;
        loop {
            end += memchr::memchr3(b'>', b'"', b'\'', &bytes[end..])?;
            let quote = bytes[end];
            if quote == b'>' {
                return Some(Tag {
                    name: &after[..name_length],
                    closing,
                    attributes: &after[name_length..end],
                    length: text.len() - after.len() + end + 1,
                });
            }
            end += 1;
            end += memchr::memchr(quote, &bytes[end..])? + 1;
        }
    }

    fn has(&self, attribute: &str) -> bool {
        self.attributes()
            .any(|(name, _)| name.eq_ignore_ascii_case(attribute))
    }

    /// The marks of the tag, read in one pass over its attributes; the first of a name counts.
    fn marks(&self) -> Marks<'a> {
        let mut marks = Marks {
            ignore: false,
            summary: false,
            id: None,
        };
        let mut id_seen = false;
        for (name, value) in self.attributes() {
            if name.eq_ignore_ascii_case("data-search-ignore") {
                marks.ignore = true;
            } else if name.eq_ignore_ascii_case("data-search-summary") {
                marks.summary = true;
            } else if name.eq_ignore_ascii_case("id") && !id_seen {
                id_seen = true;
                marks.id = value;
            }
        }
        marks
    }

    /// Each attribute's name, with its value if it has one.
    fn attributes(&self) -> impl Iterator<Item = (&'a str, Option<&'a str>)> {
        let mut rest = self.attributes.trim_start_matches('/');
        std::iter::from_fn(move || {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                return None;
            }
            let name_end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
                .unwrap_or(rest.len());
            let name = &rest[..name_end];
            rest = rest[name_end..].trim_start();
            let mut value = None;
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                let (found, remaining) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let inner = &after[1..];
                        let end = inner.find(q).unwrap_or(inner.len());
                        (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                    }
                    _ => {
                        let end = after.find(char::is_whitespace).unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                value = Some(found);
                rest = remaining;
            }
            Some((name, value))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><title>Not this</title></head><body>
<nav>Home</nav>
<article class="leaflet" data-search-body>
<header><p class="department">Gastroenterology</p>
<h1>Colonoscopy &amp; you</h1>
<p class="summary" data-search-summary>What a colonoscopy is, and what to expect.</p></header>
<section class="details" data-search-ignore><h2 id="lp-details">About</h2><section><p>GEN-00019</p></section></section>
<nav class="toc" data-search-ignore><h2 id="lp-toc">Contents</h2></nav>
<div class="leaflet-body">
<p>This leaflet explains <strong>a colonoscopy</strong>.</p>
<!-- <p>hidden comment</p> -->
<h2 id="getting-ready">Getting <em>ready</em></h2>
<ul><li>Do not eat for 6 hours.</li><li>Drink water &lt; 2 hours before.</li></ul>
<p><img src="a.svg" alt="x > y" /></p>
<h3 id="your-medicines">Your medicines</h3>
<table><tr><td>7 days</td><td>Stop warfarin</td></tr></table>
</div>
</article>
<footer>Footer text</footer></body></html>"#;

    /// Each section as (anchor, heading, text).
    fn sections_of(page: &PageText) -> Vec<(&str, &str, &str)> {
        page.sections
            .iter()
            .map(|s| (s.anchor.as_str(), s.heading.as_str(), s.text.as_str()))
            .collect()
    }

    #[test]
    fn reads_title_summary_and_sections_of_the_marked_part_only() {
        let page = page_text(PAGE).unwrap();
        assert_eq!(page.title, "Colonoscopy & you");
        assert_eq!(page.summary, "What a colonoscopy is, and what to expect.");
        let sections = sections_of(&page);
        assert_eq!(
            sections,
            [
                (
                    "",
                    "",
                    "Gastroenterology\nThis leaflet explains a colonoscopy."
                ),
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
    fn the_marks_name_as_text_is_not_the_mark() {
        let html = "<html><head><title>Why data-search-body matters</title></head><body>\
                    <p>about data-search-body</p><main data-search-body><h1>Real</h1></main></body></html>";
        assert_eq!(page_text(html).unwrap().title, "Real");
    }

    #[test]
    fn a_page_without_the_mark_has_no_search_text() {
        assert_eq!(page_text("<html><body><h1>Title</h1></body></html>"), None);
    }

    #[test]
    fn markup_in_text_stays_text() {
        let html = r#"<main data-search-body><h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1><p title="a>b">x &lt;b&gt; y</p></main>"#;
        let page = page_text(html).unwrap();
        assert_eq!(page.title, "<script>alert(1)</script>");
        assert_eq!(page.sections[0].text, "x <b> y");
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

    #[test]
    fn blocks_break_lines_in_text_and_are_spaces_in_titles_and_headings() {
        let html = "<main data-search-body><h1>Two<br>lines</h1>\
                    <p data-search-summary>A\n summary<br/>here</p>\
                    <p>one</p><p>two<br>three</p>\
                    <h2 id=\"a&amp;b\">Head<br>ing</h2><ul><li>x</li><li> y </li></ul></main>";
        let page = page_text(html).unwrap();
        assert_eq!(page.title, "Two lines");
        assert_eq!(page.summary, "A summary here");
        let sections = sections_of(&page);
        assert_eq!(
            sections,
            [("", "", "one\ntwo\nthree"), ("a&b", "Head ing", "x\ny")]
        );
    }

    #[test]
    fn quoted_attributes_comments_and_stray_brackets_are_read_as_before() {
        let html = concat!(
            r#"<main data-search-body><p class='a>b' title="c'>d">kept</p><!-- <h1>no</h1> -->"#,
            r#"<p>1 < 2 &lt; 3 &nbsp;&amp;x</p><section id="s" data-search-ignore><h2 id="t">gone</h2></section>"#,
            r#"<h2 ID=x data-other>Up</h2><p>after</p><h3 id="">empty</h3><p>last</p></main>"#
        );
        let page = page_text(html).unwrap();
        let sections = sections_of(&page);
        assert_eq!(
            sections,
            [
                ("", "", "kept\n1 < 2 < 3 &x"),
                ("x", "Up", "after"),
                ("", "empty", "last")
            ]
        );
    }

    #[test]
    fn nested_ignored_elements_end_at_their_own_end_tag() {
        let html = "<article data-search-body><div data-search-ignore><div>a</div><div>b</div></div><div>kept</div></article>";
        let page = page_text(html).unwrap();
        assert_eq!(page.sections[0].text, "kept");
    }
}
