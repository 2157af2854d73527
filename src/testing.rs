//! Test support shared by the unit tests: sites in temporary folders, this repository's own
//! site copied to be edited, and its sample leaflets as text.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostics;
use crate::model::Site;

/// The day tests measure review dates against.
pub const TODAY: time::Date = time::macros::date!(2026 - 06 - 01);

/// A site in a temporary folder made of `files` (path relative to the site root, text).
pub fn site_folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, text) in files {
        let full = dir.path().join(path);
        fs::create_dir_all(full.parent().expect("a file has a folder")).expect("folder made");
        fs::write(full, text).expect("file written");
    }
    dir
}

/// [`site_folder`], loaded; panics with the diagnostics if loading found any.
pub fn site_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Site) {
    let dir = site_folder(files);
    let mut diagnostics = Diagnostics::default();
    let site = Site::load(dir.path(), None, TODAY, &mut diagnostics);
    assert!(diagnostics.is_empty(), "{:?}", diagnostics.sorted());
    (dir, site)
}

/// A leaflet file with complete front matter and `body`.
pub fn leaflet_file(reference: &str, version: u32, body: &str) -> String {
    format!(
        "---\ntitle: T\nsummary: S\nreference: {reference}\nversion: {version}\ndepartment: D\n\
         reviewed: 2026-02-01\nreview_due: 2027-02-01\n---\n{body}"
    )
}

/// This repository's own site (settings, leaflets, messages, templates), copied to be edited:
/// (the temporary folder, the site root inside it).
pub fn repo_site_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("site");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in ["site.yaml", "leaflets", "locales", "templates"] {
        for entry in walkdir::WalkDir::new(repo.join(part)) {
            let entry = entry.expect("a readable file");
            let to = root.join(entry.path().strip_prefix(repo).expect("inside the repo"));
            if entry.file_type().is_dir() {
                fs::create_dir_all(&to).expect("folder made");
            } else {
                fs::create_dir_all(to.parent().expect("a file has a folder")).expect("folder made");
                fs::copy(entry.path(), &to).expect("file copied");
            }
        }
    }
    (dir, root)
}

/// The language files of this repository's sample leaflets in `lang`: (path, text, body
/// offset), in folder order. A withdrawn leaflet is left out: its text is never published.
pub fn repo_leaflet_files(lang: &str) -> Vec<(PathBuf, String, usize)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("leaflets");
    let mut names: Vec<PathBuf> = fs::read_dir(&folder)
        .expect("leaflets folder")
        .map(|entry| entry.expect("a folder entry").path())
        .collect();
    names.sort();
    let files: Vec<_> = names
        .into_iter()
        .filter_map(|dir| {
            let path = dir.join(format!("{lang}.md"));
            let text = fs::read_to_string(&path).ok()?;
            let body_offset = text[3..].find("\n---\n").map_or(0, |end| end + 3 + 5);
            if text[..body_offset].contains("\nwithdrawn:") {
                return None;
            }
            Some((path, text, body_offset))
        })
        .collect();
    assert!(
        !files.is_empty(),
        "no {lang} leaflets in {}",
        folder.display()
    );
    files
}

/// The sample leaflets of the repository, cut into `##` sections and crudely stripped of
/// Markdown, for tests that check the rules against real text.
pub mod sample_leaflets {

    pub struct Leaflet {
        pub name: String,
        pub en: Vec<String>,
        pub zh: Vec<String>,
    }

    pub fn load() -> Vec<Leaflet> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("leaflets");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|entry| entry.ok())
            .filter(|entry| {
                entry.path().join("en.md").exists() && entry.path().join("zh.md").exists()
            })
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert!(!names.is_empty(), "no sample leaflets in {}", dir.display());
        names
            .into_iter()
            .map(|name| {
                let read = |lang: &str| {
                    let path = dir.join(&name).join(format!("{lang}.md"));
                    sections(
                        &std::fs::read_to_string(&path)
                            .unwrap_or_else(|e| panic!("{}: {e}", path.display())),
                    )
                };
                Leaflet {
                    en: read("en"),
                    zh: read("zh"),
                    name,
                }
            })
            .collect()
    }

    /// The body after the front matter, cut at lines starting with `## `.
    pub fn sections(source: &str) -> Vec<String> {
        let body = source
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
            .map_or(source, |(_, body)| body);
        let mut sections = vec![String::new()];
        for line in body.lines() {
            if line.starts_with("## ") {
                sections.push(String::new());
            }
            let section = sections.last_mut().expect("one section at least");
            section.push_str(&strip_markdown(line));
            section.push('\n');
        }
        sections
    }

    /// Headings, list markers, emphasis, links and images, table pipes and rules.
    pub fn strip_markdown(line: &str) -> String {
        let mut line = line.trim_start_matches('#').trim_start().to_string();
        if let Some(rest) = line.strip_prefix("- ") {
            line = rest.to_string();
        }
        if line.starts_with('|') && line.chars().all(|c| "|-: ".contains(c)) {
            return String::new();
        }
        line = line.replace("**", "").replace('|', "\n");
        // [text](url) and ![alt](url): keep the text.
        let mut out = String::new();
        let mut rest = line.as_str();
        while let Some(open) = rest.find('[') {
            let Some(close) = rest[open..].find("](") else {
                break;
            };
            let Some(end) = rest[open + close..].find(')') else {
                break;
            };
            out.push_str(rest[..open].trim_end_matches('!'));
            out.push_str(&rest[open + 1..open + close]);
            rest = &rest[open + close + end + 1..];
        }
        out.push_str(rest);
        out
    }
}
