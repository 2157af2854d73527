//! Leaflet bodies: turns the caller's parsed Markdown (pulldown-cmark events) into typst *code*
//! that builds the body from string literals, so leaflet text can never act as typst markup.
//!
//! The code calls typst's own elements (`heading`, `par`, `strong`, `list`, `table`, `quote`,
//! `image`, `link`…) and leaves their look to the template's show and set rules. Every piece of
//! leaflet text, every address and every alt text goes through [`push_str_literal`]; nothing
//! else from the leaflet reaches the code. A container with several children becomes a code
//! block (`{ a; b }`), which joins them; an empty one becomes `[]`.

use std::collections::HashSet;

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};
use typst::foundations::Bytes;

use super::literal::{push_str_literal, str_literal};
use crate::text::markdown::heading_level;

/// The image formats a leaflet may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
    Jpeg,
    Gif,
    Webp,
}

impl ImageFormat {
    /// The format of a file by its name's ending (`diagram.svg`, `photo.JPG`), if known.
    pub fn from_path(path: &str) -> Option<ImageFormat> {
        let path = path.split(['?', '#']).next().unwrap_or(path);
        let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "svg" => Some(ImageFormat::Svg),
            "png" => Some(ImageFormat::Png),
            "jpg" | "jpeg" => Some(ImageFormat::Jpeg),
            "gif" => Some(ImageFormat::Gif),
            "webp" => Some(ImageFormat::Webp),
            _ => None,
        }
    }

    /// The file name ending typst detects the format by.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Gif => "gif",
            ImageFormat::Webp => "webp",
        }
    }
}

/// An image a leaflet shows, as the caller found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFile {
    pub data: Vec<u8>,
    pub format: ImageFormat,
}

/// A leaflet body (or one section of it) as typst code, with the images it shows.
///
/// Images get a virtual path made from a hash of their bytes (`/images/<hash>.svg`): the same
/// picture used by many leaflets is one path, and typst's global table of file ids (at most
/// 65,535 for the life of the process) grows only with the number of distinct pictures.
#[derive(Debug, Clone)]
pub struct Body {
    pub(crate) code: String,
    pub(crate) images: Vec<(String, Bytes)>,
}

impl Default for Body {
    /// An empty body (prints nothing).
    fn default() -> Body {
        Body {
            code: "[]".to_string(),
            images: Vec::new(),
        }
    }
}

impl Body {
    /// Converts the events of one Markdown document (or one section of it).
    ///
    /// `resolve_link` turns a link's address as written into the address to print and link
    /// to (site-internal links become absolute addresses); `resolve_image` finds an image's
    /// bytes, or `None` when there is no such image (its alt text is printed instead). Raw
    /// HTML is skipped: the caller rejects it before this point.
    pub fn from_markdown_events(
        events: &[Event<'_>],
        resolve_link: impl Fn(&str) -> String,
        resolve_image: impl Fn(&str) -> Option<ImageFile>,
    ) -> Body {
        let mut converter = Converter {
            events,
            resolve_link: &resolve_link,
            resolve_image: &resolve_image,
            stack: vec![Open::new(Frame::Root)],
            images: Vec::new(),
            image_paths: HashSet::new(),
            // The leaflet's title is the level-1 heading, so body headings start below it.
            last_heading_level: 1,
            last_char: None,
        };
        for (index, event) in events.iter().enumerate() {
            converter.event(index, event);
        }
        // Unbalanced events (a caller's slice cut mid-element) are closed, not dropped.
        while converter.stack.len() > 1 {
            converter.close();
        }
        let root = converter
            .stack
            .pop()
            .unwrap_or_else(|| Open::new(Frame::Root));
        Body {
            code: block_sequence(root.pieces),
            images: converter.images,
        }
    }

    /// The typst code expression that builds this body.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Whether the body shows nothing.
    pub fn is_empty(&self) -> bool {
        self.code == "[]"
    }
}

/// What an open element is, and what it needs to know to close.
enum Frame {
    Root,
    Paragraph,
    /// A heading's printed level, and the level before it (restored if it turns out empty).
    Heading {
        level: u8,
        previous: u8,
    },
    BlockQuote,
    /// `start` is `Some` for an ordered list; a list is tight until a paragraph opens in one
    /// of its items.
    List {
        start: Option<u64>,
        tight: bool,
    },
    Item,
    Table(Vec<Alignment>),
    TableHead,
    TableRow,
    /// `width` adds up the printed width of the cell's text, to share the table's width out.
    TableCell {
        width: usize,
    },
    Emphasis,
    Strong,
    Strikethrough,
    Superscript,
    Subscript,
    Link {
        dest: String,
        text: String,
    },
    Image {
        source: String,
        alt: String,
    },
    CodeBlock(String),
    /// Content that is not printed (metadata blocks, raw HTML blocks, footnote definitions).
    Hidden,
}

struct Open {
    frame: Frame,
    pieces: Vec<Piece>,
}

impl Open {
    fn new(frame: Frame) -> Open {
        Open {
            frame,
            pieces: Vec::new(),
        }
    }
}

/// A child of an element: leaflet text (merged with its neighbours, written as one literal),
/// an expression this module wrote, or table cells.
enum Piece {
    Text(String),
    Code(String),
    /// An image: a block of its own when it is all its paragraph holds, else inline.
    Image(String),
    Cell(Cell),
    /// A table's header row (`header: true`) or a body row.
    Row {
        cells: Vec<Cell>,
        header: bool,
    },
}

/// A table cell's code and the printed width of its text.
struct Cell {
    code: String,
    width: usize,
}

struct Converter<'e, 'a, L, I> {
    events: &'e [Event<'a>],
    resolve_link: &'e L,
    resolve_image: &'e I,
    stack: Vec<Open>,
    images: Vec<(String, Bytes)>,
    image_paths: HashSet<String>,
    last_heading_level: u8,
    /// The last character of text printed so far, for soft breaks between Chinese characters.
    last_char: Option<char>,
}

impl<L, I> Converter<'_, '_, L, I>
where
    L: Fn(&str) -> String,
    I: Fn(&str) -> Option<ImageFile>,
{
    fn event(&mut self, index: usize, event: &Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(text),
            Event::Code(code) => {
                self.note_text(code);
                if !self.add_to_image_description(code) {
                    self.push_code(format!("raw({})", str_literal(code)));
                }
            }
            Event::InlineMath(math) | Event::DisplayMath(math) => self.text(math),
            Event::SoftBreak => {
                // A line break in the source is a space, except between two Chinese
                // characters, where it is nothing (as typst does with its own markup).
                let next = self.next_char(index);
                let joins_chinese = matches!((self.last_char, next), (Some(a), Some(b))
                    if is_wide(a) && is_wide(b));
                if !joins_chinese {
                    self.text(" ");
                }
            }
            Event::HardBreak => self.push_code("linebreak()".to_string()),
            Event::Rule => self.push_code("line(length: 100%)".to_string()),
            Event::TaskListMarker(checked) => self.text(if *checked { "☑ " } else { "☐ " }),
            Event::FootnoteReference(label) => self.text(&format!("[^{label}]")),
            // Raw HTML never reaches a PDF: the caller rejects it before this point.
            Event::Html(_) | Event::InlineHtml(_) => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>) {
        let frame = match tag {
            Tag::Paragraph => {
                if let Some(Frame::Item) = self.stack.last().map(|open| &open.frame) {
                    self.mark_list_loose();
                }
                Frame::Paragraph
            }
            Tag::Heading { level, .. } => {
                // PDF/UA forbids skipped heading levels, so a `####` straight after a `##`
                // prints as level 3.
                let wanted = heading_level(*level);
                let previous = self.last_heading_level;
                let level = wanted.min(previous.saturating_add(1));
                self.last_heading_level = level;
                Frame::Heading { level, previous }
            }
            Tag::BlockQuote(_) => Frame::BlockQuote,
            // A code block's language is not used: code prints plain, in the mono font.
            Tag::CodeBlock(_) => Frame::CodeBlock(String::new()),
            Tag::List(start) => Frame::List {
                start: *start,
                tight: true,
            },
            Tag::Item => Frame::Item,
            Tag::Table(alignments) => Frame::Table(alignments.clone()),
            Tag::TableHead => Frame::TableHead,
            Tag::TableRow => Frame::TableRow,
            Tag::TableCell => Frame::TableCell { width: 0 },
            Tag::Emphasis => Frame::Emphasis,
            Tag::Strong => Frame::Strong,
            Tag::Strikethrough => Frame::Strikethrough,
            Tag::Superscript => Frame::Superscript,
            Tag::Subscript => Frame::Subscript,
            Tag::Link { dest_url, .. } => Frame::Link {
                dest: (self.resolve_link)(dest_url),
                text: String::new(),
            },
            Tag::Image { dest_url, .. } => Frame::Image {
                source: dest_url.to_string(),
                alt: String::new(),
            },
            Tag::HtmlBlock
            | Tag::MetadataBlock(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => Frame::Hidden,
        };
        self.stack.push(Open::new(frame));
    }

    fn end(&mut self, _tag: &TagEnd) {
        // pulldown-cmark balances its events, so the innermost open element is the one that
        // ends; the root is never closed here.
        if self.stack.len() > 1 {
            self.close();
        }
    }

    /// Closes the innermost open element and hands its code to its parent.
    fn close(&mut self) {
        let Some(open) = self.stack.pop() else { return };
        let code = match open.frame {
            Frame::Root | Frame::Hidden => return,
            Frame::Paragraph => {
                let only_images = open.pieces.iter().all(|piece| match piece {
                    Piece::Image(_) => true,
                    Piece::Text(text) => text.trim().is_empty(),
                    _ => false,
                });
                if only_images && !open.pieces.is_empty() {
                    let images = open
                        .pieces
                        .into_iter()
                        .filter_map(|piece| match piece {
                            Piece::Image(code) => Some(Piece::Code(code)),
                            _ => None,
                        })
                        .collect();
                    block_sequence(images)
                } else {
                    format!("par({})", sequence(open.pieces))
                }
            }
            Frame::Heading { level, previous } => {
                // An empty heading prints nothing (and PDF/UA forbids one).
                if is_blank(&open.pieces) {
                    self.last_heading_level = previous;
                    return;
                }
                format!("heading(level: {level}, {})", sequence(open.pieces))
            }
            Frame::BlockQuote => format!("quote(block: true, {})", block_sequence(open.pieces)),
            Frame::CodeBlock(text) => {
                let text = text.strip_suffix('\n').unwrap_or(&text);
                format!("raw(block: true, {})", str_literal(text))
            }
            Frame::List { start, tight } => {
                let items = open
                    .pieces
                    .into_iter()
                    .map(piece_code)
                    .collect::<Vec<_>>()
                    .join(",\n");
                match start {
                    Some(start) => format!("enum(tight: {tight}, start: {start},\n{items})"),
                    None => format!("list(tight: {tight},\n{items})"),
                }
            }
            Frame::Item => {
                let function = match self.stack.last().map(|open| &open.frame) {
                    Some(Frame::List { start: Some(_), .. }) => "enum.item",
                    _ => "list.item",
                };
                // An item is one unbreakable block, so it never splits across pages.
                format!(
                    "{function}(block(breakable: false, {}))",
                    block_sequence(open.pieces)
                )
            }
            Frame::Table(alignments) => table(&alignments, open.pieces),
            // A row's cells go to the table, which counts them into rows.
            Frame::TableHead | Frame::TableRow => {
                let header = matches!(open.frame, Frame::TableHead);
                let cells = open
                    .pieces
                    .into_iter()
                    .filter_map(|piece| match piece {
                        Piece::Cell(cell) => Some(cell),
                        _ => None,
                    })
                    .collect();
                if let Some(parent) = self.stack.last_mut() {
                    parent.pieces.push(Piece::Row { cells, header });
                }
                return;
            }
            Frame::TableCell { width } => {
                let code = sequence(open.pieces);
                if let Some(parent) = self.stack.last_mut() {
                    parent.pieces.push(Piece::Cell(Cell { code, width }));
                }
                return;
            }
            Frame::Emphasis => format!("emph({})", sequence(open.pieces)),
            Frame::Strong => format!("strong({})", sequence(open.pieces)),
            Frame::Strikethrough => format!("strike({})", sequence(open.pieces)),
            Frame::Superscript => format!("super({})", sequence(open.pieces)),
            Frame::Subscript => format!("sub({})", sequence(open.pieces)),
            Frame::Link { dest, text } => link(&dest, &text, open.pieces),
            Frame::Image { source, alt } => {
                let piece = self.image(&source, &alt);
                if let Some(parent) = self.stack.last_mut() {
                    parent.pieces.push(piece);
                }
                return;
            }
        };
        self.push_code(code);
    }

    fn text(&mut self, text: &str) {
        self.note_text(text);
        if self.add_to_image_description(text) {
            return;
        }
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        match &mut top.frame {
            Frame::CodeBlock(code) => code.push_str(text),
            Frame::Hidden => {}
            _ => match top.pieces.last_mut() {
                Some(Piece::Text(previous)) => previous.push_str(text),
                _ => top.pieces.push(Piece::Text(text.to_string())),
            },
        }
    }

    /// Remembers printed text: its last character, and the text of the links it is in (to
    /// tell whether a link's text already is its address).
    fn note_text(&mut self, text: &str) {
        if let Some(c) = text.chars().next_back() {
            self.last_char = Some(c);
        }
        for open in &mut self.stack {
            match &mut open.frame {
                Frame::Link {
                    text: link_text, ..
                } => link_text.push_str(text),
                Frame::TableCell { width } => *width += printed_width(text),
                _ => {}
            }
        }
    }

    /// Inside an image, all text (emphasised or not) is its description; returns whether
    /// `text` went there.
    fn add_to_image_description(&mut self, text: &str) -> bool {
        let image = self
            .stack
            .iter_mut()
            .rev()
            .find(|open| matches!(open.frame, Frame::Image { .. }));
        match image {
            Some(Open {
                frame: Frame::Image { alt, .. },
                ..
            }) => {
                alt.push_str(text);
                true
            }
            _ => false,
        }
    }

    fn push_code(&mut self, code: String) {
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        match &mut top.frame {
            // What is inside an image is its description, already taken as text.
            Frame::Image { .. } | Frame::Hidden | Frame::CodeBlock(_) => {}
            _ => top.pieces.push(Piece::Code(code)),
        }
    }

    fn mark_list_loose(&mut self) {
        let list = self
            .stack
            .iter_mut()
            .rev()
            .find(|open| matches!(open.frame, Frame::List { .. }));
        if let Some(Open {
            frame: Frame::List { tight, .. },
            ..
        }) = list
        {
            *tight = false;
        }
    }

    /// The first character of the text that follows event `index` in the same paragraph.
    fn next_char(&self, index: usize) -> Option<char> {
        for event in self.events.iter().skip(index + 1) {
            match event {
                Event::Text(text) | Event::Code(text) => return text.chars().next(),
                Event::Start(_) => continue,
                _ => return None,
            }
        }
        None
    }

    /// An image, or its description in brackets when the caller has no such image.
    fn image(&mut self, source: &str, alt: &str) -> Piece {
        let Some(file) = (self.resolve_image)(source) else {
            return Piece::Code(format!("emph({})", str_literal(&format!("[{alt}]"))));
        };
        let data = Bytes::new(file.data);
        let path = format!(
            "/images/{:032x}.{}",
            typst::utils::hash128(&data),
            file.format.extension()
        );
        if self.image_paths.insert(path.clone()) {
            self.images.push((path.clone(), data));
        }
        let alt = alt.trim();
        Piece::Image(if alt.is_empty() {
            // An image without a description is decoration: readers skip it (PDF/UA needs
            // either a description or this).
            format!("pdf.artifact(image({}))", str_literal(&path))
        } else {
            format!("image({}, alt: {})", str_literal(&path), str_literal(alt))
        })
    }
}

/// Whether the pieces print nothing but whitespace.
fn is_blank(pieces: &[Piece]) -> bool {
    pieces
        .iter()
        .all(|piece| matches!(piece, Piece::Text(text) if text.trim().is_empty()))
}

fn piece_code(piece: Piece) -> String {
    match piece {
        Piece::Text(text) => str_literal(&text),
        Piece::Code(code) => code,
        // Inside a line of text an image is an inline box.
        Piece::Image(code) => format!("box({code})"),
        Piece::Cell(cell) => cell.code,
        Piece::Row { cells, .. } => cells
            .into_iter()
            .map(|cell| cell.code)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Inline children as one expression: `[]`, the only child, or a code block joining them.
fn sequence(pieces: Vec<Piece>) -> String {
    match pieces.len() {
        0 => "[]".to_string(),
        1 => pieces.into_iter().map(piece_code).collect(),
        _ => {
            let parts: Vec<String> = pieces.into_iter().map(piece_code).collect();
            format!("{{ {} }}", parts.join("; "))
        }
    }
}

/// Block children as one expression, one child a line.
fn block_sequence(pieces: Vec<Piece>) -> String {
    match pieces.len() {
        0 => "[]".to_string(),
        1 => pieces.into_iter().map(piece_code).collect(),
        _ => {
            let parts: Vec<String> = pieces.into_iter().map(piece_code).collect();
            format!("{{\n{}\n}}", parts.join("\n"))
        }
    }
}

/// A table: the header row (if any) and every body cell, padded so that a short row does not
/// shift the cells after it into the wrong columns.
///
/// Columns share the width like a browser's automatic table layout roughly does: in
/// proportion to their widest cell's text, within limits so that a column of short words
/// stays readable and a long one does not take everything.
fn table(alignments: &[Alignment], pieces: Vec<Piece>) -> String {
    let columns = alignments.len().max(1);
    let mut widest = vec![0usize; columns];
    let mut header = None;
    let mut cells = Vec::new();
    for piece in pieces {
        let Piece::Row {
            cells: mut row,
            header: is_header,
        } = piece
        else {
            continue;
        };
        // GFM drops the cells past the header's count and fills in the missing ones.
        row.truncate(columns);
        for (column, cell) in row.iter().enumerate() {
            widest[column] = widest[column].max(cell.width);
        }
        let missing = columns - row.len();
        let mut codes: Vec<String> = row.into_iter().map(|cell| cell.code).collect();
        codes.extend(std::iter::repeat_n("[]".to_string(), missing));
        if is_header && header.is_none() {
            header = Some(codes);
        } else {
            cells.extend(codes);
        }
    }
    let widths = widest
        .iter()
        .map(|width| format!("{}fr", (*width).clamp(8, 60)))
        .collect::<Vec<_>>()
        .join(", ");
    let align = alignments
        .iter()
        .map(|alignment| match alignment {
            Alignment::Center => "center",
            Alignment::Right => "right",
            Alignment::None | Alignment::Left => "left",
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut children = Vec::new();
    if let Some(header) = header {
        children.push(format!("table.header({})", header.join(", ")));
    }
    children.extend(cells);
    format!(
        "table(columns: ({widths},), align: ({align},),\n{})",
        children.join(",\n")
    )
}

/// The width text takes on paper, in halves of a Chinese character: a Chinese (or other
/// wide) character counts two, anything else one.
fn printed_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// A link; an address that the paper reader must type (http and https) is printed after the
/// text, as the HTML print page does, unless the text already is the address. Only web, mail
/// and telephone addresses become live links: anything else prints as text.
fn link(dest: &str, text: &str, pieces: Vec<Piece>) -> String {
    // A link without text shows its address (a reader needs something to read out).
    let blank = is_blank(&pieces);
    let body = if blank {
        str_literal(
            strip_scheme(dest)
                .trim_start_matches("mailto:")
                .trim_start_matches("tel:"),
        )
    } else {
        sequence(pieces)
    };
    let lower = dest.to_ascii_lowercase();
    let is_web = lower.starts_with("http://") || lower.starts_with("https://");
    let is_contact = lower.starts_with("mailto:") || lower.starts_with("tel:");
    if !is_web && !is_contact {
        return body;
    }
    let mut out = String::from("link(");
    push_str_literal(&mut out, dest);
    out.push_str(", ");
    if is_web && !blank && text.trim() != dest && text.trim() != strip_scheme(dest) {
        out.push_str("{ ");
        out.push_str(&body);
        // Labelled, so the template sets its size (smaller, except in large print).
        out.push_str("; \" \"; [#text(");
        push_str_literal(&mut out, &format!("({dest})"));
        out.push_str(")<link-address>] }");
    } else {
        out.push_str(&body);
    }
    out.push(')');
    out
}

fn strip_scheme(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

/// Whether a character is set without spaces around it (Chinese and Japanese characters and
/// their punctuation; not Korean, which uses spaces).
fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F
        | 0x31A0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn convert(markdown: &str) -> Body {
        let events: Vec<Event<'_>> = Parser::new_ext(
            markdown,
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        )
        .collect();
        Body::from_markdown_events(
            &events,
            |url| match url.strip_prefix("../") {
                Some(rest) => format!("https://leaflets.example/en/{rest}"),
                None => url.to_string(),
            },
            |url| {
                (url == "diagram.svg").then(|| ImageFile {
                    data: b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
                    format: ImageFormat::Svg,
                })
            },
        )
    }

    #[test]
    fn paragraphs_and_inline_styles() {
        let body = convert("Hello *you* and **me** ~~not~~ `x`.\n\nNext.");
        assert_eq!(
            body.code(),
            "{\npar({ \"Hello \"; emph(\"you\"); \" and \"; strong(\"me\"); \" \"; \
             strike(\"not\"); \" \"; raw(\"x\"); \".\" })\npar(\"Next.\")\n}"
        );
    }

    #[test]
    fn leaflet_text_stays_inside_string_literals() {
        let body = convert("#read(\"/etc/passwd\") ]#panic()[ $x$ \\\\ <b>x</b> @ref");
        // The Markdown `\\` is one backslash, written `\\` in the literal; the raw HTML
        // tags are dropped and their text kept.
        assert_eq!(
            body.code(),
            r##"par("#read(\"/etc/passwd\") ]#panic()[ $x$ \\ x @ref")"##
        );
    }

    #[test]
    fn headings_never_skip_a_level() {
        let body = convert("## Two\n\n#### Four\n\n##### Five\n\n## Two again");
        assert_eq!(
            body.code(),
            "{\nheading(level: 2, \"Two\")\nheading(level: 3, \"Four\")\n\
             heading(level: 4, \"Five\")\nheading(level: 2, \"Two again\")\n}"
        );
    }

    #[test]
    fn empty_headings_are_dropped_without_skipping_levels() {
        let body = convert("##\n\n### Three\n");
        assert_eq!(body.code(), "heading(level: 2, \"Three\")");
    }

    #[test]
    fn links_without_text_show_their_address() {
        let body = convert("[](https://example.org/x) [](mailto:a@b.org)");
        assert_eq!(
            body.code(),
            "par({ link(\"https://example.org/x\", \"example.org/x\"); \" \"; \
             link(\"mailto:a@b.org\", \"a@b.org\") })"
        );
    }

    #[test]
    fn nested_and_ordered_lists() {
        let body = convert("3. one\n   - a\n   - b\n4. two\n");
        assert_eq!(
            body.code(),
            "enum(tight: true, start: 3,\n\
             enum.item(block(breakable: false, {\n\"one\"\nlist(tight: true,\n\
             list.item(block(breakable: false, \"a\")),\n\
             list.item(block(breakable: false, \"b\")))\n})),\n\
             enum.item(block(breakable: false, \"two\")))"
        );
    }

    #[test]
    fn loose_lists_are_not_tight() {
        let body = convert("- one\n\n- two\n");
        assert!(
            body.code().starts_with("list(tight: false,"),
            "{}",
            body.code()
        );
        assert!(body.code().contains("par(\"one\")"), "{}", body.code());
    }

    #[test]
    fn tables_keep_alignment_header_and_columns() {
        let body = convert("| A | B |\n|:-:|--:|\n| 1 |\n| 3 | 4, *5* |\n");
        assert_eq!(
            body.code(),
            "table(columns: (8fr, 8fr,), align: (center, right,),\n\
             table.header(\"A\", \"B\"),\n\"1\",\n[],\n\"3\",\n{ \"4, \"; emph(\"5\") })"
        );
    }

    #[test]
    fn web_links_print_their_address() {
        let body = convert("See [our site](https://example.org/a) or <https://example.org/b>.");
        assert!(
            body.code().contains(
                "link(\"https://example.org/a\", { \"our site\"; \" \"; \
                 [#text(\"(https://example.org/a)\")<link-address>] })"
            ),
            "{}",
            body.code()
        );
        assert!(
            body.code()
                .contains("link(\"https://example.org/b\", \"https://example.org/b\")"),
            "{}",
            body.code()
        );
    }

    #[test]
    fn internal_links_become_absolute_and_contact_links_print_text_only() {
        let body = convert(
            "[Gastroscopy](../gastroscopy/), [mail](mailto:a@b.org), [x](javascript:alert(1))",
        );
        let code = body.code();
        assert!(
            code.contains("link(\"https://leaflets.example/en/gastroscopy/\", { \"Gastroscopy\"; \" \"; [#text(\"(https://leaflets.example/en/gastroscopy/)\")<link-address>] })"),
            "{code}"
        );
        assert!(
            code.contains("link(\"mailto:a@b.org\", \"mail\")"),
            "{code}"
        );
        assert!(!code.contains("javascript"), "{code}");
    }

    #[test]
    fn images_become_files_with_alt_text() {
        let body = convert(
            "![A *diagram* of the bowel](diagram.svg)\n\n![](diagram.svg)\n\n![Missing](nope.png)",
        );
        assert_eq!(body.images.len(), 1, "the same bytes are one file");
        let path = &body.images[0].0;
        assert!(path.starts_with("/images/") && path.ends_with(".svg"));
        let code = body.code();
        assert!(
            code.contains(&format!(
                "image(\"{path}\", alt: \"A diagram of the bowel\")"
            )),
            "{code}"
        );
        assert!(
            code.contains(&format!("pdf.artifact(image(\"{path}\"))")),
            "{code}"
        );
        assert!(code.contains("emph(\"[Missing]\")"), "{code}");
    }

    #[test]
    fn block_quotes_code_blocks_and_rules() {
        let body = convert("> Call us.\n\n```\nline 1\nline 2\n```\n\n---\n");
        assert_eq!(
            body.code(),
            "{\nquote(block: true, par(\"Call us.\"))\n\
             raw(block: true, \"line 1\\u{a}line 2\")\nline(length: 100%)\n}"
        );
    }

    #[test]
    fn soft_breaks_vanish_between_chinese_characters_only() {
        assert_eq!(convert("检查\n当天").code(), "par(\"检查当天\")");
        assert_eq!(convert("one\ntwo").code(), "par(\"one two\")");
        assert_eq!(convert("检查\nCT").code(), "par(\"检查 CT\")");
    }

    #[test]
    fn hard_breaks_and_empty_bodies() {
        assert_eq!(
            convert("a  \nb").code(),
            "par({ \"a\"; linebreak(); \"b\" })"
        );
        assert!(convert("").is_empty());
        assert!(convert("<div>raw</div>\n").is_empty());
    }

    #[test]
    fn image_formats_from_names() {
        assert_eq!(ImageFormat::from_path("a/b.SVG"), Some(ImageFormat::Svg));
        assert_eq!(
            ImageFormat::from_path("b.jpeg?v=2"),
            Some(ImageFormat::Jpeg)
        );
        assert_eq!(ImageFormat::from_path("b.tiff"), None);
        assert_eq!(ImageFormat::from_path("noext"), None);
    }
}
