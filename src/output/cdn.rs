//! What makes the output ready for a CDN: content hashes and fingerprinted asset names, the
//! `manifest.json` a deploy script reads, cache rules in `_headers`, `robots.txt`, and the
//! precompressed `.gz`/`.br` copies of text files.

use std::io::Write;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::layout::{ASSETS_DIR, BaseUrl, SEARCH_DIR, SITEMAP};

/// Hex digits of the content hash kept in a fingerprinted name: 48 bits, so two different
/// files with the same name (every leaflet's `diagram.svg`) do not collide in practice.
const FINGERPRINT_DIGITS: usize = 12;

/// SHA-256 of `bytes`, in lowercase hex.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    // Written digit by digit: every output file is hashed, and format! per byte showed.
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for byte in digest {
        hex.push(char::from(DIGITS[usize::from(byte >> 4)]));
        hex.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    hex
}

/// `style.css` → `style.3f9a1c2e5b7d.css`: the content hash goes before the extension, so the
/// file keeps its type for servers and browsers.
pub fn fingerprinted_name(name: &str, bytes: &[u8]) -> String {
    name_with_hash(name, &content_hash(bytes))
}

/// [`fingerprinted_name`] for contents whose [`content_hash`] is known.
pub fn name_with_hash(name: &str, content_hash: &str) -> String {
    let hash = &content_hash[..FINGERPRINT_DIGITS];
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => format!("{stem}.{hash}.{extension}"),
        _ => format!("{name}.{hash}"),
    }
}

/// Rewrites `url(name)` references in a stylesheet to the fingerprinted names of the other
/// assets (fonts, images) it uses; they all sit in the same folder.
pub fn rewrite_css_urls(css: &str, names: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("url(") {
        let (before, after) = rest.split_at(start + 4);
        out.push_str(before);
        let Some(end) = after.find(')') else {
            rest = after;
            break;
        };
        let inner = after[..end].trim();
        let quote = inner
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .map(String::from)
            .unwrap_or_default();
        let target = inner.trim_matches(|c| c == '"' || c == '\'');
        let (path, suffix) = match target.find(['?', '#']) {
            Some(i) => target.split_at(i),
            None => (target, ""),
        };
        match names(path.strip_prefix("./").unwrap_or(path)) {
            Some(hashed) => out.push_str(&format!("{quote}{hashed}{suffix}{quote}")),
            None => out.push_str(&after[..end]),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// One line of the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ManifestEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

#[derive(Serialize, serde::Deserialize)]
struct Manifest {
    /// Explains the file to whoever opens it.
    about: String,
    files: Vec<ManifestEntry>,
}

const MANIFEST_ABOUT: &str = "Every file of this site (except this one), with its size in bytes and SHA-256. Upload the files whose hash changed; files in assets/ never change under their name.";

/// `manifest.json`: every other output file, sorted by path.
pub fn manifest(mut entries: Vec<ManifestEntry>) -> Vec<u8> {
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let manifest = Manifest {
        about: MANIFEST_ABOUT.into(),
        files: entries,
    };
    // About 170 bytes an entry: growing a large site's manifest (5 MB) by doublings showed in
    // profiles, at the very end of the build when nothing else runs.
    let mut json = Vec::with_capacity(512 + 192 * manifest.files.len());
    serde_json::to_writer_pretty(&mut json, &manifest).expect("a manifest serializes");
    json.push(b'\n');
    json
}

/// Reads a manifest written by an earlier build; `None` when it is missing or not ours.
pub fn read_manifest(bytes: &[u8]) -> Option<Vec<ManifestEntry>> {
    serde_json::from_slice::<Manifest>(bytes)
        .ok()
        .map(|m| m.files)
}

/// Cache rules in the `_headers` format Netlify and Cloudflare Pages read. Both combine the
/// values of every rule that matches a path, so the rules never overlap: fingerprinted assets
/// for a year, everything with a stable name (pages, PDFs, the sitemap, search data) briefly.
pub fn headers(base: &BaseUrl, languages: &[String], top_level_files: &[&str]) -> String {
    const IMMUTABLE: &str = "public, max-age=31536000, immutable";
    const SHORT: &str = "public, max-age=300, must-revalidate";
    let prefix = base.path();
    let mut text = String::from(
        "# Written by leafpress. Cache rules for Netlify and Cloudflare Pages.\n\
         # Fingerprinted assets (the name holds a hash of the content): cache for a year.\n",
    );
    let mut rule = |pattern: String, value: &str| {
        text.push_str(&format!("{pattern}\n  Cache-Control: {value}\n"));
    };
    rule(format!("{prefix}{ASSETS_DIR}/*"), IMMUTABLE);
    rule(format!("{prefix}{SEARCH_DIR}/*"), SHORT);
    for lang in languages {
        rule(format!("{prefix}{lang}/*"), SHORT);
    }
    rule(prefix.to_string(), SHORT);
    for file in top_level_files {
        rule(format!("{prefix}{file}"), SHORT);
    }
    text.push_str(
        "# Bilingual handouts (<slug>/print/bilingual/) get the host's default, which\n\
         # revalidates HTML on every request.\n",
    );
    text
}

/// `robots.txt`: everything may be crawled; the sitemap lists the pages and their languages.
pub fn robots(base: &BaseUrl) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        base.join(SITEMAP)
    )
}

/// Files worth compressing: text a browser fetches. Images other than SVG and PDFs are left
/// alone.
pub fn is_compressible(path: &str) -> bool {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(
        extension,
        "html" | "css" | "js" | "mjs" | "json" | "xml" | "svg" | "txt" | "map"
    )
}

/// gzip at the highest level, without a file name or time in the header, so the bytes depend
/// on the content only.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// Brotli quality 9 with a 4 MiB window: within a few percent of quality 11 on HTML, at a
/// small fraction of its time (quality 11 would dominate a large site's build).
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 9, 22);
        writer.write_all(bytes).expect("writing to memory");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn content_hashes_are_lower_case_hex_sha256() {
        assert_eq!(
            content_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn fingerprinted_names_change_with_the_content_and_keep_the_extension() {
        let a = fingerprinted_name("style.css", b"body{}");
        let b = fingerprinted_name("style.css", b"body{color:red}");
        assert!(a.starts_with("style.") && a.ends_with(".css"), "{a}");
        assert_eq!(a.len(), "style..css".len() + FINGERPRINT_DIGITS);
        assert_ne!(a, b);
        assert_eq!(a, fingerprinted_name("style.css", b"body{}"));
        assert!(fingerprinted_name("LICENSE", b"x").starts_with("LICENSE."));
    }

    #[test]
    fn css_urls_point_to_fingerprinted_fonts() {
        let names = |name: &str| (name == "font.woff2").then(|| "font.abc.woff2".to_string());
        let css = "@font-face{src:url(\"font.woff2\") format(\"woff2\"),url(./font.woff2?v=1#x)}a{background:url(https://example.org/x.png)}";
        assert_eq!(
            rewrite_css_urls(css, &names),
            "@font-face{src:url(\"font.abc.woff2\") format(\"woff2\"),url(font.abc.woff2?v=1#x)}a{background:url(https://example.org/x.png)}"
        );
    }

    #[test]
    fn compressed_copies_are_byte_stable_and_decompress_to_the_original() {
        let text = "<p>结肠镜检查 colonoscopy</p>".repeat(200);
        let gz = gzip(text.as_bytes());
        assert_eq!(gz, gzip(text.as_bytes()));
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let br = brotli(text.as_bytes());
        assert_eq!(br, brotli(text.as_bytes()));
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(br.len() < text.len() / 10);
    }

    #[test]
    fn headers_rules_do_not_overlap_and_follow_the_base_path() {
        let base = BaseUrl::parse("https://cdn.example.org/leaflets/").unwrap();
        let text = headers(&base, &["en".into(), "zh".into()], &["index.html"]);
        assert!(text.contains(
            "/leaflets/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
        assert!(text.contains("/leaflets/en/*\n  Cache-Control: public, max-age=300"));
        assert!(
            !text.contains("\n/*"),
            "no catch-all rule that would merge with assets"
        );
    }

    #[test]
    fn manifest_round_trips() {
        let entries = vec![
            ManifestEntry {
                path: "b.html".into(),
                size: 2,
                sha256: content_hash(b"bb"),
            },
            ManifestEntry {
                path: "a.html".into(),
                size: 1,
                sha256: content_hash(b"a"),
            },
        ];
        let read = read_manifest(&manifest(entries)).unwrap();
        assert_eq!(read[0].path, "a.html");
        assert_eq!(read[1].sha256, content_hash(b"bb"));
        assert!(read_manifest(b"{}").is_none());
    }
}
