//! Rules over a leaflet's metadata: references, versions, review dates and which languages
//! it exists in, within a leaflet and across the site.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Level, Location, Rule};
use crate::model::hospital::{PLACEHOLDER, is_placeholder};
use crate::model::lint_config::LintConfig;
use crate::model::signoffs::SignOffs;
use crate::model::{Leaflet, Site, Translation};

/// Each leaflet's own reference: used by no other leaflet (errors at the second use).
pub fn unique_references(site: &Site) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut first_use: BTreeMap<&str, Location> = BTreeMap::new();
    for leaflet in &site.leaflets {
        let Some(first) = leaflet.translations.first() else {
            continue;
        };
        // Leaflets not given their reference yet are reported by `placeholder_references`.
        if is_placeholder(&first.front.reference) {
            continue;
        }
        let reference_location = first.location(first.front.positions.reference);
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
    }
    problems
}

/// References still to be given (`reference: TODO`, as `leafpress new` writes them without
/// `--reference`), at `level`: `build` refuses to publish a leaflet without its reference, which
/// is printed on paper copies; `check` and `serve` warn, so that the draft still previews.
pub fn placeholder_references(site: &Site, level: Level) -> Vec<Diagnostic> {
    site.leaflets
        .iter()
        .flat_map(|leaflet| &leaflet.translations)
        .filter(|t| is_placeholder(&t.front.reference))
        .map(|t| {
            Diagnostic::new(
                level,
                t.location(t.front.positions.reference),
                format!("reference is still {PLACEHOLDER}: the leaflet needs its own reference"),
            )
            .underlining(t.front.reference.chars().count())
            .with_hint(
                "give it the code your hospital files it under, the same in every language, e.g. `reference: GAS-0101`",
            )
        })
        .collect()
}

/// Every language of a leaflet carries the same reference and, once translated, the same
/// version: a lower version is a translation that fell behind. A translation signed off
/// against its source's text is compared by that text instead (`source-changed`).
pub fn translations_agree(leaflet: &Leaflet, signoffs: &SignOffs) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let Some(first) = leaflet.translations.first() else {
        return problems;
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
    let newest = leaflet
        .translations
        .iter()
        .max_by_key(|t| t.front.version)
        .expect("a leaflet has at least one translation");
    for translation in &leaflet.translations {
        if translation.front.version < newest.front.version
            && !signoffs.entries.contains_key(&translation.path)
        {
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
                .for_rule(Rule::StaleTranslation),
            );
        }
    }
    problems
}

/// A language the site is published in but the leaflet is not (a warning on the first file).
pub fn missing_translations(site: &Site, leaflet: &Leaflet) -> Vec<Diagnostic> {
    let Some(first) = leaflet.translations.first() else {
        return Vec::new();
    };
    site.config
        .languages
        .iter()
        .filter(|lang| leaflet.translation(lang).is_none())
        .map(|lang| {
            Diagnostic::warning(
                first.location(first.front.positions.title),
                format!(
                    "missing translation: no {lang} version of this leaflet ({}/{lang}.md)",
                    leaflet.dir.display()
                ),
            )
            .with_hint(
                "readers of that language see a notice and a link to the versions that exist",
            )
            .for_rule(Rule::MissingTranslation)
        })
        .collect()
}

/// Reviews overdue (a warning) or due soon (a note).
pub fn review_dates(translation: &Translation, config: &LintConfig) -> Vec<Diagnostic> {
    let due = translation.front.review_due;
    let location = translation.location(translation.front.positions.review_due);
    let days_left = (due - config.today).whole_days();
    if days_left < 0 {
        vec![
            Diagnostic::warning(
                location,
                format!(
                    "clinical review overdue: review_due {due} was {} days ago",
                    -days_left
                ),
            )
            .with_hint(
                "have the leaflet reviewed, then update `reviewed`, `review_due` and `version`",
            )
            .for_rule(Rule::ReviewOverdue),
        ]
    } else if days_left <= config.review_soon_days {
        vec![
            Diagnostic::note(
                location,
                format!("clinical review due soon: review_due {due} is in {days_left} days"),
            )
            .for_rule(Rule::ReviewDueSoon),
        ]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{leaflet_file, site_with};

    #[test]
    fn an_older_translation_is_a_warning_on_the_older_file() {
        let (_dir, site) = site_with(&[
            ("leaflets/a/en.md", &leaflet_file("A-1", 3, "Body\n")),
            ("leaflets/a/zh.md", &leaflet_file("A-1", 2, "Body\n")),
        ]);
        let problems = translations_agree(&site.leaflets[0], &site.signoffs);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].to_string().starts_with(
            "leaflets/a/zh.md:5:10: warning: stale translation: version 2 is older than version 3 in leaflets/a/en.md [stale-translation]"
        ));
    }

    #[test]
    fn a_reference_used_twice_is_an_error() {
        let (_dir, site) = site_with(&[
            ("leaflets/a/en.md", &leaflet_file("A-1", 1, "Body\n")),
            ("leaflets/b/en.md", &leaflet_file("A-1", 1, "Body\n")),
        ]);
        let problems = unique_references(&site);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .to_string()
                .starts_with("leaflets/b/en.md:4:12: error: reference \"A-1\" is already used")
        );
    }

    #[test]
    fn references_still_todo_are_flagged_but_not_as_used_twice() {
        let (_dir, site) = site_with(&[
            ("leaflets/a/en.md", &leaflet_file("TODO", 1, "Body\n")),
            ("leaflets/b/en.md", &leaflet_file("TODO", 1, "Body\n")),
        ]);
        assert_eq!(unique_references(&site), []);
        let problems: Vec<String> = placeholder_references(&site, Level::Warning)
            .iter()
            .map(|d| d.to_string().lines().next().unwrap().to_string())
            .collect();
        assert_eq!(
            problems,
            [
                "leaflets/a/en.md:4:12: warning: reference is still TODO: the leaflet needs its own reference",
                "leaflets/b/en.md:4:12: warning: reference is still TODO: the leaflet needs its own reference",
            ]
        );
    }
}
