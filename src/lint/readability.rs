//! How hard leaflet text is to read: the Flesch–Kincaid grade of English prose, and Chinese
//! sentences too long to take in at once.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::text::chars::{is_cjk_letter, is_han};

/// Flesch–Kincaid grade level of English prose (0.39·words/sentences + 11.8·syllables/words −
/// 15.59), with the counts. The grade is roughly the US school year needed to read the text;
/// very plain text can score below 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readability {
    pub grade: f64,
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
}

/// The Flesch–Kincaid grade level of English text, `None` when there are no words.
///
/// Formula from J. P. Kincaid, R. P. Fishburne, R. L. Rogers and B. S. Chissom (1975),
/// "Derivation of new readability formulas … for Navy enlisted personnel", Research Branch
/// Report 8-75, Naval Technical Training Command.
///
/// Words are runs of letters and digits, joined by apostrophes, hyphens and the points and commas
/// of numbers ("make-up", "don't", "1,000" are one word each); a number counts as a word of one
/// syllable. Sentences end at `.` `!` `?` (not in "e.g.", "Dr." and the like, nor in "1.5") and at
/// line ends, so list items and headings without a full stop count as sentences. Syllables are
/// estimated by [`syllables`].
pub fn flesch_kincaid(text: &str) -> Option<Readability> {
    let (mut words, mut sentences, mut syllable_count) = (0, 0, 0);
    let mut words_in_sentence = 0;
    // Words are slices of `text`: nothing is copied, per word or for the whole text.
    let mut last_word = "";
    // A leaflet uses the same words again and again: each is counted once.
    let mut counted: FxHashMap<&str, usize> = FxHashMap::default();
    let char_at = |i: usize| text[i..].chars().next();
    let mut i = 0;
    while let Some(c) = char_at(i) {
        if is_word_char(c) {
            let start = i;
            let mut previous = c;
            i += c.len_utf8();
            while let Some(c) = char_at(i) {
                if is_word_char(c) {
                    previous = c;
                    i += c.len_utf8();
                    continue;
                }
                let Some(next) = char_at(i + c.len_utf8()).filter(|&n| is_word_char(n)) else {
                    break;
                };
                let joins = match c {
                    '\'' | '’' | '-' => true,
                    '.' => {
                        previous.is_alphabetic() == next.is_alphabetic()
                            || previous.is_ascii_digit() && next.is_ascii_digit()
                    }
                    ',' | ':' => previous.is_ascii_digit() && next.is_ascii_digit(),
                    _ => false,
                };
                if !joins {
                    break;
                }
                previous = next;
                i += c.len_utf8() + next.len_utf8();
            }
            let word = &text[start..i];
            words += 1;
            words_in_sentence += 1;
            syllable_count += *counted.entry(word).or_insert_with(|| word_syllables(word));
            last_word = word;
            continue;
        }
        let ends_sentence = match c {
            '\n' | '!' | '?' | '。' | '！' | '？' => true,
            '.' => !is_abbreviation(last_word),
            _ => false,
        };
        if ends_sentence && words_in_sentence > 0 {
            sentences += 1;
            words_in_sentence = 0;
        }
        if !c.is_whitespace() {
            last_word = "";
        }
        i += c.len_utf8();
    }
    if words_in_sentence > 0 {
        sentences += 1;
    }
    (words > 0).then(|| Readability {
        grade: 0.39 * words as f64 / sentences as f64 + 11.8 * syllable_count as f64 / words as f64
            - 15.59,
        words,
        sentences,
        syllables: syllable_count,
    })
}

/// The syllables of a word as [`flesch_kincaid`] reads it: each part of a hyphenated word
/// ("make-up") by itself, a number as one, and at least 1.
fn word_syllables(word: &str) -> usize {
    word.split('-')
        .map(|part| {
            if part.chars().any(char::is_alphabetic) {
                syllables(part)
            } else if part.is_empty() {
                0
            } else {
                1
            }
        })
        .sum::<usize>()
        .max(1)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphabetic() && !is_cjk_letter(c))
}

/// Words whose full stop does not end a sentence.
fn is_abbreviation(word: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "e.g", "i.e", "dr", "mr", "mrs", "ms", "st", "no", "approx", "vs", "cf", "a.m", "p.m",
    ];
    let is = |abbreviation: &str| word.eq_ignore_ascii_case(abbreviation);
    ABBREVIATIONS.iter().any(|a| is(a)) || (word.len() == 1 && !is("a") && !is("i"))
}

/// An estimate of the syllables in an English word, by a standard heuristic: groups of vowels
/// (y is a vowel except before a vowel at the start of a word or after one), less a silent final
/// e (but "-le" and "-re" after a consonant are syllables: "ta-ble", "li-tre"), less the silent e
/// of "-es" and "-ed" endings ("makes", "called"; not "uses", "wanted"), less the silent e before
/// "-ly", "-ment", "-ful", "-less", "-ness" ("safely"), plus one for vowel pairs said as two
/// ("ra-di-a-tion", "me-di-um", "se-ri-ous", "u-su-al", "qui-et", "be-ing"). Compounds of
/// "some-", "home-", "there-" and the like are counted by their parts. At least 1.
pub fn syllables(word: &str) -> usize {
    // Most words are lower-case ASCII already: they need no copy.
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        return count_syllables(word).max(1);
    }
    let letters: Vec<u8> = word
        .chars()
        .filter_map(|c| match c.to_ascii_lowercase() {
            c @ 'a'..='z' => Some(c as u8),
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => Some(b'a'),
            // The é of "café" and "résumé" is never silent.
            'é' => Some(b'i'),
            'è' | 'ê' | 'ë' => Some(b'e'),
            'ì' | 'í' | 'î' | 'ï' => Some(b'i'),
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => Some(b'o'),
            'ù' | 'ú' | 'û' | 'ü' => Some(b'u'),
            _ => None,
        })
        .collect();
    let Ok(w) = std::str::from_utf8(&letters) else {
        return 1;
    };
    count_syllables(w).max(1)
}

/// Words the rules get wrong that leaflets use often.
const SYLLABLE_EXCEPTIONS: &[(&str, usize)] = &[
    ("create", 2),
    ("created", 3),
    ("creates", 2),
    ("fluid", 2),
    ("fluids", 2),
    ("iron", 2),
    ("science", 2),
    ("friend", 1),
    ("friends", 1),
    ("business", 2),
    ("being", 2),
    ("area", 3),
    ("areas", 3),
    ("idea", 3),
    ("ideas", 3),
    ("video", 3),
];

/// First parts of compounds whose silent e the rules would count ("some-times", "there-fore").
const COMPOUND_STARTS: &[&str] = &[
    "some", "home", "where", "there", "care", "life", "time", "side", "whole", "safe", "note",
    "fire",
];

fn count_syllables(w: &str) -> usize {
    if w.is_empty() {
        return 0;
    }
    if let Some((_, n)) = SYLLABLE_EXCEPTIONS.iter().find(|(e, _)| *e == w) {
        return *n;
    }
    for start in COMPOUND_STARTS {
        if let Some(rest) = w.strip_prefix(start)
            && rest.len() >= 2
            && rest.bytes().any(is_plain_vowel)
            && !is_plain_vowel(rest.as_bytes()[0])
            && !matches!(
                rest,
                "ly" | "ment" | "ful" | "less" | "ness" | "s" | "d" | "r"
            )
            && !rest.starts_with("ly")
        {
            return count_syllables(start).max(1) + count_syllables(rest).max(1);
        }
    }
    let b = w.as_bytes();
    let n = b.len();
    // Asked again rather than kept in a table: this runs for every word of every leaflet.
    let vowel = |k: usize| is_vowel_at(b, k);
    let mut count = 0;
    for k in 0..n {
        // A new group starts at a vowel after a consonant, and at a vowel after a y that is
        // said on its own ("an-y-one").
        if vowel(k) && (k == 0 || !vowel(k - 1) || (b[k - 1] == b'y' && k >= 2 && !vowel(k - 2))) {
            count += 1;
        }
    }
    let consonant = |k: usize| !vowel(k);
    // Silent final e: "make", "here"; but "ta-ble", "li-tre", and words of one group ("the").
    if n >= 3 && b[n - 1] == b'e' && consonant(n - 2) && count > 1 {
        let syllabic = matches!(b[n - 2], b'l' | b'r') && consonant(n - 3) && b[n - 3] != b[n - 2];
        if !syllabic {
            count -= 1;
        }
    }
    // Silent e of "-es": "makes", "lines"; said in "uses", "boxes", "changes", "tables".
    if n >= 4 && w.ends_with("es") && consonant(n - 3) && count > 1 {
        let said = matches!(b[n - 3], b's' | b'x' | b'z' | b'c' | b'g')
            || (b[n - 3] == b'h' && matches!(b[n - 4], b'c' | b's'))
            || (matches!(b[n - 3], b'l' | b'r') && consonant(n - 4) && b[n - 4] != b[n - 3]);
        if !said {
            count -= 1;
        }
    }
    // Silent e of "-ed": "called", "used"; said in "wanted", "needed".
    if n >= 4
        && w.ends_with("ed")
        && consonant(n - 3)
        && !matches!(b[n - 3], b't' | b'd')
        && count > 1
    {
        let said = b[n - 3] == b'l' && consonant(n - 4) && b[n - 4] != b'l';
        if !said {
            count -= 1;
        }
    }
    // Silent e before a suffix: "safely", "statement", "careful", "awareness".
    for suffix in ["ly", "ment", "ments", "ful", "less", "ness"] {
        if let Some(stem) = w.strip_suffix(suffix)
            && stem.len() >= 3
            && stem.ends_with('e')
            && consonant(stem.len() - 2)
            && !matches!(b[stem.len() - 2], b'l')
            && count > 1
        {
            count -= 1;
        }
    }
    // Vowel pairs said as two syllables.
    for k in 1..n {
        let (p, c) = (b[k - 1], b[k]);
        let before = if k >= 2 { b[k - 2] } else { b' ' };
        let split = match (p, c) {
            // ra-di-a-tion, but spe-cial, po-ten-tial, A-sia.
            (b'i', b'a') => !matches!(before, b'c' | b't' | b's') && k >= 2,
            // ra-di-o, se-ri-ous, but na-tion, re-gion, o-pin-ion, mil-lion.
            (b'i', b'o') => {
                !matches!(before, b't' | b's' | b'c' | b'g' | b'x' | b'n' | b'l') && k >= 2
            }
            // me-di-um, cal-ci-um.
            (b'i', b'u') => k >= 2,
            // u-su-al, gra-du-al, but e-qual, lan-guage.
            (b'u', b'a') => !matches!(before, b'q' | b'g') && k >= 2,
            // qui-et, di-et, cli-ent, ex-pe-ri-ence, but pa-tient, an-cient.
            (b'i', b'e') => {
                matches!(b.get(k + 1), Some(b't' | b'n'))
                    && !matches!(before, b't' | b'c' | b's')
                    && k >= 2
                    && !w.ends_with("ies")
            }
            // ea-si-er, ear-li-est.
            _ => false,
        };
        let ier = p == b'i' && c == b'e' && (w[k + 1..] == *"r" || w[k + 1..] == *"st");
        if split || (ier && k >= 2) {
            count += 1;
        }
    }
    // be-ing, do-ing, go-ing, see-ing.
    if n >= 5 && w.ends_with("ing") && matches!(b[n - 4], b'a' | b'e' | b'o' | b'u') {
        count += 1;
    }
    // ev-ery-one: the middle e of "every" is not said.
    if w.starts_with("every") {
        count -= 1;
    }
    // re-act, re-as-sure, co-op-er-ate.
    for start in [
        "react", "reass", "reapp", "reopen", "reus", "coop", "coord", "preop",
    ] {
        if w.starts_with(start) {
            count += 1;
        }
    }
    count
}

fn is_plain_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Whether the letter at `k` is said as a vowel. y is a consonant at the start of a word
/// ("yes") and between vowels ("lay-er", "be-yond").
fn is_vowel_at(b: &[u8], k: usize) -> bool {
    match b[k] {
        b'a' | b'e' | b'i' | b'o' => true,
        // The u of "qu" is a consonant: "qui-et", "e-qual".
        b'u' => !(k > 0 && b[k - 1] == b'q'),
        b'y' => {
            let next_vowel = b
                .get(k + 1)
                .is_some_and(|&c| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u'));
            let prev_vowel = k > 0 && matches!(b[k - 1], b'a' | b'e' | b'i' | b'o' | b'u');
            k > 0 && !(next_vowel && prev_vowel)
        }
        _ => false,
    }
}

/// Chinese sentences longer than `max_chars`: byte range and length.
///
/// Sentences end at 。！？； (and their ASCII forms !?;) and at line ends; closing quotes and
/// brackets after the end belong to the sentence. The length counts Han characters, letters and
/// digits, not punctuation or spaces. The range runs from the first character that is not a
/// space to the end of the sentence.
pub fn long_chinese_sentences(text: &str, max_chars: usize) -> Vec<(Range<usize>, usize)> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let mut length = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let ends = matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n');
        if !ends {
            if start.is_none() && !c.is_whitespace() {
                start = Some(offset);
            }
            // Han characters first: most of the text, and a quicker test than Unicode's.
            if is_han(c) || c.is_alphanumeric() {
                length += 1;
            }
            continue;
        }
        let mut end = if c == '\n' {
            offset
        } else {
            offset + c.len_utf8()
        };
        if c != '\n' {
            while let Some(&(o, q)) = chars.peek()
                && matches!(
                    q,
                    '”' | '’' | '」' | '』' | '）' | ')' | '》' | '"' | '\'' | '】'
                )
            {
                end = o + q.len_utf8();
                chars.next();
            }
        }
        if let Some(s) = start.take()
            && length > max_chars
        {
            found.push((s..end, length));
        }
        length = 0;
    }
    if let Some(s) = start
        && length > max_chars
    {
        found.push((s..text.trim_end().len(), length));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_common_words() {
        // Counts from the CMU Pronouncing Dictionary (British spellings by their US forms).
        let words: &[(&str, usize)] = &[
            ("the", 1),
            ("eye", 1),
            ("eyes", 1),
            ("lens", 1),
            ("water", 2),
            ("doctor", 2),
            ("nurse", 1),
            ("tablet", 2),
            ("tablets", 2),
            ("people", 2),
            ("little", 2),
            ("simple", 2),
            ("table", 2),
            ("hospital", 3),
            ("surgery", 3),
            ("medicine", 3),
            ("medicines", 3),
            ("operation", 4),
            ("procedure", 3),
            ("anaesthetic", 4),
            ("radiation", 4),
            ("bleeding", 2),
            ("swallow", 2),
            ("stomach", 2),
            ("breathing", 2),
            ("called", 1),
            ("used", 1),
            ("wanted", 2),
            ("needed", 2),
            ("makes", 1),
            ("changes", 2),
            ("uses", 2),
            ("samples", 2),
            ("going", 2),
            ("serious", 3),
            ("usual", 3),
            ("equal", 2),
            ("safely", 2),
            ("immediately", 5),
            ("completely", 3),
            ("pressure", 2),
            ("injection", 3),
            ("appointment", 3),
            ("colonoscopy", 5),
            ("cataract", 3),
            ("patient", 2),
            ("diabetes", 4),
            ("tissue", 2),
            ("through", 1),
            ("straight", 1),
            ("vomiting", 3),
            ("allergic", 3),
            ("results", 2),
            ("problems", 2),
            ("family", 3),
            ("period", 3),
            ("quiet", 2),
            ("before", 2),
            ("after", 2),
            ("inside", 2),
            ("sometimes", 2),
            ("everyone", 3),
            ("afterwards", 3),
            ("thinner", 2),
            ("litre", 2),
            ("gently", 2),
            ("comfortable", 4),
            ("relaxed", 2),
            ("awake", 2),
            ("numb", 1),
            ("yoghurt", 2),
            ("reaction", 3),
            ("experience", 4),
            ("layer", 2),
            ("beyond", 2),
            ("anyone", 3),
            ("doing", 2),
            ("tired", 2),
            ("every", 2),
            ("medium", 3),
            // Not used to tune the rules: words of the sample leaflets, checked afterwards.
            ("leaflet", 2),
            ("explains", 2),
            ("coloured", 2),
            ("focuses", 3),
            ("retina", 3),
            ("pictures", 2),
            ("cloudy", 2),
            ("blurred", 1),
            ("faded", 2),
            ("misty", 2),
            ("bright", 1),
            ("common", 2),
            ("glasses", 2),
            ("treatment", 2),
            ("plastic", 2),
            ("reading", 2),
            ("measure", 2),
            ("including", 3),
            ("normal", 2),
            ("around", 2),
            ("flowing", 2),
            ("surgeon", 2),
            ("tiny", 2),
            ("probe", 1),
            ("stitches", 2),
            ("gritty", 2),
            ("watery", 3),
            ("shield", 1),
            ("exercise", 3),
            ("optician", 3),
            ("infection", 3),
            ("emergency", 4),
            ("department", 3),
            ("vision", 2),
            ("shadow", 2),
            ("floaters", 2),
            ("swelling", 2),
            ("detached", 2),
            ("laser", 2),
            ("happens", 2),
            ("bowel", 2),
            ("preparation", 4),
            ("diet", 2),
            ("vegetables", 4),
            ("breakfast", 2),
            ("coffee", 2),
            ("alcohol", 3),
            ("microscope", 3),
            ("shivery", 3),
            ("radiographer", 5),
            ("kidneys", 2),
            ("metformin", 3),
            ("pregnant", 2),
            ("allergies", 3),
            ("indigestion", 4),
            ("swallowing", 3),
            ("omeprazole", 4),
            ("similar", 3),
            ("tongue", 1),
            ("barium", 3),
            ("liquid", 2),
        ];
        let wrong: Vec<(&str, usize, usize)> = words
            .iter()
            .map(|&(w, n)| (w, n, syllables(w)))
            .filter(|&(_, n, got)| n != got)
            .collect();
        let right = words.len() - wrong.len();
        println!(
            "{right}/{} right; wrong (word, expected, got): {wrong:?}",
            words.len()
        );
        assert!(
            right * 100 >= words.len() * 90,
            "{right}/{} right; wrong (word, expected, got): {wrong:?}",
            words.len()
        );
    }

    #[test]
    fn syllables_handle_case_apostrophes_and_accents() {
        assert_eq!(syllables("Hospital"), 3);
        assert_eq!(syllables("don't"), 1);
        assert_eq!(syllables("café"), 2);
        assert_eq!(syllables("X"), 1);
        assert_eq!(syllables(""), 1);
    }

    #[test]
    fn lower_case_words_skip_the_copy_and_count_the_same() {
        for word in [
            "table",
            "makes",
            "wanted",
            "safely",
            "radiation",
            "everyone",
            "reassure",
            "a",
            "",
        ] {
            let capitalised = word.to_ascii_uppercase();
            assert_eq!(syllables(word), syllables(&capitalised), "{word}");
        }
        assert_eq!(syllables("table"), 2);
    }

    #[test]
    fn grade_of_plain_and_hard_text() {
        let plain = flesch_kincaid("The cat sat on the mat. It was a nice day.").unwrap();
        assert_eq!((plain.words, plain.sentences, plain.syllables), (11, 2, 11));
        let expected = 0.39 * 11.0 / 2.0 + 11.8 * 11.0 / 11.0 - 15.59;
        assert!((plain.grade - expected).abs() < 1e-9);
        let hard = flesch_kincaid(
            "Administration of anticoagulant medication necessitates individualised \
             consideration of haemorrhagic complications.",
        )
        .unwrap();
        assert!(hard.grade > 15.0, "{hard:?}");
        assert!(plain.grade < 1.0);
        assert_eq!(flesch_kincaid(""), None);
        assert_eq!(flesch_kincaid(" — 。 "), None);
    }

    #[test]
    fn sentences_end_at_stops_and_line_ends_but_not_abbreviations() {
        let count = |text: &str| flesch_kincaid(text).map(|r| (r.words, r.sentences));
        assert_eq!(
            count("Bring your medicines\nWear loose clothes"),
            Some((6, 2))
        );
        assert_eq!(
            count("Take 1.5 mg, e.g. with food. Dr. Smith will see you!"),
            Some((11, 2))
        );
        assert_eq!(count("Is it safe? Yes."), Some((4, 2)));
        assert_eq!(count("Call 020 7946 0123 at 08:30."), Some((6, 1)));
        assert_eq!(count("Avoid make-up. Don't drive."), Some((4, 2)));
        assert_eq!(count("What is a cataract?"), Some((4, 1)));
    }

    /// Words are read as slices of the text, joined across `'` `’` `-`, a `.` between letters
    /// or between digits, and `,` `:` between digits.
    #[test]
    fn words_join_across_marks_between_word_characters() {
        let count = |text: &str| flesch_kincaid(text).map(|r| (r.words, r.sentences, r.syllables));
        assert_eq!(count("don’t it's make-up x-ray"), Some((4, 1, 6)));
        assert_eq!(count("1,000 08:30 1.5 e.g"), Some((4, 1, 4)));
        // Not between a letter and a digit, nor after a comma or colon between letters.
        assert_eq!(count("A.5 5.a a,b a:b"), Some((8, 2, 8)));
        assert_eq!(count("naïve-looking café"), Some((2, 1, 5)));
        assert_eq!(count("end- -start"), Some((2, 1, 2)));
    }

    /// Syllables are counted once per different word; repeats count as much as the first.
    #[test]
    fn repeated_words_count_like_the_first() {
        let syllables = |text: &str| flesch_kincaid(text).map(|r| r.syllables);
        assert_eq!(syllables("table"), Some(2));
        assert_eq!(syllables("table table table"), Some(6));
        assert_eq!(syllables("Table table TABLE"), Some(6));
    }

    /// `long_chinese_sentences` counts Han characters without asking Unicode: they must be
    /// letters, as Unicode says (the main block is; unassigned code points in the other Han
    /// blocks count as characters too, which real text never holds).
    #[test]
    fn han_characters_are_letters() {
        for c in ('\u{4E00}'..='\u{9FFF}').filter(|&c| is_han(c)) {
            assert!(c.is_alphanumeric(), "{c:?}");
        }
        assert!(is_han('中') && !is_han('。') && !is_han('a'));
    }

    #[test]
    fn long_chinese_sentences_are_found() {
        let text = "请阅读本须知。这是一个很长很长很长很长的句子，有二十多个字，需要拆开！短句。";
        let found = long_chinese_sentences(text, 10);
        assert_eq!(found.len(), 1);
        let (range, length) = &found[0];
        assert_eq!(
            &text[range.clone()],
            "这是一个很长很长很长很长的句子，有二十多个字，需要拆开！"
        );
        assert_eq!(*length, 25);
        // Digits and letters count; spaces and punctuation do not.
        let text = "  CT 扫描需要 30 分钟。";
        assert_eq!(long_chinese_sentences(text, 7), vec![(2..text.len(), 10)]);
        assert!(long_chinese_sentences(text, 10).is_empty());
        // Line ends end sentences, and closing quotes belong to the sentence before.
        let text = "第一行没有句号\n他说：“请准时到达。”然后";
        let found = long_chinese_sentences(text, 5);
        let pieces: Vec<&str> = found.iter().map(|(r, _)| &text[r.clone()]).collect();
        assert_eq!(pieces, ["第一行没有句号", "他说：“请准时到达。”"]);
        assert!(long_chinese_sentences("", 1).is_empty());
    }

    #[test]
    fn odd_text_does_not_panic() {
        let pieces = [
            "", " ", "1", ".", "a", "e.g.", "Dr.", "é", "中", "。", "”", "😀", "\n", "!", "-",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}");
                    if let Some(r) = flesch_kincaid(&text) {
                        assert!(
                            r.grade.is_finite() && r.sentences > 0 && r.words > 0,
                            "{text:?}"
                        );
                    }
                    for (range, length) in long_chinese_sentences(&text, 0) {
                        assert!(text.get(range).is_some() && length > 0, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn grades_of_the_sample_leaflets() {
        for leaflet in crate::testing::sample_leaflets::load() {
            let body = leaflet.en.join("\n");
            let r = flesch_kincaid(&body).expect("words");
            println!(
                "{}: grade {:.1} ({} words, {} sentences, {} syllables)",
                leaflet.name, r.grade, r.words, r.sentences, r.syllables
            );
            // Written for patients: well within the checker's default limit of 9.
            assert!(r.grade < 9.0, "{}: {r:?}", leaflet.name);
            for section in &leaflet.zh {
                assert!(
                    long_chinese_sentences(section, 60).is_empty(),
                    "{}",
                    leaflet.name
                );
            }
        }
    }
}
