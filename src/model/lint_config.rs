//! Content-check settings: the `rules:` levels and thresholds of `site.yaml`, and the date
//! review deadlines are measured against.

use std::collections::BTreeMap;

use serde_norway::Value;
use time::Date;

use super::yaml::{YamlMapping, closest};
use crate::diagnostic::{Diagnostic, Diagnostics, Level, Rule};

/// What the site wants of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Off,
    Level(Level),
}

/// Content-check settings from `site.yaml` (`rules:` and the thresholds) and the command line.
#[derive(Debug, Clone)]
pub struct LintConfig {
    pub severities: BTreeMap<Rule, Severity>,
    /// Days before `review_due` when a review counts as due soon.
    pub review_soon_days: i64,
    /// Highest acceptable Flesch–Kincaid grade of an English leaflet.
    pub readability_grade: f64,
    /// Longest acceptable Chinese sentence, in characters.
    pub sentence_length: usize,
    /// Terms that stay in Latin script in Chinese text (added to the built-in list).
    pub latin_terms: Vec<String>,
    /// The date reviews are measured against (`--today`, or the system date).
    pub today: Date,
}

pub const CONFIG_KEYS: &[&str] = &[
    "rules",
    "review_soon_days",
    "readability_grade",
    "sentence_length",
    "latin_terms",
];

impl LintConfig {
    pub fn new(today: Date) -> LintConfig {
        LintConfig {
            severities: BTreeMap::new(),
            review_soon_days: 90,
            readability_grade: 9.0,
            sentence_length: 60,
            latin_terms: Vec::new(),
            today,
        }
    }

    /// Reads the content-check keys of `site.yaml`.
    pub fn apply(&mut self, doc: &YamlMapping, diagnostics: &mut Diagnostics) {
        match doc.get("rules") {
            None | Some(Value::Null) => {}
            Some(Value::Mapping(rules)) => {
                let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
                for (key, value) in rules {
                    let name = key.as_str().unwrap_or_default();
                    let Some(rule) = Rule::from_name(name) else {
                        let mut d = Diagnostic::error(
                            doc.value_location("rules"),
                            format!("rules: unknown rule `{name}`"),
                        );
                        d = match closest(name, &names) {
                            Some(close) => d.with_hint(format!("did you mean `{close}`?")),
                            None => d.with_hint(format!("rules are {}", names.join(", "))),
                        };
                        diagnostics.push(d);
                        continue;
                    };
                    let severity = match value
                        .as_str()
                        .or(value.as_bool().map(|b| if b { "warning" } else { "off" }))
                    {
                        Some("off") => Severity::Off,
                        Some("note") => Severity::Level(Level::Note),
                        Some("warning") => Severity::Level(Level::Warning),
                        Some("error") => Severity::Level(Level::Error),
                        _ => {
                            diagnostics.push(Diagnostic::error(
                                doc.value_location("rules"),
                                format!("rules: `{name}` must be off, note, warning or error"),
                            ));
                            continue;
                        }
                    };
                    self.severities.insert(rule, severity);
                }
            }
            Some(_) => diagnostics.push(
                Diagnostic::error(
                    doc.value_location("rules"),
                    "rules: expected `rule-name: off | warning | error` lines",
                )
                .with_hint("rules:\n      readability: off"),
            ),
        }
        let number = |key: &str, diagnostics: &mut Diagnostics| -> Option<f64> {
            match doc.get(key) {
                None | Some(Value::Null) => None,
                Some(Value::Number(n)) if n.as_f64().is_some_and(|v| v > 0.0) => n.as_f64(),
                Some(_) => {
                    diagnostics.push(Diagnostic::error(
                        doc.value_location(key),
                        format!("{key}: expected a positive number"),
                    ));
                    None
                }
            }
        };
        if let Some(days) = number("review_soon_days", diagnostics) {
            self.review_soon_days = days as i64;
        }
        if let Some(grade) = number("readability_grade", diagnostics) {
            self.readability_grade = grade;
        }
        if let Some(length) = number("sentence_length", diagnostics) {
            self.sentence_length = length as usize;
        }
        match doc.get("latin_terms") {
            None | Some(Value::Null) => {}
            Some(Value::Sequence(items)) if items.iter().all(|i| i.as_str().is_some()) => {
                self.latin_terms = items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect();
            }
            Some(_) => diagnostics.push(Diagnostic::error(
                doc.value_location("latin_terms"),
                "latin_terms: expected a list of terms, e.g. [paracetamol, ibuprofen]",
            )),
        }
    }

    pub fn severity(&self, rule: Rule) -> Severity {
        self.severities
            .get(&rule)
            .copied()
            .unwrap_or(Severity::Level(rule.default_level()))
    }
}
