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
    "sources",
    "aliases",
    "withdrawn",
    "replaced_by",
    "withdrawn_reason",
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
    /// Where the information comes from (PIF TICK criterion 4), shown as "Sources".
    pub sources: Vec<Source>,
    /// Earlier slugs of the leaflet: their addresses redirect to it.
    pub aliases: Vec<Alias>,
    /// Set when the leaflet was withdrawn: its addresses then show a notice.
    pub withdrawn: Option<Withdrawal>,
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
    pub summary: Position,
    pub department: Position,
}

/// One entry of `sources:`: a title, and the address where it can be read when it is online.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Source {
    pub title: String,
    pub url: Option<String>,
}

/// One entry of `aliases:`: an earlier slug, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub slug: String,
    pub position: Position,
}

/// `withdrawn:` with its optional `replaced_by:` and `withdrawn_reason:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawal {
    pub date: Date,
    /// The slug of the leaflet that replaces it.
    pub replaced_by: Option<String>,
    pub reason: Option<String>,
    pub position: Position,
    pub replaced_by_position: Position,
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

    let sources = parse_sources(&doc, &mut problems);
    let aliases = parse_aliases(&doc, &mut problems);
    let withdrawn = parse_withdrawal(&doc, &mut problems);

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
            sources,
            aliases,
            withdrawn,
            positions: FieldPositions {
                reference: doc.value_position("reference"),
                version: doc.value_position("version"),
                reviewed: doc.value_position("reviewed"),
                review_due: doc.value_position("review_due"),
                title: doc.value_position("title"),
                summary: doc.value_position("summary"),
                department: doc.value_position("department"),
            },
        }),
        _ => {
            diagnostics.extend(problems);
            None
        }
    }
}

/// `sources:`: a list of `{ title: …, url: https://… }`, or of titles alone.
fn parse_sources(doc: &YamlMapping, problems: &mut Diagnostics) -> Vec<Source> {
    let hint = "sources:\n            - title: Bowel preparation guideline, 2025\n              url: https://guidance.example.org/bowel-preparation\n            - Patient panel review, January 2026";
    let items = match doc.get("sources") {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Sequence(items)) => items,
        Some(_) => {
            problems.push(
                Diagnostic::error(
                    doc.value_location("sources"),
                    "sources: expected a list of sources, each a title and an address",
                )
                .with_hint(hint),
            );
            return Vec::new();
        }
    };
    let mut sources = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let at = doc.item_location("sources", index);
        let (title, url) = match item {
            Value::String(title) => (Some(title.as_str()), None),
            Value::Mapping(fields) => {
                for key in fields.keys() {
                    let name = key.as_str().unwrap_or_default();
                    if name != "title" && name != "url" {
                        problems.push(
                            Diagnostic::error(
                                at.clone(),
                                format!("sources: unknown field `{name}`"),
                            )
                            .with_hint("a source has a `title` and, when it is online, a `url`"),
                        );
                    }
                }
                let url = match fields.get("url") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(url)) => Some(url.trim()),
                    Some(_) => {
                        problems.push(Diagnostic::error(
                            at.clone(),
                            "sources: the url must be text",
                        ));
                        continue;
                    }
                };
                (fields.get("title").and_then(Value::as_str), url)
            }
            _ => (None, None),
        };
        let Some(title) = title.map(str::trim).filter(|t| !t.is_empty()) else {
            problems
                .push(Diagnostic::error(at, "sources: each source needs a title").with_hint(hint));
            continue;
        };
        if let Some(url) = url
            && let Err(problem) = check_source_url(url)
        {
            problems.push(
                Diagnostic::error(
                    doc.item_field_location("sources", index, "url"),
                    format!("sources: {problem}"),
                )
                .underlining(url.chars().count())
                .with_hint("give the full address of the source, starting with https://"),
            );
            continue;
        }
        sources.push(Source {
            title: title.to_string(),
            url: url.map(str::to_string),
        });
    }
    sources
}

/// A source's address is a web page: nothing a browser would run (`javascript:`) or read
/// from the reader's own machine.
fn check_source_url(url: &str) -> Result<(), String> {
    let scheme = crate::text::url::scheme(url).map(str::to_ascii_lowercase);
    match scheme {
        Some(scheme) if !crate::text::url::WEB_SCHEMES.contains(&scheme.as_str()) => {
            Err(format!("links with `{scheme}:` addresses are not allowed"))
        }
        Some(_) if url::Url::parse(url).is_ok_and(|u| u.host_str().is_some()) => Ok(()),
        _ => Err(format!("\"{url}\" is not a web address")),
    }
}

/// `aliases:`: earlier slugs of the leaflet.
fn parse_aliases(doc: &YamlMapping, problems: &mut Diagnostics) -> Vec<Alias> {
    let items = match doc.get("aliases") {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Sequence(items)) => items,
        Some(_) => {
            problems.push(
                Diagnostic::error(
                    doc.value_location("aliases"),
                    "aliases: expected a list of the leaflet's earlier slugs",
                )
                .with_hint("aliases: [old-slug]"),
            );
            return Vec::new();
        }
    };
    let positions = doc.item_positions("aliases");
    let mut aliases = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let position = positions
            .get(index)
            .copied()
            .unwrap_or_else(|| doc.value_position("aliases"));
        match item.as_str().map(str::trim) {
            Some(slug) if super::is_valid_slug(slug) => aliases.push(Alias {
                slug: slug.to_string(),
                position,
            }),
            _ => problems.push(
                Diagnostic::error(
                    Location::at(&doc.path, position),
                    format!(
                        "aliases: {} is not a leaflet slug",
                        serde_norway::to_string(item)
                            .map(|s| format!("\"{}\"", s.trim()))
                            .unwrap_or_else(|_| "this".into())
                    ),
                )
                .underlining(item.as_str().map_or(1, |text| text.chars().count()))
                .with_hint("an alias is an earlier folder name of the leaflet: lowercase letters, digits and `-`"),
            ),
        }
    }
    aliases
}

/// `withdrawn:`, `replaced_by:` and `withdrawn_reason:`.
fn parse_withdrawal(doc: &YamlMapping, problems: &mut Diagnostics) -> Option<Withdrawal> {
    let date = match doc.get("withdrawn") {
        None | Some(Value::Null) => None,
        Some(_) => required_date(doc, "withdrawn", problems),
    };
    let replaced_by = match doc.get("replaced_by") {
        None | Some(Value::Null) => None,
        Some(Value::String(slug)) if super::is_valid_slug(slug.trim()) => {
            Some(slug.trim().to_string())
        }
        Some(_) => {
            problems.push(
                Diagnostic::error(
                    doc.value_location("replaced_by"),
                    "replaced_by: expected the slug of the leaflet that replaces this one",
                )
                .with_hint("replaced_by: colonoscopy-bowel-prep"),
            );
            None
        }
    };
    let reason = match doc.get("withdrawn_reason") {
        None | Some(Value::Null) => None,
        Some(Value::String(reason)) if !reason.trim().is_empty() => Some(reason.trim().to_string()),
        Some(_) => {
            problems.push(Diagnostic::error(
                doc.value_location("withdrawn_reason"),
                "withdrawn_reason: expected text",
            ));
            None
        }
    };
    if doc.get("withdrawn").is_none() {
        for field in ["replaced_by", "withdrawn_reason"] {
            if doc.get(field).is_some() {
                problems.push(
                    Diagnostic::error(
                        doc.key_location(field),
                        format!("{field}: only a withdrawn leaflet has one"),
                    )
                    .with_hint("add `withdrawn: YYYY-MM-DD`, the day the leaflet was withdrawn"),
                );
            }
        }
    }
    Some(Withdrawal {
        date: date?,
        replaced_by,
        reason,
        position: doc.value_position("withdrawn"),
        replaced_by_position: doc.value_position("replaced_by"),
    })
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
