//! The status report as a text table for a terminal: one line per leaflet and language, its
//! columns lined up by display width (a Chinese character takes two columns).

use std::fmt::Write as _;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Report, Row};

/// Titles longer than this many columns are cut short with `…`, so lines fit a terminal.
const TITLE_COLUMNS: usize = 36;

/// What a missing value shows.
const NONE: &str = "-";

pub fn to_text(report: &Report) -> String {
    let totals = &report.totals;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Leaflet status on {}: {} leaflets; {} errors, {} warnings; reviews: {} overdue, {} due soon; translations: {} missing, {} stale, {} with their source changed\n",
        report.today,
        totals.leaflets,
        totals.errors,
        totals.warnings,
        totals.overdue,
        totals.due_soon,
        totals.missing_translations,
        totals.stale_translations,
        totals.source_changed,
    );
    let header = [
        "leaflet",
        "lang",
        "title",
        "state",
        "review due",
        "findings",
    ]
    .map(str::to_string);
    let rows: Vec<[String; 6]> = report.rows.iter().map(cells).collect();
    let mut widths = header.clone().map(|cell| cell.width());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (index, (cell, width)) in row.iter().zip(widths).enumerate() {
            line.push_str(cell);
            // The last column is not padded: no trailing spaces.
            if index + 1 < row.len() {
                line.push_str(&" ".repeat(width - cell.width() + 2));
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// A row's cells: leaflet, language, title, translation state, review due (and whether it is
/// overdue or due soon), findings per rule.
fn cells(row: &Row) -> [String; 6] {
    let review_due = match (&row.review_due, row.review) {
        (None, _) => NONE.to_string(),
        (Some(due), "ok") => due.clone(),
        (Some(due), review) => format!("{due} {review}"),
    };
    let findings = if row.findings.is_empty() {
        NONE.to_string()
    } else {
        row.findings
            .iter()
            .map(|(rule, count)| format!("{rule} {count}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    [
        row.slug.clone(),
        row.lang.clone(),
        row.title
            .as_deref()
            .map_or_else(|| NONE.to_string(), |title| cut(title, TITLE_COLUMNS)),
        row.translation.to_string(),
        review_due,
        findings,
    ]
}

/// `text` in at most `columns` display columns, ending in `…` when it was cut.
fn cut(text: &str, columns: usize) -> String {
    // Control characters (a tab in a title) would break the columns.
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.width() <= columns {
        return text;
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let width = c.width().unwrap_or(0);
        if used + width > columns - 1 {
            break;
        }
        used += width;
        kept.push(c);
    }
    kept.push('…');
    kept
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::report::Totals;

    fn row(slug: &str, lang: &str, title: Option<&str>) -> Row {
        Row {
            slug: slug.into(),
            lang: lang.into(),
            path: None,
            title: title.map(str::to_string),
            reference: None,
            version: None,
            reviewed: None,
            review_due: title.map(|_| "2028-03-01".to_string()),
            review: "ok",
            translation: if title.is_some() {
                "current"
            } else {
                "missing"
            },
            signed_off: None,
            errors: 0,
            warnings: 0,
            findings: BTreeMap::new(),
        }
    }

    #[test]
    fn columns_line_up_by_display_width_with_chinese_titles() {
        let mut overdue = row("colonoscopy", "zh", Some("结肠镜检查"));
        overdue.review = "overdue";
        overdue.translation = "stale";
        overdue.findings = BTreeMap::from([("untranslated-text", 3), ("zh-punctuation", 1)]);
        let report = Report {
            today: "2026-06-01".into(),
            languages: vec!["en".into(), "zh".into()],
            rows: vec![
                row("colonoscopy", "en", Some("Colonoscopy")),
                overdue,
                row("knee", "zh", None),
            ],
            totals: Totals {
                leaflets: 2,
                warnings: 4,
                overdue: 1,
                missing_translations: 1,
                stale_translations: 1,
                ..Totals::default()
            },
        };
        assert_eq!(
            to_text(&report),
            "Leaflet status on 2026-06-01: 2 leaflets; 0 errors, 4 warnings; reviews: 1 overdue, 0 due soon; translations: 1 missing, 1 stale, 0 with their source changed

leaflet      lang  title        state    review due          findings
colonoscopy  en    Colonoscopy  current  2028-03-01          -
colonoscopy  zh    结肠镜检查   stale    2028-03-01 overdue  untranslated-text 3, zh-punctuation 1
knee         zh    -            missing  -                   -
"
        );
    }

    #[test]
    fn long_titles_are_cut_to_their_column() {
        assert_eq!(cut("Colonoscopy", 8), "Colonos…");
        assert_eq!(cut("结肠镜检查前的准备", 8), "结肠镜…");
        assert_eq!(cut("A\ttab", 8), "A tab");
    }
}
