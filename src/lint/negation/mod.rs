//! The `negation-mismatch` rule: an instruction that forbids something in one language but
//! carries no negation at all in the other ("Do not take aspirin…" / "请服用阿司匹林…").
//!
//! Precision comes first: a clinical reviewer stops reading a tool that cries wolf. So the
//! rule only reports when one block has a clear *prohibition* (`do not`, `never`, `stop`,
//! `请勿`, `不要`, `禁止`…) and its paired block has *no negation cue of any kind*, where
//! cues are read generously (`without`, `only`, `fast`, `无需`, `未经`, `空腹`, `戒烟`…) and
//! words that only look negative are set aside first (`不适`, `未来`, `无菌`, `not only`,
//! litotes like "not unusual") along with quantity limits ("no more than" ↔ `不超过`/`最多`).
//! It does not compare counts: Chinese lets one `请勿` govern several verbs (`请勿进食、饮水和
//! 吸烟` for three English "do not"s).
//!
//! What it cannot see is listed in NOTES.md: a negation moved to another block, a flip
//! between two negations, a negation expressed by an antonym on one side only, a flipped
//! quantity limit.

mod chinese;
mod english;
pub mod pairing;
pub mod sentences;

use std::ops::Range;
use std::sync::LazyLock;

use crate::text::phrases::{Inflection, PhraseMatcher};

pub use pairing::pair_blocks;

/// What a negation cue does in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// Forbids or stops something: "do not", "never", "stop taking", `请勿`, `禁止`, `停用`.
    Prohibition,
    /// Any other negation or negative-meaning word: "not", "without", "only", `不会`, `无需`.
    Negation,
    /// A quantity limit, which is not a negation difference whichever way it is phrased:
    /// "no more than", "do not take more than", `不超过`, `最多`.
    QuantityLimit,
}

/// A negation cue found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub range: Range<usize>,
    pub kind: CueKind,
}

/// What a phrase of a language's cue table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phrase {
    Prohibition,
    /// A prohibition by meaning: "stop", "avoid", `停用`, `避免`. After another prohibition
    /// in its clause the two make a double negation.
    Stopping,
    Negation,
    Limit,
    /// "more than", `超过`: turns a prohibition later in its clause into a quantity limit.
    LimitWord,
    /// "if", `如果`: a negation after it in its clause is a condition, not an instruction.
    Conditional,
    /// "unless": a condition that is itself a negation.
    NegativeConditional,
    /// Looks negative but is not (`不适`, `未来`, "not only"), or is a positive instruction
    /// worded with a negation ("don't forget"): matched only so that it hides its parts.
    NotNegation,
}

/// A language's cue table, compiled once. `None` if it could not be built, which the tests
/// rule out; the rule then finds no cues rather than failing the whole check.
type CueMatcher = Option<PhraseMatcher<Phrase>>;

/// A language's words, by what each phrase is (see [`Phrase`]).
struct Lexicon {
    not_negations: &'static [&'static str],
    limits: &'static [&'static str],
    limit_words: &'static [&'static str],
    conditionals: &'static [&'static str],
    negative_conditionals: &'static [&'static str],
    prohibitions: &'static [&'static str],
    stopping: &'static [&'static str],
    negations: &'static [&'static str],
    /// Words that negate the verb after them ("do not", `不要`)…
    negators: &'static [&'static str],
    /// …and verbs that make a positive instruction with them ("don't forget", `不要忘记`).
    positive_when_negated: &'static [&'static str],
    /// Between a negator and its verb: a space in English, nothing in Chinese.
    joiner: &'static str,
}

impl Lexicon {
    fn phrases(&self) -> Vec<(String, Phrase)> {
        // First, so that `请不要担心` is one phrase and not `请不要` + `担心`.
        let positive = self.negators.iter().flat_map(|negator| {
            self.positive_when_negated.iter().map(move |verb| {
                (
                    format!("{negator}{}{verb}", self.joiner),
                    Phrase::NotNegation,
                )
            })
        });
        let tables = [
            (self.not_negations, Phrase::NotNegation),
            (self.limits, Phrase::Limit),
            (self.limit_words, Phrase::LimitWord),
            (self.conditionals, Phrase::Conditional),
            (self.negative_conditionals, Phrase::NegativeConditional),
            (self.prohibitions, Phrase::Prohibition),
            (self.stopping, Phrase::Stopping),
            (self.negations, Phrase::Negation),
        ];
        positive
            .chain(
                tables
                    .into_iter()
                    .flat_map(|(words, phrase)| words.iter().map(move |w| (w.to_string(), phrase))),
            )
            .collect()
    }
}

fn compile(lexicon: &Lexicon) -> CueMatcher {
    PhraseMatcher::new(lexicon.phrases(), Inflection::Exact).ok()
}

static ENGLISH: LazyLock<CueMatcher> = LazyLock::new(|| compile(&english::LEXICON));
static CHINESE: LazyLock<CueMatcher> = LazyLock::new(|| compile(&chinese::LEXICON));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Language {
    English,
    Chinese,
}

fn language(lang: &str) -> Option<Language> {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    if primary.eq_ignore_ascii_case("en") {
        Some(Language::English)
    } else if primary.eq_ignore_ascii_case("zh") {
        Some(Language::Chinese)
    } else {
        None
    }
}

/// Negation cues of `text` in language `lang` (`en…` or `zh…`; none for other languages),
/// left to right.
pub fn negation_cues(lang: &str, text: &str) -> Vec<Cue> {
    let Some(language) = language(lang) else {
        return Vec::new();
    };
    let matcher = match language {
        Language::English => &*ENGLISH,
        Language::Chinese => &*CHINESE,
    };
    let Some(matcher) = matcher else {
        return Vec::new();
    };
    let found: Vec<(Range<usize>, Phrase)> = matcher
        .find(text)
        .into_iter()
        .map(|m| (m.range, *m.value))
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    let clause_of = clause_index(text);
    let mut kinds: Vec<Option<CueKind>> = Vec::with_capacity(found.len());
    for (i, (range, phrase)) in found.iter().enumerate() {
        let clause = clause_of(range.start);
        let same_clause = |j: &usize| clause_of(found[*j].0.start) == clause;
        let kind = match phrase {
            Phrase::Prohibition | Phrase::Stopping => {
                let before = |wanted: &[Phrase]| {
                    (0..i)
                        .filter(same_clause)
                        .any(|j| wanted.contains(&found[j].1))
                };
                let limit_after = (i + 1..found.len())
                    .filter(same_clause)
                    .any(|j| found[j].1 == Phrase::LimitWord);
                let exception_after = language == Language::English
                    && (i + 1..found.len()).filter(same_clause).any(|j| {
                        let word = text[found[j].0.clone()].to_ascii_lowercase();
                        english::EXCEPTIONS.contains(&word.as_str())
                    });
                if limit_after {
                    Some(CueKind::QuantityLimit)
                } else if before(&[Phrase::Conditional, Phrase::NegativeConditional])
                    // "you do not need to stop", `无需停药`: no obligation, not a prohibition.
                    || before(&[Phrase::Negation])
                    || exception_after
                    || (language == Language::English && english::has_other_subject(text, range))
                    || (language == Language::Chinese
                        && *phrase == Phrase::Stopping
                        && chinese::is_nominal_use(text, range))
                {
                    Some(CueKind::Negation)
                } else {
                    Some(CueKind::Prohibition)
                }
            }
            Phrase::NegativeConditional => Some(CueKind::Negation),
            Phrase::Negation => {
                if language == Language::English && english::is_notice_no(text, range) {
                    Some(CueKind::Prohibition)
                } else {
                    Some(CueKind::Negation)
                }
            }
            Phrase::Limit => Some(CueKind::QuantityLimit),
            Phrase::LimitWord | Phrase::Conditional | Phrase::NotNegation => None,
        };
        kinds.push(kind);
    }
    // "Do not stop taking it" means "keep taking it" and may be translated `请继续服药`: a
    // prohibition of stopping is a double negation, read as a plain negation on both sides.
    for i in 0..found.len() {
        if found[i].1 != Phrase::Stopping {
            continue;
        }
        let clause = clause_of(found[i].0.start);
        let forbidden_before: Vec<usize> = (0..i)
            .filter(|&j| clause_of(found[j].0.start) == clause)
            .filter(|&j| matches!(found[j].1, Phrase::Prohibition | Phrase::Stopping))
            .collect();
        for j in forbidden_before
            .iter()
            .copied()
            .chain((!forbidden_before.is_empty()).then_some(i))
        {
            if kinds[j] == Some(CueKind::Prohibition) {
                kinds[j] = Some(CueKind::Negation);
            }
        }
    }
    found
        .into_iter()
        .zip(kinds)
        .filter_map(|((range, _), kind)| kind.map(|kind| Cue { range, kind }))
        .collect()
}

/// Characters that end a clause: a condition or a limit reaches no further.
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '.' | '!' | '?' | '\n' | '|' | '，' | '。' | '；' | '：' | '！' | '？'
    )
}

/// A function from a byte offset to the index of the clause it is in.
fn clause_index(text: &str) -> impl Fn(usize) -> usize + '_ {
    let ends: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| is_clause_end(*c))
        .map(|(i, _)| i)
        .collect();
    move |offset| ends.partition_point(|&end| end < offset)
}

/// Which of two paired blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

/// A block that forbids something while its translation has no negation cue at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flip {
    /// The block with the prohibition.
    pub negated: Side,
    /// The prohibition, in that block. The other block has no cue to point at: it is reported
    /// as a whole.
    pub cue: Range<usize>,
}

/// `negation-mismatch` for one pair of blocks: the first prohibition of a block whose pair
/// has no negation cue. When the blocks as wholes both negate (or neither does), their
/// sentences are compared pair by pair, if they surely correspond ([`sentences::aligned`]):
/// "Do not eat. You can drink water until 6 am." has its "until" in another sentence than the
/// "do not" a translation may have lost. `None` when nothing is found or a language has no
/// cue table.
pub fn flipped(lang_a: &str, block_a: &str, lang_b: &str, block_b: &str) -> Option<Flip> {
    if language(lang_a).is_none() || language(lang_b).is_none() {
        return None;
    }
    let cues_a = negation_cues(lang_a, block_a);
    let cues_b = negation_cues(lang_b, block_b);
    if let Some(flip) = judge(&cues_a, &cues_b) {
        return Some(flip);
    }
    // A sentence can only hold a prohibition the block holds: most pairs end here.
    let forbids = |cues: &[Cue]| cues.iter().any(|c| c.kind == CueKind::Prohibition);
    if !forbids(&cues_a) && !forbids(&cues_b) {
        return None;
    }
    // Sentence ends are clause ends, so a sentence's cues are the block's cues inside it.
    let within = |cues: &[Cue], sentence: &Range<usize>| -> Vec<Cue> {
        cues.iter()
            .filter(|c| sentence.contains(&c.range.start))
            .cloned()
            .collect()
    };
    sentences::aligned(block_a, block_b)?
        .into_iter()
        .find_map(|(a, b)| judge(&within(&cues_a, &a), &within(&cues_b, &b)))
}

/// The rule over the cues of two texts taken whole: the first prohibition of one whose other
/// has no negation cue.
fn judge(cues_a: &[Cue], cues_b: &[Cue]) -> Option<Flip> {
    let prohibition = |cues: &[Cue]| {
        cues.iter()
            .find(|c| c.kind == CueKind::Prohibition)
            .map(|c| c.range.clone())
    };
    // A quantity limit is not a negation difference, so it does not count as a cue here.
    let negates = |cues: &[Cue]| cues.iter().any(|c| c.kind != CueKind::QuantityLimit);
    if let Some(cue) = prohibition(cues_a).filter(|_| !negates(cues_b)) {
        return Some(Flip {
            negated: Side::A,
            cue,
        });
    }
    if let Some(cue) = prohibition(cues_b).filter(|_| !negates(cues_a)) {
        return Some(Flip {
            negated: Side::B,
            cue,
        });
    }
    None
}

/// Message and hint of a `negation-mismatch` finding. `negated_text` is the block with the
/// prohibition, `other_lang` the language of its pair, `block` what the blocks are ("list
/// item", "paragraph").
pub fn flip_message(
    flip: &Flip,
    negated_lang: &str,
    negated_text: &str,
    other_lang: &str,
    block: &str,
) -> (String, String) {
    let cue = negated_text.get(flip.cue.clone()).unwrap_or("");
    let message = format!(
        "the {negated_lang} version forbids something here (\"{cue}\"), but the {other_lang} \
         version of this {block} has no negation: check the translation did not drop or add one"
    );
    let hint = "if the other version says it another way (\"fast\" for \"do not eat\", \
                \"remove\" for \"do not wear\"), silence this with an allow marker"
        .to_string();
    (message, hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_tables_compile() {
        assert!(ENGLISH.is_some());
        assert!(CHINESE.is_some());
    }

    /// (language, text, expected cues as (text, kind)).
    type CueCase = (
        &'static str,
        &'static str,
        &'static [(&'static str, CueKind)],
    );

    #[test]
    fn finds_cues() {
        use CueKind::*;
        let cases: &[CueCase] = &[
            ("en", "Do not take aspirin.", &[("Do not", Prohibition)]),
            ("en", "Don’t drive for 24 hours.", &[("Don’t", Prohibition)]),
            (
                "en",
                "Stop taking warfarin 5 days before.",
                &[("Stop", Prohibition)],
            ),
            ("en", "It is not unusual to feel tired.", &[]),
            ("en", "Not only the leg but also the arm.", &[]),
            (
                "en",
                "If you cannot come, call us.",
                &[("cannot", Negation)],
            ),
            (
                "en",
                "You cannot drive for 24 hours.",
                &[("cannot", Prohibition)],
            ),
            (
                "en",
                "Most people do not feel pain.",
                &[("do not", Negation)],
            ),
            (
                "en",
                "Do not take more than 8 tablets in 24 hours.",
                &[("Do not", QuantityLimit)],
            ),
            (
                "en",
                "Take no more than 2 tablets.",
                &[("no more than", QuantityLimit)],
            ),
            ("en", "No food after midnight.", &[("No", Prohibition)]),
            ("en", "No, you can eat.", &[("No", Negation)]),
            ("en", "Don't forget to bring your glasses.", &[]),
            (
                "en",
                "Nothing by mouth after midnight.",
                &[("Nothing by mouth", Negation)],
            ),
            ("en", "Notes and nothing", &[("nothing", Negation)]),
            (
                "zh",
                "手术前 7 天请勿服用阿司匹林。",
                &[("请勿", Prohibition)],
            ),
            ("zh", "手术前 7 天请服用阿司匹林。", &[]),
            ("zh", "您可能会感到不适，这是不良反应。", &[]),
            ("zh", "未来几天的器械都是无菌的。", &[]),
            ("zh", "如果您不能前来，请致电。", &[("不能", Negation)]),
            ("zh", "每天不要超过 8 片。", &[("不要", QuantityLimit)]),
            ("zh", "每天不超过 8 片。", &[("不超过", QuantityLimit)]),
            ("zh", "特别注意：别吃东西。", &[("别", Prohibition)]),
            ("zh", "请摘下戒指。", &[("摘下", Negation)]),
            ("zh", "您能不能开车？", &[]),
            ("zh", "不可避免会有些淤青。", &[]),
            (
                "en",
                "Do not stop taking it.",
                &[("Do not", Negation), ("stop", Negation)],
            ),
            (
                "en",
                "You do not need to stop.",
                &[("do not need", Negation), ("stop", Negation)],
            ),
            (
                "zh",
                "请不要自行停药。",
                &[("请不要", Negation), ("停药", Negation)],
            ),
            (
                "zh",
                "无需停药。",
                &[("无需", Negation), ("停药", Negation)],
            ),
            ("fr", "Ne pas manger.", &[]),
            ("en", "", &[]),
            ("zh", "。。，|", &[]),
            ("en", "No", &[("No", Negation)]),
        ];
        for (lang, text, expected) in cases {
            let found: Vec<(&str, CueKind)> = negation_cues(lang, text)
                .into_iter()
                .map(|c| (&text[c.range], c.kind))
                .collect();
            assert_eq!(&found, expected, "{lang}: {text}");
        }
    }

    #[test]
    fn reports_a_lost_negation_with_its_place() {
        let en = "Do not take aspirin for 7 days before your operation.";
        let zh = "手术前 7 天请服用阿司匹林。";
        let flip = flipped("en", en, "zh", zh).expect("a flip");
        assert_eq!(flip.negated, Side::A);
        assert_eq!(&en[flip.cue.clone()], "Do not");
        let flip = flipped("zh", zh, "en", en).expect("a flip");
        assert_eq!(flip.negated, Side::B);
        let (message, _) = flip_message(&flip, "en", en, "zh", "paragraph");
        assert_eq!(
            message,
            "the en version forbids something here (\"Do not\"), but the zh version of this \
             paragraph has no negation: check the translation did not drop or add one"
        );
    }

    #[test]
    fn compares_sentences_when_the_blocks_both_negate() {
        let en = "Do not eat on the day of your test. You can drink water until 2 hours before.";
        let zh = "检查当天请进食。您可以喝水，直到检查前 2 小时。";
        let flip = flipped("en", en, "zh", zh).expect("a flip");
        assert_eq!((flip.negated, &en[flip.cue]), (Side::A, "Do not"));
        let zh = "检查当天请勿进食。您可以喝水，直到检查前 2 小时。";
        assert_eq!(flipped("en", en, "zh", zh), None);
        let (en, zh) = ("Eat well. Do not smoke.", "请好好吃饭。请吸烟。");
        assert_eq!(
            flipped("en", en, "zh", zh).map(|f| &en[f.cue]),
            Some("Do not")
        );
    }

    #[test]
    fn unknown_languages_are_never_reported() {
        assert_eq!(flipped("en", "Do not eat.", "fr", "Mangez."), None);
    }
}

/// The rule over the fixture tables (`tests/fixtures/negation/`): no finding on any clean pair,
/// every flip found on the side expected, and the known misses still missed (when one starts
/// being found, move it up and update docs/content-checks.md).
#[cfg(test)]
mod fixture_tables {
    use super::{Side, flipped};

    /// Rows of a fixture table: tab-separated fields, `#` lines and blank lines skipped.
    fn rows(table: &str) -> Vec<Vec<&str>> {
        table
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .map(|line| line.split('\t').collect())
            .collect()
    }

    #[test]
    fn clean_translations_give_no_finding() {
        let table = rows(include_str!("../../../tests/fixtures/negation/clean.tsv"));
        assert!(table.len() >= 60, "{} clean pairs", table.len());
        let mut false_alarms = Vec::new();
        for row in &table {
            let [topic, en, zh] = row[..] else {
                panic!("a clean row is topic, en, zh: {row:?}");
            };
            if let Some(flip) = flipped("en", en, "zh", zh) {
                false_alarms.push(format!("{topic}: {en} / {zh}: {flip:?}"));
            }
        }
        assert_eq!(false_alarms, Vec::<String>::new());
    }

    #[test]
    fn flipped_translations_are_found_on_the_negated_side() {
        let table = rows(include_str!("../../../tests/fixtures/negation/flipped.tsv"));
        let mut wrong = Vec::new();
        let mut found = 0;
        for row in &table {
            let [expect, topic, en, zh] = row[..] else {
                panic!("a flipped row is expect, topic, en, zh: {row:?}");
            };
            let result = flipped("en", en, "zh", zh);
            let side = result.as_ref().map(|flip| match flip.negated {
                Side::A => "en",
                Side::B => "zh",
            });
            let ok = match expect {
                "missed" => side.is_none(),
                side_expected => side == Some(side_expected),
            };
            if expect != "missed" {
                found += 1;
            }
            if !ok {
                wrong.push(format!(
                    "{topic} (expected {expect}, got {side:?}): {en} / {zh}"
                ));
            }
        }
        assert!(found >= 15, "{found} flips to find");
        assert_eq!(wrong, Vec::<String>::new());
    }

    #[test]
    fn known_false_alarms_are_still_reported() {
        let table = rows(include_str!(
            "../../../tests/fixtures/negation/known-false-alarms.tsv"
        ));
        let silent: Vec<&str> = table
            .iter()
            .filter(|row| flipped("en", row[1], "zh", row[2]).is_none())
            .map(|row| row[1])
            .collect();
        assert_eq!(
            silent,
            Vec::<&str>::new(),
            "no longer reported: update docs/content-checks.md"
        );
    }
}
