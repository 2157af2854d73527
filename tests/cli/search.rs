//! Client-side search: the Pagefind bundle in the built site, and the search box's references to
//! it from every page that has one. (The search itself is tested in Chromium by
//! `tests/browser/search.mjs`.)

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use super::{build_ok, read, repo, tree};

const BASE_URL: &str = "https://cdn.example.org/leaflets/";

fn build_repo() -> (tempfile::TempDir, PathBuf) {
    build_ok(&repo(), &["--base-url", BASE_URL])
}

/// Every built HTML page, by path relative to the output folder (`/` separators).
fn pages(out: &Path) -> BTreeMap<String, String> {
    tree(out)
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "html"))
        .map(|(path, bytes)| {
            (
                path.to_string_lossy().replace('\\', "/"),
                String::from_utf8(bytes).unwrap(),
            )
        })
        .collect()
}

/// The values of `attribute="…"` in `html`, in order.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!("{attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// A relative address resolved against the page at `page` (a path in the output folder).
fn resolve(out: &Path, page: &str, href: &str) -> PathBuf {
    assert!(
        !href.starts_with('/') && !href.contains("://"),
        "{page}: {href} is not relative to the page"
    );
    let mut path = PathBuf::new();
    for component in Path::new(page).parent().unwrap().join(href).components() {
        match component {
            Component::ParentDir => assert!(path.pop(), "{page}: {href} leaves the site"),
            Component::Normal(part) => path.push(part),
            _ => {}
        }
    }
    out.join(path)
}

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn each_language_has_its_own_search_bundle() {
    let (_dir, out) = build_repo();
    for (lang, html_lang, wasm) in [("en", "en", "en"), ("zh", "zh-hans", "unknown")] {
        let bundle = out.join("pagefind").join(lang);
        for file in [
            "pagefind.js",
            "pagefind-worker.js",
            "pagefind-entry.json",
            &format!("wasm.{wasm}.pagefind"),
        ] {
            assert!(
                bundle.join(file).is_file(),
                "pagefind/{lang}/{file} missing"
            );
        }
        let entry: serde_json::Value =
            serde_json::from_str(&read(bundle.join("pagefind-entry.json"))).unwrap();
        let languages = entry["languages"].as_object().unwrap();
        assert_eq!(languages.keys().collect::<Vec<_>>(), [html_lang], "{lang}");
        let meta = &languages[html_lang];
        assert_eq!(meta["page_count"], 4, "{lang}: the four sample leaflets");
        // No stemmer for Chinese: Pagefind then loads its language-neutral wasm.
        let stemmer = if wasm == "unknown" {
            serde_json::Value::Null
        } else {
            wasm.into()
        };
        assert_eq!(meta["wasm"], stemmer, "{lang}");
        let hash = meta["hash"].as_str().unwrap();
        assert!(
            bundle.join(format!("pagefind.{hash}.pf_meta")).is_file(),
            "{lang}: metadata file missing"
        );
        // A small site: one shard.
        let shards: serde_json::Value =
            serde_json::from_str(&read(bundle.join("shards.json"))).unwrap();
        assert_eq!(shards, serde_json::json!({ "pages": 4, "shards": [] }));
        let files: Vec<String> = tree(&bundle)
            .keys()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        assert!(
            files
                .iter()
                .any(|f| f.starts_with(&format!("index/{html_lang}_")) && f.ends_with(".pf_index")),
            "no word index for {lang}: {files:?}"
        );
        // Only what assets/search.js loads: none of Pagefind's ready-made interfaces.
        for file in &files {
            assert!(
                !file.contains("-ui.")
                    && !file.contains("highlight")
                    && !file.contains("playground"),
                "pagefind/{lang}/{file} is shipped but never used"
            );
        }
    }
}

#[test]
fn a_large_language_is_split_into_shards_listed_beside_its_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    super::build_into_with_env(
        &super::fixture("search"),
        &out,
        &[],
        &[("LEAFPRESS_SEARCH_SHARD_PAGES", "1")],
    );
    for lang in ["en", "zh"] {
        let bundle = out.join("pagefind").join(lang);
        let shards: serde_json::Value =
            serde_json::from_str(&read(bundle.join("shards.json"))).unwrap();
        let shards: Vec<&str> = shards["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert!(!shards.is_empty(), "{lang}: four leaflets in shards of one");
        let mut pages = page_count(&bundle);
        for shard in &shards {
            let dir = bundle.join(shard);
            pages += page_count(&dir);
            assert!(
                !dir.join("pagefind.js").exists(),
                "{lang}/{shard}: shares the script"
            );
            assert!(
                !tree(&dir)
                    .keys()
                    .any(|p| p.to_string_lossy().ends_with(".pagefind")),
                "{lang}/{shard}: shares the wasm"
            );
        }
        assert_eq!(pages, 4, "{lang}: every leaflet in one shard");
    }
}

/// The pages of the bundle or shard in `dir`, from its entry file.
fn page_count(dir: &Path) -> u64 {
    let entry: serde_json::Value =
        serde_json::from_str(&read(dir.join("pagefind-entry.json"))).unwrap();
    entry["languages"]
        .as_object()
        .unwrap()
        .values()
        .map(|l| l["page_count"].as_u64().unwrap())
        .sum()
}

#[test]
fn only_the_leaflet_pages_are_indexed_with_their_title_and_summary() {
    let (_dir, out) = build_repo();
    let mut indexed = BTreeMap::new();
    for (path, bytes) in ["en", "zh"]
        .iter()
        .flat_map(|lang| tree(&out.join("pagefind").join(lang).join("fragment")))
    {
        let json = gunzip(&bytes);
        let json = json
            .strip_prefix("pagefind_dcd")
            .expect("a Pagefind fragment");
        let fragment: serde_json::Value = serde_json::from_str(json).unwrap();
        let url = fragment["url"].as_str().unwrap().to_string();
        indexed.insert(url, (path, fragment));
    }
    let expected: Vec<String> = ["en", "zh"]
        .iter()
        .flat_map(|lang| {
            [
                "cataract-surgery",
                "colonoscopy",
                "ct-scan-with-contrast",
                "gastroscopy",
            ]
            .map(|slug| format!("/{lang}/{slug}/"))
        })
        .collect();
    assert_eq!(indexed.keys().cloned().collect::<Vec<_>>(), expected);
    let (_, colonoscopy) = &indexed["/zh/colonoscopy/"];
    assert_eq!(colonoscopy["meta"]["title"], "结肠镜检查");
    assert_eq!(
        colonoscopy["meta"]["summary"],
        "介绍什么是结肠镜检查、如何做好肠道准备，以及检查当天的流程。"
    );
    let (_, english) = &indexed["/en/colonoscopy/"];
    assert_eq!(english["meta"]["title"], "Colonoscopy");
    let content = english["content"].as_str().unwrap();
    assert!(content.contains("large bowel"), "{content}");
    // Page chrome, the details box and the table of contents are not indexed.
    for chrome in [
        "Riverside General Hospital",
        "Skip to main content",
        "GAS-0101",
        "Next review due",
        "Contents",
        "Print this leaflet",
    ] {
        assert!(
            !content.contains(chrome),
            "{chrome:?} is indexed: {content}"
        );
    }
}

#[test]
fn every_search_box_points_to_the_script_and_bundle_relative_to_its_page() {
    let (_dir, out) = build_repo();
    let pages = pages(&out);
    let with_search: Vec<&String> = pages
        .iter()
        .filter(|(_, html)| html.contains("data-search-bundle"))
        .map(|(path, _)| path)
        .collect();
    let script_name = crate::asset_file(&out, "search", "js");
    let mut expected: Vec<String> = vec!["en/index.html".into(), "zh/index.html".into()];
    for lang in ["en", "zh"] {
        for slug in [
            "cataract-surgery",
            "colonoscopy",
            "ct-scan-with-contrast",
            "gastroscopy",
        ] {
            expected.push(format!("{lang}/{slug}/index.html"));
        }
    }
    expected.sort();
    assert_eq!(with_search, expected.iter().collect::<Vec<_>>());
    for page in with_search {
        let html = &pages[page];
        let bundle = attribute_values(html, "data-search-bundle");
        assert_eq!(bundle.len(), 1, "{page}: one search box");
        let bundle = resolve(&out, page, bundle[0]);
        let lang = page.split('/').next().unwrap();
        assert_eq!(
            bundle,
            out.join(format!("pagefind/{lang}/pagefind.js")),
            "{page}"
        );
        assert!(bundle.is_file(), "{page}: {}", bundle.display());
        let root = attribute_values(html, "data-search-root");
        assert_eq!(resolve(&out, page, root[0]), out, "{page}: site root");
        let scripts: Vec<&str> = attribute_values(html, "src")
            .into_iter()
            .filter(|src| src.ends_with(&format!("assets/{script_name}")))
            .collect();
        assert_eq!(scripts.len(), 1, "{page}: the search script once");
        assert!(
            resolve(&out, page, scripts[0]).is_file(),
            "{page}: {} does not exist",
            scripts[0]
        );
        assert!(
            html.contains("<script type=\"module\" src=\""),
            "{page}: the script is a module"
        );
        // Without JavaScript the form is hidden and a note says where the leaflets are.
        assert!(html.contains("role=\"search\""), "{page}");
        assert!(html.contains("method=\"get\" hidden"), "{page}");
        assert!(html.contains("<noscript>"), "{page}");
        let label = if page.starts_with("zh/") {
            "搜索须知"
        } else {
            "Search the leaflets"
        };
        assert!(
            html.contains(&format!("<label for=\"search-input\">{label}</label>")),
            "{page}: localised label"
        );
    }
    // The script itself is a built-in asset.
    let script = read(out.join("assets").join(&script_name));
    assert!(script.contains("mergeIndex"), "the script merges shards");
}

#[test]
fn print_pages_handouts_home_and_not_found_carry_no_search() {
    let (_dir, out) = build_repo();
    for (path, html) in pages(&out) {
        let leaflet_or_index = path.split('/').count() <= 3
            && path.ends_with("index.html")
            && path != "index.html"
            && !path.contains("/print/");
        if leaflet_or_index {
            continue;
        }
        assert!(
            !html.contains("search.js") && !html.contains("data-search"),
            "{path} has a search box"
        );
        assert!(!html.contains("<script"), "{path} has a script");
    }
}

/// Builds `root` with rayon limited to `threads`, so pages reach the index in another order.
fn build_with_threads(root: &Path, threads: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    super::build_into_with_env(
        root,
        &out,
        &["--base-url", BASE_URL],
        &[("RAYON_NUM_THREADS", threads)],
    );
    (dir, out)
}

fn assert_same_bundle(first: &Path, second: &Path) {
    let first = tree(&first.join("pagefind"));
    let second = tree(&second.join("pagefind"));
    assert!(first.len() > 10, "{} files", first.len());
    let differing: Vec<_> = first
        .keys()
        .chain(second.keys())
        .filter(|path| first.get(*path) != second.get(*path))
        .collect();
    assert!(differing.is_empty(), "differ: {differing:?}");
}

#[test]
fn building_twice_gives_byte_identical_search_bundles() {
    let (_a, first) = build_repo();
    let (_b, second) = build_repo();
    assert_same_bundle(&first, &second);
}

#[test]
fn the_bundle_does_not_depend_on_the_order_pages_are_rendered_in() {
    let site = super::fixture("search");
    let (_a, one) = build_with_threads(&site, "1");
    let (_b, four) = build_with_threads(&site, "4");
    assert_same_bundle(&one, &four);
    let (_c, repo_one) = build_with_threads(&repo(), "1");
    let (_d, repo_two) = build_with_threads(&repo(), "2");
    assert_same_bundle(&repo_one, &repo_two);
}

#[test]
fn the_bundle_is_listed_in_the_manifest_cached_briefly_and_compressed_only_where_it_helps() {
    let (_dir, out) = build_ok(&repo(), &["--base-url", BASE_URL, "--compress"]);
    let manifest: serde_json::Value =
        serde_json::from_str(&read(out.join("manifest.json"))).unwrap();
    let listed: Vec<&str> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .filter(|p| p.starts_with("pagefind/") && !p.ends_with(".gz") && !p.ends_with(".br"))
        .collect();
    let on_disk: Vec<String> = tree(&out.join("pagefind"))
        .keys()
        .map(|p| format!("pagefind/{}", p.to_string_lossy().replace('\\', "/")))
        .filter(|p| !p.ends_with(".gz") && !p.ends_with(".br"))
        .collect();
    assert_eq!(listed, on_disk, "the manifest lists the bundle");
    let headers = read(out.join("_headers"));
    assert!(
        headers.contains("/leaflets/pagefind/*\n  Cache-Control: public, max-age=300"),
        "{headers}"
    );
    // Pagefind's scripts and entry file get compressed copies; its index, fragment and wasm files
    // are gzip already and do not.
    for text in [
        "pagefind.js",
        "pagefind-worker.js",
        "pagefind-entry.json",
        "shards.json",
    ] {
        let text = format!("en/{text}");
        assert!(
            out.join(format!("pagefind/{text}.gz")).is_file(),
            "{text}.gz"
        );
        assert!(
            out.join(format!("pagefind/{text}.br")).is_file(),
            "{text}.br"
        );
    }
    for path in &on_disk {
        let name = path.rsplit('/').next().unwrap();
        if name.contains(".pf_") || name.ends_with(".pagefind") {
            assert!(
                !out.join(format!("{path}.gz")).exists(),
                "{path} compressed twice"
            );
            let bytes = std::fs::read(out.join(path)).unwrap();
            assert_eq!(&bytes[..2], &[0x1f, 0x8b], "{path} is gzip already");
        }
    }
}

#[test]
fn a_site_without_published_leaflets_builds_a_search_that_finds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("leaflets/draft")).unwrap();
    std::fs::write(root.join("site.yaml"), "languages: [en]\n").unwrap();
    std::fs::write(
        root.join("leaflets/draft/en.md"),
        super::leaflet_file("DRF-0001", "Draft text.\n").replacen("---\n", "---\ndraft: true\n", 1),
    )
    .unwrap();
    let (_out_dir, out) = build_ok(&root, &[]);
    let index = read(out.join("en/index.html"));
    assert!(index.contains("data-search-bundle=\"../pagefind/en/pagefind.js\""));
    assert!(out.join("pagefind/en/pagefind.js").is_file());
}
