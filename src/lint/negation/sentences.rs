//! Sentences of a block, and whether the sentences of two translated blocks can be trusted to
//! correspond one to one. A paragraph often holds a prohibition and, in another sentence, an
//! unrelated "only" or "until"; comparing sentence with sentence finds a negation lost there,
//! but only where the pairing is sure, since a wrong pairing would raise false alarms.

use std::ops::Range;

/// Sentence ranges of `text`, trimmed, in order. English sentences end at `.`, `!` or `?`
/// before a space and a capital letter, digit or quote (so "e.g. this" and "2.5 mg" do not
/// end one); Chinese ones at `。`, `！`, `？`. Closing quotes and brackets stay with their
/// sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ends = match c {
            '。' | '！' | '？' => true,
            '.' | '!' | '?' => {
                let rest = &text[i + c.len_utf8()..];
                let after_space = rest.trim_start();
                rest.len() != after_space.len()
                    && after_space.chars().next().is_some_and(|n| {
                        n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘')
                    })
            }
            _ => false,
        };
        if !ends {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if !matches!(next, '”' | '’' | '"' | '\'' | '）' | ')' | '」' | '』') {
                break;
            }
            end = j + next.len_utf8();
            chars.next();
        }
        push_trimmed(text, start..end, &mut out);
        start = end;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let leading = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let start = range.start + leading;
        out.push(start..start + trimmed.len());
    }
}

/// The sentence pairs of two blocks when they are sure to correspond: as many sentences on
/// each side (at least two), the same numbers in each pair, and each pair's length ratio
/// within a factor of two of the whole blocks' ratio.
pub fn aligned(a: &str, b: &str) -> Option<Vec<(Range<usize>, Range<usize>)>> {
    let (in_a, in_b) = (sentences(a), sentences(b));
    if in_a.len() < 2 || in_a.len() != in_b.len() {
        return None;
    }
    let length = |text: &str| text.chars().filter(|c| !c.is_whitespace()).count().max(1) as f64;
    let whole = length(b) / length(a);
    let pairs: Vec<(Range<usize>, Range<usize>)> = in_a.into_iter().zip(in_b).collect();
    let sure = pairs.iter().all(|(x, y)| {
        let (x, y) = (&a[x.clone()], &b[y.clone()]);
        let ratio = length(y) / length(x);
        numbers(x) == numbers(y) && ratio <= whole * 2.0 && ratio >= whole / 2.0
    });
    sure.then_some(pairs)
}

/// The digit runs of a text, sorted: "at 08:00 for 2 hours" → ["00", "08", "2"].
fn numbers(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .collect();
    found.sort_unstable();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Do not eat. You can drink water until 6 am.",
                &["Do not eat.", "You can drink water until 6 am."],
            ),
            (
                "Take 2.5 mg, e.g. with food. Then rest.",
                &["Take 2.5 mg, e.g. with food.", "Then rest."],
            ),
            (
                "Ask “Can I eat?” Then wait.",
                &["Ask “Can I eat?” Then wait."],
            ),
            (
                "检查当天请勿进食。您可以喝清流质。",
                &["检查当天请勿进食。", "您可以喝清流质。"],
            ),
            (
                "他说：“请勿进食。”然后离开",
                &["他说：“请勿进食。”", "然后离开"],
            ),
            ("  ", &[]),
        ];
        for (text, expected) in cases {
            let found: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(&found, expected, "{text}");
        }
    }

    #[test]
    fn aligns_only_sure_pairs() {
        let cases: &[(&str, &str, bool)] = &[
            (
                "Do not eat for 6 hours. You can drink water until 2 hours before.",
                "检查前 6 小时请勿进食。检查前 2 小时之前可以喝水。",
                true,
            ),
            // One sentence each: nothing to gain over the whole block.
            ("Do not eat.", "请勿进食。", false),
            // Numbers in other sentences: the translator reordered them.
            (
                "Do not eat for 6 hours. You can drink water until 2 hours before.",
                "检查前 2 小时之前可以喝水。检查前 6 小时请勿进食。",
                false,
            ),
            // A long sentence paired with a very short one: split or merged differently.
            (
                "Rest. You can go home when the nurse has checked your wound and your blood pressure.",
                "请您休息，护士检查伤口和血压后您就可以回家。好的。",
                false,
            ),
        ];
        for &(a, b, expected) in cases {
            assert_eq!(aligned(a, b).is_some(), expected, "{a} / {b}");
        }
    }
}
