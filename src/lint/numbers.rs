//! Quantities in leaflet text (numbers with their units, ranges, clock times, phone numbers),
//! found in English and in Chinese, and matched between the two so that a translation that
//! gives patients a different number is caught.
//!
//! Both languages follow one principle so that they agree: a number written in digits is always
//! a quantity; a number written as a word ("two", "两") only when a unit follows ("two weeks",
//! "两周"), because number words without a unit are too often no quantity at all ("one of",
//! "一些", "十分"). False alarms teach people to ignore the checker, so whatever is unclear is
//! skipped, in both languages alike:
//!
//! - dates: "2 March 2026", "March 2026", "2026年3月2日", "3月2日", "三月", "2026-03-02",
//!   "02/03/2026", and bare years (1900–2100 in digits, without a unit: "in 2026", "2026年");
//! - ordinals in words ("second", "第二"), weekdays ("周一", "星期三") and lunar days ("初一");
//!   ordinals in digits are numbers without a unit ("3rd floor" = "3 楼", "第 2 次" = "2nd time");
//! - ratios and fractions written with a slash ("1/2", "24/7", "120/80");
//! - digits in web and e-mail addresses and in codes glued to letters ("GAS-0101", "COVID-19",
//!   "B12", "3D").

use std::ops::Range;
use std::sync::LazyLock;

use crate::text::script::addresses;

#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Normalised value: "1,000" and "1000" are both 1000; "1.5" is 1.5; ranges give two
    /// quantities. A clock time is hours after midnight (08:30 is 8.5); a phone number is its
    /// digits read as one number.
    pub value: f64,
    pub unit: Option<Unit>,
    /// Byte range in the text that was given (the number and its unit), for diagnostics. The
    /// first number of a range reaches to the unit after the second ("30 to 45 minutes").
    pub range: Range<usize>,
    /// What the author wrote, e.g. "6 hours", "每天 3 次", "两周".
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    /// Also years of age ("65 岁", "5-year-old").
    Year,
    TimesPerDay,
    TimesPerWeek,
    TimesPerMonth,
    TimesPerYear,
    /// A count of times without a period ("twice", "两次", "1000 次检查").
    Times,
    /// "3 times as likely", "twice as long", "3 倍".
    Fold,
    Microgram,
    Milligram,
    Gram,
    Kilogram,
    Millilitre,
    Litre,
    Millimetre,
    Centimetre,
    Metre,
    Kilometre,
    Percent,
    Tablet,
    /// Capsules and pills ("粒", "颗"); equal to tablets when matching, as translators mix them.
    Capsule,
    Sachet,
    /// Cups and glasses ("杯").
    Cup,
    /// Teaspoons, tablespoons, spoonfuls ("勺", "茶匙").
    Spoon,
    Drop,
    /// Puffs and sprays of an inhaler or nasal spray ("喷", "揿").
    Puff,
    Dose,
    /// Units of insulin or heparin ("units", "IU", "单位").
    InternationalUnit,
    MillimolePerLitre,
    MillimetreOfMercury,
    /// Degrees Celsius ("°C", "℃", "摄氏度", "度").
    Degree,
    /// A clock time; the value is hours after midnight.
    TimeOfDay,
    /// A phone number; compared by the digits in `text`.
    PhoneNumber,
}

impl Unit {
    /// The unit a value is compared in, and what one of this unit is in it: "1 litre" matches
    /// "1000 毫升", "30 minutes" matches "半小时". Months and years are not converted to days.
    fn base(self) -> (Unit, f64) {
        use Unit::*;
        match self {
            Second => (Second, 1.0),
            Minute => (Second, 60.0),
            Hour => (Second, 3600.0),
            Day => (Second, 86_400.0),
            Week => (Second, 604_800.0),
            Month => (Month, 1.0),
            Year => (Month, 12.0),
            Microgram => (Microgram, 1.0),
            Milligram => (Microgram, 1e3),
            Gram => (Microgram, 1e6),
            Kilogram => (Microgram, 1e9),
            Millilitre => (Millilitre, 1.0),
            Litre => (Millilitre, 1e3),
            Millimetre => (Millimetre, 1.0),
            Centimetre => (Millimetre, 10.0),
            Metre => (Millimetre, 1e3),
            Kilometre => (Millimetre, 1e6),
            Capsule => (Tablet, 1.0),
            other => (other, 1.0),
        }
    }

    fn is_frequency(self) -> bool {
        matches!(
            self,
            Unit::TimesPerDay | Unit::TimesPerWeek | Unit::TimesPerMonth | Unit::TimesPerYear
        )
    }
}

/// Quantities in English text, in order.
///
/// Digits with or without a unit ("6 hours", "1,000 ml", "1.5 mg", "38°C", "5%"), ranges ("30 to
/// 45 minutes", "30–45", "1 or 2 days", "between 2 and 4 hours": the unit applies to both),
/// fractions ("1 in 1000": two numbers), frequencies ("4 times a day", "twice daily", "once a
/// week"), clock times ("08:30", "8.30am", "2pm") and phone numbers ("020 7946 0123"). Number
/// words count only with a unit ("two weeks", "three times a day", "half an hour", "one in ten");
/// "once" only as a frequency ("once a day"), because "once you are home" is no number. "a" or
/// "an" before a unit of time is a 1 ("for an hour"), except as a rate ("2 litres a day").
pub fn quantities_en(text: &str) -> Vec<Quantity> {
    // No quantity starts before the first digit or word that `english_word` reads: the text
    // before it (in about half the paragraphs of a leaflet, all of it) is passed over without
    // building the character table.
    let Some(first) = first_possible_english_quantity(text) else {
        return Vec::new();
    };
    let t = Chars::new(text);
    let mut out = Vec::new();
    let mut i = t.index_of(first);
    while i < t.len() {
        let c = t.chars[i];
        i = if t.is_hidden(i) {
            i + 1
        } else if is_digit(c) && t.starts_number(i) {
            english_number(&t, i, &mut out)
        } else if c.is_ascii_alphabetic() && !t.before(i).is_some_and(|p| p.is_ascii_alphabetic()) {
            english_word(&t, i, &mut out)
        } else {
            i + 1
        };
    }
    out.retain(|q| !is_bare_year(q));
    out
}

/// The byte offset of the first digit, or of the first word [`english_word`] reads, in `text`.
/// Until there, the loop of [`quantities_en`] only steps over characters and words.
fn first_possible_english_quantity(text: &str) -> Option<usize> {
    let mut word_start = None;
    for (offset, c) in text.char_indices() {
        if c.is_ascii_alphabetic() {
            word_start.get_or_insert(offset);
            continue;
        }
        if let Some(start) = word_start.take()
            && is_known_word(&text[start..offset])
        {
            return Some(start);
        }
        if is_digit(c) {
            return Some(offset);
        }
    }
    word_start.filter(|&start| is_known_word(&text[start..]))
}

/// Quantities in Chinese text, in order.
///
/// Digits as in English, with or without a space before the unit ("6 小时", "6小时", "1,000
/// 毫升", "1 万"), ranges ("30 到 45 分钟", "2 至 4 周", "三到四天", "两三天"), frequencies ("每天
/// 3 次", "每周两次", "一天三次", "3 次/天", "早晚各一次" = 2 a day), clock times ("08:30",
/// "下午 2 点", "8点半") and phone numbers. Chinese numerals (一 二 两 三 … 十 百 千 万) count only
/// directly before a unit or measure word ("两周", "六小时", "三个月", "一个半小时", "半小时"),
/// so 一些 一下 一起 一般 一定 一直 唯一 一样 一旦 万一 之一 一边 十分 一点 千万 are not numbers.
/// Counts of people ("每十人中有九人") count only in such a rate. "一次" counts (1 time) but
/// an "一次" after "每 4 小时" is the "every" of "every 4 hours" and is dropped; "二次" is
/// "secondary" unless it is a frequency ("每日二次"); "一次性" is "disposable".
pub fn quantities_zh(text: &str) -> Vec<Quantity> {
    // Every quantity starts at a digit, a numeral or 半 (see the loop below): the text before
    // the first of them (in most sentences, all of it) is passed over without building the
    // character table.
    let Some(first) = text.find(|c| is_digit(c) || is_numeral(c) || c == '半') else {
        return Vec::new();
    };
    let t = Chars::new(text);
    let mut out = Vec::new();
    let mut i = t.index_of(first);
    while i < t.len() {
        let c = t.chars[i];
        let after_numeral = t.before(i).is_some_and(is_numeral);
        i = if t.is_hidden(i) {
            i + 1
        } else if is_digit(c) && t.starts_number(i) {
            chinese_digits(&t, i, &mut out)
        } else if is_numeral_start(c) && !after_numeral {
            chinese_numeral(&t, i, &mut out)
        } else if matches!(c, '百' | '千' | '万') && !after_numeral && t.has(i + 1, "分之") {
            // 百分之, 千分之, 万分之
            chinese_per_hundred(&t, i, &mut out)
        } else if c == '半' && !after_numeral && t.before(i) != Some('个') {
            chinese_half(&t, i, &mut out)
        } else {
            i + 1
        };
    }
    chinese_frequencies(&t, &mut out);
    out.retain(|q| !is_bare_year(q));
    out
}

/// Quantities of `a` with no equal partner in `b` and vice versa, as indices.
///
/// Each quantity is paired with at most one in the other language (a multiset matching, as
/// large as possible). Two quantities are equal when their values are equal in a common unit
/// ("1 litre" = "1000 毫升", "48 hours" = "2 天"), when one has no recognised unit and the
/// numbers are equal (to avoid false alarms on phrasing: "over 65" = "65 岁"), or when one is a
/// count of times and the other a frequency with the same number. Phone numbers are equal when
/// their digits are.
///
/// A 1 written as a word ("一", "one", "an hour") is often just the article "a" ("一个小切口" = "a small
/// cut", "做一次检查" = "have a check-up"), so such a quantity (other than a frequency) is paired
/// when it can be but never reported by itself: if the other language says 2, that 2 is reported.
pub fn unmatched(a: &[Quantity], b: &[Quantity]) -> (Vec<usize>, Vec<usize>) {
    // Candidates for each quantity of `a`: exact partners first, then looser ones, each with
    // partners that would be reported before those that would not.
    let candidates: Vec<Vec<usize>> = a
        .iter()
        .map(|qa| {
            let mut found: Vec<(u8, usize)> = b
                .iter()
                .enumerate()
                .filter_map(|(j, qb)| {
                    let exact = match correspondence(qa, qb)? {
                        Correspondence::Exact => 0,
                        Correspondence::Loose => 2,
                    };
                    Some((exact + u8::from(may_be_article(qb)), j))
                })
                .collect();
            found.sort();
            found.into_iter().map(|(_, j)| j).collect()
        })
        .collect();
    let mut partner_of_b: Vec<Option<usize>> = vec![None; b.len()];
    // Quantities that would be reported get their partners first.
    let mut order: Vec<usize> = (0..a.len()).collect();
    order.sort_by_key(|&i| may_be_article(&a[i]));
    for i in order {
        let mut visited = vec![false; b.len()];
        find_partner(i, &candidates, &mut partner_of_b, &mut visited);
    }
    let mut matched_a = vec![false; a.len()];
    for i in partner_of_b.iter().flatten() {
        matched_a[*i] = true;
    }
    let lonely_a = (0..a.len())
        .filter(|&i| !matched_a[i] && !may_be_article(&a[i]))
        .collect();
    let lonely_b = (0..b.len())
        .filter(|&j| partner_of_b[j].is_none() && !may_be_article(&b[j]))
        .collect();
    (lonely_a, lonely_b)
}

/// Augmenting path search (Kuhn's algorithm): gives `i` a partner, moving earlier pairs to other
/// partners when that frees one.
fn find_partner(
    i: usize,
    candidates: &[Vec<usize>],
    partner_of_b: &mut [Option<usize>],
    visited: &mut [bool],
) -> bool {
    for &j in &candidates[i] {
        if visited[j] {
            continue;
        }
        visited[j] = true;
        if partner_of_b[j].is_none_or(|k| find_partner(k, candidates, partner_of_b, visited)) {
            partner_of_b[j] = Some(i);
            return true;
        }
    }
    false
}

enum Correspondence {
    Exact,
    Loose,
}

fn correspondence(x: &Quantity, y: &Quantity) -> Option<Correspondence> {
    use Correspondence::*;
    match (x.unit, y.unit) {
        (Some(Unit::PhoneNumber), Some(Unit::PhoneNumber)) => {
            (digits_of(&x.text) == digits_of(&y.text)).then_some(Exact)
        }
        (Some(Unit::PhoneNumber), _) | (_, Some(Unit::PhoneNumber)) => None,
        (None, None) => same(x.value, y.value).then_some(Exact),
        (None, _) | (_, None) => same(x.value, y.value).then_some(Loose),
        (Some(u), Some(v)) if u == v => same(x.value, y.value).then_some(Exact),
        (Some(u), Some(v))
            if (u == Unit::Times && v.is_frequency()) || (v == Unit::Times && u.is_frequency()) =>
        {
            same(x.value, y.value).then_some(Loose)
        }
        (Some(u), Some(v)) => {
            let ((base_u, factor_u), (base_v, factor_v)) = (u.base(), v.base());
            (base_u == base_v && same(x.value * factor_u, y.value * factor_v)).then_some(Exact)
        }
    }
}

fn same(x: f64, y: f64) -> bool {
    (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0)
}

fn digits_of(text: &str) -> String {
    text.chars()
        .filter_map(digit_value)
        .map(|d| char::from(b'0' + d as u8))
        .collect()
}

/// A 1 written as a word, which may stand for the article "a" (see [`unmatched`]).
fn may_be_article(q: &Quantity) -> bool {
    q.value == 1.0
        && !q.text.chars().next().is_some_and(is_digit)
        && !q.unit.is_some_and(Unit::is_frequency)
}

/// "in 2026", "2000": a year more likely than a quantity, skipped in both languages alike (so
/// "1 in 2000" is not compared, the price of never flagging a year).
fn is_bare_year(q: &Quantity) -> bool {
    let leading_digits = q.text.chars().take_while(char::is_ascii_digit).count();
    let after = q.text.chars().nth(leading_digits);
    q.unit.is_none()
        && leading_digits == 4
        && !matches!(after, Some(',' | '.'))
        && q.value.fract() == 0.0
        && (1900.0..=2100.0).contains(&q.value)
}

// ---------------------------------------------------------------------------------------------
// Characters

/// The text as characters with their byte offsets, so rules can look around by character.
struct Chars<'a> {
    text: &'a str,
    chars: Vec<char>,
    /// Byte offset of each character, and the text's length at the end.
    offsets: Vec<usize>,
    /// Web and e-mail addresses, as ranges of character indexes: their characters are skipped.
    hidden: Vec<Range<usize>>,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Chars<'a> {
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
    fn is_hidden(&self, i: usize) -> bool {
        self.hidden.iter().any(|r| r.contains(&i))
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn before(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|k| self.at(k))
    }

    fn bytes(&self, r: Range<usize>) -> Range<usize> {
        self.offsets[r.start]..self.offsets[r.end]
    }

    fn str(&self, r: Range<usize>) -> &'a str {
        &self.text[self.bytes(r)]
    }

    /// The character index of a byte offset.
    fn index_of(&self, byte: usize) -> usize {
        self.offsets.partition_point(|&o| o < byte)
    }

    /// Whether `s` is written at `i`, ASCII letters compared without case.
    fn has(&self, i: usize, s: &str) -> bool {
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
    fn has_word(&self, i: usize, s: &str) -> bool {
        self.has(i, s)
            && !self
                .at(i + s.chars().count())
                .is_some_and(|c| c.is_ascii_alphanumeric())
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(char::is_whitespace) {
            i += 1;
        }
        i
    }

    /// The index after the last non-space character before `i`.
    fn skip_spaces_back(&self, mut i: usize) -> usize {
        while self.before(i).is_some_and(char::is_whitespace) {
            i -= 1;
        }
        i
    }

    /// A number starts here: not in the middle of one ("1.5", "1,000") nor of a word.
    fn starts_number(&self, i: usize) -> bool {
        match self.before(i) {
            Some(p) if is_digit(p) => false,
            Some('.') => !self.at(i.wrapping_sub(2)).is_some_and(is_digit),
            _ => true,
        }
    }

    fn digit_run_end(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(is_digit) {
            i += 1;
        }
        i
    }

    /// The value of the digits in a range of characters.
    fn number(&self, r: Range<usize>) -> f64 {
        digits_of(self.str(r)).parse().unwrap_or(0.0)
    }

    /// The end of a token glued together by letters, digits and joiners (a code, a date).
    fn token_end(&self, mut i: usize) -> usize {
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
    fn word_before(&self, i: usize) -> String {
        let end = self.skip_spaces_back(i);
        let mut start = end;
        while self.before(start).is_some_and(|c| c.is_ascii_alphabetic()) {
            start -= 1;
        }
        self.str(start..end).to_ascii_lowercase()
    }
}

/// ASCII and full-width digits.
fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

// ---------------------------------------------------------------------------------------------
// Numbers written in digits, shared by both languages

enum Reading {
    /// A date, a code or a ratio.
    Skip,
    Value(f64),
    TimeOfDay(f64),
    Phone,
}

struct Lexed {
    /// Where it starts: before the digits for "+44 …" and "(020) …".
    start: usize,
    end: usize,
    reading: Reading,
}

/// Reads the number written in digits at `i`.
fn lex_number(t: &Chars, i: usize) -> Lexed {
    let lexed = |start, end, reading| Lexed {
        start,
        end,
        reading,
    };
    // Part of a code or a name: GAS-0101, COVID-19, B12, A4.
    let glued = match t.before(i) {
        Some(p) if p.is_ascii_alphabetic() => true,
        Some('-' | '_' | '/' | '#') => t
            .at(i.wrapping_sub(2))
            .is_some_and(|c| c.is_ascii_alphabetic()),
        _ => false,
    };
    if glued {
        return lexed(i, t.token_end(i), Reading::Skip);
    }
    let run1 = t.digit_run_end(i);
    let len1 = run1 - i;
    let sep = t.at(run1);
    // Dates (2026-03-02, 2026/3/2, 2026.3.2, 02/03/2026, 2.3.2026) and ratios (1/2, 24/7).
    if let Some(s @ ('-' | '/' | '.')) = sep {
        let run2 = t.digit_run_end(run1 + 1);
        let len2 = run2 - (run1 + 1);
        if len2 > 0 {
            if t.at(run2) == Some(s) {
                let run3 = t.digit_run_end(run2 + 1);
                let len3 = run3 - (run2 + 1);
                let year_first = len1 == 4 && (1..=2).contains(&len2) && (1..=2).contains(&len3);
                let day_first =
                    (1..=2).contains(&len1) && (1..=2).contains(&len2) && (len3 == 2 || len3 == 4);
                if year_first || day_first {
                    return lexed(i, run3, Reading::Skip);
                }
            }
            if s == '/' {
                return lexed(i, run2, Reading::Skip);
            }
        }
    }
    // Clock times: 08:30, 17:00, 8:30pm, and 8.30am or 2pm with am/pm only.
    if (1..=2).contains(&len1) {
        let hours = t.number(i..run1);
        if let Some(':' | '：' | '.') = sep {
            let minutes_end = t.digit_run_end(run1 + 1);
            let minutes = t.number(run1 + 1..minutes_end);
            if minutes_end - (run1 + 1) == 2 && hours <= 24.0 && minutes < 60.0 {
                let value = hours + minutes / 60.0;
                if let Some((end, pm)) = am_pm(t, minutes_end) {
                    return lexed(i, end, Reading::TimeOfDay(twelve_hour(value, pm)));
                }
                if sep != Some('.') {
                    return lexed(i, minutes_end, Reading::TimeOfDay(value));
                }
            }
        }
        if let Some((end, pm)) = am_pm(t, run1)
            && (1.0..=12.0).contains(&hours)
        {
            return lexed(i, end, Reading::TimeOfDay(twelve_hour(hours, pm)));
        }
    }
    if let Some(phone) = phone_number(t, i, run1) {
        return phone;
    }
    // Plain numbers, with thousands separators and decimals.
    let mut end = run1;
    let mut digits = digits_of(t.str(i..run1));
    if len1 <= 3 {
        while t.at(end) == Some(',') && t.digit_run_end(end + 1) == end + 4 {
            digits.push_str(&digits_of(t.str(end + 1..end + 4)));
            end += 4;
        }
    }
    if t.at(end) == Some('.') && t.at(end + 1).is_some_and(is_digit) {
        let decimals_end = t.digit_run_end(end + 1);
        digits.push('.');
        digits.push_str(&digits_of(t.str(end + 1..decimals_end)));
        end = decimals_end;
    }
    lexed(i, end, Reading::Value(digits.parse().unwrap_or(0.0)))
}

/// "am", "pm", "a.m.", "p.m." after a number (one space allowed): its end and whether it is pm.
fn am_pm(t: &Chars, i: usize) -> Option<(usize, bool)> {
    let k = if t.at(i) == Some(' ') { i + 1 } else { i };
    for (form, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if t.has_word(k, form) {
            return Some((k + form.len(), pm));
        }
    }
    None
}

fn twelve_hour(hours: f64, pm: bool) -> f64 {
    match (pm, hours < 12.0) {
        (true, true) => hours + 12.0,
        (false, false) if hours < 13.0 => hours - 12.0,
        _ => hours,
    }
}

/// Digit groups separated by single spaces or hyphens ("020 7946 0123", "0800 123 4567",
/// "+44 20 7946 0123", "(020) 7946 0123", "400-123-4567") or one run of 8 digits or more
/// ("13812345678"). Groups after the first have 3 digits or more, so a number that follows
/// ("… 0123 24 hours a day") is not swallowed, and several groups need a leading 0, a `+`,
/// brackets or 3 groups, so "1000-2000" stays a range.
fn phone_number(t: &Chars, i: usize, run1: usize) -> Option<Lexed> {
    let plus = t.before(i) == Some('+');
    let bracket = t.before(i) == Some('(')
        && t.at(run1) == Some(')')
        && t.at(run1 + 1) == Some(' ')
        && t.at(run1 + 2).is_some_and(is_digit);
    let mut groups = Vec::new();
    groups.push(i..run1);
    let mut end = if bracket { run1 + 1 } else { run1 };
    while let Some(' ' | '\u{a0}' | '-') = t.at(end)
        && t.at(end + 1).is_some_and(is_digit)
    {
        let group_end = t.digit_run_end(end + 1);
        let short_ok = plus && groups.len() == 1;
        if group_end - (end + 1) < 3 && !short_ok {
            break;
        }
        groups.push(end + 1..group_end);
        end = group_end;
    }
    let total: usize = groups.iter().map(|g| g.len()).sum();
    let leading_zero = groups
        .iter()
        .any(|g| t.at(g.start).and_then(digit_value) == Some(0));
    let followed_by_number =
        matches!(t.at(end), Some('.' | ',')) && t.at(end + 1).is_some_and(is_digit);
    let phone = if groups.len() == 1 {
        total >= 8 && !followed_by_number
    } else {
        total >= 7 && (plus || bracket || leading_zero || groups.len() >= 3)
    };
    phone.then(|| Lexed {
        start: if plus || bracket { i - 1 } else { i },
        end,
        reading: Reading::Phone,
    })
}

fn push(t: &Chars, out: &mut Vec<Quantity>, chars: Range<usize>, value: f64, unit: Option<Unit>) {
    out.push(Quantity {
        value,
        unit,
        range: t.bytes(chars.clone()),
        text: t.str(chars).to_string(),
    });
}

/// Pushes what `lex_number` read, unless it is a plain value; returns the end then.
fn push_special(
    t: &Chars,
    out: &mut Vec<Quantity>,
    lexed: &Lexed,
    time_shift: f64,
) -> Option<usize> {
    match lexed.reading {
        Reading::Skip => {}
        Reading::Phone => {
            let value = t.number(lexed.start..lexed.end);
            push(
                t,
                out,
                lexed.start..lexed.end,
                value,
                Some(Unit::PhoneNumber),
            );
        }
        Reading::TimeOfDay(hours) => {
            let hours = if hours < 12.0 {
                hours + time_shift
            } else {
                hours
            };
            push(t, out, lexed.start..lexed.end, hours, Some(Unit::TimeOfDay));
        }
        Reading::Value(_) => return None,
    }
    Some(lexed.end)
}

/// A unit found after a number.
struct UnitMatch {
    unit: Option<Unit>,
    end: usize,
    /// 0.5 for "and a half", "个半", "天半".
    half: f64,
    /// What one of this unit is worth in `unit` ("刻钟" is 15 minutes).
    factor: f64,
    /// A count of people ("人", "例"), which numerals give only in a rate.
    people: bool,
}

impl UnitMatch {
    fn value(&self, number: f64) -> f64 {
        (number + self.half) * self.factor
    }
}

// ---------------------------------------------------------------------------------------------
// English

#[derive(Clone, Copy, PartialEq)]
enum Form {
    /// A word: follows number words too ("two weeks").
    Word,
    /// An abbreviation or symbol, after digits only ("5 mg"), without case.
    Abbreviation,
    /// A one-letter symbol, after digits only, with case ("5 m", "2 L").
    Letter,
}

const ENGLISH_UNITS: &[(&str, Unit, Form)] = {
    use Form::*;
    use Unit::*;
    &[
        ("seconds", Second, Word),
        ("second", Second, Word),
        ("secs", Second, Abbreviation),
        ("sec", Second, Abbreviation),
        ("minutes", Minute, Word),
        ("minute", Minute, Word),
        ("mins", Minute, Abbreviation),
        ("min", Minute, Abbreviation),
        ("hours", Hour, Word),
        ("hour", Hour, Word),
        ("hrs", Hour, Abbreviation),
        ("hr", Hour, Abbreviation),
        ("h", Hour, Letter),
        ("days", Day, Word),
        ("day", Day, Word),
        ("weeks", Week, Word),
        ("week", Week, Word),
        ("wks", Week, Abbreviation),
        ("wk", Week, Abbreviation),
        ("months", Month, Word),
        ("month", Month, Word),
        ("years", Year, Word),
        ("year", Year, Word),
        ("yrs", Year, Abbreviation),
        ("yr", Year, Abbreviation),
        ("times", Times, Word),
        ("time", Times, Word),
        ("micrograms", Microgram, Word),
        ("microgram", Microgram, Word),
        ("mcg", Microgram, Abbreviation),
        ("µg", Microgram, Abbreviation),
        ("μg", Microgram, Abbreviation),
        ("milligrams", Milligram, Word),
        ("milligram", Milligram, Word),
        ("mg", Milligram, Abbreviation),
        ("kilograms", Kilogram, Word),
        ("kilogram", Kilogram, Word),
        ("kilos", Kilogram, Word),
        ("kilo", Kilogram, Word),
        ("kg", Kilogram, Abbreviation),
        ("grams", Gram, Word),
        ("gram", Gram, Word),
        ("grammes", Gram, Word),
        ("gramme", Gram, Word),
        ("g", Gram, Letter),
        ("millilitres", Millilitre, Word),
        ("millilitre", Millilitre, Word),
        ("milliliters", Millilitre, Word),
        ("milliliter", Millilitre, Word),
        ("ml", Millilitre, Abbreviation),
        ("litres", Litre, Word),
        ("litre", Litre, Word),
        ("liters", Litre, Word),
        ("liter", Litre, Word),
        ("l", Litre, Letter),
        ("L", Litre, Letter),
        ("mmol/l", MillimolePerLitre, Abbreviation),
        ("mmhg", MillimetreOfMercury, Abbreviation),
        ("millimetres", Millimetre, Word),
        ("millimetre", Millimetre, Word),
        ("millimeters", Millimetre, Word),
        ("millimeter", Millimetre, Word),
        ("mm", Millimetre, Abbreviation),
        ("centimetres", Centimetre, Word),
        ("centimetre", Centimetre, Word),
        ("centimeters", Centimetre, Word),
        ("centimeter", Centimetre, Word),
        ("cm", Centimetre, Abbreviation),
        ("kilometres", Kilometre, Word),
        ("kilometre", Kilometre, Word),
        ("kilometers", Kilometre, Word),
        ("kilometer", Kilometre, Word),
        ("km", Kilometre, Abbreviation),
        ("metres", Metre, Word),
        ("metre", Metre, Word),
        ("meters", Metre, Word),
        ("meter", Metre, Word),
        ("m", Metre, Letter),
        ("per cent", Percent, Word),
        ("percent", Percent, Word),
        ("%", Percent, Abbreviation),
        ("tablets", Tablet, Word),
        ("tablet", Tablet, Word),
        ("pills", Capsule, Word),
        ("pill", Capsule, Word),
        ("capsules", Capsule, Word),
        ("capsule", Capsule, Word),
        ("sachets", Sachet, Word),
        ("sachet", Sachet, Word),
        ("cups", Cup, Word),
        ("cup", Cup, Word),
        ("cupfuls", Cup, Word),
        ("cupful", Cup, Word),
        ("glasses", Cup, Word),
        ("glass", Cup, Word),
        ("teaspoons", Spoon, Word),
        ("teaspoon", Spoon, Word),
        ("tablespoons", Spoon, Word),
        ("tablespoon", Spoon, Word),
        ("spoonfuls", Spoon, Word),
        ("spoonful", Spoon, Word),
        ("spoons", Spoon, Word),
        ("spoon", Spoon, Word),
        ("drops", Drop, Word),
        ("drop", Drop, Word),
        ("puffs", Puff, Word),
        ("puff", Puff, Word),
        ("sprays", Puff, Word),
        ("spray", Puff, Word),
        ("doses", Dose, Word),
        ("dose", Dose, Word),
        ("units", InternationalUnit, Word),
        ("unit", InternationalUnit, Word),
        ("iu", InternationalUnit, Abbreviation),
        ("degrees celsius", Degree, Word),
        ("degrees centigrade", Degree, Word),
        ("degrees c", Degree, Word),
        ("degrees", Degree, Word),
        ("degree", Degree, Word),
        ("°c", Degree, Abbreviation),
        ("° c", Degree, Abbreviation),
        ("ºc", Degree, Abbreviation),
        ("℃", Degree, Abbreviation),
        ("°", Degree, Abbreviation),
        ("o'clock", TimeOfDay, Word),
        ("o’clock", TimeOfDay, Word),
    ]
};

/// "a day", "daily"… after "times", "twice" or "once".
const ENGLISH_PERIODS: &[(&str, Unit)] = {
    use Unit::*;
    &[
        ("a day", TimesPerDay),
        ("per day", TimesPerDay),
        ("each day", TimesPerDay),
        ("every day", TimesPerDay),
        ("in a day", TimesPerDay),
        ("daily", TimesPerDay),
        ("a week", TimesPerWeek),
        ("per week", TimesPerWeek),
        ("each week", TimesPerWeek),
        ("every week", TimesPerWeek),
        ("in a week", TimesPerWeek),
        ("weekly", TimesPerWeek),
        ("a month", TimesPerMonth),
        ("per month", TimesPerMonth),
        ("each month", TimesPerMonth),
        ("every month", TimesPerMonth),
        ("monthly", TimesPerMonth),
        ("a year", TimesPerYear),
        ("per year", TimesPerYear),
        ("each year", TimesPerYear),
        ("every year", TimesPerYear),
        ("yearly", TimesPerYear),
        ("annually", TimesPerYear),
    ]
};

/// "3 times as likely", "twice the dose": a multiple, not a count.
const FOLD_WORDS: &[&str] = &[
    "as", "more", "less", "higher", "greater", "lower", "bigger", "smaller", "the",
];

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// A capitalised month name ending at `i` or starting at `i` (spaces skipped): the number next
/// to it is part of a date. "may" and "march" in lower case are verbs.
fn month_name_near(t: &Chars, number: Range<usize>) -> bool {
    let is_month = |start: usize, end: usize| {
        let word = t.str(start..end);
        word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && MONTHS.contains(&word.to_ascii_lowercase().as_str())
    };
    let end = t.skip_spaces_back(number.start);
    let mut start = end;
    while t.before(start).is_some_and(|c| c.is_ascii_alphabetic()) {
        start -= 1;
    }
    let mut after = t.skip_spaces(number.end);
    if t.has_word(after, "of") {
        after = t.skip_spaces(after + 2);
    }
    let mut after_end = after;
    while t.at(after_end).is_some_and(|c| c.is_ascii_alphabetic()) {
        after_end += 1;
    }
    let month_before = start < end && is_month(start, end);
    let month_before_with_dot = t.before(end) == Some('.') && {
        let mut s = end - 1;
        while t.before(s).is_some_and(|c| c.is_ascii_alphabetic()) {
            s -= 1;
        }
        s < end - 1 && is_month(s, end - 1)
    };
    month_before || month_before_with_dot || (after < after_end && is_month(after, after_end))
}

/// The unit after a number ending at `i`: optional spaces or a hyphen ("48-hour"), optional
/// "and a half", then the longest unit written there.
fn english_unit_after(t: &Chars, i: usize, words_only: bool) -> Option<UnitMatch> {
    let mut k = t.skip_spaces(i);
    if k == i && t.at(i) == Some('-') && t.at(i + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
        k = i + 1;
    }
    let mut half = 0.0;
    if t.has_word(k, "and a half") {
        half = 0.5;
        k = t.skip_spaces(k + "and a half".len());
    }
    // Most units do not start with the character here: they are passed over at once.
    let first = t.at(k)?;
    let (form, unit, _) = ENGLISH_UNITS
        .iter()
        .filter(|(form, _, _)| form.starts_with(|c: char| c.eq_ignore_ascii_case(&first)))
        .filter(|(form, _, kind)| {
            let fits = match kind {
                Form::Word => true,
                Form::Abbreviation => !words_only,
                Form::Letter => {
                    !words_only
                        && t.chars.get(k..k + 1) == Some(&[form.chars().next().unwrap_or(' ')][..])
                }
            };
            let ends_in_letter = form.chars().last().is_some_and(|c| c.is_ascii_alphabetic());
            fits && if ends_in_letter {
                t.has_word(k, form)
            } else {
                t.has(k, form)
            }
        })
        .max_by_key(|(form, _, _)| form.chars().count())?;
    let mut end = k + form.chars().count();
    let mut unit = *unit;
    if unit == Unit::Year && (t.has_word(end, " old") || t.has_word(end, "-old")) {
        end += 4;
    }
    if unit == Unit::Times {
        if let Some((per, per_end)) = times_period(t, end) {
            unit = per;
            end = per_end;
        } else if followed_by_fold_word(t, end) {
            unit = Unit::Fold;
        }
    }
    Some(UnitMatch {
        unit: Some(unit),
        end,
        half,
        factor: 1.0,
        people: false,
    })
}

/// "a day", "daily", "per week"… after "times", "twice" or "once".
fn times_period(t: &Chars, i: usize) -> Option<(Unit, usize)> {
    let k = t.skip_spaces(i);
    ENGLISH_PERIODS
        .iter()
        .find(|(phrase, _)| t.has_word(k, phrase))
        .map(|(phrase, unit)| (*unit, k + phrase.len()))
}

fn followed_by_fold_word(t: &Chars, i: usize) -> bool {
    let k = t.skip_spaces(i);
    k > i && FOLD_WORDS.iter().any(|w| t.has_word(k, w))
}

/// A number word at `i` ("four", "twenty-four"): its value and end.
fn number_word_at(t: &Chars, i: usize) -> Option<(f64, usize)> {
    if t.before(i).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let (word, value) = NUMBER_WORDS.iter().find(|(w, _)| t.has_word(i, w))?;
    let end = i + word.len();
    if *value >= 20.0 && t.at(end) == Some('-') {
        let ones = NUMBER_WORDS[..9]
            .iter()
            .find(|(w, _)| t.has_word(end + 1, w));
        if let Some((w, v)) = ones {
            return Some((value + v, end + 1 + w.len()));
        }
    }
    Some((*value, end))
}

fn english_number(t: &Chars, i: usize, out: &mut Vec<Quantity>) -> usize {
    let lexed = lex_number(t, i);
    if let Some(end) = push_special(t, out, &lexed, 0.0) {
        return end;
    }
    let Reading::Value(value) = lexed.reading else {
        return lexed.end;
    };
    let (start, end) = (lexed.start, lexed.end);
    if month_name_near(t, start..end) {
        return end;
    }
    if let Some(unit) = english_unit_after(t, end, false) {
        push(t, out, start..unit.end, unit.value(value), unit.unit);
        return unit.end;
    }
    if t.at(end).is_some_and(|c| c.is_ascii_alphabetic()) {
        // "3rd floor": an ordinal is its number ("2nd March" is a date).
        let ordinal = ["st", "nd", "rd", "th"].iter().any(|s| t.has_word(end, s));
        if ordinal && !month_name_near(t, start..end + 2) {
            push(t, out, start..end + 2, value, None);
        }
        // Otherwise a code: "3D", "2x".
        return t.token_end(end);
    }
    if let Some(range_end) = english_range(t, start..end, value, false, out) {
        return range_end;
    }
    push(t, out, start..end, value, None);
    end
}

/// A range after the first number `a`: "30 to 45 minutes", "30–45", "1 or 2 days", "between
/// 2 and 4 hours". The unit after the second number applies to both. Pushes both and returns
/// the end, or nothing if there is no range (or, after a number word, no unit).
fn english_range(
    t: &Chars,
    a: Range<usize>,
    a_value: f64,
    a_is_word: bool,
    out: &mut Vec<Quantity>,
) -> Option<usize> {
    let k = t.skip_spaces(a.end);
    let spaced = k > a.end;
    let connector = match t.at(k) {
        Some('-' | '–' | '—' | '~') => 1,
        _ if spaced && t.has_word(k, "to") => 2,
        _ if spaced && t.has_word(k, "or") => 2,
        _ if spaced && t.has_word(k, "and") && t.word_before(a.start) == "between" => 3,
        _ => return None,
    };
    let m = t.skip_spaces(k + connector);
    let (b_end, b_value, b_is_word) = if t.at(m).is_some_and(is_digit) {
        let lexed = lex_number(t, m);
        let Reading::Value(v) = lexed.reading else {
            return None;
        };
        (lexed.end, v, false)
    } else if let Some((v, end)) = number_word_at(t, m) {
        (end, v, true)
    } else if t.has_word(m, "twice") {
        (m + 5, 2.0, true)
    } else {
        return None;
    };
    let twice = b_is_word && t.has_word(m, "twice");
    let unit = if twice {
        let period = times_period(t, b_end);
        Some(UnitMatch {
            unit: Some(period.map_or(Unit::Times, |(u, _)| u)),
            end: period.map_or(b_end, |(_, e)| e),
            half: 0.0,
            factor: 1.0,
            people: false,
        })
    } else {
        english_unit_after(t, b_end, b_is_word)
    };
    match unit {
        Some(unit) => {
            push(t, out, a.start..unit.end, a_value, unit.unit);
            push(t, out, m..unit.end, unit.value(b_value), unit.unit);
            Some(unit.end)
        }
        None if !a_is_word
            && !b_is_word
            && !t.at(b_end).is_some_and(|c| c.is_ascii_alphabetic()) =>
        {
            push(t, out, a.clone(), a_value, None);
            push(t, out, m..b_end, b_value, None);
            Some(b_end)
        }
        None => None,
    }
}

/// Number words and the words "once", "twice", "half" at the start of a word.
fn english_word(t: &Chars, i: usize, out: &mut Vec<Quantity>) -> usize {
    let mut word_end = i;
    while t.at(word_end).is_some_and(|c| c.is_ascii_alphabetic()) {
        word_end += 1;
    }
    // Most words are none of the ones below: one comparison against each instead of the
    // dozens of prefix tests that follow (this loop runs for every word of every leaflet).
    if !is_known_word(t.str(i..word_end)) {
        return word_end;
    }
    if t.has_word(i, "once") || t.has_word(i, "twice") {
        let value = if t.has_word(i, "once") { 1.0 } else { 2.0 };
        if let Some((unit, end)) = times_period(t, word_end) {
            push(t, out, i..end, value, Some(unit));
            return end;
        }
        if let Some(end) = english_range(t, i..word_end, value, true, out) {
            return end;
        }
        // "Once you are home" is no number; "do it twice" is.
        if value == 2.0 {
            let unit = if followed_by_fold_word(t, word_end) {
                Unit::Fold
            } else {
                Unit::Times
            };
            push(t, out, i..word_end, value, Some(unit));
        }
        return word_end;
    }
    if t.has_word(i, "half") {
        // "half an hour", "half a tablet"
        let k = t.skip_spaces(word_end);
        for article in ["an", "a"] {
            if t.has_word(k, article)
                && let Some(unit) = english_unit_after(t, k + article.len(), true)
            {
                push(t, out, i..unit.end, 0.5, unit.unit);
                return unit.end;
            }
        }
        return word_end;
    }
    if t.has_word(i, "a") || t.has_word(i, "an") {
        return english_article(t, i, word_end, out);
    }
    let Some((value, end)) = number_word_at(t, i) else {
        return word_end;
    };
    if let Some(unit) = english_unit_after(t, end, true) {
        push(t, out, i..unit.end, unit.value(value), unit.unit);
        return unit.end;
    }
    if let Some(range_end) = english_range(t, i..end, value, true, out) {
        return range_end;
    }
    // Fractions: "one in ten", "nine in 10", and the "ten" of "1 in ten".
    let k = t.skip_spaces(end);
    if k > end && t.has_word(k, "in") {
        let m = t.skip_spaces(k + 2);
        if m > k + 2 && t.at(m).is_some_and(is_digit) {
            push(t, out, i..end, value, None);
            return end;
        }
        if m > k + 2
            && let Some((second, second_end)) = number_word_at(t, m)
        {
            push(t, out, i..end, value, None);
            push(t, out, m..second_end, second, None);
            return second_end;
        }
    }
    if t.word_before(i) == "in" {
        let k = t.skip_spaces_back(i) - 2;
        let before = t.skip_spaces_back(k);
        if before < k && t.before(before).is_some_and(is_digit) {
            push(t, out, i..end, value, None);
        }
    }
    end
}

/// Whether a whole word (a run of ASCII letters) is one [`english_word`] reads: "once",
/// "twice", "half", "a", "an" or a number word, in any case.
fn is_known_word(word: &str) -> bool {
    // The words looked for, by length: most words are compared with a few or none.
    static KNOWN_WORDS: LazyLock<Vec<Vec<&str>>> = LazyLock::new(|| {
        let mut by_length: Vec<Vec<&str>> = Vec::new();
        for word in ["once", "twice", "half", "a", "an"]
            .into_iter()
            .chain(NUMBER_WORDS.iter().map(|(w, _)| *w))
        {
            if by_length.len() <= word.len() {
                by_length.resize(word.len() + 1, Vec::new());
            }
            by_length[word.len()].push(word);
        }
        by_length
    });
    KNOWN_WORDS
        .get(word.len())
        .is_some_and(|words| words.iter().any(|w| w.eq_ignore_ascii_case(word)))
}

/// "for an hour", "about a week", "an hour and a half": a 1 that a translation may well write
/// as "1 小时". It may be an article ("a day or two") and so is never reported by itself (see
/// [`unmatched`]), and none is taken after a number ("2 litres a day" is a rate).
fn english_article(t: &Chars, i: usize, word_end: usize, out: &mut Vec<Quantity>) -> usize {
    let k = t.skip_spaces(word_end);
    // Most articles are followed by no unit of time: that is checked first, and the word
    // before is read once, not once for each unit it is compared with.
    let Some(unit_word) = ["second", "minute", "hour", "day", "week", "month", "year"]
        .iter()
        .find(|u| t.has_word(k, u))
    else {
        return word_end;
    };
    let after_number = t
        .before(t.skip_spaces_back(i))
        .is_some_and(|c| c.is_ascii_digit())
        || {
            let word_before = t.word_before(i);
            ENGLISH_UNITS
                .iter()
                .any(|(form, _, kind)| *kind == Form::Word && word_before == *form)
        };
    if after_number {
        return word_end;
    }
    let Some(unit) = english_unit_after(t, k, true) else {
        return word_end;
    };
    let mut end = k + unit_word.len();
    let mut value = 1.0;
    let m = t.skip_spaces(end);
    if t.has_word(m, "and a half") {
        value = 1.5;
        end = m + "and a half".len();
    }
    push(t, out, i..end, value, unit.unit);
    end
}

// ---------------------------------------------------------------------------------------------
// Chinese

/// Chinese numerals: 零 〇 一 二 两 三 四 五 六 七 八 九 十 百 千 万. A `match`, not a search
/// in a string of them: this is asked for nearly every character of Chinese text.
fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
    )
}

/// Numerals a number can start with: 百, 千 and 万 need one before them ("千万" means "be sure
/// to", "万一" means "in case").
fn is_numeral_start(c: char) -> bool {
    is_numeral(c) && !matches!(c, '百' | '千' | '万')
}

fn numeral_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a standard Chinese numeral: 三, 十二, 二十五, 一百零五, 两千, 一万五千.
fn parse_numeral(numeral: &[char]) -> Option<f64> {
    let (mut total, mut section) = (0u64, 0u64);
    let mut pending: Option<u64> = None;
    for (n, &c) in numeral.iter().enumerate() {
        if let Some(d) = numeral_digit(c) {
            // "三四" is not one number.
            if pending.is_some_and(|p| p != 0) {
                return None;
            }
            pending = Some(d);
            continue;
        }
        match c {
            '万' => {
                section += pending.take().unwrap_or(0);
                if section == 0 {
                    return None;
                }
                total += section * 10_000;
                section = 0;
            }
            _ => {
                let multiplier = match c {
                    '十' => 10,
                    '百' => 100,
                    '千' => 1000,
                    _ => return None,
                };
                let count = match pending.take() {
                    Some(p) => p,
                    None if c == '十' && (n == 0 || section > 0 || total > 0) => 1,
                    None => return None,
                };
                section += count * multiplier;
            }
        }
    }
    Some((total + section + pending.unwrap_or(0)) as f64)
}

/// Chinese units and measure words, and what one is worth.
const CHINESE_UNITS: &[(&str, Option<Unit>, f64)] = {
    use Unit::*;
    &[
        ("分钟", Some(Minute), 1.0),
        ("秒钟", Some(Second), 1.0),
        ("秒", Some(Second), 1.0),
        ("小时", Some(Hour), 1.0),
        ("钟头", Some(Hour), 1.0),
        ("刻钟", Some(Minute), 15.0),
        ("天", Some(Day), 1.0),
        ("日", Some(Day), 1.0),
        ("周岁", Some(Year), 1.0),
        ("岁", Some(Year), 1.0),
        ("星期", Some(Week), 1.0),
        ("礼拜", Some(Week), 1.0),
        ("周", Some(Week), 1.0),
        // Only as 个月: a bare 月 after a number names a month of the year.
        ("月", Some(Month), 1.0),
        ("年", Some(Year), 1.0),
        ("次/天", Some(TimesPerDay), 1.0),
        ("次/日", Some(TimesPerDay), 1.0),
        ("次/周", Some(TimesPerWeek), 1.0),
        ("次", Some(Times), 1.0),
        ("倍", Some(Fold), 1.0),
        ("毫克", Some(Milligram), 1.0),
        ("微克", Some(Microgram), 1.0),
        ("千克", Some(Kilogram), 1.0),
        ("公斤", Some(Kilogram), 1.0),
        ("克", Some(Gram), 1.0),
        ("毫升", Some(Millilitre), 1.0),
        ("升", Some(Litre), 1.0),
        ("毫米汞柱", Some(MillimetreOfMercury), 1.0),
        ("毫摩尔/升", Some(MillimolePerLitre), 1.0),
        ("毫米", Some(Millimetre), 1.0),
        ("厘米", Some(Centimetre), 1.0),
        ("公分", Some(Centimetre), 1.0),
        ("公里", Some(Kilometre), 1.0),
        ("千米", Some(Kilometre), 1.0),
        ("米", Some(Metre), 1.0),
        ("%", Some(Percent), 1.0),
        ("％", Some(Percent), 1.0),
        ("片", Some(Tablet), 1.0),
        ("粒", Some(Capsule), 1.0),
        ("颗", Some(Capsule), 1.0),
        ("袋", Some(Sachet), 1.0),
        ("杯", Some(Cup), 1.0),
        ("茶匙", Some(Spoon), 1.0),
        ("汤匙", Some(Spoon), 1.0),
        ("勺", Some(Spoon), 1.0),
        ("滴", Some(Drop), 1.0),
        ("喷", Some(Puff), 1.0),
        ("揿", Some(Puff), 1.0),
        ("剂", Some(Dose), 1.0),
        ("国际单位", Some(InternationalUnit), 1.0),
        ("单位", Some(InternationalUnit), 1.0),
        ("摄氏度", Some(Degree), 1.0),
        ("℃", Some(Degree), 1.0),
        ("°C", Some(Degree), 1.0),
        ("度", Some(Degree), 1.0),
        // Counts of people: "每 10 人中有 1 人", "每 1000 例手术中发生 1 例".
        ("人", None, 1.0),
        ("例", None, 1.0),
        ("名", None, 1.0),
    ]
};

/// Set phrases that start with a numeral and a unit but give no quantity.
const IDIOMS: &[&str] = &[
    "一次性",
    "三天两头",
    "一天到晚",
    "一年四季",
    "一年到头",
    "一年半载",
    "三年五载",
    "三番五次",
    "一时半刻",
    "一日千里",
];

/// The Chinese unit after a number ending at `i`: optional 多 or 余 ("10 多天", more than 10
/// days), 个 before time units ("三个月", "两个小时"), 半 ("一个半小时", "一天半").
fn chinese_unit_after(t: &Chars, i: usize, numeral: bool) -> Option<UnitMatch> {
    let mut k = if numeral { i } else { t.skip_spaces(i) };
    if matches!(t.at(k), Some('多' | '余')) {
        k += 1;
    }
    let measure_word = t.at(k) == Some('个');
    if measure_word {
        k += 1;
    }
    let mut half = 0.0;
    if measure_word && t.at(k) == Some('半') {
        half = 0.5;
        k += 1;
    }
    let (form, unit, factor) = CHINESE_UNITS
        .iter()
        .filter(|(form, _, _)| t.has(k, form))
        .max_by_key(|(form, _, _)| form.chars().count())?;
    let is_time = matches!(unit, Some(Unit::Hour | Unit::Month | Unit::Week));
    let bare_month = *form == "月" && !measure_word;
    if bare_month || (measure_word && !is_time) {
        return None;
    }
    let mut end = k + form.chars().count();
    // "3 年级" is a school year, "80 年代" a decade.
    if *form == "年" && matches!(t.at(end), Some('级' | '代')) {
        return None;
    }
    if half == 0.0
        && t.at(end) == Some('半')
        && matches!(
            unit,
            Some(Unit::Day | Unit::Week | Unit::Year | Unit::Hour | Unit::Month)
        )
    {
        half = 0.5;
        end += 1;
    }
    Some(UnitMatch {
        unit: *unit,
        end,
        half,
        factor: *factor,
        people: unit.is_none(),
    })
}

/// Latin-script units after digits in Chinese text ("5 mg", "10 ml", "38 °C").
fn latin_unit_after(t: &Chars, i: usize) -> Option<UnitMatch> {
    english_unit_after(t, i, false)
}

/// Clause punctuation: where the context of a number ends.
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '；'
            | '：'
            | '！'
            | '？'
            | '、'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\n'
            | '（'
            | '）'
            | '('
            | ')'
    )
}

/// The characters before `i` back to the start of the clause, at most `limit` of them.
fn clause_before(t: &Chars, i: usize, limit: usize) -> usize {
    let mut k = i;
    while k > 0 && i - k < limit && !t.before(k).is_some_and(is_clause_end) {
        k -= 1;
    }
    k
}

/// A people count is a quantity in a rate: "每十人中有九人".
fn in_rate(t: &Chars, i: usize) -> bool {
    let start = clause_before(t, i, 16);
    t.chars[start..i].contains(&'每')
}

/// Hours to add to a clock time for the time of day written before it ("下午 2 点" is 14:00).
fn time_of_day_shift(t: &Chars, i: usize, hours: f64) -> f64 {
    let end = t.skip_spaces_back(i);
    let before = |word: &str| {
        let n = word.chars().count();
        end >= n && t.has(end - n, word)
    };
    // "晚上", and "晚" alone as in "前一晚 10 点", "当晚 8 点".
    let afternoon = ["下午", "傍晚", "晚上", "晚", "夜里", "夜间"]
        .iter()
        .any(|w| before(w));
    // 中午 12 点 is noon, 中午 1 点 is 13:00.
    let after_noon = before("中午") && hours < 11.0;
    if afternoon || after_noon { 12.0 } else { 0.0 }
}

fn has_time_of_day_word(t: &Chars, i: usize) -> bool {
    let end = t.skip_spaces_back(i);
    [
        "上午", "早上", "早晨", "清晨", "凌晨", "中午", "下午", "傍晚", "晚上", "夜里", "夜间",
    ]
    .iter()
    .any(|w| end >= 2 && t.has(end - 2, w))
}

/// A number, in digits or numerals, at `i`: its value and end.
fn chinese_number_at(t: &Chars, i: usize) -> Option<(f64, usize, bool)> {
    if t.at(i).is_some_and(is_digit) {
        let lexed = lex_number(t, i);
        match lexed.reading {
            Reading::Value(v) => Some((v, lexed.end, false)),
            _ => None,
        }
    } else if t.at(i).is_some_and(is_numeral_start) {
        let mut end = i;
        while t.at(end).is_some_and(is_numeral) {
            end += 1;
        }
        parse_numeral(&t.chars[i..end]).map(|v| (v, end, true))
    } else {
        None
    }
}

/// A clock time with 点 after the hour at `start..end`: "8点", "8 点半", "八点三十分",
/// "下午两点". Returns the end and the hours. A numeral needs a time-of-day word before it or
/// minutes after it, as "一点" is "a little".
fn chinese_clock(
    t: &Chars,
    start: usize,
    end: usize,
    hours: f64,
    numeral: bool,
) -> Option<(usize, f64)> {
    let k = if numeral { end } else { t.skip_spaces(end) };
    if t.at(k) != Some('点') || hours > 24.0 || hours.fract() != 0.0 {
        return None;
    }
    let after = k + 1;
    let (minutes, clock_end) = if t.at(after) == Some('半') {
        (Some(30.0), after + 1)
    } else if t.at(after) == Some('钟') {
        (Some(0.0), after + 1)
    } else if let Some((m, m_end, _)) = chinese_number_at(t, t.skip_spaces(after))
        && m < 60.0
        && (t.at(t.skip_spaces(m_end)) == Some('分') || !numeral)
    {
        let with_fen = t.skip_spaces(m_end);
        if t.at(with_fen) == Some('分') && !t.has(with_fen, "分钟") {
            (Some(m), with_fen + 1)
        } else if t.at(with_fen) == Some('分') {
            (None, after)
        } else {
            (Some(m), m_end)
        }
    } else {
        (None, after)
    };
    if numeral && minutes.is_none() && !has_time_of_day_word(t, start) {
        return None;
    }
    let value = hours + minutes.unwrap_or(0.0) / 60.0;
    let shift = if value < 12.0 {
        time_of_day_shift(t, start, value)
    } else {
        0.0
    };
    Some((clock_end, value + shift))
}

/// Dates: a year of four digits (or numerals) with 年, a month with 月, and what follows
/// ("2026年3月2日", "3 月 2 日", "三月三日", "2026 年"). Returns the end of the date.
fn chinese_date(t: &Chars, end: usize, year_like: bool) -> Option<usize> {
    let k = t.skip_spaces(end);
    let mut date_end = match t.at(k) {
        Some('年') if year_like => k + 1,
        Some('月') => k + 1,
        _ => return None,
    };
    // The month and day that follow.
    for marker in ['月', '日'] {
        let n = t.skip_spaces(date_end);
        if let Some((_, number_end, _)) = chinese_number_at(t, n) {
            let m = t.skip_spaces(number_end);
            if t.at(m) == Some(marker) || (marker == '日' && t.at(m) == Some('号')) {
                date_end = m + 1;
            }
        }
    }
    Some(date_end)
}

fn chinese_digits(t: &Chars, i: usize, out: &mut Vec<Quantity>) -> usize {
    let lexed = lex_number(t, i);
    if let Reading::TimeOfDay(hours) = lexed.reading {
        let shift = time_of_day_shift(t, i, hours);
        return push_special(t, out, &lexed, shift).unwrap_or(lexed.end);
    }
    if let Some(end) = push_special(t, out, &lexed, 0.0) {
        return end;
    }
    let Reading::Value(mut value) = lexed.reading else {
        return lexed.end;
    };
    let mut end = lexed.end;
    // Ordinals are numbers without a unit: 第 2 次 is the 2nd time, not 2 times.
    if t.before(t.skip_spaces_back(i)) == Some('第') {
        push(t, out, i..end, value, None);
        return end;
    }
    let k = t.skip_spaces(end);
    if t.at(k) == Some('万') {
        value *= 10_000.0;
        end = k + 1;
    }
    let year_like = end - i == 4;
    if let Some(date_end) = chinese_date(t, end, year_like) {
        return date_end;
    }
    if let Some((clock_end, hours)) = chinese_clock(t, i, end, value, false) {
        push(t, out, i..clock_end, hours, Some(Unit::TimeOfDay));
        return clock_end;
    }
    if let Some(fraction_end) = chinese_fraction(t, i, end, value, out) {
        return fraction_end;
    }
    if let Some(unit) = chinese_unit_after(t, end, false).or_else(|| latin_unit_after(t, end)) {
        push(t, out, i..unit.end, unit.value(value), unit.unit);
        return unit.end;
    }
    // A code, as in English: "7B 病房".
    if t.at(end).is_some_and(|c| c.is_ascii_alphabetic()) {
        return t.token_end(end);
    }
    if let Some(range_end) = chinese_range(t, i, end, value, false, out) {
        return range_end;
    }
    push(t, out, i..end, value, None);
    end
}

fn chinese_numeral(t: &Chars, i: usize, out: &mut Vec<Quantity>) -> usize {
    let mut end = i;
    while t.at(end).is_some_and(is_numeral) {
        end += 1;
    }
    let numeral = &t.chars[i..end];
    // Ordinals (第三), lunar days (初一), weekdays (周一, 星期三, 礼拜天), but not "每周一次".
    let prev = t.before(i);
    // A count can follow 周 too: "每周三次", "每周三到四次" (but "周三到周五" are days).
    let after_week =
        prev == Some('周') || (i >= 2 && (t.has(i - 2, "星期") || t.has(i - 2, "礼拜")));
    let count_follows = t.at(end) == Some('次')
        || (matches!(t.at(end), Some('到' | '至')) && t.at(end + 1).is_some_and(is_numeral_start));
    let weekday = after_week && numeral.len() == 1 && numeral[0] != '两' && !count_follows;
    if matches!(prev, Some('第' | '初')) || weekday {
        return end;
    }
    if let Some(idiom) = IDIOMS.iter().find(|idiom| t.has(i, idiom)) {
        return i + idiom.chars().count();
    }
    // Two neighbouring numerals are an estimate: 两三天 is 2 to 3 days, 三四天 3 to 4.
    if let [first, second] = numeral
        && let (Some(a), Some(b)) = (numeral_digit(*first), numeral_digit(*second))
        && a > 0
        && b == a + 1
    {
        if let Some(unit) = chinese_unit_after(t, end, true)
            && !unit.people
        {
            push(t, out, i..unit.end, unit.value(a as f64), unit.unit);
            push(t, out, i + 1..unit.end, unit.value(b as f64), unit.unit);
            return unit.end;
        }
        return end;
    }
    // A year in numerals: 二〇二六年.
    let positional = numeral.len() == 4 && numeral.iter().all(|&c| numeral_digit(c).is_some());
    if positional {
        return chinese_date(t, end, true).unwrap_or(end);
    }
    let Some(mut value) = parse_numeral(numeral) else {
        return end;
    };
    if let Some(date_end) = chinese_date(t, end, false) {
        return date_end;
    }
    // A decimal: 一点五毫克.
    if t.at(end) == Some('点')
        && let Some(d) = t.at(end + 1).and_then(numeral_digit)
        && let Some(unit) = chinese_unit_after(t, end + 2, true)
    {
        value += d as f64 / 10.0;
        push(t, out, i..unit.end, unit.value(value), unit.unit);
        return unit.end;
    }
    if let Some((clock_end, hours)) = chinese_clock(t, i, end, value, true) {
        push(t, out, i..clock_end, hours, Some(Unit::TimeOfDay));
        return clock_end;
    }
    if let Some(fraction_end) = chinese_fraction(t, i, end, value, out) {
        return fraction_end;
    }
    if let Some(unit) = chinese_unit_after(t, end, true) {
        if !unit.people || in_rate(t, i) {
            push(t, out, i..unit.end, unit.value(value), unit.unit);
        }
        return unit.end;
    }
    if let Some(range_end) = chinese_range(t, i, end, value, true, out) {
        return range_end;
    }
    end
}

/// "N 分之 M": M in N, two numbers ("十分之一", "1000 分之 1").
fn chinese_fraction(
    t: &Chars,
    start: usize,
    end: usize,
    denominator: f64,
    out: &mut Vec<Quantity>,
) -> Option<usize> {
    let k = t.skip_spaces(end);
    if !t.has(k, "分之") {
        return None;
    }
    let m = t.skip_spaces(k + 2);
    let (numerator, numerator_end, _) = chinese_number_at(t, m)?;
    push(t, out, start..end, denominator, None);
    push(t, out, m..numerator_end, numerator, None);
    Some(numerator_end)
}

/// "百分之五" (5%), "千分之一" and "万分之一" (fractions).
fn chinese_per_hundred(t: &Chars, i: usize, out: &mut Vec<Quantity>) -> usize {
    let m = t.skip_spaces(i + 3);
    let Some((value, end, _)) = chinese_number_at(t, m) else {
        return i + 3;
    };
    match t.at(i) {
        Some('百') => push(t, out, i..end, value, Some(Unit::Percent)),
        Some(c) => {
            push(
                t,
                out,
                i..i + 1,
                if c == '千' { 1000.0 } else { 10_000.0 },
                None,
            );
            push(t, out, m..end, value, None);
        }
        None => {}
    }
    end
}

/// "半小时", "半个月", "半片": a half.
fn chinese_half(t: &Chars, i: usize, out: &mut Vec<Quantity>) -> usize {
    match chinese_unit_after(t, i + 1, true) {
        Some(unit) if !unit.people => {
            push(t, out, i..unit.end, unit.value(0.5), unit.unit);
            unit.end
        }
        _ => i + 1,
    }
}

/// A range after the first number: "30 到 45 分钟", "2 至 4 周", "三到四天", "1 或 2 天". The
/// unit after the second number applies to both.
fn chinese_range(
    t: &Chars,
    start: usize,
    end: usize,
    value: f64,
    numeral: bool,
    out: &mut Vec<Quantity>,
) -> Option<usize> {
    let k = t.skip_spaces(end);
    if !matches!(
        t.at(k),
        Some('到' | '至' | '或' | '~' | '～' | '〜' | '-' | '–' | '—')
    ) {
        return None;
    }
    let m = t.skip_spaces(k + 1);
    let (second, second_end, second_numeral) = chinese_number_at(t, m)?;
    let unit = chinese_unit_after(t, second_end, second_numeral).or_else(|| {
        (!second_numeral)
            .then(|| latin_unit_after(t, second_end))
            .flatten()
    });
    match unit {
        Some(unit) if !(unit.people && (numeral || second_numeral) && !in_rate(t, start)) => {
            push(t, out, start..unit.end, unit.value(value), unit.unit);
            push(t, out, m..unit.end, unit.value(second), unit.unit);
            Some(unit.end)
        }
        None if !numeral && !second_numeral => {
            push(t, out, start..end, value, None);
            push(t, out, m..second_end, second, None);
            Some(second_end)
        }
        _ => None,
    }
}

/// Periods that make a count of times a frequency: "每天 3 次", "一天三次", "每周两次".
const CHINESE_PERIODS: &[(&str, Unit)] = {
    use Unit::*;
    &[
        ("每天", TimesPerDay),
        ("每日", TimesPerDay),
        ("每晚", TimesPerDay),
        ("一天", TimesPerDay),
        ("一日", TimesPerDay),
        ("每周", TimesPerWeek),
        ("每星期", TimesPerWeek),
        ("每个星期", TimesPerWeek),
        ("每礼拜", TimesPerWeek),
        ("一周", TimesPerWeek),
        ("一星期", TimesPerWeek),
        ("一个星期", TimesPerWeek),
        ("每月", TimesPerMonth),
        ("每个月", TimesPerMonth),
        ("一个月", TimesPerMonth),
        ("每年", TimesPerYear),
        ("一年", TimesPerYear),
    ]
};

/// Turns counts of times into frequencies by what comes before them in the clause, and drops
/// the counts that are no quantity (see [`quantities_zh`]).
fn chinese_frequencies(t: &Chars, out: &mut Vec<Quantity>) {
    let mut drop: Vec<Range<usize>> = Vec::new();
    for q in out.iter_mut() {
        if q.unit != Some(Unit::Times) {
            continue;
        }
        let start = t.index_of(q.range.start);
        let clause = clause_before(t, start, 12);
        let before: String = t.chars[clause..start].iter().collect();
        let mut before = before.trim_end();
        // The second number of a range has the first before it: "每周两到三次".
        if let Some(rest) = before.strip_suffix(['到', '至', '或', '~', '～', '〜', '-', '–', '—'])
        {
            before = rest
                .trim_end()
                .trim_end_matches(|c: char| is_digit(c) || is_numeral(c) || c == '.' || c == ',')
                .trim_end();
        }
        // "早晚各一次": once in the morning and once in the evening.
        if q.value == 1.0 && before.ends_with('各') {
            let meals = if before.contains("早中晚") || before.contains("早、中、晚") {
                3.0
            } else if before.contains("早晚") || before.contains("早、晚") {
                2.0
            } else {
                0.0
            };
            if meals > 0.0 {
                q.value = meals;
                q.unit = Some(Unit::TimesPerDay);
                let at = before.find('早').unwrap_or(0);
                widen(t, q, t.offsets[clause] + at);
                continue;
            }
        }
        // The last period before the count, with no other number in between.
        let period = CHINESE_PERIODS
            .iter()
            .filter_map(|(word, unit)| before.rfind(word).map(|at| (at, *word, *unit)))
            .filter(|&(at, word, _)| {
                let between = &before[at + word.len()..];
                !between.chars().any(|c| is_digit(c) || is_numeral(c))
                    && !before[..at].ends_with('隔')
            })
            .max_by_key(|&(at, word, _)| (at, word.len()));
        if let Some((at, word, unit)) = period {
            q.unit = Some(unit);
            let word_start = t.offsets[clause] + at;
            if word.starts_with('一') {
                drop.push(word_start..word_start + word.len());
            }
            widen(t, q, word_start);
            continue;
        }
        let every_n = before.split('每').skip(1).any(|rest| {
            rest.trim_start()
                .chars()
                .next()
                .is_some_and(|c| is_digit(c) || is_numeral(c))
        });
        let secondary = q.text.starts_with('二') && !q.text.chars().nth(1).is_some_and(is_numeral);
        if (q.value == 1.0 && every_n) || secondary {
            drop.push(q.range.clone());
        }
    }
    out.retain(|q| !drop.contains(&q.range));
}

/// Makes a quantity's range and text start earlier, at the period of a frequency ("每天 3 次").
fn widen(t: &Chars, q: &mut Quantity, start: usize) {
    q.range.start = start;
    q.text = t.text[q.range.clone()].to_string();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (value, unit) of each quantity, for compact assertions.
    fn values(quantities: &[Quantity]) -> Vec<(f64, Option<Unit>)> {
        quantities.iter().map(|q| (q.value, q.unit)).collect()
    }

    fn en(text: &str) -> Vec<(f64, Option<Unit>)> {
        values(&quantities_en(text))
    }

    fn zh(text: &str) -> Vec<(f64, Option<Unit>)> {
        values(&quantities_zh(text))
    }

    /// The texts of the quantities left unmatched on each side.
    fn mismatches(english: &str, chinese: &str) -> (Vec<String>, Vec<String>) {
        let (a, b) = (quantities_en(english), quantities_zh(chinese));
        let (lonely_a, lonely_b) = unmatched(&a, &b);
        (
            lonely_a.iter().map(|&i| a[i].text.clone()).collect(),
            lonely_b.iter().map(|&j| b[j].text.clone()).collect(),
        )
    }

    fn assert_matched(english: &str, chinese: &str) {
        let (a, b) = mismatches(english, chinese);
        assert!(
            a.is_empty() && b.is_empty(),
            "{english:?} / {chinese:?}: unmatched English {a:?}, Chinese {b:?}\n  en: {:?}\n  zh: {:?}",
            quantities_en(english),
            quantities_zh(chinese)
        );
    }

    use Unit::*;

    #[test]
    fn english_digits_and_units() {
        assert_eq!(en("Do not eat for 6 hours."), [(6.0, Some(Hour))]);
        assert_eq!(en("Drink 1,000 ml of water."), [(1000.0, Some(Millilitre))]);
        assert_eq!(
            en("Take 1.5 mg, then 0.5mg."),
            [(1.5, Some(Milligram)), (0.5, Some(Milligram))]
        );
        assert_eq!(en("About 5% of people"), [(5.0, Some(Percent))]);
        assert_eq!(
            en("a temperature of 38°C or 38.5 °C"),
            [(38.0, Some(Degree)), (38.5, Some(Degree))]
        );
        assert_eq!(en("from 20 metres away"), [(20.0, Some(Metre))]);
        assert_eq!(
            en("a 48-hour wait and a 5-year-old"),
            [(48.0, Some(Hour)), (5.0, Some(Year))]
        );
        assert_eq!(en("10 units of insulin"), [(10.0, Some(InternationalUnit))]);
        assert_eq!(en("over 65"), [(65.0, None)]);
        assert_eq!(
            en("the 3rd floor, the 21st day"),
            [(3.0, None), (21.0, None)]
        );
        assert_eq!(en("1 and a half hours"), [(1.5, Some(Hour))]);
        assert_eq!(
            en("Mix 1 sachet with 1 litre of water."),
            [(1.0, Some(Sachet)), (1.0, Some(Litre))]
        );
    }

    #[test]
    fn english_ranges_and_fractions() {
        let range = |a: f64, b: f64, u: Unit| vec![(a, Some(u)), (b, Some(u))];
        assert_eq!(en("It takes 30 to 45 minutes."), range(30.0, 45.0, Minute));
        assert_eq!(en("It takes 30–45 minutes."), range(30.0, 45.0, Minute));
        assert_eq!(en("It takes 30-45 minutes."), range(30.0, 45.0, Minute));
        assert_eq!(en("It takes 30 - 45 minutes."), range(30.0, 45.0, Minute));
        assert_eq!(en("within 1 or 2 minutes"), range(1.0, 2.0, Minute));
        assert_eq!(en("between 2 and 4 hours"), range(2.0, 4.0, Hour));
        assert_eq!(en("two to three weeks"), range(2.0, 3.0, Week));
        assert_eq!(en("3 to 4 times a day"), range(3.0, 4.0, TimesPerDay));
        assert_eq!(en("aged 30-45"), [(30.0, None), (45.0, None)]);
        assert_eq!(
            en("about 1 in 1000 operations"),
            [(1.0, None), (1000.0, None)]
        );
        assert_eq!(en("one in ten people"), [(1.0, None), (10.0, None)]);
        assert_eq!(
            en("nine in 10 people, 1 in three"),
            [(9.0, None), (10.0, None), (1.0, None), (3.0, None)]
        );
        // "2 and 4" without "between" is no range.
        assert_eq!(en("2 and 4 hours"), [(2.0, None), (4.0, Some(Hour))]);
        let q = &quantities_en("It takes 30 to 45 minutes.");
        assert_eq!(q[0].text, "30 to 45 minutes");
        assert_eq!(q[1].text, "45 minutes");
        assert_eq!(q[1].range, 15..25);
    }

    #[test]
    fn english_frequencies() {
        assert_eq!(en("4 times a day"), [(4.0, Some(TimesPerDay))]);
        assert_eq!(en("three times a day"), [(3.0, Some(TimesPerDay))]);
        assert_eq!(en("twice a day"), [(2.0, Some(TimesPerDay))]);
        assert_eq!(en("twice daily"), [(2.0, Some(TimesPerDay))]);
        assert_eq!(en("once a week"), [(1.0, Some(TimesPerWeek))]);
        assert_eq!(en("2 times per week"), [(2.0, Some(TimesPerWeek))]);
        assert_eq!(
            en("once or twice a day"),
            [(1.0, Some(TimesPerDay)), (2.0, Some(TimesPerDay))]
        );
        assert_eq!(en("every 4 hours"), [(4.0, Some(Hour))]);
        assert_eq!(en("Check it twice."), [(2.0, Some(Times))]);
        assert_eq!(
            en("twice as likely, 3 times more likely"),
            [(2.0, Some(Fold)), (3.0, Some(Fold))]
        );
        assert!(en("Once you are home, rest.").is_empty());
        // A rate after a number is no "1 day".
        assert_eq!(en("Drink 2 litres a day"), [(2.0, Some(Litre))]);
        assert_eq!(en("for an hour"), [(1.0, Some(Hour))]);
    }

    #[test]
    fn number_words_of_every_length_and_case_are_known() {
        // Words are looked up among the known ones of the same length.
        assert_eq!(en("Seventeen days"), [(17.0, Some(Day))]);
        assert_eq!(en("SIX weeks"), [(6.0, Some(Week))]);
        assert_eq!(en("Twice a day"), [(2.0, Some(TimesPerDay))]);
        assert_eq!(en("An hour"), [(1.0, Some(Hour))]);
        assert!(en("Sevenfold seventeens sixes").is_empty());
    }

    #[test]
    fn an_article_after_a_unit_word_is_no_number_but_before_a_unit_is_one() {
        // The article test reads the word before only when a unit of time follows.
        assert_eq!(en("2 litres a day"), [(2.0, Some(Litre))]);
        assert_eq!(en("take 2 tablets a day"), [(2.0, Some(Tablet))]);
        assert_eq!(en("wait an hour and a half"), [(1.5, Some(Hour))]);
        assert!(en("a small cut, an apple").is_empty());
    }

    #[test]
    fn english_number_words_need_a_unit() {
        assert_eq!(en("for two weeks"), [(2.0, Some(Week))]);
        assert_eq!(en("Twenty-four hours later"), [(24.0, Some(Hour))]);
        assert_eq!(en("half an hour"), [(0.5, Some(Hour))]);
        assert_eq!(en("one and a half hours"), [(1.5, Some(Hour))]);
        for text in [
            "one of the most common operations",
            "no one will mind",
            "someone can take you home",
            "stay close to one",
            "a few days",
            "the first dose, the second dose",
            "two of us",
            "This is often done.",
        ] {
            assert!(en(text).is_empty(), "{text}: {:?}", en(text));
        }
    }

    #[test]
    fn english_times_phones_and_skipped_numbers() {
        assert_eq!(
            en("08:30 to 17:00"),
            [(8.5, Some(TimeOfDay)), (17.0, Some(TimeOfDay))]
        );
        assert_eq!(
            en("at 8.30am or 2pm or 12 a.m."),
            [
                (8.5, Some(TimeOfDay)),
                (14.0, Some(TimeOfDay)),
                (0.0, Some(TimeOfDay))
            ]
        );
        assert_eq!(en("Call 999."), [(999.0, None)]);
        let phone = quantities_en("Call 020 7946 0123 now, 24 hours a day.");
        assert_eq!(phone[0].unit, Some(PhoneNumber));
        assert_eq!(phone[0].text, "020 7946 0123");
        assert_eq!(phone[1].value, 24.0);
        assert_eq!(
            quantities_en("call +44 20 7946 0123")[0].text,
            "+44 20 7946 0123"
        );
        assert_eq!(
            quantities_en("call (020) 7946 0123")[0].text,
            "(020) 7946 0123"
        );
        assert_eq!(
            en("1000-2000 mg"),
            [(1000.0, Some(Milligram)), (2000.0, Some(Milligram))]
        );
        for text in [
            "Reviewed on 2 March 2026.",
            "on March 2, 2026",
            "in March 2026",
            "on 2026-03-02 or 02/03/2026",
            "in 2026",
            "reference GAS-0101",
            "COVID-19 vaccine",
            "vitamin B12",
            "on the 2nd of May, May 2nd, 3rd March",
            "take 1/2 a tablet, 24/7, 120/80",
            "see https://www.nhs.uk/2024/page1 or 111.nhs.uk",
            "mail clinic2@example.nhs.uk",
        ] {
            assert!(en(text).is_empty(), "{text}: {:?}", en(text));
        }
        // "may" in lower case is a verb, not May.
        assert_eq!(en("you may need 2 tablets"), [(2.0, Some(Tablet))]);
    }

    #[test]
    fn chinese_digits_and_units() {
        assert_eq!(
            zh("术前 6 小时禁食，6小时"),
            [(6.0, Some(Hour)), (6.0, Some(Hour))]
        );
        assert_eq!(
            zh("1000 毫升，1,000毫升"),
            [(1000.0, Some(Millilitre)), (1000.0, Some(Millilitre))]
        );
        assert_eq!(zh("每次 0.5 mg"), [(0.5, Some(Milligram))]);
        assert_eq!(zh("3 个月内"), [(3.0, Some(Month))]);
        assert_eq!(zh("超过 65 岁"), [(65.0, Some(Year))]);
        assert_eq!(
            zh("38.5℃，38 摄氏度"),
            [(38.5, Some(Degree)), (38.0, Some(Degree))]
        );
        assert_eq!(zh("约 5%"), [(5.0, Some(Percent))]);
        assert_eq!(zh("1 万人"), [(10_000.0, None)]);
        assert_eq!(zh("10 多天"), [(10.0, Some(Day))]);
        assert_eq!(
            zh("每 1000 例手术中发生 1 例"),
            [(1000.0, None), (1.0, None)]
        );
        assert_eq!(zh("１２小时"), [(12.0, Some(Hour))]);
    }

    #[test]
    fn chinese_numerals_before_units() {
        assert_eq!(zh("两周"), [(2.0, Some(Week))]);
        assert_eq!(zh("术前六小时请勿进食"), [(6.0, Some(Hour))]);
        assert_eq!(zh("一小时"), [(1.0, Some(Hour))]);
        assert_eq!(zh("三个月"), [(3.0, Some(Month))]);
        assert_eq!(
            zh("十二小时、二十四小时"),
            [(12.0, Some(Hour)), (24.0, Some(Hour))]
        );
        assert_eq!(zh("一个半小时"), [(1.5, Some(Hour))]);
        assert_eq!(
            zh("半小时，半个月"),
            [(0.5, Some(Hour)), (0.5, Some(Month))]
        );
        assert_eq!(zh("一天半"), [(1.5, Some(Day))]);
        assert_eq!(zh("一刻钟"), [(15.0, Some(Minute))]);
        assert_eq!(zh("五百毫克"), [(500.0, Some(Milligram))]);
        assert_eq!(zh("一点五毫克"), [(1.5, Some(Milligram))]);
        assert_eq!(zh("百分之五"), [(5.0, Some(Percent))]);
        assert_eq!(zh("十分之一"), [(10.0, None), (1.0, None)]);
        assert_eq!(zh("每十人中有九人"), [(10.0, None), (9.0, None)]);
        assert_eq!(zh("两人一组"), []);
        assert_eq!(zh("第 2 次，第3周，第二次"), [(2.0, None), (3.0, None)]);
    }

    #[test]
    fn chinese_numerals_that_are_not_quantities() {
        for text in [
            "一些药物",
            "请稍等一下",
            "和家人一起来",
            "一般来说",
            "一定要",
            "一直不见好转",
            "统一安排",
            "唯一的治疗方法",
            "一样",
            "一旦出现",
            "万一出血",
            "最常见的手术之一",
            "一边",
            "十分重要",
            "喝一点凉水",
            "千万不要",
            "几天",
            "周一至周五",
            "每周一上午",
            "星期三",
            "第一剂",
            "初一",
            "一次性注射器",
            "三天两头",
            "二甲双胍",
            "十二指肠",
            "二次感染",
            "一个很小的切口",
            "一根细小的软管",
            "三月",
            "2026年3月2日",
            "2026 年 3 月 2 日",
            "3月2日",
            "二〇二六年",
            "于 2026 年复查",
            "参考编号 GAS-0101",
            "COVID-19",
        ] {
            assert!(zh(text).is_empty(), "{text}: {:?}", zh(text));
        }
    }

    #[test]
    fn chinese_ranges() {
        let range = |a: f64, b: f64, u: Unit| vec![(a, Some(u)), (b, Some(u))];
        assert_eq!(zh("检查需要 30 到 45 分钟"), range(30.0, 45.0, Minute));
        assert_eq!(zh("30至45分钟"), range(30.0, 45.0, Minute));
        assert_eq!(zh("30–45 分钟"), range(30.0, 45.0, Minute));
        assert_eq!(zh("2 至 4 周"), range(2.0, 4.0, Week));
        assert_eq!(zh("三到四天"), range(3.0, 4.0, Day));
        assert_eq!(zh("两三天"), range(2.0, 3.0, Day));
        assert_eq!(zh("一两天"), range(1.0, 2.0, Day));
        assert_eq!(zh("1 或 2 天"), range(1.0, 2.0, Day));
        assert_eq!(zh("每周两到三次"), range(2.0, 3.0, TimesPerWeek));
        assert_eq!(zh("30-45"), [(30.0, None), (45.0, None)]);
        assert_eq!(zh("每周三到四次"), range(3.0, 4.0, TimesPerWeek));
        assert!(zh("周三到周五，周一至五").is_empty());
    }

    #[test]
    fn chinese_frequencies_and_times() {
        assert_eq!(zh("每天 3 次"), [(3.0, Some(TimesPerDay))]);
        assert_eq!(zh("每天三次"), [(3.0, Some(TimesPerDay))]);
        assert_eq!(zh("每天滴 4 次"), [(4.0, Some(TimesPerDay))]);
        assert_eq!(zh("一天三次"), [(3.0, Some(TimesPerDay))]);
        assert_eq!(zh("每周两次"), [(2.0, Some(TimesPerWeek))]);
        assert_eq!(zh("每周一次"), [(1.0, Some(TimesPerWeek))]);
        assert_eq!(zh("每日二次"), [(2.0, Some(TimesPerDay))]);
        assert_eq!(zh("3 次/天"), [(3.0, Some(TimesPerDay))]);
        assert_eq!(zh("早晚各一次"), [(2.0, Some(TimesPerDay))]);
        assert_eq!(zh("每 4 小时一次"), [(4.0, Some(Hour))]);
        assert_eq!(zh("每隔一天一次"), [(1.0, Some(Day)), (1.0, Some(Times))]);
        assert_eq!(zh("检查两次"), [(2.0, Some(Times))]);
        assert_eq!(
            zh("08:30 至 17:00"),
            [(8.5, Some(TimeOfDay)), (17.0, Some(TimeOfDay))]
        );
        assert_eq!(
            zh("下午 2 点，上午八点半"),
            [(14.0, Some(TimeOfDay)), (8.5, Some(TimeOfDay))]
        );
        assert_eq!(zh("晚上 8:30"), [(20.5, Some(TimeOfDay))]);
        assert_eq!(zh("8点30分"), [(8.5, Some(TimeOfDay))]);
        let phone = quantities_zh("请致电眼科门诊：020 7946 0456。");
        assert_eq!(phone.len(), 1);
        assert_eq!(phone[0].text, "020 7946 0456");
        assert_eq!(
            phone[0].range,
            "请致电眼科门诊：".len().."请致电眼科门诊：020 7946 0456".len()
        );
    }

    #[test]
    fn sentence_pairs_that_match() {
        for (english, chinese) in [
            (
                "Take 2 tablets 4 times a day for 5 days",
                "每天 4 次，每次 2 片，连续服用 5 天",
            ),
            ("Do not eat for 6 hours", "术前六小时请勿进食"),
            ("It takes 30 to 45 minutes", "检查需要 30 到 45 分钟"),
            ("It takes 30–45 minutes", "检查需要 30 至 45 分钟"),
            ("1,000 ml", "1000 毫升"),
            ("Drink 1 litre of water", "喝 1000 毫升水"),
            ("Call 020 7946 0123", "请致电 020 7946 0123"),
            ("Call 020 7946 0123", "请致电 020-7946-0123"),
            ("3 to 4 days", "三到四天"),
            ("Wait 30 minutes", "等待半小时"),
            ("Rest for 48 hours", "休息 2 天"),
            (
                "Use the drops twice a day for two weeks",
                "每天滴两次，连续两周",
            ),
            ("Take one tablet once a day", "每天一次，每次一片"),
            ("Take 1 tablet three times a day", "一天三次，每次 1 片"),
            ("If you are over 65", "如果您已超过 65 岁"),
            (
                "It happens in about 1 in 1000 tests",
                "大约每 1000 次检查中会发生 1 次",
            ),
            (
                "More than 9 in 10 people see better",
                "每 10 人中有 9 人以上术后视力得到改善",
            ),
            ("nine in ten people", "每十人中有九人"),
            ("We are open 08:30 to 17:00", "开放时间为 08:30 至 17:00"),
            ("Come at 2pm", "请在下午 2 点到达"),
            ("Come at 8.30am", "请在上午 8:30 到达"),
            ("Reviewed on 2 March 2026", "2026年3月2日审核"),
            ("Ward 7 is on the 3rd floor", "7 号病房位于 3 楼"),
            ("Have the 2nd dose on day 8", "第 8 天服用第 2 剂"),
            (
                "Stop eating at 10pm the night before",
                "术前一晚 10 点后停止进食",
            ),
            (
                "Visiting hours are 2pm to 8pm",
                "探视时间为下午 2 点至晚上 8 点",
            ),
            (
                "Visiting hours are 14:00 to 20:00",
                "探视时间为下午 2 点至晚上 8 点",
            ),
            (
                "Take paracetamol every 4 to 6 hours, no more than 4 times in 24 hours",
                "每 4 至 6 小时服用一次对乙酰氨基酚，24 小时内不超过 4 次",
            ),
            (
                "Do not take more than 8 tablets in 24 hours",
                "24 小时内服用不要超过 8 片",
            ),
            ("If your temperature is above 38°C", "如果体温超过 38 度"),
            ("Drink 6 to 8 glasses of water a day", "每天喝 6 到 8 杯水"),
            (
                "Use the inhaler 2 puffs twice a day",
                "吸入器每次 2 喷，每天两次",
            ),
            (
                "Do not lift more than 5 kg for 6 weeks",
                "6 周内请不要提超过 5 公斤的重物",
            ),
            (
                "Children under 16 must come with an adult",
                "16 岁以下的儿童必须由成人陪同",
            ),
            ("It takes 90 minutes", "需要一个半小时"),
            (
                "Use 1 drop in each eye 4 times a day",
                "每眼每次 1 滴，每日 4 次",
            ),
            (
                "You need 2 tests, a week apart",
                "您需要做两次检查，间隔一周",
            ),
            ("The results take about a week", "结果大约需要一周"),
            (
                "Do not eat or drink for an hour",
                "1 小时内请不要进食或喝水",
            ),
            ("It takes an hour and a half", "需要 1.5 小时"),
            ("Stop aspirin a week before", "术前 7 天停用阿司匹林"),
            ("Rest for 2 weeks", "休息 14 天"),
            ("for 6 months", "半年内"),
            ("Walk 10,000 steps", "每天走 1 万步"),
            ("About 30% of people", "大约百分之三十的人"),
            ("Go to Ward 7B", "请前往 7B 病房"),
            ("1–2 days", "1~2天"),
            ("In an emergency, call 999", "紧急情况请拨打 999"),
            ("They pass within 1 or 2 minutes", "会在 1 到 2 分钟内消失"),
            (
                "Take 500 mg every 4 hours",
                "每 4 小时服用一次，每次 500 毫克",
            ),
            ("Take 2 capsules", "服用 2 粒胶囊"),
            (
                "See www.nhs.uk/111 or call 111",
                "请访问 www.nhs.uk/111 或拨打 111",
            ),
            ("You will come to a check-up", "您需要来医院做一次术前检查"),
            ("Ask someone to take you home", "请安排一位成年人接您回家"),
            ("some medicines", "一些药物"),
            ("a few days", "几天"),
            ("Use it morning and evening, twice a day", "早晚各一次"),
            ("a 2 in 3 chance", "三分之二的机会"),
        ] {
            assert_matched(english, chinese);
        }
    }

    #[test]
    fn sentence_pairs_that_differ() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<String>>();
        assert_eq!(
            mismatches("4 times a day", "每天 3 次"),
            (s(&["4 times a day"]), s(&["每天 3 次"]))
        );
        assert_eq!(
            mismatches("Do not eat for 6 hours", "术前 4 小时请勿进食"),
            (s(&["6 hours"]), s(&["4 小时"]))
        );
        assert_eq!(
            mismatches("Call 020 7946 0123", "请致电 020 7946 0124"),
            (s(&["020 7946 0123"]), s(&["020 7946 0124"]))
        );
        assert_eq!(
            mismatches("twice a day", "每周两次"),
            (s(&["twice a day"]), s(&["每周两次"]))
        );
        assert_eq!(
            mismatches("for 2 weeks", "连续 2 天"),
            (s(&["2 weeks"]), s(&["2 天"]))
        );
        assert_eq!(
            mismatches("500 mg", "500 微克"),
            (s(&["500 mg"]), s(&["500 微克"]))
        );
        assert_eq!(mismatches("08:30", "09:30"), (s(&["08:30"]), s(&["09:30"])));
        assert_eq!(
            mismatches("Take 2 tablets", "服用一片"),
            (s(&["2 tablets"]), s(&[]))
        );
        assert_eq!(
            mismatches("Take 1 tablet", "服用两片"),
            (s(&["1 tablet"]), s(&["两片"]))
        );
        assert_eq!(
            mismatches("30 to 45 minutes", "30 到 40 分钟"),
            (s(&["45 minutes"]), s(&["40 分钟"]))
        );
        assert_eq!(
            mismatches("Stop 7 days before", "请停药"),
            (s(&["7 days"]), s(&[]))
        );
        assert_eq!(
            mismatches("", "请在检查前 7 天停药"),
            (s(&[]), s(&["7 天"]))
        );
    }

    #[test]
    fn matching_prefers_exact_partners() {
        let q = |value: f64, unit: Option<Unit>| Quantity {
            value,
            unit,
            range: 0..0,
            text: "4".into(),
        };
        // The unitless 4 must take the 4 days so that the 4 hours can pair.
        let a = [q(4.0, None), q(4.0, Some(Hour))];
        let b = [q(4.0, Some(Hour)), q(4.0, Some(Day))];
        assert_eq!(unmatched(&a, &b), (vec![], vec![]));
        let b = [q(4.0, Some(Day)), q(4.0, Some(Day))];
        assert_eq!(unmatched(&a, &b), (vec![1], vec![1]));
        // Multisets: two 4s do not both match one.
        assert_eq!(
            unmatched(&[q(4.0, None), q(4.0, None)], &[q(4.0, None)]),
            (vec![1], vec![])
        );
    }

    /// The loops start at the first digit or number word: what comes before it is skipped
    /// without being read, so it must hold no quantity, whatever it is.
    #[test]
    fn quantities_are_found_after_text_that_holds_none() {
        assert!(en("Please read this leaflet carefully.").is_empty());
        assert_eq!(en("Please rest for an hour"), [(1.0, Some(Hour))]);
        assert_eq!(en("Rest, then do it twice"), [(2.0, Some(Times))]);
        assert_eq!(en("Read it, then rest three weeks"), [(3.0, Some(Week))]);
        assert_eq!(
            en("Bring B12 and A4 paper for two weeks"),
            [(2.0, Some(Week))]
        );
        assert_eq!(en("Take １２ tablets"), [(12.0, Some(Tablet))]);
        // An address is read over, digits and all, and so are the words of a code.
        assert_eq!(en("See www.nhs.uk/111 for 2 days"), [(2.0, Some(Day))]);
        assert!(zh("请按时到达医院。").is_empty());
        assert_eq!(zh("请休息半小时。"), [(0.5, Some(Hour))]);
        assert_eq!(zh("请在１２小时内复诊"), [(12.0, Some(Hour))]);
        assert_eq!(zh("风险约为万分之一"), [(10_000.0, None), (1.0, None)]);
        assert_eq!(zh("请访问 www.nhs.uk/111 或拨打 111"), [(111.0, None)]);
    }

    /// `is_numeral` and `is_clause_end` are `match`es: they must name exactly these characters.
    #[test]
    fn numerals_and_clause_ends_are_exactly_these() {
        let numerals = "零〇一二两三四五六七八九十百千万";
        let clause_ends = "，。；：！？、,;:!?\n（）()";
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(is_numeral(c), numerals.contains(c), "{c:?}");
            assert_eq!(is_clause_end(c), clause_ends.contains(c), "{c:?}");
        }
    }

    /// Every string of three pieces from a set of awkward ones: no panic, and every range is on
    /// character boundaries with the text it names.
    #[test]
    fn odd_text_gives_consistent_ranges() {
        let pieces = [
            "",
            " ",
            "1",
            "12",
            "0",
            ".",
            ",",
            ":",
            "-",
            "–",
            "/",
            "a",
            "mg",
            " times",
            " a day",
            "one",
            "twice",
            " in ",
            " to ",
            "一",
            "两",
            "天",
            "次",
            "每天",
            "点",
            "半",
            "个",
            "月",
            "年",
            "第",
            "周",
            "到",
            "。",
            "http://x.org/1",
            "a@b.org",
            "+",
            "(",
            ")",
            "020 7946",
            "é",
            "😀",
            "\n",
            "百分之",
            "分之",
            "May",
            "°C",
            "am",
            "万",
            "下午",
            "各",
            "早晚",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}");
                    for q in quantities_en(&text).iter().chain(&quantities_zh(&text)) {
                        assert_eq!(text.get(q.range.clone()), Some(q.text.as_str()), "{text:?}");
                        assert!(q.value.is_finite(), "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn sample_leaflets_have_no_unmatched_quantities() {
        let leaflets = crate::testing::sample_leaflets::load();
        let mut checked = 0;
        for leaflet in &leaflets {
            assert_eq!(leaflet.en.len(), leaflet.zh.len(), "{}", leaflet.name);
            for (english, chinese) in leaflet.en.iter().zip(&leaflet.zh) {
                let (a, b) = (quantities_en(english), quantities_zh(chinese));
                let (lonely_a, lonely_b) = unmatched(&a, &b);
                let show = |q: &[Quantity], i: &[usize]| {
                    i.iter().map(|&i| q[i].text.clone()).collect::<Vec<_>>()
                };
                assert!(
                    lonely_a.is_empty() && lonely_b.is_empty(),
                    "{}: unmatched English {:?}, Chinese {:?}\n{english}\n{chinese}",
                    leaflet.name,
                    show(&a, &lonely_a),
                    show(&b, &lonely_b)
                );
                checked += 1;
            }
        }
        assert!(checked >= leaflets.len() * 2);
    }
}
