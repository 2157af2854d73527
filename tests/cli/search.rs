//! Client-side search: the search bundles in the built site, the search box's references to them
//! from every page that has one, and the browser script's terms against the index's. (The search itself is tested in Chromium by
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

/// A language's `index.json`.
fn index(out: &Path, lang: &str) -> serde_json::Value {
    serde_json::from_str(&read(out.join(format!("search/{lang}/index.json")))).unwrap()
}

/// Every page entry of a language's bundle, in page order.
fn entries(out: &Path, lang: &str) -> Vec<serde_json::Value> {
    let index = index(out, lang);
    index["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|name| {
            let group: serde_json::Value = serde_json::from_str(&read(
                out.join(format!("search/{lang}/{}", name.as_str().unwrap())),
            ))
            .unwrap();
            group.as_array().unwrap().clone()
        })
        .collect()
}

/// The slugs of this repository's sample leaflets that are searched, in order (each is
/// published in both languages; a withdrawn one is not searched).
fn repo_slugs() -> Vec<String> {
    let mut slugs: Vec<String> = std::fs::read_dir(crate::repo().join("leaflets"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|slug| !crate::repo_leaflet_is_withdrawn(slug))
        .collect();
    slugs.sort();
    slugs
}

#[test]
fn each_language_has_its_own_bundle_of_index_term_chunks_and_page_groups() {
    let (_dir, out) = build_repo();
    for lang in ["en", "zh"] {
        let index = index(&out, lang);
        assert_eq!(index["version"], 1);
        assert_eq!(index["lang"], lang);
        assert_eq!(index["pages"], repo_slugs().len(), "{lang}: {index}");
        let mut referenced: Vec<String> = vec!["index.json".into()];
        for name in index["groups"].as_array().unwrap() {
            referenced.push(name.as_str().unwrap().into());
        }
        for chunk in index["chunks"].as_array().unwrap() {
            referenced.push(chunk[1].as_str().unwrap().into());
        }
        referenced.sort();
        let on_disk: Vec<String> = tree(&out.join("search").join(lang))
            .keys()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            on_disk, referenced,
            "{lang}: every file is used, none missing"
        );
        for name in &referenced[1..] {
            let bytes = std::fs::read(out.join("search").join(lang).join(name)).unwrap();
            let stem = name.split('.').next().unwrap();
            assert_eq!(
                name,
                &leafpress::output::cdn::fingerprinted_name(&format!("{stem}.json"), &bytes),
                "{lang}/{name}: named by its content"
            );
        }
    }
}

#[test]
fn only_the_leaflet_pages_are_indexed_with_their_title_summary_and_sections() {
    let (_dir, out) = build_repo();
    for lang in ["en", "zh"] {
        let addresses: Vec<String> = entries(&out, lang)
            .iter()
            .map(|e| e["u"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            addresses,
            repo_slugs()
                .iter()
                .map(|slug| format!("{slug}/"))
                .collect::<Vec<_>>(),
            "{lang}"
        );
    }
    let colonoscopy = |lang: &str| {
        entries(&out, lang)
            .into_iter()
            .find(|e| e["u"] == "colonoscopy/")
            .expect("the colonoscopy leaflet is indexed")
    };
    let zh = &colonoscopy("zh");
    assert_eq!(zh["t"], "结肠镜检查");
    assert_eq!(
        zh["s"],
        "介绍什么是结肠镜检查、如何做好肠道准备，以及检查当天的流程。"
    );
    let en = &colonoscopy("en");
    assert_eq!(en["t"], "Colonoscopy");
    let sections = en["x"].as_array().unwrap();
    let page = read(out.join("en/colonoscopy/index.html"));
    for section in &sections[1..] {
        let anchor = section[0].as_str().unwrap();
        assert!(
            page.contains(&format!(" id=\"{anchor}\"")),
            "{anchor} is not in the page"
        );
    }
    let content = serde_json::to_string(sections).unwrap();
    assert!(content.contains("large bowel"), "{content}");
    // Page chrome, the department, the details box and the table of contents are not indexed.
    for chrome in [
        "Riverside General Hospital",
        "Skip to main content",
        "Gastroenterology\\n",
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

/// The texts the browser script and the build must turn into the same terms.
fn parity_texts() -> Vec<String> {
    let mut texts: Vec<String> = [
        "FRACTURES, Ｆasting! The patient's don't 2.5 mg follow-up café",
        "结肠镜检查。做CT扫描，Ｘ光；痛",
        "'quoted' rock’n’roll O'Neill ΣΟΦΙΑ İstanbul straße ﬁle",
        "\u{20000}\u{FA0E}〇々 emptied empties controlling hopping agreed skies",
        "x\u{301}y ½ Ⅻ ٣ तत्व",
    ]
    .map(String::from)
    .to_vec();
    // And every leaflet of the repository's own site.
    for entry in walkdir::WalkDir::new(repo().join("leaflets")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            texts.push(std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    texts
}

#[test]
fn the_browser_script_turns_text_into_the_same_terms_as_the_index() {
    let texts = parity_texts();
    let dir = tempfile::tempdir().unwrap();
    // The script as a module Node can import (its page setup only runs where there is a document).
    std::fs::copy(
        repo().join("templates/search.js"),
        dir.path().join("search.mjs"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("texts.json"),
        serde_json::to_string(&texts).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("run.mjs"),
        "import { readFileSync } from 'node:fs';\n\
         import { terms } from './search.mjs';\n\
         const texts = JSON.parse(readFileSync(new URL('./texts.json', import.meta.url), 'utf8'));\n\
         process.stdout.write(JSON.stringify(texts.map((t) => terms(t).map((x) => x.term))));\n",
    )
    .unwrap();
    let output = std::process::Command::new("node")
        .arg(dir.path().join("run.mjs"))
        .output()
        .expect("node runs (the browser tests need it too)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let from_script: Vec<Vec<String>> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(from_script.len(), texts.len());
    for (text, script) in texts.iter().zip(&from_script) {
        let index = leafpress::search::terms::terms(text);
        assert!(!index.is_empty());
        if &index != script {
            let at = index.iter().zip(script).position(|(a, b)| a != b);
            panic!(
                "terms differ for {:?}…: first difference at {at:?}: index {:?}, script {:?}",
                text.chars().take(60).collect::<String>(),
                at.map(|i| &index[i]),
                at.map(|i| &script[i])
            );
        }
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
        for slug in repo_slugs() {
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
        assert_eq!(bundle, out.join(format!("search/{lang}")), "{page}");
        assert!(
            bundle.join("index.json").is_file(),
            "{page}: {}",
            bundle.display()
        );
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
            "搜索河畔示例医院的须知"
        } else {
            "Search the leaflets of Riverside Example Hospital"
        };
        assert!(
            html.contains(&format!("<label for=\"search-input\">{label}</label>")),
            "{page}: localised label"
        );
    }
    // The script itself is a built-in asset.
    let script = read(out.join("assets").join(&script_name));
    assert!(script.contains("index.json"), "the script loads the index");
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
    let first = tree(&first.join("search"));
    let second = tree(&second.join("search"));
    assert!(first.len() > 4, "{} files", first.len());
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
fn the_bundle_is_listed_in_the_manifest_cached_briefly_and_compressed() {
    let (_dir, out) = build_ok(&repo(), &["--base-url", BASE_URL, "--compress"]);
    let manifest: serde_json::Value =
        serde_json::from_str(&read(out.join("manifest.json"))).unwrap();
    let listed: Vec<&str> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .filter(|p| p.starts_with("search/") && !p.ends_with(".gz") && !p.ends_with(".br"))
        .collect();
    let on_disk: Vec<String> = tree(&out.join("search"))
        .keys()
        .map(|p| format!("search/{}", p.to_string_lossy().replace('\\', "/")))
        .filter(|p| !p.ends_with(".gz") && !p.ends_with(".br"))
        .collect();
    assert_eq!(listed, on_disk, "the manifest lists the bundle");
    let headers = read(out.join("_headers"));
    assert!(
        headers.contains("/leaflets/search/*\n  Cache-Control: public, max-age=300"),
        "{headers}"
    );
    for path in &on_disk {
        let bytes = std::fs::read(out.join(path)).unwrap();
        let gz = std::fs::read(out.join(format!("{path}.gz"))).unwrap();
        assert_eq!(gunzip(&gz).as_bytes(), &bytes[..], "{path}.gz");
        assert!(out.join(format!("{path}.br")).is_file(), "{path}.br");
    }
}

#[test]
fn a_site_without_published_leaflets_builds_a_search_that_finds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("leaflets/draft")).unwrap();
    std::fs::write(
        root.join("site.yaml"),
        format!("{}languages: [en]\n", super::HOSPITAL_EN),
    )
    .unwrap();
    std::fs::write(
        root.join("leaflets/draft/en.md"),
        super::leaflet_file("DRF-0001", "Draft text.\n").replacen("---\n", "---\ndraft: true\n", 1),
    )
    .unwrap();
    let (_out_dir, out) = build_ok(&root, &[]);
    let index = read(out.join("en/index.html"));
    assert!(index.contains("data-search-bundle=\"../search/en/\""));
    let bundle: serde_json::Value =
        serde_json::from_str(&read(out.join("search/en/index.json"))).unwrap();
    assert_eq!(bundle["pages"], 0);
}
