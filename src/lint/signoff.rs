//! Translations that fell behind their source: `leafpress sign-off` records a fingerprint of
//! each section of the source a translation was checked against, and `source-changed` reports
//! each section whose words changed since, at the translation's matching section.
//!
//! A fingerprint covers a section's words only (headings, paragraphs, list items, table cells,
//! link texts, image alt text), each run of spaces and line breaks as one space: reflowing a
//! paragraph, trailing spaces or new line breaks change nothing. What changed is shown as a
//! word diff when the text signed off can be found again in the site's git history; otherwise
//! the section is named.

use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

use super::CheckedFile;
use super::document::{Document, Section};
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::frontmatter;
use crate::model::signoffs::{SectionPrint, SignOff};
use crate::text::markdown::Body;

/// Hex digits of a section's fingerprint kept in the record.
const FINGERPRINT_DIGITS: usize = 16;

/// How many of a source file's past versions are read to find the text signed off.
const HISTORY_DEPTH: usize = 50;

/// The words of each section of a document, in order, one space between words.
pub fn section_words(document: &Document) -> Vec<String> {
    document.sections.iter().map(words).collect()
}

fn words(section: &Section) -> String {
    let texts = section
        .blocks
        .iter()
        .map(|block| block.text.as_str())
        .chain(section.images.iter().map(|image| image.alt.as_str()));
    let mut words = String::new();
    for word in texts.flat_map(str::split_whitespace) {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(word);
    }
    words
}

/// The fingerprint of a section's words.
pub fn fingerprint(words: &str) -> String {
    let digest = Sha256::digest(words.as_bytes());
    digest
        .iter()
        .take(FINGERPRINT_DIGITS / 2)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Each section of a source as a sign-off records it.
pub fn section_prints(document: &Document) -> Vec<SectionPrint> {
    document
        .sections
        .iter()
        .map(|section| SectionPrint {
            fingerprint: fingerprint(&words(section)),
            heading: section
                .heading
                .as_ref()
                .map_or_else(String::new, |h| h.text.clone()),
        })
        .collect()
}

/// `source-changed`: each section of `source` whose words are not those `signoff` recorded,
/// reported at `translation`'s section of the same place. A section the translation lacks is
/// left to `structure-mismatch`.
pub fn source_changed(
    root: &Path,
    source: &CheckedFile,
    translation: &CheckedFile,
    signoff: &SignOff,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    let mut history: Option<Vec<Vec<String>>> = None;
    let current = section_words(&source.document);
    let sections = source.document.sections.iter().zip(&current).enumerate();
    for (index, (section, words)) in sections {
        let Some(target) = translation.document.sections.get(index) else {
            continue;
        };
        let recorded = signoff.sections.get(index).map(|s| s.fingerprint.as_str());
        if recorded == Some(fingerprint(words).as_str()) {
            continue;
        }
        let name = section
            .heading
            .as_ref()
            .map_or("the introduction".to_string(), |h| {
                format!("section \"{}\"", h.text)
            });
        let signed = match &signoff.by {
            Some(by) => format!("on {} by {by}", signoff.date),
            None => format!("on {}", signoff.date),
        };
        let change = match recorded {
            None => "is new since the sign-off".to_string(),
            Some(recorded) => {
                let history =
                    history.get_or_insert_with(|| past_versions(root, &source.translation.path));
                match history
                    .iter()
                    .filter_map(|version| version.get(index))
                    .find(|old| fingerprint(old) == recorded)
                {
                    Some(old) => format!("changed since the sign-off: {}", word_diff(old, words)),
                    None => "changed since the sign-off (the text signed off is not in the site's git history to compare)".to_string(),
                }
            }
        };
        let at = |section: &Section| {
            section
                .heading
                .as_ref()
                .map_or(section.offset, |h| h.offset)
        };
        let source_lang = &source.translation.lang;
        findings.push(
            Diagnostic::warning(
                translation.location(at(target)),
                format!(
                    "the {source_lang} text of {name} changed after this translation was signed off {signed}"
                ),
            )
            .with_note(
                source.location(at(section)),
                format!("the {source_lang} text {change}"),
            )
            .with_hint(format!(
                "bring the translation up to date, then run `leafpress sign-off {}`",
                translation.translation.path.display()
            ))
            .for_rule(Rule::SourceChanged),
        );
    }
    findings
}

/// The section words of the source file's versions in the site's git history, newest first;
/// none when the site is not in a git repository or the file was never committed.
fn past_versions(root: &Path, path: &Path) -> Vec<Vec<String>> {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .ok()
            .filter(|output| output.status.success())
            .map(|output| String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let path = path.to_string_lossy().replace('\\', "/");
    let Some(log) = git(&[
        "log",
        "--format=%H",
        &format!("-{HISTORY_DEPTH}"),
        "--",
        &path,
    ]) else {
        return Vec::new();
    };
    log.lines()
        .filter_map(|commit| git(&["show", &format!("{commit}:./{path}")]))
        .filter_map(|text| {
            let text = text.replace("\r\n", "\n");
            let split = frontmatter::split(Path::new(&path), &text).ok()?;
            let body = Body::parse(&text, split.body_offset);
            Some(section_words(&Document::new(
                &text,
                split.body_offset,
                &body,
            )))
        })
        .collect()
}

/// The words that changed from `old` to `new`, as `[-removed-]{+added+}` with a few words
/// around each change; a long diff is cut short.
fn word_diff(old: &str, new: &str) -> String {
    const CONTEXT: usize = 3;
    const LONGEST: usize = 240;
    let old: Vec<&str> = old.split_whitespace().collect();
    let new: Vec<&str> = new.split_whitespace().collect();
    let ops = similar::capture_diff_slices(similar::Algorithm::Patience, &old, &new);
    let last = ops.len().saturating_sub(1);
    let mut parts: Vec<String> = Vec::new();
    for (index, op) in ops.iter().enumerate() {
        if let similar::DiffOp::Equal { old_index, len, .. } = *op {
            let same = &old[old_index..old_index + len];
            // Words before the first change, after the last, and between two changes, each
            // cut to a few next to a change.
            let (keep_head, keep_tail) = match (index == 0, index == last) {
                (true, true) => (same.len(), 0),
                (true, false) => (0, CONTEXT),
                (false, true) => (CONTEXT, 0),
                (false, false) => (CONTEXT, CONTEXT),
            };
            if same.len() > keep_head + keep_tail {
                let head = same[..keep_head].join(" ");
                let tail = same[same.len() - keep_tail..].join(" ");
                parts.push(format!("{head}…{tail}").trim().to_string());
            } else {
                parts.push(same.join(" "));
            }
            continue;
        }
        let removed = old[op.old_range()].join(" ");
        let added = new[op.new_range()].join(" ");
        let mut change = String::new();
        if !removed.is_empty() {
            change.push_str(&format!("[-{removed}-]"));
        }
        if !added.is_empty() {
            change.push_str(&format!("{{+{added}+}}"));
        }
        parts.push(change);
    }
    let diff = parts.join(" ").replace("… ", "…").replace(" …", "…");
    if diff.chars().count() > LONGEST {
        let cut: String = diff.chars().take(LONGEST).collect();
        format!("{cut}…")
    } else {
        diff
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(markdown: &str) -> Document {
        Document::new(markdown, 0, &Body::parse(markdown, 0))
    }

    #[test]
    fn reflowing_does_not_change_a_fingerprint_and_new_words_do() {
        let before =
            document("Intro.\n\n## Before\n\nDo not eat\nfor 6 hours.\n\n- Bring   your letter.\n");
        let reflowed =
            document("Intro.\n\n## Before\n\nDo not eat for 6 hours.  \n\n- Bring your letter.\n");
        let edited =
            document("Intro.\n\n## Before\n\nDo not eat for 8 hours.\n\n- Bring your letter.\n");
        let prints = |d: &Document| {
            section_prints(d)
                .into_iter()
                .map(|s| s.fingerprint)
                .collect::<Vec<_>>()
        };
        assert_eq!(prints(&before), prints(&reflowed));
        assert_eq!(prints(&before)[0], prints(&edited)[0]);
        assert_ne!(prints(&before)[1], prints(&edited)[1]);
        assert_eq!(
            section_words(&before)[1],
            "Before Do not eat for 6 hours. Bring your letter."
        );
    }

    #[test]
    fn word_diffs_show_the_changed_words_with_a_little_context() {
        let cases = [
            (
                "Do not eat for 6 hours before your test.",
                "Do not eat for 8 hours before your test.",
                "…not eat for [-6-]{+8+} hours before your…",
            ),
            (
                "Take one tablet.",
                "Take two tablets.",
                "Take [-one tablet.-]{+two tablets.+}",
            ),
            ("Rest.", "Rest. Then walk.", "Rest. {+Then walk.+}"),
        ];
        for (old, new, expected) in cases {
            assert_eq!(word_diff(old, new), expected, "{old} → {new}");
        }
    }
}
