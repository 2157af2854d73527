//! Work a run of the live preview takes over from the previous one: a leaflet whose folder
//! did not change, among surroundings that did not change, is neither checked nor rendered
//! again; its findings and files are replayed.
//!
//! What a leaflet's results depend on, and so what its key covers: its folder, the settings
//! (`site.yaml`, the command line's options, today's date), the templates, the messages, and
//! which leaflets exist in which languages (links to other leaflets follow those).
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

use crate::model::{Leaflet, ROOT_FILES, Site};
use crate::output::{OutputFile, Sink};
use crate::render::templates::TEMPLATES_DIR;
use crate::{LeafletOutcome, Options};

/// Results kept between runs. Used by one run at a time.
#[derive(Default)]
pub struct Cache {
    leaflets: Mutex<HashMap<String, Arc<Saved>>>,
    /// How many leaflets the last run worked on again (not replayed).
    rendered: AtomicUsize,
}

/// What the last run found for one leaflet, under the key it was found with.
struct Saved {
    key: Key,
    findings: Vec<crate::diagnostic::Diagnostic>,
    /// The leaflet's files, when its pages were rendered.
    files: Option<Vec<OutputFile>>,
}

/// A leaflet's folder and the context it was checked and rendered in.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    folder: u64,
    context: u64,
}

/// The cache as one run sees it: the keys of the site it loaded.
pub struct Run<'a> {
    cache: &'a Cache,
    context: u64,
    /// The hash of every leaflet's folder, by slug.
    folders: HashMap<String, u64>,
}

impl Cache {
    /// Starts a run over `site`, as loaded with `options`.
    pub fn begin<'a>(&'a self, site: &Site, options: &Options) -> Run<'a> {
        let root = site.root.as_path();
        let mut context = DefaultHasher::new();
        format!("{options:?}").hash(&mut context);
        for file in ROOT_FILES {
            std::fs::read(root.join(file)).ok().hash(&mut context);
        }
        for dir in [TEMPLATES_DIR, "locales"] {
            hash_folder(&root.join(dir), &HashSet::new(), &mut context);
        }
        for leaflet in &site.leaflets {
            leaflet.slug.hash(&mut context);
            for translation in &leaflet.translations {
                (&translation.lang, translation.front.draft).hash(&mut context);
            }
        }
        self.rendered.store(0, Ordering::Relaxed);
        let folders = site
            .leaflets
            .par_iter()
            .map(|leaflet| (leaflet.slug.clone(), folder_hash(root, leaflet)))
            .collect();
        Run {
            cache: self,
            context: context.finish(),
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

    fn saved(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Saved>>> {
        self.leaflets.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Run<'_> {
    /// The leaflet's outcome and, with a `sink`, its files sent into it: replayed when nothing
    /// they depend on changed, otherwise from `work`, which is given the sink to use. As with
    /// `work`, the second value is the failure that stopped the files (the first one of the run
    /// sets `failed`); files are saved only when the run had none so far.
    pub fn leaflet(
        &self,
        leaflet: &Leaflet,
        sink: Option<&Sink>,
        failed: &AtomicBool,
        work: impl FnOnce(Option<&Sink>) -> LeafletOutcome,
    ) -> LeafletOutcome {
        let key = Key {
            folder: self.folders.get(&leaflet.slug).copied().unwrap_or_default(),
            context: self.context,
        };
        let saved = self
            .cache
            .saved()
            .get(&leaflet.slug)
            .filter(|saved| saved.key == key && (sink.is_none() || saved.files.is_some()))
            .cloned();
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
        let (findings, failure) = work(sink.map(|_| &recording as &Sink));
        if failure.is_none() && !failed.load(Ordering::Relaxed) {
            let recorded = recorded
                .into_inner()
                .unwrap_or_else(PoisonError::into_inner);
            // Pages are made only for leaflets without errors: a leaflet whose work sent no
            // file while others could have been sent has no files to replay.
            let files = sink.map(|_| recorded).filter(|files| !files.is_empty());
            self.cache.saved().insert(
                leaflet.slug.clone(),
                Arc::new(Saved {
                    key,
                    findings: findings.clone(),
                    files,
                }),
            );
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
    use std::path::Path;

    use super::*;
    use crate::testing::{TODAY, repo_site_copy};

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
        let (_dir, root) = repo_site_copy();
        let options = Options::new(&root, TODAY);
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
            "site-title = 患者须知",
            "site-title = 患者须知手册",
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
