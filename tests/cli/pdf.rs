//! PDFs from `build --pdf`: this repository's own site (and the minimal fixture) built with the
//! real binary, which typesets them in process (no browser), then read back with poppler's and
//! zbar's command-line tools (`pdfinfo`, `pdftotext`, `pdffonts`, `pdftoppm`, `zbarimg`) as a
//! print room or a reader's software would.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::{build_into, build_ok, fixture, leafpress, read, repo, stderr, tree};

/// The languages of the repository's site, with the `/Lang` of their PDFs. Typst tags a
/// language with a region, not a script: Simplified Chinese is `zh-CN` (docs/print-and-pdf.md).
const LANGUAGES: [(&str, &str); 2] = [("en", "en"), ("zh", "zh-CN")];

/// Where the repository's site says it is served (`site.yaml`), as encoded in the QR codes.
const BASE_URL: &str = "https://leaflets.riverside-hospital.example/";

/// The repository's site built once with `--pdf` for every test in this run. It goes under
/// Cargo's scratch folder so a person can look at it afterwards; leafpress replaces its own
/// earlier output there.
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
    pdf_lang: &'static str,
    title: String,
    reference: String,
    reviewed: String,
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

/// Every published leaflet of the repository's site, in every language it is written in (a
/// withdrawn leaflet has no PDF).
fn leaflets() -> Vec<Leaflet> {
    let mut slugs: Vec<String> = fs::read_dir(repo().join("leaflets"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|slug| !crate::repo_leaflet_is_withdrawn(slug))
        .collect();
    slugs.sort();
    let mut leaflets = Vec::new();
    for slug in slugs {
        for (lang, pdf_lang) in LANGUAGES {
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
                pdf_lang,
                title: front["title"].clone(),
                reference: front["reference"].clone(),
                reviewed: front["reviewed"].clone(),
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

/// Runs a command-line tool and gives its standard output; fails the test when it fails.
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

/// The bilingual handouts of the repository's site.
fn handouts(site: &Path) -> Vec<(PathBuf, String)> {
    let mut handouts: Vec<(PathBuf, String)> = leaflets()
        .iter()
        .filter(|leaflet| leaflet.lang == "en")
        .map(|leaflet| {
            let pdf = site
                .join(&leaflet.slug)
                .join("print/bilingual")
                .join(format!("{}-bilingual.pdf", leaflet.reference));
            (pdf, leaflet.reference.clone())
        })
        .filter(|(pdf, _)| pdf.is_file())
        .collect();
    handouts.dedup();
    assert!(handouts.len() >= 4, "every sample leaflet has a handout");
    handouts
}

fn pages(pdf: &Path) -> usize {
    pdfinfo(pdf)["Pages"].parse().unwrap()
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
        assert_a4(&pdf, &leaflet.name());
        let pages = pages(&pdf);
        assert!(
            (1..=6).contains(&pages),
            "{}: {pages} pages",
            leaflet.name()
        );
    }
}

#[test]
fn pdf_metadata_has_the_leaflet_title_language_and_review_date() {
    let site = pdf_site();
    for leaflet in leaflets() {
        let pdf = leaflet.pdf(site);
        let info = pdfinfo(&pdf);
        assert_eq!(info["Title"], leaflet.title, "{}", leaflet.name());
        assert_eq!(info["Creator"], "leafpress");
        // Without SOURCE_DATE_EPOCH the date is the leaflet's last review, never the build's.
        for key in ["CreationDate", "ModDate"] {
            assert!(
                info[key].starts_with(&format!("{}T00:00:00", leaflet.reviewed)),
                "{} {key}: {} (reviewed {})",
                leaflet.name(),
                info[key],
                leaflet.reviewed
            );
        }
        assert_eq!(info["Tagged"], "yes", "tagged for screen readers");
        // The catalog is written uncompressed, so its /Lang can be read as it is.
        let bytes = fs::read(&pdf).unwrap();
        let lang = format!("/Lang({})", leaflet.pdf_lang);
        assert!(
            contains(&bytes, lang.as_bytes()),
            "{}: no {lang} in the PDF",
            leaflet.name()
        );
        // PDF/UA-1, which typst checked while writing (title, language, alt text, headings).
        assert!(
            contains(&bytes, b"pdfuaid:part"),
            "{}: no PDF/UA identification",
            leaflet.name()
        );
    }
}

/// The structure a screen reader follows: one level-1 heading (the title), the body's
/// sections as level-2 headings, lists as lists, the QR code as a figure.
#[test]
fn pdf_structure_has_the_title_headings_lists_and_the_qr_figure() {
    let site = pdf_site();
    for leaflet in leaflets() {
        let pdf = leaflet.pdf(site);
        let tags = run_tool("pdfinfo", &["-struct", pdf.to_str().unwrap()]);
        let tags = String::from_utf8_lossy(&tags.stdout);
        let count = |tag: &str| {
            tags.lines()
                .filter_map(|line| line.split_whitespace().next())
                .filter(|word| word.trim_end_matches(':') == tag)
                .count()
        };
        assert_eq!(count("H1"), 1, "{}: one title heading", leaflet.name());
        assert!(count("H2") >= 2, "{}: section headings", leaflet.name());
        assert!(
            count("L") >= 1 && count("LI") >= 2,
            "{}: lists",
            leaflet.name()
        );
        assert!(count("Figure") >= 1, "{}: the QR code", leaflet.name());
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
    let urls = tool(
        "pdfinfo",
        &[
            "-url",
            site.join("en/colonoscopy/GAS-0101-en.pdf")
                .to_str()
                .unwrap(),
        ],
    );
    assert!(
        urls.lines()
            .any(|line| line.ends_with(&format!(" {BASE_URL}en/gastroscopy/"))),
        "{urls}"
    );
}

#[test]
fn chinese_pdf_has_extractable_text_and_embedded_cjk_glyphs() {
    let site = pdf_site();
    for leaflet in leaflets().iter().filter(|l| l.lang == "zh") {
        let pdf = leaflet.pdf(site);
        let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        assert!(
            text.contains(&leaflet.title) && text.contains("河畔示例医院"),
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
        // Real fonts (CID fonts with their names and a Unicode map), never Type 3 drawings.
        for font in &fonts {
            assert!(
                font.kind.starts_with("CID") && font.unicode,
                "{}: font {} is {}",
                leaflet.name(),
                font.name,
                font.kind
            );
        }
        assert!(
            fonts.iter().any(|font| font.name.contains("CJK")),
            "{}: no CJK font embedded: {:?}",
            leaflet.name(),
            fonts.iter().map(|f| &f.name).collect::<Vec<_>>()
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

/// A folder holding only DejaVu Sans, a Latin font: a machine without Chinese fonts.
fn latin_fonts_only() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let font = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    fs::copy(font, dir.path().join("DejaVuSans.ttf")).unwrap_or_else(|error| {
        panic!(
            "{}: {error} (install fonts-dejavu-core: tests/setup.sh)",
            font.display()
        )
    });
    dir
}

#[test]
fn a_missing_chinese_font_fails_the_build_and_keeps_the_previous_output() {
    let (_dir, out) = build_ok(&fixture("minimal"), &["--pdf"]);
    let before = tree(&out);
    let fonts = latin_fonts_only();
    let output = crate::build_with_env(
        &fixture("minimal"),
        &out,
        &["--pdf"],
        &[
            ("LEAFPRESS_FONT_DIRS", fonts.path().to_str().unwrap()),
            ("LEAFPRESS_SYSTEM_FONTS", "off"),
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.lines().any(|line| line.starts_with(
            "--pdf: error: no Simplified Chinese font found (looked for Noto Sans CJK SC"
        )),
        "{message}"
    );
    assert!(
        message.contains("apt-get install fonts-noto-cjk"),
        "{message}"
    );
    assert_eq!(
        message.matches("no Simplified Chinese font").count(),
        1,
        "said once, not once per PDF: {message}"
    );
    assert!(before == tree(&out), "the previous output changed");
    let siblings: Vec<_> = fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(siblings, ["public"], "no staging folder is left behind");
}

#[test]
fn a_site_in_english_only_needs_no_chinese_font() {
    let (_dir, root) = crate::editable_copy("minimal");
    fs::write(
        root.join("site.yaml"),
        "hospital: { name: St Example, emergency: \"999\" }\nbase_url: https://cdn.example.org/\nlanguages: [en]\n",
    )
    .unwrap();
    fs::remove_file(root.join("leaflets/fasting/zh.md")).unwrap();
    let fonts = latin_fonts_only();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    crate::build_into_with_env(
        &root,
        &out,
        &["--pdf"],
        &[
            ("LEAFPRESS_FONT_DIRS", fonts.path().to_str().unwrap()),
            ("LEAFPRESS_SYSTEM_FONTS", "off"),
        ],
    );
    let pdf = out.join("en/fasting/FIX-0001-en.pdf");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("Before you come in"), "{text}");
}

#[test]
fn a_font_folder_that_does_not_exist_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = crate::build_with_env(
        &fixture("minimal"),
        &dir.path().join("public"),
        &["--pdf"],
        &[("LEAFPRESS_FONT_DIRS", "/nonexistent/fonts")],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot read font folder /nonexistent/fonts"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("public").exists());
}

/// `--pdf` starts no other program: it makes its PDFs with no browser on the `PATH`.
#[test]
fn pdfs_are_made_without_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    crate::build_into_with_env(&fixture("minimal"), &out, &["--pdf"], &[("PATH", "")]);
    assert!(pages(&out.join("zh/fasting/FIX-0001-zh.pdf")) >= 1);
}

/// The footer on every page of a leaflet's `pdf`: its reference and "page N of M" in the
/// leaflet's language.
fn assert_footer_on_every_page(pdf: &Path, leaflet: &Leaflet) {
    let pages = pages(pdf);
    for page in 1..=pages {
        let text = page_text(pdf, page);
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
}

/// The page size of `pdf` is A4.
fn assert_a4(pdf: &Path, name: &str) {
    let info = pdfinfo(pdf);
    let (width, height) = page_size(&info);
    assert!(
        (width - 595.0).abs() < 1.0 && (height - 842.0).abs() < 1.0,
        "{name}: page size {} is not A4",
        info["Page size"]
    );
}

/// The footer on every page (reference, "page N of M" in the page's language) and the QR code
/// to the online version on page 1, as a reader of the paper copy would see them.
#[test]
fn print_pdf_footer_and_qr() {
    let site = pdf_site();
    for leaflet in leaflets() {
        let pdf = leaflet.pdf(site);
        assert_footer_on_every_page(&pdf, &leaflet);

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

/// The handout's footer (reference, "N / M", as on its HTML page) is on every page too.
#[test]
fn handout_pdf_footer_on_every_page() {
    for (pdf, reference) in handouts(pdf_site()) {
        let count = pages(&pdf);
        assert!(count >= 2, "{}: {count} pages", pdf.display());
        for page in 1..=count {
            let text = page_text(&pdf, page);
            // pdftotext may drop the thin spaces around the slash.
            let squeezed: String = text.split_whitespace().collect();
            assert!(
                text.contains(&reference) && squeezed.contains(&format!("{page}/{count}")),
                "{} page {page}: no footer:\n{text}",
                pdf.display()
            );
        }
    }
}

/// Like the print page, every PDF ends with the hospital's contact lines from site.yaml, in
/// the leaflet's language: feedback address, switchboard and emergency number.
#[test]
fn pdfs_end_with_the_hospitals_contact_lines() {
    let site = pdf_site();
    for leaflet in leaflets() {
        let pdf = leaflet.pdf(site);
        let last = page_text(&pdf, pages(&pdf));
        let expected: [&str; 3] = match leaflet.lang {
            "zh" => [
                "告诉我们您对本须知的意见：leaflets@",
                "医院总机：020 7946 0000",
                "紧急情况请拨打 999。",
            ],
            _ => [
                "Tell us what you think of this leaflet: leaflets@",
                "Hospital switchboard: 020 7946 0000",
                "In an emergency, call 999.",
            ],
        };
        for line in expected
            .into_iter()
            .chain(["leaflets@riverside-hospital.example"])
        {
            assert!(
                last.contains(line),
                "{}: no {line:?} on the last page:\n{last}",
                leaflet.name()
            );
        }
    }
    for (pdf, _) in handouts(site) {
        let last = page_text(&pdf, pages(&pdf));
        for line in ["In an emergency, call 999.", "紧急情况请拨打 999。"] {
            assert!(
                last.contains(line),
                "{}: no {line:?} on the last page:\n{last}",
                pdf.display()
            );
        }
    }
}

/// Paper from `paper:` in site.yaml: US Letter and A5 (where the handout's languages stack).
#[test]
fn pdf_paper_size_comes_from_site_yaml() {
    for (paper, width, height) in [("letter", 612.0, 792.0), ("a5", 419.5, 595.3)] {
        let (_dir, root) = crate::editable_copy("minimal");
        fs::write(
            root.join("site.yaml"),
            format!(
                "hospital: {{ name: St Example, emergency: \"999\" }}\nbase_url: https://cdn.example.org/\npaper: {paper}\n"
            ),
        )
        .unwrap();
        let (_out_dir, out) = build_ok(&root, &["--pdf"]);
        for pdf in [
            "en/fasting/FIX-0001-en.pdf",
            "zh/fasting/FIX-0001-zh.pdf",
            "fasting/print/bilingual/FIX-0001-bilingual.pdf",
        ] {
            let info = pdfinfo(&out.join(pdf));
            let (w, h) = page_size(&info);
            assert!(
                (w - width).abs() < 1.0 && (h - height).abs() < 1.0,
                "{paper} {pdf}: {}",
                info["Page size"]
            );
        }
    }
}

/// Leaflet text is printed as text: markup of the PDF engine in a title or a body does
/// nothing, and the page's script tag in the fixture's title is printed as written.
#[test]
fn leaflet_text_cannot_inject_pdf_markup() {
    let (_dir, root) = crate::editable_copy("minimal");
    let page = root.join("leaflets/fasting/en.md");
    let text = read(&page)
        .replace(
            "title: Fasting before your operation <script>alert(\"title\")</script>",
            "title: 'Fasting #read(\"/etc/passwd\") $x^2$ <script>alert(\"title\")</script>'",
        )
        .replace(
            "**Do not eat.**",
            "**Do not eat.** #set page(fill: red) ] ) \\ `#eval(\"1\")` @ref 2 < 3 $y$",
        );
    fs::write(&page, text).unwrap();
    let (_out_dir, out) = build_ok(&root, &["--pdf"]);
    let pdf = out.join("en/fasting/FIX-0001-en.pdf");
    let printed = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    for shown in [
        "Fasting #read(\"/etc/passwd\") $x^2$",
        "#set page(fill: red) ] )",
        "#eval(\"1\")",
        "@ref 2 < 3 $y$",
        "<script>alert(\"title\")</script>",
    ] {
        assert!(
            printed.contains(shown) || pdfinfo(&pdf)["Title"].contains(shown),
            "{shown:?} is not printed as written:\n{printed}"
        );
    }
    assert!(!printed.contains("root:"), "a file was read:\n{printed}");
}

/// A rebuild keeps each unchanged PDF's file (and its modification time), as for pages, so a
/// CDN upload by date sends only what changed.
#[test]
fn unchanged_pdfs_keep_their_files_on_a_rebuild() {
    use std::os::unix::fs::MetadataExt;
    let (_dir, root) = crate::editable_copy("minimal");
    let (_out_dir, out) = build_ok(&root, &["--pdf"]);
    let stamp = |path: &str| {
        let meta = fs::metadata(out.join(path)).unwrap();
        (meta.ino(), meta.mtime(), meta.mtime_nsec())
    };
    let english = "en/fasting/FIX-0001-en.pdf";
    let chinese = "zh/fasting/FIX-0001-zh.pdf";
    let (english_before, chinese_before) = (stamp(english), stamp(chinese));
    let page = root.join("leaflets/fasting/zh.md");
    fs::write(&page, read(&page).replace("停止喝水", "停止饮水")).unwrap();
    build_into(&root, &out, &["--pdf"]);
    assert_eq!(
        stamp(english),
        english_before,
        "the English PDF did not change"
    );
    assert_ne!(stamp(chinese), chinese_before, "the Chinese PDF changed");
}

/// Page 1 of an English, a Chinese and a bilingual PDF as pictures in
/// `target/pdf-screenshots/`, for a person to compare with the HTML print pages' screenshots.
#[test]
fn pdf_screenshots_for_a_person_to_look_at() {
    let site = pdf_site();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pdf-screenshots");
    fs::create_dir_all(&folder).unwrap();
    let en = format!("{BASE_URL}en/colonoscopy/");
    let zh = format!("{BASE_URL}zh/colonoscopy/");
    for (pdf, urls) in [
        ("en/colonoscopy/GAS-0101-en.pdf", vec![&en]),
        ("zh/colonoscopy/GAS-0101-zh.pdf", vec![&zh]),
        ("en/colonoscopy/GAS-0101-en-large.pdf", vec![&en]),
        ("zh/colonoscopy/GAS-0101-zh-large.pdf", vec![&zh]),
        (
            "colonoscopy/print/bilingual/GAS-0101-bilingual.pdf",
            vec![&en, &zh],
        ),
    ] {
        let name = Path::new(pdf).file_stem().unwrap().to_str().unwrap();
        let prefix = folder.join(name);
        tool(
            "pdftoppm",
            &[
                "-r",
                "150",
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
        // What a reader of the picture sees: each language's QR code, readable by a phone.
        let png = folder.join(format!("{name}.png"));
        let decoded = run_tool("zbarimg", &["--raw", "-q", png.to_str().unwrap()]);
        let decoded = String::from_utf8_lossy(&decoded.stdout);
        let mut found: Vec<&str> = decoded.lines().map(str::trim).collect();
        found.sort();
        assert_eq!(found, urls, "{}: QR codes on the picture", png.display());
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
    assert!(page.contains(
        "<a class=\"button secondary\" href=\"GAS-0101-zh-large.pdf\">下载大字版 PDF</a>"
    ));
    let large = crate::read(site.join("zh/colonoscopy/print/large/index.html"));
    assert!(large.contains("<a href=\"../../GAS-0101-zh-large.pdf\">下载大字版 PDF</a>"));
    assert!(site.join("zh/colonoscopy/GAS-0101-zh-large.pdf").is_file());
    let handout = crate::read(site.join("colonoscopy/print/bilingual/index.html"));
    assert!(handout.contains("<a href=\"GAS-0101-bilingual.pdf\">"));
    let pdf = site.join("colonoscopy/print/bilingual/GAS-0101-bilingual.pdf");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        text.contains("Colonoscopy") && text.contains("结肠镜检查"),
        "both languages in the handout PDF"
    );
}

/// A site's own `templates/print.typ` replaces the built-in design; a fault in it is reported
/// once, at its line in the template, and no PDF is written.
#[test]
fn a_site_template_replaces_the_built_in_one_and_its_faults_point_into_it() {
    let builtin = read(repo().join("src/pdf/print.typ"));
    let (_dir, root) = crate::editable_copy("minimal");
    fs::create_dir_all(root.join("templates")).unwrap();
    let template = root.join("templates/print.typ");
    let marked = builtin.replace(
        "L.labels.reference + \" \" + L.reference,",
        "\"Printed by the site's template\" + \" \" + L.reference,",
    );
    assert_ne!(
        marked, builtin,
        "the footer line of the built-in template moved"
    );
    fs::write(&template, marked).unwrap();
    let (_out_dir, out) = build_ok(&root, &["--pdf"]);
    let pdf = out.join("en/fasting/FIX-0001-en.pdf");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("Printed by the site's template"), "{text}");

    fs::write(&template, format!("#let x = undefined-thing\n{builtin}")).unwrap();
    let before = tree(&out);
    let output = crate::build_with_env(&root, &out, &["--pdf"], &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("\ntemplates/print.typ:1:10: error: unknown variable: undefined-thing\n"),
        "{message}"
    );
    assert_eq!(message.matches("unknown variable").count(), 1, "{message}");
    assert!(before == tree(&out), "the previous output changed");
}

/// The heights of the words on every page of `pdf`, in points (`pdftotext -bbox`): a word's
/// box is its font's ascent and descent, at least the font size for the fonts leafpress uses
/// (Noto Sans CJK's is exactly the size, hence a little rounding below 16).
fn word_heights(pdf: &Path) -> Vec<(f64, String)> {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    html.lines()
        .filter(|line| line.trim_start().starts_with("<word "))
        .map(|line| {
            let attribute = |name: &str| -> f64 {
                let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                line[start..].split('"').next().unwrap().parse().unwrap()
            };
            let word = line.split('>').nth(1).unwrap().split('<').next().unwrap();
            (attribute("yMax") - attribute("yMin"), word.to_string())
        })
        .collect()
}

/// The large-print PDF of each leaflet and language: A4, the footer (reference, "page N of
/// M") on every page, the text extractable in both languages, and no word smaller than 16 pt.
#[test]
fn large_print_pdfs_are_a4_with_the_footer_on_every_page_and_16pt_text() {
    let site = pdf_site();
    for leaflet in leaflets() {
        let pdf = site
            .join(leaflet.lang)
            .join(&leaflet.slug)
            .join(format!("{}-{}-large.pdf", leaflet.reference, leaflet.lang));
        assert_a4(&pdf, &leaflet.name());
        assert!(
            pages(&pdf) > pages(&leaflet.pdf(site)),
            "{}: large print takes more pages than print",
            leaflet.name()
        );
        assert_footer_on_every_page(&pdf, &leaflet);
        let text: String = tool("pdftotext", &[pdf.to_str().unwrap(), "-"])
            .split_whitespace()
            .collect();
        let title: String = leaflet.title.split_whitespace().collect();
        assert!(
            text.contains(&title),
            "{}: title not extractable",
            leaflet.name()
        );
        let smallest = word_heights(&pdf)
            .into_iter()
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap();
        assert!(
            smallest.0 >= 15.9,
            "{}: {:?} is {:.1} pt high",
            leaflet.name(),
            smallest.1,
            smallest.0
        );
    }
}
