//! A real hospital's site (issue 20): the hospital's identity from `site.yaml`, feedback,
//! sources, departments, large print, aliases, withdrawn leaflets, the dropped-leaflet
//! warning, `init` and `new`, and how findings are shown on a terminal.

use crate::{TODAY, assert_diagnostics, build_ok, fixture, leafpress, read, repo, stderr};

// ---------------------------------------------------------------------------------------------
// The hospital's identity

#[test]
fn check_warns_about_a_site_without_its_hospital() {
    assert_diagnostics("no-hospital");
}

#[test]
fn build_refuses_a_site_without_its_hospital_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let output = leafpress(&[
        "build",
        "--root",
        fixture("no-hospital").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "site.yaml: error: hospital.name and hospital.emergency are not set: pages need the hospital's name and the number to call in an emergency\n  = hint: add to site.yaml, then replace each TODO (the emergency number is the one patients call, such as \"999\", \"911\", \"000\" or \"120\"):\n          hospital:\n            name: {{ en: TODO, zh: TODO }}\n            emergency: \"TODO\"\n1 error, 0 warnings\nbuild failed; {} was left unchanged\n",
            out.display()
        )
    );
    assert!(!out.exists());
}

#[test]
fn every_page_takes_the_hospital_from_site_yaml_in_its_language() {
    let (_dir, out) = build_ok(&repo(), &[]);
    let en = read(out.join("en/colonoscopy/index.html"));
    let zh = read(out.join("zh/colonoscopy/index.html"));
    assert!(en.contains("<title>Colonoscopy – Riverside Example Hospital</title>"));
    assert!(en.contains("<span class=\"hospital\">Riverside Example Hospital</span>"));
    assert!(zh.contains("<span class=\"hospital\">河畔示例医院</span>"));
    assert!(en.contains("<p class=\"phone\">Hospital switchboard: 020 7946 0000</p>"));
    assert!(en.contains("<p class=\"emergency\">In an emergency, call 999.</p>"));
    assert!(zh.contains("<p class=\"phone\">医院总机：020 7946 0000</p>"));
    assert!(zh.contains("<p class=\"emergency\">紧急情况请拨打 999。</p>"));
    // The print page carries the same contact lines, and so does the handout in each language.
    let print = read(out.join("zh/colonoscopy/print/index.html"));
    assert!(print.contains("<p class=\"hospital\">河畔示例医院</p>"));
    assert!(print.contains("<p class=\"emergency\">紧急情况请拨打 999。</p>"));
    let handout = read(out.join("colonoscopy/print/bilingual/index.html"));
    for text in [
        "<p class=\"hospital\">Riverside Example Hospital</p>",
        "<p class=\"hospital\">河畔示例医院</p>",
        "<p class=\"emergency\">In an emergency, call 999.</p>",
        "<p class=\"emergency\">紧急情况请拨打 999。</p>",
    ] {
        assert!(handout.contains(text), "handout lacks {text}");
    }
    // The home page, the 404 page and the search box.
    let home = read(out.join("index.html"));
    assert!(home.contains("explain tests and operations at Riverside Example Hospital,"));
    assert!(home.contains("介绍河畔示例医院的各项检查和手术"));
    let not_found = read(out.join("404.html"));
    assert!(not_found.contains("<title>Page not found – Riverside Example Hospital</title>"));
    assert!(not_found.contains("In an emergency, call 999."));
    assert!(zh.contains("<label for=\"search-input\">搜索河畔示例医院的须知</label>"));
}

#[test]
fn feedback_links_name_the_leaflet_its_version_and_language() {
    let (_dir, out) = build_ok(&repo(), &[]);
    let en = read(out.join("en/colonoscopy/index.html"));
    assert!(en.contains("<p class=\"feedback\" data-search-ignore><a href=\"mailto:leaflets@riverside-hospital.example?subject=Leaflet%20GAS-0101%2C%20version%202%2C%20en\">Tell us what you think of this leaflet</a></p>"), "{en}");
    let print = read(out.join("zh/colonoscopy/print/index.html"));
    assert!(print.contains("<a href=\"mailto:leaflets@riverside-hospital.example?subject=%E9%A1%BB%E7%9F%A5%20GAS-0101%EF%BC%8C%E7%AC%AC%202%20%E7%89%88%EF%BC%8Czh\">告诉我们您对本须知的意见</a>：<span class=\"url\">leaflets@riverside-hospital.example</span>"), "{print}");
    // The address follows in each language's punctuation (a full-width colon in Chinese).
    let print = read(out.join("en/colonoscopy/print/index.html"));
    assert!(print.contains("Tell us what you think of this leaflet</a>: <span class=\"url\">leaflets@riverside-hospital.example</span>"), "{print}");
}

#[test]
fn without_feedback_or_phone_pages_leave_them_out() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let en = read(out.join("en/fasting/index.html"));
    assert!(!en.contains("class=\"feedback\"") && !en.contains("class=\"phone\""));
    assert!(en.contains("<span class=\"hospital\">Fixture Hospital</span>"));
}
