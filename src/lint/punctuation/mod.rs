//! Chinese punctuation and spacing in the Markdown body of a leaflet: finding problems, and fixing the safe ones in prose only.
//!
//! Spacing between Chinese and Latin text, and `,.:!?` right before or after Chinese, come from
//! the `autocorrect` crate; the rules it lacks (`;` and `( )` after Chinese, `:` and `.` before
//! Latin or digits, marks after inline markup, doubled and mixed stops, English quotes, runs of
//! spaces) are implemented here. Both only ever see prose: the Markdown is parsed first and
//! everything that is not text a reader sees as a sentence (front matter, code, HTML, URLs,
//! link destinations, Markdown syntax) is replaced by placeholders they cannot change.
use std::ops::Range;

use crate::text::markdown::Body;

mod autocorrect;
mod prose;
mod rules;
#[cfg(test)]
mod tests;

use prose::{MARKUP, OPAQUE, ProseLine, prose_lines};

/// One punctuation or spacing problem in a Chinese Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PunctuationIssue {
    /// 1-based line and column (columns in characters) in the WHOLE file text given (front
    /// matter included, so positions are file positions).
    pub line: usize,
    pub column: usize,
    /// How many characters the problem covers (0 for a missing character, such as a space).
    pub length: usize,
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
                length: finding.span.len(),
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

/// A problem found on one line, with the edits that repair it (none when it needs a person).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Finding {
    /// The characters at fault, as indexes into the line.
    pub(super) span: Range<usize>,
    pub(super) kind: &'static str,
    pub(super) message: String,
    pub(super) hint: String,
    pub(super) edits: Vec<Edit>,
}

/// Replace `range` of a line's characters with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Edit {
    pub(super) range: Range<usize>,
    pub(super) replacement: String,
}

impl Edit {
    pub(super) fn new(range: Range<usize>, replacement: impl Into<String>) -> Edit {
        Edit {
            range,
            replacement: replacement.into(),
        }
    }
}

/// Every problem on a line: this module's rules first, then what autocorrect changes elsewhere.
fn line_findings(view: &[char]) -> Vec<Finding> {
    let mut findings = rules::own_findings(view);
    let autocorrect = autocorrect::findings(view, &findings);
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
