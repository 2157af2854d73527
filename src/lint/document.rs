//! A leaflet body as the content checks see it: sections cut at `##` headings, with their prose,
//! lists, tables, images and links, each mapped back to its place in the file.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::text::markdown::{Body, heading_level};

/// What a block of text is: blocks of a kind correspond between languages in order, as the
/// `structure-mismatch` rule counts them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Heading,
    #[default]
    Paragraph,
    ListItem,
    TableCell,
}

impl BlockKind {
    /// What the block is called in a message.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list item",
            BlockKind::TableCell => "table cell",
        }
    }
}

/// A run of prose (a paragraph, list item, heading or table cell) as plain text.
#[derive(Debug, Default, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// (offset in `text`, offset in the file, whether the text was copied verbatim from there).
    pieces: Vec<(usize, usize, bool)>,
}

impl Block {
    /// The file offset of a byte offset in `text`.
    pub fn file_offset(&self, text_offset: usize) -> usize {
        let index = self
            .pieces
            .partition_point(|(start, _, _)| *start <= text_offset);
        match index.checked_sub(1).map(|i| self.pieces[i]) {
            Some((start, file, true)) => file + (text_offset - start),
            Some((_, file, false)) => file,
            None => 0,
        }
    }

    fn of_kind(kind: BlockKind) -> Block {
        Block {
            kind,
            ..Block::default()
        }
    }

    fn push(&mut self, text: &str, file_offset: usize, verbatim: bool) {
        self.pieces.push((self.text.len(), file_offset, verbatim));
        self.text.push_str(text);
    }
}

#[derive(Debug, Clone)]
pub struct Image {
    pub alt: String,
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub text: String,
    pub url: String,
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub offset: usize,
}

/// The part of a body from one `##` heading to the next (the first one starts at the top).
#[derive(Debug, Default, Clone)]
pub struct Section {
    /// `None` for the introduction before the first `##`.
    pub heading: Option<Heading>,
    pub offset: usize,
    pub blocks: Vec<Block>,
    pub subheadings: Vec<Heading>,
    /// Offsets of list items.
    pub list_items: Vec<usize>,
    /// Offsets of table rows (header row included).
    pub table_rows: Vec<usize>,
    pub images: Vec<Image>,
    pub links: Vec<Link>,
}

/// The checked view of one language file.
#[derive(Debug, Default, Clone)]
pub struct Document {
    pub sections: Vec<Section>,
    /// Every heading in order, `#` to `######`.
    pub headings: Vec<Heading>,
    /// HTML comments, with the byte range they cover in the file.
    pub comments: Vec<(Range<usize>, String)>,
}

impl Document {
    /// The checked view of a language file's text `file`, whose body (from `body_offset` on) is
    /// `body`.
    pub fn new(file: &str, body_offset: usize, body: &Body) -> Document {
        let mut doc = Document::default();
        let mut section = Section {
            offset: body_offset,
            ..Section::default()
        };
        let mut block: Option<Block> = None;
        let mut heading: Option<(u8, usize)> = None;
        let mut link: Option<Link> = None;
        let mut image: Option<Image> = None;
        let mut in_code_block = false;

        for (event, range) in body.iter() {
            let (start, end) = (range.start, range.end);
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    let level = heading_level(*level);
                    if level == 2 {
                        doc.sections.push(std::mem::take(&mut section));
                        section.offset = start;
                    }
                    heading = Some((level, start));
                    block = Some(Block::of_kind(BlockKind::Heading));
                }
                Event::End(TagEnd::Heading(_)) => {
                    let text = block.take().map(|b| {
                        let text = b.text.trim().to_string();
                        section.blocks.push(b);
                        text
                    });
                    if let Some((level, offset)) = heading.take() {
                        let h = Heading {
                            level,
                            text: text.unwrap_or_default(),
                            offset,
                        };
                        doc.headings.push(h.clone());
                        match level {
                            2 => section.heading = Some(h),
                            3..=6 => section.subheadings.push(h),
                            _ => {}
                        }
                    }
                }
                Event::Start(Tag::Paragraph) => {
                    block.get_or_insert_with(Block::default);
                }
                Event::Start(Tag::TableCell) => {
                    block.get_or_insert_with(|| Block::of_kind(BlockKind::TableCell));
                }
                Event::End(TagEnd::Paragraph | TagEnd::TableCell | TagEnd::Item) => {
                    if let Some(b) = block.take()
                        && !b.text.trim().is_empty()
                    {
                        section.blocks.push(b);
                    }
                }
                Event::Start(Tag::Item) => {
                    section.list_items.push(start);
                    if let Some(b) = block.take()
                        && !b.text.trim().is_empty()
                    {
                        section.blocks.push(b);
                    }
                    block = Some(Block::of_kind(BlockKind::ListItem));
                }
                Event::Start(Tag::TableRow | Tag::TableHead) => section.table_rows.push(start),
                Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
                Event::End(TagEnd::CodeBlock) => in_code_block = false,
                Event::Start(Tag::Link { dest_url, .. }) => {
                    link = Some(Link {
                        text: String::new(),
                        url: dest_url.to_string(),
                        offset: start,
                    });
                }
                Event::End(TagEnd::Link) => section.links.extend(link.take()),
                Event::Start(Tag::Image { .. }) => {
                    image = Some(Image {
                        alt: String::new(),
                        offset: start,
                    });
                }
                Event::End(TagEnd::Image) => section.images.extend(image.take()),
                Event::Text(text) if !in_code_block => {
                    if let Some(i) = &mut image {
                        i.alt.push_str(text);
                        continue;
                    }
                    if let Some(l) = &mut link {
                        l.text.push_str(text);
                    }
                    let verbatim = file.get(start..end) == Some(&**text);
                    block
                        .get_or_insert_with(Block::default)
                        .push(text, start, verbatim);
                }
                Event::Code(text) => {
                    if let Some(l) = &mut link {
                        l.text.push_str(text);
                    }
                    // Code is not prose: it keeps its place in the sentence but is not checked.
                    block
                        .get_or_insert_with(Block::default)
                        .push(" ", start, false);
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(b) = &mut block {
                        b.push("\n", start, false);
                    }
                }
                Event::Html(text) | Event::InlineHtml(text) => {
                    doc.comments.push((start..end, text.to_string()));
                }
                _ => {}
            }
        }
        doc.sections.push(section);
        // The introduction is kept even when empty, so section N means the same in every language.
        doc
    }
}
