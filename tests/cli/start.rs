//! Starting a site and a leaflet (issue 20): `leafpress init` and `leafpress new`, through the
//! real binary, up to a clean build.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::{TODAY, build_with_env, leafpress, read, stderr, tree};

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leafpress"))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("the leafpress binary runs")
}

/// A site started by `leafpress init --today TODAY` in `<tmp>/site`.
fn init_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let output = leafpress(&["init", root.to_str().unwrap(), "--today", TODAY]);
    assert!(output.status.success(), "{}", stderr(&output));
    (dir, root)
}

/// Fills in what `init` leaves to the hospital: its name, emergency number, switchboard and
/// feedback address, and where the site is served.
fn fill_in(root: &Path) {
    fill_in_hospital(root);
    let site = read(root.join("site.yaml"))
        .replace("base_url:\n", "base_url: https://leaflets.example.org/\n");
    fs::write(root.join("site.yaml"), site).unwrap();
}

/// Fills in the hospital only: its name, emergency number, switchboard and feedback address.
fn fill_in_hospital(root: &Path) {
    let site = read(root.join("site.yaml"))
        .replace(
            "name: { en: TODO, zh: TODO }",
            "name: { en: St Example Hospital, zh: 圣例医院 }",
        )
        .replace("emergency: \"TODO\"", "emergency: \"000\"")
        .replace("phone:     ", "phone: \"02 9999 0000\"")
        .replace("feedback:  ", "feedback: mailto:leaflets@example.org");
    fs::write(root.join("site.yaml"), site).unwrap();
}

/// `leafpress build` of the site at `root` into `out` on the fixtures' day.
fn build(root: &Path, out: &Path) -> Output {
    build_with_env(root, out, &["--today", TODAY], &[])
}

fn new_leaflet(root: &Path, args: &[&str]) -> Output {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", root.to_str().unwrap(), "--today", TODAY]);
    leafpress(&all)
}

fn files(root: &Path) -> Vec<String> {
    tree(root)
        .keys()
        .map(|path| path.to_string_lossy().into_owned())
        .collect()
}

#[test]
fn init_writes_site_yaml_and_a_sample_leaflet_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let output = leafpress(&["init", root.to_str().unwrap(), "--today", TODAY]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        files(&root),
        [
            "leaflets/blood-test/en.md",
            "leaflets/blood-test/zh.md",
            "site.yaml"
        ]
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("next: replace each TODO under `hospital:`"),
        "{stdout}"
    );
    // Reviewed on the day of init, due after the default review period of 3 years.
    let en = read(root.join("leaflets/blood-test/en.md"));
    assert!(
        en.contains("\nreviewed: 2026-06-01\nreview_due: 2029-06-01\n"),
        "{en}"
    );
    // The sample leaflet has no finding: check says only what is left to fill in.
    let check = leafpress(&["check", "--root", root.to_str().unwrap(), "--today", TODAY]);
    let firsts: Vec<String> = stderr(&check)
        .lines()
        .filter(|line| line.starts_with("site.yaml") || line.starts_with("leaflets"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        firsts,
        [
            "site.yaml: warning: base_url is not set: canonical links and the sitemap point to http://localhost:8000/",
            "site.yaml:7:9: warning: hospital.name and hospital.emergency are still TODO: pages need the hospital's name and the number to call in an emergency",
        ]
    );
    assert!(check.status.success());
}

#[test]
fn build_refuses_the_todo_hospital_of_init_at_its_line() {
    let (dir, root) = init_site();
    let out = dir.path().join("public");
    let output = build(&root, &out);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(
            "site.yaml:7:9: error: hospital.name and hospital.emergency are still TODO: pages need the hospital's name and the number to call in an emergency\n  |\n7 |   name: { en: TODO, zh: TODO }   # its name in each language\n  |         ^\n  = hint: replace each TODO in site.yaml (the emergency number is the one patients call, such as \"999\", \"911\", \"000\" or \"120\"):\n          hospital:\n            name: { en: TODO, zh: TODO }\n            emergency: \"TODO\"\n"
        ),
        "{message}"
    );
    assert!(!out.exists());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "keep me").unwrap();
    let before = tree(dir.path());
    let output = leafpress(&["init", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "{}: error: the folder is not empty: `leafpress init` starts a site only in a new or empty folder\n  = hint: give a new folder, e.g. `leafpress init leaflets-site`\n1 error, 0 warnings\n",
            dir.path().display()
        )
    );
    assert!(before == tree(dir.path()));
}

#[test]
fn init_new_and_the_filled_in_hospital_build_with_no_warnings() {
    // `init --base-url` (as `zola init` asks for it): only the hospital is left to fill in.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let output = leafpress(&[
        "init",
        root.to_str().unwrap(),
        "--today",
        TODAY,
        "--base-url",
        "https://leaflets.example.org/patients",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        read(root.join("site.yaml"))
            .contains("\nbase_url: https://leaflets.example.org/patients/\n")
    );
    let output = new_leaflet(
        &root,
        &[
            "knee-replacement",
            "--department",
            "检验科",
            "--reference",
            "PAT-0002",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    fill_in_hospital(&root);
    let out = dir.path().join("public");
    let output = build(&root, &out);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "a fresh site builds without a finding");
    assert!(
        read(out.join("en/blood-test/index.html"))
            .contains("https://leaflets.example.org/patients/en/blood-test/")
    );
    let en = read(out.join("en/blood-test/index.html"));
    let zh = read(out.join("zh/blood-test/index.html"));
    assert!(en.contains("<span class=\"hospital\">St Example Hospital</span>"));
    assert!(en.contains("<p class=\"emergency\">In an emergency, call 000.</p>"));
    assert!(zh.contains("<span class=\"hospital\">圣例医院</span>"));
    assert!(zh.contains("<p class=\"emergency\">紧急情况请拨打 000。</p>"));
    assert!(zh.contains("抽血检查"));
    // The new leaflet is published too, with its sections, under the department's name in
    // each language.
    let knee = read(out.join("zh/knee-replacement/index.html"));
    assert!(
        knee.contains("风险和副作用") && knee.contains("<span class=\"hospital\">圣例医院</span>")
    );
    assert!(read(out.join("en/index.html")).contains("Pathology"));
    assert!(read(out.join("en/knee-replacement/index.html")).contains("Risks and side effects"));
}

#[test]
fn new_writes_every_language_with_complete_front_matter() {
    let (_dir, root) = init_site();
    fs::write(
        root.join("site.yaml"),
        read(root.join("site.yaml")).replace("review_period: 3 years", "review_period: 18 months"),
    )
    .unwrap();
    let output = new_leaflet(&root, &["mri-scan", "--department", "Pathology"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!(
            "wrote {0}/leaflets/mri-scan/en.md\nwrote {0}/leaflets/mri-scan/zh.md\n",
            root.display()
        )
    );
    assert_eq!(
        read(root.join("leaflets/mri-scan/en.md")),
        "---\ntitle: Mri scan\nsummary: What happens during this procedure, and how to get ready for it.\nreference: TODO\nversion: 1\ndepartment: Pathology\nreviewed: 2026-06-01\nreview_due: 2027-12-01\n---\n\n<!-- Write each section in short sentences and everyday words. Notes like this one are left out of the page. -->\n\n## What is it?\n\n## Why do I need it?\n\n## Getting ready\n\n## On the day\n\n## Afterwards\n\n## Risks and side effects\n\n## Contact us\n"
    );
    let zh = read(root.join("leaflets/mri-scan/zh.md"));
    assert!(zh.contains("\nreference: TODO\nversion: 1\ndepartment: 检验科\nreviewed: 2026-06-01\nreview_due: 2027-12-01\n"), "{zh}");
    assert!(
        zh.contains("\n## 准备工作\n") && zh.contains("\n## 联系我们\n"),
        "{zh}"
    );
    // A department `departments:` does not list is written as given, in every language.
    let output = new_leaflet(&root, &["ecg", "--department", "Cardiology"]);
    assert!(output.status.success(), "{}", stderr(&output));
    for lang in ["en", "zh"] {
        let file = read(root.join(format!("leaflets/ecg/{lang}.md")));
        assert!(file.contains("\ndepartment: Cardiology\n"), "{file}");
    }
    // Without --department the department is left TODO, like the reference.
    let output = new_leaflet(&root, &["skin-biopsy"]);
    assert!(output.status.success(), "{}", stderr(&output));
    // The reference left TODO: check flags it in each language, build refuses it.
    let check = leafpress(&["check", "--root", root.to_str().unwrap(), "--today", TODAY]);
    for lang in ["en", "zh"] {
        assert!(
            stderr(&check).contains(&format!("leaflets/skin-biopsy/{lang}.md:6:13: warning: department is still TODO: the leaflet needs its own department\n")),
            "{}",
            stderr(&check)
        );
    }
    let message = stderr(&check);
    for lang in ["en", "zh"] {
        assert!(
            message.contains(&format!("leaflets/mri-scan/{lang}.md:4:12: warning: reference is still TODO: the leaflet needs its own reference\n")),
            "{message}"
        );
    }
    fill_in(&root);
    let dir = tempfile::tempdir().unwrap();
    let output = build(&root, &dir.path().join("public"));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("\nleaflets/mri-scan/en.md:4:12: error: reference is still TODO: the leaflet needs its own reference\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn new_dates_the_leaflet_by_source_date_epoch_without_today() {
    let (_dir, root) = init_site();
    // 2027-03-15 00:00:00 UTC.
    let output = run(
        &["new", "ct-scan", "--root", root.to_str().unwrap()],
        &[("SOURCE_DATE_EPOCH", "1805068800")],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        read(root.join("leaflets/ct-scan/en.md"))
            .contains("\nreviewed: 2027-03-15\nreview_due: 2030-03-15\n")
    );
}

#[test]
fn new_refuses_a_bad_slug_an_existing_one_and_a_used_reference() {
    let (_dir, root) = init_site();
    let before = tree(&root);
    for (args, expected) in [
        (
            &["Knee_Replacement"][..],
            "leaflets/Knee_Replacement: error: invalid slug \"Knee_Replacement\": it becomes the leaflet's address\n  = hint: use lowercase letters, digits and `-`, e.g. knee-replacement\n1 error, 0 warnings\n",
        ),
        (
            &["blood-test"][..],
            "leaflets/blood-test: error: a leaflet \"blood-test\" already exists\n  = hint: choose another slug, or edit the files in that folder\n1 error, 0 warnings\n",
        ),
        (
            &["knee", "--reference", "PAT-0001"][..],
            "--reference: error: reference \"PAT-0001\" is already used by another leaflet\nleaflets/blood-test/en.md:4:12: note: used here\n  = hint: each leaflet needs its own reference\n1 error, 0 warnings\n",
        ),
    ] {
        let output = new_leaflet(&root, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&output), expected, "{args:?}");
    }
    assert!(before == tree(&root), "a refused `new` writes nothing");
}
