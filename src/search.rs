//! Client-side search: indexes the leaflet pages with Pagefind as the site is built and sends
//! the search bundles the pages' search box loads, one per language (`pagefind/<lang>/`), to the
//! output, so each language searches only its own leaflets.
//!
//! Pagefind's Rust API is async; a current-thread tokio runtime owned by [`SearchIndex`] runs it,
//! so callers never see tokio. English words are stemmed and case-folded. Pagefind's `extended`
//! feature segments Chinese into words with ICU's dictionary when indexing (single characters
//! where the dictionary has no word); in the browser Pagefind segments the query the same way
//! with `Intl.Segmenter`, and `assets/search.js` splits it where that is missing.
//!
//! What is indexed is marked in the templates: `data-pagefind-body` on the leaflet's article,
//! `data-pagefind-ignore` on its details and contents, `data-pagefind-meta="summary"` on the
//! summary (the title is the article's `<h1>`). [`Collector`] keeps only that part of each page.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::Mutex;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::cdn;
use crate::diagnostic::{Diagnostic, Location};
use crate::render::{OutputFile, Sink};

/// The folder of the search bundle in the built site.
pub const BUNDLE_DIR: &str = "pagefind";

/// Files of Pagefind's bundle that the site's own script (`assets/search.js`) never loads: its
/// ready-made interfaces, the result highlighter and the playground.
const UNUSED: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// Whether a built page is one the search indexes: a leaflet page, `<lang>/<slug>/index.html`
/// (not the print pages, the language indexes, the home page or the bilingual handouts, which
/// live at `<slug>/print/bilingual/index.html`).
pub fn is_indexed_page(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    matches!(parts.as_slice(), [lang, slug, "index.html"]
        if !lang.is_empty() && !slug.is_empty() && *slug != "print" && *lang != BUNDLE_DIR)
}

/// How many pages one index shard holds at most, on average. Pagefind holds close to a megabyte
/// per page while it builds an index (measured on leaflets of about 800 English words or 1,300
/// Chinese characters), so a language with more pages than this is split into shards built one
/// after another: the index adds about 200 MB to a build's peak memory however large the site
/// (see [`shard_count`]). Every shard costs a search a few more small requests.
pub const SHARD_PAGES: usize = 256;

/// Set to a number of pages to use another shard size (tests use small shards on small sites).
pub const SHARD_PAGES_VARIABLE: &str = "LEAFPRESS_SEARCH_SHARD_PAGES";

/// Beside a language's bundle: how many pages its index holds in all and its further shards,
/// `{"pages": 1000, "shards": ["1/", "3/", …]}`.
pub const SHARDS_FILE: &str = "shards.json";

/// The pages the search will index, gathered while the site is rendered (from several threads
/// at once) and indexed together by [`Collector::finish`].
///
/// Every language gets its own Pagefind bundle, `pagefind/<lang>/`. A language with many pages
/// is split into shards (leaflets are assigned to a shard by a hash of their slug, so a new
/// leaflet changes one shard only): the first shard with pages is the bundle the pages load,
/// the others go to `pagefind/<lang>/<shard>/` and are listed in its `shards.json`; the search
/// script merges them in (Pagefind's `mergeIndex`), and the merged shards share the bundle's
/// wasm and worker.
///
/// Pagefind numbers pages in the order they are added and its files depend on that order, while
/// pages are rendered in parallel in no fixed order; so pages are kept until the end and added
/// sorted by slug, which makes the bundle byte-identical from build to build. To keep memory low
/// on large sites, only what is indexed is kept: the page's `<html>` tag and its
/// `data-pagefind-body` element (the article), deflated.
pub struct Collector {
    languages: Vec<String>,
    shard_pages: usize,
    pages: Mutex<Vec<KeptPage>>,
}

/// One page kept for the index: its language, leaflet and reduced HTML, deflated.
struct KeptPage {
    lang: String,
    slug: String,
    deflated: Vec<u8>,
}

impl KeptPage {
    fn path(&self) -> String {
        format!("{}/{}/index.html", self.lang, self.slug)
    }
}

impl Collector {
    /// A collector for a site in `languages`: each gets a bundle, even one without pages.
    /// Shards hold [`SHARD_PAGES`] pages, or as many as [`SHARD_PAGES_VARIABLE`] says.
    pub fn new(languages: &[String]) -> Collector {
        let shard_pages = std::env::var(SHARD_PAGES_VARIABLE)
            .ok()
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or(SHARD_PAGES);
        Collector::with_shard_pages(languages, shard_pages)
    }

    pub fn with_shard_pages(languages: &[String], shard_pages: usize) -> Collector {
        Collector {
            languages: languages.to_vec(),
            shard_pages: shard_pages.max(1),
            pages: Mutex::new(Vec::new()),
        }
    }

    /// Keeps `file` for the index when it is a leaflet page (see [`is_indexed_page`]).
    pub fn offer(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        if !is_indexed_page(&file.path) {
            return Ok(());
        }
        let mut parts = file.path.split('/');
        let (Some(lang), Some(slug)) = (parts.next(), parts.next()) else {
            return Ok(());
        };
        if !self.languages.iter().any(|l| l == lang) {
            return Ok(());
        }
        let html = std::str::from_utf8(&file.contents).map_err(|error| {
            Diagnostic::error(
                Location::file(&file.path),
                format!("cannot index the page for search: {error}"),
            )
        })?;
        let deflated = deflate(indexed_part(html).as_bytes());
        self.pages
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(KeptPage {
                lang: lang.to_string(),
                slug: slug.to_string(),
                deflated,
            });
        Ok(())
    }

    /// Indexes the kept pages and sends the bundles' files (under `pagefind/`) to `sink`, shard
    /// by shard, so only one shard's index is in memory at a time.
    pub fn finish(self, sink: &Sink) -> Result<(), Diagnostic> {
        let mut pages = self
            .pages
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        pages.sort_by(|a, b| (&a.lang, &a.slug).cmp(&(&b.lang, &b.slug)));
        let mut jobs = Vec::new();
        for lang in &self.languages {
            let count = pages.iter().filter(|p| &p.lang == lang).count();
            let shards = shard_count(count, self.shard_pages);
            let mut by_shard: Vec<Vec<KeptPage>> = (0..shards).map(|_| Vec::new()).collect();
            let (mine, rest): (Vec<KeptPage>, Vec<KeptPage>) =
                pages.into_iter().partition(|p| &p.lang == lang);
            pages = rest;
            for page in mine {
                by_shard[shard_of(&page.slug, shards)].push(page);
            }
            // The first shard with pages is the bundle; an empty language still gets one, so
            // its search box answers "nothing found".
            let primary = by_shard.iter().position(|s| !s.is_empty()).unwrap_or(0);
            let mut merged = Vec::new();
            for (number, shard) in by_shard.into_iter().enumerate() {
                if number == primary {
                    jobs.push(Shard {
                        dir: format!("{BUNDLE_DIR}/{lang}/"),
                        primary: true,
                        pages: shard,
                    });
                } else if !shard.is_empty() {
                    merged.push(format!("{number}/"));
                    jobs.push(Shard {
                        dir: format!("{BUNDLE_DIR}/{lang}/{number}/"),
                        primary: false,
                        pages: shard,
                    });
                }
            }
            let list = serde_json::json!({ "pages": count, "shards": merged });
            sink(OutputFile {
                path: format!("{BUNDLE_DIR}/{lang}/{SHARDS_FILE}"),
                contents: format!("{list}\n").into_bytes(),
            })?;
        }
        // One shard after another: Pagefind holds close to a megabyte per page while it builds
        // an index. (Reading the next shard's pages while one is built saves a quarter of the
        // time but needs 60 MB more: 390 MB for 5,000 leaflets, too close to the 400 MB a large
        // build must stay under.)
        jobs.into_iter().try_for_each(|job| job.build(sink))
    }
}

/// One shard to index: its pages, sorted by slug, and the folder its files go to.
struct Shard {
    dir: String,
    /// The bundle pages load (with Pagefind's script, worker and wasm), or a shard merged into it.
    primary: bool,
    pages: Vec<KeptPage>,
}

impl Shard {
    /// Adds the shard's pages to an index, builds it and sends its files to `sink`.
    fn build(self, sink: &Sink) -> Result<(), Diagnostic> {
        let mut index = SearchIndex::new()?;
        for page in self.pages {
            let path = page.path();
            let html = inflate(&page.deflated).map_err(|error| {
                Diagnostic::error(
                    Location::file(&path),
                    format!("cannot index the page for search: {error}"),
                )
            })?;
            index.add_page(path.trim_end_matches("index.html"), &html)?;
        }
        for (name, contents) in index.finish()? {
            // Merged shards use the bundle's script, worker and wasm.
            if self.primary || is_shard_data(&name) {
                sink(OutputFile {
                    path: format!("{}{name}", self.dir),
                    contents,
                })?;
            }
        }
        Ok(())
    }
}

/// How many shards a language with `pages` pages is split into: a power of two, so that as a
/// site grows its leaflets move to another shard only when the count doubles.
pub fn shard_count(pages: usize, shard_pages: usize) -> usize {
    pages
        .div_ceil(shard_pages.max(1))
        .max(1)
        .next_power_of_two()
}

/// The shard of a leaflet: from a hash of its slug, so it stays put as other leaflets come and go.
pub fn shard_of(slug: &str, shards: usize) -> usize {
    let digest = cdn::content_hash(slug.as_bytes());
    let number = u64::from_str_radix(&digest[digest.len() - 16..], 16).unwrap_or(0);
    (number % shards.max(1) as u64) as usize
}

/// Whether a bundle file belongs to the index data of its shard (the entry file, metadata, word
/// index and page fragments), as opposed to Pagefind's script, worker and wasm.
fn is_shard_data(name: &str) -> bool {
    name == "pagefind-entry.json"
        || name.ends_with(".pf_meta")
        || name.starts_with("index/")
        || name.starts_with("fragment/")
        || name.starts_with("filter/")
}

/// What of a page the index needs: its `<html …>` start tag (Pagefind reads the language from
/// it) and the element marked `data-pagefind-body`, up to the last end tag of its name. The
/// rest of the page (header, navigation, footer) is never indexed. A page without the mark (a
/// site's own template) is kept whole.
pub fn indexed_part(html: &str) -> std::borrow::Cow<'_, str> {
    let reduced = (|| {
        let html_start = html.find("<html")?;
        let html_tag = &html[html_start..html_start + html[html_start..].find('>')? + 1];
        let mark = html.find(" data-pagefind-body")?;
        let body_start = html[..mark].rfind('<')?;
        let name: String = html[body_start + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let end_tag = format!("</{name}>");
        let body_end = html.rfind(&end_tag)? + end_tag.len();
        (!name.is_empty() && body_end > mark).then(|| {
            format!(
                "<!DOCTYPE html>{html_tag}<body>{}</body></html>",
                &html[body_start..body_end]
            )
        })
    })();
    match reduced {
        Some(reduced) => std::borrow::Cow::Owned(reduced),
        None => std::borrow::Cow::Borrowed(html),
    }
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

fn inflate(bytes: &[u8]) -> std::io::Result<String> {
    let mut text = String::new();
    flate2::read::DeflateDecoder::new(bytes).read_to_string(&mut text)?;
    Ok(text)
}

/// The search index being built: pages go in with [`SearchIndex::add_page`], the bundle comes
/// out of [`SearchIndex::finish`].
pub struct SearchIndex {
    runtime: tokio::runtime::Runtime,
    index: PagefindIndex,
}

impl SearchIndex {
    pub fn new() -> Result<SearchIndex, Diagnostic> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|error| search_error(format!("cannot start the indexer: {error}")))?;
        let config = PagefindServiceConfig::builder()
            .keep_index_url(false)
            .build();
        let index = PagefindIndex::new(Some(config))
            .map_err(|error| search_error(format!("cannot start the indexer: {error}")))?;
        Ok(SearchIndex { runtime, index })
    }

    /// Adds one built page; `url_path` is its address relative to the site root
    /// (`en/colonoscopy/`), which search results link to (the browser script adds the root).
    pub fn add_page(&mut self, url_path: &str, html: &str) -> Result<(), Diagnostic> {
        let url = format!("/{}", url_path.trim_start_matches('/'));
        let future = self.index.add_html_file(None, Some(url), html.to_string());
        self.runtime.block_on(future).map_err(|error| {
            Diagnostic::error(
                Location::file(url_path),
                format!("cannot index the page for search: {error}"),
            )
        })?;
        Ok(())
    }

    /// Builds the index and returns the bundle's files as (path inside the bundle, bytes),
    /// sorted by path.
    pub fn finish(mut self) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
        let future = self.index.get_files();
        let files = self
            .runtime
            .block_on(future)
            .map_err(|error| search_error(format!("cannot build the search index: {error}")))?;
        let mut out: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .filter_map(|file| {
                let name = bundle_path(&file.filename)?;
                (!UNUSED.contains(&name.as_str())).then_some((name, file.contents))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out.dedup_by(|a, b| a.0 == b.0);
        Ok(out)
    }
}

/// A bundle file's path inside `pagefind/`, with `/` separators (`index/en_1a2b.pf_index`).
/// Pagefind gives them relative to its default output folder, which may be part of the name.
fn bundle_path(filename: &Path) -> Option<String> {
    let parts: Vec<String> = filename
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let start = parts
        .iter()
        .position(|p| p == BUNDLE_DIR)
        .map_or(0, |i| i + 1);
    let rest = &parts[start.min(parts.len())..];
    (!rest.is_empty()).then(|| rest.join("/"))
}

fn search_error(message: String) -> Diagnostic {
    Diagnostic::error(Location::file(BUNDLE_DIR), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lang: &str, title: &str, summary: &str, body: &str) -> String {
        format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><title>{title} – Hospital</title></head><body>\
             <nav>Chrome that is not indexed</nav>\
             <article data-pagefind-body><h1>{title}</h1>\
             <p data-pagefind-meta=\"summary\">{summary}</p>\
             <dl data-pagefind-ignore><dt>Reference</dt><dd>GAS-0101</dd></dl>\
             <p>{body}</p></article></body></html>"
        )
    }

    fn output(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: html.as_bytes().to_vec(),
        }
    }

    fn languages() -> Vec<String> {
        vec!["en".into(), "zh".into()]
    }

    /// The files `finish` sends for `files` offered in this order.
    fn bundle(files: &[OutputFile], shard_pages: usize) -> Vec<OutputFile> {
        let collector = Collector::with_shard_pages(&languages(), shard_pages);
        for file in files {
            collector.offer(file).unwrap();
        }
        let sent = Mutex::new(Vec::new());
        collector
            .finish(&|file| {
                sent.lock().unwrap().push(file);
                Ok(())
            })
            .unwrap();
        sent.into_inner().unwrap()
    }

    fn file<'a>(files: &'a [OutputFile], path: &str) -> &'a OutputFile {
        files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} missing"))
    }

    fn json(files: &[OutputFile], path: &str) -> serde_json::Value {
        serde_json::from_slice(&file(files, path).contents).unwrap()
    }

    fn sample_site() -> Vec<OutputFile> {
        [
            (
                "en/fracture/index.html",
                page("en", "Fracture", "S", "A broken bone."),
            ),
            (
                "zh/fracture/index.html",
                page("zh-Hans", "骨折", "S", "骨头断裂。"),
            ),
            (
                "en/colonoscopy/index.html",
                page("en", "Colonoscopy", "S", "Bowel preparation."),
            ),
            (
                "zh/colonoscopy/index.html",
                page("zh-Hans", "结肠镜", "S", "肠道准备。"),
            ),
            ("en/index.html", page("en", "Index", "S", "Every leaflet.")),
            (
                "en/fracture/print/index.html",
                page("en", "Fracture", "S", "Printed."),
            ),
            ("en/fracture/diagram.svg", "<svg/>".into()),
        ]
        .into_iter()
        .map(|(path, html)| output(path, &html))
        .collect()
    }

    #[test]
    fn only_leaflet_pages_are_indexed() {
        assert!(is_indexed_page("en/colonoscopy/index.html"));
        assert!(is_indexed_page("zh/ct-scan/index.html"));
        for other in [
            "index.html",
            "404.html",
            "en/index.html",
            "en/colonoscopy/print/index.html",
            "colonoscopy/print/bilingual/index.html",
            "en/colonoscopy/diagram.svg",
            "assets/style.css",
            "pagefind/x/index.html",
        ] {
            assert!(!is_indexed_page(other), "{other}");
        }
    }

    #[test]
    fn each_language_gets_its_own_bundle_with_only_the_files_the_site_loads() {
        let files = bundle(&sample_site(), SHARD_PAGES);
        for lang in ["en", "zh"] {
            for needed in ["pagefind.js", "pagefind-worker.js", "pagefind-entry.json"] {
                file(&files, &format!("pagefind/{lang}/{needed}"));
            }
            assert_eq!(
                json(&files, &format!("pagefind/{lang}/shards.json")),
                serde_json::json!({ "pages": 2, "shards": [] }),
                "{lang}: one shard"
            );
        }
        file(&files, "pagefind/en/wasm.en.pagefind");
        file(&files, "pagefind/zh/wasm.unknown.pagefind");
        let en = json(&files, "pagefind/en/pagefind-entry.json");
        assert_eq!(en["languages"]["en"]["page_count"], 2, "{en}");
        assert_eq!(
            en["languages"]["en"]["wasm"], "en",
            "English queries are stemmed"
        );
        assert_eq!(en["languages"].as_object().unwrap().len(), 1, "{en}");
        let zh = json(&files, "pagefind/zh/pagefind-entry.json");
        assert_eq!(zh["languages"]["zh-hans"]["page_count"], 2, "{zh}");
        for f in &files {
            assert!(f.path.starts_with("pagefind/en/") || f.path.starts_with("pagefind/zh/"));
            assert!(
                !f.path.contains("-ui.") && !f.path.contains("playground"),
                "{}",
                f.path
            );
        }
        assert!(
            files
                .iter()
                .any(|f| f.path.starts_with("pagefind/zh/index/zh-hans_"))
        );
        assert!(
            files
                .iter()
                .any(|f| f.path.starts_with("pagefind/en/fragment/en_"))
        );
    }

    #[test]
    fn a_language_without_pages_still_gets_a_bundle_that_finds_nothing() {
        let only_english: Vec<OutputFile> = sample_site()
            .into_iter()
            .filter(|f| f.path.starts_with("en/"))
            .collect();
        let files = bundle(&only_english, SHARD_PAGES);
        file(&files, "pagefind/zh/pagefind.js");
        let zh = json(&files, "pagefind/zh/pagefind-entry.json");
        assert!(zh["languages"].as_object().unwrap().is_empty(), "{zh}");
        // Pagefind cannot search an empty bundle; the script reads that there is nothing to find.
        assert_eq!(json(&files, "pagefind/zh/shards.json")["pages"], 0);
    }

    #[test]
    fn large_languages_are_split_into_shards_that_share_the_bundles_runtime() {
        let slugs: Vec<String> = (0..12).map(|i| format!("leaflet-{i}")).collect();
        let files: Vec<OutputFile> = slugs
            .iter()
            .map(|slug| {
                output(
                    &format!("en/{slug}/index.html"),
                    &page("en", slug, "S", "Text."),
                )
            })
            .collect();
        let sent = bundle(&files, 3);
        let shards = shard_count(12, 3);
        assert_eq!(shards, 4);
        let mut expected: Vec<Vec<&str>> = vec![Vec::new(); shards];
        for slug in &slugs {
            expected[shard_of(slug, shards)].push(slug);
        }
        let primary = expected.iter().position(|s| !s.is_empty()).unwrap();
        let listed = json(&sent, "pagefind/en/shards.json");
        assert_eq!(listed["pages"], 12);
        let listed: Vec<&str> = listed["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let others: Vec<String> = (0..shards)
            .filter(|&n| n != primary && !expected[n].is_empty())
            .map(|n| format!("{n}/"))
            .collect();
        assert_eq!(listed, others);
        assert!(!listed.is_empty(), "twelve pages in shards of three");
        let mut total = 0;
        for (number, members) in expected.iter().enumerate() {
            if members.is_empty() {
                continue;
            }
            let dir = if number == primary {
                "pagefind/en/".to_string()
            } else {
                format!("pagefind/en/{number}/")
            };
            let entry = json(&sent, &format!("{dir}pagefind-entry.json"));
            assert_eq!(
                entry["languages"]["en"]["page_count"],
                members.len(),
                "{dir}"
            );
            total += members.len();
            if number != primary {
                // The bundle's script, worker and wasm serve every shard.
                let runtime: Vec<&str> = sent
                    .iter()
                    .map(|f| f.path.as_str())
                    .filter(|p| {
                        p.starts_with(&dir) && (p.ends_with(".js") || p.ends_with(".pagefind"))
                    })
                    .collect();
                assert!(runtime.is_empty(), "{runtime:?}");
            }
        }
        assert_eq!(total, 12);
        file(&sent, "pagefind/en/wasm.en.pagefind");
    }

    #[test]
    fn shards_double_as_a_language_grows_and_a_leaflet_keeps_its_shard() {
        assert_eq!(shard_count(0, 256), 1);
        assert_eq!(shard_count(256, 256), 1);
        assert_eq!(shard_count(257, 256), 2);
        assert_eq!(shard_count(1000, 256), 4);
        assert_eq!(shard_count(5000, 256), 32);
        assert_eq!(shard_count(10, 0), 16, "a zero size counts as one page");
        let shard = shard_of("colonoscopy", 32);
        assert!(shard < 32);
        assert_eq!(shard_of("colonoscopy", 32), shard, "stable");
        assert_eq!(
            shard_of("colonoscopy", 16),
            shard % 16,
            "halving keeps neighbours together"
        );
        assert_eq!(shard_of("anything", 1), 0);
    }

    #[test]
    fn the_bundles_do_not_depend_on_the_order_pages_arrive_in() {
        let files = sample_site();
        let reversed: Vec<OutputFile> = files.iter().rev().cloned().collect();
        for shard_pages in [1, SHARD_PAGES] {
            let mut forward = bundle(&files, shard_pages);
            let mut backward = bundle(&reversed, shard_pages);
            forward.sort_by(|a, b| a.path.cmp(&b.path));
            backward.sort_by(|a, b| a.path.cmp(&b.path));
            assert_eq!(forward, backward, "shards of {shard_pages}");
        }
    }

    #[test]
    fn a_page_is_indexed_under_its_address_with_title_and_summary_and_without_chrome() {
        let files = bundle(
            &[output(
                "en/colonoscopy/index.html",
                &page(
                    "en",
                    "Colonoscopy",
                    "Getting ready",
                    "Fasting before the test.",
                ),
            )],
            SHARD_PAGES,
        );
        // Fragments are gzip files of JSON, behind a "pagefind_dcd" marker.
        let fragment = files
            .iter()
            .find(|f| f.path.starts_with("pagefind/en/fragment/"))
            .unwrap();
        let json = gunzip(&fragment.contents);
        let json = json.strip_prefix("pagefind_dcd").unwrap();
        let data: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(data["url"], "/en/colonoscopy/");
        assert_eq!(data["meta"]["title"], "Colonoscopy");
        assert_eq!(data["meta"]["summary"], "Getting ready");
        let content = data["content"].as_str().unwrap();
        assert!(content.contains("Fasting before the test."), "{content}");
        assert!(!content.contains("Chrome"), "{content}");
        assert!(!content.contains("GAS-0101"), "{content}");
    }

    #[test]
    fn only_the_html_tag_and_the_marked_body_are_kept() {
        let html = page("zh-Hans", "结肠镜检查", "如何准备", "检查前禁食。");
        let kept = indexed_part(&html);
        assert!(kept.starts_with(
            "<!DOCTYPE html><html lang=\"zh-Hans\"><body><article data-pagefind-body>"
        ));
        assert!(kept.ends_with("</article></body></html>"), "{kept}");
        assert!(kept.contains("检查前禁食。"));
        assert!(
            !kept.contains("Chrome") && !kept.contains("<title>"),
            "{kept}"
        );
        // A page without the mark (a site's own template) is kept whole.
        let plain = "<html lang=\"en\"><body><p>Text</p></body></html>";
        assert_eq!(indexed_part(plain), plain);
        assert_eq!(indexed_part(""), "");
        assert_eq!(
            indexed_part("<p data-pagefind-body>unclosed"),
            "<p data-pagefind-body>unclosed"
        );
    }

    #[test]
    fn a_page_that_is_not_text_is_an_error_not_a_panic() {
        let collector = Collector::new(&languages());
        let error = collector
            .offer(&OutputFile {
                path: "en/a/index.html".into(),
                contents: vec![0xff, 0xfe],
            })
            .unwrap_err();
        assert!(error.message.contains("cannot index"), "{}", error.message);
        // Not a page for the index: not even read.
        collector
            .offer(&OutputFile {
                path: "en/a/diagram.png".into(),
                contents: vec![0xff],
            })
            .unwrap();
    }

    #[test]
    fn bundle_paths_drop_the_default_output_folder() {
        assert_eq!(
            bundle_path(Path::new("pagefind/index/en_1.pf_index")).as_deref(),
            Some("index/en_1.pf_index")
        );
        assert_eq!(
            bundle_path(Path::new("/site/pagefind/pagefind.js")).as_deref(),
            Some("pagefind.js")
        );
        assert_eq!(
            bundle_path(Path::new("pagefind.js")).as_deref(),
            Some("pagefind.js")
        );
        assert_eq!(bundle_path(Path::new("pagefind")), None);
    }

    fn gunzip(bytes: &[u8]) -> String {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .unwrap();
        text
    }
}
