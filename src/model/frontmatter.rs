//! Leaflet front matter: splitting it from the Markdown body and checking every field.

use std::path::Path;

use serde_norway::Value;
use time::Date;

use super::yaml::YamlMapping;
use crate::diagnostic::{Diagnostic, Diagnostics, Location, Position};

const KNOWN_FIELDS: &[&str] = &[
    "title",
    "summary",
    "reference",
    "version",
    "department",
    "reviewed",
    "review_due",
    "tags",
    "draft",
];

/// The checked metadata of one language file of a leaflet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    pub summary: String,
    pub reference: String,
    pub version: u64,
    pub department: String,
    pub reviewed: Date,
    pub review_due: Date,
    pub tags: Vec<String>,
    pub draft: bool,
    /// Where each field's value starts in the file, for diagnostics found later.
    pub positions: FieldPositions,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPositions {
    pub reference: Position,
    pub version: Position,
    pub reviewed: Position,
    pub review_due: Position,
    pub title: Position,
}

/// A Markdown file split into its front matter and body.
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line of the file on which the YAML starts.
    pub yaml_first_line: usize,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Finds the `---` fences. `text` has LF line endings and no BOM.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let missing = || {
        Diagnostic::error(
            Location::at(path, Position::new(1, 1)),
            "missing front matter: the file must start with a `---` line",
        )
        .with_hint("start the file with ---, then fields such as `title: …`, then --- again")
    };
    let first_line_end = text.find('\n').ok_or_else(missing)?;
    if text[..first_line_end].trim_end() != "---" {
        return Err(missing());
    }
    let yaml_start = first_line_end + 1;
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_first_line: 2,
                body_offset: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Location::at(path, Position::new(1, 1)),
        "front matter is not closed: no second `---` line",
    )
    .with_hint("end the front matter with a line containing only ---"))
}

/// Parses and checks front matter, reporting every problem found (not just the first);
/// `None` when there was any.
pub fn parse(path: &Path, split: &Split<'_>, diagnostics: &mut Diagnostics) -> Option<FrontMatter> {
    let doc = match YamlMapping::parse(path, split.yaml, split.yaml_first_line) {
        Ok(doc) => doc,
        Err(problem) => {
            diagnostics.push(problem);
            return None;
        }
    };
    let mut problems: Diagnostics = doc
        .unknown_keys(KNOWN_FIELDS, "front matter")
        .into_iter()
        .collect();

    let title = required_text(&doc, "title", &mut problems);
    let summary = required_text(&doc, "summary", &mut problems);
    let department = required_text(&doc, "department", &mut problems);
    let reference = required_text(&doc, "reference", &mut problems);
    if let Some(reference) = &reference
        && reference.chars().any(char::is_whitespace)
    {
        problems.push(
            Diagnostic::error(
                doc.value_location("reference"),
                format!("reference: \"{reference}\" contains spaces"),
            )
            .with_hint("a reference is a code such as INR-0042"),
        );
    }
    let version = match doc.get("version") {
        None => {
            problems.push(missing(&doc, "version", "version: 1"));
            None
        }
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > 0) => n.as_u64(),
        Some(other) => {
            problems.push(
                Diagnostic::error(
                    doc.value_location("version"),
                    format!(
                        "version: expected a positive whole number, found {}",
                        describe(other)
                    ),
                )
                .with_hint("versions count up from 1: version: 3"),
            );
            None
        }
    };
    let reviewed = required_date(&doc, "reviewed", &mut problems);
    let review_due = required_date(&doc, "review_due", &mut problems);
    if let (Some(reviewed), Some(due)) = (reviewed, review_due)
        && due < reviewed
    {
        problems.push(
            Diagnostic::error(
                doc.value_location("review_due"),
                format!("review_due: {due} is before the review date {reviewed}"),
            )
            .with_note(doc.value_location("reviewed"), "reviewed here"),
        );
    }
    let tags = match doc.get("tags") {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(Value::Sequence(items)) => {
            let strings: Option<Vec<String>> = items
                .iter()
                .map(|item| match item {
                    Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                    _ => None,
                })
                .collect();
            if strings.is_none() {
                problems.push(tags_error(&doc));
            }
            strings
        }
        Some(_) => {
            problems.push(tags_error(&doc));
            None
        }
    };
    let draft = match doc.get("draft") {
        None | Some(Value::Null) => Some(false),
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => {
            problems.push(Diagnostic::error(
                doc.value_location("draft"),
                format!("draft: expected true or false, found {}", describe(other)),
            ));
            None
        }
    };

    match (
        title, summary, reference, version, department, reviewed, review_due, tags, draft,
    ) {
        (
            Some(title),
            Some(summary),
            Some(reference),
            Some(version),
            Some(department),
            Some(reviewed),
            Some(review_due),
            Some(tags),
            Some(draft),
        ) if problems.is_empty() => Some(FrontMatter {
            title,
            summary,
            reference,
            version,
            department,
            reviewed,
            review_due,
            tags,
            draft,
            positions: FieldPositions {
                reference: doc.value_position("reference"),
                version: doc.value_position("version"),
                reviewed: doc.value_position("reviewed"),
                review_due: doc.value_position("review_due"),
                title: doc.value_position("title"),
            },
        }),
        _ => {
            diagnostics.extend(problems);
            None
        }
    }
}

fn tags_error(doc: &YamlMapping) -> Diagnostic {
    Diagnostic::error(doc.value_location("tags"), "tags: expected a list of words")
        .with_hint("tags: [endoscopy, bowel]")
}

fn missing(doc: &YamlMapping, field: &str, example: &str) -> Diagnostic {
    Diagnostic::error(
        doc.start_location(),
        format!("missing required field `{field}`"),
    )
    .with_hint(format!(
        "add a line such as `{example}` to the front matter"
    ))
}

fn required_text(doc: &YamlMapping, field: &str, problems: &mut Diagnostics) -> Option<String> {
    match doc.get(field) {
        None => {
            problems.push(missing(doc, field, &format!("{field}: …")));
            None
        }
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::String(_)) | Some(Value::Null) => {
            problems.push(Diagnostic::error(
                doc.value_location(field),
                format!("{field}: must not be empty"),
            ));
            None
        }
        Some(other) => {
            problems.push(
                Diagnostic::error(
                    doc.value_location(field),
                    format!("{field}: expected text, found {}", describe(other)),
                )
                .with_hint("put the value in quotes if it is meant as text"),
            );
            None
        }
    }
}

fn required_date(doc: &YamlMapping, field: &str, problems: &mut Diagnostics) -> Option<Date> {
    let hint = "write dates as YYYY-MM-DD, e.g. 2026-02-01";
    match doc.get(field) {
        None => {
            problems.push(missing(doc, field, &format!("{field}: 2026-02-01")));
            None
        }
        Some(Value::String(s)) => match parse_date(s) {
            Some(date) => Some(date),
            None => {
                problems.push(
                    Diagnostic::error(
                        doc.value_location(field),
                        format!("{field}: invalid date \"{s}\""),
                    )
                    .with_hint(hint),
                );
                None
            }
        },
        Some(other) => {
            problems.push(
                Diagnostic::error(
                    doc.value_location(field),
                    format!("{field}: expected a date, found {}", describe(other)),
                )
                .with_hint(hint),
            );
            None
        }
    }
}

/// Parses `YYYY-MM-DD` strictly: a real calendar date, four-digit year, two-digit month and day.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = &text[range];
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let year = number(0..4)? as i32;
    let month = time::Month::try_from(number(5..7)? as u8).ok()?;
    let day = number(8..10)? as u8;
    Date::from_calendar_date(year, month, day).ok()
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let path = Path::new("zh.md");
        let split = split(path, text).map_err(|d| vec![d])?;
        let mut problems = Diagnostics::default();
        parse(path, &split, &mut problems).ok_or_else(|| problems.into_iter().collect())
    }

    const GOOD: &str = "---\ntitle: T\nsummary: S\nreference: GAS-1\nversion: 2\ndepartment: D\nreviewed: 2026-02-01\nreview_due: 2027-02-01\n---\nBody\n";

    #[test]
    fn a_complete_front_matter_parses() {
        let front = parse_text(GOOD).unwrap();
        assert_eq!(front.version, 2);
        assert_eq!(front.reviewed.to_string(), "2026-02-01");
        assert_eq!(front.positions.review_due, Position::new(8, 13));
        assert!(!front.draft);
    }

    #[test]
    fn an_invalid_date_is_reported_at_its_value() {
        let text = GOOD.replace("review_due: 2027-02-01", "review_due: 2026-13-45");
        let problems = parse_text(&text).unwrap_err();
        assert_eq!(
            problems[0].to_string().lines().next().unwrap(),
            "zh.md:8:13: error: review_due: invalid date \"2026-13-45\""
        );
    }

    #[test]
    fn all_problems_are_reported_together() {
        let text = "---\ntitle: 12\nversion: 0\nsumary: x\n---\n";
        let problems = parse_text(text).unwrap_err();
        let messages: Vec<_> = problems.iter().map(|d| d.message.as_str()).collect();
        assert!(messages.contains(&"unknown front matter field `sumary`"));
        assert!(messages.contains(&"title: expected text, found a number"));
        assert!(messages.contains(&"missing required field `summary`"));
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("version: expected a positive"))
        );
    }

    #[test]
    fn dates_must_exist_in_the_calendar() {
        assert!(parse_date("2026-02-29").is_none());
        assert!(parse_date("2028-02-29").is_some());
        assert!(parse_date("2026-2-1").is_none());
    }

    #[test]
    fn the_body_starts_after_the_closing_fence() {
        let s = split(Path::new("a.md"), GOOD).unwrap();
        assert_eq!(&GOOD[s.body_offset..], "Body\n");
    }
}
