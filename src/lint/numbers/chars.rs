//! The text as characters with their byte offsets, so the number rules can look around by
//! character.

use super::*;

/// The text as characters with their byte offsets, so rules can look around by character.
pub(super) struct Chars<'a> {
    pub(super) text: &'a str,
    pub(super) chars: Vec<char>,
    /// Byte offset of each character, and the text's length at the end.
    pub(super) offsets: Vec<usize>,
    /// Web and e-mail addresses, as ranges of character indexes: their characters are skipped.
    pub(super) hidden: Vec<Range<usize>>,
}

impl<'a> Chars<'a> {
    pub(super) fn new(text: &'a str) -> Chars<'a> {
        // Sized for ASCII text, the most characters `text` can have.
        let mut chars = Vec::with_capacity(text.len());
        let mut offsets = Vec::with_capacity(text.len() + 1);
        for (offset, c) in text.char_indices() {
            offsets.push(offset);
            chars.push(c);
        }
        offsets.push(text.len());
        let mut t = Chars {
            text,
            chars,
            offsets,
            hidden: Vec::new(),
        };
        // A few ranges rather than a flag per character: most text has no address at all.
        t.hidden = addresses(text)
            .iter()
            .map(|r| t.index_of(r.start)..t.index_of(r.end))
            .collect();
        t
    }

    /// Whether the character at `i` is part of a web or e-mail address.
    pub(super) fn is_hidden(&self, i: usize) -> bool {
        self.hidden.iter().any(|r| r.contains(&i))
    }

    pub(super) fn len(&self) -> usize {
        self.chars.len()
    }

    pub(super) fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    pub(super) fn before(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|k| self.at(k))
    }

    pub(super) fn bytes(&self, r: Range<usize>) -> Range<usize> {
        self.offsets[r.start]..self.offsets[r.end]
    }

    pub(super) fn str(&self, r: Range<usize>) -> &'a str {
        &self.text[self.bytes(r)]
    }

    /// The character index of a byte offset.
    pub(super) fn index_of(&self, byte: usize) -> usize {
        self.offsets.partition_point(|&o| o < byte)
    }

    /// Whether `s` is written at `i`, ASCII letters compared without case.
    pub(super) fn has(&self, i: usize, s: &str) -> bool {
        let mut k = i;
        for c in s.chars() {
            match self.at(k) {
                Some(d) if d.eq_ignore_ascii_case(&c) => k += 1,
                _ => return false,
            }
        }
        true
    }

    /// `has` for a whole word: no letter or digit follows.
    pub(super) fn has_word(&self, i: usize, s: &str) -> bool {
        self.has(i, s)
            && !self
                .at(i + s.chars().count())
                .is_some_and(|c| c.is_ascii_alphanumeric())
    }

    pub(super) fn skip_spaces(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(char::is_whitespace) {
            i += 1;
        }
        i
    }

    /// The index after the last non-space character before `i`.
    pub(super) fn skip_spaces_back(&self, mut i: usize) -> usize {
        while self.before(i).is_some_and(char::is_whitespace) {
            i -= 1;
        }
        i
    }

    /// A number starts here: not in the middle of one ("1.5", "1,000") nor of a word.
    pub(super) fn starts_number(&self, i: usize) -> bool {
        match self.before(i) {
            Some(p) if is_digit(p) => false,
            Some('.') => !self.at(i.wrapping_sub(2)).is_some_and(is_digit),
            _ => true,
        }
    }

    pub(super) fn digit_run_end(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(is_digit) {
            i += 1;
        }
        i
    }

    /// The value of the digits in a range of characters.
    pub(super) fn number(&self, r: Range<usize>) -> f64 {
        digits_of(self.str(r)).parse().unwrap_or(0.0)
    }

    /// The end of a token glued together by letters, digits and joiners (a code, a date).
    pub(super) fn token_end(&self, mut i: usize) -> usize {
        loop {
            match self.at(i) {
                Some(c) if c.is_ascii_alphanumeric() || is_digit(c) => i += 1,
                Some('-' | '_' | '/' | '.' | ':')
                    if self
                        .at(i + 1)
                        .is_some_and(|c| c.is_ascii_alphanumeric() || is_digit(c)) =>
                {
                    i += 1
                }
                _ => return i,
            }
        }
    }

    /// The ASCII word ending at `i` (after skipping spaces back), lowercased.
    pub(super) fn word_before(&self, i: usize) -> String {
        let end = self.skip_spaces_back(i);
        let mut start = end;
        while self.before(start).is_some_and(|c| c.is_ascii_alphabetic()) {
            start -= 1;
        }
        self.str(start..end).to_ascii_lowercase()
    }
}

/// ASCII and full-width digits.
pub(super) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

pub(super) fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}
