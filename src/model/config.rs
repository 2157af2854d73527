//! Site settings from the optional `site.yaml`, and the settings given on the command line.

use std::path::Path;

use serde_norway::Value;
use unic_langid::LanguageIdentifier;

use super::departments::{self, Departments};
use super::hospital::{self, Hospital};
use super::lint_config::{self, LintConfig};
use super::yaml::YamlMapping;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::layout::BaseUrl;

pub const SITE_FILE: &str = "site.yaml";
/// The keys of `site.yaml` besides the content checks' (`lint_config::CONFIG_KEYS`).
pub const KNOWN_KEYS: &[&str] = &[
    hospital::KEY,
    "base_url",
    "languages",
    "paper",
    departments::KEY,
    "review_period",
];

/// How long a new leaflet has until its review is due, unless `review_period` says otherwise.
pub const DEFAULT_REVIEW_MONTHS: u32 = 36;

/// Paper the print pages and PDFs are laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Letter,
    A5,
}

impl Paper {
    const NAMES: &[&str] = &["a4", "letter", "a5"];

    fn parse(name: &str) -> Option<Paper> {
        match name.to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            "a5" => Some(Paper::A5),
            _ => None,
        }
    }

    /// The CSS `@page { size: … }` value.
    pub fn css_size(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
            Paper::A5 => "A5",
        }
    }

    /// Narrow paper stacks the languages of a bilingual handout instead of setting them side by side.
    pub fn is_narrow(self) -> bool {
        self == Paper::A5
    }
}

/// The settings a build runs with.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub base_url: BaseUrl,
    /// True when no base URL was configured and a placeholder is used.
    pub base_url_is_placeholder: bool,
    /// Language codes in order; the first is the default.
    pub languages: Vec<String>,
    pub paper: Paper,
    /// Content-check settings (`rules:` and thresholds).
    pub lint: LintConfig,
    /// The hospital that publishes the site (`hospital:`).
    pub hospital: Hospital,
    /// Each department's name in every language (`departments:`).
    pub departments: Departments,
    /// Months from a review to the next one, for new leaflets (`review_period`).
    pub review_months: u32,
}

pub const PLACEHOLDER_BASE_URL: &str = "http://localhost:8000/";

impl SiteConfig {
    pub fn default_language(&self) -> &str {
        &self.languages[0]
    }

    /// Reads `site.yaml` (if present); problems are reported and defaults used instead.
    pub fn load(
        root: &Path,
        base_url_flag: Option<&str>,
        today: time::Date,
        diagnostics: &mut Diagnostics,
    ) -> SiteConfig {
        let mut config = SiteConfig {
            base_url: BaseUrl::parse(PLACEHOLDER_BASE_URL).expect("placeholder URL is valid"),
            base_url_is_placeholder: true,
            languages: vec!["en".into(), "zh".into()],
            paper: Paper::default(),
            lint: LintConfig::new(today),
            hospital: Hospital::default(),
            departments: Departments::default(),
            review_months: DEFAULT_REVIEW_MONTHS,
        };
        let path = Path::new(SITE_FILE);
        if let Some(text) = super::source::read_optional_text(root, path, diagnostics) {
            match YamlMapping::parse(path, &text, 1) {
                Ok(doc) => config.apply(&doc, diagnostics),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
        if let Some(flag) = base_url_flag {
            match BaseUrl::parse(flag) {
                Ok(url) => {
                    config.base_url = url;
                    config.base_url_is_placeholder = false;
                }
                Err(message) => diagnostics.push(
                    Diagnostic::error(
                        Location::file("--base-url"),
                        format!("invalid base URL \"{flag}\": {message}"),
                    )
                    .with_hint("give the absolute URL the site is served at, e.g. https://cdn.example.org/leaflets/"),
                ),
            }
        }
        config
    }

    fn apply(&mut self, doc: &YamlMapping, diagnostics: &mut Diagnostics) {
        let known: Vec<&str> = KNOWN_KEYS
            .iter()
            .chain(lint_config::CONFIG_KEYS)
            .copied()
            .collect();
        diagnostics.extend(doc.unknown_keys(&known, "site.yaml"));
        self.lint.apply(doc, diagnostics);
        match doc.get("base_url") {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) => match BaseUrl::parse(text) {
                Ok(url) => {
                    self.base_url = url;
                    self.base_url_is_placeholder = false;
                }
                Err(message) => diagnostics.push(
                    Diagnostic::error(
                        doc.value_location("base_url"),
                        format!("base_url: invalid URL \"{text}\": {message}"),
                    )
                    .with_hint("e.g. base_url: https://cdn.example.org/leaflets/"),
                ),
            },
            Some(_) => diagnostics.push(Diagnostic::error(
                doc.value_location("base_url"),
                "base_url: expected a URL",
            )),
        }
        match doc.get("paper") {
            None | Some(Value::Null) => {}
            Some(value) => match value.as_str().and_then(Paper::parse) {
                Some(paper) => self.paper = paper,
                None => diagnostics.push(
                    Diagnostic::error(
                        doc.value_location("paper"),
                        "paper: expected a4, letter or a5",
                    )
                    .with_hint(format!("paper is one of {}", Paper::NAMES.join(", "))),
                ),
            },
        }
        match doc.get("languages") {
            None | Some(Value::Null) => {}
            Some(Value::Sequence(items)) => {
                let mut languages: Vec<String> = Vec::new();
                for item in items {
                    let Value::String(code) = item else {
                        diagnostics.push(Diagnostic::error(
                            doc.value_location("languages"),
                            "languages: expected a list of language codes such as [en, zh]",
                        ));
                        return;
                    };
                    if !is_language_code(code) {
                        diagnostics.push(
                            Diagnostic::error(
                                doc.value_location("languages"),
                                format!("languages: \"{code}\" is not a BCP 47 language code"),
                            )
                            .with_hint("use codes such as en, zh, fr, pt-BR"),
                        );
                    } else if languages.contains(code) {
                        diagnostics.push(Diagnostic::error(
                            doc.value_location("languages"),
                            format!("languages: \"{code}\" is listed twice"),
                        ));
                    } else {
                        languages.push(code.clone());
                    }
                }
                if languages.is_empty() {
                    diagnostics.push(Diagnostic::error(
                        doc.value_location("languages"),
                        "languages: the list is empty",
                    ));
                } else {
                    self.languages = languages;
                }
            }
            Some(_) => diagnostics.push(Diagnostic::error(
                doc.value_location("languages"),
                "languages: expected a list of language codes such as [en, zh]",
            )),
        }
        // Both name things in each language, so they come after `languages`.
        self.hospital = Hospital::parse(doc, &self.languages, diagnostics);
        self.departments = Departments::parse(doc, &self.languages, diagnostics);
        match doc.get("review_period").map(review_months) {
            None => {}
            Some(Ok(months)) => self.review_months = months,
            Some(Err(())) => diagnostics.push(
                Diagnostic::error(
                    doc.value_location("review_period"),
                    "review_period: expected a number of years or months",
                )
                .with_hint("e.g. `review_period: 3 years` or `review_period: 18 months`"),
            ),
        }
    }
}

/// `3`, `3 years`, `18 months`, `1 year` as months.
fn review_months(value: &Value) -> Result<u32, ()> {
    let (number, unit) = match value {
        Value::Number(n) => (n.as_u64().ok_or(())?, "years"),
        Value::String(text) => {
            let (number, unit) = text.trim().split_once(' ').ok_or(())?;
            (number.parse().map_err(|_| ())?, unit.trim())
        }
        _ => return Err(()),
    };
    let months = match unit {
        "year" | "years" => number.checked_mul(12).ok_or(())?,
        "month" | "months" => number,
        _ => return Err(()),
    };
    match u32::try_from(months) {
        Ok(months) if (1..=120).contains(&months) => Ok(months),
        _ => Err(()),
    }
}

/// `months` after `date`, on the same day of the month (or the month's last day).
pub fn add_months(date: time::Date, months: u32) -> time::Date {
    let total = date.year() * 12 + i32::from(u8::from(date.month())) - 1 + months as i32;
    let (year, month) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
    let month = time::Month::try_from(month).expect("a month from 1 to 12");
    let last = time::util::days_in_month(month, year);
    time::Date::from_calendar_date(year, month, date.day().min(last))
        .expect("a day within the month")
}

fn is_language_code(code: &str) -> bool {
    !code.is_empty()
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && code.parse::<LanguageIdentifier>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_periods_are_years_or_months() {
        let text = |t: &str| Value::String(t.into());
        assert_eq!(review_months(&Value::Number(3.into())), Ok(36));
        assert_eq!(review_months(&text("18 months")), Ok(18));
        assert_eq!(review_months(&text("1 year")), Ok(12));
        assert_eq!(review_months(&text("3 weeks")), Err(()));
        assert_eq!(review_months(&text("0 years")), Err(()));
    }

    #[test]
    fn months_are_added_to_the_same_day_or_the_months_last() {
        let date = |y, m, d| {
            time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap()
        };
        assert_eq!(add_months(date(2026, 6, 1), 36), date(2029, 6, 1));
        assert_eq!(add_months(date(2026, 11, 30), 3), date(2027, 2, 28));
        assert_eq!(add_months(date(2028, 2, 29), 12), date(2029, 2, 28));
    }
}
