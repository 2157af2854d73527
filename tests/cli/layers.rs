//! The module layers of ARCHITECTURE.md, kept: foundations import no feature, and no module
//! imports one above it. Read from the source, as `use crate::…` and `crate::…` paths outside
//! test modules.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crate::repo;

/// Each top-level module and the modules it may use.
const ALLOWED: &[(&str, &[&str])] = &[
    // Foundations.
    ("diagnostic", &[]),
    ("text", &[]),
    ("layout", &[]),
    ("model", &["diagnostic", "layout", "text"]),
    // Features.
    ("lint", &["diagnostic", "layout", "model", "text"]),
    ("output", &["diagnostic", "layout"]),
    ("pdf", &["diagnostic", "layout", "model", "text"]),
    (
        "render",
        &["diagnostic", "layout", "model", "output", "pdf", "text"],
    ),
    ("search", &["diagnostic", "layout", "output", "text"]),
    // On top: the live preview, the report and the command line use the pipeline.
    (
        "serve",
        &["diagnostic", "layout", "model", "output", "render", "text"],
    ),
    ("report", &["diagnostic", "model", "render"]),
    ("start", &["diagnostic", "layout", "model"]),
    (
        "cli",
        &[
            "diagnostic",
            "layout",
            "model",
            "output",
            "pdf",
            "render",
            "report",
            "serve",
            "start",
            "text",
        ],
    ),
];

/// The top-level modules each module's non-test code names, by module. `testing` is the unit
/// tests' support, compiled for tests only.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = repo().join("src");
    let modules: Vec<String> = fs::read_dir(&src)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter_map(|path| {
            let name = path.file_stem()?.to_str()?.to_string();
            (path.is_dir() || path.extension().is_some_and(|e| e == "rs"))
                .then_some(name)
                .filter(|name| !["lib", "main", "testing"].contains(&name.as_str()))
        })
        .collect();
    let mut found = BTreeMap::new();
    for module in &modules {
        let mut used = BTreeSet::new();
        // Test modules kept in files of their own are test code too.
        for file in rust_files(&src, module)
            .into_iter()
            .filter(|file| !file.ends_with("tests.rs"))
        {
            let text = fs::read_to_string(&file).unwrap();
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
            for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for (at, _) in line.match_indices("crate::") {
                    let rest = &line[at + "crate::".len()..];
                    let names: Vec<&str> = match rest.strip_prefix('{') {
                        Some(group) => group
                            .split(['}', ','])
                            .map(|part| part.trim().split("::").next().unwrap_or(""))
                            .collect(),
                        None => vec![
                            rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                                .next()
                                .unwrap_or(""),
                        ],
                    };
                    for name in names {
                        if name != module && modules.iter().any(|m| m == name) {
                            used.insert(name.to_string());
                        }
                    }
                }
            }
        }
        found.insert(module.clone(), used);
    }
    found
}

fn rust_files(src: &Path, module: &str) -> Vec<std::path::PathBuf> {
    // A module is `<module>.rs`, its folder of submodules, or both.
    let file = src.join(format!("{module}.rs"));
    let dir = src.join(module);
    let mut files = if dir.is_dir() {
        walkdir(&dir)
    } else {
        Vec::new()
    };
    if file.is_file() {
        files.push(file);
    }
    files
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walkdir(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn no_module_imports_one_above_it() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    for (module, used) in imports() {
        let Some(may_use) = allowed.get(module.as_str()) else {
            panic!("src/{module} is not in the layers of ARCHITECTURE.md (tests/cli/layers.rs)");
        };
        let upward: Vec<&String> = used
            .iter()
            .filter(|m| !may_use.contains(&m.as_str()))
            .collect();
        assert!(
            upward.is_empty(),
            "src/{module} imports {upward:?}, which it may not (ARCHITECTURE.md, layers)"
        );
    }
}

#[test]
fn the_layer_check_sees_imports() {
    // The check itself must find what is there: render uses the site model and output files.
    let found = imports();
    assert!(found["render"].contains("model") && found["render"].contains("output"));
    assert!(found["lint"].contains("text"));
}
