//! Output ready for a CDN: deterministic trees, fingerprinted assets that resolve, the manifest,
//! cache rules, precompression and incremental writes.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::{build_into, build_into_with_env, build_ok, editable_copy, fixture, read, repo, tree};

const CDN_BASE: &str = "https://cdn.example.org/leaflets/";

#[test]
fn one_thread_and_two_threads_give_identical_trees() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    build_into_with_env(&repo(), &one, &[], &[("RAYON_NUM_THREADS", "1")]);
    build_into_with_env(&repo(), &two, &[], &[("RAYON_NUM_THREADS", "2")]);
    let (one, two) = (tree(&one), tree(&two));
    assert!(one.len() > 20);
    let differing: Vec<_> = one
        .iter()
        .filter(|(path, bytes)| two.get(*path) != Some(bytes))
        .map(|(path, _)| path)
        .collect();
    assert!(differing.is_empty(), "differ: {differing:?}");
    assert_eq!(one.len(), two.len());
}

/// Every `href`, `src` and CSS `url(…)` of the built site that points into the site, as
/// (file it is written in, the reference, the output path it resolves to).
fn local_references(out: &Path, base_url: &str) -> Vec<(PathBuf, String, PathBuf)> {
    let site_path = url::Url::parse(base_url).unwrap().path().to_string();
    let mut found = Vec::new();
    for (file, bytes) in tree(out) {
        let name = file.to_string_lossy().into_owned();
        let text = String::from_utf8_lossy(&bytes);
        let references: Vec<String> = if name.ends_with(".html") {
            attribute_values(&text)
        } else if name.ends_with(".css") {
            css_urls(&text)
        } else if name.ends_with(".xml") {
            text.split("href=\"")
                .skip(1)
                .chain(text.split("<loc>").skip(1))
                .map(|rest| rest.split(['"', '<']).next().unwrap().to_string())
                .collect()
        } else {
            continue;
        };
        for reference in references {
            let reference = reference.replace("&amp;", "&");
            let target = reference.split(['#', '?']).next().unwrap();
            if target.is_empty() || target.starts_with("mailto:") || target.starts_with("tel:") {
                continue;
            }
            let from_root = if let Some(rest) = target.strip_prefix(base_url) {
                PathBuf::from(rest)
            } else if target.contains("://") {
                assert!(
                    !target.contains("cdn.example.org"),
                    "{name}: {target} is on the site's host but outside its base path"
                );
                continue;
            } else if let Some(absolute) = target.strip_prefix('/') {
                let rest = format!("/{absolute}");
                let rest = rest
                    .strip_prefix(&site_path)
                    .unwrap_or_else(|| panic!("{name}: {target} is outside the site path"));
                PathBuf::from(rest)
            } else {
                let mut path = file.parent().unwrap().to_path_buf();
                for part in target.split('/') {
                    match part {
                        ".." => assert!(path.pop(), "{name}: {target} climbs out of the site"),
                        "." | "" => {}
                        part => path.push(part),
                    }
                }
                path
            };
            let decoded = percent_encoding::percent_decode_str(&from_root.to_string_lossy())
                .decode_utf8()
                .unwrap()
                .into_owned();
            let mut resolved = PathBuf::from(decoded);
            if target.ends_with('/') || resolved.as_os_str().is_empty() {
                resolved.push("index.html");
            }
            found.push((file.clone(), reference.clone(), resolved));
        }
    }
    found
}

fn attribute_values(html: &str) -> Vec<String> {
    let mut values = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        for rest in html.split(attribute).skip(1) {
            values.push(rest.split('"').next().unwrap().to_string());
        }
    }
    values
}

fn css_urls(css: &str) -> Vec<String> {
    css.split("url(")
        .skip(1)
        .map(|rest| {
            let inner = rest.split(')').next().unwrap().trim();
            inner.trim_matches(['"', '\'']).to_string()
        })
        .filter(|url| !url.starts_with("data:"))
        .collect()
}

fn assert_every_reference_resolves(out: &Path, base_url: &str) {
    let references = local_references(out, base_url);
    let mut assets = 0;
    for (file, reference, resolved) in &references {
        assert!(
            out.join(resolved).is_file(),
            "{}: {reference} → {} does not exist",
            file.display(),
            resolved.display()
        );
        if resolved.starts_with("assets") {
            assets += 1;
            let name = resolved.file_name().unwrap().to_string_lossy().into_owned();
            let parts: Vec<&str> = name.split('.').collect();
            let hash = parts[parts.len() - 2];
            assert!(
                parts.len() >= 3 && hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
                "{}: {reference} is not fingerprinted",
                file.display()
            );
        }
    }
    assert!(
        assets > 10,
        "pages reference the stylesheet and images: {assets}"
    );
}

#[test]
fn every_reference_resolves_to_an_existing_file_under_a_base_path() {
    let (_dir, out) = build_ok(&repo(), &["--base-url", CDN_BASE]);
    assert_every_reference_resolves(&out, CDN_BASE);
    let page = read(out.join("en/colonoscopy/index.html"));
    assert!(page.contains(&format!(
        "<link rel=\"canonical\" href=\"{CDN_BASE}en/colonoscopy/\">"
    )));
}

#[test]
fn every_reference_resolves_to_an_existing_file_at_the_host_root() {
    let base = "https://leaflets.example.org/";
    let (_dir, out) = build_ok(&repo(), &["--base-url", base]);
    assert_every_reference_resolves(&out, base);
}

#[test]
fn leaflet_images_are_fingerprinted_and_change_name_with_their_content() {
    let (_dir, root) = editable_copy("minimal");
    let out = root.parent().unwrap().join("public");
    let build = || {
        build_into(&root, &out, &[]);
        crate::asset_file(&out, "clock", "svg")
    };
    let before = build();
    let image = root.join("leaflets/fasting/clock.svg");
    let svg = read(&image).replace("</svg>", "<circle cx=\"1\" cy=\"1\" r=\"1\"/></svg>");
    fs::write(&image, svg).unwrap();
    let after = build();
    assert_ne!(before, after, "new content, new name");
    assert!(read(out.join("en/fasting/index.html")).contains(&after));
    assert!(!out.join("assets").join(&before).exists());
}

#[derive(serde::Deserialize)]
struct Manifest {
    files: Vec<ManifestFile>,
}

#[derive(serde::Deserialize)]
struct ManifestFile {
    path: String,
    size: u64,
    sha256: String,
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn the_manifest_lists_every_file_on_disk_with_its_size_and_hash() {
    let (_dir, out) = build_ok(&fixture("minimal"), &["--compress"]);
    let manifest: Manifest = serde_json::from_str(&read(out.join("manifest.json"))).unwrap();
    let listed: BTreeMap<PathBuf, &ManifestFile> = manifest
        .files
        .iter()
        .map(|f| (PathBuf::from(&f.path), f))
        .collect();
    let mut on_disk = tree(&out);
    on_disk.remove(Path::new("manifest.json"));
    on_disk.remove(Path::new(".leafpress-output"));
    assert_eq!(
        listed.keys().collect::<Vec<_>>(),
        on_disk.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &on_disk {
        let entry = listed[path];
        assert_eq!(entry.size, bytes.len() as u64, "{}", path.display());
        assert_eq!(entry.sha256, sha256(bytes), "{}", path.display());
    }
    let paths: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "listed in a stable order");
}

#[test]
fn compressed_copies_sit_beside_every_text_file_and_are_byte_stable() {
    let (_a, first) = build_ok(&fixture("minimal"), &["--compress"]);
    let (_b, second) = build_ok(&fixture("minimal"), &["--compress"]);
    let files = tree(&first);
    assert_eq!(files, tree(&second), "two builds, identical bytes");
    let mut checked = 0;
    for (path, bytes) in &files {
        let name = path.to_string_lossy();
        let text = [".html", ".css", ".xml", ".svg", ".txt", ".json"]
            .iter()
            .any(|e| name.ends_with(e));
        if !text || name == "manifest.json" {
            continue;
        }
        let gz = &files[&PathBuf::from(format!("{name}.gz"))];
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(&unzipped, bytes, "{name}.gz");
        let br = &files[&PathBuf::from(format!("{name}.br"))];
        let mut unbrotlied = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut unbrotlied)
            .unwrap();
        assert_eq!(&unbrotlied, bytes, "{name}.br");
        assert!(
            br.len() < bytes.len() || bytes.len() < 200,
            "{name} shrinks"
        );
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
    let (_c, plain) = build_ok(&fixture("minimal"), &[]);
    assert!(
        !tree(&plain)
            .keys()
            .any(|p| p.to_string_lossy().ends_with(".gz")),
        "no compressed copies without --compress"
    );
}

fn modified(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

/// Every file's modification time as the file system keeps it.
type Times = BTreeMap<PathBuf, SystemTime>;

/// Sets every file's modification time a month back, so a rewrite shows whatever the file
/// system's clock resolution, and returns the times read back from the file system: one that
/// stores times more coarsely than asked (seconds, microseconds) keeps a rounded time, which an
/// in-memory value would never equal.
fn backdate(out: &Path) -> Times {
    let long_ago = SystemTime::now() - Duration::from_secs(30 * 24 * 3600);
    tree(out)
        .into_keys()
        .map(|path| {
            let file = out.join(&path);
            fs::File::options()
                .write(true)
                .open(&file)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
            let kept = modified(&file);
            (path, kept)
        })
        .collect()
}

/// The files under `out` that are new or whose modification time is not the one `before` read.
fn rewritten(out: &Path, before: &Times) -> Vec<PathBuf> {
    tree(out)
        .into_keys()
        .filter(|path| before.get(path) != Some(&modified(&out.join(path))))
        .collect()
}

/// Every folder under `dir`, relative to it.
fn folders(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect()
}

/// Asserts that `out` holds exactly what a fresh build of `root` into an empty folder holds:
/// the same files with the same bytes, and the same folders.
fn assert_same_as_a_fresh_build(root: &Path, out: &Path, extra: &[&str]) {
    let (_dir, fresh) = build_ok(root, extra);
    let (ours, theirs) = (tree(out), tree(&fresh));
    let differing: Vec<_> = ours
        .keys()
        .chain(theirs.keys())
        .filter(|path| ours.get(*path) != theirs.get(*path))
        .collect();
    assert!(
        differing.is_empty(),
        "differ from a fresh build: {differing:?}"
    );
    assert_eq!(folders(out), folders(&fresh));
}

#[test]
fn a_rebuild_leaves_unchanged_files_untouched() {
    let (_dir, root) = editable_copy("minimal");
    let out = root.parent().unwrap().join("public");
    let build = |extra: &[&str]| build_into(&root, &out, extra);
    build(&["--compress"]);
    let backdated = backdate(&out);
    let leaflet = root.join("leaflets/wound-care/en.md");
    let text = read(&leaflet).replace("Keep the dressing dry", "Keep the dressing clean and dry");
    assert!(
        text.contains("clean and dry"),
        "the fixture sentence exists"
    );
    fs::write(&leaflet, text).unwrap();
    build(&["--compress"]);

    let changed: Vec<String> = rewritten(&out, &backdated)
        .iter()
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    // The edited leaflet's pages and what lists its text change; nothing else is rewritten.
    for expected in [
        "en/wound-care/index.html",
        "en/wound-care/index.html.gz",
        "en/wound-care/print/index.html",
        "manifest.json",
    ] {
        assert!(
            changed.contains(&expected.to_string()),
            "{expected} rewritten: {changed:?}"
        );
    }
    for unchanged in [
        "en/fasting/index.html",
        "zh/fasting/index.html.br",
        "404.html",
        ".leafpress-output",
    ] {
        assert!(
            !changed.contains(&unchanged.to_string()),
            "{unchanged} untouched"
        );
    }
    // The search index of the edited language changes too (its index.json, the term chunks of
    // the words the page gained or lost and its page group), and only that language's.
    let (search, site): (Vec<&String>, Vec<&String>) =
        changed.iter().partition(|p| p.starts_with("search/"));
    assert!(site.len() <= 12, "only the edit's files: {changed:?}");
    assert!(
        !search.is_empty() && search.iter().all(|p| p.starts_with("search/en/")),
        "only the English search index: {search:?}"
    );
    assert!(
        search.len() <= 12,
        "only the edit's search files: {search:?}"
    );
    assert!(read(out.join("en/wound-care/index.html")).contains("clean and dry"));
}

#[test]
fn a_rebuild_rewrites_exactly_the_files_whose_content_changed() {
    let (_dir, root) = editable_copy("minimal");
    let out = root.parent().unwrap().join("public");
    build_into(&root, &out, &["--compress"]);
    let backdated = backdate(&out);
    let before = tree(&out);
    let leaflet = root.join("leaflets/wound-care/en.md");
    fs::write(
        &leaflet,
        read(&leaflet).replace("Keep the dressing dry", "Keep the dressing clean and dry"),
    )
    .unwrap();
    build_into(&root, &out, &["--compress"]);

    let after = tree(&out);
    let differing: Vec<PathBuf> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path.clone())
        .collect();
    assert!(
        differing.contains(&PathBuf::from("en/wound-care/index.html.br")),
        "{differing:?}"
    );
    // A sync tool comparing modification times uploads exactly the files that changed.
    assert_eq!(rewritten(&out, &backdated), differing);
    // Only the edited leaflet's pages (page, print, large print), its search data and the
    // manifest change.
    assert!(
        differing
            .iter()
            .all(|path| path.starts_with("en/wound-care")
                || path.starts_with("search/en")
                || path == Path::new("manifest.json")),
        "{differing:?}"
    );
    assert_same_as_a_fresh_build(&root, &out, &["--compress"]);
}

#[test]
fn a_stray_file_and_a_deleted_leaflet_leave_what_a_fresh_build_leaves() {
    let (_dir, root) = editable_copy("minimal");
    let out = root.parent().unwrap().join("public");
    build_into(&root, &out, &["--compress"]);
    assert!(out.join("en/fasting/index.html").is_file());
    fs::write(out.join("notes.txt"), "put here by hand").unwrap();
    fs::create_dir_all(out.join("en/old-leaflet/print")).unwrap();
    fs::write(out.join("en/old-leaflet/print/index.html"), "old").unwrap();
    fs::create_dir_all(out.join("drafts/empty")).unwrap();
    fs::remove_dir_all(root.join("leaflets/fasting")).unwrap();
    build_into(&root, &out, &["--compress"]);

    assert!(
        !out.join("en/fasting").exists(),
        "the deleted leaflet's pages go"
    );
    assert!(!out.join("zh/fasting").exists());
    assert!(!out.join("notes.txt").exists());
    assert!(!out.join("en/old-leaflet").exists());
    assert!(!out.join("drafts").exists(), "empty folders go");
    assert_same_as_a_fresh_build(&root, &out, &["--compress"]);
    let siblings: Vec<_> = fs::read_dir(root.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(
        siblings.len(),
        2,
        "site and public, no staging: {siblings:?}"
    );
}

#[test]
fn a_rebuild_with_pdfs_keeps_the_files_of_unchanged_pdfs() {
    let (_dir, root) = editable_copy("minimal");
    let out = root.parent().unwrap().join("public");
    build_into(&root, &out, &["--pdf"]);
    let backdated = backdate(&out);
    let pdfs = |out: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        tree(out)
            .into_iter()
            .filter(|(path, _)| path.extension().is_some_and(|e| e == "pdf"))
            .collect()
    };
    let before = pdfs(&out);
    let leaflet = root.join("leaflets/wound-care/en.md");
    fs::write(
        &leaflet,
        read(&leaflet).replace("Keep the dressing dry", "Keep the dressing clean and dry"),
    )
    .unwrap();
    build_into(&root, &out, &["--pdf"]);

    let after = pdfs(&out);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let rewritten = rewritten(&out, &backdated);
    let mut unchanged = 0;
    for (path, bytes) in &after {
        let edited = path.starts_with("en/wound-care");
        assert_eq!(bytes != &before[path], edited, "{}", path.display());
        assert_eq!(rewritten.contains(path), edited, "{}", path.display());
        unchanged += usize::from(!edited);
    }
    assert!(unchanged >= 2, "{after:?}");
    assert_same_as_a_fresh_build(&root, &out, &["--pdf"]);
}

#[test]
fn cache_rules_and_robots_follow_the_base_path() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let headers = read(out.join("_headers"));
    let style = crate::asset_file(&out, "style", "css");
    assert!(
        headers
            .contains("/leaflets/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n")
    );
    assert!(
        headers.contains("/leaflets/en/*\n  Cache-Control: public, max-age=300, must-revalidate\n")
    );
    assert!(headers.contains("/leaflets/zh/*\n"));
    // Rules never overlap: Cloudflare and Netlify join overlapping values, which would mix
    // "immutable" with "must-revalidate".
    assert!(!headers.contains("/leaflets/*\n"));
    assert!(out.join("assets").join(&style).is_file());
    let robots = read(out.join("robots.txt"));
    assert!(robots.contains("User-agent: *"));
    assert!(robots.contains("Sitemap: https://cdn.example.org/leaflets/sitemap.xml"));
}
