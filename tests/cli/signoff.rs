//! Sign-off: a translation checked against its source's text, and `source-changed` when the
//! source's words change afterwards (version unchanged), with the changed words from git.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::{TODAY, editable_copy, leafpress, stderr};

const ZH: &str = "leaflets/fasting/zh.md";
const EN: &str = "leaflets/fasting/en.md";

fn git(root: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn commit(root: &Path, message: &str) {
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", message]);
}

fn sign_off(root: &Path, file: &str) -> std::process::Output {
    leafpress(&[
        "sign-off",
        file,
        "--by",
        "Li Wei",
        "--root",
        root.to_str().unwrap(),
        "--today",
        TODAY,
    ])
}

fn check(root: &Path) -> String {
    stderr(&leafpress(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--today",
        TODAY,
    ]))
}

/// The first lines of the diagnostics of `rule` (and their notes), without source lines.
fn findings_of(output: &str, rule: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_rule = false;
    for line in output.lines() {
        if line.ends_with(']') && !line.starts_with(' ') {
            in_rule = line.ends_with(&format!("[{rule}]"));
            if in_rule {
                found.push(line.to_string());
            }
        } else if in_rule && line.contains(": note: ") {
            found.push(line.to_string());
        }
    }
    found
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} in {file}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_english_edit_after_sign_off_is_found_at_its_section_and_cleared_by_signing_off_again() {
    let (_dir, root) = editable_copy("minimal");
    git(&root, &["init", "-q"]);
    commit(&root, "leaflets");

    let signed = sign_off(&root, ZH);
    assert!(signed.status.success(), "{}", stderr(&signed));
    assert_eq!(
        String::from_utf8_lossy(&signed.stdout),
        "signed off leaflets/fasting/zh.md against leaflets/fasting/en.md (3 sections), by Li Wei\n"
    );
    let record = fs::read_to_string(root.join("signoffs.yaml")).unwrap();
    assert!(record.contains("leaflets/fasting/zh.md:\n  source: leaflets/fasting/en.md\n  date: 2026-06-01\n  by: Li Wei\n  sections:\n"), "{record}");
    assert!(record.contains("  # Before you come in\n"), "{record}");
    assert!(findings_of(&check(&root), "source-changed").is_empty());
    commit(&root, "sign-off");

    // Reflowed, with trailing spaces: the same words, so no change.
    edit(
        &root,
        EN,
        "**Do not eat.** You may drink water until 2 hours before.",
        "**Do not eat.**   \nYou may drink water\nuntil 2 hours before.",
    );
    assert!(findings_of(&check(&root), "source-changed").is_empty());

    // New words in the first section; the version stays 1.
    edit(
        &root,
        EN,
        "You may drink water",
        "You may drink clear water",
    );
    let output = check(&root);
    assert_eq!(
        findings_of(&output, "source-changed"),
        [
            "leaflets/fasting/zh.md:12:1: warning: the en text of section \"Before you come in\" changed after this translation was signed off on 2026-06-01 by Li Wei [source-changed]",
            "leaflets/fasting/en.md:12:1: note: the en text changed since the sign-off: …You may drink {+clear+} water until 2…",
        ],
        "{output}"
    );
    assert!(findings_of(&output, "stale-translation").is_empty());

    let again = sign_off(&root, ZH);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(findings_of(&check(&root), "source-changed").is_empty());
}

/// A copy of the minimal site (not in git) whose translation was signed off before a word was
/// added to the source's last section.
fn signed_off_then_edited() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = editable_copy("minimal");
    assert!(sign_off(&root, ZH).status.success());
    edit(
        &root,
        EN,
        "Call 020 7946 0000.",
        "Call us on 020 7946 0000.",
    );
    (dir, root)
}

#[test]
fn without_history_the_changed_section_is_named() {
    let (_dir, root) = signed_off_then_edited();
    assert_eq!(
        findings_of(&check(&root), "source-changed"),
        [
            "leaflets/fasting/zh.md:25:1: warning: the en text of section \"Who to call\" changed after this translation was signed off on 2026-06-01 by Li Wei [source-changed]",
            "leaflets/fasting/en.md:25:1: note: the en text changed since the sign-off (the text signed off is not in the site's git history to compare)",
        ]
    );
}

#[test]
fn a_signed_off_translation_is_compared_by_text_not_by_version() {
    let (_dir, root) = editable_copy("minimal");
    assert!(sign_off(&root, ZH).status.success());
    edit(&root, EN, "version: 1", "version: 2");
    let output = check(&root);
    assert!(
        findings_of(&output, "stale-translation").is_empty(),
        "{output}"
    );
    assert!(
        findings_of(&output, "source-changed").is_empty(),
        "{output}"
    );
    // A translation never signed off keeps the version comparison.
    fs::remove_file(root.join("signoffs.yaml")).unwrap();
    let stale = findings_of(&check(&root), "stale-translation");
    assert!(
        stale[0].starts_with("leaflets/fasting/zh.md:5:10: warning: stale translation: version 1 is older than version 2"),
        "{stale:?}"
    );
}

#[test]
fn the_report_says_who_signed_off_when_and_what_changed_since() {
    let (_dir, root) = signed_off_then_edited();
    let output = leafpress(&[
        "report",
        "--root",
        root.to_str().unwrap(),
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let zh = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["path"] == ZH)
        .unwrap();
    assert_eq!(zh["translation"], "source-changed");
    assert_eq!(
        zh["signed_off"],
        serde_json::json!({"date": "2026-06-01", "by": "Li Wei", "sections_changed": 1})
    );
    assert_eq!(report["totals"]["source_changed"], 1);
}

#[test]
fn signing_off_the_source_or_a_file_that_is_no_translation_is_refused() {
    let (_dir, root) = editable_copy("minimal");
    let cases = [
        (
            EN,
            "leaflets/fasting/en.md: error: this is the en source itself",
        ),
        (
            "leaflets/fasting/fr.md",
            "leaflets/fasting/fr.md: error: not a leaflet's language file",
        ),
    ];
    for (file, expected) in cases {
        let output = sign_off(&root, file);
        assert_eq!(output.status.code(), Some(1), "{file}");
        assert!(stderr(&output).starts_with(expected), "{}", stderr(&output));
    }
    assert!(!root.join("signoffs.yaml").exists());
}
