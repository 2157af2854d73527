//! Content checks a clinical reviewer can trust: named rules over leaflets and their
//! translations, configurable per site and silenced for one spot with an inline marker.

pub mod document;
pub mod numbers;
pub mod punctuation;
pub mod readability;
pub mod script;
pub mod text_rules;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_norway::Value;
use time::Date;

use crate::diagnostic::{Diagnostic, Level, LineIndex};
use crate::site::{Leaflet, Site, Translation};
use crate::yaml::{YamlMapping, closest};
use document::Document;

/// Every content rule, with the stable name users configure and silence it by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    MissingTranslation,
    StaleTranslation,
    StructureMismatch,
    NumberMismatch,
    UntranslatedText,
    ChineseInEnglish,
    Punctuation,
    ReviewOverdue,
    ReviewDueSoon,
    Readability,
    LongSentence,
    ImageAlt,
    LinkText,
    HeadingLevel,
}

impl Rule {
    pub const ALL: &[Rule] = &[
        Rule::MissingTranslation,
        Rule::StaleTranslation,
        Rule::StructureMismatch,
        Rule::NumberMismatch,
        Rule::UntranslatedText,
        Rule::ChineseInEnglish,
        Rule::Punctuation,
        Rule::ReviewOverdue,
        Rule::ReviewDueSoon,
        Rule::Readability,
        Rule::LongSentence,
        Rule::ImageAlt,
        Rule::LinkText,
        Rule::HeadingLevel,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Rule::MissingTranslation => "missing-translation",
            Rule::StaleTranslation => "stale-translation",
            Rule::StructureMismatch => "structure-mismatch",
            Rule::NumberMismatch => "number-mismatch",
            Rule::UntranslatedText => "untranslated-text",
            Rule::ChineseInEnglish => "chinese-in-english",
            Rule::Punctuation => "zh-punctuation",
            Rule::ReviewOverdue => "review-overdue",
            Rule::ReviewDueSoon => "review-due-soon",
            Rule::Readability => "readability",
            Rule::LongSentence => "long-sentence",
            Rule::ImageAlt => "image-alt",
            Rule::LinkText => "link-text",
            Rule::HeadingLevel => "heading-level",
        }
    }

    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.name() == name)
    }

    /// The level a finding has unless the site says otherwise.
    pub fn default_level(self) -> Level {
        match self {
            Rule::ReviewDueSoon => Level::Note,
            _ => Level::Warning,
        }
    }
}

/// What the site wants of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Off,
    Level(Level),
}

/// Content-check settings from `site.yaml` (`rules:` and the thresholds) and the command line.
#[derive(Debug, Clone)]
pub struct LintConfig {
    pub severities: BTreeMap<Rule, Severity>,
    /// Days before `review_due` when a review counts as due soon.
    pub review_soon_days: i64,
    /// Highest acceptable Flesch–Kincaid grade of an English leaflet.
    pub readability_grade: f64,
    /// Longest acceptable Chinese sentence, in characters.
    pub sentence_length: usize,
    /// Terms that stay in Latin script in Chinese text (added to the built-in list).
    pub latin_terms: Vec<String>,
    /// The date reviews are measured against (`--today`, or the system date).
    pub today: Date,
}

pub const CONFIG_KEYS: &[&str] = &[
    "rules",
    "review_soon_days",
    "readability_grade",
    "sentence_length",
    "latin_terms",
];

impl LintConfig {
    pub fn new(today: Date) -> LintConfig {
        LintConfig {
            severities: BTreeMap::new(),
            review_soon_days: 90,
            readability_grade: 9.0,
            sentence_length: 60,
            latin_terms: Vec::new(),
            today,
        }
    }

    /// Reads the content-check keys of `site.yaml`.
    pub fn apply(&mut self, doc: &YamlMapping, diagnostics: &mut Vec<Diagnostic>) {
        match doc.get("rules") {
            None | Some(Value::Null) => {}
            Some(Value::Mapping(rules)) => {
                let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
                for (key, value) in rules {
                    let name = key.as_str().unwrap_or_default();
                    let Some(rule) = Rule::from_name(name) else {
                        let mut d = Diagnostic::error(
                            doc.value_location("rules"),
                            format!("rules: unknown rule `{name}`"),
                        );
                        d = match closest(name, &names) {
                            Some(close) => d.with_hint(format!("did you mean `{close}`?")),
                            None => d.with_hint(format!("rules are {}", names.join(", "))),
                        };
                        diagnostics.push(d);
                        continue;
                    };
                    let severity = match value
                        .as_str()
                        .or(value.as_bool().map(|b| if b { "warning" } else { "off" }))
                    {
                        Some("off") => Severity::Off,
                        Some("note") => Severity::Level(Level::Note),
                        Some("warning") => Severity::Level(Level::Warning),
                        Some("error") => Severity::Level(Level::Error),
                        _ => {
                            diagnostics.push(Diagnostic::error(
                                doc.value_location("rules"),
                                format!("rules: `{name}` must be off, note, warning or error"),
                            ));
                            continue;
                        }
                    };
                    self.severities.insert(rule, severity);
                }
            }
            Some(_) => diagnostics.push(
                Diagnostic::error(
                    doc.value_location("rules"),
                    "rules: expected `rule-name: off | warning | error` lines",
                )
                .with_hint("rules:\n      readability: off"),
            ),
        }
        let number = |key: &str, diagnostics: &mut Vec<Diagnostic>| -> Option<f64> {
            match doc.get(key) {
                None | Some(Value::Null) => None,
                Some(Value::Number(n)) if n.as_f64().is_some_and(|v| v > 0.0) => n.as_f64(),
                Some(_) => {
                    diagnostics.push(Diagnostic::error(
                        doc.value_location(key),
                        format!("{key}: expected a positive number"),
                    ));
                    None
                }
            }
        };
        if let Some(days) = number("review_soon_days", diagnostics) {
            self.review_soon_days = days as i64;
        }
        if let Some(grade) = number("readability_grade", diagnostics) {
            self.readability_grade = grade;
        }
        if let Some(length) = number("sentence_length", diagnostics) {
            self.sentence_length = length as usize;
        }
        match doc.get("latin_terms") {
            None | Some(Value::Null) => {}
            Some(Value::Sequence(items)) if items.iter().all(|i| i.as_str().is_some()) => {
                self.latin_terms = items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect();
            }
            Some(_) => diagnostics.push(Diagnostic::error(
                doc.value_location("latin_terms"),
                "latin_terms: expected a list of terms, e.g. [paracetamol, ibuprofen]",
            )),
        }
    }

    fn severity(&self, rule: Rule) -> Severity {
        self.severities
            .get(&rule)
            .copied()
            .unwrap_or(Severity::Level(rule.default_level()))
    }
}

/// A language file as the rules read it: parsed once, with its line index built once.
pub struct CheckedFile<'a> {
    pub translation: &'a Translation,
    pub document: Document,
    pub lines: LineIndex<'a>,
}

impl<'a> CheckedFile<'a> {
    fn new(translation: &'a Translation) -> CheckedFile<'a> {
        CheckedFile {
            translation,
            document: Document::parse(translation),
            lines: LineIndex::new(&translation.source),
        }
    }

    /// The file location of a byte offset.
    pub fn location(&self, offset: usize) -> crate::diagnostic::Location {
        self.translation.location(self.lines.position(offset))
    }
}

/// Runs every content rule over the site.
pub fn check(
    site: &Site,
    config: &LintConfig,
    reuse: Option<&crate::incremental::Run>,
) -> Vec<Diagnostic> {
    // Leaflets are checked independently of each other, on all cores; the order of the
    // findings does not depend on scheduling (leaflets keep their order, and the diagnostics
    // are sorted before printing anyway). Each leaflet is a task of its own: otherwise rayon may
    // leave hundreds of leaflets to one thread at the end while the others wait.
    site.leaflets
        .par_iter()
        .with_max_len(1)
        .flat_map_iter(|leaflet| match reuse {
            Some(reuse) => reuse.lint(leaflet, || check_leaflet(site, leaflet, config)),
            None => check_leaflet(site, leaflet, config),
        })
        .collect()
}

/// One leaflet's findings. They depend on the leaflet's files and the site's settings only.
fn check_leaflet(site: &Site, leaflet: &Leaflet, config: &LintConfig) -> Vec<Diagnostic> {
    let mut findings = missing_translations(site, leaflet);
    let files: Vec<CheckedFile> = leaflet.translations.iter().map(CheckedFile::new).collect();
    for file in &files {
        findings.extend(review_dates(file.translation, config));
        findings.extend(accessibility(file));
        findings.extend(text_rules::language_quality(file, config));
    }
    if let Some((first, rest)) = files.split_first() {
        for other in rest {
            findings.extend(structure(first, other));
            findings.extend(text_rules::number_parity(first, other));
        }
    }
    findings
}

/// Applies the site's rule levels and the inline `<!-- leafpress-allow: rule -->` markers.
pub fn apply_settings(
    site: &Site,
    config: &LintConfig,
    findings: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    // Reading every file for markers is for findings of a rule only (a clean site has none).
    if findings.iter().all(|d| d.rule.is_none()) {
        return findings;
    }
    let allowed = allow_markers(site);
    findings
        .into_iter()
        .filter_map(|mut d| {
            let Some(rule) = d.rule else { return Some(d) };
            if let Some(position) = d.location.position
                && allowed
                    .get(&(d.location.path.clone(), position.line))
                    .is_some_and(|rules| rules.iter().any(|r| r == rule.name() || r == "all"))
            {
                return None;
            }
            match config.severity(rule) {
                Severity::Off => None,
                Severity::Level(level) => {
                    d.level = level;
                    Some(d)
                }
            }
        })
        .collect()
}

pub const ALLOW_MARKER: &str = "leafpress-allow:";

/// `<!-- leafpress-allow: number-mismatch -->` silences that rule on its own line and, when the
/// comment stands alone on a line, on the next line too.
fn allow_markers(site: &Site) -> BTreeMap<(std::path::PathBuf, u32), Vec<String>> {
    site.leaflets
        .par_iter()
        .flat_map_iter(|leaflet| &leaflet.translations)
        .map(file_allow_markers)
        .reduce(BTreeMap::new, |mut all, more| {
            all.extend(more);
            all
        })
}

/// The allow markers of one file, by (file, line).
fn file_allow_markers(
    translation: &Translation,
) -> BTreeMap<(std::path::PathBuf, u32), Vec<String>> {
    let mut allowed: BTreeMap<(std::path::PathBuf, u32), Vec<String>> = BTreeMap::new();
    let lines = LineIndex::new(&translation.source);
    for (offset, _) in translation.source.match_indices("<!--") {
        let rest = &translation.source[offset + 4..];
        let Some(end) = rest.find("-->") else {
            continue;
        };
        let comment = rest[..end].trim();
        let Some(names) = comment.strip_prefix(ALLOW_MARKER) else {
            continue;
        };
        let names: Vec<String> = names
            .split([',', ' '])
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
        let line = lines.position(offset).line;
        let line_text = translation.source[..offset]
            .rsplit('\n')
            .next()
            .unwrap_or_default();
        let after = rest[end + 3..].split('\n').next().unwrap_or_default();
        let alone = line_text.trim().is_empty() && after.trim().is_empty();
        let mut mark = |line: u32| {
            allowed
                .entry((translation.path.clone(), line))
                .or_default()
                .extend(names.iter().cloned());
        };
        mark(line);
        if alone {
            mark(line + 1);
        }
    }
    allowed
}

/// Unknown rule names in allow markers are mistakes that would silently silence nothing.
pub fn check_allow_markers(site: &Site) -> Vec<Diagnostic> {
    site.leaflets
        .par_iter()
        .flat_map_iter(|leaflet| &leaflet.translations)
        .flat_map_iter(file_allow_marker_problems)
        .collect()
}

fn file_allow_marker_problems(translation: &Translation) -> Vec<Diagnostic> {
    let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
    let mut problems = Vec::new();
    let lines = LineIndex::new(&translation.source);
    for (offset, _) in translation.source.match_indices(ALLOW_MARKER) {
        let rest = &translation.source[offset + ALLOW_MARKER.len()..];
        let list = rest.split("-->").next().unwrap_or_default();
        for name in list
            .split([',', ' '])
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            if name != "all" && Rule::from_name(name).is_none() {
                let mut d = Diagnostic::error(
                    translation.location(lines.position(offset)),
                    format!("unknown rule `{name}` in {ALLOW_MARKER} marker"),
                );
                if let Some(close) = closest(name, &names) {
                    d = d.with_hint(format!("did you mean `{close}`?"));
                }
                problems.push(d);
            }
        }
    }
    problems
}

fn missing_translations(site: &Site, leaflet: &Leaflet) -> Vec<Diagnostic> {
    let Some(first) = leaflet.translations.first() else {
        return Vec::new();
    };
    site.config
        .languages
        .iter()
        .filter(|lang| leaflet.translation(lang).is_none())
        .map(|lang| {
            Diagnostic::warning(
                first.location(first.front.positions.title),
                format!(
                    "missing translation: no {lang} version of this leaflet ({}/{lang}.md)",
                    leaflet.dir.display()
                ),
            )
            .with_hint(
                "readers of that language see a notice and a link to the versions that exist",
            )
            .for_rule(Rule::MissingTranslation)
        })
        .collect()
}

fn review_dates(translation: &Translation, config: &LintConfig) -> Vec<Diagnostic> {
    let due = translation.front.review_due;
    let location = translation.location(translation.front.positions.review_due);
    let days_left = (due - config.today).whole_days();
    if days_left < 0 {
        vec![
            Diagnostic::warning(
                location,
                format!(
                    "clinical review overdue: review_due {due} was {} days ago",
                    -days_left
                ),
            )
            .with_hint(
                "have the leaflet reviewed, then update `reviewed`, `review_due` and `version`",
            )
            .for_rule(Rule::ReviewOverdue),
        ]
    } else if days_left <= config.review_soon_days {
        vec![
            Diagnostic::note(
                location,
                format!("clinical review due soon: review_due {due} is in {days_left} days"),
            )
            .for_rule(Rule::ReviewDueSoon),
        ]
    } else {
        Vec::new()
    }
}

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

fn accessibility(file: &CheckedFile) -> Vec<Diagnostic> {
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

/// Sections, and within each section subheadings, list items, table rows, images and links,
/// must correspond between two language files: reports the first place they stop matching.
fn structure(first_file: &CheckedFile, other_file: &CheckedFile) -> Vec<Diagnostic> {
    let (first, first_doc) = (first_file.translation, &first_file.document);
    let (other, other_doc) = (other_file.translation, &other_file.document);
    let mut findings = Vec::new();
    let mismatch = |other_offset: usize, first_offset: usize, message: String, note: String| {
        Diagnostic::warning(other_file.location(other_offset), message)
            .with_note(first_file.location(first_offset), note)
            .with_hint(
                "translations must carry the same content; update the translation or the original",
            )
            .for_rule(Rule::StructureMismatch)
    };
    let (first_count, other_count) = (first_doc.sections.len(), other_doc.sections.len());
    if first_count != other_count {
        let shared = first_count.min(other_count);
        let message = format!(
            "{} has {} ## sections, {} has {}",
            other.lang,
            other_count - 1,
            first.lang,
            first_count - 1
        );
        findings.push(if other_count > first_count {
            mismatch(
                other_doc.sections[shared].offset,
                first_doc.sections[shared - 1].offset,
                format!("{message}: this section has no counterpart"),
                format!("the last section of the {} version", first.lang),
            )
        } else {
            mismatch(
                other_doc.sections[shared - 1].offset,
                first_doc.sections[shared].offset,
                message,
                format!(
                    "this section of the {} version is missing in {}",
                    first.lang, other.lang
                ),
            )
        });
    }
    for (a, b) in first_doc.sections.iter().zip(&other_doc.sections) {
        let name = b
            .heading
            .as_ref()
            .map_or("the introduction".to_string(), |h| {
                format!("section \"{}\"", h.text)
            });
        let counts: [(&str, Vec<usize>, Vec<usize>); 5] = [
            (
                "### subheadings",
                a.subheadings.iter().map(|h| h.offset).collect(),
                b.subheadings.iter().map(|h| h.offset).collect(),
            ),
            ("list items", a.list_items.clone(), b.list_items.clone()),
            ("table rows", a.table_rows.clone(), b.table_rows.clone()),
            (
                "images",
                a.images.iter().map(|i| i.offset).collect(),
                b.images.iter().map(|i| i.offset).collect(),
            ),
            (
                "links",
                a.links.iter().map(|l| l.offset).collect(),
                b.links.iter().map(|l| l.offset).collect(),
            ),
        ];
        for (what, in_first, in_other) in counts {
            if in_first.len() != in_other.len() {
                let index = in_first.len().min(in_other.len());
                let first_at = in_first.get(index).copied().unwrap_or(a.offset);
                let other_at = in_other.get(index).copied().unwrap_or(b.offset);
                findings.push(mismatch(
                    other_at,
                    first_at,
                    format!(
                        "{name} has {} {what} in {}, {} in {}",
                        in_other.len(),
                        other.lang,
                        in_first.len(),
                        first.lang
                    ),
                    format!("the {} version's {what} differ from here", first.lang),
                ));
            }
        }
    }
    findings
}
