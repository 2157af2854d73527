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
        // Leaflets not given their reference yet are reported by `placeholders`.
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

/// Every address stays with one leaflet: an alias is neither a leaflet's slug nor another
/// leaflet's alias (errors at the alias).
pub fn unique_addresses(site: &Site) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut first_use: BTreeMap<&str, Location> = BTreeMap::new();
    for leaflet in &site.leaflets {
        for (alias, translation) in leaflet.aliases() {
            let location = translation.location(alias.position);
            let slug = alias.slug.as_str();
            if slug == leaflet.slug {
                problems.push(
                    Diagnostic::error(
                        location,
                        format!("alias \"{slug}\" is this leaflet's own slug"),
                    )
                    .underlining(slug.chars().count())
                    .with_hint("an alias is an earlier slug of the leaflet; remove this one"),
                );
            } else if let Some(other) = site.leaflet(slug) {
                problems.push(
                    Diagnostic::error(
                        location,
                        format!(
                            "alias \"{slug}\" is the address of another leaflet ({})",
                            other.dir.display()
                        ),
                    )
                    .underlining(slug.chars().count())
                    .with_hint(
                        "an address belongs to one leaflet: rename that leaflet's folder, or withdraw it with `withdrawn:` and `replaced_by:`",
                    ),
                );
            } else if let Some(earlier) = first_use.get(slug) {
                problems.push(
                    Diagnostic::error(
                        location,
                        format!("alias \"{slug}\" is already an alias of another leaflet"),
                    )
                    .underlining(slug.chars().count())
                    .with_note(earlier.clone(), "first given here")
                    .with_hint("an old address can lead to one leaflet only"),
                );
            } else {
                first_use.insert(slug, location);
            }
        }
    }
    problems
}

/// A withdrawn leaflet: every language says so with the same date and replacement, and the
/// replacement is a leaflet that is not withdrawn itself.
pub fn withdrawal(site: &Site, leaflet: &Leaflet) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let Some(withdrawal) = leaflet.withdrawal() else {
        return problems;
    };
    let first = leaflet
        .translations
        .iter()
        .find(|t| t.front.withdrawn.is_some())
        .expect("a withdrawn leaflet has a file that says so");
    let said_here = first.location(withdrawal.position);
    for other in &leaflet.translations {
        match &other.front.withdrawn {
            None => problems.push(
                Diagnostic::error(
                    other.location(other.front.positions.title),
                    format!(
                        "{} says the leaflet was withdrawn, this file does not",
                        first.path.display()
                    ),
                )
                .with_note(said_here.clone(), "withdrawn here")
                .with_hint(format!(
                    "add `withdrawn: {}` to this file's front matter",
                    withdrawal.date
                )),
            ),
            Some(own) if own.date != withdrawal.date || own.replaced_by != withdrawal.replaced_by => {
                problems.push(
                    Diagnostic::error(
                        other.location(own.position),
                        format!(
                            "withdrawn: differs from {} (the date and `replaced_by` are the same in every language)",
                            first.path.display()
                        ),
                    )
                    .with_note(said_here.clone(), "withdrawn here"),
                )
            }
            Some(_) => {}
        }
    }
    if let Some(slug) = &withdrawal.replaced_by {
        let location = first.location(withdrawal.replaced_by_position);
        let problem = if *slug == leaflet.slug {
            Some(format!("replaced_by: \"{slug}\" is this leaflet itself"))
        } else {
            match site.leaflet(slug) {
                None => Some(format!(
                    "replaced_by: no leaflet \"{slug}\" (leaflets/{slug}/)"
                )),
                Some(other) if other.is_withdrawn() => {
                    Some(format!("replaced_by: \"{slug}\" is withdrawn too"))
                }
                Some(other) if other.listed().next().is_none() => Some(format!(
                    "replaced_by: \"{slug}\" is a draft and will not be published"
                )),
                Some(_) => None,
            }
        };
        if let Some(message) = problem {
            problems.push(
                Diagnostic::error(location, message)
                    .underlining(slug.chars().count())
                    .with_hint("give the slug of the published leaflet that replaces this one"),
            );
        }
    }
    problems
}

/// With `departments:` in site.yaml: each language names the leaflet's department as the list
/// does, and every language names the same department.
pub fn departments(site: &Site, leaflet: &Leaflet) -> Vec<Diagnostic> {
    let departments = &site.config.departments;
    if departments.is_empty() {
        return Vec::new();
    }
    let mut problems = Vec::new();
    let mut chosen: Option<(&crate::model::departments::Department, &Translation)> = None;
    for translation in &leaflet.translations {
        let front = &translation.front;
        let location = translation.location(front.positions.department);
        let name = front.department.as_str();
        if is_placeholder(name) {
            continue;
        }
        match (departments.find(&translation.lang, name), chosen) {
            (Some(found), Some((department, first))) if found != department => problems.push(
                Diagnostic::warning(
                    location,
                    format!(
                        "department \"{name}\" is not the department of {} (\"{}\")",
                        first.path.display(),
                        first.front.department
                    ),
                )
                .underlining(name.chars().count())
                .with_note(
                    first.location(first.front.positions.department),
                    "the department is named here",
                )
                .with_hint(match department.name(&translation.lang) {
                    Some(own) => format!("in {}, that department is \"{own}\"", translation.lang),
                    None => "name the same department in every language".to_string(),
                }),
            ),
            (Some(found), None) => chosen = Some((found, translation)),
            (Some(_), Some(_)) => {}
            (None, _) => {
                let known = departments.names(&translation.lang);
                let expected = chosen.and_then(|(d, _)| d.name(&translation.lang));
                let hint = match (expected, crate::model::yaml::closest(name, &known)) {
                    (Some(own), _) => {
                        format!("in {}, this department is \"{own}\"", translation.lang)
                    }
                    (None, Some(close)) => format!("did you mean \"{close}\"?"),
                    (None, None) => format!(
                        "add it to `departments:` in site.yaml, or use one of: {}",
                        known.join(", ")
                    ),
                };
                problems.push(
                    Diagnostic::warning(
                        location,
                        format!("department \"{name}\" is not in `departments:` of site.yaml"),
                    )
                    .underlining(name.chars().count())
                    .with_hint(hint),
                );
            }
        }
    }
    problems
}

/// Front matter still to be filled in (`TODO`, as `leafpress new` writes the reference without
/// `--reference`, the department without `--department` and the title of each translation), at
/// `level`: `build` refuses to publish it (the reference and title are printed on paper
/// copies); `check` and `serve` warn, so that the draft still previews.
pub fn placeholders(site: &Site, level: Level) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for translation in site.leaflets.iter().flat_map(|l| &l.translations) {
        let front = &translation.front;
        for (field, value, position, hint) in [
            (
                "title",
                &front.title,
                front.positions.title,
                "give the leaflet's title in this file's language",
            ),
            (
                "reference",
                &front.reference,
                front.positions.reference,
                "give it the code your hospital files it under, the same in every language, e.g. `reference: GAS-0101`",
            ),
            (
                "department",
                &front.department,
                front.positions.department,
                "name the department that gives the leaflet, in this file's language",
            ),
        ] {
            if is_placeholder(value) {
                problems.push(
                    Diagnostic::new(
                        level,
                        translation.location(position),
                        format!(
                            "{field} is still {PLACEHOLDER}: the leaflet needs its own {field}"
                        ),
                    )
                    .underlining(value.chars().count())
                    .with_hint(hint),
                );
            }
        }
    }
    problems
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
        let problems: Vec<String> = placeholders(&site, Level::Warning)
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
