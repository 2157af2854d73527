//! Reads `glossary.csv` as a spreadsheet saves it: a header row naming the columns (`en`, `zh`,
//! `avoid:zh`, `note`), one concept per row, `|` between alternative terms. Accepts a UTF-8
//! byte order mark, CRLF line ends and quoted cells; reports each malformed row at its line and
//! cell, and keeps every row it can use.

use std::path::Path;

use super::line_column;
use super::{Origin, Row, problem, resolve_language};
use crate::diagnostic::{Diagnostic, LineIndex};

/// What a header cell makes of its column.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    /// Approved terms in a site language.
    Terms(String),
    /// Translations to avoid in a site language.
    Avoid(String),
    Note,
    /// Not read: unknown, a language the site does not have, a repeated name or no name.
    Ignored,
}

/// The rows of a `glossary.csv` whose bytes are `bytes`, and what is wrong with it.
pub fn parse(path: &Path, bytes: &[u8], languages: &[String]) -> (Vec<Row>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = line_column(
                // Everything before the first bad byte is valid UTF-8.
                std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
                e.valid_up_to(),
            );
            problems.push(
                problem::error(
                    path,
                    line,
                    Some(column),
                    "glossary.csv is not UTF-8 text; it was not read".to_string(),
                )
                .with_hint("in the spreadsheet, save it as \"CSV UTF-8\""),
            );
            return (Vec::new(), problems);
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let start = record.position().map_or(0, |p| p.byte() as usize);
                records.push((record_start(text, start), record));
            }
            Err(e) => {
                let (line, column) = e.position().map_or((0, None), |p| {
                    let (line, column) = line_column(text, p.byte() as usize);
                    (line, Some(column))
                });
                problems.push(problem::error(
                    path,
                    line,
                    column,
                    format!("unreadable row: {e}"),
                ));
            }
        }
    }
    // A quote that is never closed swallows the rest of the file into the last cell.
    if let Some((start, _)) = records.last()
        && let (cells, true) = cell_starts(text, *start)
    {
        let opened = cells.last().copied().unwrap_or(*start);
        let (line, column) = line_column(text, opened);
        problems.push(
            problem::error(
                path,
                line,
                Some(column),
                "this quoted cell is never closed, so the rest of the file was read into it; \
                 the row was not used"
                    .to_string(),
            )
            .with_hint("close the quote; a quote inside a quoted cell is written twice (\"\")"),
        );
        records.pop();
    }
    let Some(((_, header), rows)) = records.split_first() else {
        problems.push(problem::warning(
            path,
            1,
            None,
            "glossary.csv is empty".to_string(),
        ));
        return (Vec::new(), problems);
    };
    let columns = read_header(path, text, header, languages, &mut problems);
    if !columns.iter().any(|c| matches!(c, Column::Terms(_))) {
        problems.push(
            problem::error(
                path,
                1,
                Some(1),
                format!(
                    "the header names no column of the site's languages ({}); glossary.csv was not used",
                    languages.join(", ")
                ),
            )
            .with_hint("the first row names the columns, e.g. en,zh,avoid:zh,note"),
        );
        return (Vec::new(), problems);
    }
    let mut out = Vec::new();
    // Every row asks where it is (its glossary line): the lines are found once.
    let lines = LineIndex::new(text);
    for (start, record) in rows {
        let cell_at = |index: usize| {
            let (cells, _) = cell_starts(text, *start);
            let position = lines.position(cells.get(index).copied().unwrap_or(*start));
            (position.line as usize, position.column as usize)
        };
        if let Some(row) = read_row(path, record, &columns, cell_at, &mut problems) {
            out.push(row);
        }
    }
    (out, problems)
}

/// The meaning of each column, with a problem for each name that cannot be used.
fn read_header(
    path: &Path,
    text: &str,
    header: &csv::StringRecord,
    languages: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Column> {
    let start = record_start(text, header.position().map_or(0, |p| p.byte() as usize));
    let (cells, _) = cell_starts(text, start);
    let mut columns: Vec<Column> = Vec::new();
    for (index, name) in header.iter().enumerate() {
        let name = name.trim();
        let (line, column) = line_column(text, cells.get(index).copied().unwrap_or(start));
        let at = |message: String| problem::error(path, line, Some(column), message);
        let column_kind = classify_column(name, languages);
        let column_kind = match column_kind {
            Ok(kind) if columns.contains(&kind) && kind != Column::Ignored => {
                problems.push(at(format!(
                    "column \"{name}\" appears twice; the second one ({}) is ignored",
                    column_letter(index)
                )));
                Column::Ignored
            }
            Ok(kind) => kind,
            Err(NameProblem::Unnamed) => Column::Ignored,
            Err(NameProblem::UnknownLanguage(lang)) => {
                problems.push(
                    problem::warning(
                        path,
                        line,
                        Some(column),
                        format!(
                            "column \"{name}\" is for language \"{lang}\", which the site does not \
                             have ({}); it is ignored",
                            languages.join(", ")
                        ),
                    )
                    .with_hint(format!(
                        "add {lang} to `languages` in site.yaml, or remove the column"
                    )),
                );
                Column::Ignored
            }
            Err(NameProblem::Unknown) => {
                let mut problem = at(format!(
                    "unknown column \"{name}\" ({}); it is ignored",
                    column_letter(index)
                ));
                problem.hint = Some(match suggest_column(name, languages) {
                    Some(suggestion) => format!("did you mean \"{suggestion}\"?"),
                    None => format!(
                        "columns are language codes ({}), avoid:<language> and note",
                        languages.join(", ")
                    ),
                });
                problems.push(problem);
                Column::Ignored
            }
        };
        columns.push(column_kind);
    }
    columns
}

enum NameProblem {
    Unnamed,
    Unknown,
    UnknownLanguage(String),
}

fn classify_column(name: &str, languages: &[String]) -> Result<Column, NameProblem> {
    if name.is_empty() {
        return Err(NameProblem::Unnamed);
    }
    if name.eq_ignore_ascii_case("note") {
        return Ok(Column::Note);
    }
    let (lang, avoid) = match split_avoid(name) {
        Some(lang) => (lang, true),
        None => (name, false),
    };
    match resolve_language(lang, languages) {
        Some(code) if avoid => Ok(Column::Avoid(code.clone())),
        Some(code) => Ok(Column::Terms(code.clone())),
        None if looks_like_language_tag(lang)
            && (avoid || suggest_column(name, languages).is_none()) =>
        {
            Err(NameProblem::UnknownLanguage(lang.to_string()))
        }
        None => Err(NameProblem::Unknown),
    }
}

/// The language of an `avoid:<lang>` column name, ASCII case aside.
fn split_avoid(name: &str) -> Option<&str> {
    let prefix = name.get(..6)?;
    prefix
        .eq_ignore_ascii_case("avoid:")
        .then(|| name[6..].trim())
}

/// Two or three letters, then optional `-` subtags: `fr`, `zh-Hant`, `yue`.
fn looks_like_language_tag(name: &str) -> bool {
    let mut parts = name.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The valid column name closest to `name`, if it is close: a typo, another separator, or a
/// language written out ("Chinese").
fn suggest_column(name: &str, languages: &[String]) -> Option<String> {
    let lowered = name.to_lowercase();
    const LANGUAGE_NAMES: &[(&str, &str)] = &[
        ("english", "en"),
        ("英文", "en"),
        ("英语", "en"),
        ("chinese", "zh"),
        ("mandarin", "zh"),
        ("中文", "zh"),
        ("简体中文", "zh"),
        ("汉语", "zh"),
    ];
    let (avoid, bare) = match split_avoid(&lowered) {
        Some(rest) => (true, rest.to_string()),
        None => (false, lowered.clone()),
    };
    if let Some((_, code)) = LANGUAGE_NAMES.iter().find(|(n, _)| *n == bare)
        && let Some(lang) = resolve_language(code, languages)
    {
        return Some(if avoid {
            format!("avoid:{lang}")
        } else {
            lang.clone()
        });
    }
    let mut candidates: Vec<String> = vec!["note".to_string()];
    for lang in languages {
        candidates.push(lang.clone());
        candidates.push(format!("avoid:{lang}"));
    }
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&lowered, &c.to_lowercase()), c))
        .filter(|(distance, candidate)| *distance <= 2 && *distance < candidate.len())
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// One data row as a glossary row, or `None` when it is empty or unusable.
fn read_row(
    path: &Path,
    record: &csv::StringRecord,
    columns: &[Column],
    cell_at: impl Fn(usize) -> (usize, usize),
    problems: &mut Vec<Diagnostic>,
) -> Option<Row> {
    // A spreadsheet saves blank rows as commas alone; they are nothing to report.
    if record.iter().all(|cell| cell.trim().is_empty()) {
        return None;
    }
    // From the record's byte offset: the `csv` crate's own line count drifts on CRLF files.
    let (line, _) = cell_at(0);
    if record.len() != columns.len() {
        let (problem_line, column) = cell_at(columns.len().min(record.len()));
        let message = format!(
            "this row has {} but the header has {}; the row was not used",
            cells(record.len()),
            cells(columns.len())
        );
        let (line, column, hint) = if record.len() > columns.len() {
            let hint = "a comma inside a term needs the cell in quotes: \"bruising, swelling\"";
            (problem_line, Some(column), hint)
        } else {
            (
                line,
                None,
                "every row needs a cell for each column, even an empty one",
            )
        };
        problems.push(problem::error(path, line, column, message).with_hint(hint));
        return None;
    }
    let mut row = Row::new(Origin {
        path: path.to_path_buf(),
        line,
    });
    for (index, (column, cell)) in columns.iter().zip(record.iter()).enumerate() {
        let (list, lang) = match column {
            Column::Terms(lang) => (row.terms.entry(lang.clone()).or_default(), lang),
            Column::Avoid(lang) => (row.avoid.entry(lang.clone()).or_default(), lang),
            Column::Note => {
                let note = cell.trim();
                row.note = (!note.is_empty()).then(|| note.to_string());
                continue;
            }
            Column::Ignored => continue,
        };
        if cell.trim().is_empty() {
            continue;
        }
        let mut empty_alternative = false;
        for alternative in cell.split('|') {
            let term = crate::text::phrases::collapse_whitespace(alternative);
            if term.is_empty() {
                empty_alternative = true;
            } else {
                Row::push_unique(list, term);
            }
        }
        if empty_alternative {
            let (line, column) = cell_at(index);
            problems.push(
                problem::error(
                    path,
                    line,
                    Some(column),
                    format!(
                        "empty alternative in \"{}\" ({}, {lang}); the others are used",
                        cell.trim(),
                        column_letter(index)
                    ),
                )
                .with_hint("alternatives are separated by a single |, with no | at either end"),
            );
        }
    }
    if !row.has_any_term() {
        let has_avoided = row.avoid.values().any(|a| !a.is_empty());
        problems.push(
            problem::error(
                path,
                line,
                None,
                if has_avoided {
                    "this row lists terms to avoid but no approved term; it was not used"
                } else {
                    "this row has no term in any language; it was not used"
                }
                .to_string(),
            )
            .with_hint("give the approved term in at least one language column"),
        );
        return None;
    }
    row.terms.retain(|_, terms| !terms.is_empty());
    row.avoid.retain(|_, terms| !terms.is_empty());
    Some(row)
}

fn cells(count: usize) -> String {
    if count == 1 {
        "1 cell".to_string()
    } else {
        format!("{count} cells")
    }
}

/// Spreadsheet name of a 0-based column: A, B, … Z, AA, AB, …
fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("column {}", letters.iter().rev().collect::<String>())
}

/// The first byte of a record the `csv` crate says starts at `byte`: after a CRLF it points at
/// the LF, which belongs to the line before.
fn record_start(text: &str, byte: usize) -> usize {
    let rest = text.get(byte..).unwrap_or("");
    byte + (rest.len() - rest.trim_start_matches(['\r', '\n']).len())
}

/// Byte offsets where each cell of the record starting at `start` begins, and whether the text
/// ended inside a quoted cell. Follows the quoting the `csv` crate reads: a cell that starts with
/// `"` runs to the next lone `"`, and `""` inside it is a quote.
fn cell_starts(text: &str, start: usize) -> (Vec<usize>, bool) {
    let bytes = text.as_bytes();
    let mut starts = vec![start];
    let mut in_quotes = false;
    let mut at_cell_start = true;
    let mut i = start;
    while i < bytes.len() {
        let byte = bytes[i];
        if in_quotes {
            if byte == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 2;
                    continue;
                }
                in_quotes = false;
            }
        } else {
            match byte {
                b'"' if at_cell_start => in_quotes = true,
                b',' => {
                    starts.push(i + 1);
                    at_cell_start = true;
                    i += 1;
                    continue;
                }
                b'\n' | b'\r' => return (starts, false),
                _ => {}
            }
        }
        at_cell_start = false;
        i += 1;
    }
    (starts, in_quotes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages() -> Vec<String> {
        vec!["en".to_string(), "zh".to_string()]
    }

    fn parse_text(text: &str) -> (Vec<Row>, Vec<Diagnostic>) {
        parse(Path::new("glossary.csv"), text.as_bytes(), &languages())
    }

    use super::super::summary;

    #[test]
    fn reads_a_spreadsheet_export() {
        let text = "\u{FEFF}en,zh,avoid:zh,note\r\n\
                    vertebral compression fracture|VCF,椎体压缩性骨折,室性脑脊液,\"VCF is not a \"\"ventricular\"\" term, see note\"\r\n\
                    deep vein thrombosis|DVT,深静脉血栓|深静脉血栓形成,深层静脉炎|静脉炎,\"two\r\nlines\"\r\n\
                    ,,,\r\n";
        let (rows, problems) = parse_text(text);
        assert_eq!(summary(&problems), Vec::<String>::new());
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].terms("en"),
            ["vertebral compression fracture", "VCF"]
        );
        assert_eq!(rows[0].avoided("zh"), ["室性脑脊液"]);
        assert_eq!(
            rows[0].note.as_deref(),
            Some("VCF is not a \"ventricular\" term, see note")
        );
        assert_eq!(rows[1].preferred("zh"), Some("深静脉血栓"));
        assert_eq!(rows[1].avoided("zh"), ["深层静脉炎", "静脉炎"]);
        assert_eq!(rows[1].note.as_deref(), Some("two\r\nlines"));
        assert_eq!(rows[1].origin.line, 3);
    }

    #[test]
    fn reports_malformed_rows_where_they_are() {
        let cases: &[(&str, &[&str])] = &[
            (
                "en,zh\nDVT,深静脉血栓,extra\n",
                &[
                    "2:11 error this row has 3 cells but the header has 2 cells; the row was not used",
                ],
            ),
            (
                "en,zh\nDVT\n",
                &["2:1 error this row has 1 cell but the header has 2 cells; the row was not used"],
            ),
            (
                "en,zh,note\n,,just a note\n",
                &["2:1 error this row has no term in any language; it was not used"],
            ),
            (
                "en,avoid:zh\n,静脉炎\n",
                &["2:1 error this row lists terms to avoid but no approved term; it was not used"],
            ),
            (
                "en,zh\nDVT||deep vein thrombosis,深静脉血栓\n",
                &[
                    "2:1 error empty alternative in \"DVT||deep vein thrombosis\" (column A, en); the others are used",
                ],
            ),
            (
                "en,zh\nDVT,深静脉血栓|\n",
                &[
                    "2:5 error empty alternative in \"深静脉血栓|\" (column B, zh); the others are used",
                ],
            ),
            (
                "en,zh,notes\nDVT,深静脉血栓,x\n",
                &["1:7 error unknown column \"notes\" (column C); it is ignored"],
            ),
            (
                "en,zh,fr\nDVT,深静脉血栓,TVP\n",
                &[
                    "1:7 warning column \"fr\" is for language \"fr\", which the site does not have (en, zh); it is ignored",
                ],
            ),
            (
                "en,zh,avoid:fr\nDVT,深静脉血栓,x\n",
                &[
                    "1:7 warning column \"avoid:fr\" is for language \"fr\", which the site does not have (en, zh); it is ignored",
                ],
            ),
            (
                "en,zh,en\nDVT,深静脉血栓,x\n",
                &["1:7 error column \"en\" appears twice; the second one (column C) is ignored"],
            ),
            (
                "term,translation\nDVT,深静脉血栓\n",
                &[
                    "1:1 error unknown column \"term\" (column A); it is ignored",
                    "1:6 error unknown column \"translation\" (column B); it is ignored",
                    "1:1 error the header names no column of the site's languages (en, zh); glossary.csv was not used",
                ],
            ),
            (
                "en,zh\nDVT,\"深静脉血栓\nPE,肺栓塞\n",
                &[
                    "2:5 error this quoted cell is never closed, so the rest of the file was read into it; the row was not used",
                ],
            ),
            ("", &["1:1 warning glossary.csv is empty"]),
            ("en,zh\n\n\nDVT,深静脉血栓\n", &[]),
        ];
        for (text, expected) in cases {
            let (_, problems) = parse_text(text);
            assert_eq!(summary(&problems), *expected, "{text:?}");
        }
    }

    #[test]
    fn odd_input_gives_problems_not_panics() {
        let inputs: &[&[u8]] = &[
            b"",
            b"\"",
            b"\"\"\"",
            b",",
            b"\n\n\r\n",
            b"\xEF\xBB\xBF",
            b"\xEF\xBB",
            b"avoid:",
            b"en,zh\n\"",
            b"en,zh\r\n\"a\"b\"c,d\r\n",
            b"\xFF\xFE e\x00n",
            "en,zh\n深,".as_bytes(),
            b"en,zh,avoid:zh\n|,|,|\n",
            b"note\nx\n",
        ];
        for input in inputs {
            let _ = parse(Path::new("glossary.csv"), input, &languages());
        }
    }

    #[test]
    fn suggests_column_names() {
        let cases: &[(&str, Option<&str>)] = &[
            ("notes", Some("note")),
            ("avoid_zh", Some("avoid:zh")),
            ("avoid-zh", Some("avoid:zh")),
            ("Chinese", Some("zh")),
            ("avoid:Chinese", Some("avoid:zh")),
            ("中文", Some("zh")),
            ("translation", None),
        ];
        for &(name, expected) in cases {
            assert_eq!(
                suggest_column(name, &languages()).as_deref(),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn rejects_text_that_is_not_utf8() {
        let mut bytes = b"en,zh\nDVT,".to_vec();
        bytes.extend([0xC9, 0xEE]); // "深" in GBK
        let (rows, problems) = parse(Path::new("glossary.csv"), &bytes, &languages());
        assert!(rows.is_empty());
        assert_eq!(
            summary(&problems),
            ["2:5 error glossary.csv is not UTF-8 text; it was not read"]
        );
    }

    #[test]
    fn names_spreadsheet_columns() {
        let cases: &[(usize, &str)] = &[
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ];
        for &(index, letters) in cases {
            assert_eq!(column_letter(index), format!("column {letters}"));
        }
    }
}
