//! Search terms: how text becomes the terms the index holds and a query looks up.
//!
//! The browser script (`templates/search.js`, function `terms`) does exactly the same, step for
//! step; `tests/cli/search.rs` runs both on the same texts and compares them. Change both or
//! neither.
//!
//! - Characters are folded first: full-width Latin letters and digits to ASCII (`ＣＴ` is `ct`),
//!   then to lower case, one character at a time.
//! - Chinese has no spaces between words, so a run of Han characters is indexed as the pairs of
//!   neighbouring characters (`结肠镜` gives `结肠`, `肠镜`) and its last character (`镜`). A query
//!   of two or more characters looks up its pairs; a query of one character looks up every term
//!   it begins, which covers each place the character occurs.
//! - Other words are runs of letters and digits (an apostrophe between letters stays inside
//!   the word, then goes, with a possessive `'s`). English words are stemmed with the
//!   inflection steps of Porter's algorithm (1a, 1b, 1c, 5a, 5b), so `fractures`, `fractured`
//!   and `fracture` are one term, and `emptied`, `empties` and `empty` another.

/// Words longer than this (in characters) are not indexed: they are not words a reader types.
pub const MAX_WORD_CHARS: usize = 40;

use crate::text::chars::is_han;

/// Calls `found` with each term of `text`, in order (a term found twice is passed twice).
pub fn for_each_term(text: &str, mut found: impl FnMut(&str)) {
    let mut word = Word {
        text: String::with_capacity(64),
        apostrophe: false,
    };
    // Runs of ASCII letters and digits, and runs of Han characters, the bulk of every page, are
    // taken straight from the text; anything else goes through `fold` one character at a time.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte.is_ascii_alphanumeric() {
            let end = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .map_or(bytes.len(), |n| i + n);
            word.letters(&text[i..end]);
            i = end;
        } else if byte.is_ascii() {
            word.step(char::from(byte), &mut found);
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("i is a character boundary");
            if is_han(c) {
                word.end(&mut found);
                i = han_run(text, i, &mut found);
            } else {
                fold(c, |c| word.step(c, &mut found));
                i += c.len_utf8();
            }
        }
    }
    word.end(&mut found);
}

/// A run of Han characters, from `start` (a Han character) to the first character that is not
/// one, gives the pairs of neighbours and its last character; returns where the run ends. The
/// run is one stretch of the text, so its terms are slices of it.
fn han_run(text: &str, start: usize, found: &mut impl FnMut(&str)) -> usize {
    // Where the character before `end` starts.
    let mut previous = start;
    let mut end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    while let Some(c) = text[end..].chars().next().filter(|&c| is_han(c)) {
        found(&text[previous..end + c.len_utf8()]);
        previous = end;
        end += c.len_utf8();
    }
    found(&text[previous..end]);
    end
}

/// The word being read, folded.
struct Word {
    text: String,
    /// An apostrophe after the word: it stays in the word only if a letter or digit follows.
    apostrophe: bool,
}

impl Word {
    /// A run of ASCII letters and digits.
    fn letters(&mut self, run: &str) {
        self.before_letter();
        let from = self.text.len();
        self.text.push_str(run);
        self.text[from..].make_ascii_lowercase();
    }

    /// A letter or digit comes: a pending apostrophe joins the word.
    fn before_letter(&mut self) {
        if std::mem::take(&mut self.apostrophe) {
            self.text.push('\'');
        }
    }

    /// Any other character but a Han one, folded.
    fn step(&mut self, c: char, found: &mut impl FnMut(&str)) {
        if c.is_alphanumeric() {
            self.before_letter();
            self.text.push(c);
        } else if is_apostrophe(c) && !self.text.is_empty() && !self.apostrophe {
            self.apostrophe = true;
        } else {
            self.end(found);
        }
    }

    /// The word ends (a pending apostrophe goes with it): it is a term unless nothing is left
    /// of it or it is too long.
    fn end(&mut self, found: &mut impl FnMut(&str)) {
        self.apostrophe = false;
        if self.text.is_empty() {
            return;
        }
        let word = &mut self.text;
        if word.ends_with("'s") {
            word.truncate(word.len() - 2);
        }
        if word.contains('\'') {
            word.retain(|c| c != '\'');
        }
        let too_long = if word.is_ascii() {
            word.len() > MAX_WORD_CHARS
        } else {
            word.chars().count() > MAX_WORD_CHARS
        };
        if !word.is_empty() && !too_long {
            if word.bytes().all(|b| b.is_ascii_lowercase()) {
                stem_in_place(word);
            }
            found(word);
        }
        word.clear();
    }
}

/// Folds one character: a full-width form of ASCII to ASCII, then to lower case (one character
/// may become several).
/// ASCII and Han characters never come here: they are read in runs, and Han has no case.
fn fold(c: char, each: impl FnMut(char)) {
    let c = match c as u32 {
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_lowercase().for_each(each);
}

/// The terms of `text`, in order.
pub fn terms(text: &str) -> Vec<String> {
    let mut all = Vec::new();
    for_each_term(text, |term| all.push(term.to_string()));
    all
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Porter's stemming steps for English inflections (1a, 1b, 1c, 5a, 5b), on a lower-case ASCII
/// word. The later steps, for derivational suffixes, are left out: they join words a reader
/// would keep apart (`general` and `generous`).
pub fn stem(word: &str) -> String {
    let mut w = word.to_string();
    stem_in_place(&mut w);
    w
}

/// [`stem`] on a lower-case ASCII word in a buffer the caller reuses.
fn stem_in_place(w: &mut String) {
    // Read as bytes; changed only by dropping and adding ASCII letters, so it stays a String.
    if w.len() <= 2 {
        return;
    }
    // Step 1a: plurals.
    if w.ends_with("sses") || w.ends_with("ies") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && !w.ends_with("ss") {
        w.pop();
    }
    // Step 1b: -eed, -ed, -ing.
    if w.ends_with("eed") {
        if measure(&w.as_bytes()[..w.len() - 3]) > 0 {
            w.pop();
        }
    } else {
        let suffix = if w.ends_with("ed") {
            2
        } else if w.ends_with("ing") {
            3
        } else {
            0
        };
        if suffix > 0 && has_vowel(&w.as_bytes()[..w.len() - suffix]) {
            w.truncate(w.len() - suffix);
            let b = w.as_bytes();
            if w.ends_with("at") || w.ends_with("bl") || w.ends_with("iz") {
                w.push('e');
            } else if ends_with_double_consonant(b) && !matches!(b.last(), Some(b'l' | b's' | b'z'))
            {
                w.pop();
            } else if measure(b) == 1 && ends_cvc(b) {
                w.push('e');
            }
        }
    }
    // Step 1c: a final y after a vowel somewhere becomes i.
    if w.ends_with('y') && has_vowel(&w.as_bytes()[..w.len() - 1]) {
        w.pop();
        w.push('i');
    }
    // Step 5a: a final e goes.
    if w.ends_with('e') {
        let stem = &w.as_bytes()[..w.len() - 1];
        let m = measure(stem);
        if m > 1 || (m == 1 && !ends_cvc(stem)) {
            w.pop();
        }
    }
    // Step 5b: -ll after a long stem becomes -l.
    if w.ends_with("ll") && measure(w.as_bytes()) > 1 {
        w.pop();
    }
}

/// Whether the letter at `i` is a consonant: not a, e, i, o, u, and not a y after a consonant.
fn is_consonant(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_consonant(w, i - 1),
        _ => true,
    }
}

/// Porter's m: how many vowel-consonant sequences the word has, `[C](VC){m}[V]`.
fn measure(w: &[u8]) -> usize {
    let mut m = 0;
    let mut i = 0;
    while i < w.len() && is_consonant(w, i) {
        i += 1;
    }
    while i < w.len() {
        while i < w.len() && !is_consonant(w, i) {
            i += 1;
        }
        if i == w.len() {
            break;
        }
        while i < w.len() && is_consonant(w, i) {
            i += 1;
        }
        m += 1;
    }
    m
}

fn has_vowel(w: &[u8]) -> bool {
    (0..w.len()).any(|i| !is_consonant(w, i))
}

fn ends_with_double_consonant(w: &[u8]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && is_consonant(w, n - 1)
}

/// Porter's *o: ends consonant, vowel, consonant, the last not w, x or y (`hop`, not `bow`).
fn ends_cvc(w: &[u8]) -> bool {
    let n = w.len();
    n >= 3
        && is_consonant(w, n - 3)
        && !is_consonant(w, n - 2)
        && is_consonant(w, n - 1)
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_of_a_word_share_a_stem() {
        for group in [
            &["fracture", "fractures", "fractured", "fracturing"][..],
            &["empty", "empties", "emptied"],
            &["fast", "fasting", "fasted", "fasts"],
            &["hope", "hoping", "hoped", "hopes"],
            &["control", "controlling", "controlled", "controls"],
            &["agree", "agreed"],
            &["stop", "stopping", "stopped"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.iter().all(|s| s == &stems[0]),
                "{group:?} → {stems:?}"
            );
        }
    }

    #[test]
    fn porter_step_one_examples() {
        // From Porter (1980), steps 1a–1c and 5.
        for (word, expected) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("caress", "caress"),
            ("cats", "cat"),
            ("feed", "feed"),
            ("plastered", "plaster"),
            ("bled", "bled"),
            ("motoring", "motor"),
            ("sing", "sing"),
            ("conflated", "conflat"),
            ("hopping", "hop"),
            ("filing", "file"),
            ("happy", "happi"),
            ("sky", "sky"),
            ("probate", "probat"),
            ("rate", "rate"),
            ("cease", "ceas"),
            ("roll", "roll"),
            ("as", "as"),
        ] {
            assert_eq!(stem(word), expected, "{word}");
        }
    }

    #[test]
    fn chinese_runs_become_pairs_and_their_last_character() {
        assert_eq!(
            terms("结肠镜检查。"),
            ["结肠", "肠镜", "镜检", "检查", "查"]
        );
        assert_eq!(terms("痛"), ["痛"]);
        assert_eq!(terms("做CT扫描"), ["做", "ct", "扫描", "描"]);
    }

    #[test]
    fn words_are_folded_and_stemmed() {
        assert_eq!(terms("FRACTURES, Ｆasting!"), ["fractur", "fast"]);
        assert_eq!(
            terms("the patient's don't 2.5 mg"),
            ["the", "patient", "dont", "2", "5", "mg"]
        );
        assert_eq!(terms("follow-up café"), ["follow", "up", "café"]);
        assert_eq!(terms("'quoted'"), ["quot"]);
    }

    /// Runs of ASCII letters and of Han characters are read in bulk; where they meet each
    /// other, apostrophes and folded characters, terms must come out as one character at a time.
    #[test]
    fn runs_read_in_bulk_end_where_single_characters_would() {
        assert_eq!(terms("做X光检查"), ["做", "x", "光检", "检查", "查"]);
        assert_eq!(terms("做Ｘ光检查"), ["做", "x", "光检", "检查", "查"]);
        assert_eq!(terms("don't结肠"), ["dont", "结肠", "肠"]);
        assert_eq!(terms("ab'结"), ["ab", "结"]);
        assert_eq!(terms("禁食6小时"), ["禁食", "食", "6", "小时", "时"]);
        assert_eq!(terms("ＣＴscan"), ["ctscan"]);
        assert_eq!(terms("𠀀𠀁a"), ["𠀀𠀁", "𠀁", "a"]);
    }

    /// Where words, Han runs, apostrophes, digits and full-width forms meet (the browser script
    /// gives the same terms for each of these).
    #[test]
    fn mixed_scripts_apostrophes_digits_and_full_width_forms() {
        for (text, expected) in [
            ("ＣＴ's结果2次", &["ct", "结果", "果", "2", "次"][..]),
            ("don't结肠's", &["dont", "结肠", "肠", "s"]),
            ("O'Neill's x-ray's", &["oneil", "x", "rai"]),
            ("rock’n’roll’s", &["rocknrol"]),
            ("２０２６年1月6日", &["2026", "年", "1", "月", "6", "日"]),
            ("ab''cd", &["ab", "cd"]),
            ("'s", &["s"]),
            ("x'", &["x"]),
            ("Ｘ光'检查", &["x", "光", "检查", "查"]),
            ("İstanbul ΣΟΦΙΑ", &["i", "stanbul", "σοφια"]),
            ("a1b2 3c ½", &["a1b2", "3c", "½"]),
            (
                "结肠镜 检查。（CT）",
                &["结肠", "肠镜", "镜", "检查", "查", "ct"],
            ),
        ] {
            assert_eq!(terms(text), expected, "{text}");
        }
    }

    #[test]
    fn overlong_words_are_not_terms() {
        let long = "a".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(terms(&format!("short {long}")), ["short"]);
    }
}
