//! Page templates (Tera): the built-in set, a site's own templates over it, and the `t()` function
//! that looks up Fluent messages in the page's language.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::FluentValue;
use tera::{Context, Kwargs, State, Tera};
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex, Location, Position};
use crate::layout;
use crate::model::i18n::{self, Localizer};
use crate::output::cdn;
use crate::text::escape;

/// Built-in templates and assets, compiled into the binary; `templates/` in this repository is
/// their source, and a site's `templates/<name>` replaces the one of the same name.
const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("home.html", include_str!("../../templates/home.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("leaflet.html", include_str!("../../templates/leaflet.html")),
    ("details.html", include_str!("../../templates/details.html")),
    ("contact.html", include_str!("../../templates/contact.html")),
    ("sources.html", include_str!("../../templates/sources.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("print.html", include_str!("../../templates/print.html")),
    (
        "bilingual.html",
        include_str!("../../templates/bilingual.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    (
        "redirect.html",
        include_str!("../../templates/redirect.html"),
    ),
    (
        "withdrawn.html",
        include_str!("../../templates/withdrawn.html"),
    ),
];

/// Stylesheets and scripts copied to `assets/`, replaceable the same way.
const BUILTIN_ASSETS: &[(&str, &str)] = &[
    ("style.css", include_str!("../../templates/style.css")),
    ("search.js", include_str!("../../templates/search.js")),
];

pub const TEMPLATES_DIR: &str = "templates";

/// Where diagnostics say a built-in template is.
const BUILTIN_DIR: &str = "<built-in>/templates";

/// The text of a built-in template or asset, by the path diagnostics give it
/// (`<built-in>/templates/base.html`), for printing its lines.
pub fn builtin_source(path: &Path) -> Option<&'static str> {
    let name = path.strip_prefix(BUILTIN_DIR).ok()?.to_str()?;
    BUILTIN_TEMPLATES
        .iter()
        .chain(BUILTIN_ASSETS)
        .find(|(builtin, _)| *builtin == name)
        .map(|(_, text)| *text)
}

/// The loaded templates, ready to render pages.
/// Files for `assets/`: (fingerprinted file name, bytes), sorted by name.
pub type AssetFiles = Vec<(String, Vec<u8>)>;

pub struct Templates {
    tera: Tera,
    /// Where each template came from, for diagnostics.
    origins: BTreeMap<String, PathBuf>,
    /// Asset files for `assets/`: (fingerprinted file name, bytes).
    pub assets: AssetFiles,
    /// Each asset's name as templates write it (`style.css`) → its fingerprinted name.
    asset_names: Arc<BTreeMap<String, String>>,
}

/// Files in a site's `templates/` that are copied to `assets/` (under fingerprinted names).
const ASSET_EXTENSIONS: &[&str] = &[
    "css", "js", "woff2", "woff", "ttf", "otf", "svg", "png", "jpg", "jpeg", "webp", "ico",
];

impl Templates {
    pub fn load(
        root: &Path,
        localizer: Arc<Localizer>,
        diagnostics: &mut Diagnostics,
    ) -> Option<Templates> {
        let mut sources: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        for (name, text) in BUILTIN_TEMPLATES {
            sources.insert(
                name.to_string(),
                (Path::new(BUILTIN_DIR).join(name), text.to_string()),
            );
        }
        let mut assets: BTreeMap<String, Vec<u8>> = BUILTIN_ASSETS
            .iter()
            .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
            .collect();
        for entry in WalkDir::new(root.join(TEMPLATES_DIR))
            .min_depth(1)
            .max_depth(1)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
        {
            let name = entry.file_name().to_string_lossy().to_string();
            let path = Path::new(TEMPLATES_DIR).join(&name);
            if name.ends_with(".html") {
                match crate::model::source::read_text(root, &path) {
                    Ok(text) => {
                        sources.insert(name, (path, text));
                    }
                    Err(diagnostic) => diagnostics.push(diagnostic),
                }
            } else if name
                .rsplit_once('.')
                .is_some_and(|(_, ext)| ASSET_EXTENSIONS.contains(&ext))
            {
                match std::fs::read(entry.path()) {
                    Ok(bytes) => {
                        assets.insert(name, bytes);
                    }
                    Err(error) => diagnostics.push(Diagnostic::error(
                        Location::file(&path),
                        format!("cannot read file: {error}"),
                    )),
                }
            }
        }

        diagnostics.extend(missing_messages(&sources, &localizer));

        let (assets, asset_names) = fingerprint(assets);
        let asset_names = Arc::new(asset_names);
        let mut tera = new_tera();
        tera.register_function("t", Translate(localizer));
        tera.register_function("asset", AssetUrl(Arc::clone(&asset_names)));
        let origins: BTreeMap<String, PathBuf> = sources
            .iter()
            .map(|(name, (path, _))| (name.clone(), path.clone()))
            .collect();
        let result = tera.add_raw_templates(
            sources
                .iter()
                .map(|(name, (_, text))| (name.clone(), text.clone())),
        );
        if let Err(error) = result {
            diagnostics.push(template_error(&origins, &error, "template error"));
            return None;
        }
        Some(Templates {
            tera,
            origins,
            assets,
            asset_names,
        })
    }

    /// The fingerprinted file name of an asset (`style.css` → `style.3f9a1c2e5b7d.css`).
    pub fn asset_name(&self, name: &str) -> Option<&str> {
        self.asset_names.get(name).map(String::as_str)
    }

    /// The page as bytes, as they are written: Tera writes only text, so its output is not
    /// checked again for being UTF-8, as `Tera::render` would.
    pub fn render(&self, name: &str, context: &Context) -> Result<Vec<u8>, Diagnostic> {
        // Most pages fit, so the buffer rarely grows.
        let mut page = Vec::with_capacity(32 * 1024);
        match self.tera.render_to(name, context, &mut page) {
            Ok(()) => Ok(page),
            Err(error) => Err(template_error(
                &self.origins,
                &error,
                &format!("cannot render {name}"),
            )),
        }
    }
}

/// Gives every asset its fingerprinted name; stylesheets are renamed last, after their
/// `url(…)` references to the other assets are rewritten (which changes their hash).
fn fingerprint(assets: BTreeMap<String, Vec<u8>>) -> (AssetFiles, BTreeMap<String, String>) {
    let (stylesheets, others): (Vec<_>, Vec<_>) = assets
        .into_iter()
        .partition(|(name, _)| name.ends_with(".css"));
    let mut names = BTreeMap::new();
    let mut files = Vec::new();
    for (name, bytes) in others {
        let hashed = cdn::fingerprinted_name(&name, &bytes);
        names.insert(name, hashed.clone());
        files.push((hashed, bytes));
    }
    for (name, bytes) in stylesheets {
        let css = String::from_utf8_lossy(&bytes);
        let bytes = cdn::rewrite_css_urls(&css, &|url| names.get(url).cloned()).into_bytes();
        let hashed = cdn::fingerprinted_name(&name, &bytes);
        names.insert(name, hashed.clone());
        files.push((hashed, bytes));
    }
    files.sort();
    (files, names)
}

/// `asset(name="search.js")`: the asset's fingerprinted URL relative to the page
/// (`../../assets/search.3f9a1c2e5b7d.js`).
struct AssetUrl(Arc<BTreeMap<String, String>>);

impl tera::Function<tera::TeraResult<String>> for AssetUrl {
    fn call(&self, kwargs: Kwargs, state: &State) -> tera::TeraResult<String> {
        let name: String = kwargs.must_get("name")?;
        let to_root: String = state.get::<String>("to_root")?.unwrap_or_default();
        let hashed = self.0.get(&name).ok_or_else(|| {
            tera::Error::message(format!(
                "asset(): no asset named \"{name}\" (assets are the .css, .js, font and image files of templates/)"
            ))
        })?;
        Ok(format!("{to_root}{}", layout::asset(hashed)))
    }
}

/// `t(key="label-reference")`: the message in the page's `lang` (or `lang="…"` given explicitly);
/// other arguments are passed to Fluent.
struct Translate(Arc<Localizer>);

impl tera::Function<tera::TeraResult<String>> for Translate {
    fn call(&self, kwargs: Kwargs, state: &State) -> tera::TeraResult<String> {
        // Borrowed when they are strings, not copied: pages call t() dozens of times. Other
        // values are written out, as `String` arguments would be.
        let key: Cow<str> = kwargs.must_get("key")?;
        let page_lang: Option<tera::Value>;
        let lang: Cow<str> = match kwargs.get::<Cow<str>>("lang")? {
            Some(lang) => lang,
            None => {
                page_lang = state.get::<tera::Value>("lang")?;
                let lang = page_lang
                    .as_ref()
                    .ok_or_else(|| tera::Error::message("t(): the page has no `lang`"))?;
                match lang.as_str() {
                    Some(lang) => Cow::Borrowed(lang),
                    None => Cow::Owned(lang.to_string()),
                }
            }
        };
        let mut args: Vec<(String, FluentValue<'static>)> = Vec::new();
        for (name, value) in kwargs.iter() {
            let name = name.to_string();
            if name == "key" || name == "lang" {
                continue;
            }
            let value: FluentValue<'static> = if let Some(n) = value.as_i128() {
                FluentValue::from(n as f64)
            } else if let Some(s) = value.as_str() {
                FluentValue::from(s.to_string())
            } else {
                FluentValue::from(value.to_string())
            };
            args.push((name, value));
        }
        let borrowed: Vec<(&str, FluentValue<'_>)> =
            args.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
        Ok(self.0.format(&lang, &key, &borrowed))
    }
}

fn template_error(
    origins: &BTreeMap<String, PathBuf>,
    error: &tera::Error,
    what: &str,
) -> Diagnostic {
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report)
        }
        _ => None,
    };
    match report {
        Some(report) => {
            let path = origins
                .get(report.filename())
                .cloned()
                .unwrap_or_else(|| PathBuf::from(report.filename()));
            let span = report.span();
            Diagnostic::error(
                Location::at(path, Position::new(span.start_line, span.start_col + 1)),
                format!("{what}: {}", report.message()),
            )
        }
        None => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(inner) = source {
                message.push_str(": ");
                message.push_str(&inner.to_string());
                source = inner.source();
            }
            Diagnostic::error(Location::file(TEMPLATES_DIR), format!("{what}: {message}"))
        }
    }
}

/// Messages used by templates (`t(key="…")`) or by the code that some language lacks: a warning
/// at the first use; the page shows the default language's text instead.
fn missing_messages(
    sources: &BTreeMap<String, (PathBuf, String)>,
    localizer: &Localizer,
) -> Vec<Diagnostic> {
    let mut uses: BTreeMap<String, Location> = BTreeMap::new();
    for (path, text) in sources.values() {
        for (key, position) in message_keys(text) {
            uses.entry(key)
                .or_insert_with(|| Location::at(path, position));
        }
    }
    for key in i18n::CODE_MESSAGES {
        uses.entry(key.to_string())
            .or_insert_with(|| Location::file("locales"));
    }
    let mut problems = Vec::new();
    for lang in localizer.languages() {
        for (key, location) in &uses {
            if !localizer.has_message(lang, key) {
                problems.push(
                    Diagnostic::warning(
                        location.clone(),
                        format!(
                            "message `{key}` is missing in {lang}; the {} text is used",
                            localizer.fallback_language()
                        ),
                    )
                    .with_hint(format!("add `{key} = …` to a file in locales/{lang}/")),
                );
            }
        }
    }
    problems
}

/// A Tera that escapes with the crate's one HTML escaper ([`escape::html_to_writer`]), which
/// also escapes `'`: a site's own templates may quote attributes with it.
pub fn new_tera() -> Tera {
    let mut tera = Tera::new();
    tera.set_escape_fn(escape::html_to_writer);
    tera
}

/// The literal keys of `t(key="…")` calls in a template, with their positions.
fn message_keys(text: &str) -> Vec<(String, Position)> {
    let lines = LineIndex::new(text);
    let mut keys = Vec::new();
    for (offset, _) in text.match_indices("t(key=") {
        let rest = &text[offset + 6..];
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(end) = rest[1..].find(quote) {
            keys.push((rest[1..1 + end].to_string(), lines.position(offset)));
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_cannot_break_out_of_attributes_quoted_either_way() {
        let mut tera = new_tera();
        tera.add_raw_template("t.html", "<a title='{{ x }}' href=\"{{ x }}\">{{ x }}</a>")
            .unwrap();
        let mut context = Context::new();
        context.insert("x", "' onclick='a()\" <b>&");
        let page = tera.render("t.html", &context).unwrap();
        let escaped = "&#x27; onclick=&#x27;a()&quot; &lt;b&gt;&amp;";
        assert_eq!(
            page,
            format!("<a title='{escaped}' href=\"{escaped}\">{escaped}</a>")
        );
    }

    #[test]
    fn message_keys_are_found_with_positions() {
        let keys = message_keys("<p>\n  {{ t(key=\"toc-heading\") }} {{ t(key='x', n=2) }}</p>");
        assert_eq!(keys[0], ("toc-heading".to_string(), Position::new(2, 6)));
        assert_eq!(keys[1].0, "x");
    }

    #[test]
    fn every_builtin_template_message_exists_in_english() {
        let ids = i18n::builtin_message_ids();
        for (name, text) in BUILTIN_TEMPLATES {
            for (key, position) in message_keys(text) {
                assert!(
                    ids.contains(&key),
                    "{name}:{}: unknown message {key}",
                    position.line
                );
            }
        }
    }
}
