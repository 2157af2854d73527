//! Quantities in English text: units and periods after numbers, number words ("two weeks"),
//! ranges ("2 to 3 days") and articles that count ("a week").

use super::*;

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Form {
    /// A word: follows number words too ("two weeks").
    Word,
    /// An abbreviation or symbol, after digits only ("5 mg"), without case.
    Abbreviation,
    /// A one-letter symbol, after digits only, with case ("5 m", "2 L").
    Letter,
}

pub(super) const ENGLISH_UNITS: &[(&str, Unit, Form)] = {
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
pub(super) const ENGLISH_PERIODS: &[(&str, Unit)] = {
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
pub(super) const FOLD_WORDS: &[&str] = &[
    "as", "more", "less", "higher", "greater", "lower", "bigger", "smaller", "the",
];

pub(super) const NUMBER_WORDS: &[(&str, f64)] = &[
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

pub(super) const MONTHS: &[&str] = &[
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
pub(super) fn month_name_near(t: &Chars, number: Range<usize>) -> bool {
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
pub(super) fn english_unit_after(t: &Chars, i: usize, words_only: bool) -> Option<UnitMatch> {
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
pub(super) fn times_period(t: &Chars, i: usize) -> Option<(Unit, usize)> {
    let k = t.skip_spaces(i);
    ENGLISH_PERIODS
        .iter()
        .find(|(phrase, _)| t.has_word(k, phrase))
        .map(|(phrase, unit)| (*unit, k + phrase.len()))
}

pub(super) fn followed_by_fold_word(t: &Chars, i: usize) -> bool {
    let k = t.skip_spaces(i);
    k > i && FOLD_WORDS.iter().any(|w| t.has_word(k, w))
}

/// A number word at `i` ("four", "twenty-four"): its value and end.
pub(super) fn number_word_at(t: &Chars, i: usize) -> Option<(f64, usize)> {
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

pub(super) fn english_number(t: &Chars, i: usize, out: &mut Vec<Quantity>) -> usize {
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
pub(super) fn english_range(
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
pub(super) fn english_word(t: &Chars, i: usize, out: &mut Vec<Quantity>) -> usize {
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
pub(super) fn is_known_word(word: &str) -> bool {
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
pub(super) fn english_article(
    t: &Chars,
    i: usize,
    word_end: usize,
    out: &mut Vec<Quantity>,
) -> usize {
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
