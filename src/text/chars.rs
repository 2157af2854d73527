//! Character classes of Chinese and mixed text, defined once for the whole crate: the content
//! checks, CJK-friendly emphasis, the pages and the search index all ask these.
//!
//! The classes differ on purpose; each says what it is for. The search script
//! (`templates/search.js`, `isHan`) lists the same ranges as [`is_han`].

/// Chinese characters: CJK unified ideographs and their extensions, compatibility ideographs
/// and `〇`.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// Latin letters, accented ones included, with the micro sign used in "µg".
pub fn is_latin_letter(c: char) -> bool {
    let accented =
        matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && !matches!(c, '×' | '÷');
    c.is_ascii_alphabetic() || accented || matches!(c, 'µ' | 'μ')
}

/// A character of a Latin-script word: a Latin letter or an ASCII digit. A Chinese character
/// is not: "DVT患者" has a word boundary after "DVT".
pub fn is_latin_word_char(c: char) -> bool {
    is_latin_letter(c) || c.is_ascii_digit()
}

/// Japanese kana (hiragana and katakana), which machine translation sometimes leaves in
/// Chinese text and which never belong in an English one.
pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}')
}

/// Bopomofo (zhuyin) letters and their tone marks.
pub fn is_bopomofo(c: char) -> bool {
    matches!(c, '\u{2EA}'..='\u{2EB}' | '\u{3105}'..='\u{312F}' | '\u{31A0}'..='\u{31BF}')
}

/// Letters of the scripts Chinese text is written in (Han, kana, bopomofo) and the ideographic
/// marks `々` and `〆`: what a Latin-script word never contains.
pub fn is_cjk_letter(c: char) -> bool {
    is_han(c) || is_kana(c) || is_bopomofo(c) || matches!(c, '\u{3005}' | '\u{3006}')
}

/// The CJK symbols and punctuation block and the half-width and full-width forms block, whole
/// (`。、「」《》`, `，！？（）`, full-width letters and digits).
pub fn is_cjk_symbol_or_fullwidth_form(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// Punctuation and spaces written with Chinese text: CJK punctuation, full-width punctuation
/// (not full-width letters or digits), curly quotes, `…` and `—`.
pub fn is_fullwidth_punctuation(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '“' | '”' | '‘' | '’' | '…' | '—')
}

/// The full-width marks that end or divide a Chinese sentence.
pub fn is_fullwidth_stop(c: char) -> bool {
    matches!(c, '。' | '，' | '、' | '；' | '：' | '！' | '？')
}

/// A CJK character as the CommonMark CJK-friendly amendments define it (their `ranges.md`) (East Asian Width W, F or H and not a
/// default emoji presentation character, or Hangul script; unassigned code points in the CJK
/// ideograph blocks count as W).
pub fn is_cjk_wide(c: char) -> bool {
    let c = u32::from(c);
    c >= 0x1100
        && CJK_RANGES
            .binary_search_by(|&(first, last)| {
                if last < c {
                    std::cmp::Ordering::Less
                } else if first > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// Inclusive ranges of CJK characters, sorted (from the spec's `ranges.md`).
const CJK_RANGES: [(u32, u32); 60] = [
    (0x1100, 0x11FF),
    (0x20A9, 0x20A9),
    (0x2329, 0x232A),
    (0x2630, 0x2637),
    (0x268A, 0x268F),
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x2FF0, 0x303E),
    (0x3041, 0x3096),
    (0x3099, 0x30FF),
    (0x3105, 0x312F),
    (0x3131, 0x318E),
    (0x3190, 0x31E5),
    (0x31EF, 0x321E),
    (0x3220, 0x3247),
    (0x3250, 0xA48C),
    (0xA490, 0xA4C6),
    (0xA960, 0xA97C),
    (0xAC00, 0xD7A3),
    (0xD7B0, 0xD7C6),
    (0xD7CB, 0xD7FB),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE52),
    (0xFE54, 0xFE66),
    (0xFE68, 0xFE6B),
    (0xFF01, 0xFFBE),
    (0xFFC2, 0xFFC7),
    (0xFFCA, 0xFFCF),
    (0xFFD2, 0xFFD7),
    (0xFFDA, 0xFFDC),
    (0xFFE0, 0xFFE6),
    (0xFFE8, 0xFFEE),
    (0x16FE0, 0x16FE4),
    (0x16FF0, 0x16FF6),
    (0x17000, 0x18CD5),
    (0x18CFF, 0x18D1E),
    (0x18D80, 0x18DF2),
    (0x1AFF0, 0x1AFF3),
    (0x1AFF5, 0x1AFFB),
    (0x1AFFD, 0x1AFFE),
    (0x1B000, 0x1B122),
    (0x1B132, 0x1B132),
    (0x1B150, 0x1B152),
    (0x1B155, 0x1B155),
    (0x1B164, 0x1B167),
    (0x1B170, 0x1B2FB),
    (0x1D300, 0x1D356),
    (0x1D360, 0x1D376),
    (0x1F200, 0x1F200),
    (0x1F202, 0x1F202),
    (0x1F210, 0x1F219),
    (0x1F21B, 0x1F22E),
    (0x1F230, 0x1F231),
    (0x1F237, 0x1F237),
    (0x1F23B, 0x1F23B),
    (0x1F240, 0x1F248),
    (0x1F260, 0x1F265),
    (0x20000, 0x3FFFD),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_is_chinese_characters_only() {
        for c in ['中', '〇', '𠮟', '兀'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['。', 'あ', 'a', '，', '한'] {
            assert!(!is_han(c), "{c}");
        }
    }

    #[test]
    fn cjk_letters_are_han_kana_and_bopomofo() {
        for c in ['中', 'あ', 'ア', 'ㄅ', '々'] {
            assert!(is_cjk_letter(c), "{c}");
        }
        for c in ['。', '，', 'a', 'é', '1'] {
            assert!(!is_cjk_letter(c), "{c}");
        }
    }

    #[test]
    fn fullwidth_punctuation_leaves_out_fullwidth_letters() {
        assert!(is_fullwidth_punctuation('，') && is_fullwidth_punctuation('“'));
        assert!(!is_fullwidth_punctuation('Ａ') && !is_fullwidth_punctuation('１'));
        assert!(is_cjk_symbol_or_fullwidth_form('Ａ') && !is_cjk_symbol_or_fullwidth_form('“'));
    }

    #[test]
    fn cjk_wide_ranges_are_sorted_and_sane() {
        assert!(CJK_RANGES.windows(2).all(|w| w[0].1 < w[1].0));
        assert!(CJK_RANGES.iter().all(|&(a, b)| a <= b));
        for c in [
            '中', '。', '「', 'あ', 'ア', '한', 'ᄀ', '（', '，', '𠮟', '〰', '㊙', '🈂',
        ] {
            assert!(is_cjk_wide(c), "{c}");
        }
        for c in [
            'a',
            '“',
            '…',
            '·',
            '—',
            '¥',
            '④',
            '∇',
            '😀',
            '\u{FE00}',
            '\u{E0100}',
        ] {
            assert!(!is_cjk_wide(c), "{c}");
        }
    }
}
