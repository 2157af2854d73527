//! Print pages and the bilingual handout, as HTML (the PDFs are checked in `pdf.rs`).

use std::fs;

use crate::{build_ok, fixture, leafpress, read, stderr};

#[test]
fn print_page_footer_shows_details_and_page_numbers_in_its_language() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let en = read(out.join("en/fasting/print/index.html"));
    assert!(en.contains("@page { size: A4;"));
    assert!(en.contains("@bottom-left { content: \"Reference FIX-0001 · Version 1\" \" · \" \"Last reviewed 1 February 2026 · Next review due 1 February 2027\";"));
    assert!(
        en.contains("@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages);")
    );
    let zh = read(out.join("zh/fasting/print/index.html"));
    assert!(zh.contains("\"编号 FIX-0001 · 版本 1\""));
    assert!(zh.contains("content: \"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\";"));
}

#[test]
fn print_page_has_a_qr_code_and_the_address_it_encodes() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let zh = read(out.join("zh/fasting/print/index.html"));
    assert!(zh.contains("<svg class=\"qr-code\" role=\"img\" aria-label=\"在线版本的二维码：https://cdn.example.org/leaflets/zh/fasting/\""));
    assert!(zh.contains("<span class=\"url\">https://cdn.example.org/leaflets/zh/fasting/</span>"));
    // Only content in print: the way back is marked screen-only.
    assert!(zh.contains("<nav class=\"screen-only print-tools\""));
    assert!(zh.contains("<a href=\"../\">返回在线版本</a>"));
}

#[test]
fn bilingual_handout_pairs_the_languages_section_by_section() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let handout = read(out.join("fasting/print/bilingual/index.html"));
    assert!(handout.contains("<span lang=\"en\">Fasting before your operation"));
    assert!(handout.contains("<span lang=\"zh-Hans\">手术前禁食</span>"));
    assert!(
        handout.contains("content: \"FIX-0001\""),
        "one shared footer with the reference"
    );
    let rows: Vec<&str> = handout
        .split("<div class=\"handout-row\">")
        .skip(1)
        .collect();
    assert_eq!(rows.len(), 2, "one row per ## section");
    assert!(rows[0].contains("lang=\"en\"") && rows[0].contains("Before you come in"));
    assert!(rows[0].contains("lang=\"zh-Hans\"") && rows[0].contains("入院前"));
    assert!(rows[1].contains("Who to call") && rows[1].contains("联系方式"));
    let clock = crate::asset_file(&out, "clock", "svg");
    assert!(handout.contains(&format!("src=\"../../../assets/{clock}\"")));
    // A leaflet in one language has no handout; the leaflet page links to the one that exists.
    assert!(!out.join("wound-care/print/bilingual").exists());
    let page = read(out.join("en/fasting/index.html"));
    assert!(page.contains("<a class=\"button secondary\" href=\"../../fasting/print/bilingual/\">Bilingual handout</a>"));
}

#[test]
fn paper_size_comes_from_site_yaml_and_a5_stacks_the_handout() {
    let (_dir, root) = crate::editable_copy("minimal");
    fs::write(
        root.join("site.yaml"),
        format!(
            "{}base_url: https://cdn.example.org/\npaper: a5\n",
            crate::HOSPITAL
        ),
    )
    .unwrap();
    let (_out_dir, out) = build_ok(&root, &[]);
    assert!(read(out.join("en/fasting/print/index.html")).contains("@page { size: A5;"));
    assert!(
        read(out.join("fasting/print/bilingual/index.html"))
            .contains("class=\"print-page handout stacked\"")
    );

    fs::write(
        root.join("site.yaml"),
        "base_url: https://cdn.example.org/\npaper: A3\n",
    )
    .unwrap();
    let output = leafpress(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("\nsite.yaml:2:8: error: paper: expected a4, letter or a5\n"));
}

#[test]
fn pages_link_to_pdfs_only_when_pdfs_are_made() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    assert!(!read(out.join("en/fasting/index.html")).contains(".pdf"));
}

#[test]
fn bilingual_handout_heading_ids_never_clash_between_languages() {
    let (_dir, out) = build_ok(&fixture("minimal"), &[]);
    let handout = read(out.join("fasting/print/bilingual/index.html"));
    assert!(handout.contains("<h2 id=\"en-before-you-come-in\">"));
    assert!(handout.contains("<h2 id=\"zh-入院前\">"));
}
