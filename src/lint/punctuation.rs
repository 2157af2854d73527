//! Chinese punctuation and spacing in the Markdown body of a leaflet: finding problems, and fixing the safe ones in prose only.
//!
//! Spacing between Chinese and Latin text, and `,.:!?` right before or after Chinese, come from
//! the `autocorrect` crate; the rules it lacks (`;` and `( )` after Chinese, `:` and `.` before
//! Latin or digits, marks after inline markup, doubled and mixed stops, English quotes, runs of
//! spaces) are implemented here. Both only ever see prose: the Markdown is parsed first and
//! everything that is not text a reader sees as a sentence (front matter, code, HTML, URLs,
//! link destinations, Markdown syntax) is replaced by placeholders they cannot change.

use std::ops::Range;
use std::sync::Once;

use pulldown_cmark::{Event, LinkType, Tag};

use crate::text::chars::{is_bopomofo, is_fullwidth_punctuation, is_fullwidth_stop, is_han};
use crate::text::markdown::Body;

/// One punctuation or spacing problem in a Chinese Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PunctuationIssue {
    /// 1-based line and column (columns in characters) in the WHOLE file text given (front
    /// matter included, so positions are file positions).
    pub line: usize,
    pub column: usize,
    /// Stable short rule name shown to users, e.g. "halfwidth-punctuation", "doubled-stop",
    /// "english-quotes", "cjk-spacing".
    pub kind: &'static str,
    /// What is wrong, e.g. "half-width `,` after Chinese text".
    pub message: String,
    /// How to fix it, e.g. "use `，`".
    pub hint: String,
    /// Whether `fix` below repairs it.
    pub fixable: bool,
}

/// A half-width `, . ; : ? ! ( ) ...` that belongs to Chinese text.
pub const HALFWIDTH_PUNCTUATION: &str = "halfwidth-punctuation";
/// The same stop twice (`。.`, `，,`) or two different stops in a row (`，。`).
pub const DOUBLED_STOP: &str = "doubled-stop";
/// `"…"` or `'…'` around or next to Chinese text.
pub const ENGLISH_QUOTES: &str = "english-quotes";
/// A missing, doubled or odd space between Chinese and Latin letters or digits.
pub const CJK_SPACING: &str = "cjk-spacing";
/// A space between Chinese text and a full-width mark such as `，` or `（`.
pub const FULLWIDTH_SPACING: &str = "fullwidth-spacing";

/// Lints the body of a Markdown file (`text` is the whole file; `body_offset` is the byte offset
/// where the Markdown body starts after the front matter, which must not be linted; `body` is
/// the body parsed from `text`). Issues come in file order.
pub fn lint(text: &str, body_offset: usize, body: &Body) -> Vec<PunctuationIssue> {
    let mut issues = Vec::new();
    for line in prose_lines(text, body_offset, body) {
        for finding in line_findings(&line.view) {
            issues.push(PunctuationIssue {
                line: line.number,
                column: finding.span.start + 1,
                kind: finding.kind,
                message: finding.message,
                hint: finding.hint,
                fixable: !finding.edits.is_empty(),
            });
        }
    }
    issues
}

/// The file with the safe fixes applied to the body only; everything else byte-identical (front
/// matter, code, URLs, comments, line endings, BOM). Returns None when nothing changes.
pub fn fix(text: &str, body_offset: usize, body: &Body) -> Option<String> {
    let mut fixed = String::with_capacity(text.len());
    let mut copied_up_to = 0;
    let mut changed = false;
    for line in prose_lines(text, body_offset, body) {
        let Some(new_content) = fixed_line(&line) else {
            continue;
        };
        fixed.push_str(&text[copied_up_to..line.content.start]);
        fixed.push_str(&new_content);
        copied_up_to = line.content.end;
        changed = true;
    }
    if !changed {
        return None;
    }
    fixed.push_str(&text[copied_up_to..]);
    Some(fixed)
}

/// The safe fixes of a Chinese file, given exactly as it is on disk (BOM and CRLF kept).
/// `None` when nothing changes or the front matter cannot be found.
pub fn fix_file(path: &std::path::Path, raw: &str) -> Option<String> {
    let bom = if raw.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    let split = crate::model::frontmatter::split(path, &raw[bom..]).ok()?;
    let body_offset = bom + split.body_offset;
    fix(raw, body_offset, &Body::parse(raw, body_offset))
}

/// Stands for Markdown syntax (emphasis, link brackets and destinations): never changed, and
/// looked through when asking what a mark follows, so `**进食**.` and `[须知](../x/).` count
/// as a `.` after Chinese.
const MARKUP: char = '\u{E001}';
/// Stands for code, HTML, URLs, front matter and syntax whitespace: never changed, and a
/// boundary no rule looks across.
const OPAQUE: char = '\u{E000}';

/// How one byte of the file may be treated.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteRole {
    Prose,
    Markup,
    /// The brackets, destination and title of a link or image: syntax, spaces included.
    LinkSyntax,
    Opaque,
}

/// One line of the file that holds some Chinese prose, as the rules see it.
struct ProseLine {
    /// 1-based line number in the whole file.
    number: usize,
    /// Byte range of the line without its `\n` or `\r\n`.
    content: Range<usize>,
    /// The line's characters, one per original character, with everything that is not prose
    /// replaced by `MARKUP` or `OPAQUE`, so indexes here are columns in the file.
    view: Vec<char>,
    /// The original characters behind the placeholders, in order, to put back after fixing.
    hidden: Vec<char>,
}

/// The lines of the body that contain Chinese prose, with non-prose masked out.
fn prose_lines(text: &str, body_offset: usize, body: &Body) -> Vec<ProseLine> {
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
fn byte_roles(text: &str, body_offset: usize, parsed: &Body) -> Vec<ByteRole> {
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
fn bare_urls(text: &str) -> Vec<Range<usize>> {
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

/// A problem found on one line, with the edits that repair it (none when it needs a person).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    /// The characters at fault, as indexes into the line.
    span: Range<usize>,
    kind: &'static str,
    message: String,
    hint: String,
    edits: Vec<Edit>,
}

/// Replace `range` of a line's characters with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    range: Range<usize>,
    replacement: String,
}

impl Edit {
    fn new(range: Range<usize>, replacement: impl Into<String>) -> Edit {
        Edit {
            range,
            replacement: replacement.into(),
        }
    }
}

/// Every problem on a line: this module's rules first, then what autocorrect changes elsewhere.
fn line_findings(view: &[char]) -> Vec<Finding> {
    let mut findings = own_findings(view);
    let autocorrect = autocorrect_findings(view, &findings);
    findings.extend(autocorrect);
    findings.sort_by_key(|finding| (finding.span.start, finding.span.end));
    findings
}

/// The line after all safe fixes, or None when it does not change.
fn fixed_line(line: &ProseLine) -> Option<String> {
    let mut view = line.view.clone();
    // Each fix can expose another (a `;` made `；` makes the space after it removable), so
    // repeat until nothing changes; a few rounds suffice, the bound only guards against loops.
    for _ in 0..8 {
        let edits: Vec<Edit> = line_findings(&view)
            .into_iter()
            .flat_map(|finding| finding.edits)
            .collect();
        if edits.is_empty() {
            break;
        }
        view = apply_edits(&view, edits);
    }
    // No rule adds or removes a placeholder; were one ever to, the line is left as it was
    // rather than have code or a URL shift.
    let placeholders = view
        .iter()
        .filter(|&&c| matches!(c, MARKUP | OPAQUE))
        .count();
    if view == line.view || placeholders != line.hidden.len() {
        return None;
    }
    let mut hidden = line.hidden.iter();
    let restored = view
        .iter()
        .map(|&c| match c {
            MARKUP | OPAQUE => hidden.next().copied().unwrap_or(c),
            other => other,
        })
        .collect();
    Some(restored)
}

/// Applies non-overlapping edits; an edit that overlaps an earlier one is left out, because
/// the next round of fixing reconsiders that spot anyway.
fn apply_edits(view: &[char], mut edits: Vec<Edit>) -> Vec<char> {
    edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
    let mut fixed = Vec::with_capacity(view.len() + 8);
    let mut position = 0;
    for edit in edits {
        if edit.range.start < position {
            continue;
        }
        fixed.extend_from_slice(&view[position..edit.range.start]);
        fixed.extend(edit.replacement.chars());
        position = edit.range.end;
    }
    fixed.extend_from_slice(&view[position..]);
    fixed
}

/// The rules autocorrect lacks: punctuation marks, parentheses, quotes and runs of spaces.
fn own_findings(view: &[char]) -> Vec<Finding> {
    let mut findings = Vec::new();
    punctuation_run_findings(view, &mut findings);
    parenthesis_findings(view, &mut findings);
    double_quote_findings(view, &mut findings);
    single_quote_findings(view, &mut findings);
    space_run_findings(view, &mut findings);
    findings
}

/// Checks each run of stops (`。` `，` `、` `；` `：` `！` `？` and their half-width forms).
fn punctuation_run_findings(view: &[char], findings: &mut Vec<Finding>) {
    let mut index = 0;
    while index < view.len() {
        if !is_stop(view[index]) {
            index += 1;
            continue;
        }
        let start = index;
        while index < view.len() && is_stop(view[index]) {
            index += 1;
        }
        if let Some(finding) = punctuation_run_finding(view, start..index) {
            findings.push(finding);
        }
    }
}

/// What is wrong with one run of stops, if anything: doubled or mixed marks, or half-width
/// marks that belong to Chinese text.
fn punctuation_run_finding(view: &[char], run: Range<usize>) -> Option<Finding> {
    let marks = &view[run.clone()];
    // One full-width stop, by far the most common run, is always right (see below).
    if let [mark] = marks
        && is_fullwidth_stop(*mark)
    {
        return None;
    }
    let shown: String = marks.iter().collect();
    let has_fullwidth = marks.iter().any(|&c| is_fullwidth_stop(c));
    let all_emphatic = marks.iter().all(|&c| matches!(c, '!' | '?' | '！' | '？'));
    let normalized: Vec<char> = marks
        .iter()
        .map(|&c| fullwidth_stop(c).unwrap_or(c))
        .collect();
    let all_same = normalized.iter().all(|&c| c == normalized[0]);
    let before = previous_text_char(view, run.start);

    // `。.` split by markup, as in `**请勿进食。**.`, is a doubled stop too.
    if !has_fullwidth && let Some(previous) = before.filter(|&c| is_fullwidth_stop(c)) {
        if all_emphatic && matches!(previous, '！' | '？') {
            return Some(halfwidth_marks_finding(view, run));
        }
        let doubled: String = std::iter::once(previous)
            .chain(marks.iter().copied())
            .collect();
        if normalized.iter().all(|&c| c == previous) {
            return Some(Finding {
                span: run.clone(),
                kind: DOUBLED_STOP,
                message: format!("doubled punctuation `{doubled}`"),
                hint: format!("keep one `{previous}`"),
                edits: vec![Edit::new(run, "")],
            });
        }
        return Some(mixed_stops_finding(run, &doubled));
    }

    if has_fullwidth {
        if marks.len() < 2 {
            return None;
        }
        if all_emphatic {
            // `！？` is accepted Chinese usage; only its half-width members are wrong.
            return marks
                .iter()
                .any(|&c| !is_fullwidth_stop(c))
                .then(|| halfwidth_marks_finding(view, run));
        }
        if !all_same {
            return Some(mixed_stops_finding(run, &shown));
        }
        if normalized[0] == '。' && marks.len() > 2 {
            return Some(Finding {
                span: run,
                kind: DOUBLED_STOP,
                message: format!("repeated stops `{shown}`"),
                hint: "use `……` for an ellipsis, or a single `。`".to_string(),
                edits: Vec::new(),
            });
        }
        return Some(Finding {
            span: run.clone(),
            kind: DOUBLED_STOP,
            message: format!("doubled punctuation `{shown}`"),
            hint: format!("keep one `{}`", normalized[0]),
            edits: vec![Edit::new(run, normalized[0].to_string())],
        });
    }

    // Only half-width marks from here: they belong to Chinese text when they follow it, even
    // after a space (`小时 ,`), when Chinese follows them (`` `代码`,然后 ``), or when they end
    // a Chinese line after Latin text or a number (`请立即拨打 999:`). A dot before Chinese may
    // end an abbreviation (`Dr. 李`), so it only counts after a number that ends a Chinese
    // sentence (`请致电 020 7946 0123.开放时间…`, `请拨打 999.`).
    let placement = if previous_char_across_spaces(view, run.start).is_some_and(is_chinese_text) {
        "after Chinese text"
    } else if !marks.contains(&'.') && next_text_char(view, run.end - 1).is_some_and(is_han) {
        "before Chinese text"
    } else if marks.len() == 1 && ends_chinese_sentence_after_latin(view, run.start) {
        "ending a Chinese sentence"
    } else {
        return None;
    };
    if marks.len() >= 3 && marks.iter().all(|&c| c == '.') {
        return Some(Finding {
            span: run.clone(),
            kind: HALFWIDTH_PUNCTUATION,
            message: format!("half-width `{shown}` {placement}"),
            hint: "use `……`".to_string(),
            edits: vec![Edit::new(run, "……")],
        });
    }
    if marks.len() == 1 {
        return single_halfwidth_finding(view, run.start, placement);
    }
    if all_emphatic {
        return Some(halfwidth_marks_finding(view, run));
    }
    if all_same {
        return Some(Finding {
            span: run.clone(),
            kind: DOUBLED_STOP,
            message: format!("doubled half-width `{shown}` {placement}"),
            hint: format!("use one `{}`", normalized[0]),
            edits: vec![Edit::new(run, normalized[0].to_string())],
        });
    }
    Some(mixed_stops_finding(run, &shown))
}

/// One half-width `, . ; : ? !` that belongs to Chinese text, as `placement` says.
fn single_halfwidth_finding(view: &[char], at: usize, placement: &str) -> Option<Finding> {
    let mark = view[at];
    let fullwidth = fullwidth_stop(mark)?;
    let next = view.get(at + 1).copied();
    if mark == '.' {
        // `说明.pdf`, `例子.com`: a dot between a word and Latin letters is not a sentence stop.
        if next.is_some_and(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        // `一. 术前准备` numbers a section; Chinese writes `一、`, not `一。`.
        let numeral = previous_text_index(view, at).filter(|&i| is_chinese_numeral(view[i]));
        if numeral.is_some_and(|i| {
            view[..i]
                .iter()
                .all(|&c| matches!(c, MARKUP | OPAQUE | ' '))
        }) {
            return Some(Finding {
                span: at..at + 1,
                kind: HALFWIDTH_PUNCTUATION,
                message: "half-width `.` after a Chinese numeral".to_string(),
                hint: "use `、` (as in `一、`)".to_string(),
                edits: Vec::new(),
            });
        }
    }
    Some(Finding {
        span: at..at + 1,
        kind: HALFWIDTH_PUNCTUATION,
        message: format!("half-width `{mark}` {placement}"),
        hint: format!("use `{fullwidth}`"),
        edits: vec![Edit::new(at..at + 1, fullwidth.to_string())],
    })
}

/// Whether the mark at `at` follows a number (or, unless it is a dot, a Latin word) and ends
/// a sentence of a line that has Chinese: Chinese follows it, or nothing but markup does.
fn ends_chinese_sentence_after_latin(view: &[char], at: usize) -> bool {
    let after_latin = previous_text_char(view, at)
        .is_some_and(|c| c.is_ascii_digit() || (view[at] != '.' && c.is_ascii_alphabetic()));
    let sentence_ends = next_text_char(view, at).is_some_and(is_han)
        || view[at + 1..].iter().all(|&c| matches!(c, MARKUP | ' '));
    after_latin && sentence_ends && view[..at].iter().any(|&c| is_han(c))
}

/// Half-width `!` and `?` in a run, each made full-width.
fn halfwidth_marks_finding(view: &[char], run: Range<usize>) -> Finding {
    let shown: String = view[run.clone()].iter().collect();
    let fixed: String = view[run.clone()]
        .iter()
        .map(|&c| fullwidth_stop(c).unwrap_or(c))
        .collect();
    Finding {
        span: run.clone(),
        kind: HALFWIDTH_PUNCTUATION,
        message: format!("half-width `{shown}` in Chinese text"),
        hint: format!("use `{fixed}`"),
        edits: vec![Edit::new(run, fixed)],
    }
}

/// Two different stops in a row: which one was meant needs a person.
fn mixed_stops_finding(run: Range<usize>, shown: &str) -> Finding {
    Finding {
        span: run,
        kind: DOUBLED_STOP,
        message: format!("mixed punctuation `{shown}`"),
        hint: "keep only the mark you mean".to_string(),
        edits: Vec::new(),
    }
}

/// Half-width `( )` pairs that enclose or touch Chinese text.
fn parenthesis_findings(view: &[char], findings: &mut Vec<Finding>) {
    let mut open = Vec::new();
    for (index, &c) in view.iter().enumerate() {
        match c {
            '(' => open.push(index),
            ')' => {
                let Some(start) = open.pop() else { continue };
                let inside = &view[start + 1..index];
                let touches_chinese = inside.iter().any(|&c| is_han(c))
                    || char_before(view, start).is_some_and(is_chinese_text)
                    || view.get(index + 1).is_some_and(|&c| is_han(c));
                if touches_chinese {
                    findings.push(Finding {
                        span: start..index + 1,
                        kind: HALFWIDTH_PUNCTUATION,
                        message: "half-width parentheses `(…)` in Chinese text".to_string(),
                        hint: "use `（…）`".to_string(),
                        edits: vec![
                            Edit::new(start..start + 1, "（"),
                            Edit::new(index..index + 1, "）"),
                        ],
                    });
                }
            }
            _ => {}
        }
    }
}

/// `"…"` pairs around or next to Chinese text.
fn double_quote_findings(view: &[char], findings: &mut Vec<Finding>) {
    let quotes: Vec<usize> = (0..view.len()).filter(|&i| view[i] == '"').collect();
    for pair in quotes.chunks(2) {
        let &[open, close] = pair else {
            let lone = pair[0];
            let touches_chinese = char_before(view, lone).is_some_and(is_chinese_text)
                || view.get(lone + 1).is_some_and(|&c| is_han(c));
            if touches_chinese {
                findings.push(Finding {
                    span: lone..lone + 1,
                    kind: ENGLISH_QUOTES,
                    message: "unpaired English quote `\"` in Chinese text".to_string(),
                    hint: "use `“` or `”`".to_string(),
                    edits: Vec::new(),
                });
            }
            continue;
        };
        let touches_chinese = view[open + 1..close].iter().any(|&c| is_han(c))
            || previous_text_char(view, open).is_some_and(is_chinese_text)
            || next_text_char(view, close)
                .is_some_and(|c| is_han(c) || is_fullwidth_punctuation(c));
        if touches_chinese {
            findings.push(quote_pair_finding(open, close, '"', '“', '”'));
        }
    }
}

/// `'…'` pairs around Chinese text; an apostrophe (`Guy's`, `Thomas' Hospital`) never starts or
/// ends one, because the quoted text must itself start and end in Chinese.
fn single_quote_findings(view: &[char], findings: &mut Vec<Finding>) {
    let mut open: Option<usize> = None;
    for (index, &c) in view.iter().enumerate() {
        if c != '\'' {
            continue;
        }
        let after = view.get(index + 1).copied();
        let before = char_before(view, index);
        match open {
            Some(start) if before.is_some_and(|c| is_han(c) || is_fullwidth_punctuation(c)) => {
                findings.push(quote_pair_finding(start, index, '\'', '‘', '’'));
                open = None;
            }
            _ if after.is_some_and(is_han) => open = Some(index),
            _ => open = None,
        }
    }
}

fn quote_pair_finding(
    open: usize,
    close: usize,
    english: char,
    left: char,
    right: char,
) -> Finding {
    Finding {
        span: open..close + 1,
        kind: ENGLISH_QUOTES,
        message: format!("English quotes `{english}…{english}` around Chinese text"),
        hint: format!("use `{left}…{right}`"),
        edits: vec![
            Edit::new(open..open + 1, left.to_string()),
            Edit::new(close..close + 1, right.to_string()),
        ],
    }
}

/// Two or more spaces, a tab or an ideographic space between Chinese and a Latin letter or
/// digit, where autocorrect only adds missing spaces.
fn space_run_findings(view: &[char], findings: &mut Vec<Finding>) {
    let mut index = 0;
    while index < view.len() {
        if !is_inline_space(view[index]) {
            index += 1;
            continue;
        }
        let start = index;
        while index < view.len() && is_inline_space(view[index]) {
            index += 1;
        }
        let (Some(before), Some(&after)) = (char_before(view, start), view.get(index)) else {
            continue;
        };
        let between_chinese_and_latin = (is_han(before) && after.is_ascii_alphanumeric())
            || (before.is_ascii_alphanumeric() && is_han(after));
        if between_chinese_and_latin && view[start..index] != [' '] {
            findings.push(Finding {
                span: start..index,
                kind: CJK_SPACING,
                message: format!(
                    "{} between Chinese and Latin text",
                    describe_spaces(&view[start..index])
                ),
                hint: "use one space".to_string(),
                edits: vec![Edit::new(start..index, " ")],
            });
        }
        // autocorrect's rule for this is off (it also glues apostrophes, `Thomas’ Hospital`),
        // so spaces are taken away only between Chinese and the double quotes `“”`.
        let chinese =
            |c: char| is_han(c) || (is_fullwidth_punctuation(c) && !matches!(c, '‘' | '’'));
        let quote = [before, after]
            .into_iter()
            .find(|&c| matches!(c, '“' | '”'));
        if let Some(quote) = quote
            && chinese(before)
            && chinese(after)
        {
            findings.push(Finding {
                span: start..index,
                kind: FULLWIDTH_SPACING,
                message: format!("space next to full-width `{quote}`"),
                hint: "remove the space".to_string(),
                edits: vec![Edit::new(start..index, "")],
            });
        }
    }
}

fn describe_spaces(spaces: &[char]) -> String {
    if spaces.iter().all(|&c| c == ' ') {
        format!("{} spaces", spaces.len())
    } else if spaces.contains(&'\u{3000}') {
        "ideographic space".to_string()
    } else {
        "tab".to_string()
    }
}

/// The autocorrect rules used; everything else is off, for the reasons given.
const AUTOCORRECT_CONFIG: &str = r#"
rules:
  # Missing spaces between Chinese and Latin letters or digits (`CT扫描` -> `CT 扫描`).
  space-word: 1
  # `,.:!?` before or after Chinese -> full-width.
  fullwidth: 1
  # Spaces between text and full-width marks (`检查 ，` -> `检查，`).
  no-space-fullwidth: 1
  # Off: adds spaces around `|`, `+` and after `!`, none of which Chinese style asks for.
  space-punctuation: 0
  # Off: puts a space before a half-width `(` after Chinese; Chinese takes `（` instead.
  space-bracket: 0
  # Off: code spans are masked, and spacing around them is a house-style choice.
  space-backticks: 0
  # Off: turns `周一-周五` into `周一 - 周五`.
  space-dash: 0
  space-dollar: 0
  # Off: glues `St Thomas’ Hospital` into `St Thomas’Hospital` when a line has Chinese.
  no-space-fullwidth-quote: 0
  # Off: rewrites full-width letters and digits, which is neither punctuation nor spacing.
  halfwidth-word: 0
  # Off: makes marks half-width in fragments it takes for English; masked inline markup cuts
  # Chinese sentences into such fragments.
  halfwidth-punctuation: 0
  spellcheck: 0
context:
  codeblock: 0
"#;

/// autocorrect keeps its configuration in one process-wide table; set it once.
fn configure_autocorrect() {
    static CONFIGURED: Once = Once::new();
    CONFIGURED.call_once(|| {
        autocorrect::config::load(AUTOCORRECT_CONFIG)
            .expect("the built-in autocorrect configuration parses");
    });
}

/// What autocorrect would change on a line, as findings, leaving out any change at a spot one
/// of this module's rules already judged.
fn autocorrect_findings(view: &[char], judged: &[Finding]) -> Vec<Finding> {
    if !autocorrect_may_change(view) {
        return Vec::new();
    }
    configure_autocorrect();
    let line: String = view.iter().collect();
    let corrected: Vec<char> = autocorrect::format(&line).chars().collect();
    if corrected == view {
        return Vec::new();
    }
    let changes = diff(view, &corrected);
    // With the rules configured, autocorrect only adds a space, removes spaces or makes one
    // mark full-width. Anything else means the diff lined the two versions up wrongly, and
    // taking part of such a change could duplicate or lose text: take none of it. The
    // placeholders are safe either way, as none of the expected changes involves one.
    let Some(changes) = changes
        .into_iter()
        .map(|edit| expected_autocorrect_change(view, edit))
        .collect::<Option<Vec<Finding>>>()
    else {
        return Vec::new();
    };
    let claimed: Vec<Range<usize>> = judged
        .iter()
        .flat_map(|finding| {
            std::iter::once(finding.span.clone())
                .chain(finding.edits.iter().map(|edit| edit.range.clone()))
        })
        .collect();
    changes
        .into_iter()
        .filter(|finding| !claimed.iter().any(|range| overlaps(range, &finding.span)))
        .collect()
}

/// Whether autocorrect, configured as above, could change `view` at all: a cheap test that
/// spares most lines the costliest step of the check (autocorrect runs a dozen regexes over
/// every part of a line). Each of its rules that is on matches only where a CJK character
/// touches an ASCII letter or digit, another digit, or one of `,.:!?+-%#` (adding a space or
/// making the mark full-width), or where a space touches a full-width mark (removing the
/// space); see [`autocorrect_cjk`] for one exception. The test may let through a line that
/// autocorrect returns unchanged, never skip one it changes.
fn autocorrect_may_change(view: &[char]) -> bool {
    /// What a character is to that test; each is asked once, not once per neighbour.
    #[derive(Clone, Copy)]
    enum Class {
        Cjk,
        /// A letter, a digit or a mark autocorrect spaces or makes full-width next to CJK.
        Trigger,
        Space,
        /// A full-width mark autocorrect takes spaces away from.
        FullwidthMark,
        Other,
    }
    let class = |c: char| {
        if autocorrect_cjk(c) {
            Class::Cjk
        } else if c == ' ' {
            Class::Space
        } else if c.is_ascii() {
            if c.is_ascii_alphanumeric()
                || matches!(c, ',' | '.' | ':' | '!' | '?' | '+' | '-' | '%' | '#')
            {
                Class::Trigger
            } else {
                Class::Other
            }
        } else if matches!(
            c,
            '，' | '。'
                | '、'
                | '！'
                | '？'
                | '：'
                | '；'
                | '（'
                | '）'
                | '「'
                | '」'
                | '《'
                | '》'
                | '【'
                | '】'
        ) {
            Class::FullwidthMark
        } else if c.is_numeric() {
            // Non-ASCII digits count too, for autocorrect's `\d`.
            Class::Trigger
        } else {
            Class::Other
        }
    };
    // A Bopomofo letter takes a space before a letter or digit one character further on.
    let (mut bopomofo, mut latin) = (false, false);
    let mut previous = Class::Other;
    for &c in view {
        let current = class(c);
        let touching = matches!(
            (previous, current),
            (Class::Cjk, Class::Trigger)
                | (Class::Trigger, Class::Cjk)
                | (Class::Space, Class::FullwidthMark)
                | (Class::FullwidthMark, Class::Space)
        );
        if touching {
            return true;
        }
        bopomofo |= matches!(current, Class::Cjk) && is_bopomofo(c);
        latin |= c.is_ascii_alphanumeric();
        previous = current;
    }
    bopomofo && latin
}

/// The characters autocorrect's patterns take for CJK: the scripts Han, Hangul, Katakana,
/// Hiragana and Bopomofo (as `regex` defines them, by the Script property), widened here to
/// whole blocks. And `|`, which one of its character classes lets in by mistake. Full-width
/// punctuation (`，。（）「」`) and the ideographic space are none of these.
fn autocorrect_cjk(c: char) -> bool {
    matches!(c,
        '|'
        | '\u{2EA}'..='\u{2EB}'
        | '\u{1100}'..='\u{11FF}'
        | '\u{2E80}'..='\u{2FDF}'
        | '\u{3005}'
        | '\u{3007}'
        | '\u{3021}'..='\u{302F}'
        | '\u{3038}'..='\u{303B}'
        | '\u{3040}'..='\u{9FFF}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FFDC}'
        | '\u{16FE0}'..='\u{16FFF}'
        | '\u{1AFF0}'..='\u{1B16F}'
        | '\u{1F200}'
        | '\u{20000}'..='\u{323AF}')
}

/// Whether two ranges share a character, or an insertion point falls strictly inside the other.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() {
        return b.start < a.start && a.start < b.end;
    }
    if b.is_empty() {
        return a.start < b.start && b.start < a.end;
    }
    a.start < b.end && b.start < a.end
}

/// An autocorrect change as a finding named like the others, or None when it is not one of
/// the changes autocorrect is configured to make.
fn expected_autocorrect_change(view: &[char], edit: Edit) -> Option<Finding> {
    let old = &view[edit.range.clone()];
    let new: Vec<char> = edit.replacement.chars().collect();
    let before = char_before(view, edit.range.start);
    let after = view.get(edit.range.end).copied();
    let shown = |c: Option<char>| c.map_or_else(|| "line end".to_string(), |c| format!("`{c}`"));
    let marks: Vec<char> = old.iter().copied().filter(|&c| c != ' ').collect();

    let (kind, message, hint) = if old.is_empty() && new == [' '] {
        (
            CJK_SPACING,
            format!("no space between {} and {}", shown(before), shown(after)),
            "add a space".to_string(),
        )
    } else if new.is_empty() && !old.is_empty() && marks.is_empty() {
        let fullwidth = [before, after]
            .into_iter()
            .flatten()
            .find(|&c| is_fullwidth_punctuation(c));
        (
            FULLWIDTH_SPACING,
            format!("space next to full-width {}", shown(fullwidth)),
            "remove the space".to_string(),
        )
    } else if let ([mark], [replacement]) = (marks.as_slice(), new.as_slice())
        && fullwidth_stop(*mark) == Some(*replacement)
    {
        let placement = if before.is_some_and(is_chinese_text) {
            "after"
        } else {
            "before"
        };
        (
            HALFWIDTH_PUNCTUATION,
            format!("half-width `{mark}` {placement} Chinese text"),
            format!("use `{replacement}`"),
        )
    } else {
        return None;
    };
    Some(Finding {
        span: edit.range.clone(),
        kind,
        message,
        hint,
        edits: vec![edit],
    })
}

/// The changes that turn `old` into `new`, as edits on `old`: a longest-common-subsequence
/// diff of the part between the common prefix and suffix, with adjacent changes grouped.
/// Keeping a letter or mark counts for more than keeping a space, so `一. ` against `一。`
/// keeps the `一` and replaces the `.` rather than moving the `一` around a space.
fn diff(old: &[char], new: &[char]) -> Vec<Edit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let a = &old[prefix..old.len() - suffix];
    let b = &new[prefix..new.len() - suffix];
    // A line long enough to make the table costly is rare; one coarse edit is still correct.
    if a.len().saturating_mul(b.len()) > 4_000_000 {
        return vec![Edit::new(
            prefix..prefix + a.len(),
            b.iter().collect::<String>(),
        )];
    }
    let width = b.len() + 1;
    let mut kept = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            let skip = kept[(i + 1) * width + j].max(kept[i * width + j + 1]);
            kept[i * width + j] = if a[i] == b[j] {
                let weight = if a[i] == ' ' { 1 } else { 2 };
                skip.max(kept[(i + 1) * width + j + 1] + weight)
            } else {
                skip
            };
        }
    }
    let mut edits = Vec::new();
    let mut pending: Option<Edit> = None;
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let weight = |c: char| if c == ' ' { 1 } else { 2 };
        let keep = i < a.len()
            && j < b.len()
            && a[i] == b[j]
            && kept[i * width + j] == kept[(i + 1) * width + j + 1] + weight(a[i]);
        if keep {
            edits.extend(pending.take());
            i += 1;
            j += 1;
            continue;
        }
        let edit = pending.get_or_insert_with(|| Edit::new(prefix + i..prefix + i, ""));
        let delete =
            j == b.len() || (i < a.len() && kept[(i + 1) * width + j] >= kept[i * width + j + 1]);
        if delete {
            i += 1;
            edit.range.end = prefix + i;
        } else {
            edit.replacement.push(b[j]);
            j += 1;
        }
    }
    edits.extend(pending);
    edits
}

/// The character right before `at`, if any.
fn char_before(view: &[char], at: usize) -> Option<char> {
    at.checked_sub(1).map(|i| view[i])
}

/// The character before `at`, looking through Markdown syntax and emphasis markers (which
/// CommonMark leaves as literal `*` next to Chinese punctuation), or None at a boundary.
fn previous_text_char(view: &[char], at: usize) -> Option<char> {
    previous_text_index(view, at).map(|i| view[i])
}

fn previous_text_index(view: &[char], at: usize) -> Option<usize> {
    view[..at]
        .iter()
        .rposition(|&c| !matches!(c, MARKUP | '*' | '_' | '~'))
        .filter(|&i| view[i] != OPAQUE)
}

/// The character after `at`, looking through Markdown syntax and emphasis markers.
fn next_text_char(view: &[char], at: usize) -> Option<char> {
    view[at + 1..]
        .iter()
        .copied()
        .find(|&c| !matches!(c, MARKUP | '*' | '_' | '~'))
        .filter(|&c| c != OPAQUE)
}

/// Like `previous_text_char`, also looking through spaces.
fn previous_char_across_spaces(view: &[char], at: usize) -> Option<char> {
    view[..at]
        .iter()
        .rev()
        .copied()
        .find(|&c| !matches!(c, MARKUP | '*' | '_' | '~' | ' '))
        .filter(|&c| c != OPAQUE)
}

/// Text a half-width mark can be said to follow as Chinese: a character or a closing
/// full-width bracket or quote (`（华法林）,`).
fn is_chinese_text(c: char) -> bool {
    is_han(c) || matches!(c, '）' | '」' | '』' | '》' | '〉' | '】' | '”')
}

fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// The full-width form of a half-width stop.
fn fullwidth_stop(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        '.' => '。',
        ';' => '；',
        ':' => '：',
        '!' => '！',
        '?' => '？',
        _ => return None,
    })
}

fn is_stop(c: char) -> bool {
    is_fullwidth_stop(c) || fullwidth_stop(c).is_some()
}

fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`super::lint`] on a text parsed here.
    fn lint(text: &str, body_offset: usize) -> Vec<PunctuationIssue> {
        super::lint(text, body_offset, &Body::parse(text, body_offset))
    }

    /// [`super::fix`] on a text parsed here.
    fn fix(text: &str, body_offset: usize) -> Option<String> {
        super::fix(text, body_offset, &Body::parse(text, body_offset))
    }

    /// (line, column, kind, fixable) of each issue, for compact assertions.
    fn found(text: &str) -> Vec<(usize, usize, &'static str, bool)> {
        lint(text, 0)
            .into_iter()
            .map(|issue| (issue.line, issue.column, issue.kind, issue.fixable))
            .collect()
    }

    fn fixed(text: &str) -> String {
        fix(text, 0).unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn halfwidth_marks_after_chinese_are_found_where_they_are() {
        assert_eq!(
            found("请致电我们,谢谢。\n"),
            [(1, 6, HALFWIDTH_PUNCTUATION, true)]
        );
        assert_eq!(
            found("禁食;禁水。\n"),
            [(1, 3, HALFWIDTH_PUNCTUATION, true)]
        );
        assert_eq!(
            found("请致电内镜中心:020 7946 0123。\n"),
            [(1, 8, HALFWIDTH_PUNCTUATION, true)]
        );
        assert_eq!(found("真的吗?\n"), [(1, 4, HALFWIDTH_PUNCTUATION, true)]);
        assert_eq!(
            found("请立即拨打!\n"),
            [(1, 6, HALFWIDTH_PUNCTUATION, true)]
        );
        assert_eq!(found("请勿进食.\n"), [(1, 5, HALFWIDTH_PUNCTUATION, true)]);
        assert_eq!(
            found("`代码`,然后\n"),
            [(1, 5, HALFWIDTH_PUNCTUATION, true)]
        );
        assert_eq!(
            fixed("请致电 020 7946 0123.开放时间为 08:00 至 18:00.\n"),
            "请致电 020 7946 0123。开放时间为 08:00 至 18:00。\n"
        );
        assert_eq!(fixed("请立即拨打 999:\n"), "请立即拨打 999：\n");
        assert_eq!(fixed("会呛到.1 小时后\n"), "会呛到。1 小时后\n");
        assert_eq!(fix("请下载说明.pdf 文件。Dr. 李会联系您。\n", 0), None);
        assert_eq!(
            fix("请访问https://a.com/x*y中文,或 www.nhs.uk/a*b中文,\n", 0),
            None
        );
        assert_eq!(
            found("第一行。\n\n请勿进食. CT 扫描。\n"),
            [(3, 5, HALFWIDTH_PUNCTUATION, true)]
        );
        assert_eq!(
            found("抗凝药(例如华法林)。\n"),
            [(1, 4, HALFWIDTH_PUNCTUATION, true)]
        );
    }

    #[test]
    fn marks_after_inline_markup_count_as_after_chinese() {
        assert_eq!(
            found("请阅读[须知](../colonoscopy/).\n"),
            [(1, 25, HALFWIDTH_PUNCTUATION, true)]
        );
        assert_eq!(
            found("**请勿进食**.\n"),
            [(1, 9, HALFWIDTH_PUNCTUATION, true)]
        );
        assert_eq!(fixed("**请勿进食**.\n"), "**请勿进食**。\n");
    }

    #[test]
    fn doubled_and_mixed_stops_are_found() {
        assert_eq!(found("请勿进食。.\n"), [(1, 5, DOUBLED_STOP, true)]);
        assert_eq!(found("肠道，,胃\n"), [(1, 3, DOUBLED_STOP, true)]);
        assert_eq!(found("肠道,,胃\n"), [(1, 3, DOUBLED_STOP, true)]);
        assert_eq!(found("**请勿进食。**.\n"), [(1, 10, DOUBLED_STOP, true)]);
        assert_eq!(found("请勿进食，。\n"), [(1, 5, DOUBLED_STOP, false)]);
        assert_eq!(found("请等待。。。\n"), [(1, 4, DOUBLED_STOP, false)]);
        assert_eq!(
            fixed("请勿进食。.肠道，,胃。。\n"),
            "请勿进食。肠道，胃。\n"
        );
    }

    #[test]
    fn english_quotes_around_chinese_are_found() {
        assert_eq!(
            found("这叫\"结肠镜\"检查。\n"),
            [(1, 3, ENGLISH_QUOTES, true)]
        );
        assert_eq!(found("点击'确定'按钮。\n"), [(1, 3, ENGLISH_QUOTES, true)]);
        assert_eq!(found("请按\"OK\"键。\n"), [(1, 3, ENGLISH_QUOTES, true)]);
        assert_eq!(
            fixed("这叫\"结肠镜\"，点击'确定'。\n"),
            "这叫“结肠镜”，点击‘确定’。\n"
        );
        assert_eq!(found("他说\"好。\n"), [(1, 3, ENGLISH_QUOTES, false)]);
    }

    #[test]
    fn chinese_latin_spacing_is_found() {
        assert_eq!(
            found("做CT扫描\n"),
            [(1, 2, CJK_SPACING, true), (1, 4, CJK_SPACING, true)]
        );
        assert_eq!(found("检查前2小时\n").len(), 2);
        assert_eq!(found("做 CT  扫描\n"), [(1, 5, CJK_SPACING, true)]);
        assert_eq!(
            found("这叫 “结肠镜” 检查\n"),
            [
                (1, 3, FULLWIDTH_SPACING, true),
                (1, 9, FULLWIDTH_SPACING, true)
            ]
        );
        assert_eq!(found("检查 ，然后\n"), [(1, 3, FULLWIDTH_SPACING, true)]);
        assert_eq!(
            fixed("做CT扫描，检查前2小时 ，X光\u{3000}CT\n"),
            "做 CT 扫描，检查前 2 小时，X 光 CT\n"
        );
    }

    #[test]
    fn messages_and_hints_say_what_to_do() {
        let issues = lint("请致电我们,谢谢。\n", 0);
        assert_eq!(issues[0].message, "half-width `,` after Chinese text");
        assert_eq!(issues[0].hint, "use `，`");
        let issues = lint("做CT\n", 0);
        assert_eq!(issues[0].message, "no space between `做` and `C`");
        assert_eq!(issues[0].hint, "add a space");
    }

    #[test]
    fn well_written_chinese_is_clean() {
        let clean = "\
## 什么是 CT 扫描？

**请勿进食。**术前 2 小时可以喝水。

CT 扫描利用 X 光和计算机拍摄图像。请致电 020 7946 0123。开放时间为周一至周五 08:00 至 18:00。

- 如果您在服用抗凝药（例如华法林），请至少提前 7 天致电我们。
- **出血。**切除息肉后可能会出血。
1. 第一步
2. 第二步

| 时间 | 需要做什么 |
|---|---|
| 检查前 1 天 18:00 | 将 1 袋药粉溶于 1 升水中，在 1 小时内慢慢喝完。 |

如果您同时要做胃镜检查，请一并阅读我们的[结肠镜检查须知](../colonoscopy/)。

![眼睛侧面示意图。光线穿过角膜。](diagram-zh.svg)

大约每 1000 次检查中会发生 1 次，每 100 人中有 1 人，50% 的人。“结肠镜”检查！？
请前往 St Thomas’ Hospital 急诊科，或访问 www.nhs.uk 了解。
周一-周五，说明.pdf，NHS 111。
";
        assert_eq!(lint(clean, 0), []);
        assert_eq!(fix(clean, 0), None);
    }

    #[test]
    fn section_numbers_with_a_dot_need_a_person() {
        assert_eq!(
            found("一. 术前准备\n"),
            [(1, 2, HALFWIDTH_PUNCTUATION, false)]
        );
        assert_eq!(fix("一. 术前准备\n", 0), None);
    }

    #[test]
    fn fix_repairs_everything_fixable_and_nothing_else() {
        let before = "\u{feff}---\r\ntitle: 测试,标题\r\ntags: [内镜, 肠道]\r\n---\r\n\r\n\
# 什么是CT扫描?\r\n\r\n\
请勿进食。.术前2小时可以喝水,谢谢;(例如华法林)这叫\"结肠镜\"。\r\n\r\n\
<!-- 注释,comment文字 -->\r\n\r\n\
运行`代码,code`后,访问<https://例子.com/路径a中文>或https://www.nhs.uk/中文a页面,了解。\r\n\r\n\
```rust\r\n// 代码code注释,不改\r\nlet a = \"你好hello\";\r\n```\r\n\r\n\
请阅读[须知,CT检查](../colonoscopy/中文a \"标题,CT\").\r\n";
        let body_offset = before.find("\r\n\r\n#").unwrap() + 4;
        let after = fix(before, body_offset).expect("something to fix");
        let expected = "\u{feff}---\r\ntitle: 测试,标题\r\ntags: [内镜, 肠道]\r\n---\r\n\r\n\
# 什么是 CT 扫描？\r\n\r\n\
请勿进食。术前 2 小时可以喝水，谢谢；（例如华法林）这叫“结肠镜”。\r\n\r\n\
<!-- 注释,comment文字 -->\r\n\r\n\
运行`代码,code`后，访问<https://例子.com/路径a中文>或https://www.nhs.uk/中文a页面,了解。\r\n\r\n\
```rust\r\n// 代码code注释,不改\r\nlet a = \"你好hello\";\r\n```\r\n\r\n\
请阅读[须知，CT 检查](../colonoscopy/中文a \"标题,CT\")。\r\n";
        assert_eq!(after, expected);
        assert_eq!(fix(&after, body_offset), None);
        assert_eq!(lint(&after, body_offset), []);
        let lines_before: Vec<usize> = lint(before, body_offset).iter().map(|i| i.line).collect();
        // Nothing in the front matter (1-4), the comment (10) or the code block (14-17).
        assert_eq!(lines_before, [6, 6, 6, 8, 8, 8, 8, 8, 8, 8, 12, 19, 19, 19]);
    }

    #[test]
    fn code_html_entities_and_urls_are_never_touched() {
        let untouched = "\
行内`代码,CT扫描`和&nbsp;实体&amp;。

<div class=\"注意\">
中文,CT扫描.
</div>

    缩进代码,CT扫描.

~~~
围栏代码,CT扫描.
~~~

<!--
注释,CT扫描.
-->
见<https://例子.com/中文,a>和<李@例子.com>，或https://nhs.uk/中文,a页面。
";
        assert_eq!(lint(untouched, 0), []);
        assert_eq!(fix(untouched, 0), None);
    }

    #[test]
    fn front_matter_is_never_linted() {
        let text = "---\ntitle: 测试,标题\n---\n\n正文。\n";
        let body_offset = text.find("\n\n").unwrap() + 1;
        assert_eq!(lint(text, body_offset), []);
        assert_eq!(fix(text, body_offset), None);
        assert_eq!(lint(text, 0).len(), 1);
    }

    #[test]
    fn positions_count_characters_and_whole_file_lines() {
        let text = "---\ntitle: 中文\n---\n\n前文 **粗体** 和`代码`,然后\n";
        let body_offset = text.find("\n\n").unwrap() + 1;
        let issues = lint(text, body_offset);
        assert_eq!((issues[0].line, issues[0].column), (5, 16));
    }

    #[test]
    fn fix_is_idempotent_on_messy_text() {
        let messy = "请勿进食。. 术前2小时 ,可以喝水 ; 谢谢!!(例如:华法林)。\n这叫 \"结肠镜\" 检查...好吗?!\n做 CT\u{3000}扫描 。\n";
        let once = fixed(messy);
        assert_eq!(fix(&once, 0), None, "{once}");
        assert_eq!(
            once,
            "请勿进食。术前 2 小时，可以喝水；谢谢！！（例如：华法林）。\n这叫“结肠镜”检查……好吗？！\n做 CT 扫描。\n"
        );
    }

    #[test]
    fn autocorrect_prefilter_never_skips_a_line_autocorrect_changes() {
        configure_autocorrect();
        let mut lines: Vec<String> = [
            "做CT扫描",
            "检查前2小时",
            "检查 ，然后",
            "这叫 “结肠镜” 检查",
            "你好,世界",
            "请勿进食.",
            "中文|,",
            "|,",
            "a,|",
            "中文-1",
            "中文+1",
            "10%中文",
            "C++中文",
            "ㄅa",
            "ㄅ,a",
            "ㄅ%a",
            "中文#x",
            "中文٣",
            "-٣中文",
            "１中文",
            "ー1",
            "〇1",
            "々a",
            "ﾃa",
            "검a",
            "999，或前往",
            "（CT）检查",
            "中文 | a",
            "ア1",
            "한국어a",
            "请致电 020 7946 0123。开放时间为 08:00 至 18:00。",
            "（例如华法林） ，",
            "请立即拨打 999:",
            "请勿进食。。。",
            "",
            " ",
        ]
        .iter()
        .map(|line| line.to_string())
        .collect();
        for (_, text, _) in crate::testing::repo_leaflet_files("zh") {
            for line in text.lines() {
                lines.push(line.to_string());
                lines.push(line.replace('。', ".").replace('，', ",").replace(" ", ""));
                lines.push(line.replace('，', " ，").replace('：', ":"));
            }
        }
        let mut skipped = 0;
        for line in &lines {
            let view: Vec<char> = line.chars().collect();
            if !autocorrect_may_change(&view) {
                skipped += 1;
                assert_eq!(
                    &autocorrect::format(line),
                    line,
                    "skipped a line it changes"
                );
            }
        }
        assert!(skipped > lines.len() / 4, "the pre-filter skips too little");
        for must_run in ["做CT扫描", "检查 ，然后", "你好,世界", "中文|,", "中文-1"]
        {
            let view: Vec<char> = must_run.chars().collect();
            assert!(autocorrect_may_change(&view), "{must_run}");
        }
    }

    /// The pre-filter tells Bopomofo only among the characters it takes for CJK.
    #[test]
    fn every_bopomofo_letter_is_cjk_to_autocorrect() {
        for c in (0..0x11_0000)
            .filter_map(char::from_u32)
            .filter(|&c| is_bopomofo(c))
        {
            assert!(autocorrect_cjk(c), "{c:?}");
        }
    }

    /// Each pair of neighbours that autocorrect may change is seen, at either end of a line.
    #[test]
    fn autocorrect_prefilter_sees_every_kind_of_neighbours() {
        let may_change = |line: &str| autocorrect_may_change(&line.chars().collect::<Vec<_>>());
        for line in [
            "中a", "a中", "中1", "1中", "中,", ",中", "|1", "中١", "， ", " ，", "ㄅ a",
        ] {
            assert!(may_change(line), "{line:?}");
        }
        for line in ["中 a", "a b", "，中", "ㄅ", "中", ""] {
            assert!(!may_change(line), "{line:?}");
        }
    }

    #[test]
    fn a_single_full_width_stop_is_never_a_finding() {
        assert!(found("请等待。然后，再来；好吗？好！\n").is_empty());
        assert_eq!(found("请等待。。\n"), [(1, 4, DOUBLED_STOP, true)]);
    }

    #[test]
    fn lines_the_autocorrect_prefilter_skips_still_get_the_other_rules() {
        let view: Vec<char> = "请等待。。。".chars().collect();
        assert!(!autocorrect_may_change(&view));
        assert_eq!(found("请等待。。。\n"), [(1, 4, DOUBLED_STOP, false)]);
        let view: Vec<char> = "点击'确定'按钮。".chars().collect();
        assert!(!autocorrect_may_change(&view));
        assert_eq!(found("点击'确定'按钮。\n"), [(1, 3, ENGLISH_QUOTES, true)]);
    }

    #[test]
    fn fix_undoes_typical_agency_mistakes_in_the_sample_leaflets() {
        for (path, text, body_offset) in crate::testing::repo_leaflet_files("zh") {
            let (front_matter, body) = text.split_at(body_offset);
            let messy_body = body
                .replace('。', ".")
                .replace('，', ",")
                .replace('（', "(")
                .replace('）', ")")
                .replace('：', ":")
                .replace('？', "?")
                .replace("CT ", "CT")
                .replace(" X ", "X");
            for newline in ["\n", "\r\n"] {
                let messy = format!("{front_matter}{messy_body}").replace('\n', newline);
                let original = text.replace('\n', newline);
                let offset = body_offset + front_matter.matches('\n').count() * (newline.len() - 1);
                assert!(lint(&messy, offset).len() > 50, "{}", path.display());
                assert_eq!(
                    fix(&messy, offset).as_deref(),
                    Some(original.as_str()),
                    "{}",
                    path.display()
                );
            }
        }
    }

    #[test]
    fn leaflets_written_with_care_are_clean() {
        for (path, text, body_offset) in crate::testing::repo_leaflet_files("zh") {
            assert_eq!(lint(&text, body_offset), [], "{}", path.display());
            assert_eq!(fix(&text, body_offset), None, "{}", path.display());
        }
    }
}
