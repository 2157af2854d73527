//! Starting a site and a leaflet: `leafpress init` writes a site that checks clean but leaves
//! its hospital to fill in, `leafpress new` writes a leaflet's files in every language with its
//! front matter complete and a procedure leaflet's usual sections.

use std::fs;
use std::path::{Path, PathBuf};

use time::Date;

use crate::diagnostic::{Diagnostic, Diagnostics, Level, Location};
use crate::layout::{self, BaseUrl};
use crate::model::config::{self, DEFAULT_REVIEW_MONTHS, SITE_FILE};
use crate::model::hospital::{PLACEHOLDER, is_placeholder};
use crate::model::i18n::Localizer;
use crate::model::{LEAFLETS_DIR, Site, is_valid_slug};

/// `site.yaml` as `init` writes it: every key, commented, the hospital left `TODO`.
const SITE_YAML: &str = include_str!("site.yaml");

/// The sample leaflet `init` writes: its folder, and each language's file with `{reviewed}` and
/// `{review_due}` to fill in.
const SAMPLE_SLUG: &str = "blood-test";
const SAMPLE: &[(&str, &str)] = &[
    ("en", include_str!("sample/en.md")),
    ("zh", include_str!("sample/zh.md")),
];

/// Writes a new site into `dir` (created when missing): `site.yaml` (with `base_url` when
/// given) and one sample leaflet in English and Chinese, reviewed `today`. Refuses a folder
/// that holds anything. Returns the files written, relative to `dir`.
pub fn init(
    dir: &Path,
    today: Date,
    base_url: Option<&BaseUrl>,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let here = || Location::file(dir);
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Diagnostic::error(
                    here(),
                    "the folder is not empty: `leafpress init` starts a site only in a new or empty folder",
                )
                .with_hint("give a new folder, e.g. `leafpress init leaflets-site`"));
            }
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => {
            return Err(Diagnostic::error(
                here(),
                format!("cannot start a site here: {error}"),
            ));
        }
    }
    let review_due = config::add_months(today, DEFAULT_REVIEW_MONTHS);
    let site_yaml = match base_url {
        Some(url) => SITE_YAML.replace("\nbase_url:\n", &format!("\nbase_url: {}\n", url.as_str())),
        None => SITE_YAML.to_string(),
    };
    let mut files = vec![(PathBuf::from(SITE_FILE), site_yaml)];
    for (lang, text) in SAMPLE {
        files.push((
            Path::new(LEAFLETS_DIR)
                .join(SAMPLE_SLUG)
                .join(format!("{lang}.md")),
            text.replace("{reviewed}", &today.to_string())
                .replace("{review_due}", &review_due.to_string()),
        ));
    }
    write_all(dir, &files)
}

/// What `leafpress new` is asked for.
#[derive(Debug, Clone, Copy)]
pub struct NewLeaflet<'a> {
    pub slug: &'a str,
    /// The department's name in any of the site's languages.
    pub department: Option<&'a str>,
    pub reference: Option<&'a str>,
}

/// Writes `leaflets/<slug>/<lang>.md` for every language of the site at `root`: version 1,
/// reviewed `today`, due a review period later, and the headings of a procedure leaflet.
/// Refuses an invalid or existing slug and a reference already used. Returns the files
/// written, relative to `root`.
pub fn new_leaflet(
    root: &Path,
    today: Date,
    request: &NewLeaflet,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let slug = request.slug;
    let folder = Path::new(LEAFLETS_DIR).join(slug);
    if !is_valid_slug(slug) {
        return Err(Diagnostic::error(
            Location::file(&folder),
            format!("invalid slug \"{slug}\": it becomes the leaflet's address"),
        )
        .with_hint("use lowercase letters, digits and `-`, e.g. knee-replacement"));
    }
    if root.join(&folder).exists() {
        return Err(Diagnostic::error(
            Location::file(&folder),
            format!("a leaflet \"{slug}\" already exists"),
        )
        .with_hint("choose another slug, or edit the files in that folder"));
    }
    let mut loaded = Diagnostics::default();
    let site = Site::load(root, None, today, &mut loaded);
    if let Some(problem) = loaded
        .iter()
        .find(|d| d.level == Level::Error && d.location.path == Path::new(SITE_FILE))
    {
        return Err(problem.clone());
    }
    let config = &site.config;
    if let Some(use_) = layout::reserved_folder(slug, &config.languages) {
        return Err(Diagnostic::error(
            Location::file(&folder),
            format!("the slug \"{slug}\" is taken: the site keeps {use_} in {slug}/"),
        )
        .with_hint("choose another slug"));
    }
    let reference = match request.reference.map(str::trim) {
        None => PLACEHOLDER,
        Some(reference) => {
            check_reference(reference, &site)?;
            reference
        }
    };
    let departments = department_names(request.department, &site);
    let review_due = config::add_months(today, config.review_months);
    let localizer = Localizer::load(root, &config.languages, &mut Diagnostics::default());
    let title = title_from_slug(slug);
    let files: Vec<(PathBuf, String)> = config
        .languages
        .iter()
        .zip(&departments)
        .map(|(lang, department)| {
            let mut text = format!(
                "---\ntitle: {}\nsummary: {}\nreference: {}\nversion: 1\ndepartment: {}\nreviewed: {today}\nreview_due: {review_due}\n---\n\n<!-- {} -->\n",
                yaml_text(&title),
                yaml_text(&localizer.text(lang, "new-summary")),
                yaml_text(reference),
                yaml_text(department),
                localizer.text(lang, "new-guide"),
            );
            for id in SECTIONS {
                text.push_str(&format!("\n## {}\n", localizer.text(lang, id)));
            }
            (folder.join(format!("{lang}.md")), text)
        })
        .collect();
    write_all(root, &files)
}

/// The messages of a procedure leaflet's usual sections, in order.
const SECTIONS: &[&str] = &[
    "new-section-what",
    "new-section-why",
    "new-section-ready",
    "new-section-day",
    "new-section-after",
    "new-section-risks",
    "new-section-contact",
];

/// A reference given on the command line: a code, not used by another leaflet yet.
fn check_reference(reference: &str, site: &Site) -> Result<(), Diagnostic> {
    let here = || Location::file("--reference");
    if reference.is_empty() || reference.chars().any(char::is_whitespace) {
        return Err(
            Diagnostic::error(here(), format!("invalid reference \"{reference}\""))
                .with_hint("a reference is a code without spaces, such as INR-0042"),
        );
    }
    if is_placeholder(reference) {
        return Ok(());
    }
    let used = site
        .leaflets
        .iter()
        .flat_map(|leaflet| &leaflet.translations)
        .find(|t| t.front.reference == reference);
    match used {
        Some(translation) => Err(Diagnostic::error(
            here(),
            format!("reference \"{reference}\" is already used by another leaflet"),
        )
        .with_note(
            translation.location(translation.front.positions.reference),
            "used here",
        )
        .with_hint("each leaflet needs its own reference")),
        None => Ok(()),
    }
}

/// The department's name in each of the site's languages: from `departments:` when it lists
/// the department (named in any language, it gives the others), else as given in every
/// language; `TODO` when none is given.
fn department_names(given: Option<&str>, site: &Site) -> Vec<String> {
    let languages = &site.config.languages;
    let Some(name) = given.map(str::trim) else {
        return vec![PLACEHOLDER.to_string(); languages.len()];
    };
    let department = site.config.departments.find_any(name);
    languages
        .iter()
        .map(|lang| {
            department
                .and_then(|department| department.name(lang))
                .unwrap_or(name)
                .to_string()
        })
        .collect()
}

/// `knee-replacement` as a title to start from: `Knee replacement`.
fn title_from_slug(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// A YAML scalar for `text`: as it is when YAML reads it back as the same text, else quoted.
fn yaml_text(text: &str) -> String {
    let plain = !text.is_empty()
        && text.trim() == text
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`0123456789".contains(c))
        && !text.contains(": ")
        && !text.contains(" #")
        && !["true", "false", "null", "yes", "no", "on", "off", "~"]
            .contains(&text.to_ascii_lowercase().as_str());
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).expect("a string serialises")
    }
}

/// Writes each file under `root`, creating folders; returns their paths.
fn write_all(root: &Path, files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>, Diagnostic> {
    for (path, text) in files {
        let full = root.join(path);
        let written = full
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&full, text));
        if let Err(error) = written {
            return Err(Diagnostic::error(
                Location::file(full),
                format!("cannot write the file: {error}"),
            ));
        }
    }
    Ok(files.iter().map(|(path, _)| path.clone()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::SiteConfig;
    use crate::model::yaml::YamlMapping;

    fn day(text: &str) -> Date {
        crate::model::frontmatter::parse_date(text).unwrap()
    }

    #[test]
    fn the_site_yaml_of_init_names_every_key_with_default_settings() {
        let doc = YamlMapping::parse(Path::new(SITE_FILE), SITE_YAML, 1).unwrap();
        for key in config::KNOWN_KEYS
            .iter()
            .chain(crate::model::lint_config::CONFIG_KEYS)
        {
            assert!(doc.get(key).is_some(), "site.yaml of init lacks `{key}`");
        }
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(SITE_FILE), SITE_YAML).unwrap();
        let mut diagnostics = Diagnostics::default();
        let today = day("2026-06-01");
        let loaded = SiteConfig::load(dir.path(), None, today, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(loaded.review_months, DEFAULT_REVIEW_MONTHS);
        assert_eq!(loaded.languages, ["en", "zh"]);
        let unset = loaded.hospital.unset(&loaded.languages, Level::Error);
        assert!(unset.unwrap().to_string().starts_with(
            "site.yaml:7:9: error: hospital.name and hospital.emergency are still TODO"
        ));
    }

    #[test]
    fn titles_start_from_the_slug_and_odd_text_is_quoted() {
        assert_eq!(title_from_slug("knee-replacement"), "Knee replacement");
        assert_eq!(title_from_slug("mri-2"), "Mri 2");
        assert_eq!(yaml_text("Ear, nose and throat"), "Ear, nose and throat");
        assert_eq!(yaml_text("A&E: minors"), "\"A&E: minors\"");
        assert_eq!(yaml_text("#1 clinic"), "\"#1 clinic\"");
        assert_eq!(yaml_text("no"), "\"no\"");
        assert_eq!(yaml_text("神经内科"), "神经内科");
    }
}
