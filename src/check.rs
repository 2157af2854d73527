//! Checks across files: references unique and consistent, translations of the same version.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Location};
use crate::site::Site;

/// Problems that only show when leaflets and their translations are compared.
pub fn check_site(site: &Site) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut first_use: BTreeMap<&str, Location> = BTreeMap::new();
    for leaflet in &site.leaflets {
        let Some(first) = leaflet.translations.first() else {
            continue;
        };
        let reference_location = first.location(first.front.positions.reference);
        for other in &leaflet.translations[1..] {
            if other.front.reference != first.front.reference {
                problems.push(
                    Diagnostic::error(
                        other.location(other.front.positions.reference),
                        format!(
                            "reference \"{}\" differs from \"{}\" in {}",
                            other.front.reference,
                            first.front.reference,
                            first.path.display()
                        ),
                    )
                    .with_note(reference_location.clone(), "the reference is set here")
                    .with_hint("every language of a leaflet carries the same reference"),
                );
            }
        }
        match first_use.get(first.front.reference.as_str()) {
            Some(earlier) => problems.push(
                Diagnostic::error(
                    reference_location,
                    format!(
                        "reference \"{}\" is already used by another leaflet",
                        first.front.reference
                    ),
                )
                .with_note(earlier.clone(), "first used here")
                .with_hint("each leaflet needs its own reference"),
            ),
            None => {
                first_use.insert(&first.front.reference, reference_location);
            }
        }
        let newest = leaflet
            .translations
            .iter()
            .max_by_key(|t| t.front.version)
            .expect("a leaflet has at least one translation");
        for translation in &leaflet.translations {
            if translation.front.version < newest.front.version {
                problems.push(
                    Diagnostic::warning(
                        translation.location(translation.front.positions.version),
                        format!(
                            "stale translation: version {} is older than version {} in {}",
                            translation.front.version,
                            newest.front.version,
                            newest.path.display()
                        ),
                    )
                    .with_note(
                        newest.location(newest.front.positions.version),
                        format!("version {} is here", newest.front.version),
                    )
                    .with_hint("update the translation, then set the same version in both files")
                    .for_rule(crate::lint::Rule::StaleTranslation),
                );
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_with(files: &[(&str, &str)]) -> Site {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        let mut diagnostics = Vec::new();
        let site = Site::load(
            dir.path(),
            None,
            time::macros::date!(2026 - 11 - 24),
            &mut diagnostics,
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        site
    }

    fn leaflet(reference: &str, version: u32) -> String {
        format!(
            "---\ntitle: T\nsummary: S\nreference: {reference}\nversion: {version}\ndepartment: D\nreviewed: 2026-02-01\nreview_due: 2027-02-01\n---\nBody\n"
        )
    }

    #[test]
    fn an_older_translation_is_a_warning_on_the_older_file() {
        let site = site_with(&[
            ("leaflets/a/en.md", &leaflet("A-1", 3)),
            ("leaflets/a/zh.md", &leaflet("A-1", 2)),
        ]);
        let problems = check_site(&site);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].to_string().starts_with(
            "leaflets/a/zh.md:5:10: warning: stale translation: version 2 is older than version 3 in leaflets/a/en.md [stale-translation]"
        ));
    }

    #[test]
    fn a_reference_used_twice_is_an_error() {
        let site = site_with(&[
            ("leaflets/a/en.md", &leaflet("A-1", 1)),
            ("leaflets/b/en.md", &leaflet("A-1", 1)),
        ]);
        let problems = check_site(&site);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .to_string()
                .starts_with("leaflets/b/en.md:4:12: error: reference \"A-1\" is already used")
        );
    }
}
