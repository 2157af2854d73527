//! The benchmark's floor: the least a static site generator can do with a leaflet corpus. It
//! reads each `leaflets/<slug>/<lang>.md`, drops the front matter, renders the Markdown with
//! pulldown-cmark and writes one HTML file, `<out>/<lang>/<slug>/index.html`, on one thread.
//!
//!     cargo run --release --example floor -- --root DIR --out DIR

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut root = PathBuf::from(".");
    let mut out = PathBuf::from("public");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--root", Some(value)) => root = value.into(),
            ("--out", Some(value)) => out = value.into(),
            _ => {
                eprintln!("usage: floor --root DIR --out DIR");
                return ExitCode::from(2);
            }
        }
    }
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(root.join("leaflets")).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                eprintln!("floor: {error}");
                return ExitCode::FAILURE;
            }
        };
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let (Some(lang), Some(slug)) = (
            path.file_stem().and_then(|s| s.to_str()),
            path.parent()
                .and_then(|p| p.file_name())
                .and_then(|s| s.to_str()),
        ) else {
            continue;
        };
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("floor: {}: {error}", path.display());
                return ExitCode::FAILURE;
            }
        };
        let body = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
            .map_or(text.as_str(), |(_, body)| body);
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body));
        let folder = out.join(lang).join(slug);
        if let Err(error) =
            fs::create_dir_all(&folder).and_then(|()| fs::write(folder.join("index.html"), html))
        {
            eprintln!("floor: {}: {error}", folder.display());
            return ExitCode::FAILURE;
        }
        pages += 1;
    }
    println!("floor: wrote {pages} pages into {}", out.display());
    ExitCode::SUCCESS
}
