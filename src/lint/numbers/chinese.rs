//! Quantities in Chinese text: numerals ("两周", "十五分钟"), units after digits, clock
//! times, dates left out, fractions, percentages and frequencies ("每天三次").

use super::*;
/// Chinese numerals: 零 〇 一 二 两 三 四 五 六 七 八 九 十 百 千 万. A `match`, not a search
/// in a string of them: this is asked for nearly every character of Chinese text.
pub(super) fn is_numeral(c: char) -> bool {
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
pub(super) fn is_numeral_start(c: char) -> bool {
    is_numeral(c) && !matches!(c, '百' | '千' | '万')
}

pub(super) fn numeral_digit(c: char) -> Option<u64> {
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
pub(super) fn parse_numeral(numeral: &[char]) -> Option<f64> {
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
pub(super) const CHINESE_UNITS: &[(&str, Option<Unit>, f64)] = {
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
pub(super) const IDIOMS: &[&str] = &[
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
pub(super) fn chinese_unit_after(t: &Chars, i: usize, numeral: bool) -> Option<UnitMatch> {
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
pub(super) fn latin_unit_after(t: &Chars, i: usize) -> Option<UnitMatch> {
    english_unit_after(t, i, false)
}

/// Clause punctuation: where the context of a number ends.
pub(super) fn is_clause_end(c: char) -> bool {
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
pub(super) fn clause_before(t: &Chars, i: usize, limit: usize) -> usize {
    let mut k = i;
    while k > 0 && i - k < limit && !t.before(k).is_some_and(is_clause_end) {
        k -= 1;
    }
    k
}

/// A people count is a quantity in a rate: "每十人中有九人".
pub(super) fn in_rate(t: &Chars, i: usize) -> bool {
    let start = clause_before(t, i, 16);
    t.chars[start..i].contains(&'每')
}

/// Hours to add to a clock time for the time of day written before it ("下午 2 点" is 14:00).
pub(super) fn time_of_day_shift(t: &Chars, i: usize, hours: f64) -> f64 {
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

pub(super) fn has_time_of_day_word(t: &Chars, i: usize) -> bool {
    let end = t.skip_spaces_back(i);
    [
        "上午", "早上", "早晨", "清晨", "凌晨", "中午", "下午", "傍晚", "晚上", "夜里", "夜间",
    ]
    .iter()
    .any(|w| end >= 2 && t.has(end - 2, w))
}

/// A number, in digits or numerals, at `i`: its value and end.
pub(super) fn chinese_number_at(t: &Chars, i: usize) -> Option<(f64, usize, bool)> {
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
pub(super) fn chinese_clock(
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
pub(super) fn chinese_date(t: &Chars, end: usize, year_like: bool) -> Option<usize> {
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

pub(super) fn chinese_digits(t: &Chars, i: usize, out: &mut Vec<Quantity>) -> usize {
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

pub(super) fn chinese_numeral(t: &Chars, i: usize, out: &mut Vec<Quantity>) -> usize {
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
pub(super) fn chinese_fraction(
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
pub(super) fn chinese_per_hundred(t: &Chars, i: usize, out: &mut Vec<Quantity>) -> usize {
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
pub(super) fn chinese_half(t: &Chars, i: usize, out: &mut Vec<Quantity>) -> usize {
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
pub(super) fn chinese_range(
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
pub(super) const CHINESE_PERIODS: &[(&str, Unit)] = {
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
pub(super) fn chinese_frequencies(t: &Chars, out: &mut Vec<Quantity>) {
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
pub(super) fn widen(t: &Chars, q: &mut Quantity, start: usize) {
    q.range.start = start;
    q.text = t.text[q.range.clone()].to_string();
}
