//! Addresses printed in QR codes keep working (issue 20): a leaflet's earlier slugs
//! (`aliases:`) redirect, a withdrawn leaflet's addresses show a notice, and a rebuild that
//! would leave a published leaflet's addresses answering 404 says so.

use std::fs;
use std::path::Path;

use crate::{
    TODAY, assert_diagnostics, build_into, build_with_env, editable_copy, fixture, read, stderr,
    tree,
};

/// Builds `root` into `out`, expecting success; gives what it printed on standard error.
fn build_warnings(root: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["--today", TODAY];
    args.extend_from_slice(extra);
    let output = build_with_env(root, out, &args, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    stderr(&output)
}

fn built_moved_fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert_eq!(
        build_warnings(&fixture("moved"), &out, &[]),
        "",
        "a clean site"
    );
    (dir, out)
}

#[test]
fn aliases_redirect_in_every_language_with_a_redirects_file_under_the_base_path() {
    let (_dir, out) = built_moved_fixture();
    assert_eq!(
        read(out.join("_redirects")),
        "# Written by leafpress: the earlier addresses of leaflets (their `aliases:`), for\n\
         # Netlify and Cloudflare Pages. Each old address also has a page that redirects.\n\
         /leaflets/en/knee-surgery/ /leaflets/en/knee-replacement/ 301\n\
         /leaflets/en/knee-surgery/print/ /leaflets/en/knee-replacement/print/ 301\n\
         /leaflets/en/new-knee/ /leaflets/en/knee-replacement/ 301\n\
         /leaflets/en/new-knee/print/ /leaflets/en/knee-replacement/print/ 301\n\
         /leaflets/zh/knee-surgery/ /leaflets/zh/knee-replacement/ 301\n\
         /leaflets/zh/knee-surgery/print/ /leaflets/zh/knee-replacement/print/ 301\n\
         /leaflets/zh/new-knee/ /leaflets/zh/knee-replacement/ 301\n\
         /leaflets/zh/new-knee/print/ /leaflets/zh/knee-replacement/print/ 301\n"
    );
    for (page, target, title, heading) in [
        (
            "en/knee-surgery/index.html",
            "en/knee-replacement/",
            "Your knee replacement",
            "This leaflet has moved",
        ),
        (
            "zh/new-knee/print/index.html",
            "zh/knee-replacement/print/",
            "膝关节置换术",
            "本须知已移至新地址",
        ),
    ] {
        let html = read(out.join(page));
        let depth = page.matches('/').count();
        let href = format!(
            "{}{}",
            "../".repeat(depth - 1),
            target.split_once('/').unwrap().1
        );
        for expected in [
            "<meta name=\"robots\" content=\"noindex\">".to_string(),
            format!("<meta http-equiv=\"refresh\" content=\"0; url={href}\">"),
            format!("<link rel=\"canonical\" href=\"https://cdn.example.org/leaflets/{target}\">"),
            format!("<h1>{heading}</h1>"),
            format!("<p class=\"moved-link\"><a href=\"{href}\">{title}</a></p>"),
        ] {
            assert!(html.contains(&expected), "{page}: {expected}\n{html}");
        }
        // The link leads to a page of the build.
        let landing = out
            .join(Path::new(page).parent().unwrap())
            .join(&href)
            .join("index.html");
        assert!(landing.is_file(), "{page}: {}", landing.display());
    }
    // The old addresses are not pages of their own in the sitemap or the index.
    let sitemap = read(out.join("sitemap.xml"));
    assert!(!sitemap.contains("knee-surgery") && !sitemap.contains("new-knee"));
    assert!(sitemap.contains("/leaflets/en/knee-replacement/"));
}

#[test]
fn a_withdrawn_leaflet_keeps_its_addresses_with_a_notice_and_nothing_else() {
    let (_dir, out) = built_moved_fixture();
    for (lang, notice) in [
        (
            "en",
            "<h1>This leaflet has been withdrawn</h1>\n\
             <p>The leaflet “Caring for your plaster cast” (ORT-0050) was withdrawn on 1 March 2026.</p>\n\
             <p>Why: Casts are no longer used after knee operations.</p>\n\
             <p>It has been replaced by this leaflet:</p>\n\
             <p class=\"moved-link\"><a href=\"{up}knee-replacement/\">Your knee replacement</a></p>\n\
             <p>If you have questions about your care, ask the team looking after you or call the hospital on 020 7946 0000.</p>",
        ),
        (
            "zh",
            "<h1>本须知已停用</h1>\n\
             <p>须知《石膏护理》（ORT-0050）已于2026年3月1日停用。</p>\n\
             <p>原因：膝关节手术后已不再使用石膏。</p>\n\
             <p>取代本须知的是以下须知：</p>\n\
             <p class=\"moved-link\"><a href=\"{up}knee-replacement/\">膝关节置换术</a></p>\n\
             <p>如对您的治疗有疑问，请咨询负责您的医护团队，或致电医院：020 7946 0000。</p>",
        ),
    ] {
        // The page, the print page and the large print: the same notice, no content.
        for (page, up) in [
            ("", "../"),
            ("print/", "../../"),
            ("print/large/", "../../../"),
        ] {
            let path = format!("{lang}/plaster-cast/{page}index.html");
            let html = read(out.join(&path));
            assert!(
                html.contains(&notice.replace("{up}", up)),
                "{path}:\n{html}"
            );
            assert!(
                html.contains("<meta name=\"robots\" content=\"noindex\">"),
                "{path}"
            );
            for content in ["Keep the cast dry", "请保持石膏干燥", "ORT-0050-"] {
                assert!(!html.contains(content), "{path}: {content}");
            }
        }
        let title = if lang == "en" {
            "<title>Withdrawn: Caring for your plaster cast – Fixture Hospital</title>"
        } else {
            "<title>已停用：石膏护理 – 测试医院</title>"
        };
        assert!(read(out.join(format!("{lang}/plaster-cast/index.html"))).contains(title));
        // Not listed, searched or mapped.
        let index = read(out.join(format!("{lang}/index.html")));
        assert!(!index.contains("plaster-cast"), "{lang} index");
        for (path, bytes) in tree(&out.join("search").join(lang)) {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("plaster-cast"), "{}", path.display());
        }
    }
    assert!(!read(out.join("sitemap.xml")).contains("plaster-cast"));
    assert!(!out.join("plaster-cast").exists(), "no bilingual handout");
}

#[test]
fn aliases_that_clash_withdrawals_and_sources_written_wrong_are_errors_at_their_line() {
    assert_diagnostics("moved-errors");
}

/// The leaflet `crutches` of the `moved` fixture under a new slug, the link to it updated.
fn rename_crutches(root: &Path, aliases: &str) {
    let leaflets = root.join("leaflets");
    fs::rename(leaflets.join("crutches"), leaflets.join("walking-aids")).unwrap();
    for lang in ["en", "zh"] {
        let file = leaflets.join("walking-aids").join(format!("{lang}.md"));
        let text = read(&file).replacen(
            "review_due: 2027-02-01\n",
            &format!("review_due: 2027-02-01\n{aliases}"),
            1,
        );
        fs::write(&file, text).unwrap();
        let file = leaflets.join("knee-replacement").join(format!("{lang}.md"));
        fs::write(
            &file,
            read(&file).replace("../crutches/", "../walking-aids/"),
        )
        .unwrap();
    }
}

#[test]
fn a_rebuild_that_drops_a_published_leaflet_names_the_addresses_that_will_answer_404() {
    let (dir, root) = editable_copy("moved");
    let out = dir.path().join("public");
    build_into(&root, &out, &["--today", TODAY]);
    rename_crutches(&root, "");
    let expected = "leaflets/crutches: warning: leaflet \"crutches\" is no longer published: \
        https://cdn.example.org/leaflets/en/crutches/, https://cdn.example.org/leaflets/en/crutches/print/, \
        https://cdn.example.org/leaflets/zh/crutches/, https://cdn.example.org/leaflets/zh/crutches/print/ will answer 404\n  \
        = hint: QR codes printed on paper lead to these addresses: add `aliases: [crutches]` to the \
        leaflet that replaces it, or keep the leaflet with `withdrawn: YYYY-MM-DD`\n\
        0 errors, 1 warning\n";

    // With --deny-warnings the build fails and the published site stays as it was.
    let before = tree(&out);
    let output = build_with_env(&root, &out, &["--today", TODAY, "--deny-warnings"], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .starts_with("leaflets/crutches: error: leaflet \"crutches\" is no longer published"),
        "{}",
        stderr(&output)
    );
    assert_eq!(tree(&out), before);

    assert_eq!(build_warnings(&root, &out, &[]), expected);
    assert!(!out.join("en/crutches").exists());
    // Once gone, it is not reported again.
    assert_eq!(build_warnings(&root, &out, &[]), "");
}

#[test]
fn a_renamed_leaflet_with_an_alias_or_a_withdrawn_one_drops_no_address() {
    let (dir, root) = editable_copy("moved");
    let out = dir.path().join("public");
    build_into(&root, &out, &["--today", TODAY]);
    rename_crutches(&root, "aliases: [crutches]\n");
    assert_eq!(build_warnings(&root, &out, &[]), "");
    assert!(read(out.join("zh/crutches/index.html")).contains("url=../walking-aids/"));

    // Withdrawn instead (the link to it taken out, or it would be a warning of its own).
    for lang in ["en", "zh"] {
        let file = root.join(format!("leaflets/walking-aids/{lang}.md"));
        let text = read(&file).replace(
            "review_due: 2027-02-01\n",
            "review_due: 2027-02-01\nwithdrawn: 2026-05-01\n",
        );
        fs::write(&file, text).unwrap();
        let file = root.join(format!("leaflets/knee-replacement/{lang}.md"));
        let text = read(&file).replace("](../walking-aids/)", "](https://aids.example.org/)");
        fs::write(&file, text).unwrap();
    }
    assert_eq!(build_warnings(&root, &out, &[]), "");
    assert!(read(out.join("en/walking-aids/index.html")).contains("was withdrawn on 1 May 2026"));
}
