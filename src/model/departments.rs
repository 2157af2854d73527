//! The hospital's departments, from `departments:` in `site.yaml`: each department's name in
//! every language, so that leaflets name it the same way and a language's index can group a
//! leaflet under that language's name even when the leaflet is not translated.

use std::collections::BTreeMap;

use serde_norway::Value;

use super::yaml::YamlMapping;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};

pub const KEY: &str = "departments";

/// One department: its name in each language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub names: BTreeMap<String, String>,
}

impl Department {
    pub fn name(&self, lang: &str) -> Option<&str> {
        self.names.get(lang).map(String::as_str)
    }
}

/// Every department of `departments:` (empty when the site lists none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Departments {
    pub entries: Vec<Department>,
}

impl Departments {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The department named `name` in `lang`.
    pub fn find(&self, lang: &str, name: &str) -> Option<&Department> {
        self.entries.iter().find(|d| d.name(lang) == Some(name))
    }

    /// The department named `name` in any language (for `leafpress new --department`).
    pub fn find_any(&self, name: &str) -> Option<&Department> {
        self.entries
            .iter()
            .find(|d| d.names.values().any(|n| n == name))
    }

    /// The names in `lang`, for hints.
    pub fn names(&self, lang: &str) -> Vec<&str> {
        self.entries.iter().filter_map(|d| d.name(lang)).collect()
    }

    /// Reads `departments:`: a list of `{ en: Neurology, zh: 神经内科 }`.
    pub fn parse(
        doc: &YamlMapping,
        languages: &[String],
        diagnostics: &mut Diagnostics,
    ) -> Departments {
        let mut departments = Departments::default();
        let items = match doc.get(KEY) {
            None | Some(Value::Null) => return departments,
            Some(Value::Sequence(items)) => items,
            Some(_) => {
                diagnostics.push(list_expected(doc.value_location(KEY)));
                return departments;
            }
        };
        for (index, item) in items.iter().enumerate() {
            let at = doc.item_location(KEY, index);
            let Value::Mapping(names) = item else {
                diagnostics.push(list_expected(at));
                continue;
            };
            let mut department = Department {
                names: BTreeMap::new(),
            };
            let mut broken = false;
            for (lang, name) in names {
                let lang = lang.as_str().unwrap_or_default();
                if !languages.iter().any(|l| l == lang) {
                    diagnostics.push(
                        Diagnostic::error(
                            at.clone(),
                            format!("departments: \"{lang}\" is not a configured language"),
                        )
                        .with_hint(format!(
                            "name each department in the site's languages: {}",
                            languages.join(", ")
                        )),
                    );
                    broken = true;
                    continue;
                }
                match name.as_str().map(str::trim).filter(|n| !n.is_empty()) {
                    Some(name) if departments.find(lang, name).is_some() => {
                        broken = true;
                        diagnostics.push(
                            Diagnostic::error(
                                at.clone(),
                                format!("departments: \"{name}\" is listed twice"),
                            )
                            .with_hint(
                                "list each department once, with its name in every language",
                            ),
                        );
                    }
                    Some(name) => {
                        department.names.insert(lang.to_string(), name.to_string());
                    }
                    None => {
                        broken = true;
                        diagnostics.push(Diagnostic::error(
                            at.clone(),
                            format!("departments: the {lang} name must be text"),
                        ));
                    }
                }
            }
            if broken {
                continue;
            }
            for lang in languages {
                if !department.names.contains_key(lang) {
                    let known: Vec<String> = department
                        .names
                        .iter()
                        .map(|(l, n)| format!("{l}: {n}"))
                        .collect();
                    diagnostics.push(
                        Diagnostic::warning(
                            at.clone(),
                            format!("departments: {{ {} }} has no {lang} name", known.join(", ")),
                        )
                        .with_hint(format!(
                            "add `{lang}: …`; until then the {lang} index learns the name from the leaflets"
                        )),
                    );
                }
            }
            if department.names.is_empty() {
                diagnostics.push(list_expected(at));
            } else {
                departments.entries.push(department);
            }
        }
        departments
    }
}

fn list_expected(location: Location) -> Diagnostic {
    Diagnostic::error(
        location,
        "departments: expected a list of departments, each named in every language",
    )
    .with_hint("departments:\n            - { en: Neurology, zh: 神经内科 }")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse(yaml: &str) -> (Departments, Vec<String>) {
        let doc = YamlMapping::parse(Path::new("site.yaml"), yaml, 1).unwrap();
        let mut diagnostics = Diagnostics::default();
        let languages = vec!["en".to_string(), "zh".to_string()];
        let departments = Departments::parse(&doc, &languages, &mut diagnostics);
        let printed = diagnostics
            .sorted()
            .iter()
            .map(|d| d.to_string().lines().next().unwrap().to_string())
            .collect();
        (departments, printed)
    }

    #[test]
    fn departments_are_found_by_their_name_in_a_language() {
        let (departments, problems) = parse(
            "departments:\n  - { en: Neurology, zh: 神经内科 }\n  - { en: Radiology, zh: 放射科 }\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let found = departments.find("en", "Radiology").unwrap();
        assert_eq!(found.name("zh"), Some("放射科"));
        assert!(departments.find("zh", "Radiology").is_none());
        assert_eq!(
            departments.find_any("神经内科").unwrap().name("en"),
            Some("Neurology")
        );
    }

    #[test]
    fn problems_are_reported_at_the_entry() {
        let (departments, problems) = parse(
            "departments:\n  - { en: Neurology }\n  - { en: Neurology, zh: 神经内科 }\n  - { fr: Cardiologie }\n  - Radiology\n",
        );
        assert_eq!(departments.entries.len(), 1);
        assert_eq!(
            problems,
            [
                "site.yaml:2:5: warning: departments: { en: Neurology } has no zh name",
                "site.yaml:3:5: error: departments: \"Neurology\" is listed twice",
                "site.yaml:4:5: error: departments: \"fr\" is not a configured language",
                "site.yaml:5:5: error: departments: expected a list of departments, each named in every language",
            ]
        );
    }
}
