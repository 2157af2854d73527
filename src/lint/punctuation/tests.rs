//! The punctuation rules and fixes on lines written as agencies write them, and on the
//! sample leaflets.

use super::autocorrect::{autocorrect_cjk, autocorrect_may_change, configure_autocorrect};
use super::*;
use crate::text::chars::is_bopomofo;

/// [`super::lint`] on a text parsed here.
fn lint(text: &str, body_offset: usize) -> Vec<PunctuationIssue> {
    super::lint(text, body_offset, &Body::parse(text, body_offset))
}

/// [`super::fix`] on a text parsed here.
fn fix(text: &str, body_offset: usize) -> Option<String> {
    super::fix(text, body_offset, &Body::parse(text, body_offset))
}

/// (line, column, kind, fixable) of each issue, for compact assertions.
fn found(text: &str) -> Vec<(usize, usize, &'static str, bool)> {
    lint(text, 0)
        .into_iter()
        .map(|issue| (issue.line, issue.column, issue.kind, issue.fixable))
        .collect()
}

fn fixed(text: &str) -> String {
    fix(text, 0).unwrap_or_else(|| text.to_string())
}

#[test]
fn halfwidth_marks_after_chinese_are_found_where_they_are() {
    assert_eq!(
        found("请致电我们,谢谢。\n"),
        [(1, 6, HALFWIDTH_PUNCTUATION, true)]
    );
    assert_eq!(
        found("禁食;禁水。\n"),
        [(1, 3, HALFWIDTH_PUNCTUATION, true)]
    );
    assert_eq!(
        found("请致电内镜中心:020 7946 0123。\n"),
        [(1, 8, HALFWIDTH_PUNCTUATION, true)]
    );
    assert_eq!(found("真的吗?\n"), [(1, 4, HALFWIDTH_PUNCTUATION, true)]);
    assert_eq!(
        found("请立即拨打!\n"),
        [(1, 6, HALFWIDTH_PUNCTUATION, true)]
    );
    assert_eq!(found("请勿进食.\n"), [(1, 5, HALFWIDTH_PUNCTUATION, true)]);
    assert_eq!(
        found("`代码`,然后\n"),
        [(1, 5, HALFWIDTH_PUNCTUATION, true)]
    );
    assert_eq!(
        fixed("请致电 020 7946 0123.开放时间为 08:00 至 18:00.\n"),
        "请致电 020 7946 0123。开放时间为 08:00 至 18:00。\n"
    );
    assert_eq!(fixed("请立即拨打 999:\n"), "请立即拨打 999：\n");
    assert_eq!(fixed("会呛到.1 小时后\n"), "会呛到。1 小时后\n");
    assert_eq!(fix("请下载说明.pdf 文件。Dr. 李会联系您。\n", 0), None);
    assert_eq!(
        fix("请访问https://a.com/x*y中文,或 www.nhs.uk/a*b中文,\n", 0),
        None
    );
    assert_eq!(
        found("第一行。\n\n请勿进食. CT 扫描。\n"),
        [(3, 5, HALFWIDTH_PUNCTUATION, true)]
    );
    assert_eq!(
        found("抗凝药(例如华法林)。\n"),
        [(1, 4, HALFWIDTH_PUNCTUATION, true)]
    );
}

#[test]
fn marks_after_inline_markup_count_as_after_chinese() {
    assert_eq!(
        found("请阅读[须知](../colonoscopy/).\n"),
        [(1, 25, HALFWIDTH_PUNCTUATION, true)]
    );
    assert_eq!(
        found("**请勿进食**.\n"),
        [(1, 9, HALFWIDTH_PUNCTUATION, true)]
    );
    assert_eq!(fixed("**请勿进食**.\n"), "**请勿进食**。\n");
}

#[test]
fn doubled_and_mixed_stops_are_found() {
    assert_eq!(found("请勿进食。.\n"), [(1, 5, DOUBLED_STOP, true)]);
    assert_eq!(found("肠道，,胃\n"), [(1, 3, DOUBLED_STOP, true)]);
    assert_eq!(found("肠道,,胃\n"), [(1, 3, DOUBLED_STOP, true)]);
    assert_eq!(found("**请勿进食。**.\n"), [(1, 10, DOUBLED_STOP, true)]);
    assert_eq!(found("请勿进食，。\n"), [(1, 5, DOUBLED_STOP, false)]);
    assert_eq!(found("请等待。。。\n"), [(1, 4, DOUBLED_STOP, false)]);
    assert_eq!(
        fixed("请勿进食。.肠道，,胃。。\n"),
        "请勿进食。肠道，胃。\n"
    );
}

#[test]
fn english_quotes_around_chinese_are_found() {
    assert_eq!(
        found("这叫\"结肠镜\"检查。\n"),
        [(1, 3, ENGLISH_QUOTES, true)]
    );
    assert_eq!(found("点击'确定'按钮。\n"), [(1, 3, ENGLISH_QUOTES, true)]);
    assert_eq!(found("请按\"OK\"键。\n"), [(1, 3, ENGLISH_QUOTES, true)]);
    assert_eq!(
        fixed("这叫\"结肠镜\"，点击'确定'。\n"),
        "这叫“结肠镜”，点击‘确定’。\n"
    );
    assert_eq!(found("他说\"好。\n"), [(1, 3, ENGLISH_QUOTES, false)]);
}

#[test]
fn chinese_latin_spacing_is_found() {
    assert_eq!(
        found("做CT扫描\n"),
        [(1, 2, CJK_SPACING, true), (1, 4, CJK_SPACING, true)]
    );
    assert_eq!(found("检查前2小时\n").len(), 2);
    assert_eq!(found("做 CT  扫描\n"), [(1, 5, CJK_SPACING, true)]);
    assert_eq!(
        found("这叫 “结肠镜” 检查\n"),
        [
            (1, 3, FULLWIDTH_SPACING, true),
            (1, 9, FULLWIDTH_SPACING, true)
        ]
    );
    assert_eq!(found("检查 ，然后\n"), [(1, 3, FULLWIDTH_SPACING, true)]);
    assert_eq!(
        fixed("做CT扫描，检查前2小时 ，X光\u{3000}CT\n"),
        "做 CT 扫描，检查前 2 小时，X 光 CT\n"
    );
}

#[test]
fn messages_and_hints_say_what_to_do() {
    let issues = lint("请致电我们,谢谢。\n", 0);
    assert_eq!(issues[0].message, "half-width `,` after Chinese text");
    assert_eq!(issues[0].hint, "use `，`");
    let issues = lint("做CT\n", 0);
    assert_eq!(issues[0].message, "no space between `做` and `C`");
    assert_eq!(issues[0].hint, "add a space");
}

#[test]
fn well_written_chinese_is_clean() {
    let clean = "\
## 什么是 CT 扫描？

**请勿进食。**术前 2 小时可以喝水。

CT 扫描利用 X 光和计算机拍摄图像。请致电 020 7946 0123。开放时间为周一至周五 08:00 至 18:00。

- 如果您在服用抗凝药（例如华法林），请至少提前 7 天致电我们。
- **出血。**切除息肉后可能会出血。
1. 第一步
2. 第二步

| 时间 | 需要做什么 |
|---|---|
| 检查前 1 天 18:00 | 将 1 袋药粉溶于 1 升水中，在 1 小时内慢慢喝完。 |

如果您同时要做胃镜检查，请一并阅读我们的[结肠镜检查须知](../colonoscopy/)。

![眼睛侧面示意图。光线穿过角膜。](diagram-zh.svg)

大约每 1000 次检查中会发生 1 次，每 100 人中有 1 人，50% 的人。“结肠镜”检查！？
请前往 St Thomas’ Hospital 急诊科，或访问 www.nhs.uk 了解。
周一-周五，说明.pdf，NHS 111。
";
    assert_eq!(lint(clean, 0), []);
    assert_eq!(fix(clean, 0), None);
}

#[test]
fn section_numbers_with_a_dot_need_a_person() {
    assert_eq!(
        found("一. 术前准备\n"),
        [(1, 2, HALFWIDTH_PUNCTUATION, false)]
    );
    assert_eq!(fix("一. 术前准备\n", 0), None);
}

#[test]
fn fix_repairs_everything_fixable_and_nothing_else() {
    let before = "\u{feff}---\r\ntitle: 测试,标题\r\ntags: [内镜, 肠道]\r\n---\r\n\r\n\
# 什么是CT扫描?\r\n\r\n\
请勿进食。.术前2小时可以喝水,谢谢;(例如华法林)这叫\"结肠镜\"。\r\n\r\n\
<!-- 注释,comment文字 -->\r\n\r\n\
运行`代码,code`后,访问<https://例子.com/路径a中文>或https://www.nhs.uk/中文a页面,了解。\r\n\r\n\
```rust\r\n// 代码code注释,不改\r\nlet a = \"你好hello\";\r\n```\r\n\r\n\
请阅读[须知,CT检查](../colonoscopy/中文a \"标题,CT\").\r\n";
    let body_offset = before.find("\r\n\r\n#").unwrap() + 4;
    let after = fix(before, body_offset).expect("something to fix");
    let expected = "\u{feff}---\r\ntitle: 测试,标题\r\ntags: [内镜, 肠道]\r\n---\r\n\r\n\
# 什么是 CT 扫描？\r\n\r\n\
请勿进食。术前 2 小时可以喝水，谢谢；（例如华法林）这叫“结肠镜”。\r\n\r\n\
<!-- 注释,comment文字 -->\r\n\r\n\
运行`代码,code`后，访问<https://例子.com/路径a中文>或https://www.nhs.uk/中文a页面,了解。\r\n\r\n\
```rust\r\n// 代码code注释,不改\r\nlet a = \"你好hello\";\r\n```\r\n\r\n\
请阅读[须知，CT 检查](../colonoscopy/中文a \"标题,CT\")。\r\n";
    assert_eq!(after, expected);
    assert_eq!(fix(&after, body_offset), None);
    assert_eq!(lint(&after, body_offset), []);
    let lines_before: Vec<usize> = lint(before, body_offset).iter().map(|i| i.line).collect();
    // Nothing in the front matter (1-4), the comment (10) or the code block (14-17).
    assert_eq!(lines_before, [6, 6, 6, 8, 8, 8, 8, 8, 8, 8, 12, 19, 19, 19]);
}

#[test]
fn code_html_entities_and_urls_are_never_touched() {
    let untouched = "\
行内`代码,CT扫描`和&nbsp;实体&amp;。

<div class=\"注意\">
中文,CT扫描.
</div>

    缩进代码,CT扫描.

~~~
围栏代码,CT扫描.
~~~

<!--
注释,CT扫描.
-->
见<https://例子.com/中文,a>和<李@例子.com>，或https://nhs.uk/中文,a页面。
";
    assert_eq!(lint(untouched, 0), []);
    assert_eq!(fix(untouched, 0), None);
}

#[test]
fn front_matter_is_never_linted() {
    let text = "---\ntitle: 测试,标题\n---\n\n正文。\n";
    let body_offset = text.find("\n\n").unwrap() + 1;
    assert_eq!(lint(text, body_offset), []);
    assert_eq!(fix(text, body_offset), None);
    assert_eq!(lint(text, 0).len(), 1);
}

#[test]
fn positions_count_characters_and_whole_file_lines() {
    let text = "---\ntitle: 中文\n---\n\n前文 **粗体** 和`代码`,然后\n";
    let body_offset = text.find("\n\n").unwrap() + 1;
    let issues = lint(text, body_offset);
    assert_eq!((issues[0].line, issues[0].column), (5, 16));
}

#[test]
fn fix_is_idempotent_on_messy_text() {
    let messy = "请勿进食。. 术前2小时 ,可以喝水 ; 谢谢!!(例如:华法林)。\n这叫 \"结肠镜\" 检查...好吗?!\n做 CT\u{3000}扫描 。\n";
    let once = fixed(messy);
    assert_eq!(fix(&once, 0), None, "{once}");
    assert_eq!(
        once,
        "请勿进食。术前 2 小时，可以喝水；谢谢！！（例如：华法林）。\n这叫“结肠镜”检查……好吗？！\n做 CT 扫描。\n"
    );
}

#[test]
fn autocorrect_prefilter_never_skips_a_line_autocorrect_changes() {
    configure_autocorrect();
    let mut lines: Vec<String> = [
        "做CT扫描",
        "检查前2小时",
        "检查 ，然后",
        "这叫 “结肠镜” 检查",
        "你好,世界",
        "请勿进食.",
        "中文|,",
        "|,",
        "a,|",
        "中文-1",
        "中文+1",
        "10%中文",
        "C++中文",
        "ㄅa",
        "ㄅ,a",
        "ㄅ%a",
        "中文#x",
        "中文٣",
        "-٣中文",
        "１中文",
        "ー1",
        "〇1",
        "々a",
        "ﾃa",
        "검a",
        "999，或前往",
        "（CT）检查",
        "中文 | a",
        "ア1",
        "한국어a",
        "请致电 020 7946 0123。开放时间为 08:00 至 18:00。",
        "（例如华法林） ，",
        "请立即拨打 999:",
        "请勿进食。。。",
        "",
        " ",
    ]
    .iter()
    .map(|line| line.to_string())
    .collect();
    for (_, text, _) in crate::testing::repo_leaflet_files("zh") {
        for line in text.lines() {
            lines.push(line.to_string());
            lines.push(line.replace('。', ".").replace('，', ",").replace(" ", ""));
            lines.push(line.replace('，', " ，").replace('：', ":"));
        }
    }
    let mut skipped = 0;
    for line in &lines {
        let view: Vec<char> = line.chars().collect();
        if !autocorrect_may_change(&view) {
            skipped += 1;
            assert_eq!(
                &::autocorrect::format(line),
                line,
                "skipped a line it changes"
            );
        }
    }
    assert!(skipped > lines.len() / 4, "the pre-filter skips too little");
    for must_run in ["做CT扫描", "检查 ，然后", "你好,世界", "中文|,", "中文-1"] {
        let view: Vec<char> = must_run.chars().collect();
        assert!(autocorrect_may_change(&view), "{must_run}");
    }
}

/// The pre-filter tells Bopomofo only among the characters it takes for CJK.
#[test]
fn every_bopomofo_letter_is_cjk_to_autocorrect() {
    for c in (0..0x11_0000)
        .filter_map(char::from_u32)
        .filter(|&c| is_bopomofo(c))
    {
        assert!(autocorrect_cjk(c), "{c:?}");
    }
}

/// Each pair of neighbours that autocorrect may change is seen, at either end of a line.
#[test]
fn autocorrect_prefilter_sees_every_kind_of_neighbours() {
    let may_change = |line: &str| autocorrect_may_change(&line.chars().collect::<Vec<_>>());
    for line in [
        "中a", "a中", "中1", "1中", "中,", ",中", "|1", "中١", "， ", " ，", "ㄅ a",
    ] {
        assert!(may_change(line), "{line:?}");
    }
    for line in ["中 a", "a b", "，中", "ㄅ", "中", ""] {
        assert!(!may_change(line), "{line:?}");
    }
}

#[test]
fn a_single_full_width_stop_is_never_a_finding() {
    assert!(found("请等待。然后，再来；好吗？好！\n").is_empty());
    assert_eq!(found("请等待。。\n"), [(1, 4, DOUBLED_STOP, true)]);
}

#[test]
fn lines_the_autocorrect_prefilter_skips_still_get_the_other_rules() {
    let view: Vec<char> = "请等待。。。".chars().collect();
    assert!(!autocorrect_may_change(&view));
    assert_eq!(found("请等待。。。\n"), [(1, 4, DOUBLED_STOP, false)]);
    let view: Vec<char> = "点击'确定'按钮。".chars().collect();
    assert!(!autocorrect_may_change(&view));
    assert_eq!(found("点击'确定'按钮。\n"), [(1, 3, ENGLISH_QUOTES, true)]);
}

#[test]
fn fix_undoes_typical_agency_mistakes_in_the_sample_leaflets() {
    for (path, text, body_offset) in crate::testing::repo_leaflet_files("zh") {
        let (front_matter, body) = text.split_at(body_offset);
        let messy_body = body
            .replace('。', ".")
            .replace('，', ",")
            .replace('（', "(")
            .replace('）', ")")
            .replace('：', ":")
            .replace('？', "?")
            .replace("CT ", "CT")
            .replace(" X ", "X");
        for newline in ["\n", "\r\n"] {
            let messy = format!("{front_matter}{messy_body}").replace('\n', newline);
            let original = text.replace('\n', newline);
            let offset = body_offset + front_matter.matches('\n').count() * (newline.len() - 1);
            assert!(lint(&messy, offset).len() > 20, "{}", path.display());
            assert_eq!(
                fix(&messy, offset).as_deref(),
                Some(original.as_str()),
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn leaflets_written_with_care_are_clean() {
    for (path, text, body_offset) in crate::testing::repo_leaflet_files("zh") {
        assert_eq!(lint(&text, body_offset), [], "{}", path.display());
        assert_eq!(fix(&text, body_offset), None, "{}", path.display());
    }
}
