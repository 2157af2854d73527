//! Content checks: every rule at the right place, site rule levels, allow markers, review dates.

use std::fs;

use crate::{TODAY, assert_diagnostics, copy_dir, fixture, leafpress, stderr};

#[test]
fn content_rules_report_exact_diagnostics() {
    // Clean bilingual leaflet `clean` must produce nothing; every other leaflet shows one kind
    // of finding (structure, accessibility, overdue review, silenced spots).
    assert_diagnostics("lint-rules");
}

/// The well-written leaflet of `lint-rules` built on a site of its own, where any finding at all
/// (error, warning or note) is a false alarm. It links to `../structure/`, so a copy of it under
/// another reference stands at that address: the site holds nothing but the clean leaflet.
#[test]
fn clean_leaflets_produce_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let lint_rules = fixture("lint-rules");
    fs::create_dir_all(&root).unwrap();
    fs::copy(lint_rules.join("site.yaml"), root.join("site.yaml")).unwrap();
    let clean = lint_rules.join("leaflets/clean");
    copy_dir(&clean, &root.join("leaflets/clean"));
    copy_dir(&clean, &root.join("leaflets/structure"));
    for lang in ["en", "zh"] {
        let copy = root.join(format!("leaflets/structure/{lang}.md"));
        let text = fs::read_to_string(&copy).unwrap();
        assert!(text.contains("reference: LNT-0001\n"));
        fs::write(
            &copy,
            text.replace("reference: LNT-0001\n", "reference: LNT-0002\n"),
        )
        .unwrap();
    }
    let out = dir.path().join("public");
    let output = crate::build_with_env(&root, &out, &["--today", TODAY, "--deny-warnings"], &[]);
    assert_eq!(stderr(&output), "", "findings on a well-written leaflet");
    assert!(output.status.success());
    for lang in ["en", "zh"] {
        assert!(out.join(lang).join("clean/index.html").is_file(), "{lang}");
    }
}

#[test]
fn deny_warnings_turns_warnings_into_errors() {
    let root = fixture("lint-rules");
    let args = [
        "check",
        "--root",
        root.to_str().unwrap(),
        "--today",
        "2026-06-01",
    ];
    let normal = stderr(&leafpress(&args));
    assert!(normal.contains("leaflets/overdue/en.md:8:13: warning: clinical review overdue: review_due 2026-05-01 was 31 days ago [review-overdue]"));
    let denied = leafpress(&[&args[..], &["--deny-warnings"]].concat());
    assert_eq!(denied.status.code(), Some(1));
    let denied = stderr(&denied);
    assert!(denied.contains("leaflets/overdue/en.md:8:13: error: clinical review overdue"));
    assert!(!denied.contains(": warning: "));
    // Notes stay notes: a review due soon is information, not a failure.
    assert!(denied.contains("leaflets/overdue/zh.md:8:13: note: clinical review due soon"));
}

#[test]
fn review_dates_are_measured_against_the_given_day() {
    let root = fixture("lint-rules");
    let early = stderr(&leafpress(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--today",
        "2026-01-15",
    ]));
    assert!(!early.contains("review-overdue") && !early.contains("review-due-soon"));
    let late = stderr(&leafpress(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--today",
        "2027-03-01",
    ]));
    assert!(late.contains("leaflets/clean/en.md:8:13: warning: clinical review overdue: review_due 2027-01-10 was 50 days ago"));
    let bad = leafpress(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--today",
        "2026-13-01",
    ]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn rules_can_be_turned_off_per_site() {
    let (_dir, root) = crate::editable_copy("lint-rules");
    std::fs::write(
        root.join("site.yaml"),
        "base_url: https://x.example/\nrules:\n  link-text: off\n  structure-mismatch: error\n  heading-levels: off\n",
    )
    .unwrap();
    let output = stderr(&leafpress(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--today",
        "2026-06-01",
    ]));
    assert!(!output.contains("[link-text]"));
    assert!(output.contains(
        "error: section \"保持清洁\" has 2 list items in zh, 3 in en [structure-mismatch]"
    ));
    assert!(output.contains("site.yaml:2:1: error: rules: unknown rule `heading-levels`\n"));
    assert!(output.contains("  = hint: did you mean `heading-level`?\n"));
}

/// `leafpress report --format json` on a site, as of the fixtures' day.
fn report_json_output(root: &std::path::Path) -> std::process::Output {
    leafpress(&[
        "report",
        "--root",
        root.to_str().unwrap(),
        "--today",
        "2026-06-01",
        "--format",
        "json",
    ])
}

#[test]
fn report_lists_every_leaflet_and_language_with_its_state() {
    let root = fixture("lint-rules");
    let output = report_json_output(&root);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 10, "5 leaflets x 2 languages");
    let row = |slug: &str, lang: &str| {
        rows.iter()
            .find(|r| r["slug"] == slug && r["lang"] == lang)
            .unwrap()
            .clone()
    };
    assert_eq!(row("overdue", "en")["review"], "overdue");
    assert_eq!(row("overdue", "zh")["review"], "due-soon");
    assert_eq!(row("clean", "zh")["review"], "ok");
    assert_eq!(row("structure", "zh")["findings"]["structure-mismatch"], 2);
    assert_eq!(row("a11y", "en")["findings"]["image-alt"], 1);
    assert_eq!(
        row("a11y", "en")["errors"],
        2,
        "heading-level is an error in this site"
    );
    assert_eq!(report["totals"]["overdue"], 1);
}

#[test]
fn report_shows_missing_and_stale_translations_and_escapes_html() {
    let root = fixture("minimal");
    let json = report_json_output(&root);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let missing: Vec<_> = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["translation"] == "missing")
        .collect();
    assert_eq!(
        missing.len(),
        2,
        "wound-care and draft-one have no Chinese version"
    );
    assert!(
        report["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["translation"] == "draft")
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    let html = leafpress(&[
        "report",
        "--root",
        root.to_str().unwrap(),
        "--today",
        "2026-06-01",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(html.status.success());
    let html = std::fs::read_to_string(file).unwrap();
    assert!(html.contains("Fasting before your operation &lt;script&gt;"));
    assert!(!html.contains("<script"));
    assert!(html.contains("<td class=\"missing\">missing</td>"));

    let stale = fixture("broken-frontmatter");
    let json = report_json_output(&stale);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(
        report["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["slug"] == "mismatch" && r["lang"] == "zh" && r["translation"] == "stale")
    );
}

#[test]
fn text_rules_find_numbers_untranslated_text_punctuation_and_readability() {
    // "4 times a day" against "每天 3 次", an English sentence left in the Chinese text,
    // half-width and doubled punctuation, English quotes, Chinese in the English file, a hard
    // English leaflet and an overlong Chinese sentence; allowed terms (MRI, paracetamol) pass.
    assert_diagnostics("text-rules");
}

fn fix_fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    crate::editable_copy("text-rules")
}

/// `leafpress check --fix` on a site, as of the fixtures' day.
fn check_fix(root: &std::path::Path) -> std::process::Output {
    leafpress(&[
        "check",
        "--fix",
        "--root",
        root.to_str().unwrap(),
        "--today",
        "2026-06-01",
    ])
}

#[test]
fn fix_repairs_punctuation_and_changes_nothing_else() {
    let (_dir, root) = fix_fixture();
    let path = root.join("leaflets/dose/zh.md");
    let before = std::fs::read_to_string(&path).unwrap();
    let output = check_fix(&root);
    assert!(
        stderr(&output).starts_with("fixed leaflets/dose/zh.md\n"),
        "{}",
        stderr(&output)
    );
    let after = std::fs::read_to_string(&path).unwrap();
    let expected = before
        .replace("进食,Spinal", "进食，Spinal")
        .replace("请多喝水。.", "请多喝水。")
        .replace("他说\"很好\"。", "他说“很好”。");
    assert_eq!(after, expected, "only the punctuation changed");
    assert!(
        !stderr(&output).contains("[zh-punctuation]"),
        "fixed problems are no longer reported"
    );
    // A second run has nothing left to fix.
    let again = check_fix(&root);
    assert!(!stderr(&again).contains("fixed "));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
    // English files are never touched.
    assert_eq!(
        std::fs::read(root.join("leaflets/dose/en.md")).unwrap(),
        std::fs::read(fixture("text-rules").join("leaflets/dose/en.md")).unwrap()
    );
}

#[test]
fn fix_keeps_crlf_line_endings_bom_and_front_matter() {
    let (_dir, root) = fix_fixture();
    let path = root.join("leaflets/dose/zh.md");
    let original = std::fs::read_to_string(&path).unwrap();
    let crlf = format!("\u{FEFF}{}", original.replace('\n', "\r\n"));
    std::fs::write(&path, &crlf).unwrap();
    let output = check_fix(&root);
    assert!(stderr(&output).contains("fixed leaflets/dose/zh.md"));
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.starts_with("\u{FEFF}---\r\ntitle: 术后止痛\r\n"));
    assert_eq!(
        after.matches("\r\n").count(),
        crlf.matches("\r\n").count(),
        "every line keeps CRLF"
    );
    assert!(!after.replace("\r\n", "").contains('\n'));
    assert!(after.contains("进食，Spinal"));
}

#[test]
fn glossary_terms_and_flipped_instructions_are_found_where_they_are() {
    // The seed leaflet's 室性脑脊液 and a DVT term error, found with the site's glossary.csv
    // and glossary.tbx; a flipped aspirin instruction at both lines; and nothing at all on the
    // clean translation that uses the glossary's terms and negates in many ways.
    assert_diagnostics("translation-safety");
    let expected =
        std::fs::read_to_string(fixture("translation-safety").join("expected-diagnostics.txt"))
            .unwrap();
    assert!(!expected.contains("leaflets/anticoagulants/"), "{expected}");
    for rule in ["[avoided-term]", "[term-mismatch]", "[negation-mismatch]"] {
        assert!(expected.contains(rule), "{rule}");
    }
}

#[test]
fn bad_glossary_rows_are_reported_at_their_line() {
    assert_diagnostics("glossary-bad");
}
