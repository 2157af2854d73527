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

pub use crate::lint::text_rules::is_han;

/// Calls `found` with each term of `text`, in order (a term found twice is passed twice).
pub fn for_each_term(text: &str, mut found: impl FnMut(&str)) {
    let mut word = String::new();
    let mut han: Vec<char> = Vec::new();
    let mut term = String::new();
    // An apostrophe after a word: it stays in the word only if a letter or digit follows.
    let mut apostrophe = false;
    let mut step = |c: char| {
        if is_han(c) {
            apostrophe = false;
            end_word(&mut word, &mut term, &mut found);
            han.push(c);
            return;
        }
        end_han_run(&mut han, &mut term, &mut found);
        if c.is_alphanumeric() {
            if std::mem::take(&mut apostrophe) {
                word.push('\'');
            }
            word.push(c);
        } else if is_apostrophe(c) && !word.is_empty() && !apostrophe {
            apostrophe = true;
        } else {
            apostrophe = false;
            end_word(&mut word, &mut term, &mut found);
        }
    };
    for c in text.chars() {
        fold(c, &mut step);
    }
    step(' ');
}

/// Folds one character: a full-width form of ASCII to ASCII, then to lower case (one character
/// may become several).
fn fold(c: char, mut each: impl FnMut(char)) {
    if c.is_ascii() {
        return each(c.to_ascii_lowercase());
    }
    // Han characters have no case (and looking that up is a table search per character).
    if is_han(c) {
        return each(c);
    }
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

fn end_word(word: &mut String, term: &mut String, found: &mut impl FnMut(&str)) {
    if word.is_empty() {
        return;
    }
    let mut text = word.as_str();
    if let Some(stripped) = text.strip_suffix("'s") {
        text = stripped;
    }
    term.clear();
    term.extend(text.chars().filter(|c| *c != '\''));
    if !term.is_empty() && term.chars().count() <= MAX_WORD_CHARS {
        if term.bytes().all(|b| b.is_ascii_lowercase()) {
            let mut bytes = std::mem::take(term).into_bytes();
            stem_in_place(&mut bytes);
            *term = String::from_utf8(bytes).expect("ASCII in, ASCII out");
        }
        found(term);
    }
    word.clear();
}

fn end_han_run(run: &mut Vec<char>, term: &mut String, found: &mut impl FnMut(&str)) {
    for pair in run.windows(2) {
        term.clear();
        term.extend(pair);
        found(term);
    }
    if let Some(last) = run.last() {
        term.clear();
        term.push(*last);
        found(term);
    }
    run.clear();
}

/// Porter's stemming steps for English inflections (1a, 1b, 1c, 5a, 5b), on a lower-case ASCII
/// word. The later steps, for derivational suffixes, are left out: they join words a reader
/// would keep apart (`general` and `generous`).
pub fn stem(word: &str) -> String {
    let mut w = word.as_bytes().to_vec();
    stem_in_place(&mut w);
    String::from_utf8(w).expect("ASCII in, ASCII out")
}

/// [`stem`] on a lower-case ASCII word in a buffer the caller reuses.
fn stem_in_place(w: &mut Vec<u8>) {
    if w.len() <= 2 {
        return;
    }
    // Step 1a: plurals.
    if w.ends_with(b"sses") || w.ends_with(b"ies") {
        w.truncate(w.len() - 2);
    } else if w.ends_with(b"s") && !w.ends_with(b"ss") {
        w.pop();
    }
    // Step 1b: -eed, -ed, -ing.
    if w.ends_with(b"eed") {
        if measure(&w[..w.len() - 3]) > 0 {
            w.pop();
        }
    } else {
        let suffix = if w.ends_with(b"ed") {
            2
        } else if w.ends_with(b"ing") {
            3
        } else {
            0
        };
        if suffix > 0 && has_vowel(&w[..w.len() - suffix]) {
            w.truncate(w.len() - suffix);
            if w.ends_with(b"at") || w.ends_with(b"bl") || w.ends_with(b"iz") {
                w.push(b'e');
            } else if ends_with_double_consonant(w) && !matches!(w.last(), Some(b'l' | b's' | b'z'))
            {
                w.pop();
            } else if measure(w) == 1 && ends_cvc(w) {
                w.push(b'e');
            }
        }
    }
    // Step 1c: a final y after a vowel somewhere becomes i.
    if w.ends_with(b"y") && has_vowel(&w[..w.len() - 1]) {
        *w.last_mut().expect("ends with y") = b'i';
    }
    // Step 5a: a final e goes.
    if w.ends_with(b"e") {
        let stem = &w[..w.len() - 1];
        let m = measure(stem);
        if m > 1 || (m == 1 && !ends_cvc(stem)) {
            w.pop();
        }
    }
    // Step 5b: -ll after a long stem becomes -l.
    if measure(w) > 1 && w.ends_with(b"ll") {
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

    #[test]
    fn overlong_words_are_not_terms() {
        let long = "a".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(terms(&format!("short {long}")), ["short"]);
    }
}
