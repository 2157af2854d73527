//! English negation cues: the phrase table, and the two readings a table cannot give (whose
//! "do not" it is, and whether a "No" opens a notice like "No food after midnight").

use std::ops::Range;

use super::{Lexicon, is_clause_end};

/// Forbids or stops something when the patient is its subject.
#[rustfmt::skip]
const PROHIBITIONS: &[&str] = &[
    "do not", "don't", "never", "must not", "mustn't", "should not", "shouldn't", "cannot", "can't",
    "can not", "not allowed", "not permitted", "forbidden", "prohibited", "not to",
];

/// Forbid by their meaning; "do not" before them makes a double negation.
const STOPPING: &[&str] = &["stop", "avoid", "refrain from"];

/// Negations and words of negative meaning: enough, on the side without a prohibition, to
/// say that the translation did negate somehow.
#[rustfmt::skip]
const NEGATIONS: &[&str] = &[
    "not", "no", "none", "nothing", "nobody", "no one", "nowhere", "neither", "nor", "without",
    "except", "other than", "apart from", "rather than", "instead", "otherwise", "only", "until",
    "till", "unable", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't", "doesn't",
    "didn't", "haven't", "hasn't", "hadn't", "couldn't", "needn't", "mightn't", "shan't",
    // Not an instruction: no obligation, or a description.
    "do not need", "don't need", "do not have to", "don't have to", "does not", "did not",
    "will not", "would not", "may not", "might not", "could not", "need not", "no need",
    "no longer", "not necessary", "unnecessary", "if not",
    // Negation expressed by a word of its own.
    "fast", "fasting", "fasted", "nil by mouth", "nothing by mouth", "nil", "empty stomach",
    "withhold", "hold off", "omit", "skip", "quit", "give up", "giving up", "cut down", "cut back",
    "reduce", "less", "fewer", "limit", "away", "remove", "leave", "out of", "off", "clear of",
    "dry", "take off", "take out", "stops", "stopped", "stopping", "avoided", "avoiding", "cancel",
    "lack", "absent", "prevent", "refuse", "decline",
];

/// Look negative but are not, or are positive instructions worded with a negation.
#[rustfmt::skip]
const NOT_NEGATIONS: &[&str] = &[
    "not only", "whether or not", "not unusual", "not uncommon", "not unlikely", "not impossible",
    "not unknown", "not infrequent", "not rare", "not unlike", "not unreasonable", "not least",
    "if not all", "no matter", "do not forget", "don't forget", "never forget", "do not hesitate",
    "don't hesitate",
    // Reassurance is not an instruction, and is translated every way (不用担心, 请放心).
    "do not worry", "don't worry", "try not to worry", "no need to worry", "nothing to worry about",
    "do not be alarmed", "don't be alarmed", "do not be afraid", "don't be afraid", "do not panic",
    "don't panic",
];

/// Quantity limits, translated `不超过`, `最多`, `至少`…
#[rustfmt::skip]
const LIMITS: &[&str] = &[
    "no more than", "not more than", "no less than", "not less than", "no fewer than", "not exceed",
    "not to exceed", "no longer than", "not longer than", "no later than", "not later than",
    "up to", "at most", "at least", "a maximum of", "maximum", "minimum",
];

/// After a prohibition in the same clause, these make it a limit: "Do not use it for more
/// than 7 days".
#[rustfmt::skip]
const LIMIT_WORDS: &[&str] = &[
    "more than", "longer than", "less than", "fewer than", "exceed", "exceeds", "above",
];

/// Before a negation in the same clause, these make it a condition: "If you cannot come".
const CONDITIONALS: &[&str] = &["if", "whether", "when", "in case"];

/// Conditions that are negations themselves.
const NEGATIVE_CONDITIONALS: &[&str] = &["unless"];

/// Words before a prohibition that show it is about someone other than the reader: "Most
/// people do not need…", "It cannot be…", "We do not…".
#[rustfmt::skip]
const OTHER_SUBJECTS: &[&str] = &[
    "i", "we", "they", "he", "she", "it", "this", "that", "these", "those", "who", "which", "what",
    "people", "patients", "most", "many", "some", "others", "everyone", "anyone", "someone",
    "doctors", "nurses", "staff", "children", "symptoms",
];

/// Verbs whose negation says something positive, as in Chinese.
const POSITIVE_WHEN_NEGATED: &[&str] = &[
    "worry",
    "panic",
    "hesitate",
    "forget",
    "miss",
    "throw away",
    "throw it away",
    "throw them away",
    "be alarmed",
    "be afraid",
    "be surprised",
    "be concerned",
    "be worried",
    "be embarrassed",
];

/// The negations that make the verbs above positive.
const NEGATORS: &[&str] = &["do not", "don't", "never", "try not to", "no need to"];

/// After a prohibition in its clause these make it an exception, which translations often
/// say positively: "Do not leave the ward without telling a nurse" / `离开病房前请告知护士`.
pub(super) const EXCEPTIONS: &[&str] = &["without", "unless", "except"];

pub(super) const LEXICON: Lexicon = Lexicon {
    not_negations: NOT_NEGATIONS,
    limits: LIMITS,
    limit_words: LIMIT_WORDS,
    conditionals: CONDITIONALS,
    negative_conditionals: NEGATIVE_CONDITIONALS,
    prohibitions: PROHIBITIONS,
    stopping: STOPPING,
    negations: NEGATIONS,
    negators: NEGATORS,
    positive_when_negated: POSITIVE_WHEN_NEGATED,
    joiner: " ",
};

/// The word before `range` in its clause, lower-cased, if any.
fn previous_word(text: &str, range: &Range<usize>) -> Option<String> {
    let before = text[..range.start].trim_end();
    if before.chars().next_back().is_none_or(is_clause_end) {
        return None;
    }
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[start..];
    (!word.is_empty()).then(|| word.to_lowercase())
}

/// Words that may come right before an imperative "stop" or "avoid": "Please stop", "you
/// must stop", "you will need to avoid". After any other word the verb describes something:
/// "bleeding that does not stop", "this helps avoid".
#[rustfmt::skip]
const IMPERATIVE_LEADS: &[&str] = &[
    "please", "and", "or", "then", "so", "also", "just", "you", "must", "should", "to", "always",
    "immediately", "now", "first", "but", "therefore", "simply", "try",
];

/// The prohibition at `range` is not addressed to the reader: a subject other than "you"
/// right before it ("Most people do not…"), or, for a verb that forbids by its meaning
/// ("stop", "avoid"), any word before it that does not lead an imperative.
pub(super) fn has_other_subject(text: &str, range: &Range<usize>) -> bool {
    let Some(word) = previous_word(text, range) else {
        return false;
    };
    let cue = text[range.clone()].to_ascii_lowercase();
    if cue == "stop" || cue == "avoid" {
        return !IMPERATIVE_LEADS.contains(&word.as_str());
    }
    OTHER_SUBJECTS.contains(&word.as_str())
}

/// "No" opening a clause and followed by a word is a notice that forbids: "No food or drink
/// after midnight". Followed by a comma it answers a question: "No, you can eat".
pub(super) fn is_notice_no(text: &str, range: &Range<usize>) -> bool {
    text[range.clone()].eq_ignore_ascii_case("no")
        && previous_word(text, range).is_none()
        && text[..range.start]
            .trim_end()
            .chars()
            .next_back()
            .is_none_or(is_clause_end)
        && text[range.end..]
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_word_before() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("Do not eat.", "Do not", None),
            ("Please do not eat.", "do not", Some("please")),
            ("Most people do not", "do not", Some("people")),
            ("Eat. Do not drink", "Do not", None),
            ("We’ve said you cannot", "cannot", Some("you")),
        ];
        for &(text, cue, expected) in cases {
            let start = text.find(cue).expect("cue in text");
            let range = start..start + cue.len();
            assert_eq!(previous_word(text, &range).as_deref(), expected, "{text}");
        }
    }
}
