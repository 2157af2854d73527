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

mod chars;
mod chinese;
mod digits;
mod english;
#[cfg(test)]
mod tests;

use chars::*;
use chinese::*;
use digits::*;
use english::*;

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
