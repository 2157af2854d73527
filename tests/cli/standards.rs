//! What the standards for patient information ask of each leaflet (issue 20): its sources (PIF
//! TICK), departments named the same way in every language, and a large-print version
//! (Accessible Information Standard, RNIB Clear Print).

use crate::{TODAY, assert_diagnostics, build_with_env, fixture, read, stderr};

fn built(name: &str) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let output = build_with_env(&fixture(name), &out, &["--today", TODAY], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = stderr(&output);
    (dir, out, printed)
}

#[test]
fn sources_are_listed_on_the_page_the_print_page_and_the_large_print() {
    let (_dir, out, _) = built("moved");
    for (lang, heading, first, second) in [
        (
            "en",
            "Sources",
            "Knee replacement guideline, 2025",
            "Patient panel review, January 2026",
        ),
        (
            "zh",
            "信息来源",
            "膝关节置换指南，2025 年",
            "患者小组审阅，2026 年 1 月",
        ),
    ] {
        let section = format!(
            "<section class=\"sources\" aria-labelledby=\"lp-sources\">\n\
             <h2 id=\"lp-sources\">{heading}</h2>\n<ul>\n\
             <li><a href=\"https://guidance.example.org/knee?edition=2025&amp;format=web\">{first}</a></li>\n\
             <li>{second}</li>\n</ul>\n</section>"
        );
        for page in ["", "print/", "print/large/"] {
            let path = format!("{lang}/knee-replacement/{page}index.html");
            assert!(read(out.join(&path)).contains(&section), "{path}");
        }
        // A leaflet without sources has no empty section.
        let other = read(out.join(format!("{lang}/crutches/index.html")));
        assert!(!other.contains("class=\"sources\""));
    }
}

#[test]
fn departments_not_named_as_in_site_yaml_are_warnings_at_the_front_matter_line() {
    assert_diagnostics("departments");
}

#[test]
fn a_language_index_lists_an_untranslated_leaflet_under_its_own_department_name() {
    let (_dir, out, _) = built("departments");
    let zh = read(out.join("zh/index.html"));
    // The English-only leaflet's department is Physiotherapy, 康复科 in Chinese.
    let heading = zh
        .find("<h2 id=\"department-1\">康复科</h2>")
        .expect("康复科");
    let leaflet = zh
        .find(
            "<a href=\"../en/back-pain/\" lang=\"en\" hreflang=\"en\">Exercises for back pain</a>",
        )
        .expect("the leaflet, in English");
    assert!(heading < leaflet && !zh.contains(">Physiotherapy<"), "{zh}");
    assert!(read(out.join("en/index.html")).contains(">Physiotherapy</h2>"));
}

#[test]
fn every_leaflet_has_a_large_print_page_linked_beside_print_this_leaflet() {
    let (_dir, out, _) = built("moved");
    for (lang, print, large) in [
        ("en", "Print this leaflet", "Large print"),
        ("zh", "打印本须知", "大字版"),
    ] {
        let page = read(out.join(format!("{lang}/crutches/index.html")));
        assert!(
            page.contains(&format!(
                "<p class=\"actions\"><a class=\"button\" href=\"print/\">{print}</a>\n\
                 <a class=\"button secondary\" href=\"print/large/\">{large}</a>"
            )),
            "{page}"
        );
        let print = read(out.join(format!("{lang}/crutches/print/index.html")));
        let large = read(out.join(format!("{lang}/crutches/print/large/index.html")));
        assert!(large.contains("class=\"large-print\">"));
        assert!(
            large.contains("<a href=\"../../\">"),
            "back to the online page"
        );
        // The same footer contents as the print page, in larger type.
        let footer = |html: &str| {
            let style = &html[html.find("@bottom-left {").unwrap()..];
            style[..style.find("width:").unwrap()].to_string()
        };
        assert_eq!(footer(&large), footer(&print));
        assert!(large.contains("font-size: 16pt;") && print.contains("font-size: 8pt;"));
        // Same body, contact lines and QR code.
        for part in [
            "<div class=\"leaflet-body\">",
            "<footer class=\"print-contact\">",
            "<svg class=\"qr-code\"",
        ] {
            let from = |html: &str| {
                let start = html.find(part).unwrap();
                html[start..start + html[start..].find("</").unwrap()].to_string()
            };
            assert_eq!(from(&large), from(&print), "{lang}: {part}");
        }
    }
}
