//! End-to-end tests: the real `leafpress` binary on fixture sites under `tests/fixtures/` and on
//! this repository's own site.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod cdn;
mod hospital;
mod layers;
mod lint;
mod moved;
mod print;
mod search;
mod serve;
mod signoff;
mod standards;
mod start;
mod terminal;

/// The day fixture diagnostics are computed for (review dates are measured against it).
pub(crate) const TODAY: &str = "2026-06-01";

pub(crate) fn leafpress(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leafpress"))
        .args(args)
        .output()
        .expect("the leafpress binary runs")
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether a sample leaflet of this repository is withdrawn (its English file says so): its
/// addresses show a notice and it is in no index, search or PDF.
pub(crate) fn repo_leaflet_is_withdrawn(slug: &str) -> bool {
    read(repo().join("leaflets").join(slug).join("en.md"))
        .split("\n---")
        .next()
        .is_some_and(|front| front.contains("\nwithdrawn:"))
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Builds `root` into a fresh temporary folder; panics with the diagnostics if it fails.
pub(crate) fn build_ok(root: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_into(root, &out, extra);
    (dir, out)
}

/// Builds `root` into `out` (which may hold a previous build); panics with the diagnostics if
/// it fails.
pub(crate) fn build_into(root: &Path, out: &Path, extra: &[&str]) {
    build_into_with_env(root, out, extra, &[]);
}

/// [`build_into`] with environment variables set for the build (thread count, dates, shards).
pub(crate) fn build_into_with_env(root: &Path, out: &Path, extra: &[&str], env: &[(&str, &str)]) {
    let output = build_with_env(root, out, extra, env);
    assert!(
        output.status.success(),
        "build failed:\n{}",
        stderr(&output)
    );
}

/// Runs `leafpress build` of `root` into `out` with environment variables set, whatever the
/// outcome.
pub(crate) fn build_with_env(
    root: &Path,
    out: &Path,
    extra: &[&str],
    env: &[(&str, &str)],
) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leafpress"))
        .args(["build", "--root", root.to_str().unwrap(), "--out"])
        .arg(out)
        .args(extra)
        .envs(env.iter().copied())
        .output()
        .expect("the leafpress binary runs")
}

pub(crate) fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fingerprinted name under `assets/` of a file that was `stem.ext` before the build,
/// e.g. `style.3f2a9c0d1b7e.css` for ("style", "css"); panics unless exactly one matches.
pub(crate) fn asset_file(out: &Path, stem: &str, ext: &str) -> String {
    let names: Vec<String> = fs::read_dir(out.join("assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            let Some(hash) = name
                .strip_prefix(&format!("{stem}."))
                .and_then(|rest| rest.strip_suffix(&format!(".{ext}")))
            else {
                return false;
            };
            hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit())
        })
        .collect();
    assert_eq!(names.len(), 1, "one fingerprinted {stem}.{ext}: {names:?}");
    names.into_iter().next().unwrap()
}

/// Every file under `dir` with its bytes.
pub(crate) fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A fixture site copied into a temporary folder (as `<tmp>/site`), for tests that edit it.
pub(crate) fn editable_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture(name), &root);
    (dir, root)
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The `hospital:` lines of a site in English and Chinese: every site needs them to build.
pub(crate) const HOSPITAL: &str =
    "hospital:\n  name: { en: Test Hospital, zh: 测试医院 }\n  emergency: \"999\"\n";

/// The `hospital:` lines of a site in English only.
pub(crate) const HOSPITAL_EN: &str = "hospital:\n  name: Test Hospital\n  emergency: \"999\"\n";

/// A leaflet file with valid front matter and the given body.
pub(crate) fn leaflet_file(reference: &str, body: &str) -> String {
    format!(
        "---\ntitle: T\nsummary: S\nreference: {reference}\nversion: 1\ndepartment: D\nreviewed: 2026-02-01\nreview_due: 2027-02-01\n---\n{body}"
    )
}

// ---------------------------------------------------------------------------------------------
// The repository's own site

#[test]
fn repo_site_checks_clean_with_deny_warnings() {
    // A fixed day keeps this test from failing when the samples' own review dates come due.
    let output = leafpress(&[
        "check",
        "--root",
        repo().to_str().unwrap(),
        "--deny-warnings",
        "--today",
        "2026-11-24",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "",
        "the sample leaflets must check without any finding"
    );
}

#[test]
fn repo_site_builds_every_page_in_both_languages() {
    let (_dir, out) = build_ok(&repo(), &[]);
    let leaflets: Vec<String> = fs::read_dir(repo().join("leaflets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(leaflets.len() >= 4, "at least four sample leaflets");
    for slug in &leaflets {
        for lang in ["en", "zh"] {
            let page = read(out.join(lang).join(slug).join("index.html"));
            let html_lang = if lang == "zh" { "zh-Hans" } else { "en" };
            assert!(
                page.contains(&format!("<html lang=\"{html_lang}\">")),
                "{lang}/{slug}"
            );
            assert!(out.join(lang).join(slug).join("print/index.html").is_file());
        }
    }
}

#[test]
fn building_twice_gives_byte_identical_output() {
    let (_a, first) = build_ok(&repo(), &[]);
    let (_b, second) = build_ok(&repo(), &[]);
    let first = tree(&first);
    assert!(first.len() > 20);
    assert!(
        first == tree(&second),
        "two builds of the same input differ"
    );
}

// ---------------------------------------------------------------------------------------------
// A small site with only leaflets/ and site.yaml: built-in templates and messages

#[test]
fn minimal_site_builds_with_builtin_templates_and_messages() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let home = read(out.join("index.html"));
    assert!(
        !home.contains("<script"),
        "the home page is a real page, not a script redirect"
    );
    assert!(home.contains("href=\"en/\"") && home.contains("href=\"zh/\""));
    assert!(home.contains("Read our leaflets in English") && home.contains("简体中文"));
    let style = asset_file(&out, "style", "css");
    assert!(home.contains(&format!("href=\"assets/{style}\"")));
    assert!(out.join("404.html").is_file());
}

#[test]
fn leaflet_page_has_localised_chrome_metadata_and_contents() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let en = read(out.join("en/fasting/index.html"));
    let zh = read(out.join("zh/fasting/index.html"));
    assert!(zh.contains("<html lang=\"zh-Hans\">"));
    // Reference, version and dates in each locale's style.
    assert!(
        en.contains("FIX-0001")
            && en.contains(">1 February 2026<")
            && en.contains(">1 February 2027<")
    );
    assert!(zh.contains(">2026年2月1日<") && zh.contains("编号") && zh.contains("下次审核"));
    // Language switcher to the same leaflet.
    assert!(en.contains(
        "<a href=\"../../zh/fasting/\" hreflang=\"zh-Hans\" lang=\"zh-Hans\">简体中文</a>"
    ));
    // Canonical and alternates under the base path.
    assert!(en.contains(
        "<link rel=\"canonical\" href=\"https://cdn.example.org/leaflets/en/fasting/\">"
    ));
    assert!(en.contains("<link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"https://cdn.example.org/leaflets/zh/fasting/\">"));
    assert!(en.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://cdn.example.org/leaflets/en/fasting/\">"));
    // Table of contents from the ## headings, and a print link.
    assert!(en.contains("<a href=\"#before-you-come-in\">Before you come in</a>"));
    assert!(zh.contains("<a href=\"#入院前\">入院前</a>") && zh.contains("<h2 id=\"入院前\">"));
    assert!(en.contains("href=\"print/\""));
    assert!(en.contains("<table>") && en.contains("Stop drinking water"));
}

#[test]
fn print_page_carries_the_full_content_and_leaflet_details() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let print = read(out.join("zh/fasting/print/index.html"));
    for text in [
        "FIX-0001",
        "2026年2月1日",
        "2027年2月1日",
        "停止喝水",
        "联系方式",
        "返回在线版本",
    ] {
        assert!(print.contains(text), "print page lacks {text}");
    }
    // Relative addresses are one level deeper than on the leaflet page.
    let clock = asset_file(&out, "clock", "svg");
    let style = asset_file(&out, "style", "css");
    assert!(print.contains(&format!("src=\"../../../assets/{clock}\"")));
    assert!(print.contains(&format!("href=\"../../../assets/{style}\"")));
}

#[test]
fn chinese_bold_after_fullwidth_punctuation_renders() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let zh = read(out.join("zh/fasting/index.html"));
    assert!(
        zh.contains("<strong>请勿进食。</strong>术前 2 小时可以喝水。"),
        "{zh}"
    );
    assert!(!zh.contains("**"));
}

/// The title of `minimal`'s fasting leaflet ends in a script; every page that shows the title
/// must show it as text, and the search data must hold it as a JSON string.
#[test]
fn front_matter_values_are_escaped() {
    const SHOWN: &str = "Fasting before your operation ";
    const TITLE: &str = "Fasting before your operation <script>alert(\"title\")</script>";
    const AS_HTML: &str = "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;";
    // In a <style> block (the handout's running header): a CSS string, `<` as `\3C `.
    const AS_CSS: &str = "\\3C script>alert(\\\"title\\\")\\3C /script>";
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let files = tree(&out);
    let mut showing = Vec::new();
    for (path, bytes) in &files {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = String::from_utf8_lossy(bytes);
        assert!(
            !page.contains("<script>alert"),
            "{}: the title injects a script",
            path.display()
        );
        for (at, _) in page.match_indices(SHOWN) {
            let after = &page[at + SHOWN.len()..];
            assert!(
                after.starts_with(AS_HTML) || after.starts_with(AS_CSS),
                "{}: the title is not escaped: {}",
                path.display(),
                &page[at..(at + 120).min(page.len())]
            );
        }
        if page.contains(&format!("{SHOWN}{AS_HTML}")) {
            showing.push(path.to_string_lossy().into_owned());
        }
    }
    // Every kind of page that shows a title: leaflet, print page, bilingual handout, index.
    for page in [
        "en/fasting/index.html",
        "en/fasting/print/index.html",
        "fasting/print/bilingual/index.html",
        "en/index.html",
    ] {
        assert!(
            showing.iter().any(|p| p == page),
            "{page} does not show the escaped title: {showing:?}"
        );
    }
    let en = read(out.join("en/fasting/index.html"));
    assert!(en.contains("When to stop eating &amp; drinking."));
    // The search data: JSON strings, which the search script shows as text (search.mjs).
    let mut titles = Vec::new();
    for (path, bytes) in &files {
        let name = path.to_string_lossy();
        if name.starts_with("search/en/pages.") && name.ends_with(".json") {
            let pages: serde_json::Value = serde_json::from_slice(bytes).unwrap();
            for page in pages.as_array().unwrap() {
                titles.push(page["t"].as_str().unwrap().to_string());
            }
        }
    }
    assert!(titles.iter().any(|t| t == TITLE), "{titles:?}");
}

#[test]
fn links_between_leaflets_and_images_resolve_on_the_built_site() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let en = read(out.join("en/fasting/index.html"));
    assert!(en.contains("<a href=\"../../en/wound-care/\">wound care leaflet</a>"));
    assert!(out.join("en/wound-care/index.html").is_file());
    // The image is published once, under a name that changes when its content does, and
    // both languages point at it.
    let clock = asset_file(&out, "clock", "svg");
    assert!(en.contains(&format!(
        "<img src=\"../../assets/{clock}\" alt=\"A clock showing six hours\""
    )));
    assert!(
        read(out.join("zh/fasting/index.html")).contains(&format!("src=\"../../assets/{clock}\""))
    );
    assert!(!out.join("en/fasting/clock.svg").exists());
    // wound-care has no Chinese version: the Chinese page links to the English one.
    let zh = read(out.join("zh/fasting/index.html"));
    assert!(zh.contains("<a href=\"../../en/wound-care/\">伤口护理须知</a>"));
}

#[test]
fn language_index_lists_untranslated_leaflets_with_a_notice() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let zh = read(out.join("zh/index.html"));
    assert!(
        zh.contains("<h2 id=\"department-1\">麻醉科</h2>"),
        "department name learnt from the translated leaflet"
    );
    assert!(zh.contains("手术前禁食") && zh.contains("何时停止进食和饮水。"));
    assert!(zh.contains(
        "<a href=\"../en/wound-care/\" lang=\"en\" hreflang=\"en\">Caring for your wound</a>"
    ));
    assert!(zh.contains("本须知尚无简体中文版本。"));
    let en = read(out.join("en/index.html"));
    assert!(en.contains("Anaesthetics") && en.contains("Caring for your wound"));
}

#[test]
fn drafts_are_checked_but_not_published() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    assert!(!out.join("en/draft-one").exists());
    assert!(!read(out.join("en/index.html")).contains("Unfinished leaflet"));
    assert!(!read(out.join("sitemap.xml")).contains("draft-one"));
}

#[test]
fn sitemap_lists_pages_with_hreflang_alternates() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let sitemap = read(out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://cdn.example.org/leaflets/zh/fasting/</loc>"));
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://cdn.example.org/leaflets/en/fasting/\"/>"));
    assert!(sitemap.contains("<loc>https://cdn.example.org/leaflets/en/wound-care/</loc>"));
}

#[test]
fn not_found_page_links_from_the_site_path_at_any_depth() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let page = read(out.join("404.html"));
    let style = asset_file(&out, "style", "css");
    assert!(page.contains(&format!("href=\"/leaflets/assets/{style}\"")));
    assert!(page.contains("<a href=\"/leaflets/zh/\">"));
    assert!(page.contains("Page not found") && page.contains("lang=\"zh-Hans\""));
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let (_dir, out) = build_ok(
        &fixture("minimal"),
        &["--base-url", "https://other.example/x"],
    );
    let en = read(out.join("en/fasting/index.html"));
    assert!(en.contains("href=\"https://other.example/x/en/fasting/\""));
}

#[test]
fn site_templates_and_messages_override_the_builtins() {
    let (_dir, out) = build_ok(&fixture("overrides"), &[]);
    let home = read(out.join("index.html"));
    assert!(home.contains("<p class=\"welcome\">Welcome to our leaflets</p>"));
    let page = read(out.join("en/a/index.html"));
    assert!(
        page.contains("<span class=\"collection\">St Example leaflets</span>"),
        "site message overrides the built-in"
    );
    assert!(
        page.contains("Contents"),
        "other messages still come from the built-ins"
    );
}

#[test]
fn bidi_isolation_marks_never_reach_pages() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    for (path, bytes) in tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains('\u{2068}') && !text.contains('\u{2069}'),
            "{}",
            path.display()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Bad input: exact diagnostics, non-zero exit

pub(crate) fn assert_diagnostics(name: &str) {
    let root = fixture(name);
    let output = leafpress(&["check", "--root", root.to_str().unwrap(), "--today", TODAY]);
    let expected = read(root.join("expected-diagnostics.txt"));
    assert_eq!(stderr(&output), expected, "diagnostics of {name}");
    let has_errors = expected.lines().any(|l| l.contains(": error: "));
    assert_eq!(output.status.code(), Some(if has_errors { 1 } else { 0 }));
}

#[test]
fn bad_front_matter_is_reported_at_file_line_col() {
    assert_diagnostics("broken-frontmatter");
}

#[test]
fn bad_links_images_and_raw_html_are_reported_at_file_line_col() {
    assert_diagnostics("broken-content");
}

#[test]
fn fluent_and_template_syntax_errors_are_reported_at_file_line() {
    assert_diagnostics("broken-templates");
}

#[test]
fn a_message_missing_in_one_language_is_a_warning() {
    assert_diagnostics("overrides");
}

#[test]
fn build_reports_the_same_problems_as_check() {
    let root = fixture("broken-content");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let output = build_with_env(&root, &out, &["--today", TODAY], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with(&read(root.join("expected-diagnostics.txt"))));
    assert!(!out.exists(), "nothing is written when the build fails");
}

#[test]
fn non_utf8_files_are_reported_and_bom_crlf_files_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("leaflets/ok")).unwrap();
    fs::create_dir_all(root.join("leaflets/latin1")).unwrap();
    fs::write(
        root.join("site.yaml"),
        format!("{HOSPITAL_EN}base_url: https://x.example/\nlanguages: [en]\n"),
    )
    .unwrap();
    let crlf = format!(
        "\u{FEFF}{}",
        leaflet_file("OK-1", "## A\n\nText.\n").replace('\n', "\r\n")
    );
    fs::write(root.join("leaflets/ok/en.md"), crlf).unwrap();
    let mut latin1 = leaflet_file("L-1", "Caf").into_bytes();
    latin1.extend_from_slice(b"\xe9\n");
    fs::write(root.join("leaflets/latin1/en.md"), latin1).unwrap();
    let output = leafpress(&["check", "--root", root.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(
        stderr(&output),
        "leaflets/latin1/en.md:10:4: error: file is not valid UTF-8 text\n  = hint: save the file as UTF-8 (most editors offer \"UTF-8\" in Save As)\n1 error, 0 warnings\n"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn images_cannot_escape_the_leaflet_folder_through_symlinks() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    fs::create_dir_all(root.join("leaflets/a")).unwrap();
    fs::write(dir.path().join("secret.png"), "secret").unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("secret.png"),
        root.join("leaflets/a/photo.png"),
    )
    .unwrap();
    fs::write(
        root.join("site.yaml"),
        format!("{HOSPITAL_EN}base_url: https://x.example/\nlanguages: [en]\n"),
    )
    .unwrap();
    fs::write(
        root.join("leaflets/a/en.md"),
        leaflet_file("A-1", "![A photo](photo.png)\n"),
    )
    .unwrap();
    let output = leafpress(&["check", "--root", root.to_str().unwrap(), "--today", TODAY]);
    assert!(
        stderr(&output).starts_with("leaflets/a/en.md:10:12: error: image \"photo.png\": leads outside the leaflet's folder (through a symbolic link)\n"),
        "{}",
        stderr(&output)
    );
    assert_eq!(output.status.code(), Some(1));
}

// ---------------------------------------------------------------------------------------------
// Output folder safety

#[test]
fn a_failed_build_leaves_the_previous_output_exactly_as_it_was() {
    let (dir, root) = crate::editable_copy("minimal");
    let out = dir.path().join("public");
    let args = [
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    assert!(leafpress(&args).status.success());
    let before = tree(&out);

    fs::write(
        root.join("leaflets/fasting/zh.md"),
        "---\ntitle: [broken\n---\n",
    )
    .unwrap();
    let output = leafpress(&args);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("leaflets/fasting/zh.md:"));
    assert!(
        before == tree(&out),
        "the previous output changed after a failed build"
    );
}

#[test]
fn a_successful_build_removes_files_that_no_longer_belong() {
    let (dir, root) = crate::editable_copy("minimal");
    let out = dir.path().join("public");
    let args = [
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    assert!(leafpress(&args).status.success());
    assert!(out.join("en/wound-care/index.html").is_file());
    fs::remove_dir_all(root.join("leaflets/wound-care")).unwrap();
    fs::write(
        root.join("leaflets/fasting/en.md"),
        read(root.join("leaflets/fasting/en.md"))
            .replace("Read the [wound care leaflet](../wound-care/) too.", ""),
    )
    .unwrap();
    fs::write(
        root.join("leaflets/fasting/zh.md"),
        read(root.join("leaflets/fasting/zh.md"))
            .replace("另请阅读[伤口护理须知](../wound-care/)。", ""),
    )
    .unwrap();
    let output = leafpress(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!out.join("en/wound-care").exists());
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no staging folders left beside the output: {leftovers:?}"
    );
}

#[test]
fn a_folder_leafpress_did_not_write_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("important");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("notes.txt"), "keep me").unwrap();
    let output = leafpress(&[
        "build",
        "--root",
        fixture("minimal").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("was not written by leafpress"));
    assert_eq!(read(out.join("notes.txt")), "keep me");
}

#[test]
fn check_writes_nothing() {
    let (_dir, root) = crate::editable_copy("minimal");
    let before = tree(&root);
    let output = leafpress(&["check", "--root", root.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(before == tree(&root));
    assert!(!root.join("public").exists());
}

// ---------------------------------------------------------------------------------------------
// Command line

#[test]
fn help_and_version_describe_the_commands() {
    let help = leafpress(&["--help"]);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("build") && text.contains("check"));
    let version = leafpress(&["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("leafpress {}", env!("CARGO_PKG_VERSION"))
    );
    let build_help = String::from_utf8_lossy(&leafpress(&["build", "--help"]).stdout).into_owned();
    for flag in ["--root", "--out", "--base-url"] {
        assert!(build_help.contains(flag), "build --help lacks {flag}");
    }
    assert!(String::from_utf8_lossy(&leafpress(&["check", "--help"]).stdout).contains("--root"));
}

/// A build without `--pdf` needs no browser, whatever engine makes PDFs: with none on `PATH` and
/// `LEAFPRESS_CHROMIUM` naming a file that does not exist, it succeeds without a word about one
/// and writes the same site as a build on this machine; and where browsers are found, on `PATH`
/// and in `LEAFPRESS_CHROMIUM`, none is started.
#[test]
fn a_build_without_pdf_needs_no_browser() {
    use std::os::unix::fs::PermissionsExt;
    let (_normal_dir, normal) = build_ok(&fixture("minimal"), &[]);
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty-bin");
    fs::create_dir(&empty).unwrap();
    // Browsers that only leave a mark when started.
    let tripwires = dir.path().join("tripwire-bin");
    fs::create_dir(&tripwires).unwrap();
    let started = dir.path().join("a-browser-was-started");
    for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
        let path = tripwires.join(name);
        fs::write(
            &path,
            format!(
                "#!/bin/sh\necho \"$0 $*\" >> '{}'\nexit 1\n",
                started.display()
            ),
        )
        .unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
    for (path, browser) in [
        (&empty, dir.path().join("no-such-chromium")),
        (&tripwires, tripwires.join("chromium")),
    ] {
        let out = dir.path().join("public");
        let _ = fs::remove_dir_all(&out);
        let output = Command::new(env!("CARGO_BIN_EXE_leafpress"))
            .args(["build", "--root"])
            .arg(fixture("minimal"))
            .arg("--out")
            .arg(&out)
            .env_clear()
            .env("PATH", path)
            .env("HOME", dir.path())
            .env("LEAFPRESS_CHROMIUM", &browser)
            .output()
            .expect("the leafpress binary runs");
        let message = stderr(&output);
        assert!(output.status.success(), "{}: {message}", path.display());
        let lower = message.to_lowercase();
        assert!(
            !lower.contains("chromium") && !lower.contains("browser"),
            "{message}"
        );
        assert!(
            tree(&out) == tree(&normal),
            "{}: not the same site",
            path.display()
        );
        assert!(out.join("fasting/print/bilingual/index.html").is_file());
        assert!(!started.exists(), "started: {}", read(&started));
    }
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let output = leafpress(&["build", "--bogus"]);
    assert_eq!(output.status.code(), Some(2));
}
mod pdf;

#[test]
fn latin_fragments_in_chinese_pages_are_marked_as_english() {
    let (_dir, out) = build_ok(&fixture("text-rules"), &["--today", TODAY]);
    let zh = read(out.join("zh/dose/index.html"));
    assert!(
        zh.contains("请服用 <span lang=\"en\">paracetamol</span>，每天 3 次"),
        "{zh}"
    );
    assert!(zh.contains("<span lang=\"en\">MRI</span>"));
    let en = read(out.join("en/dose/index.html"));
    assert!(
        !en.contains("<span lang=\"en\">"),
        "English pages need no marking"
    );
}
