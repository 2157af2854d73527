//! PDFs from `build --pdf`: this repository's own site (and the minimal fixture) built with the
//! real binary and headless Chromium, then read back with poppler's and zbar's command-line
//! tools (`pdfinfo`, `pdftotext`, `pdffonts`, `pdftoppm`, `zbarimg`) as a print room or a
//! reader's software would.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::{build_ok, fixture, leafpress, read, repo, stderr, tree};

/// The languages of the repository's site, with the `lang` of their documents.
const LANGUAGES: [(&str, &str); 2] = [("en", "en"), ("zh", "zh-Hans")];

/// Where the repository's site says it is served (`site.yaml`), as encoded in the QR codes.
const BASE_URL: &str = "https://leaflets.riverside-hospital.example/";

/// The repository's site built once with `--pdf` for every test in this run: a build starts
/// Chromium and takes seconds. It goes under Cargo's scratch folder so a person can look at it
/// afterwards; leafpress replaces its own earlier output there.
fn pdf_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf-site");
        let output = leafpress(&[
            "build",
            "--root",
            repo().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--pdf",
        ]);
        assert!(
            output.status.success(),
            "build --pdf failed:\n{}",
            stderr(&output)
        );
        out
    })
}

/// A published leaflet of the repository's site in one language, from its front matter.
struct Leaflet {
    slug: String,
    lang: &'static str,
    html_lang: &'static str,
    title: String,
    reference: String,
}

impl Leaflet {
    /// `<lang>/<slug>/<REFERENCE>-<lang>.pdf` inside the built site.
    fn pdf(&self, site: &Path) -> PathBuf {
        site.join(self.lang)
            .join(&self.slug)
            .join(format!("{}-{}.pdf", self.reference, self.lang))
    }

    fn url(&self) -> String {
        format!("{BASE_URL}{}/{}/", self.lang, self.slug)
    }

    fn name(&self) -> String {
        format!("{}/{}", self.lang, self.slug)
    }
}

/// Every published leaflet of the repository's site, in every language it is written in.
fn leaflets() -> Vec<Leaflet> {
    let mut slugs: Vec<String> = fs::read_dir(repo().join("leaflets"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    slugs.sort();
    let mut leaflets = Vec::new();
    for slug in slugs {
        for (lang, html_lang) in LANGUAGES {
            let file = repo()
                .join("leaflets")
                .join(&slug)
                .join(format!("{lang}.md"));
            if !file.is_file() {
                continue;
            }
            let front = front_matter(&read(&file));
            if front.get("draft").is_some_and(|draft| draft == "true") {
                continue;
            }
            leaflets.push(Leaflet {
                slug: slug.clone(),
                lang,
                html_lang,
                title: front["title"].clone(),
                reference: front["reference"].clone(),
            });
        }
    }
    assert!(leaflets.len() >= 8, "four sample leaflets in two languages");
    leaflets
}

/// The top-level `key: value` lines of a leaflet's front matter (enough for these leaflets).
fn front_matter(text: &str) -> BTreeMap<String, String> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .take_while(|line| line.trim_end() != "---")
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| {
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
            (key.trim().to_string(), value.to_string())
        })
        .collect()
}

/// Runs a command-line tool and gives its standard output; fails the test when it cannot run.
fn tool(name: &str, args: &[&str]) -> String {
    let output = run_tool(name, args);
    assert!(
        output.status.success(),
        "{name} {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn run_tool(name: &str, args: &[&str]) -> Output {
    Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|error| {
            panic!(
                "cannot run {name} ({error}): install poppler-utils and zbar-tools (tests/setup.sh)"
            )
        })
}

/// `pdfinfo`'s `Key: value` lines.
fn pdfinfo(pdf: &Path) -> BTreeMap<String, String> {
    tool("pdfinfo", &["-isodates", pdf.to_str().unwrap()])
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_string(), value.trim().to_string()))
        .collect()
}

/// Width and height in points from `pdfinfo`'s "Page size: 594.96 x 841.92 pts (A4)".
fn page_size(info: &BTreeMap<String, String>) -> (f64, f64) {
    let size = &info["Page size"];
    let mut numbers = size
        .split_whitespace()
        .filter_map(|word| word.parse::<f64>().ok());
    (numbers.next().unwrap(), numbers.next().unwrap())
}

fn page_text(pdf: &Path, page: usize) -> String {
    let page = page.to_string();
    tool(
        "pdftotext",
        &["-f", &page, "-l", &page, pdf.to_str().unwrap(), "-"],
    )
}

/// The rows of `pdffonts`: name, type (may be two words), embedded, subset, unicode map.
struct FontRow {
    name: String,
    kind: String,
    embedded: bool,
    unicode: bool,
}

fn pdffonts(pdf: &Path) -> Vec<FontRow> {
    tool("pdffonts", &[pdf.to_str().unwrap()])
        .lines()
        .skip(2)
        .filter_map(|line| {
            // name type… encoding emb sub uni object-number generation
            let words: Vec<&str> = line.split_whitespace().collect();
            let n = words.len();
            (n >= 8).then(|| FontRow {
                name: words[0].to_string(),
                kind: words[1..n - 6].join(" "),
                embedded: words[n - 5] == "yes",
                unicode: words[n - 3] == "yes",
            })
        })
        .collect()
}

fn all_pdfs(site: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    tree(site)
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|ext| ext == "pdf"))
        .collect()
}

#[test]
fn pdf_build_makes_an_a4_pdf_per_leaflet_and_language() {
    let site = pdf_site();
    for leaflet in leaflets() {
        let pdf = leaflet.pdf(site);
        assert!(
            pdf.is_file(),
            "{} has no PDF at {}",
            leaflet.name(),
            pdf.display()
        );
        let info = pdfinfo(&pdf);
        let (width, height) = page_size(&info);
        assert!(
            (width - 595.0).abs() < 1.0 && (height - 842.0).abs() < 1.0,
            "{}: page size {} is not A4",
            leaflet.name(),
            info["Page size"]
        );
        let pages: usize = info["Pages"].parse().unwrap();
        assert!(
            (1..=6).contains(&pages),
            "{}: {pages} pages",
            leaflet.name()
        );
    }
}

#[test]
fn pdf_metadata_has_the_leaflet_title_language_and_no_timestamps() {
    let site = pdf_site();
    for leaflet in leaflets() {
        let pdf = leaflet.pdf(site);
        let info = pdfinfo(&pdf);
        assert_eq!(info["Title"], leaflet.title, "{}", leaflet.name());
        assert_eq!(info["Creator"], "leafpress");
        assert_eq!(info["Producer"], "leafpress");
        assert!(
            !info.contains_key("CreationDate") && !info.contains_key("ModDate"),
            "{}: dates without SOURCE_DATE_EPOCH: {info:?}",
            leaflet.name()
        );
        assert_eq!(info["Tagged"], "yes", "tagged for screen readers");
        // The catalog is written uncompressed, so its /Lang can be read as it is.
        let bytes = fs::read(&pdf).unwrap();
        let lang = format!("/Lang({})", leaflet.html_lang);
        assert!(
            contains(&bytes, lang.as_bytes()),
            "{}: no {lang} in the PDF",
            leaflet.name()
        );
    }
}

#[test]
fn pdf_links_go_to_the_public_site_not_the_build_folder() {
    let site = pdf_site();
    for (path, bytes) in all_pdfs(site) {
        assert!(
            !contains(&bytes, b"file:"),
            "{} links to the build machine's disk",
            path.display()
        );
    }
    // The colonoscopy leaflet links to the gastroscopy leaflet in its own language.
    let colonoscopy = fs::read(site.join("en/colonoscopy/GAS-0101-en.pdf")).unwrap();
    assert!(contains(
        &colonoscopy,
        format!("/URI({BASE_URL}en/gastroscopy/)").as_bytes()
    ));
}

#[test]
fn chinese_pdf_has_extractable_text_and_embedded_cjk_glyphs() {
    let site = pdf_site();
    for leaflet in leaflets().iter().filter(|l| l.lang == "zh") {
        let pdf = leaflet.pdf(site);
        let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        assert!(
            text.contains(&leaflet.title),
            "{}: the Chinese title {:?} cannot be extracted from:\n{text}",
            leaflet.name(),
            leaflet.title
        );
        let fonts = pdffonts(&pdf);
        assert!(
            !fonts.is_empty(),
            "{}: pdffonts lists no font",
            leaflet.name()
        );
        for font in &fonts {
            assert!(
                font.embedded,
                "{}: font {} ({}) is not embedded",
                leaflet.name(),
                font.name,
                font.kind
            );
        }
        // A named CJK font, or what Chromium makes of Noto Sans CJK: its outlines are CFF, which
        // Skia embeds as Type 3 fonts (glyph drawings with a Unicode map, and no font name).
        let named_cjk = fonts.iter().any(|font| {
            ["CJK", "SC", "Hei", "Song"]
                .iter()
                .any(|n| font.name.contains(n))
        });
        let cjk_as_type3 = fonts
            .iter()
            .any(|font| font.kind == "Type 3" && font.unicode);
        assert!(
            named_cjk || cjk_as_type3,
            "{}: no CJK font embedded: {:?}",
            leaflet.name(),
            fonts
                .iter()
                .map(|f| format!("{} {}", f.name, f.kind))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn building_twice_gives_byte_identical_pdfs() {
    let first = all_pdfs(pdf_site());
    let (_dir, out) = build_ok(&repo(), &["--pdf"]);
    let second = all_pdfs(&out);
    assert!(first.len() >= 8);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(
            bytes == &second[path],
            "{} differs between two builds",
            path.display()
        );
    }
}

#[test]
fn source_date_epoch_sets_the_pdf_dates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    crate::build_into_with_env(
        &fixture("minimal"),
        &out,
        &["--pdf"],
        &[("SOURCE_DATE_EPOCH", "1772409600")],
    );
    let pdfs = all_pdfs(&out);
    assert!(!pdfs.is_empty());
    for path in pdfs.keys() {
        let info = pdfinfo(&out.join(path));
        for key in ["CreationDate", "ModDate"] {
            // pdfinfo writes UTC as `Z` or `+00`, depending on its version.
            assert!(
                info[key].starts_with("2026-03-02T00:00:00"),
                "{} {key}: {}",
                path.display(),
                info[key]
            );
        }
    }
}

#[test]
fn a_missing_browser_fails_the_build_and_keeps_the_previous_output() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let before = tree(&out);
    let output = Command::new(env!("CARGO_BIN_EXE_leafpress"))
        .args(["build", "--root"])
        .arg(fixture("minimal"))
        .arg("--out")
        .arg(&out)
        .arg("--pdf")
        .env("LEAFPRESS_CHROMIUM", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(
            "no Chromium found for --pdf: install Debian's `chromium` package \
             (apt-get install chromium) or set LEAFPRESS_CHROMIUM to the browser's path"
        ),
        "{message}"
    );
    assert!(message.contains("/nonexistent"), "{message}");
    assert!(before == tree(&out), "the previous output changed");
    let siblings: Vec<_> = fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(siblings, ["public"], "no staging folder is left behind");
}

/// The footer on every page (reference, "page N of M" in the page's language) and the QR code
/// to the online version on page 1, as a reader of the paper copy would see them.
#[test]
fn print_pdf_footer_and_qr() {
    let site = pdf_site();
    for leaflet in leaflets() {
        let pdf = leaflet.pdf(site);
        let pages: usize = pdfinfo(&pdf)["Pages"].parse().unwrap();
        for page in 1..=pages {
            let text = page_text(&pdf, page);
            let counter = match leaflet.lang {
                "zh" => format!("第 {page} 页，共 {pages} 页"),
                _ => format!("Page {page} of {pages}"),
            };
            assert!(
                text.contains(&leaflet.reference) && text.contains(&counter),
                "{} page {page}: no footer with {} and {counter:?}:\n{text}",
                leaflet.name(),
                leaflet.reference
            );
        }

        let scratch = tempfile::tempdir().unwrap();
        let prefix = scratch.path().join("page");
        tool(
            "pdftoppm",
            &[
                "-r",
                "200",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                pdf.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
        );
        let png = scratch.path().join("page.png");
        let decoded = run_tool("zbarimg", &["--raw", "-q", png.to_str().unwrap()]);
        let decoded = String::from_utf8_lossy(&decoded.stdout);
        assert!(
            decoded.lines().any(|line| line.trim() == leaflet.url()),
            "{}: the QR code on page 1 should give {}, zbarimg read {decoded:?}",
            leaflet.name(),
            leaflet.url()
        );
    }
}

/// Page 1 of an English and a Chinese PDF as pictures in `target/pdf-screenshots/`, for a
/// person to look at.
#[test]
fn pdf_screenshots_for_a_person_to_look_at() {
    let site = pdf_site();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pdf-screenshots");
    fs::create_dir_all(&folder).unwrap();
    for pdf in [
        "en/colonoscopy/GAS-0101-en.pdf",
        "zh/colonoscopy/GAS-0101-zh.pdf",
    ] {
        let name = Path::new(pdf).file_stem().unwrap().to_str().unwrap();
        let prefix = folder.join(name);
        tool(
            "pdftoppm",
            &[
                "-r",
                "80",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                site.join(pdf).to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
        );
        let png = folder.join(format!("{name}.png"));
        let size = fs::metadata(&png)
            .unwrap_or_else(|e| panic!("{}: {e}", png.display()))
            .len();
        assert!(size > 10_000, "{} is only {size} bytes", png.display());
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[test]
fn pages_link_to_their_pdfs_and_the_bilingual_handout_pdf_exists() {
    let site = pdf_site();
    let page = crate::read(site.join("zh/colonoscopy/index.html"));
    assert!(page.contains("<a class=\"button secondary\" href=\"GAS-0101-zh.pdf\">下载 PDF</a>"));
    let print = crate::read(site.join("zh/colonoscopy/print/index.html"));
    assert!(print.contains("<a href=\"../GAS-0101-zh.pdf\">下载 PDF</a>"));
    let handout = crate::read(site.join("colonoscopy/print/bilingual/index.html"));
    assert!(handout.contains("<a href=\"GAS-0101-bilingual.pdf\">"));
    let pdf = site.join("colonoscopy/print/bilingual/GAS-0101-bilingual.pdf");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        text.contains("Colonoscopy") && text.contains("结肠镜检查"),
        "both languages in the handout PDF"
    );
}
