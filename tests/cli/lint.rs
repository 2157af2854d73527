//! Content checks: every rule at the right place, site rule levels, allow markers, review dates.

use crate::{assert_diagnostics, fixture, leafpress, stderr};

#[test]
fn content_rules_report_exact_diagnostics() {
    // Clean bilingual leaflet `clean` must produce nothing; every other leaflet shows one kind
    // of finding (structure, accessibility, overdue review, silenced spots).
    assert_diagnostics("lint-rules");
}

#[test]
fn clean_leaflets_produce_no_findings() {
    let expected =
        std::fs::read_to_string(fixture("lint-rules").join("expected-diagnostics.txt")).unwrap();
    assert!(
        !expected.contains("leaflets/clean/"),
        "false alarms on a well-written leaflet"
    );
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
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    crate::copy_dir(&fixture("lint-rules"), &root);
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
    assert!(output.contains("site.yaml:2:1: error: rules: unknown rule `heading-levels`\n  = hint: did you mean `heading-level`?"));
}
