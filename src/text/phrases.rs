//! Finds many phrases in text at once: one Aho-Corasick automaton, leftmost-longest,
//! ASCII case-insensitive, whole words wherever a phrase begins or ends with a Latin letter or
//! digit, and whitespace runs in the text read as one space.
//!
//! Both the glossary and the negation cues are lists of phrases matched this way, so they
//! share it. Chinese has no spaces between words, so a phrase edge that is a Chinese character
//! needs no boundary: `静脉炎` is found inside `血栓性静脉炎`, and it is the leftmost-longest
//! rule over all phrases of a language that lets the longer phrase win there.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};

use super::chars::is_latin_word_char;

/// Whether a match may run on into an English plural or possessive ending: "fractures",
/// "DVTs", "patient's". Glossary terms may; negation cues may not ("not" + "es" is "notes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inflection {
    Exact,
    PluralOrPossessive,
}

/// Endings accepted after a phrase that ends in a Latin letter, longest first so that "'s" wins
/// over nothing and "es" over "s".
const ENDINGS: &[&str] = &["es", "s'", "s’", "'s", "’s", "s"];

/// One phrase found in a text: its byte range there (ending included) and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch<'m, T> {
    pub range: Range<usize>,
    pub value: &'m T,
}

/// A phrase list compiled into one automaton. `T` is what a phrase stands for (a glossary row,
/// a kind of negation cue); several phrases may stand for the same value.
#[derive(Debug, Clone)]
pub struct PhraseMatcher<T> {
    automaton: AhoCorasick,
    patterns: Vec<PatternInfo>,
    values: Vec<T>,
    inflection: Inflection,
}

#[derive(Debug, Clone)]
struct PatternInfo {
    value: usize,
    len: usize,
    needs_start_boundary: bool,
    needs_end_boundary: bool,
    /// Other patterns that are prefixes of this one, longest first: when this one is found but
    /// is not a whole word ("fracture clinic" in "fracture clinician"), one of them may be.
    prefixes: Vec<usize>,
}

/// The automaton could not be built (in practice: a phrase list far too large).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError(pub String);

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot build the phrase matcher: {}", self.0)
    }
}

impl std::error::Error for BuildError {}

impl<T> PhraseMatcher<T> {
    /// Compiles `phrases` (phrase, value). Phrases are trimmed and their whitespace runs made one
    /// space; empty ones are skipped, and of two phrases equal but for ASCII case the first wins.
    pub fn new(
        phrases: impl IntoIterator<Item = (String, T)>,
        inflection: Inflection,
    ) -> Result<PhraseMatcher<T>, BuildError> {
        let mut values = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        let mut infos: Vec<PatternInfo> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (phrase, value) in phrases {
            let phrase = collapse_whitespace(&phrase);
            if phrase.is_empty() {
                continue;
            }
            let value_index = values.len();
            values.push(value);
            for variant in variants(&phrase, inflection) {
                if !seen.insert(variant.to_ascii_lowercase()) {
                    continue;
                }
                let first = variant.chars().next().is_some_and(is_latin_word_char);
                let last = variant.chars().next_back().is_some_and(is_latin_word_char);
                infos.push(PatternInfo {
                    value: value_index,
                    len: variant.len(),
                    needs_start_boundary: first,
                    needs_end_boundary: last,
                    prefixes: Vec::new(),
                });
                texts.push(variant);
            }
        }
        link_prefixes(&texts, &mut infos);
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&texts)
            .map_err(|e| BuildError(e.to_string()))?;
        Ok(PhraseMatcher {
            automaton,
            patterns: infos,
            values,
            inflection,
        })
    }

    /// How many phrases (not variants) were compiled.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Every phrase in `text`, left to right, none overlapping: at each place the longest phrase
    /// that is a whole word there. Ranges are byte ranges of `text`.
    pub fn find(&self, text: &str) -> Vec<PhraseMatch<'_, T>> {
        let normalized = NormalizedText::new(text);
        let hay = normalized.text();
        let mut found = Vec::new();
        let mut position = 0;
        while position < hay.len() {
            let Some(m) = self
                .automaton
                .find(Input::new(hay).range(position..hay.len()))
            else {
                break;
            };
            match self.accept(hay, m.start(), m.pattern().as_usize()) {
                Some((pattern, end)) => {
                    found.push(PhraseMatch {
                        range: normalized.original_range(m.start()..end),
                        value: &self.values[self.patterns[pattern].value],
                    });
                    position = end.max(m.start() + 1);
                }
                // Not a whole word here: look again from the next character, where a phrase
                // hidden by this one ("vein" in "xvein thrombosis") may start.
                None => position = next_char_boundary(hay, m.start()),
            }
        }
        found
    }

    /// The pattern (this one or its longest prefix pattern) that is a whole word at `start`,
    /// with the end of the match including any accepted ending.
    fn accept(&self, hay: &str, start: usize, pattern: usize) -> Option<(usize, usize)> {
        let info = &self.patterns[pattern];
        // All candidates share their first character, so the start boundary is checked once.
        if info.needs_start_boundary
            && hay[..start]
                .chars()
                .next_back()
                .is_some_and(is_latin_word_char)
        {
            return None;
        }
        std::iter::once(pattern)
            .chain(info.prefixes.iter().copied())
            .find_map(|candidate| {
                let info = &self.patterns[candidate];
                let end = start + info.len;
                if !info.needs_end_boundary {
                    return Some((candidate, end));
                }
                let rest = &hay[end..];
                let ending = match self.inflection {
                    Inflection::Exact => None,
                    Inflection::PluralOrPossessive => {
                        let ends_in_letter = hay[..end]
                            .chars()
                            .next_back()
                            .is_some_and(|c| c.is_alphabetic());
                        ENDINGS
                            .iter()
                            .filter(|_| ends_in_letter)
                            .find(|e| rest.starts_with(*e) && is_word_end(&rest[e.len()..]))
                    }
                };
                match ending {
                    Some(e) => Some((candidate, end + e.len())),
                    None if is_word_end(rest) => Some((candidate, end)),
                    None => None,
                }
            })
    }
}

fn is_word_end(rest: &str) -> bool {
    !rest.chars().next().is_some_and(is_latin_word_char)
}

fn next_char_boundary(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8())
}

/// Trimmed, with every whitespace run one space.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The spellings a phrase is searched under: itself, with a typographic apostrophe for a
/// typewriter one (and back), and for glossary terms the "-ies" plural of a word in "-y"
/// ("artery" → "arteries"), which an ending alone cannot give.
fn variants(phrase: &str, inflection: Inflection) -> Vec<String> {
    let mut out = vec![phrase.to_string()];
    if phrase.contains('\'') {
        out.push(phrase.replace('\'', "’"));
    } else if phrase.contains('’') {
        out.push(phrase.replace('’', "'"));
    }
    if inflection == Inflection::PluralOrPossessive {
        let bytes = phrase.as_bytes();
        let n = bytes.len();
        // Only a lower-case "-y" after a consonant: "artery", not "Sky" names or "day".
        if n >= 3
            && bytes[n - 1] == b'y'
            && bytes[n - 2].is_ascii_lowercase()
            && !b"aeiou".contains(&bytes[n - 2])
        {
            out.push(format!("{}ies", &phrase[..n - 1]));
        }
    }
    out
}

/// Fills each pattern's list of shorter patterns that are its prefixes (ASCII case-insensitive).
fn link_prefixes(texts: &[String], infos: &mut [PatternInfo]) {
    let lowered: Vec<String> = texts.iter().map(|t| t.to_ascii_lowercase()).collect();
    // Sorting by text puts every prefix of a pattern before it, so each pattern only needs to
    // look back while the earlier ones still share its first character.
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_by(|&a, &b| lowered[a].cmp(&lowered[b]));
    for (rank, &pattern) in order.iter().enumerate() {
        let text = &lowered[pattern];
        let first = text.as_bytes()[0];
        let mut prefixes: Vec<usize> = order[..rank]
            .iter()
            .rev()
            .take_while(|&&other| lowered[other].as_bytes()[0] == first)
            .copied()
            .filter(|&other| text.starts_with(lowered[other].as_str()))
            .collect();
        prefixes.sort_by_key(|&p| std::cmp::Reverse(lowered[p].len()));
        infos[pattern].prefixes = prefixes;
    }
}

/// The bytes a whitespace character may start with (see `odd_whitespace_runs`).
static MAY_START_WHITESPACE: [bool; 256] = {
    let mut table = [false; 256];
    let starts: [u8; 10] = [
        b' ', b'\t', b'\n', b'\r', 0x0B, 0x0C, 0xC2, 0xE1, 0xE2, 0xE3,
    ];
    let mut i = 0;
    while i < starts.len() {
        table[starts[i] as usize] = true;
        i += 1;
    }
    table
};

/// The whitespace runs of `text` that are not a single ASCII space. Scans bytes: every block
/// of every leaflet passes through here, and most have no such run.
fn odd_whitespace_runs(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    // The length of the whitespace character at `i`, 0 if there is none: the characters
    // `char::is_whitespace` names (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
    // U+202F, U+205F, U+3000 beside ASCII's), told by their UTF-8 bytes without decoding, as
    // this reads every byte of every block.
    let whitespace_at = |i: usize| match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
        (b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C, _, _) => 1,
        (0xC2, Some(0x85 | 0xA0), _) => 2,
        (0xE1, Some(0x9A), Some(0x80))
        | (0xE2, Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF))
        | (0xE2, Some(0x81), Some(0x9F))
        | (0xE3, Some(0x80), Some(0x80)) => 3,
        _ => 0,
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes cannot start whitespace: skip them in a tight loop.
        match bytes[i..]
            .iter()
            .position(|&b| MAY_START_WHITESPACE[usize::from(b)])
        {
            Some(skip) => i += skip,
            None => break,
        }
        let len = whitespace_at(i);
        if len == 0 {
            i += 1;
            continue;
        }
        let start = i;
        i += len;
        while i < bytes.len() {
            let len = whitespace_at(i);
            if len == 0 {
                break;
            }
            i += len;
        }
        if &text[start..i] != " " {
            runs.push(start..i);
        }
    }
    runs
}

/// A text with each whitespace run made one ASCII space, and the way back to the original's
/// offsets. Most blocks have no run to collapse and are not copied.
struct NormalizedText<'t> {
    original: &'t str,
    /// `None` when the text needed no change.
    collapsed: Option<String>,
    /// (offset in the collapsed text, offset in the original) at the start of each piece copied
    /// unchanged; each piece but the last ends with one space standing for a whitespace run.
    pieces: Vec<(usize, usize)>,
}

impl<'t> NormalizedText<'t> {
    fn new(original: &'t str) -> NormalizedText<'t> {
        let runs = odd_whitespace_runs(original);
        if runs.is_empty() {
            return NormalizedText {
                original,
                collapsed: None,
                pieces: Vec::new(),
            };
        }
        let mut collapsed = String::with_capacity(original.len());
        let mut pieces = vec![(0, 0)];
        let mut copied_to = 0;
        for run in runs {
            collapsed.push_str(&original[copied_to..run.start]);
            collapsed.push(' ');
            pieces.push((collapsed.len(), run.end));
            copied_to = run.end;
        }
        collapsed.push_str(&original[copied_to..]);
        NormalizedText {
            original,
            collapsed: Some(collapsed),
            pieces,
        }
    }

    fn text(&self) -> &str {
        self.collapsed.as_deref().unwrap_or(self.original)
    }

    fn original_offset(&self, offset: usize) -> usize {
        if self.collapsed.is_none() {
            return offset;
        }
        // The piece holding `offset` (or the space after it): the same distance into the
        // original piece, so the space maps to the first character of its whitespace run.
        let index = self.pieces.partition_point(|(start, _)| *start <= offset);
        index
            .checked_sub(1)
            .map_or(0, |i| self.pieces[i].1 + (offset - self.pieces[i].0))
    }

    fn original_range(&self, range: Range<usize>) -> Range<usize> {
        self.original_offset(range.start)..self.original_offset(range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_found_as_char_is_whitespace_finds_it() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let odd = !odd_whitespace_runs(&format!("a{c}b")).is_empty();
            assert_eq!(odd, c.is_whitespace() && c != ' ', "{c:?}");
        }
    }

    fn matcher(phrases: &[&str], inflection: Inflection) -> PhraseMatcher<usize> {
        PhraseMatcher::new(
            phrases.iter().enumerate().map(|(i, p)| (p.to_string(), i)),
            inflection,
        )
        .expect("small phrase lists build")
    }

    /// (phrases, text, expected matches as (matched text, phrase index)).
    type Case = (
        &'static [&'static str],
        &'static str,
        &'static [(&'static str, usize)],
    );

    #[test]
    fn finds_whole_words_longest_first() {
        let cases: &[Case] = &[
            (&["DVT"], "A DVT is a clot.", &[("DVT", 0)]),
            (&["DVT"], "dvt and Dvt", &[("dvt", 0), ("Dvt", 0)]),
            (&["DVT"], "ADVTS and DVTX", &[]),
            (
                &["DVT"],
                "DVTs are common; a DVT's risk",
                &[("DVTs", 0), ("DVT's", 0)],
            ),
            (&["fracture"], "fractures heal", &[("fractures", 0)]),
            (&["abscess"], "two abscesses", &[("abscesses", 0)]),
            (&["artery"], "both arteries", &[("arteries", 0)]),
            (&["DVT"], "深静脉血栓（DVT）患者", &[("DVT", 0)]),
            (&["DVT"], "DVT患者", &[("DVT", 0)]),
            (
                &["静脉炎", "血栓性静脉炎"],
                "血栓性静脉炎和静脉炎",
                &[("血栓性静脉炎", 1), ("静脉炎", 0)],
            ),
            (
                &["deep vein thrombosis"],
                "a deep vein\nthrombosis here",
                &[("deep vein\nthrombosis", 0)],
            ),
            (
                &["deep vein thrombosis"],
                "a deep  vein thrombosis",
                &[("deep  vein thrombosis", 0)],
            ),
            // The longer phrase is not a whole word here; the shorter one at the same place is.
            (
                &["fracture", "fracture clinic"],
                "the fracture clinician",
                &[("fracture", 0)],
            ),
            (
                &["vein", "vein thrombosis"],
                "xvein thrombosis, vein",
                &[("vein", 0)],
            ),
            (&["COVID-19"], "COVID-19 and COVID-190", &[("COVID-19", 0)]),
            (&["A&E"], "go to A&E now", &[("A&E", 0)]),
            (&["don't"], "Don’t eat", &[("Don’t", 0)]),
        ];
        for (phrases, text, expected) in cases {
            let m = matcher(phrases, Inflection::PluralOrPossessive);
            let found: Vec<(&str, usize)> = m
                .find(text)
                .iter()
                .map(|f| (&text[f.range.clone()], *f.value))
                .collect();
            assert_eq!(&found, expected, "{phrases:?} in {text:?}");
        }
    }

    #[test]
    fn exact_phrases_take_no_ending() {
        let m = matcher(&["not", "no"], Inflection::Exact);
        let text = "notes, nos, not, no";
        let found: Vec<&str> = m
            .find(text)
            .iter()
            .map(|f| &text[f.range.clone()])
            .collect();
        assert_eq!(found, ["not", "no"]);
    }

    #[test]
    fn skips_empty_phrases_and_keeps_the_first_of_equal_ones() {
        let m = matcher(&["  ", "DVT", "dvt"], Inflection::Exact);
        assert_eq!(m.len(), 2);
        let found = m.find("DVT");
        assert_eq!(found.len(), 1);
        assert_eq!(*found[0].value, 1);
    }

    #[test]
    fn maps_collapsed_offsets_back() {
        let text = "x \n\t y  z";
        let normalized = NormalizedText::new(text);
        assert_eq!(normalized.text(), "x y z");
        assert_eq!(normalized.original_range(0..5), 0..text.len());
        assert_eq!(normalized.original_range(2..3), 5..6);
        assert_eq!(normalized.original_range(0..1), 0..1);
        assert_eq!(normalized.original_range(4..5), 8..9);
        let text = "深静脉\u{3000}血栓 DVT\u{a0}\u{a0}x";
        let normalized = NormalizedText::new(text);
        assert_eq!(normalized.text(), "深静脉 血栓 DVT x");
        let dvt = "深静脉 血栓 ".len();
        assert_eq!(
            normalized.original_range(dvt..dvt + 3),
            text.find("DVT").map(|i| i..i + 3).unwrap_or_default()
        );
        assert!(NormalizedText::new("one space each").collapsed.is_none());
    }
}
