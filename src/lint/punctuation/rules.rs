//! The punctuation rules autocorrect lacks: runs of stops (doubled, mixed, half-width after
//! Chinese), parentheses and quotes around Chinese, runs of spaces; and how the rules look
//! around a character through Markdown syntax.

use std::ops::Range;

use super::prose::{MARKUP, OPAQUE};
use super::*;
use crate::text::chars::{is_fullwidth_punctuation, is_fullwidth_stop, is_han};

/// The rules autocorrect lacks: punctuation marks, parentheses, quotes and runs of spaces.
pub(super) fn own_findings(view: &[char]) -> Vec<Finding> {
    let mut findings = Vec::new();
    punctuation_run_findings(view, &mut findings);
    parenthesis_findings(view, &mut findings);
    double_quote_findings(view, &mut findings);
    single_quote_findings(view, &mut findings);
    space_run_findings(view, &mut findings);
    findings
}

/// Checks each run of stops (`。` `，` `、` `；` `：` `！` `？` and their half-width forms).
pub(super) fn punctuation_run_findings(view: &[char], findings: &mut Vec<Finding>) {
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
pub(super) fn punctuation_run_finding(view: &[char], run: Range<usize>) -> Option<Finding> {
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
pub(super) fn single_halfwidth_finding(
    view: &[char],
    at: usize,
    placement: &str,
) -> Option<Finding> {
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
pub(super) fn ends_chinese_sentence_after_latin(view: &[char], at: usize) -> bool {
    let after_latin = previous_text_char(view, at)
        .is_some_and(|c| c.is_ascii_digit() || (view[at] != '.' && c.is_ascii_alphabetic()));
    let sentence_ends = next_text_char(view, at).is_some_and(is_han)
        || view[at + 1..].iter().all(|&c| matches!(c, MARKUP | ' '));
    after_latin && sentence_ends && view[..at].iter().any(|&c| is_han(c))
}

/// Half-width `!` and `?` in a run, each made full-width.
pub(super) fn halfwidth_marks_finding(view: &[char], run: Range<usize>) -> Finding {
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
pub(super) fn mixed_stops_finding(run: Range<usize>, shown: &str) -> Finding {
    Finding {
        span: run,
        kind: DOUBLED_STOP,
        message: format!("mixed punctuation `{shown}`"),
        hint: "keep only the mark you mean".to_string(),
        edits: Vec::new(),
    }
}

/// Half-width `( )` pairs that enclose or touch Chinese text.
pub(super) fn parenthesis_findings(view: &[char], findings: &mut Vec<Finding>) {
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
pub(super) fn double_quote_findings(view: &[char], findings: &mut Vec<Finding>) {
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
pub(super) fn single_quote_findings(view: &[char], findings: &mut Vec<Finding>) {
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

pub(super) fn quote_pair_finding(
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
pub(super) fn space_run_findings(view: &[char], findings: &mut Vec<Finding>) {
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

pub(super) fn describe_spaces(spaces: &[char]) -> String {
    if spaces.iter().all(|&c| c == ' ') {
        format!("{} spaces", spaces.len())
    } else if spaces.contains(&'\u{3000}') {
        "ideographic space".to_string()
    } else {
        "tab".to_string()
    }
}

/// The character right before `at`, if any.
pub(super) fn char_before(view: &[char], at: usize) -> Option<char> {
    at.checked_sub(1).map(|i| view[i])
}

/// The character before `at`, looking through Markdown syntax and emphasis markers (which
/// CommonMark leaves as literal `*` next to Chinese punctuation), or None at a boundary.
pub(super) fn previous_text_char(view: &[char], at: usize) -> Option<char> {
    previous_text_index(view, at).map(|i| view[i])
}

pub(super) fn previous_text_index(view: &[char], at: usize) -> Option<usize> {
    view[..at]
        .iter()
        .rposition(|&c| !matches!(c, MARKUP | '*' | '_' | '~'))
        .filter(|&i| view[i] != OPAQUE)
}

/// The character after `at`, looking through Markdown syntax and emphasis markers.
pub(super) fn next_text_char(view: &[char], at: usize) -> Option<char> {
    view[at + 1..]
        .iter()
        .copied()
        .find(|&c| !matches!(c, MARKUP | '*' | '_' | '~'))
        .filter(|&c| c != OPAQUE)
}

/// Like `previous_text_char`, also looking through spaces.
pub(super) fn previous_char_across_spaces(view: &[char], at: usize) -> Option<char> {
    view[..at]
        .iter()
        .rev()
        .copied()
        .find(|&c| !matches!(c, MARKUP | '*' | '_' | '~' | ' '))
        .filter(|&c| c != OPAQUE)
}

/// Text a half-width mark can be said to follow as Chinese: a character or a closing
/// full-width bracket or quote (`（华法林）,`).
pub(super) fn is_chinese_text(c: char) -> bool {
    is_han(c) || matches!(c, '）' | '」' | '』' | '》' | '〉' | '】' | '”')
}

pub(super) fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// The full-width form of a half-width stop.
pub(super) fn fullwidth_stop(c: char) -> Option<char> {
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

pub(super) fn is_stop(c: char) -> bool {
    is_fullwidth_stop(c) || fullwidth_stop(c).is_some()
}

pub(super) fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}
