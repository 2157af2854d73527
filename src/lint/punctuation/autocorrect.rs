//! The autocorrect crate as a punctuation rule: spacing between Chinese and Latin text and
//! `,.:!?` next to Chinese, with its other rules off. Its corrected line is compared with the
//! original (`similar`'s diff), and each change becomes a finding like the others'.

use std::ops::Range;
use std::sync::Once;

use super::rules::{char_before, fullwidth_stop, is_chinese_text};
use super::*;
use crate::text::chars::{is_bopomofo, is_fullwidth_punctuation};

/// The autocorrect rules used; everything else is off, for the reasons given.
pub(super) const AUTOCORRECT_CONFIG: &str = r#"
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
pub(super) fn configure_autocorrect() {
    static CONFIGURED: Once = Once::new();
    CONFIGURED.call_once(|| {
        ::autocorrect::config::load(AUTOCORRECT_CONFIG)
            .expect("the built-in autocorrect configuration parses");
    });
}

/// What autocorrect would change on a line, as findings, leaving out any change at a spot one
/// of this module's rules already judged.
pub(super) fn findings(view: &[char], judged: &[Finding]) -> Vec<Finding> {
    if !autocorrect_may_change(view) {
        return Vec::new();
    }
    configure_autocorrect();
    let line: String = view.iter().collect();
    let corrected: Vec<char> = ::autocorrect::format(&line).chars().collect();
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
pub(super) fn autocorrect_may_change(view: &[char]) -> bool {
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
pub(super) fn autocorrect_cjk(c: char) -> bool {
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
pub(super) fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
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
pub(super) fn expected_autocorrect_change(view: &[char], edit: Edit) -> Option<Finding> {
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

/// The changes that turn `old` into `new`, as edits on `old`: `similar`'s patience diff of the
/// two lines, with adjacent changes grouped into one edit. Patience lines up the characters
/// each line holds once first, so a space autocorrect adds or a mark it makes full-width is
/// one small edit where it happened, even on a line with several changes (Myers' diff moved
/// such edits onto a neighbouring equal character often enough to lose findings).
fn diff(old: &[char], new: &[char]) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Patience, old, new) {
        let (old_range, new_range) = match op {
            similar::DiffOp::Equal { .. } => continue,
            op => (op.old_range(), op.new_range()),
        };
        let replacement: String = new[new_range].iter().collect();
        match edits.last_mut() {
            Some(last) if last.range.end == old_range.start => {
                last.range.end = old_range.end;
                last.replacement.push_str(&replacement);
            }
            _ => edits.push(Edit::new(old_range, replacement)),
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_group_what_changed_between_kept_characters() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let cases = [
            ("一. 二", "一。二", vec![Edit::new(1..3, "。")]),
            ("CT扫描", "CT 扫描", vec![Edit::new(2..2, " ")]),
            ("检查 ，然后", "检查，然后", vec![Edit::new(2..3, "")]),
            ("a,b 中", "a，b 中", vec![Edit::new(1..2, "，")]),
            ("same", "same", vec![]),
        ];
        for (old, new, expected) in cases {
            assert_eq!(diff(&chars(old), &chars(new)), expected, "{old} → {new}");
        }
    }
}
