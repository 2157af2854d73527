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
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Title,
    Summary,
    Heading,
    Text,
}

/// Elements that end a block of text: text on either side of them is not one line.
const BLOCKS: &[&str] = &[
    "address",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Elements without an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// The searchable text of `html`, or `None` when no element in it is marked `data-search-body`
/// (a site's own template that leaves the mark out gets no search entry for that page).
pub fn page_text(html: &str) -> Option<PageText> {
    let body = marked_element(html, "data-search-body")?;
    let mut page = PageText::default();
    let mut section = Section::default();
    let mut target = Target::Text;
    // The element that ends the summary or heading being read, and how deep the ignored
    // element being skipped is nested in itself.
    let mut closes: Option<&str> = None;
    let mut ignored: Option<(&str, usize)> = None;
    let mut rest = body;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            push_text(
                buffer(&mut page, &mut section, target),
                rest,
                ignored.is_some(),
            );
            break;
        };
        push_text(
            buffer(&mut page, &mut section, target),
            &rest[..open],
            ignored.is_some(),
        );
        rest = &rest[open..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(tag) = Tag::parse(rest) else {
            push_text(
                buffer(&mut page, &mut section, target),
                "<",
                ignored.is_some(),
            );
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.length..];
        if let Some((name, depth)) = &mut ignored {
            if tag.name == *name && !VOID.contains(&tag.name) {
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
                target = Target::Text;
            }
        } else if tag.has("data-search-ignore") && !VOID.contains(&tag.name) {
            ignored = Some((tag.name, 1));
            continue;
        } else if tag.name == "h1" {
            target = Target::Title;
            closes = Some(tag.name);
        } else if tag.has("data-search-summary") {
            target = Target::Summary;
            closes = Some(tag.name);
        } else if let Some(anchor) = tag.value("id").filter(|_| is_heading(tag.name)) {
            finish_section(&mut page, std::mem::take(&mut section));
            section.anchor = html_escape::decode_html_entities(anchor).into_owned();
            target = Target::Heading;
            closes = Some(tag.name);
            continue;
        }
        if BLOCKS.contains(&tag.name) || is_heading(tag.name) {
            buffer(&mut page, &mut section, target).push('\n');
        }
    }
    finish_section(&mut page, section);
    page.title = one_line(&page.title);
    page.summary = one_line(&page.summary);
    Some(page)
}

/// The contents of the first element whose start tag carries `attribute`, up to the last end
/// tag of its name. The attribute's name as text (in a title, say) does not count.
fn marked_element<'a>(html: &'a str, attribute: &str) -> Option<&'a str> {
    for (mark, _) in html.match_indices(&format!(" {attribute}")) {
        let Some(start) = html[..mark].rfind('<') else {
            continue;
        };
        let Some(tag) = Tag::parse(&html[start..]) else {
            continue;
        };
        let contents = start + tag.length;
        if tag.closing || contents <= mark || !tag.has(attribute) {
            continue;
        }
        let end = html.rfind(&format!("</{}>", tag.name))?;
        return (end >= contents).then(|| &html[contents..end]);
    }
    None
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h2" | "h3" | "h4" | "h5" | "h6")
}

fn buffer<'a>(page: &'a mut PageText, section: &'a mut Section, target: Target) -> &'a mut String {
    match target {
        Target::Title => &mut page.title,
        Target::Summary => &mut page.summary,
        Target::Heading => &mut section.heading,
        Target::Text => &mut section.text,
    }
}

fn push_text(buffer: &mut String, raw: &str, ignored: bool) {
    if !ignored && !raw.is_empty() {
        buffer.push_str(&html_escape::decode_html_entities(raw));
    }
}

fn finish_section(page: &mut PageText, mut section: Section) {
    section.heading = one_line(&section.heading);
    section.text = section
        .text
        .lines()
        .map(one_line)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    if !section.heading.is_empty() || !section.text.is_empty() {
        page.sections.push(section);
    }
}

/// Whitespace runs (line breaks too) as one space, none at either end.
fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
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

impl<'a> Tag<'a> {
    fn parse(text: &'a str) -> Option<Tag<'a>> {
        let after = text.strip_prefix('<')?;
        let (closing, after) = match after.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, after),
        };
        let name_length = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        if name_length == 0 {
            return None;
        }
        let name = &after[..name_length];
        // The tag ends at the first `>` outside a quoted attribute value.
        let mut quote = None;
        for (offset, c) in after[name_length..].char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), _) if c == q => quote = None,
                (None, '>') => {
                    let end = name_length + offset;
                    return Some(Tag {
                        name,
                        closing,
                        attributes: &after[name_length..end],
                        length: text.len() - after.len() + end + 1,
                    });
                }
                _ => {}
            }
        }
        None
    }

    fn has(&self, attribute: &str) -> bool {
        self.attribute(attribute).is_some()
    }

    fn value(&self, attribute: &str) -> Option<&'a str> {
        self.attribute(attribute).flatten()
    }

    /// `Some(None)` for an attribute without a value, `Some(Some(value))` with one.
    fn attribute(&self, wanted: &str) -> Option<Option<&'a str>> {
        let mut rest = self.attributes.trim_start_matches('/');
        loop {
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
            if name.eq_ignore_ascii_case(wanted) {
                return Some(value);
            }
        }
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

    #[test]
    fn reads_title_summary_and_sections_of_the_marked_part_only() {
        let page = page_text(PAGE).unwrap();
        assert_eq!(page.title, "Colonoscopy & you");
        assert_eq!(page.summary, "What a colonoscopy is, and what to expect.");
        let sections: Vec<(&str, &str, &str)> = page
            .sections
            .iter()
            .map(|s| (s.anchor.as_str(), s.heading.as_str(), s.text.as_str()))
            .collect();
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

    #[test]
    fn nested_ignored_elements_end_at_their_own_end_tag() {
        let html = "<article data-search-body><div data-search-ignore><div>a</div><div>b</div></div><div>kept</div></article>";
        let page = page_text(html).unwrap();
        assert_eq!(page.sections[0].text, "kept");
    }
}
