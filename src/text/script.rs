//! Which script text is written in: English left untranslated in Chinese prose, Chinese
//! characters in English prose, and the Latin-script fragments of Chinese text that screen
//! readers must read with an English voice.

use std::collections::HashMap;
use std::ops::Range;

use super::chars::{is_cjk_letter, is_cjk_symbol_or_fullwidth_form, is_latin_letter};

/// Terms that stay in Latin script in Chinese leaflets: scans, tests, services, units.
/// Matched case-insensitively as whole words; a plural `s` is allowed ("X-rays").
pub const DEFAULT_ALLOWED_TERMS: &[&str] = &[
    // Scans and tests.
    "CT", "MRI", "X-ray", "X", "PET", "PET-CT", "ECG", "EKG", "EEG", "B", "DEXA", "PICC", "IV",
    "INR", "PSA", "HbA1c", // Conditions and organisms.
    "HIV", "HPV", "COVID", "COVID-19", "MRSA", "DNA", "RNA", // Services and places.
    "NHS", "GP", "A&E", "ICU", "ENT", "CPR", "BMI", // Everyday technical words.
    "ID", "OK", "PDF", "QR", "app", "SMS", "Wi-Fi", "WiFi", "USB", "email", "e-mail", "am", "pm",
    "a.m.", "p.m.", // Units.
    "mg", "mcg", "µg", "μg", "g", "kg", "ml", "mL", "l", "L", "mm", "cm", "m", "km", "mmHg",
    "mmol", "IU", "C",
];

/// The terms that stay in Latin script: the built-in ones and the site's own (`latin_terms`,
/// the glossary's), split into lower-cased words once, and found by their first word, so a
/// long list costs a lookup per word of text rather than a comparison per term.
#[derive(Debug)]
pub struct AllowedTerms {
    /// Every term's words, the built-in terms first.
    terms: Vec<Vec<String>>,
    /// The indexes of the terms each first word starts, in order.
    by_first_word: HashMap<String, Vec<usize>>,
}

impl Default for AllowedTerms {
    fn default() -> AllowedTerms {
        AllowedTerms::new(&[])
    }
}

impl AllowedTerms {
    /// The built-in terms and `extra`.
    pub fn new(extra: &[&str]) -> AllowedTerms {
        let terms: Vec<Vec<String>> = DEFAULT_ALLOWED_TERMS
            .iter()
            .chain(extra)
            .filter_map(|t| term_words(t))
            .collect();
        let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, words) in terms.iter().enumerate() {
            by_first_word
                .entry(words[0].clone())
                .or_default()
                .push(index);
        }
        AllowedTerms {
            terms,
            by_first_word,
        }
    }

    /// The terms whose first word is `word`, or whose only word `word` is with a plural `s`
    /// or `es`, in order.
    fn candidates(&self, word: &str) -> Vec<&[String]> {
        let mut indexes: Vec<usize> = [Some(word), word.strip_suffix('s'), word.strip_suffix("es")]
            .into_iter()
            .flatten()
            .filter_map(|key| self.by_first_word.get(key))
            .flatten()
            .copied()
            .collect();
        indexes.sort_unstable();
        indexes.dedup();
        indexes.iter().map(|&i| self.terms[i].as_slice()).collect()
    }
}

/// Runs of Latin-script words in Chinese prose that look untranslated: byte ranges.
///
/// A run is Latin-script words joined only by spaces, ASCII punctuation and numbers; Chinese
/// characters, Chinese punctuation and line ends end it. It is flagged when it has at least 3
/// words, or 2 of which one is an ordinary lowercase English word of 3 letters or more ("CT 扫描",
/// "paracetamol" and "5 mg" are fine; "compression fractures in the spine" is not). Terms in
/// [`DEFAULT_ALLOWED_TERMS`] and `allowed` (the site's own, e.g. drug names; case-insensitive,
/// whole words, may be several words), numbers, phone numbers, web and e-mail addresses are not
/// counted as words. The range runs from the first to the last non-number token of the run.
pub fn untranslated_in_chinese(text: &str, allowed: &AllowedTerms) -> Vec<Range<usize>> {
    // Most Chinese text has no Latin letter, and without one there is no word.
    if !text.chars().any(is_latin_letter) {
        return Vec::new();
    }
    let mut tokens = latin_tokens(text);
    mark_allowed(text, &mut tokens, allowed);
    latin_runs(text, &tokens)
        .into_iter()
        .filter(|run| {
            let words: Vec<&Token> = run.iter().filter(|t| t.kind == Kind::Word).collect();
            words.len() >= 3
                || (words.len() == 2
                    && words
                        .iter()
                        .any(|w| is_ordinary_word(&text[w.range.clone()])))
        })
        .filter_map(|run| run_range(&run))
        .collect()
}

/// Runs of Chinese characters in English prose: byte ranges.
///
/// Han characters, kana and Chinese punctuation, with the spaces, digits and ASCII punctuation
/// between them ("请致电 020 7946 0123。" is one run). A run needs at least one Han character or
/// kana: a stray full-width comma alone is a punctuation problem, not Chinese text.
pub fn chinese_in_english(text: &str) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    // Han, kana and CJK punctuation all lie at U+3000 and above, whose UTF-8 forms start with
    // a byte from 0xE3 up: text without such a byte, most English text, has no run.
    if !text.bytes().any(|b| b >= 0xE3) {
        return runs;
    }
    // (start, end of the last CJK character, whether it holds Han or kana)
    let mut open: Option<(usize, usize, bool)> = None;
    for (offset, c) in text.char_indices() {
        let end = offset + c.len_utf8();
        if is_cjk_letter(c) || is_cjk_symbol_or_fullwidth_form(c) {
            let letter = is_cjk_letter(c);
            open = Some(match open {
                Some((start, _, had_letter)) => (start, end, had_letter || letter),
                None => (offset, end, letter),
            });
        } else if (c.is_whitespace() && c != '\n') || c.is_ascii_digit() || c.is_ascii_punctuation()
        {
            // May join two pieces of one Chinese sentence; the run is cut back to its last CJK
            // character when it ends.
        } else if let Some((start, last, letter)) = open.take()
            && letter
        {
            runs.push(start..last);
        }
    }
    if let Some((start, last, true)) = open {
        runs.push(start..last);
    }
    runs
}

/// Latin-script fragments in Chinese text: byte ranges.
///
/// Every run of Latin-script words (allowed terms, drug names, abbreviations, whole English
/// phrases, web and e-mail addresses), for wrapping in `<span lang="en">` so that screen readers
/// switch voice (WCAG 3.1.2). Numbers and phone numbers alone are not fragments: Chinese voices
/// read digits well. Numbers at the edges of a fragment are left out ("5 mg" gives "mg").
pub fn latin_fragments(text: &str) -> Vec<Range<usize>> {
    // Words and addresses all have a Latin letter, and most Chinese text has none. Which words
    // are allowed terms does not matter here: both are fragments.
    if !text.chars().any(is_latin_letter) {
        return Vec::new();
    }
    let tokens = latin_tokens(text);
    latin_runs(text, &tokens)
        .into_iter()
        .filter_map(|run| run_range(&run))
        .collect()
}

/// Web addresses, e-mail addresses and bare domain names ("111.nhs.uk"): byte ranges.
/// Their letters are not words and their digits are not quantities.
pub(crate) fn addresses(text: &str) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    let bytes = text.as_bytes();
    // Web addresses with a scheme or www.: up to white space or a non-ASCII character. Each
    // has `://` or the dot of `www.`, and text with neither is not looked through.
    let www = |dot: usize| dot >= 3 && bytes[dot - 3..dot].eq_ignore_ascii_case(b"www");
    let mut i = 0;
    let may_have_web_address = text.contains("://") || memchr::memchr_iter(b'.', bytes).any(www);
    while may_have_web_address && i < bytes.len() {
        // An ASCII byte always starts a character.
        let boundary = bytes[i].is_ascii() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        // Every prefix starts with `h` or `w`: one comparison rules out most bytes.
        let starts = boundary
            && matches!(bytes[i].to_ascii_lowercase(), b'h' | b'w')
            && ["http://", "https://", "www."].iter().any(|p| {
                text[i..]
                    .get(..p.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(p))
            });
        if starts {
            let mut end = i;
            while end < bytes.len()
                && bytes[end].is_ascii_graphic()
                && !b"<>\"".contains(&bytes[end])
            {
                end += 1;
            }
            // Sentence punctuation after an address is not part of it.
            while end > i && b".,;:!?)'\"".contains(&bytes[end - 1]) {
                end -= 1;
            }
            found.push(i..end);
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    // E-mail addresses and bare domains: tokens of address characters. Both need a dot (the
    // domain of an e-mail address has one too), so only the tokens around a dot are read.
    let is_token_byte =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-' | b'@');
    let mut after_token = 0;
    while let Some(dot) = memchr::memchr(b'.', &bytes[after_token..]).map(|at| after_token + at) {
        let mut start = dot;
        while start > 0 && is_token_byte(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = dot;
        while end < bytes.len() && is_token_byte(bytes[end]) {
            end += 1;
        }
        after_token = end;
        while end > start && b".-_+%".contains(&bytes[end - 1]) {
            end -= 1;
        }
        let token = &text[start..end];
        let inside_known = found.iter().any(|r| r.start <= start && start < r.end);
        if token.contains('.') && !inside_known && (is_email(token) || is_domain(token)) {
            found.push(start..end);
        }
    }
    found.sort_by_key(|r| r.start);
    found
}

fn is_email(token: &str) -> bool {
    let Some((local, domain)) = token.split_once('@') else {
        return false;
    };
    !local.is_empty() && !domain.contains('@') && is_domain(domain)
}

/// `nhs.uk`, `111.nhs.uk`: dot-separated labels ending in a lowercase top-level domain, with a
/// label of letters before it. Numbers ("1.5") and abbreviations ("e.g") are not domains.
fn is_domain(token: &str) -> bool {
    let labels: Vec<&str> = token.split('.').collect();
    let (last, before) = labels.split_last().expect("split gives one piece at least");
    !before.is_empty()
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        && (2..=6).contains(&last.len())
        && last.bytes().all(|b| b.is_ascii_lowercase())
        && before
            .iter()
            .any(|l| l.len() >= 2 && l.bytes().any(|b| b.is_ascii_alphabetic()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Letters, not an allowed term.
    Word,
    /// An allowed term (or one word of a multi-word one).
    Allowed,
    /// Digits only: numbers, parts of phone numbers and times.
    Number,
    /// A web or e-mail address.
    Address,
}

#[derive(Debug, Clone)]
struct Token {
    range: Range<usize>,
    kind: Kind,
}

/// Words, numbers and addresses written in Latin script, in order (allowed terms are marked
/// by [`mark_allowed`]).
fn latin_tokens(text: &str) -> Vec<Token> {
    let addresses = addresses(text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |k: usize| chars.get(k).map_or(text.len(), |&(o, _)| o);
    let is_alnum = |c: char| is_latin_letter(c) || c.is_ascii_digit();
    let mut tokens = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (offset, c) = chars[k];
        if let Some(address) = addresses.iter().find(|r| r.start == offset) {
            tokens.push(Token {
                range: address.clone(),
                kind: Kind::Address,
            });
            while k < chars.len() && chars[k].0 < address.end {
                k += 1;
            }
            continue;
        }
        if !is_alnum(c) {
            k += 1;
            continue;
        }
        let start = k;
        k += 1;
        loop {
            match chars.get(k).map(|&(_, c)| c) {
                Some(c) if is_alnum(c) => k += 1,
                // Joiners inside one token: X-ray, A&E, don't, e.g, 1.5, 1,000, 08:30.
                Some(j @ ('-' | '\'' | '’' | '&' | '.' | ',' | ':' | '_'))
                    if chars.get(k + 1).is_some_and(|&(_, n)| is_alnum(n)) =>
                {
                    let digits_both_sides =
                        chars[k - 1].1.is_ascii_digit() && chars[k + 1].1.is_ascii_digit();
                    if matches!(j, ',' | ':') && !digits_both_sides {
                        break;
                    }
                    k += 2;
                }
                _ => break,
            }
        }
        let range = byte_at(start)..byte_at(k);
        let kind = if text[range.clone()].chars().any(is_latin_letter) {
            Kind::Word
        } else {
            Kind::Number
        };
        tokens.push(Token { range, kind });
    }
    tokens
}

/// Marks the tokens that spell an allowed term (whole words, ignoring case; the last word may
/// take a plural `s`).
fn mark_allowed(text: &str, tokens: &mut [Token], allowed: &AllowedTerms) {
    if tokens.is_empty() {
        return;
    }
    // Lower-cased once per token: this runs for every line of every Chinese file.
    let words: Vec<String> = tokens
        .iter()
        .map(|t| text[t.range.clone()].trim_end_matches('.').to_lowercase())
        .collect();
    for start in 0..tokens.len() {
        if tokens[start].kind != Kind::Word {
            continue;
        }
        // A number glued to a unit: "500mg", "1.5L".
        let unit =
            words[start].trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
        let glued = unit.len() < words[start].len();
        if glued
            && allowed
                .candidates(unit)
                .iter()
                .any(|term| term.len() == 1 && term[0] == unit)
        {
            tokens[start].kind = Kind::Allowed;
            continue;
        }
        for term in allowed.candidates(&words[start]) {
            let end = start + term.len();
            if end > tokens.len() {
                continue;
            }
            let spelled = term.iter().enumerate().all(|(n, want)| {
                let token = &tokens[start + n];
                let have = words[start + n].as_str();
                let last = n + 1 == term.len();
                let same = have == want
                    || (last
                        && (have.strip_suffix('s') == Some(want.as_str())
                            || have.strip_suffix("es") == Some(want.as_str())));
                // The words of a multi-word term are separated by spaces only.
                let joined = n == 0
                    || text[tokens[start + n - 1].range.end..token.range.start]
                        .chars()
                        .all(|c| c == ' ' || c == '\u{a0}');
                token.kind != Kind::Number && same && joined
            });
            if spelled {
                for token in &mut tokens[start..end] {
                    token.kind = Kind::Allowed;
                }
                break;
            }
        }
    }
}

/// A term's words, lower-cased, without trailing dots; `None` for a blank term.
fn term_words(term: &str) -> Option<Vec<String>> {
    let words: Vec<String> = term
        .split_whitespace()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    (!words.is_empty()).then_some(words)
}

/// Groups tokens into runs: neighbours separated only by spaces and ASCII (or English
/// typographic) punctuation. A runs holds at least one token that is not a number.
fn latin_runs(text: &str, tokens: &[Token]) -> Vec<Vec<Token>> {
    let mut runs: Vec<Vec<Token>> = Vec::new();
    let mut current: Vec<Token> = Vec::new();
    for token in tokens {
        if let Some(last) = current.last() {
            let gap = &text[last.range.end..token.range.start];
            let joined = gap.chars().all(|c| {
                matches!(c, ' ' | '\t' | '\u{a0}' | '–' | '—' | '‘' | '’' | '“' | '”')
                    || c.is_ascii_punctuation()
            });
            if !joined {
                runs.push(std::mem::take(&mut current));
            }
        }
        current.push(token.clone());
    }
    runs.push(current);
    runs.retain(|run| run.iter().any(|t| t.kind != Kind::Number));
    runs
}

/// From the first to the last token of a run that is not a number.
fn run_range(run: &[Token]) -> Option<Range<usize>> {
    let first = run.iter().find(|t| t.kind != Kind::Number)?;
    let last = run.iter().rev().find(|t| t.kind != Kind::Number)?;
    Some(first.range.start..last.range.end)
}

/// An everyday lowercase English word ("fractures", "the", "spine"), as opposed to a name or an
/// abbreviation: what makes two Latin words look like an untranslated phrase.
fn is_ordinary_word(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_ascii_lowercase()).count();
    letters >= 3
        && word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '-' || c == '\'' || c == '’')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    fn untranslated(text: &str) -> Vec<&str> {
        pieces(
            text,
            &untranslated_in_chinese(text, &AllowedTerms::default()),
        )
    }

    #[test]
    fn flags_english_phrases_in_chinese() {
        let text = "椎体压缩性骨折是指 compression fractures in the spine，需要治疗。";
        assert_eq!(untranslated(text), ["compression fractures in the spine"]);
        let text = "Spinal implant procedures treat VCFs。";
        assert_eq!(untranslated(text), ["Spinal implant procedures treat VCFs"]);
        let text = "这是一段说明。Please read this leaflet before your test.";
        assert_eq!(
            untranslated(text),
            ["Please read this leaflet before your test"]
        );
    }

    #[test]
    fn two_words_need_an_ordinary_one() {
        assert_eq!(
            untranslated("请服用 paracetamol tablets。"),
            ["paracetamol tablets"]
        );
        // Two names or abbreviations: no ordinary lowercase word.
        assert!(untranslated("请咨询 Dr Smith。").is_empty());
        assert!(untranslated("由 St Mary 医院提供").is_empty());
        // Ordinary words need 3 letters.
        assert!(untranslated("在 an ME 诊所").is_empty());
    }

    #[test]
    fn terms_that_stay_in_latin_script_are_not_flagged() {
        for text in [
            "CT 扫描",
            "MRI 检查",
            "您需要拍 X 光片。",
            "X-ray 检查",
            "两张 X-rays",
            "COVID-19 疫苗",
            "请服用 paracetamol 止痛。",
            "每次 500 mg，每天 2 次。",
            "服用 500mg paracetamol。",
            "溶于 10 ml 水中",
            "请到 A&E 就诊",
            "CT、MRI 和 PET 检查",
            "拨打 NHS 111 或 999。",
            "上午 8:30 am 前到达",
        ] {
            assert!(untranslated(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn allowed_terms_from_the_site_count_as_terms() {
        let text = "请服用 paracetamol tablets 止痛。";
        assert_eq!(untranslated(text), ["paracetamol tablets"]);
        assert!(
            untranslated_in_chinese(text, &AllowedTerms::new(&["paracetamol tablets"])).is_empty()
        );
        assert!(
            untranslated_in_chinese(text, &AllowedTerms::new(&["Paracetamol Tablet"])).is_empty()
        );
        // Allowed terms count for nothing, but the rest of the run still counts.
        let text = "请做 CT scan of the chest。";
        assert_eq!(untranslated(text), ["CT scan of the chest"]);
    }

    #[test]
    fn addresses_numbers_and_phone_numbers_are_not_words() {
        for text in [
            "详情请访问 https://www.nhs.uk/conditions/cataracts/ 。",
            "请发邮件至 eye.clinic@example.nhs.uk 联系我们。",
            "请访问 111.nhs.uk 或拨打 111。",
            "请致电 020 7946 0123。",
            "开放时间 08:30 至 17:00",
            "参考编号 GAS-0101",
        ] {
            assert!(untranslated(text).is_empty(), "{text}");
        }
        // An address inside an English sentence does not hide the sentence.
        let text = "详情：see www.nhs.uk for more information。";
        assert_eq!(untranslated(text), ["see www.nhs.uk for more information"]);
    }

    #[test]
    fn chinese_punctuation_and_line_ends_split_runs() {
        assert_eq!(untranslated("CT scan，blood test"), ["blood test"]);
        assert!(untranslated("scan\nblood").is_empty());
        assert_eq!(
            untranslated("（vertebral compression fractures）"),
            ["vertebral compression fractures"]
        );
    }

    #[test]
    fn byte_ranges_are_exact_around_multibyte_characters() {
        let text = "术前：Do not eat。术后：可以进食。";
        let ranges = untranslated_in_chinese(text, &AllowedTerms::default());
        assert_eq!(ranges.len(), 1);
        assert_eq!(&text[ranges[0].clone()], "Do not eat");
        assert_eq!(ranges[0].start, "术前：".len());
        let text = "é café naïve résumé 的说明";
        assert_eq!(untranslated(text), ["é café naïve résumé"]);
    }

    #[test]
    fn chinese_in_english_finds_runs() {
        let text = "Please call us. 请致电 020 7946 0123。 Thank you.";
        assert_eq!(
            pieces(text, &chinese_in_english(text)),
            ["请致电 020 7946 0123。"]
        );
        let text = "Take 2 tablets 每天 twice.";
        assert_eq!(pieces(text, &chinese_in_english(text)), ["每天"]);
        let text = "CT 扫描 and MRI 检查";
        assert_eq!(pieces(text, &chinese_in_english(text)), ["扫描", "检查"]);
        assert!(chinese_in_english("Plain English, with “quotes” and 5 mg.").is_empty());
        // A full-width comma alone is not Chinese text.
        assert!(chinese_in_english("Take it，then rest.").is_empty());
        let text = "平仮名 and カタカナ";
        assert_eq!(
            pieces(text, &chinese_in_english(text)),
            ["平仮名", "カタカナ"]
        );
        let text = "end:中文";
        assert_eq!(pieces(text, &chinese_in_english(text)), ["中文"]);
    }

    #[test]
    fn latin_fragments_for_language_spans() {
        let frag = |text: &'static str| pieces(text, &latin_fragments(text));
        assert_eq!(frag("请服用 paracetamol 止痛。"), ["paracetamol"]);
        assert_eq!(frag("CT 扫描和 MRI 检查"), ["CT", "MRI"]);
        assert_eq!(frag("您需要拍 X 光片。"), ["X"]);
        assert_eq!(frag("每次 500 mg，每天 2 次。"), ["mg"]);
        assert_eq!(frag("COVID-19 疫苗"), ["COVID-19"]);
        assert_eq!(frag("请致电 020 7946 0123。"), Vec::<&str>::new());
        assert_eq!(
            frag("医生说：Spinal implant procedures treat VCFs。"),
            ["Spinal implant procedures treat VCFs"]
        );
        assert_eq!(frag("访问 www.nhs.uk。"), ["www.nhs.uk"]);
    }

    #[test]
    fn domains_and_emails() {
        let found = |text: &'static str| pieces(text, &addresses(text));
        assert_eq!(found("see 111.nhs.uk."), ["111.nhs.uk"]);
        assert_eq!(found("mail a.b@nhs.net, now"), ["a.b@nhs.net"]);
        assert_eq!(
            found("(https://example.org/a?b=1)."),
            ["https://example.org/a?b=1"]
        );
        assert!(found("take 1.5 mg, e.g. now. Then rest.").is_empty());
        assert!(found("COVID-19 and GAS-0101").is_empty());
    }

    #[test]
    fn text_without_latin_letters_is_skipped_but_any_latin_letter_counts() {
        let frag = |text: &'static str| pieces(text, &latin_fragments(text));
        let text = "请在 08:30 前到达，或致电 020 7946 0123。";
        assert!(latin_fragments(text).is_empty());
        assert!(untranslated(text).is_empty());
        // Accented letters and the micro sign are Latin letters too.
        assert_eq!(frag("每天 5 µg"), ["µg"]);
        assert_eq!(
            untranslated("请说 café crème brûlée。"),
            ["café crème brûlée"]
        );
        // Allowed terms are fragments like any word.
        assert_eq!(frag("做 CT 扫描"), ["CT"]);
    }

    #[test]
    fn address_prefilters_keep_every_kind_of_address() {
        // The scheme test looks at `h` and `w` first, in either case; tokens need a dot.
        let found = |text: &'static str| pieces(text, &addresses(text));
        assert_eq!(found("see HTTPS://NHS.UK/A now"), ["HTTPS://NHS.UK/A"]);
        assert_eq!(found("see Www.nhs.uk"), ["Www.nhs.uk"]);
        assert_eq!(found("x@nhs.uk y@z nhs@uk"), ["x@nhs.uk"]);
        assert_eq!(found("看 nhs.uk 和 ab@nhs.net。"), ["nhs.uk", "ab@nhs.net"]);
    }

    /// Addresses are looked for from dots and `://`: text without them has none, and every
    /// address around a dot is found, wherever the dot is in it.
    #[test]
    fn addresses_are_found_from_their_dots_and_schemes() {
        let found = |text: &'static str| pieces(text, &addresses(text));
        assert!(found("Call 020 7946 0123 today").is_empty());
        assert_eq!(found("see http://localhost/x now"), ["http://localhost/x"]);
        assert_eq!(found("nhs.uk"), ["nhs.uk"]);
        assert_eq!(found("中文nhs.uk中文"), ["nhs.uk"]);
        assert_eq!(
            found("mail a.b@c.nhs.uk. Or see 111.nhs.uk, x.y or 1.5"),
            ["a.b@c.nhs.uk", "111.nhs.uk"]
        );
        assert_eq!(
            found("WWW.NHS.UK and ab.c.org.. a.b.c"),
            ["WWW.NHS.UK", "ab.c.org"]
        );
        // A domain inside a web address is part of it, not a second address.
        assert_eq!(
            found("see https://a.nhs.uk/b.html."),
            ["https://a.nhs.uk/b.html"]
        );
    }

    /// `chinese_in_english` skips text with no character from U+3000 up.
    #[test]
    fn chinese_in_english_needs_a_character_from_u3000_up() {
        let runs = |text: &'static str| pieces(text, &chinese_in_english(text));
        assert!(runs("“Quoted” — naïve ⿻ Ⅻ").is_empty());
        assert_eq!(runs("end 〇"), ["〇"]);
        assert_eq!(runs("see ア"), ["ア"]);
        // Full-width forms alone are punctuation, not Chinese text.
        assert!(runs("ｶ Ｈello").is_empty());
    }

    #[test]
    fn the_sites_allowed_terms_add_to_the_built_in_ones() {
        let text = "请服用 paracetamol tablets 做 CT scans。";
        let allowed = AllowedTerms::new(&["paracetamol tablets", "scan"]);
        assert!(untranslated_in_chinese(text, &allowed).is_empty());
        let allowed = AllowedTerms::new(&["CT", "scan"]);
        assert_eq!(
            pieces(text, &untranslated_in_chinese(text, &allowed)),
            ["paracetamol tablets"]
        );
    }

    /// Every string of three pieces from a set of awkward ones: no panic, and every range is on
    /// character boundaries.
    #[test]
    fn odd_text_gives_ranges_on_character_boundaries() {
        let pieces = [
            "",
            " ",
            "1",
            ".",
            ",",
            "-",
            "'",
            "a",
            "the",
            "CT",
            "X-ray",
            "é",
            "µg",
            "中",
            "。",
            "，",
            "😀",
            "\n",
            "www.",
            "http://a.b",
            "@",
            "b.org",
            "x@y.cn",
            "（",
            "”",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}");
                    let found = untranslated_in_chinese(&text, &AllowedTerms::new(&["the CT"]))
                        .into_iter()
                        .chain(chinese_in_english(&text))
                        .chain(latin_fragments(&text))
                        .chain(addresses(&text));
                    for range in found {
                        assert!(
                            text.get(range.clone()).is_some_and(|s| !s.is_empty()),
                            "{text:?} {range:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn sample_leaflets_have_no_script_problems() {
        let leaflets = crate::testing::sample_leaflets::load();
        for leaflet in &leaflets {
            for section in &leaflet.zh {
                assert!(
                    untranslated_in_chinese(section, &AllowedTerms::default()).is_empty(),
                    "{}: {section}",
                    leaflet.name
                );
            }
            for section in &leaflet.en {
                assert!(
                    chinese_in_english(section).is_empty(),
                    "{}: {section}",
                    leaflet.name
                );
            }
        }
    }
}
