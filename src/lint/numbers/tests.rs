//! The number rules on sentences from leaflets, in both languages, and on the sample leaflets.

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

/// A quantity as (value, unit), for compact tables.
type Found = (f64, Option<Unit>);

/// English texts and the quantities found in them, as (value, unit).
const ENGLISH: &[(&str, &[Found])] = &[
    // Digits and units.
    ("Do not eat for 6 hours.", &[(6.0, Some(Hour))]),
    ("Drink 1,000 ml of water.", &[(1000.0, Some(Millilitre))]),
    (
        "Take 1.5 mg, then 0.5mg.",
        &[(1.5, Some(Milligram)), (0.5, Some(Milligram))],
    ),
    ("About 5% of people", &[(5.0, Some(Percent))]),
    (
        "a temperature of 38°C or 38.5 °C",
        &[(38.0, Some(Degree)), (38.5, Some(Degree))],
    ),
    ("from 20 metres away", &[(20.0, Some(Metre))]),
    (
        "a 48-hour wait and a 5-year-old",
        &[(48.0, Some(Hour)), (5.0, Some(Year))],
    ),
    ("10 units of insulin", &[(10.0, Some(InternationalUnit))]),
    ("over 65", &[(65.0, None)]),
    ("the 3rd floor, the 21st day", &[(3.0, None), (21.0, None)]),
    ("1 and a half hours", &[(1.5, Some(Hour))]),
    (
        "Mix 1 sachet with 1 litre of water.",
        &[(1.0, Some(Sachet)), (1.0, Some(Litre))],
    ),
    // Ranges, and "1 in 10". "2 and 4" without "between" is no range.
    (
        "It takes 30 to 45 minutes.",
        &[(30.0, Some(Minute)), (45.0, Some(Minute))],
    ),
    (
        "It takes 30–45 minutes.",
        &[(30.0, Some(Minute)), (45.0, Some(Minute))],
    ),
    (
        "It takes 30-45 minutes.",
        &[(30.0, Some(Minute)), (45.0, Some(Minute))],
    ),
    (
        "It takes 30 - 45 minutes.",
        &[(30.0, Some(Minute)), (45.0, Some(Minute))],
    ),
    (
        "within 1 or 2 minutes",
        &[(1.0, Some(Minute)), (2.0, Some(Minute))],
    ),
    (
        "between 2 and 4 hours",
        &[(2.0, Some(Hour)), (4.0, Some(Hour))],
    ),
    (
        "two to three weeks",
        &[(2.0, Some(Week)), (3.0, Some(Week))],
    ),
    (
        "3 to 4 times a day",
        &[(3.0, Some(TimesPerDay)), (4.0, Some(TimesPerDay))],
    ),
    ("aged 30-45", &[(30.0, None), (45.0, None)]),
    ("about 1 in 1000 operations", &[(1.0, None), (1000.0, None)]),
    ("one in ten people", &[(1.0, None), (10.0, None)]),
    (
        "nine in 10 people, 1 in three",
        &[(9.0, None), (10.0, None), (1.0, None), (3.0, None)],
    ),
    ("2 and 4 hours", &[(2.0, None), (4.0, Some(Hour))]),
    // Frequencies. A rate after a number is no "1 day".
    ("4 times a day", &[(4.0, Some(TimesPerDay))]),
    ("three times a day", &[(3.0, Some(TimesPerDay))]),
    ("twice a day", &[(2.0, Some(TimesPerDay))]),
    ("twice daily", &[(2.0, Some(TimesPerDay))]),
    ("once a week", &[(1.0, Some(TimesPerWeek))]),
    ("2 times per week", &[(2.0, Some(TimesPerWeek))]),
    (
        "once or twice a day",
        &[(1.0, Some(TimesPerDay)), (2.0, Some(TimesPerDay))],
    ),
    ("every 4 hours", &[(4.0, Some(Hour))]),
    ("Check it twice.", &[(2.0, Some(Times))]),
    (
        "twice as likely, 3 times more likely",
        &[(2.0, Some(Fold)), (3.0, Some(Fold))],
    ),
    ("Drink 2 litres a day", &[(2.0, Some(Litre))]),
    ("for an hour", &[(1.0, Some(Hour))]),
    // Number words are looked up among the known ones of the same length, in any case.
    ("Seventeen days", &[(17.0, Some(Day))]),
    ("SIX weeks", &[(6.0, Some(Week))]),
    ("Twice a day", &[(2.0, Some(TimesPerDay))]),
    ("An hour", &[(1.0, Some(Hour))]),
    // An article counts only before a unit of time.
    ("2 litres a day", &[(2.0, Some(Litre))]),
    ("take 2 tablets a day", &[(2.0, Some(Tablet))]),
    ("wait an hour and a half", &[(1.5, Some(Hour))]),
    // Number words with a unit.
    ("for two weeks", &[(2.0, Some(Week))]),
    ("Twenty-four hours later", &[(24.0, Some(Hour))]),
    ("half an hour", &[(0.5, Some(Hour))]),
    ("one and a half hours", &[(1.5, Some(Hour))]),
    // Clock times and emergency numbers; "may" in lower case is a verb, not May.
    (
        "08:30 to 17:00",
        &[(8.5, Some(TimeOfDay)), (17.0, Some(TimeOfDay))],
    ),
    (
        "at 8.30am or 2pm or 12 a.m.",
        &[
            (8.5, Some(TimeOfDay)),
            (14.0, Some(TimeOfDay)),
            (0.0, Some(TimeOfDay)),
        ],
    ),
    ("Call 999.", &[(999.0, None)]),
    (
        "1000-2000 mg",
        &[(1000.0, Some(Milligram)), (2000.0, Some(Milligram))],
    ),
    ("you may need 2 tablets", &[(2.0, Some(Tablet))]),
    // After text that holds none: the loops start at the first digit or number word, and an address is read over, digits and all.
    ("Please rest for an hour", &[(1.0, Some(Hour))]),
    ("Rest, then do it twice", &[(2.0, Some(Times))]),
    ("Read it, then rest three weeks", &[(3.0, Some(Week))]),
    ("Bring B12 and A4 paper for two weeks", &[(2.0, Some(Week))]),
    ("Take １２ tablets", &[(12.0, Some(Tablet))]),
    ("See www.nhs.uk/111 for 2 days", &[(2.0, Some(Day))]),
];

/// Chinese texts and the quantities found in them, as (value, unit).
const CHINESE: &[(&str, &[Found])] = &[
    // Digits and units.
    (
        "术前 6 小时禁食，6小时",
        &[(6.0, Some(Hour)), (6.0, Some(Hour))],
    ),
    (
        "1000 毫升，1,000毫升",
        &[(1000.0, Some(Millilitre)), (1000.0, Some(Millilitre))],
    ),
    ("每次 0.5 mg", &[(0.5, Some(Milligram))]),
    ("3 个月内", &[(3.0, Some(Month))]),
    ("超过 65 岁", &[(65.0, Some(Year))]),
    (
        "38.5℃，38 摄氏度",
        &[(38.5, Some(Degree)), (38.0, Some(Degree))],
    ),
    ("约 5%", &[(5.0, Some(Percent))]),
    ("1 万人", &[(10_000.0, None)]),
    ("10 多天", &[(10.0, Some(Day))]),
    ("每 1000 例手术中发生 1 例", &[(1000.0, None), (1.0, None)]),
    ("１２小时", &[(12.0, Some(Hour))]),
    // Numerals before units, halves, percentages, fractions, ordinals.
    ("两周", &[(2.0, Some(Week))]),
    ("术前六小时请勿进食", &[(6.0, Some(Hour))]),
    ("一小时", &[(1.0, Some(Hour))]),
    ("三个月", &[(3.0, Some(Month))]),
    (
        "十二小时、二十四小时",
        &[(12.0, Some(Hour)), (24.0, Some(Hour))],
    ),
    ("一个半小时", &[(1.5, Some(Hour))]),
    ("半小时，半个月", &[(0.5, Some(Hour)), (0.5, Some(Month))]),
    ("一天半", &[(1.5, Some(Day))]),
    ("一刻钟", &[(15.0, Some(Minute))]),
    ("五百毫克", &[(500.0, Some(Milligram))]),
    ("一点五毫克", &[(1.5, Some(Milligram))]),
    ("百分之五", &[(5.0, Some(Percent))]),
    ("十分之一", &[(10.0, None), (1.0, None)]),
    ("每十人中有九人", &[(10.0, None), (9.0, None)]),
    ("两人一组", &[]),
    ("第 2 次，第3周，第二次", &[(2.0, None), (3.0, None)]),
    // Ranges.
    (
        "检查需要 30 到 45 分钟",
        &[(30.0, Some(Minute)), (45.0, Some(Minute))],
    ),
    ("30至45分钟", &[(30.0, Some(Minute)), (45.0, Some(Minute))]),
    ("30–45 分钟", &[(30.0, Some(Minute)), (45.0, Some(Minute))]),
    ("2 至 4 周", &[(2.0, Some(Week)), (4.0, Some(Week))]),
    ("三到四天", &[(3.0, Some(Day)), (4.0, Some(Day))]),
    ("两三天", &[(2.0, Some(Day)), (3.0, Some(Day))]),
    ("一两天", &[(1.0, Some(Day)), (2.0, Some(Day))]),
    ("1 或 2 天", &[(1.0, Some(Day)), (2.0, Some(Day))]),
    (
        "每周两到三次",
        &[(2.0, Some(TimesPerWeek)), (3.0, Some(TimesPerWeek))],
    ),
    ("30-45", &[(30.0, None), (45.0, None)]),
    (
        "每周三到四次",
        &[(3.0, Some(TimesPerWeek)), (4.0, Some(TimesPerWeek))],
    ),
    // Frequencies and clock times.
    ("每天 3 次", &[(3.0, Some(TimesPerDay))]),
    ("每天三次", &[(3.0, Some(TimesPerDay))]),
    ("每天滴 4 次", &[(4.0, Some(TimesPerDay))]),
    ("一天三次", &[(3.0, Some(TimesPerDay))]),
    ("每周两次", &[(2.0, Some(TimesPerWeek))]),
    ("每周一次", &[(1.0, Some(TimesPerWeek))]),
    ("每日二次", &[(2.0, Some(TimesPerDay))]),
    ("3 次/天", &[(3.0, Some(TimesPerDay))]),
    ("早晚各一次", &[(2.0, Some(TimesPerDay))]),
    ("每 4 小时一次", &[(4.0, Some(Hour))]),
    ("每隔一天一次", &[(1.0, Some(Day)), (1.0, Some(Times))]),
    ("检查两次", &[(2.0, Some(Times))]),
    (
        "08:30 至 17:00",
        &[(8.5, Some(TimeOfDay)), (17.0, Some(TimeOfDay))],
    ),
    (
        "下午 2 点，上午八点半",
        &[(14.0, Some(TimeOfDay)), (8.5, Some(TimeOfDay))],
    ),
    ("晚上 8:30", &[(20.5, Some(TimeOfDay))]),
    ("8点30分", &[(8.5, Some(TimeOfDay))]),
    // After text that holds none.
    ("请休息半小时。", &[(0.5, Some(Hour))]),
    ("请在１２小时内复诊", &[(12.0, Some(Hour))]),
    ("风险约为万分之一", &[(10_000.0, None), (1.0, None)]),
    ("请访问 www.nhs.uk/111 或拨打 111", &[(111.0, None)]),
];

/// English texts that hold no quantity: dates, codes, addresses, fractions, number words
/// without a unit.
const ENGLISH_NONE: &[&str] = &[
    "Once you are home, rest.",
    "Sevenfold seventeens sixes",
    "a small cut, an apple",
    "one of the most common operations",
    "no one will mind",
    "someone can take you home",
    "stay close to one",
    "a few days",
    "the first dose, the second dose",
    "two of us",
    "This is often done.",
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
    "Please read this leaflet carefully.",
];

/// Chinese texts that hold no quantity: numerals in words and idioms, dates, weekdays,
/// ordinals, codes.
const CHINESE_NONE: &[&str] = &[
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
    "周三到周五，周一至五",
    "请按时到达医院。",
];

#[test]
fn english_quantities() {
    for (text, expected) in ENGLISH {
        assert_eq!(en(text), *expected, "{text}");
    }
}

#[test]
fn chinese_quantities() {
    for (text, expected) in CHINESE {
        assert_eq!(zh(text), *expected, "{text}");
    }
}

#[test]
fn texts_without_quantities() {
    for text in ENGLISH_NONE {
        assert!(en(text).is_empty(), "{text}: {:?}", en(text));
    }
    for text in CHINESE_NONE {
        assert!(zh(text).is_empty(), "{text}: {:?}", zh(text));
    }
}

/// A quantity's text runs from its number to its unit, and its range is that text's place.
#[test]
fn quantity_texts_and_ranges_are_exact() {
    type TextAndRange = (&'static str, std::ops::Range<usize>);
    let texts = |q: Vec<Quantity>| q.into_iter().map(|q| (q.text, q.range)).collect::<Vec<_>>();
    let cases: [(Vec<Quantity>, &[TextAndRange]); 5] = [
        (
            quantities_en("It takes 30 to 45 minutes."),
            &[("30 to 45 minutes", 9..25), ("45 minutes", 15..25)],
        ),
        (
            quantities_en("Call 020 7946 0123 now, 24 hours a day."),
            &[("020 7946 0123", 5..18), ("24 hours", 24..32)],
        ),
        (
            quantities_en("call +44 20 7946 0123"),
            &[("+44 20 7946 0123", 5..21)],
        ),
        (
            quantities_en("call (020) 7946 0123"),
            &[("(020) 7946 0123", 5..20)],
        ),
        (
            quantities_zh("请致电眼科门诊：020 7946 0456。"),
            &[("020 7946 0456", 24..37)],
        ),
    ];
    for (found, expected) in cases {
        let expected: Vec<(String, std::ops::Range<usize>)> = expected
            .iter()
            .map(|(text, range)| (text.to_string(), range.clone()))
            .collect();
        assert_eq!(texts(found), expected);
    }
    assert_eq!(
        quantities_en("Call 020 7946 0123 now")[0].unit,
        Some(PhoneNumber)
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
    // (English, Chinese, the English quantities left unmatched, the Chinese ones).
    let cases: &[(&str, &str, &[&str], &[&str])] = &[
        (
            "4 times a day",
            "每天 3 次",
            &["4 times a day"],
            &["每天 3 次"],
        ),
        (
            "Do not eat for 6 hours",
            "术前 4 小时请勿进食",
            &["6 hours"],
            &["4 小时"],
        ),
        (
            "Call 020 7946 0123",
            "请致电 020 7946 0124",
            &["020 7946 0123"],
            &["020 7946 0124"],
        ),
        ("twice a day", "每周两次", &["twice a day"], &["每周两次"]),
        ("for 2 weeks", "连续 2 天", &["2 weeks"], &["2 天"]),
        ("500 mg", "500 微克", &["500 mg"], &["500 微克"]),
        ("08:30", "09:30", &["08:30"], &["09:30"]),
        ("Take 2 tablets", "服用一片", &["2 tablets"], &[]),
        ("Take 1 tablet", "服用两片", &["1 tablet"], &["两片"]),
        (
            "30 to 45 minutes",
            "30 到 40 分钟",
            &["45 minutes"],
            &["40 分钟"],
        ),
        ("Stop 7 days before", "请停药", &["7 days"], &[]),
        ("", "请在检查前 7 天停药", &[], &["7 天"]),
    ];
    for (english, chinese, only_english, only_chinese) in cases {
        let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<String>>();
        assert_eq!(
            mismatches(english, chinese),
            (strings(only_english), strings(only_chinese)),
            "{english} / {chinese}"
        );
    }
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
