//! Rules for readers with disabilities: images need alt text, links must say where they
//! lead, and headings must form an outline a screen reader can navigate (WCAG 1.1.1, 2.4.4,
//! 1.3.1).

use super::CheckedFile;
use crate::diagnostic::{Diagnostic, Rule};

/// Link texts that say nothing about where they lead (WCAG 2.4.4).
const VAGUE_LINK_TEXTS: &[&str] = &[
    "click here",
    "here",
    "this link",
    "link",
    "read more",
    "more",
    "this page",
    "click",
    "点击这里",
    "这里",
    "点此",
    "此处",
    "点击此处",
    "链接",
    "更多",
    "详情",
];

/// Image alt text, link text and heading levels of one file.
pub fn check(file: &CheckedFile) -> Vec<Diagnostic> {
    let document = &file.document;
    let at = |offset: usize| file.location(offset);
    let mut findings = Vec::new();
    for section in &document.sections {
        for image in &section.images {
            if image.alt.trim().is_empty() {
                findings.push(
                    Diagnostic::warning(at(image.offset), "image without alt text")
                        .with_hint("describe the image for people who cannot see it: ![Diagram of the eye](eye.svg)")
                        .for_rule(Rule::ImageAlt),
                );
            }
        }
        for link in &section.links {
            let text = link
                .text
                .trim()
                .trim_end_matches(['.', '。', '!', '！'])
                .to_lowercase();
            if text.is_empty() || VAGUE_LINK_TEXTS.contains(&text.as_str()) {
                let shown = if text.is_empty() {
                    "empty link text".to_string()
                } else {
                    format!("vague link text \"{}\"", link.text.trim())
                };
                findings.push(
                    Diagnostic::warning(at(link.offset), shown)
                        .with_hint("say where the link leads, e.g. [the gastroscopy leaflet](../gastroscopy/)")
                        .for_rule(Rule::LinkText),
                );
            }
        }
    }
    // The page title is the only level-1 heading; sections start at ## and never skip a level.
    let mut previous = 1;
    for heading in &document.headings {
        if heading.level == 1 {
            findings.push(
                Diagnostic::warning(
                    at(heading.offset),
                    "level-1 heading in the body: the title is the page's only `#` heading",
                )
                .with_hint("start sections with ##")
                .for_rule(Rule::HeadingLevel),
            );
        } else if heading.level > previous + 1 {
            findings.push(
                Diagnostic::warning(
                    at(heading.offset),
                    format!("heading level skipped: {} after {}", "#".repeat(heading.level.into()), "#".repeat(previous.into())),
                )
                .with_hint("screen reader users navigate by heading levels; use one level deeper at a time")
                .for_rule(Rule::HeadingLevel),
            );
        }
        previous = heading.level;
    }
    findings
}
