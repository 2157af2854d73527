//! The sign-off record, `signoffs.yaml` at the site root: which text of its source each
//! translation was checked against, when and by whom.
//!
//! A file of its own rather than fields in each translation's front matter: the fingerprints
//! are about the source, not the translation, and twenty of them in every translated file would
//! bury the front matter authors edit. One file also shows the whole site's sign-off state, and
//! a review of its diff shows exactly who signed off what and when. It is written in one
//! stable order (files by path, sections in order), with each section's heading as a comment.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use time::Date;

use super::frontmatter::parse_date;
use crate::diagnostic::{Diagnostic, Diagnostics, Location, Position};

pub const SIGNOFF_FILE: &str = "signoffs.yaml";

/// Every translation's sign-off, by the translation's path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignOffs {
    pub entries: BTreeMap<PathBuf, SignOff>,
}

/// One translation checked against its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff {
    /// The source language's file, relative to the site root.
    pub source: PathBuf,
    pub date: Date,
    pub by: Option<String>,
    /// Each section of the source as it was then, in order (the introduction first).
    pub sections: Vec<SectionPrint>,
}

/// A section of a source as signed off: its fingerprint, and its heading for people reading
/// the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionPrint {
    pub fingerprint: String,
    pub heading: String,
}

/// One entry as written in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    source: String,
    date: String,
    #[serde(default)]
    by: Option<String>,
    sections: Vec<String>,
}

impl SignOffs {
    /// Reads the record at the site root; a site without one has signed off nothing.
    pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> SignOffs {
        let path = Path::new(SIGNOFF_FILE);
        let Some(text) = super::source::read_optional_text(root, path, diagnostics) else {
            return SignOffs::default();
        };
        let problem = |position: Position, message: String| {
            Diagnostic::error(Location::at(path, position), message).with_hint(
                "this file is written by `leafpress sign-off`; sign the translations off again rather than editing it",
            )
        };
        let entries: BTreeMap<String, Entry> = match serde_norway::from_str(&text) {
            Ok(entries) => entries,
            Err(error) => {
                let position = error.location().map_or(Position::new(1, 1), |at| {
                    Position::new(at.line(), at.column())
                });
                diagnostics.push(problem(
                    position,
                    format!("invalid sign-off record: {error}"),
                ));
                return SignOffs::default();
            }
        };
        let headings = headings_in_comments(&text);
        let mut signoffs = SignOffs::default();
        for (translation, entry) in entries {
            let mut headings = headings
                .get(&translation)
                .cloned()
                .unwrap_or_default()
                .into_iter();
            let Some(date) = parse_date(&entry.date) else {
                let line = text
                    .lines()
                    .position(|line| line.trim_end() == format!("{translation}:"))
                    .map_or(1, |index| index + 1);
                diagnostics.push(problem(
                    Position::new(line, 1),
                    format!("{translation}: invalid date \"{}\"", entry.date),
                ));
                continue;
            };
            signoffs.entries.insert(
                PathBuf::from(translation),
                SignOff {
                    source: PathBuf::from(entry.source),
                    date,
                    by: entry.by,
                    sections: entry
                        .sections
                        .into_iter()
                        .map(|fingerprint| SectionPrint {
                            fingerprint,
                            heading: headings.next().unwrap_or_default(),
                        })
                        .collect(),
                },
            );
        }
        signoffs
    }

    /// The record as written: files by path, each section's heading as a comment.
    pub fn to_yaml(&self) -> String {
        let mut text = String::from(
            "# Translations signed off against their source text: written by `leafpress sign-off`,\n\
             # read by `leafpress check` and `build`. Commit this file with the site.\n",
        );
        for (translation, signoff) in &self.entries {
            text.push_str(&format!(
                "{}:\n  source: {}\n  date: {}\n",
                scalar(&path_text(translation)),
                scalar(&path_text(&signoff.source)),
                signoff.date
            ));
            if let Some(by) = &signoff.by {
                text.push_str(&format!("  by: {}\n", scalar(by)));
            }
            text.push_str("  sections:\n");
            for section in &signoff.sections {
                let heading = if section.heading.is_empty() {
                    "(introduction)".to_string()
                } else {
                    section.heading.replace(['\n', '\r'], " ")
                };
                text.push_str(&format!("    - {}  # {heading}\n", section.fingerprint));
            }
        }
        text
    }
}

/// The headings written as comments after each entry's fingerprints, by entry, so that
/// writing the record again keeps them.
fn headings_in_comments(text: &str) -> BTreeMap<String, Vec<String>> {
    let mut headings: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut entry = None;
    for line in text.lines() {
        if !line.starts_with([' ', '#']) {
            entry = line.strip_suffix(':').map(|key| {
                serde_norway::from_str::<String>(key).unwrap_or_else(|_| key.to_string())
            });
        } else if let (Some(entry), Some(item)) = (&entry, line.trim_start().strip_prefix("- ")) {
            let heading = item.split_once("  # ").map_or("", |(_, heading)| heading);
            let heading = if heading == "(introduction)" {
                ""
            } else {
                heading
            };
            headings
                .entry(entry.clone())
                .or_default()
                .push(heading.to_string());
        }
    }
    headings
}

/// A path with `/` separators, as the record and diagnostics write them.
fn path_text(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A YAML scalar: as it is when YAML reads it back the same, quoted otherwise.
fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | '_' | ' '))
        && !text.starts_with([' ', '-'])
        && !text.ends_with(' ')
        && serde_norway::from_str::<String>(text).ok().as_deref() == Some(text);
    if plain {
        text.to_string()
    } else {
        serde_norway::to_string(text)
            .map(|quoted| quoted.trim_end().to_string())
            .unwrap_or_else(|_| format!("{text:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> SignOffs {
        let mut signoffs = SignOffs::default();
        signoffs.entries.insert(
            PathBuf::from("leaflets/knee/zh.md"),
            SignOff {
                source: PathBuf::from("leaflets/knee/en.md"),
                date: time::macros::date!(2026 - 12 - 05),
                by: Some("Li Wei: translator, \"Ward 7\"".into()),
                sections: vec![
                    SectionPrint {
                        fingerprint: "0123456789abcdef".into(),
                        heading: String::new(),
                    },
                    SectionPrint {
                        fingerprint: "fedcba9876543210".into(),
                        heading: "Before your operation".into(),
                    },
                ],
            },
        );
        signoffs
    }

    #[test]
    fn the_record_reads_back_what_was_written() {
        let written = sample().to_yaml();
        let dir = crate::testing::site_folder(&[(SIGNOFF_FILE, &written)]);
        let mut diagnostics = Diagnostics::default();
        let read = SignOffs::load(dir.path(), &mut diagnostics);
        assert!(diagnostics.is_empty(), "{:?}", diagnostics.sorted());
        assert_eq!(read, sample());
        assert!(written.contains("    - fedcba9876543210  # Before your operation\n"));
        assert_eq!(written, sample().to_yaml(), "byte-stable");
    }

    #[test]
    fn a_broken_record_is_reported_at_its_line() {
        let dir = crate::testing::site_folder(&[(
            SIGNOFF_FILE,
            "leaflets/a/zh.md:\n  source: leaflets/a/en.md\n  date: 2026-13-01\n  sections: []\n",
        )]);
        let mut diagnostics = Diagnostics::default();
        SignOffs::load(dir.path(), &mut diagnostics);
        let first = diagnostics.sorted()[0].to_string();
        assert!(
            first.starts_with("signoffs.yaml:1:1: error: leaflets/a/zh.md: invalid date"),
            "{first}"
        );
    }
}
