//! CJK-friendly emphasis: rewrites Markdown so that pulldown-cmark's standard `*`/`_` flanking
//! rules give the results of the "CommonMark CJK-friendly amendments" (tats-u/markdown-cjk-friendly,
//! `specification.md`), strips the marks it added from parsed events, and maps offsets back.
//!
//! # The rule implemented
//!
//! The amendment (section 6.2 of its `specification.md`) redefines the two flanking notions:
//!
//! > A left-flanking delimiter run is a delimiter run that is (1) not followed by Unicode
//! > whitespace, and either (2a) not followed by a non-CJK punctuation character or (2b) followed
//! > by a non-CJK punctuation character and preceded by (2bα) Unicode whitespace, (2bβ) a non-CJK
//! > punctuation sequence, (2bγ) a CJK sequence, or (2bδ) an Ideographic Variation Selector.
//!
//! > A right-flanking delimiter run is a delimiter run that is (1) not preceded by Unicode
//! > whitespace, and either (2a) not preceded by a non-CJK punctuation sequence, or (2b) preceded
//! > by a non-CJK punctuation sequence and followed by (2bα) Unicode whitespace, (2bβ) a non-CJK
//! > punctuation character, or (2bγ) a CJK character.
//!
//! and changes rules 2 and 6 for `_`: it can open iff it is part of a left-flanking run and either
//! not part of a right-flanking run or part of a right-flanking run *preceded by a Unicode
//! punctuation sequence*. Rules for closing (4 and 8) are unchanged, so `_` stays intraword-
//! restricted next to CJK letters (`漢_abc_` stays literal, and so does `__中文。__后文`).
//!
//! Definitions (spec section 2.1): a *CJK character* is one of the code points of the
//! spec's `ranges.md` ([`super::chars::is_cjk_wide`]); a *Non-emoji General-use Variation Selector* is
//! U+FE00–U+FE0E; an *Ideographic Variation Selector* is U+E0100–U+E01EF; a *sequence* is such a
//! character optionally followed by a Non-emoji General-use Variation Selector, so the character
//! *before* a variation selector decides the class of what precedes a run. A *CJK ambiguous
//! punctuation sequence* (`‘ ’ “ ”` followed by U+FE01) is a CJK punctuation sequence; it is
//! therefore taken as CJK and *not* as a non-CJK punctuation sequence (as the upstream reference
//! implementation does, and as the case `**“␣Git”␣**Hub`, with U+FE01 for `␣`, of
//! pulldown-cmark's merged test suite requires). Unicode punctuation and whitespace are decided exactly as
//! pulldown-cmark decides them (whitespace: [`char::is_whitespace`]; punctuation: by asking
//! pulldown-cmark itself, see `Classifier`), so the view of standard flanking used here can never
//! disagree with the parser's.
//!
//! # How
//!
//! [`Prepared::new`] finds every `*`/`_` delimiter run (honouring backslash escapes, exactly as
//! pulldown-cmark's first pass does), works out whether it can open/close under the amended rule
//! and under the standard one, and where they differ inserts invisible characters next to the run
//! so that pulldown-cmark's *standard* rule reaches the amended answer:
//!
//! * a *letter-like* sentinel (a Private Use Area character, category Co: neither whitespace nor
//!   punctuation; [`SENTINEL`] unless the document already contains it), e.g. before the closing
//!   `**` of `**请勿进食。**术前` so that the run is no longer preceded by punctuation;
//! * a *punctuation-like* sentinel (a rarely used punctuation character, such as U+2E4F CORNISH
//!   VERSE DIVIDER) where the amended rule needs a run to look preceded/followed by punctuation,
//!   e.g. `正體字。␣_Traditional._` (`_` after a variation selector, here U+FE01) or to stop a
//!   run being right-flanking (`**Warning‼␣**Next`, U+FE0E: `‼␣` is a non-CJK punctuation
//!   sequence).
//!
//! The choice is made per run from the nine possibilities (nothing, letter or punctuation on
//! each side), keeping both can-open and can-close equal to the amended result; neighbouring
//! delimiters (another run, `~`, `^`, quotes) keep seeing a punctuation character, as before.
//! Runs touching whitespace, the start of a line's inline content or a `|` are never touched:
//! there the two rules agree, so sentinels never land where they could change block structure.
//!
//! # API
//!
//! Both sentinels are chosen per document among characters that occur neither literally nor as a
//! numeric character reference in the source, so stripping removes exactly what was inserted and
//! an author's own U+E000 survives. This is why stripping is a method ([`Prepared::strip`],
//! [`Prepared::strip_event`]) rather than a free function. `strip_event` cleans every string an
//! event carries (text, code, math, HTML, URLs, titles, link ids, heading ids/classes/attributes,
//! code block info strings, footnote labels), so code spans, code blocks, URLs and HTML come out
//! unchanged. [`Prepared::original_offset`] maps parser offsets back to the source.
//!
//! # Limits
//!
//! * The spec text followed is that of tats-u/markdown-cjk-friendly commit 0479eed (Unicode 17
//!   ranges). A quotation mark that *follows* a run and is itself followed by U+FE01 counts as
//!   a non-CJK punctuation character (the spec speaks of a character there, where the reference
//!   implementation looks ahead); emoji presentation selectors get no special treatment.
//! * A run touching `|` keeps standard flanking: inside tables pulldown-cmark treats `|` as a cell
//!   boundary, outside them the amendment would apply but is not.
//! * The start of a line's inline content is found from its leading `>`, list markers and
//!   footnote labels without block parsing: a run right after a `>` or `[^x]:` that is not
//!   really a marker (a lazy continuation line `    >**中**`, footnotes disabled) keeps standard
//!   flanking; so does a run after a variation selector right after such a marker, unless the
//!   marker is certainly a block quote marker.
//! * Sentinels are inserted wherever runs are found, including inside code, HTML and link
//!   destinations; only the events, after `strip_event`, are clean (`text` is not), and
//!   stripping can leave empty `Text` events where a sentinel stood alone.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag};

use super::chars::is_cjk_wide;

/// The preferred letter-like sentinel (Private Use Area, category Co: pulldown-cmark treats it as
/// an ordinary letter). Another one is used for a document that already contains it.
pub const SENTINEL: char = '\u{E000}';

/// Letter-like sentinels, in order of preference: Private Use Area characters.
const LETTER_SENTINELS: [char; 8] = [
    SENTINEL, '\u{E001}', '\u{E002}', '\u{E003}', '\u{E004}', '\u{E005}', '\u{E006}', '\u{E007}',
];

/// Punctuation-like sentinels, in order of preference: rare medieval punctuation (category Po),
/// which pulldown-cmark counts as Unicode punctuation (checked by a test).
const PUNCT_SENTINELS: [char; 4] = ['\u{2E4F}', '\u{2E4E}', '\u{2E4D}', '\u{2E4C}'];

/// Every sentinel takes this many bytes in UTF-8, which keeps offset mapping simple.
const SENTINEL_LEN: usize = 3;

/// Every sentinel lies in one of these ranges (checked below): a quick test before looking
/// for a character among the sentinels.
fn may_be_sentinel(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{E007}' | '\u{2E4C}'..='\u{2E4F}')
}

const _: () = {
    let mut i = 0;
    while i < LETTER_SENTINELS.len() {
        assert!(LETTER_SENTINELS[i].len_utf8() == SENTINEL_LEN);
        let c = LETTER_SENTINELS[i] as u32;
        assert!(0xE000 <= c && c <= 0xE007);
        i += 1;
    }
    let mut i = 0;
    while i < PUNCT_SENTINELS.len() {
        assert!(PUNCT_SENTINELS[i].len_utf8() == SENTINEL_LEN);
        let c = PUNCT_SENTINELS[i] as u32;
        assert!(0x2E4C <= c && c <= 0x2E4F);
        i += 1;
    }
};

/// Markdown source with sentinels inserted where the CJK-friendly amendment changes flanking.
///
/// Parse [`Prepared::text`] with pulldown-cmark, pass every event through
/// [`Prepared::strip_event`], and map event offsets with [`Prepared::original_offset`].
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The source to hand to pulldown-cmark.
    pub text: String,
    /// Sorted byte offsets (in `text`) of inserted sentinels, each [`SENTINEL_LEN`] bytes long.
    inserted: Vec<usize>,
    /// The letter-like and punctuation-like sentinels of this document, if any was inserted.
    sentinels: Option<[char; 2]>,
}

impl Prepared {
    /// Inserts sentinels into `source` wherever the amended rule and the standard one disagree.
    /// A document without CJK characters or variation selectors next to `*`/`_` comes back
    /// unchanged.
    pub fn new(source: &str) -> Prepared {
        let mut classifier = Classifier::default();
        // Gap position in `source` -> (what the run ending there wants to be followed by,
        // what the run starting there wants to be preceded by).
        let mut gaps: BTreeMap<usize, (Option<Kind>, Option<Kind>)> = BTreeMap::new();
        for run in find_runs(source) {
            let Some((before, after)) = plan_run(source, &run, &mut classifier) else {
                continue;
            };
            if let Some(kind) = before {
                gaps.entry(run.start).or_default().1 = Some(kind);
            }
            if let Some(kind) = after {
                gaps.entry(run.end).or_default().0 = Some(kind);
            }
        }
        let unchanged = || Prepared {
            text: source.to_owned(),
            inserted: Vec::new(),
            sentinels: None,
        };
        if gaps.is_empty() {
            return unchanged();
        }
        let Some(sentinels) = choose_sentinels(source) else {
            return unchanged();
        };

        let mut text = String::with_capacity(source.len() + SENTINEL_LEN * 2 * gaps.len());
        let mut inserted = Vec::new();
        let mut copied = 0;
        for (&position, &(left_wants, right_wants)) in &gaps {
            text.push_str(&source[copied..position]);
            copied = position;
            let left = source[..position].chars().next_back();
            let right = source[position..].chars().next();
            for kind in gap_kinds(left, left_wants, right, right_wants) {
                inserted.push(text.len());
                text.push(match kind {
                    Kind::Letter => sentinels[0],
                    Kind::Punct => sentinels[1],
                });
            }
        }
        text.push_str(&source[copied..]);
        Prepared {
            text,
            inserted,
            sentinels: Some(sentinels),
        }
    }

    /// Maps a byte offset in `text` to the byte offset in the original source. An offset at or
    /// inside an inserted sentinel maps to the place where it was inserted.
    pub fn original_offset(&self, offset: usize) -> usize {
        // Sentinels lying entirely before `offset`.
        let before = self
            .inserted
            .partition_point(|&start| start + SENTINEL_LEN <= offset);
        let offset = match self.inserted.get(before) {
            Some(&start) if start < offset => start,
            _ => offset,
        };
        offset - before * SENTINEL_LEN
    }

    /// Removes this document's sentinels from a piece of parsed text (borrowed when there is
    /// none). Characters of the source are never removed: sentinels are chosen among characters
    /// the source does not contain.
    pub fn strip<'a>(&self, s: &'a str) -> Cow<'a, str> {
        match self.sentinels {
            Some(sentinels) if s.contains(sentinels) => {
                Cow::Owned(s.chars().filter(|c| !sentinels.contains(c)).collect())
            }
            _ => Cow::Borrowed(s),
        }
    }

    /// Strips sentinels from all string-bearing parts of an event.
    pub fn strip_event<'a>(&self, event: Event<'a>) -> Event<'a> {
        if self.sentinels.is_none() {
            return event;
        }
        match event {
            Event::Start(tag) => Event::Start(self.strip_tag(tag)),
            Event::End(end) => Event::End(end),
            Event::Text(s) => Event::Text(self.strip_cow(s)),
            Event::Code(s) => Event::Code(self.strip_cow(s)),
            Event::InlineMath(s) => Event::InlineMath(self.strip_cow(s)),
            Event::DisplayMath(s) => Event::DisplayMath(self.strip_cow(s)),
            Event::Html(s) => Event::Html(self.strip_cow(s)),
            Event::InlineHtml(s) => Event::InlineHtml(self.strip_cow(s)),
            Event::FootnoteReference(s) => Event::FootnoteReference(self.strip_cow(s)),
            Event::SoftBreak => Event::SoftBreak,
            Event::HardBreak => Event::HardBreak,
            Event::Rule => Event::Rule,
            Event::TaskListMarker(checked) => Event::TaskListMarker(checked),
        }
    }

    fn strip_tag<'a>(&self, tag: Tag<'a>) -> Tag<'a> {
        match tag {
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => Tag::Heading {
                level,
                id: id.map(|id| self.strip_cow(id)),
                classes: classes.into_iter().map(|c| self.strip_cow(c)).collect(),
                attrs: attrs
                    .into_iter()
                    .map(|(k, v)| (self.strip_cow(k), v.map(|v| self.strip_cow(v))))
                    .collect(),
            },
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => {
                Tag::CodeBlock(CodeBlockKind::Fenced(self.strip_cow(info)))
            }
            Tag::FootnoteDefinition(label) => Tag::FootnoteDefinition(self.strip_cow(label)),
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => Tag::Link {
                link_type,
                dest_url: self.strip_cow(dest_url),
                title: self.strip_cow(title),
                id: self.strip_cow(id),
            },
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => Tag::Image {
                link_type,
                dest_url: self.strip_cow(dest_url),
                title: self.strip_cow(title),
                id: self.strip_cow(id),
            },
            // Listed one by one so that a new string-bearing tag fails to compile here.
            tag @ (Tag::Paragraph
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(CodeBlockKind::Indented)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_)) => tag,
        }
    }

    fn strip_cow<'a>(&self, s: CowStr<'a>) -> CowStr<'a> {
        match self.strip(&s) {
            Cow::Borrowed(_) => s,
            Cow::Owned(stripped) => CowStr::from(stripped),
        }
    }
}

/// Picks a letter-like and a punctuation-like sentinel that the source contains neither
/// literally nor as a numeric character reference (which pulldown-cmark would decode into one).
fn choose_sentinels(source: &str) -> Option<[char; 2]> {
    let mut present: HashSet<char> = source
        .chars()
        .filter(|&c| {
            may_be_sentinel(c) && (LETTER_SENTINELS.contains(&c) || PUNCT_SENTINELS.contains(&c))
        })
        .collect();
    present.extend(numeric_references(source));
    let letter = LETTER_SENTINELS
        .into_iter()
        .find(|c| !present.contains(c))?;
    let punct = PUNCT_SENTINELS.into_iter().find(|c| !present.contains(c))?;
    Some([letter, punct])
}

/// Characters named by `&#123;` / `&#x7B;` references anywhere in `source`.
fn numeric_references(source: &str) -> impl Iterator<Item = char> + '_ {
    source.match_indices("&#").filter_map(|(at, _)| {
        let rest = &source[at + 2..];
        let (digits, radix) = match rest.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (rest, 10),
        };
        let len = digits
            .bytes()
            .take_while(|&b| char::from(b).is_digit(radix))
            .count()
            .min(8);
        let value = u32::from_str_radix(&digits[..len], radix).ok()?;
        char::from_u32(value)
    })
}

/// A maximal run of `*` or `_` that pulldown-cmark's first pass sees as a delimiter run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    start: usize,
    end: usize,
    delim: u8,
    /// Where the run's line starts.
    line_start: usize,
    /// Where the line's inline content starts, after its container markers (may lie after
    /// `start` when the run is itself one, like the `*` of a `* item`).
    content_start: usize,
}

/// Finds delimiter runs like pulldown-cmark's inline scanner: a backslash escapes the ASCII
/// punctuation character after it, anything else is scanned everywhere (runs inside code or
/// HTML are harmless: sentinels there are stripped again).
fn find_runs(source: &str) -> Vec<Run> {
    let bytes = source.as_bytes();
    let mut runs = Vec::new();
    // The line of the latest run: where it starts and where its inline content starts.
    let mut line: Option<(usize, usize)> = None;
    let mut i = 0;
    // Only backslashes and delimiters matter, and most bytes are neither: they are skipped
    // with `memchr`, and a run's line is looked up when there is one.
    while let Some(found) = memchr::memchr3(b'\\', b'*', b'_', &bytes[i..]) {
        i += found;
        let delim = bytes[i];
        if delim == b'\\' {
            i += if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) {
                2
            } else {
                1
            };
            continue;
        }
        let start = i;
        while bytes.get(i) == Some(&delim) {
            i += 1;
        }
        let line_start = memchr::memrchr2(b'\n', b'\r', &bytes[..start]).map_or(0, |at| at + 1);
        let content_start = match line {
            Some((known, content_start)) if known == line_start => content_start,
            _ => {
                let line_text = &source[line_start..];
                let line_text =
                    &line_text[..line_text.find(['\n', '\r']).unwrap_or(line_text.len())];
                let content_start = line_start + container_prefix_len(line_text);
                line = Some((line_start, content_start));
                content_start
            }
        };
        runs.push(Run {
            start,
            end: i,
            delim,
            line_start,
            content_start,
        });
    }
    runs
}

/// What pulldown-cmark's standard rule sees on one side of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Whitespace, a line boundary, or a table cell boundary.
    Space,
    Punct,
    Other,
}

/// The kind of sentinel to insert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Letter,
    Punct,
}

impl Kind {
    fn class(self) -> Class {
        match self {
            Kind::Letter => Class::Other,
            Kind::Punct => Class::Punct,
        }
    }
}

/// What precedes a run, in the terms of the amended specification.
#[derive(Debug, Clone, Copy, Default)]
struct Preceding {
    space: bool,
    /// A non-CJK punctuation sequence.
    non_cjk_punct: bool,
    /// A CJK sequence (including a CJK ambiguous punctuation sequence).
    cjk: bool,
    /// An Ideographic Variation Selector.
    ivs: bool,
    /// A Unicode punctuation sequence.
    punct: bool,
}

/// What follows a run, in the terms of the amended specification.
#[derive(Debug, Clone, Copy, Default)]
struct Following {
    space: bool,
    non_cjk_punct: bool,
    cjk: bool,
    punct: bool,
}

/// Can-open and can-close of a run under the amended specification.
fn amended_flags(delim: u8, before: Preceding, after: Following) -> (bool, bool) {
    let left = !after.space
        && (!after.non_cjk_punct
            || before.space
            || before.non_cjk_punct
            || before.cjk
            || before.ivs);
    let right =
        !before.space && (!before.non_cjk_punct || after.space || after.non_cjk_punct || after.cjk);
    if delim == b'*' {
        (left, right)
    } else {
        (
            left && (!right || before.punct),
            right && (!left || after.punct),
        )
    }
}

/// Can-open and can-close as pulldown-cmark 0.13 computes them (`delim_run_can_open` /
/// `delim_run_can_close`), which fold the `_` intraword rules into the flanking test.
fn pulldown_flags(delim: u8, prev: Class, next: Class) -> (bool, bool) {
    let intraword = delim == b'*';
    let open = next != Class::Space
        && (prev == Class::Space || prev == Class::Punct || (intraword && next != Class::Punct));
    let close = prev != Class::Space
        && (next == Class::Space || next == Class::Punct || (intraword && prev != Class::Punct));
    (open, close)
}

/// Sentinels to put before and after the run so that pulldown-cmark reaches the amended result,
/// or `None` when nothing needs to change. The cheapest fix wins; letters before punctuation.
fn plan_run(
    source: &str,
    run: &Run,
    classifier: &mut Classifier,
) -> Option<(Option<Kind>, Option<Kind>)> {
    let (prev, before_base) = preceding_chars(source, run)?;
    let next = source[run.end..].chars().next();
    let next = next.filter(|&c| !c.is_whitespace() && c != '|')?;
    // Without CJK characters or variation selectors both rules agree.
    if !(is_cjk_wide(prev) || is_variation_selector(prev) || is_ivs(prev) || is_cjk_wide(next)) {
        return None;
    }

    let before = classifier.preceding(prev, before_base);
    let after = classifier.following(next);
    let wanted = amended_flags(run.delim, before, after);
    let prev_class = classifier.class(prev);
    let next_class = classifier.class(next);
    if pulldown_flags(run.delim, prev_class, next_class) == wanted {
        return None;
    }
    const CHOICES: [(Option<Kind>, Option<Kind>); 8] = [
        (None, Some(Kind::Letter)),
        (Some(Kind::Letter), None),
        (None, Some(Kind::Punct)),
        (Some(Kind::Punct), None),
        (Some(Kind::Letter), Some(Kind::Letter)),
        (Some(Kind::Punct), Some(Kind::Punct)),
        (Some(Kind::Letter), Some(Kind::Punct)),
        (Some(Kind::Punct), Some(Kind::Letter)),
    ];
    CHOICES.into_iter().find(|&(before, after)| {
        let prev = before.map_or(prev_class, Kind::class);
        let next = after.map_or(next_class, Kind::class);
        pulldown_flags(run.delim, prev, next) == wanted
    })
}

/// The character before the run and the one before that (a variation selector's base), both
/// within the line's inline content, or `None` when the run follows whitespace or starts the
/// inline content of its line (after a line break or container markers such as `> >` or
/// `[^1]:`), or follows a `|` (a table cell boundary).
fn preceding_chars(source: &str, run: &Run) -> Option<(char, Option<char>)> {
    let content_start = run.content_start.min(run.start);
    let mut chars = source[content_start..run.start].chars().rev();
    let prev = chars.next()?;
    if prev.is_whitespace() || prev == '|' {
        return None;
    }
    let base = chars.next();
    // A selector right after what looks like a marker (`>`, `[^1]:`) opens the line's content
    // if that is a marker, but follows a punctuation character if not: unless the marker is
    // certain, leave such runs alone.
    let prefix = &source[run.line_start..content_start];
    if base.is_none()
        && is_variation_selector(prev)
        && !prefix.is_empty()
        && !prefix.ends_with([' ', '\t'])
        && !is_block_quote_prefix(prefix)
    {
        return None;
    }
    Some((prev, base))
}

/// Whether `prefix` is certainly a sequence of block quote markers: up to three spaces of
/// indentation before each `>` (plus the optional space belonging to the previous marker).
fn is_block_quote_prefix(prefix: &str) -> bool {
    let mut rest = prefix;
    let mut allowed = 3;
    loop {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if spaces > allowed {
            return false;
        }
        match rest[spaces..].strip_prefix('>') {
            Some("") => return true,
            Some(after) => rest = after,
            None => return false,
        }
        allowed = 4;
    }
}

/// The length of the container markers opening a line: indentation, block quote markers, list
/// markers and footnote definition labels. Only `>` and `[^x]:` can end it without whitespace;
/// when in doubt they are taken as markers, so that a run right after them keeps standard
/// flanking.
fn container_prefix_len(line: &str) -> usize {
    let bytes = line.as_bytes();
    let blank_at = |j: usize| matches!(bytes.get(j), Some(b' ' | b'\t'));
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'>' => i += 1,
            b'-' | b'+' | b'*' if blank_at(i + 1) => i += 2,
            // A footnote definition label, `[^note]:`.
            b'[' if bytes.get(i + 1) == Some(&b'^') => {
                let label = bytes[i + 2..]
                    .iter()
                    .take_while(|&&b| b != b']' && !b.is_ascii_whitespace())
                    .count();
                let colon = i + 2 + label + 1;
                if label == 0
                    || bytes.get(colon - 1) != Some(&b']')
                    || bytes.get(colon) != Some(&b':')
                {
                    break;
                }
                i = colon + 1;
            }
            b'0'..=b'9' => {
                let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                let marker = i + digits;
                if digits > 9
                    || !matches!(bytes.get(marker), Some(b'.' | b')'))
                    || !blank_at(marker + 1)
                {
                    break;
                }
                i = marker + 2;
            }
            _ => break,
        }
    }
    i
}

/// The characters inserted in a gap between what is on its left and what is on its right.
/// A run or delimiter-like character on either side that asked for nothing must keep seeing a
/// punctuation character, as it saw the neighbouring `*`/`_` before.
fn gap_kinds(
    left: Option<char>,
    left_wants: Option<Kind>,
    right: Option<char>,
    right_wants: Option<Kind>,
) -> Vec<Kind> {
    let sensitive = |c: Option<char>| matches!(c, Some('*' | '_' | '~' | '^' | '\'' | '"'));
    let first = left_wants.or(sensitive(left).then_some(Kind::Punct));
    let last = right_wants.or(sensitive(right).then_some(Kind::Punct));
    match (first, last) {
        (Some(a), Some(b)) if a != b => vec![a, b],
        (Some(a), _) | (None, Some(a)) => vec![a],
        (None, None) => Vec::new(),
    }
}

/// Classifies characters, asking pulldown-cmark what it counts as Unicode punctuation.
#[derive(Default)]
struct Classifier {
    punctuation: HashMap<char, bool>,
}

impl Classifier {
    /// Whether pulldown-cmark counts `c` as Unicode punctuation (general categories P and S).
    ///
    /// Its table is private, so it is asked: in `a*Xb*` the first `*` follows a letter, so it
    /// opens emphasis exactly when `X` is not punctuation.
    fn is_punctuation(&mut self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_punctuation();
        }
        *self.punctuation.entry(c).or_insert_with(|| {
            let probe = format!("a*{c}b*");
            !Parser::new(&probe).any(|event| matches!(event, Event::Start(Tag::Emphasis)))
        })
    }

    /// pulldown-cmark's view of a (non-whitespace) neighbour.
    fn class(&mut self, c: char) -> Class {
        if self.is_punctuation(c) {
            Class::Punct
        } else {
            Class::Other
        }
    }

    /// The amended classes of the sequence ending with `prev` (preceded by `base`).
    fn preceding(&mut self, prev: char, base: Option<char>) -> Preceding {
        if is_ivs(prev) {
            return Preceding {
                ivs: true,
                ..Preceding::default()
            };
        }
        let main = if is_variation_selector(prev) {
            match base {
                // The spec leaves a selector after whitespace or an IVS unspecified: a letter.
                Some(base) if !base.is_whitespace() && !is_ivs(base) => base,
                _ => return Preceding::default(),
            }
        } else {
            prev
        };
        let punct = self.is_punctuation(main);
        let cjk = is_cjk_wide(main) || is_cjk_ambiguous_punctuation(main, prev);
        Preceding {
            space: false,
            non_cjk_punct: punct && !cjk,
            cjk,
            ivs: false,
            punct,
        }
    }

    /// The amended classes of the (non-whitespace) character after a run.
    fn following(&mut self, next: char) -> Following {
        let punct = self.is_punctuation(next);
        let cjk = is_cjk_wide(next);
        Following {
            space: false,
            non_cjk_punct: punct && !cjk,
            cjk,
            punct,
        }
    }
}

/// A Non-emoji General-use Variation Selector (U+FE00–U+FE0E).
fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0E}')
}

/// An Ideographic Variation Selector (U+E0100–U+E01EF).
fn is_ivs(c: char) -> bool {
    matches!(c, '\u{E0100}'..='\u{E01EF}')
}

/// A CJK ambiguous punctuation sequence: a curly quotation mark followed by U+FE01.
fn is_cjk_ambiguous_punctuation(c: char, selector: char) -> bool {
    selector == '\u{FE01}' && matches!(c, '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_found_past_escapes_with_their_lines() {
        // Bytes between backslashes and delimiters are skipped; each run still gets its line.
        let source = "a\\*b *c*\r\n> **d**\n- _e_";
        let runs: Vec<(usize, usize, u8, usize, usize)> = find_runs(source)
            .iter()
            .map(|r| (r.start, r.end, r.delim, r.line_start, r.content_start))
            .collect();
        assert_eq!(
            runs,
            [
                (5, 6, b'*', 0, 0),
                (7, 8, b'*', 0, 0),
                (12, 14, b'*', 10, 12),
                (15, 17, b'*', 10, 12),
                (20, 21, b'_', 18, 20),
                (22, 23, b'_', 18, 20),
            ]
        );
    }
    use pulldown_cmark::{Options, html};

    /// Renders through `Prepared`, as leafpress does.
    fn render_with(source: &str, options: Options) -> String {
        let prepared = Prepared::new(source);
        let mut out = String::new();
        let events = Parser::new_ext(&prepared.text, options).map(|e| prepared.strip_event(e));
        html::push_html(&mut out, events);
        out
    }

    fn render(source: &str) -> String {
        render_with(source, Options::empty())
    }

    /// Plain pulldown-cmark, for comparison.
    fn plain(source: &str) -> String {
        let mut out = String::new();
        html::push_html(&mut out, Parser::new(source));
        out
    }

    /// Asserts the rendering of single-paragraph inputs.
    fn check(cases: &[(&str, &str)]) {
        for (source, expected) in cases {
            assert_eq!(
                render(source),
                format!("{expected}\n"),
                "source: {source:?}"
            );
        }
    }

    #[test]
    fn leaflet_examples() {
        check(&[
            (
                "**请勿进食。**术前两小时可以喝水",
                "<p><strong>请勿进食。</strong>术前两小时可以喝水</p>",
            ),
            (
                "这是**“重要”**的事",
                "<p>这是<strong>“重要”</strong>的事</p>",
            ),
            ("*斜体。*后文", "<p><em>斜体。</em>后文</p>"),
            (
                "***重要。***后",
                "<p><em><strong>重要。</strong></em>后</p>",
            ),
            (
                "**外层*内层。*外层**后",
                "<p><strong>外层<em>内层。</em>外层</strong>后</p>",
            ),
            (
                "请阅读**Terms of Service。**然后签字",
                "<p>请阅读<strong>Terms of Service。</strong>然后签字</p>",
            ),
            ("**Note:**接下来", "<p><strong>Note:</strong>接下来</p>"),
            (
                "The **bold。**word",
                "<p>The <strong>bold。</strong>word</p>",
            ),
            (
                "术前**（空腹）**检查",
                "<p>术前<strong>（空腹）</strong>检查</p>",
            ),
            // `__` after CJK punctuation, followed by a letter: right- and left-flanking, and
            // rule 4/8 (unchanged) needs punctuation after it to close. The spec keeps this
            // literal, like standard CommonMark.
            ("__中文。__后文", "<p>__中文。__后文</p>"),
            ("__中文。__，后文", "<p><strong>中文。</strong>，后文</p>"),
            ("中文。__强调__", "<p>中文。<strong>强调</strong></p>"),
            ("中文_变量_名", "<p>中文_变量_名</p>"),
            (
                "**「注意」**和*『提示』*",
                "<p><strong>「注意」</strong>和<em>『提示』</em></p>",
            ),
            (
                "> **请勿进食。**术前",
                "<blockquote>\n<p><strong>请勿进食。</strong>术前</p>\n</blockquote>",
            ),
        ]);
    }

    #[test]
    fn english_and_escapes_behave_as_commonmark() {
        check(&[
            ("a**\"b\"**c", "<p>a**\"b\"**c</p>"),
            ("foo*bar*", "<p>foo<em>bar</em></p>"),
            ("snake_case_word", "<p>snake_case_word</p>"),
            ("**bold.**word", "<p>**bold.**word</p>"),
            ("\\*\\*转义。\\*\\*后", "<p>**转义。**后</p>"),
            ("`**中文。**后`", "<p><code>**中文。**后</code></p>"),
            ("[link](a_b*c)", "<p><a href=\"a_b*c\">link</a></p>"),
            (
                "[链接](路径_中文。_x \"标题**中。**后\")",
                "<p><a href=\"%E8%B7%AF%E5%BE%84_%E4%B8%AD%E6%96%87%E3%80%82_x\" \
                 title=\"标题**中。**后\">链接</a></p>",
            ),
            (
                "<https://例子.com/**中。**后>",
                "<p><a href=\"https://%E4%BE%8B%E5%AD%90.com/**%E4%B8%AD%E3%80%82**%E5%90%8E\">\
                 https://例子.com/**中。**后</a></p>",
            ),
            (
                "文字<span title=\"**中。**后\">x</span>",
                "<p>文字<span title=\"**中。**后\">x</span></p>",
            ),
        ]);
        let fenced = "```中**文。**后\n**请勿进食。**术前\n中_文。_后\n```\n";
        assert_eq!(
            render(fenced),
            "<pre><code class=\"language-中**文。**后\">**请勿进食。**术前\n中_文。_后\n</code></pre>\n"
        );
        let indented = "    **请勿进食。**术前\n";
        assert_eq!(render(indented), plain(indented));
        assert_eq!(
            render("<div>\n**请勿进食。**术前\n</div>\n"),
            "<div>\n**请勿进食。**术前\n</div>\n"
        );
    }

    /// The test cases pulldown-cmark merged with its implementation
    /// (`specs/cjk_friendly_emphasis.txt`, from tats-u/markdown-cjk-friendly's `testcases/`).
    #[test]
    fn upstream_kana_han_strong() {
        check(&[
            (
                "**このアスタリスクは強調記号として認識されず、そのまま表示されます。**この文のせいで。",
                "<p><strong>このアスタリスクは強調記号として認識されず、そのまま表示されます。</strong>この文のせいで。</p>",
            ),
            (
                "**该星号不会被识别，而是直接显示。**这是因为它没有被识别为强调符号。",
                "<p><strong>该星号不会被识别，而是直接显示。</strong>这是因为它没有被识别为强调符号。</p>",
            ),
            (
                "**이 별표는 강조 표시로 인식되지 않고 그대로 표시됩니다(이 괄호 때문에)**이 문장 때문에.",
                "<p><strong>이 별표는 강조 표시로 인식되지 않고 그대로 표시됩니다(이 괄호 때문에)</strong>이 문장 때문에.</p>",
            ),
            (
                "これは**私のやりたかったこと。**だからするの。",
                "<p>これは<strong>私のやりたかったこと。</strong>だからするの。</p>",
            ),
            (
                "**[製品ほげ](./product-foo)**と**[製品ふが](./product-bar)**をお試しください",
                "<p><strong><a href=\"./product-foo\">製品ほげ</a></strong>と<strong><a href=\"./product-bar\">製品ふが</a></strong>をお試しください</p>",
            ),
            (
                "単語と**[単語と](word-and)**単語",
                "<p>単語と<strong><a href=\"word-and\">単語と</a></strong>単語</p>",
            ),
            (
                "**これは太字になりません。**ご注意ください。",
                "<p><strong>これは太字になりません。</strong>ご注意ください。</p>",
            ),
            (
                "カッコに注意**（太字にならない）**文が続く場合に要警戒。",
                "<p>カッコに注意<strong>（太字にならない）</strong>文が続く場合に要警戒。</p>",
            ),
            (
                "**[リンク](https://example.com)**も注意。（画像も同様）",
                "<p><strong><a href=\"https://example.com\">リンク</a></strong>も注意。（画像も同様）</p>",
            ),
            (
                "先頭の**\\`コード\\`も注意。**",
                "<p>先頭の<strong>`コード`も注意。</strong></p>",
            ),
            (
                "**末尾の\\`コード\\`**も注意。",
                "<p><strong>末尾の`コード`</strong>も注意。</p>",
            ),
            (
                "税込**¥10,000**で入手できます。",
                "<p>税込<strong>¥10,000</strong>で入手できます。</p>",
            ),
            ("正解は**④**です。", "<p>正解は<strong>④</strong>です。</p>"),
            (
                "太郎は**「こんにちわ」**といった",
                "<p>太郎は<strong>「こんにちわ」</strong>といった</p>",
            ),
            (
                "太郎は**\"こんにちわ\"**といった",
                "<p>太郎は<strong>\"こんにちわ\"</strong>といった</p>",
            ),
            (
                "太郎は**こんにちわ**といった",
                "<p>太郎は<strong>こんにちわ</strong>といった</p>",
            ),
            (
                "太郎は**「Hello」**といった",
                "<p>太郎は<strong>「Hello」</strong>といった</p>",
            ),
            (
                "太郎は**\"Hello\"**といった",
                "<p>太郎は<strong>\"Hello\"</strong>といった</p>",
            ),
            (
                "太郎は**Hello**といった",
                "<p>太郎は<strong>Hello</strong>といった</p>",
            ),
            (
                "太郎は**「Oh my god」**といった",
                "<p>太郎は<strong>「Oh my god」</strong>といった</p>",
            ),
            (
                "太郎は**\"Oh my god\"**といった",
                "<p>太郎は<strong>\"Oh my god\"</strong>といった</p>",
            ),
            (
                "太郎は**Oh my god**といった",
                "<p>太郎は<strong>Oh my god</strong>といった</p>",
            ),
            (
                "**C#**や**F#**は**「.NET」**というプラットフォーム上で動作します。",
                "<p><strong>C#</strong>や<strong>F#</strong>は<strong>「.NET」</strong>というプラットフォーム上で動作します。</p>",
            ),
            (
                "IDが**001号**になります。",
                "<p>IDが<strong>001号</strong>になります。</p>",
            ),
            (
                "IDが**００１号**になります。",
                "<p>IDが<strong>００１号</strong>になります。</p>",
            ),
            (
                "Go**「初心者」**を対象とした記事です。",
                "<p>Go<strong>「初心者」</strong>を対象とした記事です。</p>",
            ),
            (
                "**⻲田太郎**と申します",
                "<p><strong>⻲田太郎</strong>と申します</p>",
            ),
            (
                "・**㋐**:選択肢１つ目",
                "<p>・<strong>㋐</strong>:選択肢１つ目</p>",
            ),
            ("**真，**她", "<p><strong>真，</strong>她</p>"),
            ("**真。**她", "<p><strong>真。</strong>她</p>"),
            ("**真、**她", "<p><strong>真、</strong>她</p>"),
            ("**真；**她", "<p><strong>真；</strong>她</p>"),
            ("**真：**她", "<p><strong>真：</strong>她</p>"),
            ("**真？**她", "<p><strong>真？</strong>她</p>"),
            ("**真！**她", "<p><strong>真！</strong>她</p>"),
            ("**真“**她", "<p><strong>真“</strong>她</p>"),
            ("**真”**她", "<p><strong>真”</strong>她</p>"),
            ("**真‘**她", "<p><strong>真‘</strong>她</p>"),
            ("**真’**她", "<p><strong>真’</strong>她</p>"),
            ("**真（**她", "<p><strong>真（</strong>她</p>"),
            ("真**（她**", "<p>真<strong>（她</strong></p>"),
            ("**真）**她", "<p><strong>真）</strong>她</p>"),
            ("**真【**她", "<p><strong>真【</strong>她</p>"),
            ("真**【她**", "<p>真<strong>【她</strong></p>"),
            ("**真】**她", "<p><strong>真】</strong>她</p>"),
            ("**真《**她", "<p><strong>真《</strong>她</p>"),
            ("真**《她**", "<p>真<strong>《她</strong></p>"),
            ("**真》**她", "<p><strong>真》</strong>她</p>"),
            ("**真—**她", "<p><strong>真—</strong>她</p>"),
            ("**真～**她", "<p><strong>真～</strong>她</p>"),
            ("**真…**她", "<p><strong>真…</strong>她</p>"),
            ("**真·**她", "<p><strong>真·</strong>她</p>"),
            ("**真〃**她", "<p><strong>真〃</strong>她</p>"),
            ("**真-**她", "<p><strong>真-</strong>她</p>"),
            ("**真々**她", "<p><strong>真々</strong>她</p>"),
            ("**真**她", "<p><strong>真</strong>她</p>"),
            ("**真，** 她", "<p><strong>真，</strong> 她</p>"),
            ("**真**，她", "<p><strong>真</strong>，她</p>"),
            (
                "**真，**&ZeroWidthSpace;她",
                "<p><strong>真，</strong>\u{200B}她</p>",
            ),
            (
                "私は**⻲田太郎**と申します",
                "<p>私は<strong>⻲田太郎</strong>と申します</p>",
            ),
            (
                "選択肢**㋐**: 1つ目の選択肢",
                "<p>選択肢<strong>㋐</strong>: 1つ目の選択肢</p>",
            ),
            (
                "**さようなら︙**と太郎はいった。",
                "<p><strong>さようなら︙</strong>と太郎はいった。</p>",
            ),
            (
                ".NET**（.NET Frameworkは不可）**では、",
                "<p>.NET<strong>（.NET Frameworkは不可）</strong>では、</p>",
            ),
            (
                "「禰\u{E0100}」の偏は示ではなく**礻**です。",
                "<p>「禰\u{E0100}」の偏は示ではなく<strong>礻</strong>です。</p>",
            ),
            (
                "Git**（注：不是GitHub）**",
                "<p>Git<strong>（注：不是GitHub）</strong></p>",
            ),
            (
                "太郎は**「こんにちわ」**といった。",
                "<p>太郎は<strong>「こんにちわ」</strong>といった。</p>",
            ),
            (
                "𰻞𰻞**（ビャンビャン）**麺",
                "<p>𰻞𰻞<strong>（ビャンビャン）</strong>麺</p>",
            ),
            (
                "𰻞𰻞**(ビャンビャン)**麺",
                "<p>𰻞𰻞<strong>(ビャンビャン)</strong>麺</p>",
            ),
            (
                "ハイパーテキストコーヒーポット制御プロトコル**(HTCPCP)**",
                "<p>ハイパーテキストコーヒーポット制御プロトコル<strong>(HTCPCP)</strong></p>",
            ),
            ("﨑**(崎)**", "<p>﨑<strong>(崎)</strong></p>"),
            (
                "国際規格**[ECMA-262](https://tc39.es/ecma262/)**",
                "<p>国際規格<strong><a href=\"https://tc39.es/ecma262/\">ECMA-262</a></strong></p>",
            ),
            ("㐧**(第の俗字)**", "<p>㐧<strong>(第の俗字)</strong></p>"),
            (
                "𠮟**(こちらが正式表記)**",
                "<p>𠮟<strong>(こちらが正式表記)</strong></p>",
            ),
            (
                "𪜈**(トモの合略仮名)**",
                "<p>𪜈<strong>(トモの合略仮名)</strong></p>",
            ),
            ("𫠉**(馬の俗字)**", "<p>𫠉<strong>(馬の俗字)</strong></p>"),
            (
                "谺𬤲**(こだま)**石神社",
                "<p>谺𬤲<strong>(こだま)</strong>石神社</p>",
            ),
            (
                "石𮧟**(いしただら)**",
                "<p>石𮧟<strong>(いしただら)</strong></p>",
            ),
            (
                "**推荐几个框架：**React、Vue等前端框架。",
                "<p><strong>推荐几个框架：</strong>React、Vue等前端框架。</p>",
            ),
            (
                "葛\u{E0100}**(こちらが正式表記)**城市",
                "<p>葛\u{E0100}<strong>(こちらが正式表記)</strong>城市</p>",
            ),
            (
                "禰\u{E0100}**(こちらが正式表記)**豆子",
                "<p>禰\u{E0100}<strong>(こちらが正式表記)</strong>豆子</p>",
            ),
            ("𱟛**(U+317DB)**", "<p>𱟛<strong>(U+317DB)</strong></p>"),
            (
                "阿寒湖アイヌシアターイコㇿ**(Akanko Ainu Theater Ikor)**",
                "<p>阿寒湖アイヌシアターイコㇿ<strong>(Akanko Ainu Theater Ikor)</strong></p>",
            ),
            (
                "あ𛀙**(か)**よろし",
                "<p>あ𛀙<strong>(か)</strong>よろし</p>",
            ),
            (
                "𮹝**(simplified form of 龘 in China)**",
                "<p>𮹝<strong>(simplified form of 龘 in China)</strong></p>",
            ),
            (
                "大塚\u{FE00}**(U+585A U+FE00)** 大\u{FA10}**(U+FA10)**",
                "<p>大塚\u{FE00}<strong>(U+585A U+FE00)</strong> 大\u{FA10}<strong>(U+FA10)</strong></p>",
            ),
            (
                "〽\u{FE0E}**(庵点)**は、",
                "<p>〽\u{FE0E}<strong>(庵点)</strong>は、</p>",
            ),
            (
                "**\u{201C}\u{FE01}Git\u{201D}\u{FE01}**Hub",
                "<p><strong>\u{201C}\u{FE01}Git\u{201D}\u{FE01}</strong>Hub</p>",
            ),
        ]);
    }

    #[test]
    fn upstream_korean_strong() {
        check(&[
            (
                "**이 [링크](https://example.kr/)**만을 강조하고 싶다.",
                "<p><strong>이 <a href=\"https://example.kr/\">링크</a></strong>만을 강조하고 싶다.</p>",
            ),
            (
                "**스크립트(script)**라고",
                "<p><strong>스크립트(script)</strong>라고</p>",
            ),
            (
                "패키지를 발행하려면 **`npm publish`**를 실행하십시오.",
                "<p>패키지를 발행하려면 <strong><code>npm publish</code></strong>를 실행하십시오.</p>",
            ),
            (
                "**안녕(hello)**하세요.",
                "<p><strong>안녕(hello)</strong>하세요.</p>",
            ),
            ("ᅡ**(a)**", "<p>ᅡ<strong>(a)</strong></p>"),
            ("**(k)**ᄏ", "<p><strong>(k)</strong>ᄏ</p>"),
        ]);
    }

    #[test]
    fn upstream_pseudo_emoji_and_non_bmp() {
        check(&[
            ("a**〰**a", "<p>a<strong>〰</strong>a</p>"),
            ("a**〽**a", "<p>a<strong>〽</strong>a</p>"),
            ("a**🈂**a", "<p>a<strong>🈂</strong>a</p>"),
            ("a**🈷**a", "<p>a<strong>🈷</strong>a</p>"),
            ("a**㊗**a", "<p>a<strong>㊗</strong>a</p>"),
            ("a**㊙**a", "<p>a<strong>㊙</strong>a</p>"),
            // Non-CJK punctuation and symbols: unchanged (literal).
            ("a**a«**a", "<p>a**a«**a</p>"),
            ("a**»a**a", "<p>a**»a**a</p>"),
            ("a**a∇**a", "<p>a**a∇**a</p>"),
            ("a**∇a**a", "<p>a**∇a**a</p>"),
            ("a**a𝜵**a", "<p>a**a𝜵**a</p>"),
            ("a**𝜵a**a", "<p>a**𝜵a**a</p>"),
            ("a**𐬻a**a", "<p>a**𐬻a**a</p>"),
            ("a**a𐬻**a", "<p>a**a𐬻**a</p>"),
        ]);
    }

    #[test]
    fn upstream_underscore() {
        check(&[
            (
                "__注意__：注意事項",
                "<p><strong>注意</strong>：注意事項</p>",
            ),
            (
                "注意：__注意事項__",
                "<p>注意：<strong>注意事項</strong></p>",
            ),
            (
                "正體字。\u{FE01}_Traditional._",
                "<p>正體字。\u{FE01}<em>Traditional.</em></p>",
            ),
            (
                "正體字。\u{FE01}__Hong Kong and Taiwan.__",
                "<p>正體字。\u{FE01}<strong>Hong Kong and Taiwan.</strong></p>",
            ),
            (
                "简体字 / 新字体。\u{FE00}_Simplified._",
                "<p>简体字 / 新字体。\u{FE00}<em>Simplified.</em></p>",
            ),
            (
                "简体字 / 新字体。\u{FE00}__Mainland China or Japan.__",
                "<p>简体字 / 新字体。\u{FE00}<strong>Mainland China or Japan.</strong></p>",
            ),
            (
                "\u{201C}\u{FE01}Git\u{201D}\u{FE01}__Hub__",
                "<p>\u{201C}\u{FE01}Git\u{201D}\u{FE01}<strong>Hub</strong></p>",
            ),
            // Intraword `_` stays literal, with or without CJK neighbours.
            ("foo_bar_", "<p>foo_bar_</p>"),
            ("_foo_bar", "<p>_foo_bar</p>"),
            ("_foo_bar_baz_", "<p><em>foo_bar_baz</em></p>"),
            ("漢_abc_", "<p>漢_abc_</p>"),
            ("_abc_漢", "<p>_abc_漢</p>"),
        ]);
    }

    #[test]
    fn upstream_with_other_extensions() {
        let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        assert_eq!(
            render_with("あ**()**あ[^1]\n\n[^1]: ~~あ~~\n", options),
            "<p>あ<strong>()</strong>あ<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup></p>\n\
             <div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup>\n\
             <p><del>あ</del></p>\n</div>\n"
        );
    }

    /// The variation-selector cases the amendment adds, including the one where it *removes*
    /// right-flanking (a non-CJK punctuation sequence followed by a letter).
    #[test]
    fn variation_selectors() {
        check(&[
            // `‼` + U+FE0E is a non-CJK punctuation sequence: like `**Warning‼**Next`, not closed.
            (
                "**Warning‼\u{FE0E}**Next",
                "<p>**Warning‼\u{FE0E}**Next</p>",
            ),
            (
                "**Warning‼\u{FE0E}**次",
                "<p><strong>Warning‼\u{FE0E}</strong>次</p>",
            ),
            (
                "**Warning‼\u{FE0E}** next",
                "<p><strong>Warning‼\u{FE0E}</strong> next</p>",
            ),
            // A selector after CJK punctuation counts as that punctuation.
            (
                "**注意。\u{FE00}**次",
                "<p><strong>注意。\u{FE00}</strong>次</p>",
            ),
        ]);
        // Standard CommonMark would close here; the amendment does not.
        assert_eq!(plain("*a‼\u{FE0E}*b*"), "<p><em>a‼\u{FE0E}</em>b*</p>\n");
        // The middle run can only open, so the last one closes it.
        assert_eq!(render("*a‼\u{FE0E}*b*"), "<p>*a‼\u{FE0E}<em>b</em></p>\n");
    }

    #[test]
    fn adjacent_delimiters_keep_their_view() {
        check(&[
            (
                "**_中文。_**后",
                "<p><strong><em>中文。</em></strong>后</p>",
            ),
            ("_**中文。**_后", "<p>_<strong>中文。</strong>_后</p>"),
            ("中文**。**后", "<p>中文<strong>。</strong>后</p>"),
        ]);
        assert_eq!(
            render_with("~~删除。~~**加粗。**后\n", Options::ENABLE_STRIKETHROUGH),
            "<p><del>删除。</del><strong>加粗。</strong>后</p>\n"
        );
    }

    #[test]
    fn tables_and_lists() {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let table = "| 项目 | 说明 |\n|---|---|\n|**禁食。**| 术前**八小时。**内 |\n";
        assert_eq!(
            render_with(table, options),
            "<table><thead><tr><th>项目</th><th>说明</th></tr></thead><tbody>\n\
             <tr><td><strong>禁食。</strong></td><td>术前<strong>八小时。</strong>内</td></tr>\n\
             </tbody></table>\n"
        );
        assert_eq!(
            render("- **禁食。**术前\n- *饮水。*可以\n"),
            "<ul>\n<li><strong>禁食。</strong>术前</li>\n<li><em>饮水。</em>可以</li>\n</ul>\n"
        );
        assert_eq!(
            render(">**禁食。**术前\n"),
            "<blockquote>\n<p><strong>禁食。</strong>术前</p>\n</blockquote>\n"
        );
    }

    /// Without CJK characters or variation selectors next to `*`/`_` nothing is inserted, so the
    /// output is exactly pulldown-cmark's.
    #[test]
    fn differential_against_plain_pulldown() {
        let inputs = [
            "a**\"b\"**c",
            "foo*bar*",
            "snake_case_word",
            "**bold.**word",
            "*foo*bar",
            "_foo_bar_",
            "__foo, __bar__, baz__",
            "*(*foo*)*",
            "**foo \"*bar*\" foo**",
            "foo***bar***baz",
            "*foo**bar**baz*",
            "***strong emph***",
            "**foo*bar*baz**",
            "_____foo_____",
            "*a `*`*",
            "\\*not emphasized*",
            "**a\nb**",
            "> **quote.**x\n",
            "- *item.*x\n* * *\n",
            "[*link*](url_with_underscores \"t*i*t\")",
            "<a href=\"x_y*z\">*html*</a>",
            "```\n**code.**x\n```\n",
            "| a | b |\n|---|---|\n|**x.**|*y*|\n",
            "caf\u{E9} **r\u{E9}sum\u{E9}.**x \u{AB}*guillemets*\u{BB}",
            "\u{2018}*quoted*\u{2019} and a\u{2026}**b**",
        ];
        for input in inputs {
            let prepared = Prepared::new(input);
            assert_eq!(prepared.text, input);
            for options in [Options::empty(), Options::all()] {
                let mut expected = String::new();
                html::push_html(&mut expected, Parser::new_ext(input, options));
                assert_eq!(render_with(input, options), expected, "input: {input:?}");
            }
        }
    }

    #[test]
    fn original_offset_maps_back() {
        let source = "**请勿进食。**术前";
        let prepared = Prepared::new(source);
        assert_eq!(prepared.text, format!("**请勿进食。{SENTINEL}**术前"));
        let sentinel = "**请勿进食。".len();
        assert_eq!(prepared.original_offset(0), 0);
        assert_eq!(prepared.original_offset(sentinel), sentinel);
        assert_eq!(prepared.original_offset(sentinel + 1), sentinel);
        assert_eq!(prepared.original_offset(sentinel + 3), sentinel);
        assert_eq!(prepared.original_offset(sentinel + 5), sentinel + 2);
        assert_eq!(prepared.original_offset(prepared.text.len()), source.len());

        // Every text event's range, mapped back, covers the same text in the source.
        let source = "这是**“重要”**的事。\n\n*斜体。*后文和**请勿进食。**术前\n";
        let prepared = Prepared::new(source);
        assert_eq!(prepared.inserted.len(), 4);
        let mut texts = 0;
        for (event, range) in Parser::new(&prepared.text).into_offset_iter() {
            let start = prepared.original_offset(range.start);
            let end = prepared.original_offset(range.end);
            if let Event::Text(text) = prepared.strip_event(event) {
                assert_eq!(&source[start..end], &*text);
                texts += 1;
            }
        }
        assert_eq!(texts, 7);
    }

    #[test]
    fn existing_sentinels_are_kept() {
        let source = "\u{E000}**请勿进食。**术前\u{2E4F}&#xE001;";
        let prepared = Prepared::new(source);
        assert!(prepared.text.contains('\u{E002}'));
        assert_eq!(
            render(source),
            "<p>\u{E000}<strong>请勿进食。</strong>术前\u{2E4F}\u{E001}</p>\n"
        );
        assert_eq!(prepared.strip("\u{E000}\u{E002}x"), "\u{E000}x");
        assert!(matches!(prepared.strip("plain"), Cow::Borrowed("plain")));
        // With every candidate taken, the document is left alone (standard CommonMark).
        let crowded: String = LETTER_SENTINELS.iter().collect::<String>() + "**禁食。**术前";
        let prepared = Prepared::new(&crowded);
        assert_eq!(prepared.text, crowded);
        assert_eq!(prepared.strip(&crowded), crowded.as_str());
    }

    #[test]
    fn strip_event_covers_urls_titles_and_labels() {
        let source = "[链接**中。**后][ref]\n\n[ref]: /路径**中。**后 \"标题**中。**后\"\n";
        let prepared = Prepared::new(source);
        assert_ne!(prepared.text, source);
        let events: Vec<_> = Parser::new(&prepared.text)
            .map(|e| prepared.strip_event(e))
            .collect();
        let link = events.iter().find_map(|e| match e {
            Event::Start(Tag::Link {
                dest_url,
                title,
                id,
                ..
            }) => Some((dest_url.to_string(), title.to_string(), id.to_string())),
            _ => None,
        });
        assert_eq!(
            link,
            Some((
                "/路径**中。**后".to_owned(),
                "标题**中。**后".to_owned(),
                "ref".to_owned()
            ))
        );
        for event in &events {
            let text = format!("{event:?}");
            assert!(!text.contains(['\u{E000}', '\u{2E4F}']), "{text}");
        }
    }

    #[test]
    fn sentinels_are_what_pulldown_expects() {
        let mut classifier = Classifier::default();
        for c in LETTER_SENTINELS {
            assert!(!classifier.is_punctuation(c) && !c.is_whitespace());
        }
        for c in PUNCT_SENTINELS {
            assert!(classifier.is_punctuation(c) && !c.is_whitespace() && !is_cjk_wide(c));
        }
        assert!(classifier.is_punctuation('。'));
        assert!(classifier.is_punctuation('“'));
        // CommonMark 0.31 counts symbols (general category S) as punctuation too.
        assert!(classifier.is_punctuation('¥'));
        assert!(classifier.is_punctuation('∇'));
        assert!(!classifier.is_punctuation('中'));
        assert!(!classifier.is_punctuation('\u{FE00}'));
    }

    #[test]
    fn amended_flags_follow_the_spec() {
        let cjk_punct = Preceding {
            cjk: true,
            punct: true,
            ..Preceding::default()
        };
        let letter = Following::default();
        // `。**术`: right-flanking (2a) and left-flanking (2a).
        assert_eq!(amended_flags(b'*', cjk_punct, letter), (true, true));
        // `_` there cannot close (rule 4 unchanged) but can open (rule 2b: after punctuation).
        assert_eq!(amended_flags(b'_', cjk_punct, letter), (true, false));
        let han = Preceding {
            cjk: true,
            ..Preceding::default()
        };
        let paren = Following {
            non_cjk_punct: true,
            punct: true,
            ..Following::default()
        };
        // `漢**(`: left-flanking by (2bγ).
        assert_eq!(amended_flags(b'*', han, paren), (true, true));
        let dot = Preceding {
            non_cjk_punct: true,
            punct: true,
            ..Preceding::default()
        };
        let kana = Following {
            cjk: true,
            ..Following::default()
        };
        // `.**か`: right-flanking by (2bγ); `.**a`: not right-flanking.
        assert_eq!(amended_flags(b'*', dot, kana), (true, true));
        assert_eq!(amended_flags(b'*', dot, letter), (true, false));
    }

    /// pulldown-cmark's flags for a run of `text`, from its neighbours.
    fn pulldown_flags_at(text: &str, run: &Run, classifier: &mut Classifier) -> (bool, bool) {
        let prev = preceding_chars(text, run).map_or(Class::Space, |(c, _)| classifier.class(c));
        let next = match text[run.end..].chars().next() {
            Some(c) if !c.is_whitespace() && c != '|' => classifier.class(c),
            _ => Class::Space,
        };
        pulldown_flags(run.delim, prev, next)
    }

    /// The amended flags of a run of `source`.
    fn amended_flags_at(source: &str, run: &Run, classifier: &mut Classifier) -> (bool, bool) {
        let before = match preceding_chars(source, run) {
            None => Preceding {
                space: true,
                ..Preceding::default()
            },
            Some((prev, base)) => classifier.preceding(prev, base),
        };
        let after = match source[run.end..].chars().next() {
            Some(c) if !c.is_whitespace() && c != '|' => classifier.following(c),
            _ => Following {
                space: true,
                ..Following::default()
            },
        };
        amended_flags(run.delim, before, after)
    }

    /// On random documents, every run of the prepared text gets, from pulldown-cmark's standard
    /// rule, the flags the amended rule gives the same run of the source; and nothing else moves.
    #[test]
    fn prepared_runs_get_amended_flags() {
        const ALPHABET: [&str; 22] = [
            "*",
            "*",
            "_",
            "_",
            "~",
            "中",
            "。",
            "（",
            "a",
            ".",
            " ",
            "\u{FE00}",
            "\u{E0100}",
            "\u{201C}",
            "\u{FE01}",
            "(",
            "\\",
            "|",
            ">",
            "\n",
            "`",
            "\"",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut classifier = Classifier::default();
        for _ in 0..3000 {
            let len = 1 + next() % 14;
            let source: String = (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            let prepared = Prepared::new(&source);
            assert_eq!(prepared.strip(&prepared.text), source);
            let runs = find_runs(&source);
            let prepared_runs = find_runs(&prepared.text);
            assert_eq!(runs.len(), prepared_runs.len(), "{source:?}");
            for (run, prepared_run) in runs.iter().zip(&prepared_runs) {
                assert_eq!(prepared.original_offset(prepared_run.start), run.start);
                assert_eq!(prepared.original_offset(prepared_run.end), run.end);
                let actual = pulldown_flags_at(&prepared.text, prepared_run, &mut classifier);
                let wanted = amended_flags_at(&source, run, &mut classifier);
                assert_eq!(actual, wanted, "{source:?} -> {:?}", prepared.text);
            }
            // Non-run delimiters next to an insertion still see punctuation.
            for (i, c) in prepared.text.char_indices() {
                if matches!(c, '~' | '"') {
                    let next = prepared.text[i + 1..].chars().next();
                    let prev = prepared.text[..i].chars().next_back();
                    for n in [next, prev].into_iter().flatten() {
                        assert_ne!(n, '\u{E000}', "{source:?} -> {:?}", prepared.text);
                    }
                }
            }
            let mut html = String::new();
            html::push_html(
                &mut html,
                Parser::new(&prepared.text).map(|e| prepared.strip_event(e)),
            );
            assert!(!html.contains(['\u{E000}', '\u{2E4F}']), "{source:?}");
        }
    }
}
