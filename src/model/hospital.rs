//! The hospital that publishes the site, from `hospital:` in `site.yaml`: its name in each
//! language, the number to call in an emergency, its switchboard and where feedback goes.
//! Nothing here has a default: a page never names a hospital or an emergency number that the
//! site did not give.

use std::collections::BTreeMap;

use serde_norway::Value;

use super::yaml::{YamlMapping, closest};
use crate::diagnostic::{Diagnostic, Diagnostics, Level, Location};

pub const KEY: &str = "hospital";
const FIELDS: &[&str] = &["name", "emergency", "phone", "feedback"];

/// What is percent-encoded in a mailto subject: all but letters, digits and `-._~`.
const SUBJECT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A value still to be filled in, as `leafpress init` writes them.
pub const PLACEHOLDER: &str = "TODO";

/// Whether a value is a placeholder still to be filled in (`TODO`, `TODO: the switchboard`).
pub fn is_placeholder(text: &str) -> bool {
    text.contains(PLACEHOLDER)
}

/// `hospital:` of site.yaml, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hospital {
    /// The name in each language that has one of its own.
    names: BTreeMap<String, String>,
    /// The number patients call in an emergency ("999", "911", "000", "120").
    pub emergency: Option<String>,
    /// The switchboard, printed on every page and print page.
    pub phone: Option<String>,
    /// Where feedback goes: a `mailto:` address or an `http(s)://` form.
    pub feedback: Option<String>,
    /// Whether `hospital:` is in site.yaml at all, and where its parts are.
    locations: BTreeMap<&'static str, Location>,
    /// Parts written as a placeholder (`TODO`), which count as not set.
    placeholders: Vec<&'static str>,
}

impl Hospital {
    /// The name for pages in `lang`: its own, or the default language's.
    pub fn name(&self, lang: &str, default_lang: &str) -> Option<&str> {
        self.names
            .get(lang)
            .or_else(|| self.names.get(default_lang))
            .map(String::as_str)
    }

    /// What pages cannot go without (the name, the emergency number) and is not set, as a
    /// diagnostic at `level`: `build` refuses to publish without them, `check` and `serve`
    /// warn so that a draft still previews.
    pub fn unset(&self, languages: &[String], level: Level) -> Option<Diagnostic> {
        let default_lang = languages.first().map_or("en", String::as_str);
        let mut unset = Vec::new();
        if self.name(default_lang, default_lang).is_none() {
            unset.push("name");
        }
        if self.emergency.is_none() {
            unset.push("emergency");
        }
        if unset.is_empty() {
            return None;
        }
        let placeholder = unset.iter().all(|part| self.placeholders.contains(part));
        let list = unset
            .iter()
            .map(|part| format!("hospital.{part}"))
            .collect::<Vec<_>>()
            .join(" and ");
        let verb = match (placeholder, unset.len()) {
            (true, 1) => "is still TODO",
            (true, _) => "are still TODO",
            (false, 1) => "is not set",
            (false, _) => "are not set",
        };
        let what = match unset.as_slice() {
            ["name"] => "the hospital's name",
            ["emergency"] => "the number to call in an emergency",
            _ => "the hospital's name and the number to call in an emergency",
        };
        let location = self
            .locations
            .get(unset[0])
            .or_else(|| self.locations.get(KEY))
            .cloned()
            .unwrap_or_else(|| Location::file(super::config::SITE_FILE));
        let mut lines = vec![format!("{KEY}:")];
        if unset.contains(&"name") {
            let names: Vec<String> = languages
                .iter()
                .map(|lang| format!("{lang}: {PLACEHOLDER}"))
                .collect();
            lines.push(format!("  name: {{ {} }}", names.join(", ")));
        }
        if unset.contains(&"emergency") {
            lines.push(format!("  emergency: \"{PLACEHOLDER}\""));
        }
        let before = match (level, unset.len()) {
            (Level::Error, _) => "",
            (_, 1) => "`leafpress build` refuses to publish without it; ",
            _ => "`leafpress build` refuses to publish without them; ",
        };
        let what_to_do = if placeholder {
            format!("replace each {PLACEHOLDER} in site.yaml")
        } else {
            format!("add to site.yaml, then replace each {PLACEHOLDER}")
        };
        let hint = format!(
            "{before}{what_to_do} (the emergency number is the one patients call, such as \
             \"999\", \"911\", \"000\" or \"120\"):\n{}",
            lines
                .iter()
                .map(|line| format!("          {line}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        let message = format!("{list} {verb}: pages need {what}");
        Some(
            match level {
                Level::Error => Diagnostic::error(location, message),
                _ => Diagnostic::warning(location, message),
            }
            .with_hint(hint),
        )
    }

    /// The feedback link for one leaflet: a `mailto:` address gets a subject naming the
    /// leaflet (`subject` is percent-encoded here); a form's address is kept as it is.
    pub fn feedback_href(&self, subject: &str) -> Option<String> {
        let feedback = self.feedback.as_deref()?;
        if !is_mailto(feedback) {
            return Some(feedback.to_string());
        }
        let encoded = percent_encoding::utf8_percent_encode(subject, SUBJECT).to_string();
        let separator = if feedback.contains('?') { '&' } else { '?' };
        Some(format!("{feedback}{separator}subject={encoded}"))
    }

    /// What a reader sees of the feedback address on paper: the e-mail address, or the form's
    /// address.
    pub fn feedback_text(&self) -> Option<&str> {
        let feedback = self.feedback.as_deref()?;
        Some(match feedback.get(..7) {
            Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => {
                let address = &feedback[7..];
                address.split('?').next().unwrap_or(address)
            }
            _ => feedback,
        })
    }

    /// Reads `hospital:` of site.yaml; `languages` are the site's, the first the default.
    pub fn parse(doc: &YamlMapping, languages: &[String], diagnostics: &mut Diagnostics) -> Self {
        let mut hospital = Hospital::default();
        let fields = match doc.get(KEY) {
            None | Some(Value::Null) => return hospital,
            Some(Value::Mapping(fields)) => fields,
            Some(_) => {
                diagnostics.push(
                    Diagnostic::error(
                        doc.value_location(KEY),
                        "hospital: expected `name:`, `emergency:`, `phone:` and `feedback:` lines",
                    )
                    .with_hint(
                        "hospital:\n            name: { en: St Example Hospital, zh: 圣例医院 }\n            emergency: \"999\"",
                    ),
                );
                return hospital;
            }
        };
        hospital.locations.insert(KEY, doc.key_location(KEY));
        for field in FIELDS {
            hospital
                .locations
                .insert(field, doc.nested_value_location(KEY, field));
        }
        let at = |field: &str| doc.nested_value_location(KEY, field);
        for key in fields.keys() {
            let name = key.as_str().unwrap_or_default();
            if FIELDS.contains(&name) {
                continue;
            }
            let diagnostic =
                Diagnostic::error(at(name), format!("unknown hospital field `{name}`"));
            diagnostics.push(match closest(name, FIELDS) {
                Some(close) => diagnostic.with_hint(format!("did you mean `{close}`?")),
                None => diagnostic.with_hint(format!("hospital fields: {}", FIELDS.join(", "))),
            });
        }
        let default_lang = languages.first().map_or("en", String::as_str);
        match fields.get("name") {
            None | Some(Value::Null) => {}
            Some(Value::String(name)) => {
                hospital.set_name(default_lang, name, &at("name"), diagnostics);
            }
            Some(Value::Mapping(names)) => {
                for (lang, name) in names {
                    let lang = lang.as_str().unwrap_or_default();
                    if !languages.iter().any(|l| l == lang) {
                        diagnostics.push(
                            Diagnostic::error(
                                at("name"),
                                format!("hospital.name: \"{lang}\" is not a configured language"),
                            )
                            .with_hint(format!(
                                "give the name in each of the site's languages: {}",
                                languages.join(", ")
                            )),
                        );
                        continue;
                    }
                    match name.as_str() {
                        Some(name) => hospital.set_name(lang, name, &at("name"), diagnostics),
                        None => diagnostics.push(Diagnostic::error(
                            at("name"),
                            format!("hospital.name: the {lang} name must be text"),
                        )),
                    }
                }
            }
            Some(_) => diagnostics.push(
                Diagnostic::error(
                    at("name"),
                    "hospital.name: expected the name in each language",
                )
                .with_hint("name: { en: St Example Hospital, zh: 圣例医院 }"),
            ),
        }
        if let Some(default_name) = hospital.names.get(default_lang).cloned() {
            for lang in &languages[1.min(languages.len())..] {
                if !hospital.names.contains_key(lang) {
                    diagnostics.push(
                        Diagnostic::warning(
                            at("name"),
                            format!(
                                "hospital.name has no {lang} name: {lang} pages show the {default_lang} name \"{default_name}\""
                            ),
                        )
                        .with_hint(format!("give it as `name: {{ {default_lang}: …, {lang}: … }}`")),
                    );
                }
            }
        }
        hospital.emergency = hospital.text_field(fields, "emergency", &at, diagnostics);
        hospital.phone = hospital.text_field(fields, "phone", &at, diagnostics);
        hospital.feedback = hospital
            .text_field(fields, "feedback", &at, diagnostics)
            .filter(|address| match check_feedback(address) {
                Ok(()) => true,
                Err(problem) => {
                    diagnostics.push(
                        Diagnostic::error(at("feedback"), format!("hospital.feedback: {problem}"))
                            .with_hint(
                                "give an e-mail address, `mailto:leaflets@example.org`, or the address of a form, `https://…`",
                            ),
                    );
                    false
                }
            });
        hospital
    }

    fn set_name(
        &mut self,
        lang: &str,
        name: &str,
        location: &Location,
        diagnostics: &mut Diagnostics,
    ) {
        let name = name.trim();
        if name.is_empty() {
            diagnostics.push(Diagnostic::error(
                location.clone(),
                format!("hospital.name: the {lang} name is empty"),
            ));
        } else if is_placeholder(name) {
            if !self.placeholders.contains(&"name") {
                self.placeholders.push("name");
            }
        } else {
            self.names.insert(lang.to_string(), name.to_string());
        }
    }

    /// A text field such as the emergency number. Numbers must be quoted: in YAML an unquoted
    /// number may lose its leading zeros (`0800 …`, Australia's `000`).
    fn text_field(
        &mut self,
        fields: &serde_norway::Mapping,
        field: &'static str,
        at: &dyn Fn(&str) -> Location,
        diagnostics: &mut Diagnostics,
    ) -> Option<String> {
        match fields.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) if text.trim().is_empty() => {
                diagnostics.push(Diagnostic::error(
                    at(field),
                    format!("hospital.{field}: must not be empty"),
                ));
                None
            }
            Some(Value::String(text)) if is_placeholder(text) => {
                self.placeholders.push(field);
                None
            }
            Some(Value::String(text)) => Some(text.trim().to_string()),
            Some(Value::Number(number)) => {
                diagnostics.push(
                    Diagnostic::error(
                        at(field),
                        format!("hospital.{field}: write the number in quotes"),
                    )
                    .with_hint(format!(
                        "`{field}: \"{number}\"`: unquoted, YAML may read a number as a number and drop its leading zeros"
                    )),
                );
                None
            }
            Some(_) => {
                diagnostics.push(Diagnostic::error(
                    at(field),
                    format!("hospital.{field}: expected text"),
                ));
                None
            }
        }
    }
}

fn is_mailto(address: &str) -> bool {
    address
        .get(..7)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("mailto:"))
}

fn check_feedback(address: &str) -> Result<(), String> {
    if is_mailto(address) {
        let rest = &address[7..];
        let mailbox = rest.split('?').next().unwrap_or(rest);
        if !mailbox.contains('@') || mailbox.contains(char::is_whitespace) {
            return Err(format!("\"{address}\" is not an e-mail address"));
        }
        if rest
            .split_once('?')
            .is_some_and(|(_, query)| query.split('&').any(|p| p.starts_with("subject=")))
        {
            return Err(
                "leave the subject out: each leaflet's link names the leaflet in its subject"
                    .into(),
            );
        }
        return Ok(());
    }
    match url::Url::parse(address) {
        Ok(url) if matches!(url.scheme(), "https" | "http") && url.host_str().is_some() => Ok(()),
        _ => Err(format!(
            "\"{address}\" is neither a mailto: nor an http(s):// address"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse(yaml: &str) -> (Hospital, Vec<String>) {
        let doc = YamlMapping::parse(Path::new("site.yaml"), yaml, 1).unwrap();
        let mut diagnostics = Diagnostics::default();
        let languages = vec!["en".to_string(), "zh".to_string()];
        let hospital = Hospital::parse(&doc, &languages, &mut diagnostics);
        let printed = diagnostics.sorted().iter().map(|d| d.to_string()).collect();
        (hospital, printed)
    }

    const LANGUAGES: &[&str] = &["en", "zh"];

    fn languages() -> Vec<String> {
        LANGUAGES.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn a_complete_hospital_has_a_name_in_each_language() {
        let (hospital, problems) = parse(
            "hospital:\n  name: { en: St Example, zh: 圣例医院 }\n  emergency: \"000\"\n  phone: \"020 7946 0000\"\n  feedback: mailto:leaflets@example.org\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(hospital.name("zh", "en"), Some("圣例医院"));
        assert_eq!(hospital.emergency.as_deref(), Some("000"));
        assert_eq!(hospital.unset(&languages(), Level::Error), None);
        assert_eq!(
            hospital
                .feedback_href("Leaflet GAS-1, version 2, zh")
                .unwrap(),
            "mailto:leaflets@example.org?subject=Leaflet%20GAS-1%2C%20version%202%2C%20zh"
        );
        assert_eq!(hospital.feedback_text(), Some("leaflets@example.org"));
    }

    #[test]
    fn a_missing_language_falls_back_to_the_default_with_a_warning() {
        let (hospital, problems) = parse("hospital:\n  name: St Example\n  emergency: \"999\"\n");
        assert_eq!(hospital.name("zh", "en"), Some("St Example"));
        assert_eq!(
            problems,
            [
                "site.yaml:2:9: warning: hospital.name has no zh name: zh pages show the en name \"St Example\"\n  = hint: give it as `name: { en: …, zh: … }`"
            ]
        );
    }

    #[test]
    fn an_unquoted_number_is_refused() {
        // serde_norway keeps `000` as text, but a number is a number.
        let (hospital, _) = parse("hospital:\n  name: { en: A, zh: B }\n  emergency: 000\n");
        assert_eq!(hospital.emergency.as_deref(), Some("000"));
        let (hospital, problems) = parse("hospital:\n  name: { en: A, zh: B }\n  emergency: 999\n");
        assert_eq!(hospital.emergency, None);
        assert!(
            problems[0].starts_with(
                "site.yaml:3:14: error: hospital.emergency: write the number in quotes\n"
            ),
            "{problems:?}"
        );
    }

    #[test]
    fn without_name_or_emergency_the_hint_shows_the_lines_to_add() {
        let (hospital, problems) = parse("base_url: https://x.example/\n");
        assert!(problems.is_empty());
        let error = hospital.unset(&languages(), Level::Error).unwrap();
        assert_eq!(
            error.to_string(),
            "site.yaml: error: hospital.name and hospital.emergency are not set: pages need the hospital's name and the number to call in an emergency\n  = hint: add to site.yaml, then replace each TODO (the emergency number is the one patients call, such as \"999\", \"911\", \"000\" or \"120\"):\n          hospital:\n            name: { en: TODO, zh: TODO }\n            emergency: \"TODO\""
        );
        let warning = hospital.unset(&languages(), Level::Warning).unwrap();
        assert_eq!(warning.level, Level::Warning);
        assert!(
            warning
                .hint
                .unwrap()
                .starts_with("`leafpress build` refuses")
        );
    }

    #[test]
    fn placeholders_count_as_unset_at_their_line() {
        let (hospital, problems) = parse(
            "hospital:\n  name: { en: TODO, zh: TODO }\n  emergency: \"TODO\"\n  phone: \"TODO\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(hospital.phone, None);
        let error = hospital.unset(&languages(), Level::Error).unwrap();
        assert!(
            error.to_string().starts_with(
                "site.yaml:2:9: error: hospital.name and hospital.emergency are still TODO"
            ),
            "{error}"
        );
    }

    #[test]
    fn bad_fields_are_errors_at_their_line() {
        let (_, problems) = parse(
            "hospital:\n  name: { en: A, fr: B }\n  emergency: \"999\"\n  feedback: ftp://x\n  phnoe: \"1\"\n",
        );
        let firsts: Vec<&str> = problems.iter().map(|p| p.lines().next().unwrap()).collect();
        assert_eq!(
            firsts,
            [
                "site.yaml:2:9: error: hospital.name: \"fr\" is not a configured language",
                "site.yaml:2:9: warning: hospital.name has no zh name: zh pages show the en name \"A\"",
                "site.yaml:4:13: error: hospital.feedback: \"ftp://x\" is neither a mailto: nor an http(s):// address",
                "site.yaml:5:10: error: unknown hospital field `phnoe`",
            ]
        );
    }

    #[test]
    fn a_form_is_linked_as_it_is() {
        let (hospital, problems) = parse(
            "hospital:\n  name: { en: A, zh: B }\n  emergency: \"999\"\n  feedback: https://example.org/form?x=1\n",
        );
        assert!(problems.is_empty());
        assert_eq!(
            hospital.feedback_href("ignored").unwrap(),
            "https://example.org/form?x=1"
        );
    }
}
