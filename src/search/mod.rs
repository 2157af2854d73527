//! Client-side search: builds, from the leaflet pages as they are rendered, one search index per
//! language (`search/<lang>/`), which `assets/search.js` looks words up in, in the browser, with
//! no server. Each language searches only its own leaflets.
//!
//! Pagefind did this until its indexing, at 2.5 ms a page on one core, was four fifths of a
//! large build; this index takes a small fraction of that (figures in README, "Speed"). What it
//! gives up: Pagefind's stemmers for many languages (leafpress writes English and Chinese) and
//! its ranking details.
//!
//! How text becomes terms, for the index and for a query alike, is in [`terms`]. What a page
//! contributes (title, summary, sections) is in [`page`]: the renderer hands it over with
//! each leaflet page it makes.
//!
//! A language's bundle:
//! - `index.json`: how many pages, and the names of the term chunks (each with the first term it
//!   holds) and of the page groups;
//! - `terms.<hash>.json`: a chunk of the sorted terms, each with its postings (the pages that hold
//!   it and how strongly), about [`CHUNK_BYTES`] each, so a query fetches only the chunks its terms
//!   fall in;
//! - `pages.<hash>.json`: [`GROUP_PAGES`] pages' address, title, summary and sections, for the
//!   results shown.
//!
//! Chunk and group names hold a hash of their content, so a browser holding an older
//! `index.json` never mixes it with newer chunks.
//!
//! Pages are numbered by slug, so the bundle is byte-identical whatever order the pages were
//! rendered in.

pub mod page;
pub mod terms;

use std::hash::BuildHasher;
use std::sync::Mutex;

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::layout::{self, Page};
use crate::output::{OutputFile, Sink, cdn};
use page::PageText;

/// Each language's entry file, `search/<lang>/index.json`.
pub const INDEX_FILE: &str = "index.json";

/// How many bytes of postings a term chunk holds at least (it ends at one of the next few terms,
/// see `ends_chunk`).
/// A one-word query on a 5,000-leaflet site fetches one chunk of this size, compressed to about
/// a third by the server.
pub const CHUNK_BYTES: usize = 32 * 1024;

/// How many pages' result data one `pages.<hash>.json` holds.
pub const GROUP_PAGES: usize = 8;

/// How much a term counts where it stands: a word of the title says more about the page than a
/// word of its text.
const TITLE_WEIGHT: u16 = 6;
const SUMMARY_WEIGHT: u16 = 3;
const HEADING_WEIGHT: u16 = 2;
const TEXT_WEIGHT: u16 = 1;

/// BM25's parameters, as usual: how fast repeating a term stops counting, and how much a long
/// page's counts are scaled down.
const BM25_K1: f64 = 1.2;
const BM25_B: f64 = 0.75;

/// The pages the search will index, gathered while the site is rendered (from several threads
/// at once): each page is read and counted as it is offered, and the bundles are put together
/// by [`Collector::finish`].
pub struct Collector {
    languages: Vec<String>,
    chunk_bytes: usize,
    pages: Mutex<Vec<CountedPage>>,
    /// Counting buffers between pages, one for each thread counting at the moment.
    spare: Mutex<Vec<Counting>>,
}

/// One page, read and counted: what results show of it, and its terms.
struct CountedPage {
    lang: String,
    slug: String,
    /// Its entry in a `pages.<hash>.json`, as JSON.
    entry: String,
    /// Its distinct terms, each followed by `\n`, in the order of `counts`.
    terms: String,
    /// How often each term occurs, weighted by where ([`TITLE_WEIGHT`] …), at most 65,535.
    counts: Vec<u16>,
    /// How many terms the page has in all.
    length: u32,
}

impl CountedPage {
    fn terms(&self) -> impl Iterator<Item = (&str, u32)> {
        self.terms
            .split_terminator('\n')
            .zip(self.counts.iter().map(|&count| u32::from(count)))
    }
}

/// A page's entry in the result data: address relative to the language folder, title, summary
/// and sections as `[anchor, heading, text]`.
#[derive(Serialize)]
struct PageEntry<'a> {
    u: String,
    t: &'a str,
    s: &'a str,
    x: Vec<[&'a str; 3]>,
}

/// A language's `index.json`.
#[derive(Serialize)]
struct IndexFile<'a> {
    version: u32,
    lang: &'a str,
    pages: usize,
    group_pages: usize,
    groups: Vec<String>,
    /// `[first term, file name]` of each chunk, in term order (UTF-16 code units, as JavaScript
    /// compares strings).
    chunks: Vec<[String; 2]>,
}

impl Collector {
    /// A collector for a site in `languages`: each gets a bundle, even one without pages.
    /// Term chunks hold about `chunk_bytes` ([`CHUNK_BYTES`] unless a test asks otherwise).
    pub fn new(languages: &[String], chunk_bytes: usize) -> Collector {
        Collector {
            languages: languages.to_vec(),
            chunk_bytes: chunk_bytes.max(1),
            pages: Mutex::new(Vec::new()),
            spare: Mutex::new(Vec::new()),
        }
    }

    /// Counts the leaflet page of `slug` in `lang` for the index.
    pub fn offer(&self, lang: &str, slug: &str, text: &PageText) {
        let take = || self.spare.lock().ok()?.pop();
        let mut counting = take().unwrap_or_default();
        let page = count(lang, slug, text, &mut counting);
        if let Ok(mut spare) = self.spare.lock() {
            spare.push(counting);
        }
        self.pages
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(page);
    }

    /// Puts each language's bundle together and sends its files to `sink`.
    pub fn finish(self, sink: &Sink) -> Result<(), Diagnostic> {
        let mut pages = self
            .pages
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // By language, then slug: each language's pages are one run, taken out in one piece.
        pages.sort_by(|a, b| (&a.lang, &a.slug).cmp(&(&b.lang, &b.slug)));
        let by_language: Vec<(&str, Vec<CountedPage>)> = self
            .languages
            .iter()
            .map(|lang| {
                let start = pages.partition_point(|p| p.lang < *lang);
                let end = start + pages[start..].partition_point(|p| p.lang == *lang);
                (lang.as_str(), pages.drain(start..end).collect())
            })
            .collect();
        let chunk_bytes = self.chunk_bytes;
        by_language
            .into_par_iter()
            .try_for_each(|(lang, pages)| build_bundle(lang, pages, chunk_bytes, sink))
    }
}

/// What counting a page takes besides the page, kept from page to page: a new map for each
/// page, sized for a long leaflet's terms, was memory the system had to hand out and zero
/// again and again.
#[derive(Default)]
struct Counting {
    /// Each distinct term of the page: where it is in `terms` and `counts`. The table holds
    /// no copy of the term (an allocation per term showed in profiles), only its place.
    places: HashTable<Place>,
    /// The page's distinct terms as [`CountedPage`] holds them, and their counts.
    terms: String,
    counts: Vec<u16>,
}

/// A term of the page being counted: bytes `start..start + len` of [`Counting::terms`], and
/// entry `index` of [`Counting::counts`].
struct Place {
    start: u32,
    len: u32,
    index: u32,
}

/// Reads the terms of a page's title, summary and sections and counts them in `counting`'s
/// buffers, which are left empty for the next page.
fn count(lang: &str, slug: &str, text: &PageText, counting: &mut Counting) -> CountedPage {
    let mut length = 0u32;
    let (terms, counts) = {
        let Counting {
            places,
            terms: found,
            counts,
        } = counting;
        let mut add = |field: &str, weight: u16| {
            terms::for_each_term(field, |term| {
                length += 1;
                let text_of = |place: &Place| {
                    &found[place.start as usize..(place.start + place.len) as usize]
                };
                let hash = FxBuildHasher.hash_one(term);
                match places.find(hash, |place| text_of(place) == term) {
                    Some(place) => {
                        let count = &mut counts[place.index as usize];
                        *count = count.saturating_add(weight);
                    }
                    None => {
                        let place = Place {
                            start: found.len() as u32,
                            len: term.len() as u32,
                            index: counts.len() as u32,
                        };
                        places.insert_unique(hash, place, |place| {
                            FxBuildHasher.hash_one(text_of(place))
                        });
                        counts.push(weight);
                        found.push_str(term);
                        found.push('\n');
                    }
                }
            });
        };
        add(&text.title, TITLE_WEIGHT);
        add(&text.summary, SUMMARY_WEIGHT);
        for section in &text.sections {
            add(&section.heading, HEADING_WEIGHT);
            add(&section.text, TEXT_WEIGHT);
        }
        // Copies of just the right size to keep; the next page starts from nothing.
        let page = (found.clone(), counts.clone());
        places.clear();
        found.clear();
        counts.clear();
        page
    };
    // The address relative to the language's own folder, where the search page is.
    let language_index = Page::LanguageIndex { lang }.path();
    let entry = PageEntry {
        u: Page::Leaflet { lang, slug }
            .path()
            .strip_prefix(&language_index)
            .expect("a leaflet page is inside its language's folder")
            .to_string(),
        t: &text.title,
        s: &text.summary,
        x: text
            .sections
            .iter()
            .map(|s| [s.anchor.as_str(), s.heading.as_str(), s.text.as_str()])
            .collect(),
    };
    CountedPage {
        lang: lang.to_string(),
        slug: slug.to_string(),
        entry: serde_json::to_string(&entry).expect("a page entry serializes"),
        // In the order found: the bundle sorts the terms of all pages.
        terms,
        counts,
        length,
    }
}

/// How strongly a page of `length` terms, where pages average `average`, holds a term it has a
/// weighted count of: for each count, 1–255, BM25's term-frequency part times 100. The browser
/// multiplies it by the term's rarity over the site (its inverse document frequency). The part
/// that depends on the page alone is worked out once.
///
/// The page's length against the average is taken in sixteenths, and the average itself to two
/// significant digits ([`rounded_average`]): BM25 hardly changes, and editing a few words of one
/// leaflet rarely changes the weights of its other words or of other pages, so a rebuild
/// rewrites only the term chunks of the words that changed.
fn weights(length: u32, average: f64) -> impl Fn(u32) -> u32 {
    let ratio = (16.0 * f64::from(length) / average).round() / 16.0;
    let norm = 1.0 - BM25_B + BM25_B * ratio;
    move |count| {
        let count = f64::from(count);
        let score = count * (BM25_K1 + 1.0) / (count + BM25_K1 * norm);
        (score * 100.0).round().clamp(1.0, 255.0) as u32
    }
}

/// The pages' average length in terms, to two significant digits (1,234 is 1,200).
fn rounded_average(lengths: impl ExactSizeIterator<Item = u32>) -> f64 {
    let count = lengths.len();
    if count == 0 {
        return 1.0;
    }
    let mean = (lengths.map(f64::from).sum::<f64>() / count as f64).max(1.0);
    let step = 10f64.powi(mean.log10().floor() as i32 - 1).max(1.0);
    ((mean / step).round() * step).max(1.0)
}

/// Whether a chunk may end after `term`: about one term in eight, chosen by the term itself
/// (FNV-1a), so chunk boundaries do not depend on what comes before. When a chunk grows or
/// shrinks, the next ones still end after the same terms and keep their content and name.
fn ends_chunk(term: &str) -> bool {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in term.bytes() {
        hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    hash.is_multiple_of(8)
}

/// Builds the bundle of one language from its pages (sorted by slug) and sends it to `sink`.
fn build_bundle(
    lang: &str,
    mut pages: Vec<CountedPage>,
    chunk_bytes: usize,
    sink: &Sink,
) -> Result<(), Diagnostic> {
    let dir = layout::search_bundle(lang);
    let send = |name: &str, contents: String| -> Result<String, Diagnostic> {
        let sha256 = cdn::content_hash(contents.as_bytes());
        let name = cdn::name_with_hash(name, &sha256);
        sink(OutputFile {
            sha256: Some(sha256),
            ..OutputFile::new(format!("{dir}{name}"), contents)
        })?;
        Ok(name)
    };

    let mut groups = Vec::new();
    for group in pages.chunks_mut(GROUP_PAGES) {
        let entries: Vec<String> = group
            .iter_mut()
            .map(|p| std::mem::take(&mut p.entry))
            .collect();
        groups.push(send("pages.json", format!("[{}]\n", entries.join(",\n")))?);
    }

    // Postings: per term, the pages holding it in page order, each page number and weight packed
    // in one number (page << 8 | weight; weights fit a byte). Each page's terms are dropped
    // once they are in, which keeps a large site's peak memory down.
    let page_count = pages.len();
    let average = rounded_average(pages.iter().map(|p| p.length));
    let mut postings: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
    for (number, page) in pages.into_iter().enumerate() {
        let weight = weights(page.length, average);
        for (term, count) in page.terms() {
            let posting = (number as u32) << 8 | weight(count);
            match postings.get_mut(term) {
                Some(list) => list.push(posting),
                None => {
                    postings.insert(term.into(), vec![posting]);
                }
            }
        }
    }
    let mut sorted: Vec<(Box<str>, Vec<u32>)> = postings.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));

    let mut numbers = itoa::Buffer::new();
    let mut chunks = Vec::new();
    let mut chunk = String::new();
    let mut first = String::new();
    for (term, list) in &sorted {
        if chunk.is_empty() {
            first = term.to_string();
            chunk.push('{');
        } else {
            chunk.push_str(",\n");
        }
        chunk.push_str(&serde_json::to_string(term).expect("a term serializes"));
        chunk.push_str(":[");
        let mut previous = 0;
        for (i, posting) in list.iter().enumerate() {
            let (number, weight) = (posting >> 8, posting & 0xff);
            if i > 0 {
                chunk.push(',');
            }
            // Page numbers as gaps from the previous one: smaller numbers, smaller files.
            chunk.push_str(numbers.format(number - previous));
            chunk.push(',');
            chunk.push_str(numbers.format(weight));
            previous = number;
        }
        chunk.push(']');
        // A chunk holds at least `chunk_bytes` and ends at the next term that may end one (see
        // `ends_chunk`), or at four times the size whatever the term.
        if chunk.len() >= chunk_bytes && (ends_chunk(term) || chunk.len() >= 4 * chunk_bytes) {
            chunk.push_str("}\n");
            chunks.push([
                std::mem::take(&mut first),
                send("terms.json", std::mem::take(&mut chunk))?,
            ]);
        }
    }
    if !chunk.is_empty() {
        chunk.push_str("}\n");
        chunks.push([first, send("terms.json", chunk)?]);
    }

    let index = IndexFile {
        version: 1,
        lang,
        pages: page_count,
        group_pages: GROUP_PAGES,
        groups,
        chunks,
    };
    let mut json = serde_json::to_string(&index).expect("an index serializes");
    json.push('\n');
    sink(OutputFile::new(format!("{dir}{INDEX_FILE}"), json))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A leaflet page's text: its body is `body`, then a section "After the test".
    fn page(title: &str, summary: &str, body: &str) -> PageText {
        let markdown = format!("{body}\n\n## After the test\n\nRest at home.\n");
        PageText::new(
            title,
            summary,
            &crate::text::markdown::Body::parse(&markdown, 0),
        )
    }

    /// A page offered to the collector: (language, slug, text).
    type Offered = (&'static str, String, PageText);

    fn languages() -> Vec<String> {
        vec!["en".into(), "zh".into()]
    }

    /// The files `finish` sends for `pages` offered in this order, sorted by path.
    fn bundle(pages: &[Offered], chunk_bytes: usize) -> Vec<OutputFile> {
        let collector = Collector::new(&languages(), chunk_bytes);
        for (lang, slug, text) in pages {
            collector.offer(lang, slug, text);
        }
        let sent = Mutex::new(Vec::new());
        collector
            .finish(&|file| {
                sent.lock().unwrap().push(file);
                Ok(())
            })
            .unwrap();
        let mut sent = sent.into_inner().unwrap();
        sent.sort_by(|a, b| a.path.cmp(&b.path));
        sent
    }

    fn json(files: &[OutputFile], path: &str) -> serde_json::Value {
        let file = files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} missing"));
        serde_json::from_slice(&file.contents).unwrap()
    }

    /// Every term of a language's bundle with its postings as (page number, weight).
    fn postings(files: &[OutputFile], lang: &str) -> Vec<(String, Vec<(u64, u64)>)> {
        let index = json(files, &format!("search/{lang}/index.json"));
        let mut all = Vec::new();
        for chunk in index["chunks"].as_array().unwrap() {
            let name = chunk[1].as_str().unwrap();
            let terms = json(files, &format!("search/{lang}/{name}"));
            let terms = terms.as_object().unwrap();
            assert_eq!(terms.keys().next().unwrap(), chunk[0].as_str().unwrap());
            for (term, list) in terms {
                let numbers: Vec<u64> = list
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_u64().unwrap())
                    .collect();
                let mut page = 0;
                let pairs = numbers
                    .chunks(2)
                    .map(|pair| {
                        page += pair[0];
                        (page, pair[1])
                    })
                    .collect();
                all.push((term.clone(), pairs));
            }
        }
        all
    }

    fn sample_site() -> Vec<Offered> {
        vec![
            (
                "en",
                "fracture".into(),
                page("Fracture", "A broken bone", "A broken bone."),
            ),
            (
                "zh",
                "fracture".into(),
                page("骨折", "骨头断了", "骨头断裂。"),
            ),
            (
                "en",
                "colonoscopy".into(),
                page("Colonoscopy", "Bowel", "Bowel preparation. No fractures."),
            ),
            (
                "zh",
                "colonoscopy".into(),
                page("结肠镜", "肠道", "肠道准备。"),
            ),
        ]
    }

    #[test]
    fn each_language_gets_its_own_bundle_of_its_own_leaflets() {
        let files = bundle(&sample_site(), CHUNK_BYTES);
        for lang in ["en", "zh"] {
            let index = json(&files, &format!("search/{lang}/index.json"));
            assert_eq!(index["pages"], 2, "{index}");
            assert_eq!(index["lang"], lang);
            let groups = index["groups"].as_array().unwrap();
            assert_eq!(groups.len(), 1, "two pages, one group");
            let group = json(
                &files,
                &format!("search/{lang}/{}", groups[0].as_str().unwrap()),
            );
            let addresses: Vec<&str> = group
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["u"].as_str().unwrap())
                .collect();
            assert_eq!(addresses, ["colonoscopy/", "fracture/"], "numbered by slug");
        }
        let en: Vec<String> = postings(&files, "en").into_iter().map(|(t, _)| t).collect();
        assert!(
            en.contains(&"fractur".to_string()) && en.contains(&"bowel".to_string()),
            "{en:?}"
        );
        assert!(
            !en.iter().any(|t| t.contains('骨')),
            "Chinese in the English index: {en:?}"
        );
        let zh: Vec<String> = postings(&files, "zh").into_iter().map(|(t, _)| t).collect();
        assert!(
            zh.contains(&"骨折".to_string()) && zh.contains(&"肠道".to_string()),
            "{zh:?}"
        );
        for file in &files {
            assert!(
                file.path.starts_with("search/en/") || file.path.starts_with("search/zh/"),
                "{}",
                file.path
            );
        }
    }

    #[test]
    fn a_page_is_found_under_its_address_with_title_summary_and_sections() {
        let files = bundle(&sample_site(), CHUNK_BYTES);
        let index = json(&files, "search/en/index.json");
        let group = json(
            &files,
            &format!("search/en/{}", index["groups"][0].as_str().unwrap()),
        );
        let fracture = &group[1];
        assert_eq!(fracture["u"], "fracture/");
        assert_eq!(fracture["t"], "Fracture");
        assert_eq!(fracture["s"], "A broken bone");
        assert_eq!(
            fracture["x"],
            serde_json::json!([
                ["", "", "A broken bone."],
                ["after-the-test", "After the test", "Rest at home."]
            ])
        );
    }

    #[test]
    fn a_page_about_a_term_weighs_more_than_one_that_mentions_it() {
        let files = bundle(&sample_site(), CHUNK_BYTES);
        let all = postings(&files, "en");
        let (_, fracture) = all.iter().find(|(t, _)| t == "fractur").unwrap();
        // Page 0 is colonoscopy (mentions fractures once), page 1 the fracture leaflet (its title).
        assert_eq!(fracture.len(), 2, "{fracture:?}");
        assert_eq!((fracture[0].0, fracture[1].0), (0, 1));
        assert!(fracture[1].1 > fracture[0].1, "{fracture:?}");
        let (_, home) = all.iter().find(|(t, _)| t == "home").unwrap();
        assert_eq!(
            home.iter().map(|p| p.0).collect::<Vec<_>>(),
            [0, 1],
            "both pages, in page order"
        );
    }

    #[test]
    fn chunks_split_between_terms_in_the_order_javascript_compares_strings() {
        let site = vec![(
            "zh",
            "rare".to_string(),
            // U+FA0E (a compatibility ideograph) and U+20000 (extension B): in UTF-8 the first
            // sorts first, in UTF-16 (as the browser compares) the second.
            page("罕见", "S", "\u{FA0E} \u{20000} 甲"),
        )];
        let files = bundle(&site, 1);
        let index = json(&files, "search/zh/index.json");
        let firsts: Vec<&str> = index["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c[0].as_str().unwrap())
            .collect();
        let all = postings(&files, "zh");
        assert_eq!(
            firsts.len(),
            all.len(),
            "a chunk of one byte holds one term"
        );
        let mut sorted = firsts.clone();
        sorted.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        assert_eq!(firsts, sorted);
        let astral = firsts.iter().position(|t| *t == "\u{20000}").unwrap();
        let compatibility = firsts.iter().position(|t| *t == "\u{FA0E}").unwrap();
        assert!(astral < compatibility, "{firsts:?}");
    }

    #[test]
    fn a_language_without_pages_gets_an_empty_bundle() {
        let only_english: Vec<Offered> = sample_site()
            .into_iter()
            .filter(|(lang, _, _)| *lang == "en")
            .collect();
        let files = bundle(&only_english, CHUNK_BYTES);
        let zh = json(&files, "search/zh/index.json");
        assert_eq!(zh["pages"], 0);
        assert_eq!(zh["chunks"], serde_json::json!([]));
        assert_eq!(zh["groups"], serde_json::json!([]));
    }

    #[test]
    fn the_bundles_do_not_depend_on_the_order_pages_arrive_in() {
        let files = sample_site();
        let reversed: Vec<Offered> = files.iter().rev().cloned().collect();
        for chunk_bytes in [1, CHUNK_BYTES] {
            assert_eq!(
                bundle(&files, chunk_bytes),
                bundle(&reversed, chunk_bytes),
                "chunks of {chunk_bytes}"
            );
        }
    }

    #[test]
    fn a_small_edit_changes_no_other_weight() {
        // One page of a thousand grows by a sentence: the average stays put.
        let before = rounded_average((0..1000).map(|i| 800 + i % 7));
        let after = rounded_average((0..1000).map(|i| if i == 0 { 812 } else { 800 + i % 7 }));
        assert_eq!(before, after);
        assert_eq!(before, 800.0);
        assert_eq!(rounded_average([1234, 1234].into_iter()), 1200.0);
        assert_eq!(rounded_average([7].into_iter()), 7.0);
        assert_eq!(rounded_average([].into_iter()), 1.0);
        // The page's own other words keep their weight too: lengths within a sixteenth of each
        // other weigh the same (unrounded, these would be 101 and 99).
        assert_eq!(weights(776, 800.0)(1), 100);
        assert_eq!(weights(824, 800.0)(1), 100);
    }

    #[test]
    fn chunk_ends_depend_on_the_term_alone() {
        let terms: Vec<String> = (0..2000).map(|i| format!("term{i}")).collect();
        let ends = terms.iter().filter(|t| ends_chunk(t)).count();
        assert!((150..350).contains(&ends), "about one in eight: {ends}");
        // FNV-1a of the term's bytes, worked out independently (Python):
        // term7 = 0x2a7a9aa0 and term12 = 0x71105e60 are multiples of eight, the others not.
        let expected = [
            ("term6", false),
            ("term7", true),
            ("term8", false),
            ("term12", true),
            ("colonoscopi", false),
            ("结肠", false),
        ];
        for (term, ends) in expected {
            assert_eq!(ends_chunk(term), ends, "{term}");
        }
    }

    #[test]
    fn growing_one_chunk_leaves_the_later_ones_as_they_were() {
        let slugs: Vec<String> = (0..40).map(|i| format!("leaflet-{i:02}")).collect();
        let site = |extra: &str| -> Vec<Offered> {
            slugs
                .iter()
                .enumerate()
                .map(|(i, slug)| {
                    // Pages of about 800 terms, as leaflets are (one more word hardly
                    // changes a page's length), with many small terms of their own.
                    let own: Vec<String> = (0..20).map(|j| format!("w{i}x{j}")).collect();
                    let body = format!(
                        "{} {} {}",
                        own.join(" "),
                        "common text ".repeat(390),
                        if i == 0 { extra } else { "" }
                    );
                    ("en", slug.clone(), page(slug, "S", &body))
                })
                .collect()
        };
        let names = |files: &[OutputFile]| -> Vec<String> {
            files
                .iter()
                .filter(|f| f.path.contains("/terms."))
                .map(|f| f.path.clone())
                .collect()
        };
        let before = names(&bundle(&site(""), 256));
        // A new term among the leaflets' own small terms, before most of them.
        let after = names(&bundle(&site("w0x0a"), 256));
        assert!(before.len() > 20, "{before:?}");
        let changed = after.iter().filter(|name| !before.contains(name)).count();
        assert!(changed <= 2, "{changed} of {} chunks changed", after.len());
    }

    #[test]
    fn weights_favour_many_mentions_in_a_short_page() {
        assert!(weights(100, 100.0)(3) > weights(100, 100.0)(1));
        assert!(weights(50, 100.0)(1) > weights(200, 100.0)(1));
        assert_eq!(
            weights(1, 100.0)(1_000_000),
            220,
            "saturates at (k1 + 1) × 100"
        );
        assert!(weights(1_000_000, 1.0)(1) >= 1, "never zero");
    }
}
