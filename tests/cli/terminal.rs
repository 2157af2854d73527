//! How findings and the status report look on a terminal (issue 20): `build` shows the first
//! findings and a summary per rule, `report` a text table. The terminal is a pseudo-terminal
//! from util-linux `script`; piped, the output is what scripts and editors read.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use crate::{HOSPITAL, TODAY, leaflet_file, leafpress, stderr};

/// A site of `leaflets` leaflets whose Chinese files were left in English: each of the
/// `paragraphs` paragraphs is an untranslated-text finding; one leaflet also has a half-width
/// comma after Chinese text, which `check --fix` mends.
pub(crate) fn untranslated_site(root: &Path, leaflets: usize, paragraphs: usize) {
    fs::create_dir_all(root).unwrap();
    fs::write(
        root.join("site.yaml"),
        format!("{HOSPITAL}base_url: https://x.example/\n"),
    )
    .unwrap();
    let body: String = (0..paragraphs)
        .map(|i| format!("Drink water before test number {i}.\n\n"))
        .collect();
    for n in 0..leaflets {
        let dir = root.join(format!("leaflets/l{n:03}"));
        fs::create_dir_all(&dir).unwrap();
        let reference = format!("T-{n}");
        fs::write(dir.join("en.md"), leaflet_file(&reference, &body)).unwrap();
        let extra = if n == 0 {
            "请喝水,然后休息。\n"
        } else {
            ""
        };
        fs::write(
            dir.join("zh.md"),
            leaflet_file(&reference, &format!("{body}{extra}")),
        )
        .unwrap();
    }
}

/// Runs leafpress with standard error (and output) on a pseudo-terminal, without colour;
/// returns what the terminal showed, with plain line ends.
pub(crate) fn on_terminal(args: &[&str]) -> String {
    let command: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_leafpress"))
        .chain(args.iter().copied())
        .map(|arg| format!("'{arg}'"))
        .collect();
    let output: Output = Command::new("script")
        .args(["-qec", &command.join(" "), "/dev/null"])
        .env("NO_COLOR", "1")
        .output()
        .expect("util-linux `script` runs");
    String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n")
}

fn first_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.contains(": warning: ")).collect()
}

#[test]
fn build_on_a_terminal_shows_200_findings_then_a_summary_per_rule() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    untranslated_site(&root, 30, 10);
    let root_arg = root.to_str().unwrap();
    let out = dir.path().join("public");
    let out_arg = out.to_str().unwrap();
    let args = [
        "build", "--root", root_arg, "--out", out_arg, "--today", TODAY,
    ];

    // Piped: every finding, as before.
    let piped = leafpress(&args);
    assert!(piped.status.success(), "{}", stderr(&piped));
    let all = stderr(&piped);
    assert_eq!(first_lines(&all).len(), 301);
    assert!(!all.contains("more findings not shown"));

    let shown = on_terminal(&args);
    assert_eq!(
        first_lines(&shown),
        first_lines(&all)[..200],
        "the first 200 findings in full, in the same order"
    );
    let summary = shown.split_once("\n\n101 more findings").map(|(_, s)| s);
    assert_eq!(
        summary,
        Some(format!(
            " not shown; all 301 by rule:

  rule               findings  leaflets  check --fix
  untranslated-text       300        30  no
  zh-punctuation            1         1  mends all

Every finding in full: `leafpress check --root {root_arg}`; a table of each leaflet's findings per rule: `leafpress report --root {root_arg}`
0 errors, 301 warnings
built 232 files into {out_arg}
"
        ))
        .as_deref(),
        "{shown}"
    );
    // `check` shows them all, on a terminal too.
    let check = on_terminal(&["check", "--root", root_arg, "--today", TODAY]);
    assert_eq!(first_lines(&check).len(), 301);
}

#[test]
fn report_on_a_terminal_is_a_text_table_and_html_when_piped_or_in_an_html_file() {
    let root = crate::fixture("minimal");
    let root_arg = root.to_str().unwrap();
    let shown = on_terminal(&["report", "--root", root_arg, "--today", TODAY]);
    assert_eq!(
        shown,
        "Leaflet status on 2026-06-01: 3 leaflets; 0 errors, 2 warnings; reviews: 0 overdue, 0 due soon; translations: 2 missing, 0 stale, 0 with their source changed

leaflet     lang  title                                 state    review due  findings
draft-one   en    Unfinished leaflet                    draft    2027-02-01  missing-translation 1
draft-one   zh    -                                     missing  -           -
fasting     en    Fasting before your operation <scri…  current  2027-02-01  -
fasting     zh    手术前禁食                            current  2027-02-01  -
wound-care  en    Caring for your wound                 current  2027-02-01  missing-translation 1
wound-care  zh    -                                     missing  -           -
"
    );
    let text = |output: &Output| String::from_utf8_lossy(&output.stdout).into_owned();
    // Piped: the HTML page, as before; `--format text` asks for the table.
    let piped = leafpress(&["report", "--root", root_arg, "--today", TODAY]);
    assert!(text(&piped).starts_with("<!DOCTYPE html>"));
    let table = leafpress(&[
        "report", "--root", root_arg, "--today", TODAY, "--format", "text",
    ]);
    assert_eq!(text(&table), shown);
    // In a file, the format follows its name; `--format` wins.
    let dir = tempfile::tempdir().unwrap();
    for (name, format, starts) in [
        ("status.html", None, "<!DOCTYPE html>"),
        ("status.json", None, "{"),
        ("status.txt", None, "Leaflet status on 2026-06-01"),
        ("status.html", Some("json"), "{"),
    ] {
        let file = dir.path().join(name);
        let file_arg = file.to_str().unwrap();
        let mut args = vec![
            "report", "--root", root_arg, "--today", TODAY, "--out", file_arg,
        ];
        if let Some(format) = format {
            args.extend(["--format", format]);
        }
        let output = on_terminal(&args);
        assert_eq!(output, "", "{name}: nothing on the terminal");
        assert!(crate::read(&file).starts_with(starts), "{name} {format:?}");
    }
}
