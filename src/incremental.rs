//! Work a run takes over from the previous run of the same site, for the live preview: a
//! leaflet whose folder did not change, among surroundings that did not change, is neither
//! checked nor rendered again; its findings and files are replayed.
//!
//! What a leaflet's results depend on, and so what its keys cover:
//! - content checks: the leaflet's folder and the settings (`site.yaml`, the command line's
//!   options, today's date);
//! - its body's checks and its pages: those, plus the templates, the messages, and which
//!   leaflets exist in which languages (links to other leaflets follow those).
//!
//! The keys hash the files' contents, not their modification times or the watcher's events, so
//! a change the watcher missed or an edit undone can never serve stale pages. Everything else
//! (loading, the site-wide checks, the home page, indexes and sitemap) runs every time.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::SITE_FILE;
use crate::diagnostic::Diagnostic;
use crate::render::{OutputFile, Sink};
use crate::site::{Leaflet, Site};

/// Results kept between runs. Used by one run at a time.
#[derive(Default)]
pub struct Cache {
    leaflets: Mutex<HashMap<String, Saved>>,
    /// How many leaflets the last run rendered again (not replayed).
    rendered: AtomicUsize,
}

/// What the last run found for one leaflet, with the keys it was found under.
#[derive(Default)]
struct Saved {
    lint: Option<(Key, Vec<Diagnostic>)>,
    render: Option<Arc<Rendered>>,
}

/// A leaflet's body findings and, when its pages were rendered, its files.
struct Rendered {
    key: Key,
    findings: Vec<Diagnostic>,
    files: Option<Vec<OutputFile>>,
}

/// A leaflet's folder and the context it was checked or rendered in.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    folder: u64,
    context: u64,
}

/// The cache as one run sees it: the keys of the site it loaded.
pub struct Run<'a> {
    cache: &'a Cache,
    lint_context: u64,
    render_context: u64,
    /// The hash of every leaflet's folder, by slug.
    folders: HashMap<String, u64>,
}

impl Cache {
    /// Starts a run over `site`, as loaded with `options`.
    pub fn begin<'a>(&'a self, site: &Site, options: &crate::Options) -> Run<'a> {
        let root = site.root.as_path();
        let mut settings = DefaultHasher::new();
        format!("{options:?}").hash(&mut settings);
        options.today().hash(&mut settings);
        std::fs::read(root.join(SITE_FILE)).ok().hash(&mut settings);
        let lint_context = settings.finish();

        let mut surroundings = DefaultHasher::new();
        lint_context.hash(&mut surroundings);
        for dir in [crate::templates::TEMPLATES_DIR, "locales"] {
            hash_folder(&root.join(dir), &HashSet::new(), &mut surroundings);
        }
        for leaflet in &site.leaflets {
            leaflet.slug.hash(&mut surroundings);
            for translation in &leaflet.translations {
                (&translation.lang, translation.front.draft).hash(&mut surroundings);
            }
        }
        let render_context = surroundings.finish();

        self.rendered.store(0, Ordering::Relaxed);
        let folders = site
            .leaflets
            .par_iter()
            .map(|leaflet| (leaflet.slug.clone(), folder_hash(root, leaflet)))
            .collect();
        Run {
            cache: self,
            lint_context,
            render_context,
            folders,
        }
    }

    /// How many leaflets the last run checked and rendered again rather than replayed.
    pub fn rendered(&self) -> usize {
        self.rendered.load(Ordering::Relaxed)
    }

    /// How many leaflets the last run had.
    pub fn leaflets(&self) -> usize {
        self.saved().len()
    }

    fn saved(&self) -> std::sync::MutexGuard<'_, HashMap<String, Saved>> {
        self.leaflets.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Run<'_> {
    fn key(&self, leaflet: &Leaflet, context: u64) -> Key {
        Key {
            folder: self.folders.get(&leaflet.slug).copied().unwrap_or_default(),
            context,
        }
    }

    /// The leaflet's content findings: the saved ones when nothing they depend on changed,
    /// otherwise `check`'s, which are saved.
    pub fn lint(
        &self,
        leaflet: &Leaflet,
        check: impl FnOnce() -> Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        let key = self.key(leaflet, self.lint_context);
        if let Some((saved, findings)) = &self
            .cache
            .saved()
            .entry(leaflet.slug.clone())
            .or_default()
            .lint
            && *saved == key
        {
            return findings.clone();
        }
        let findings = check();
        self.cache
            .saved()
            .entry(leaflet.slug.clone())
            .or_default()
            .lint = Some((key, findings.clone()));
        findings
    }

    /// The leaflet's body findings and, with a `sink`, its files sent into it: replayed when
    /// nothing they depend on changed, otherwise from `render`, which is given the sink to use.
    /// As with `render`, the second value is the failure that stopped the files (the first one
    /// of the run sets `failed`); files are saved only when the run had none so far.
    pub fn render(
        &self,
        leaflet: &Leaflet,
        sink: Option<&Sink>,
        failed: &AtomicBool,
        render: impl FnOnce(Option<&Sink>) -> (Vec<Diagnostic>, Option<Diagnostic>),
    ) -> (Vec<Diagnostic>, Option<Diagnostic>) {
        let key = self.key(leaflet, self.render_context);
        let saved = match &self
            .cache
            .saved()
            .entry(leaflet.slug.clone())
            .or_default()
            .render
        {
            Some(saved) if saved.key == key && (sink.is_none() || saved.files.is_some()) => {
                Some(Arc::clone(saved))
            }
            _ => None,
        };
        if let Some(saved) = saved {
            if let (Some(sink), Some(files)) = (sink, &saved.files)
                && !failed.load(Ordering::Relaxed)
            {
                for file in files {
                    if let Err(failure) = sink(file.clone()) {
                        failed.store(true, Ordering::Relaxed);
                        return (saved.findings.clone(), Some(failure));
                    }
                }
            }
            return (saved.findings.clone(), None);
        }
        self.cache.rendered.fetch_add(1, Ordering::Relaxed);
        let recorded = Mutex::new(Vec::new());
        let recording = |file: OutputFile| {
            recorded
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(file.clone());
            sink.map_or(Ok(()), |sink| sink(file))
        };
        let (findings, failure) = render(sink.map(|_| &recording as &Sink));
        if failure.is_none() && !failed.load(Ordering::Relaxed) {
            let files = sink.map(|_| {
                recorded
                    .into_inner()
                    .unwrap_or_else(PoisonError::into_inner)
            });
            self.cache
                .saved()
                .entry(leaflet.slug.clone())
                .or_default()
                .render = Some(Arc::new(Rendered {
                key,
                findings: findings.clone(),
                files,
            }));
        }
        (findings, failure)
    }

    /// Forgets the leaflets that are gone.
    pub fn finish(self) {
        self.cache
            .saved()
            .retain(|slug, _| self.folders.contains_key(slug));
    }
}

/// Every file of the leaflet's folder: its language files as loaded, the others (images) as
/// they are on disk.
fn folder_hash(root: &Path, leaflet: &Leaflet) -> u64 {
    let mut hasher = DefaultHasher::new();
    leaflet.slug.hash(&mut hasher);
    let mut loaded = HashSet::new();
    for translation in &leaflet.translations {
        (&translation.path, &translation.source).hash(&mut hasher);
        loaded.insert(root.join(&translation.path));
    }
    hash_folder(&root.join(&leaflet.dir), &loaded, &mut hasher);
    hasher.finish()
}

/// The names and contents of the files under `dir` (in name order), except `skip`.
fn hash_folder(dir: &Path, skip: &HashSet<std::path::PathBuf>, hasher: &mut DefaultHasher) {
    for entry in WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
        let path = entry.path();
        if entry.file_type().is_dir() || skip.contains(path) {
            continue;
        }
        path.strip_prefix(dir).unwrap_or(path).hash(hasher);
        std::fs::read(path).ok().hash(hasher);
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::Options;

    /// This repository's own site (leaflets, messages, templates), copied to be edited.
    fn site_copy() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for part in ["site.yaml", "leaflets", "locales", "templates"] {
            for entry in WalkDir::new(repo.join(part)) {
                let entry = entry.unwrap();
                let to = root.join(entry.path().strip_prefix(repo).unwrap());
                if entry.file_type().is_dir() {
                    fs::create_dir_all(&to).unwrap();
                } else {
                    fs::create_dir_all(to.parent().unwrap()).unwrap();
                    fs::copy(entry.path(), &to).unwrap();
                }
            }
        }
        (dir, root)
    }

    fn edit(path: &Path, from: &str, to: &str) {
        let text = fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{from:?} in {}", path.display());
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    /// Runs with the cache and afresh: the same files and findings, whatever changed since
    /// the cached run. Returns how many leaflets were rendered again.
    fn same_as_fresh(options: &Options, cache: &Cache, when: &str) -> usize {
        let reused = crate::run_incremental(options, cache);
        let fresh = crate::run(options);
        assert_eq!(
            reused.diagnostics.sorted(),
            fresh.diagnostics.sorted(),
            "findings after {when}"
        );
        let paths = |files: &[OutputFile]| files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
        assert_eq!(
            paths(&reused.files),
            paths(&fresh.files),
            "files after {when}"
        );
        for (a, b) in reused.files.iter().zip(&fresh.files) {
            assert!(a == b, "{} differs after {when}", a.path);
        }
        cache.rendered()
    }

    #[test]
    fn a_reusing_run_gives_what_a_fresh_run_gives() {
        let (_dir, root) = site_copy();
        let options = Options {
            root: root.clone(),
            today: Some(time::macros::date!(2026 - 06 - 01)),
            ..Options::default()
        };
        let leaflet = |slug: &str, lang: &str| root.join(format!("leaflets/{slug}/{lang}.md"));
        let cache = Cache::default();
        let all = same_as_fresh(&options, &cache, "the first run");
        assert!(all >= 4, "{all}");
        assert_eq!(same_as_fresh(&options, &cache, "no change"), 0);

        edit(&leaflet("colonoscopy", "en"), "too.", "as well.");
        assert_eq!(same_as_fresh(&options, &cache, "a body edit"), 1);

        // A title is shown by other pages (indexes, links from other leaflets).
        edit(&leaflet("gastroscopy", "zh"), "title: ", "title: 新");
        same_as_fresh(&options, &cache, "a title edit");

        edit(
            &leaflet("gastroscopy", "en"),
            "reviewed: ",
            "reviewed: 2026-13-45\nx: ",
        );
        same_as_fresh(&options, &cache, "a broken front matter");
        edit(
            &leaflet("gastroscopy", "en"),
            "reviewed: 2026-13-45\nx: ",
            "reviewed: ",
        );
        same_as_fresh(&options, &cache, "the fix");

        // Linked leaflets follow which leaflets exist, in which languages.
        edit(
            &leaflet("gastroscopy", "zh"),
            "---\n\n",
            "draft: true\n---\n\n",
        );
        same_as_fresh(&options, &cache, "a translation made a draft");
        fs::rename(
            root.join("leaflets/gastroscopy"),
            root.join("gastroscopy-aside"),
        )
        .unwrap();
        same_as_fresh(&options, &cache, "a linked leaflet removed");
        fs::rename(
            root.join("gastroscopy-aside"),
            root.join("leaflets/gastroscopy"),
        )
        .unwrap();
        same_as_fresh(&options, &cache, "it came back");

        let image = root.join("leaflets/cataract-surgery/diagram-en.svg");
        edit(&image, "</svg>", "<circle r=\"1\"/></svg>");
        assert_eq!(same_as_fresh(&options, &cache, "an image edit"), 1);

        let template = root.join("templates/leaflet.html");
        fs::write(
            &template,
            fs::read_to_string(&template).unwrap() + "\n<!-- edited -->\n",
        )
        .unwrap();
        assert_eq!(same_as_fresh(&options, &cache, "a template edit"), all);
        let messages = root.join("locales/zh/main.ftl");
        edit(
            &messages,
            "hospital-name = 河畔综合医院",
            "hospital-name = 河畔医院",
        );
        assert_eq!(same_as_fresh(&options, &cache, "a message edit"), all);
        edit(
            &root.join("site.yaml"),
            "base_url: https://",
            "base_url: https://www.",
        );
        assert_eq!(same_as_fresh(&options, &cache, "a settings edit"), all);

        let other = Options {
            deny_warnings: true,
            ..options.clone()
        };
        same_as_fresh(&other, &cache, "other options");
    }
}
