//! Numbers written in digits, shared by both languages: decimals, ranges, clock times, phone
//! numbers, and the quantity they make with a unit after them.

use super::*;

pub(super) enum Reading {
    /// A date, a code or a ratio.
    Skip,
    Value(f64),
    TimeOfDay(f64),
    Phone,
}

pub(super) struct Lexed {
    /// Where it starts: before the digits for "+44 …" and "(020) …".
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) reading: Reading,
}

/// Reads the number written in digits at `i`.
pub(super) fn lex_number(t: &Chars, i: usize) -> Lexed {
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
pub(super) fn am_pm(t: &Chars, i: usize) -> Option<(usize, bool)> {
    let k = if t.at(i) == Some(' ') { i + 1 } else { i };
    for (form, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if t.has_word(k, form) {
            return Some((k + form.len(), pm));
        }
    }
    None
}

pub(super) fn twelve_hour(hours: f64, pm: bool) -> f64 {
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
pub(super) fn phone_number(t: &Chars, i: usize, run1: usize) -> Option<Lexed> {
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

pub(super) fn push(
    t: &Chars,
    out: &mut Vec<Quantity>,
    chars: Range<usize>,
    value: f64,
    unit: Option<Unit>,
) {
    out.push(Quantity {
        value,
        unit,
        range: t.bytes(chars.clone()),
        text: t.str(chars).to_string(),
    });
}

/// Pushes what `lex_number` read, unless it is a plain value; returns the end then.
pub(super) fn push_special(
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
pub(super) struct UnitMatch {
    pub(super) unit: Option<Unit>,
    pub(super) end: usize,
    /// 0.5 for "and a half", "个半", "天半".
    pub(super) half: f64,
    /// What one of this unit is worth in `unit` ("刻钟" is 15 minutes).
    pub(super) factor: f64,
    /// A count of people ("人", "例"), which numerals give only in a rate.
    pub(super) people: bool,
}

impl UnitMatch {
    pub(super) fn value(&self, number: f64) -> f64 {
        (number + self.half) * self.factor
    }
}
