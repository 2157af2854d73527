//! The site model: a site folder loaded as plain owned values (its settings and every
//! leaflet's language files), and how each part is read.

pub mod config;
pub mod departments;
pub mod frontmatter;
pub mod hospital;
pub mod i18n;
pub mod language;
pub mod lint_config;
pub mod signoffs;
pub mod source;
pub mod yaml;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, Location, Position};
use crate::layout;
use config::SiteConfig;
use frontmatter::{Alias, FrontMatter, Withdrawal};

pub const LEAFLETS_DIR: &str = "leaflets";

/// The files at the site root that every leaflet's findings and pages may depend on: the
/// live preview watches them and its cache keys cover them.
pub const ROOT_FILES: &[&str] = &[
    config::SITE_FILE,
    signoffs::SIGNOFF_FILE,
    GLOSSARY_CSV,
    GLOSSARY_TBX,
];

/// The site's glossary, kept by its comms team in a spreadsheet.
pub const GLOSSARY_CSV: &str = "glossary.csv";
/// The site's glossary as a termbase from a translation agency (TBX).
pub const GLOSSARY_TBX: &str = "glossary.tbx";

/// Everything read from a site folder.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// Sorted by slug.
    pub leaflets: Vec<Leaflet>,
    /// Which translations were checked against which source text (`signoffs.yaml`).
    pub signoffs: signoffs::SignOffs,
}

/// One leaflet folder, with a file per language.
#[derive(Debug)]
pub struct Leaflet {
    pub slug: String,
    /// Folder relative to the site root (`leaflets/<slug>`).
    pub dir: PathBuf,
    /// In the configured language order.
    pub translations: Vec<Translation>,
}

/// One language file of a leaflet.
#[derive(Debug)]
pub struct Translation {
    pub lang: String,
    /// Relative to the site root (`leaflets/<slug>/<lang>.md`).
    pub path: PathBuf,
    /// The whole file, LF line endings, no BOM.
    pub source: String,
    pub body_offset: usize,
    pub front: FrontMatter,
}

impl Translation {
    pub fn body(&self) -> &str {
        &self.source[self.body_offset..]
    }

    pub fn location(&self, position: Position) -> Location {
        Location::at(&self.path, position)
    }
}

impl Leaflet {
    pub fn translation(&self, lang: &str) -> Option<&Translation> {
        self.translations.iter().find(|t| t.lang == lang)
    }

    /// Published translations (drafts are checked but not published).
    pub fn published(&self) -> impl Iterator<Item = &Translation> {
        self.translations.iter().filter(|t| !t.front.draft)
    }

    /// When the leaflet was withdrawn (and by what it is replaced): from its first language
    /// file that says so (the content checks make the languages agree).
    pub fn withdrawal(&self) -> Option<&Withdrawal> {
        self.translations
            .iter()
            .find_map(|t| t.front.withdrawn.as_ref())
    }

    pub fn is_withdrawn(&self) -> bool {
        self.withdrawal().is_some()
    }

    /// Published and not withdrawn: listed in the indexes, the sitemap and the search index.
    pub fn listed(&self) -> impl Iterator<Item = &Translation> {
        let withdrawn = self.is_withdrawn();
        self.published().filter(move |_| !withdrawn)
    }

    /// The leaflet's earlier slugs, each once, with the file that names it first.
    pub fn aliases(&self) -> Vec<(&Alias, &Translation)> {
        let mut found: Vec<(&Alias, &Translation)> = Vec::new();
        for translation in &self.translations {
            for alias in &translation.front.aliases {
                if !found.iter().any(|(a, _)| a.slug == alias.slug) {
                    found.push((alias, translation));
                }
            }
        }
        found.sort_by(|a, b| a.0.slug.cmp(&b.0.slug));
        found
    }
}

impl Site {
    /// Reads the site at `root`. Files with problems are reported and left out.
    pub fn load(
        root: &Path,
        base_url_flag: Option<&str>,
        today: time::Date,
        diagnostics: &mut Diagnostics,
    ) -> Site {
        let config = SiteConfig::load(root, base_url_flag, today, diagnostics);
        let leaflets = load_leaflets(root, &config, diagnostics);
        let signoffs = signoffs::SignOffs::load(root, diagnostics);
        Site {
            root: root.to_path_buf(),
            config,
            leaflets,
            signoffs,
        }
    }

    pub fn leaflet(&self, slug: &str) -> Option<&Leaflet> {
        self.leaflets
            .binary_search_by(|l| l.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &self.leaflets[i])
    }

    /// The leaflet at `slug`, or the one that has `slug` as an alias.
    pub fn leaflet_or_alias(&self, slug: &str) -> Option<&Leaflet> {
        self.leaflet(slug).or_else(|| {
            self.leaflets
                .iter()
                .find(|l| l.aliases().iter().any(|(alias, _)| alias.slug == slug))
        })
    }
}

/// A slug is a URL segment that hospitals print in QR codes: keep it plain.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn load_leaflets(root: &Path, config: &SiteConfig, diagnostics: &mut Diagnostics) -> Vec<Leaflet> {
    let dir = root.join(LEAFLETS_DIR);
    if !dir.is_dir() {
        diagnostics.push(
            Diagnostic::error(
                Location::file(LEAFLETS_DIR),
                "no `leaflets` folder in the site",
            )
            .with_hint("create leaflets/<slug>/en.md for each leaflet, or pass --root with the site folder"),
        );
        return Vec::new();
    }
    let mut folders = Vec::new();
    // `fs::read_dir` rather than a one-level `WalkDir`: walkdir opens and lists every folder it
    // yields, even at its maximum depth, and each leaflet's folder is listed when it is loaded.
    let mut entries = Vec::new();
    match fs::read_dir(&dir) {
        Ok(listing) => {
            for entry in listing {
                match entry {
                    Ok(entry) => entries.push(entry),
                    Err(error) => diagnostics.push(Diagnostic::error(
                        Location::file(LEAFLETS_DIR),
                        format!("cannot read folder: {error}"),
                    )),
                }
            }
        }
        Err(error) => diagnostics.push(Diagnostic::error(
            Location::file(LEAFLETS_DIR),
            format!("cannot read folder: {error}"),
        )),
    }
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().to_string();
        let relative = Path::new(LEAFLETS_DIR).join(&name);
        if name.starts_with('.') {
            continue;
        }
        // Not followed: a symbolic link is reported as one.
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_symlink() {
            diagnostics.push(
                Diagnostic::error(
                    Location::file(&relative),
                    "leaflet folders cannot be symbolic links",
                )
                .with_hint("move the folder into leaflets/ instead of linking to it"),
            );
            continue;
        }
        if !file_type.is_dir() {
            diagnostics.push(
                Diagnostic::warning(Location::file(&relative), "ignored: not a leaflet folder")
                    .with_hint(
                        "each leaflet is a folder leaflets/<slug>/ with one <lang>.md per language",
                    ),
            );
            continue;
        }
        if !is_valid_slug(&name) {
            diagnostics.push(
                Diagnostic::error(
                    Location::file(&relative),
                    format!("invalid leaflet folder name \"{name}\": it becomes the page address"),
                )
                .with_hint("use lowercase letters, digits and `-`, e.g. colonoscopy-bowel-prep"),
            );
            continue;
        }
        if let Some(use_) = layout::reserved_folder(&name, &config.languages) {
            diagnostics.push(
                Diagnostic::error(
                    Location::file(&relative),
                    format!("the leaflet folder name \"{name}\" is taken: the site keeps {use_} in {name}/"),
                )
                .with_hint("rename the folder; its name becomes the leaflet's address"),
            );
            continue;
        }
        folders.push((relative, name));
    }
    // Reading and parsing the files is independent per leaflet; results keep the folder order.
    let loaded: Vec<(Option<Leaflet>, Diagnostics)> = folders
        .par_iter()
        // One task per leaflet (see lint::check).
        .with_max_len(1)
        .map(|(relative, name)| {
            let mut found = Diagnostics::default();
            let leaflet = load_leaflet(root, relative, name, config, &mut found);
            (leaflet, found)
        })
        .collect();
    let mut leaflets = Vec::with_capacity(loaded.len());
    for (leaflet, found) in loaded {
        diagnostics.extend(found);
        leaflets.extend(leaflet);
    }
    leaflets
}

fn load_leaflet(
    root: &Path,
    relative: &Path,
    slug: &str,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Option<Leaflet> {
    let mut by_language: BTreeMap<usize, Translation> = BTreeMap::new();
    let mut markdown_files = 0;
    for entry in WalkDir::new(root.join(relative))
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(lang) = name.strip_suffix(".md") else {
            continue;
        };
        markdown_files += 1;
        let path = relative.join(&name);
        let Some(index) = config.languages.iter().position(|l| l == lang) else {
            diagnostics.push(
                Diagnostic::error(
                    Location::file(&path),
                    format!("\"{lang}\" is not a configured language"),
                )
                .with_hint(format!(
                    "configured languages are {}; add \"{lang}\" to `languages` in site.yaml or rename the file",
                    config.languages.join(", ")
                )),
            );
            continue;
        };
        if entry.path_is_symlink() {
            diagnostics.push(Diagnostic::error(
                Location::file(&path),
                "leaflet files cannot be symbolic links",
            ));
            continue;
        }
        let source = match source::read_text(root, &path) {
            Ok(source) => source,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        let split = match frontmatter::split(&path, &source) {
            Ok(split) => split,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        let body_offset = split.body_offset;
        if let Some(front) = frontmatter::parse(&path, &split, diagnostics) {
            by_language.insert(
                index,
                Translation {
                    lang: lang.to_string(),
                    path,
                    source,
                    body_offset,
                    front,
                },
            );
        }
    }
    if markdown_files == 0 {
        diagnostics.push(
            Diagnostic::error(
                Location::file(relative),
                "leaflet folder has no language files",
            )
            .with_hint(format!(
                "add {}/{}.md",
                relative.display(),
                config.default_language()
            )),
        );
    }
    if by_language.is_empty() {
        return None;
    }
    Some(Leaflet {
        slug: slug.to_string(),
        dir: relative.to_path_buf(),
        translations: by_language.into_values().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        assert!(is_valid_slug("ct-scan-2"));
        assert!(!is_valid_slug("CT_scan"));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug("结肠镜"));
    }
}
