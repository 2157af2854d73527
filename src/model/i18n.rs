//! Localised interface strings from Fluent (`locales/<lang>/*.ftl`): built-in messages, site
//! overrides, fallback to the default language, and dates formatted per locale.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use time::Date;
use unic_langid::LanguageIdentifier;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex, Location};

/// The built-in messages, compiled into the binary; `locales/` in this repository is their source.
const BUILTIN_LOCALES: &[(&str, &str)] = &[
    ("en", include_str!("../../locales/en/main.ftl")),
    ("zh", include_str!("../../locales/zh/main.ftl")),
];

/// The language whose built-in messages are the last resort for any missing message.
const LAST_RESORT: &str = "en";

/// Messages the Rust code formats itself (templates' messages are found by scanning them).
pub const CODE_MESSAGES: &[&str] = &[
    "date",
    "language-name",
    "language-self-name",
    "not-available",
];

/// One Fluent bundle per configured language.
pub struct Localizer {
    languages: Vec<String>,
    bundles: BTreeMap<String, FluentBundle<FluentResource>>,
    last_resort: FluentBundle<FluentResource>,
}

impl Localizer {
    /// Loads built-in messages, then the site's `locales/<lang>/*.ftl` over them.
    pub fn load(root: &Path, languages: &[String], diagnostics: &mut Diagnostics) -> Localizer {
        let mut bundles = BTreeMap::new();
        for lang in languages {
            let mut bundle = new_bundle(lang);
            if let Some((_, text)) = BUILTIN_LOCALES.iter().find(|(code, _)| code == lang) {
                add_builtin(&mut bundle, lang, text);
            }
            for path in site_ftl_files(root, lang) {
                match super::source::read_text(root, &path) {
                    Ok(text) => match FluentResource::try_new(text) {
                        Ok(resource) => bundle.add_resource_overriding(resource),
                        Err((resource, errors)) => {
                            let index = LineIndex::new(resource.source());
                            for error in errors {
                                diagnostics.push(
                                    Diagnostic::error(
                                        Location::at(&path, index.position(entry_start(&error))),
                                        format!("Fluent syntax error: {}", error.kind),
                                    )
                                    .with_hint("see https://projectfluent.org/fluent/guide/ for the syntax"),
                                );
                            }
                        }
                    },
                    Err(diagnostic) => diagnostics.push(diagnostic),
                }
            }
            bundles.insert(lang.clone(), bundle);
        }
        for path in unused_locale_dirs(root, languages) {
            diagnostics.push(
                Diagnostic::warning(
                    Location::file(&path),
                    "ignored: this language is not configured",
                )
                .with_hint("add it to `languages` in site.yaml"),
            );
        }
        let mut last_resort = new_bundle(LAST_RESORT);
        let (_, text) = BUILTIN_LOCALES[0];
        add_builtin(&mut last_resort, LAST_RESORT, text);
        Localizer {
            languages: languages.to_vec(),
            bundles,
            last_resort,
        }
    }

    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    pub fn has_message(&self, lang: &str, id: &str) -> bool {
        self.bundles.get(lang).is_some_and(|b| b.has_message(id))
    }

    /// The language a missing message falls back to.
    pub fn fallback_language(&self) -> &str {
        &self.languages[0]
    }

    /// Formats message `id` in `lang`, falling back to the default language, then to the built-in
    /// English text, then to the id itself (so a page never renders blank).
    pub fn format(&self, lang: &str, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let fallback = self.bundles.get(self.fallback_language());
        let bundle = [self.bundles.get(lang), fallback, Some(&self.last_resort)]
            .into_iter()
            .flatten()
            .find(|b| b.has_message(id));
        let Some(bundle) = bundle else {
            return id.to_string();
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        // Errors here are missing arguments, which Fluent already renders visibly as `{$name}`.
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    pub fn text(&self, lang: &str, id: &str) -> String {
        self.format(lang, id, &[])
    }

    /// A date in the style of `lang`: `1 February 2026`, `2026年2月1日`. fluent-bundle has no
    /// `DATETIME()`, so the pieces are passed to the `date` message as strings.
    pub fn date(&self, lang: &str, date: Date) -> String {
        let month = u8::from(date.month());
        let month_name = self.text(lang, &format!("month-{month}"));
        self.format(
            lang,
            "date",
            &[
                ("day", date.day().to_string().into()),
                ("month", month.to_string().into()),
                ("monthName", month_name.into()),
                ("year", date.year().to_string().into()),
            ],
        )
    }

    /// The name of language `code`, in language `lang`.
    pub fn language_name(&self, lang: &str, code: &str) -> String {
        self.format(lang, "language-name", &[("code", code.to_string().into())])
    }

    /// The name of language `code` in that language itself (for language choosers).
    pub fn self_name(&self, code: &str) -> String {
        self.text(code, "language-self-name")
    }
}

/// Where the broken entry starts (the parser's own position is often the end of the file).
fn entry_start(error: &fluent_syntax::parser::ParserError) -> usize {
    error
        .slice
        .as_ref()
        .map_or(error.pos.start, |slice| slice.start)
}

fn new_bundle(lang: &str) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Without this, every placeable is wrapped in U+2068/U+2069, which leak into HTML and PDFs.
    bundle.set_use_isolating(false);
    bundle
        .add_builtins()
        .expect("built-in Fluent functions register once");
    bundle
}

fn add_builtin(bundle: &mut FluentBundle<FluentResource>, lang: &str, text: &str) {
    let resource = FluentResource::try_new(text.to_string())
        .unwrap_or_else(|_| panic!("built-in messages for {lang} are valid Fluent"));
    bundle.add_resource_overriding(resource);
}

/// `locales/<lang>/*.ftl`, sorted so that later files override earlier ones predictably.
fn site_ftl_files(root: &Path, lang: &str) -> Vec<PathBuf> {
    let dir = Path::new("locales").join(lang);
    WalkDir::new(root.join(&dir))
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "ftl"))
        .map(|e| dir.join(e.file_name()))
        .collect()
}

fn unused_locale_dirs(root: &Path, languages: &[String]) -> Vec<PathBuf> {
    WalkDir::new(root.join("locales"))
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir())
        .filter(|e| {
            !languages
                .iter()
                .any(|l| *l == *e.file_name().to_string_lossy())
        })
        .map(|e| Path::new("locales").join(e.file_name()))
        .collect()
}

/// Ids defined by the built-in messages of the last-resort language: the complete set.
pub fn builtin_message_ids() -> Vec<String> {
    let (_, text) = BUILTIN_LOCALES[0];
    text.lines()
        .filter_map(|line| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            (!id.is_empty()
                && id.chars().next()?.is_ascii_alphabetic()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .then(|| id.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn localizer(files: &[(&str, &str)]) -> (Localizer, Vec<Diagnostic>) {
        let dir = crate::testing::site_folder(files);
        let mut diagnostics = Diagnostics::default();
        let languages = vec!["en".to_string(), "zh".to_string()];
        let localizer = Localizer::load(dir.path(), &languages, &mut diagnostics);
        (localizer, diagnostics.into_iter().collect())
    }

    #[test]
    fn builtin_messages_name_no_hospital_and_no_emergency_number() {
        // Both come from `hospital:` in site.yaml: a default would be wrong for most sites.
        for (lang, text) in BUILTIN_LOCALES {
            for line in text.lines().filter(|line| !line.starts_with('#')) {
                let digits = line
                    .split(|c: char| !c.is_ascii_digit())
                    .any(|run| run.len() >= 3);
                assert!(!digits, "{lang}: a number in {line:?}");
                for name in ["Riverside", "General Hospital", "河畔", "综合医院"] {
                    assert!(!line.contains(name), "{lang}: {name} in {line:?}");
                }
            }
        }
    }

    #[test]
    fn dates_follow_the_locale() {
        let (l, _) = localizer(&[]);
        let date = Date::from_calendar_date(2026, time::Month::February, 1).unwrap();
        assert_eq!(l.date("en", date), "1 February 2026");
        assert_eq!(l.date("zh", date), "2026年2月1日");
    }

    #[test]
    fn placeables_carry_no_bidi_isolation_marks() {
        let (l, _) = localizer(&[]);
        let text = l.format("en", "not-available", &[("language", "Chinese".into())]);
        assert!(text.contains("Chinese"));
        assert!(
            !text.contains('\u{2068}') && !text.contains('\u{2069}'),
            "{text:?}"
        );
    }

    #[test]
    fn site_messages_override_builtins_and_the_rest_remain() {
        let (l, diagnostics) = localizer(&[(
            "locales/en/site.ftl",
            "site-title = St Elsewhere leaflets\n",
        )]);
        assert!(diagnostics.is_empty());
        assert_eq!(l.text("en", "site-title"), "St Elsewhere leaflets");
        assert_eq!(l.text("en", "toc-heading"), "Contents");
    }

    #[test]
    fn ftl_syntax_errors_name_file_and_line() {
        let (_, diagnostics) = localizer(&[("locales/zh/site.ftl", "ok = 好\nbroken = {\n")]);
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0]
                .to_string()
                .starts_with("locales/zh/site.ftl:2:"),
            "{}",
            diagnostics[0]
        );
    }

    #[test]
    fn a_message_missing_in_a_language_falls_back_to_the_default() {
        let (l, _) = localizer(&[("locales/en/extra.ftl", "only-english = Only English\n")]);
        assert!(!l.has_message("zh", "only-english"));
        assert_eq!(l.text("zh", "only-english"), "Only English");
    }
}
