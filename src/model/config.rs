//! Site settings from the optional `site.yaml`, and the settings given on the command line.

use std::path::Path;

use serde_norway::Value;
use unic_langid::LanguageIdentifier;

use super::lint_config::{self, LintConfig};
use super::yaml::YamlMapping;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::layout::BaseUrl;

pub const SITE_FILE: &str = "site.yaml";
const KNOWN_KEYS: &[&str] = &["base_url", "languages", "paper"];

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
    }
}

fn is_language_code(code: &str) -> bool {
    !code.is_empty()
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && code.parse::<LanguageIdentifier>().is_ok()
}
