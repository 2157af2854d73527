//! Content checks a clinical reviewer can trust: named rules over leaflets and their
//! translations, configurable per site and silenced for one spot with an inline marker.
//!
//! A leaflet is checked on its own ([`check_leaflet`]), from its files parsed once; only the
//! uniqueness of references needs the whole site ([`metadata::unique_references`]). The rules
//! are grouped by what they look at:
//! - [`metadata`]: references, versions, review dates, missing languages;
//! - [`accessibility`]: alt text, link text, heading levels of one file;
//! - [`language`]: the words of one file (script, readability, Chinese punctuation);
//! - [`compare`]: the languages of a leaflet section by section (structure, numbers).
//!
//! [`settle`] then gives each finding the level the site asks for, or drops it where an allow
//! marker ([`allow`]) silences it.

pub mod accessibility;
pub mod allow;
pub mod compare;
pub mod document;
pub mod glossary;
pub mod language;
pub mod metadata;
pub mod negation;
pub mod numbers;
pub mod punctuation;
pub mod readability;
pub mod signoff;

use crate::diagnostic::{Diagnostic, Level, LineIndex, Location};
use crate::model::lint_config::{LintConfig, Severity};
use crate::model::{Leaflet, Site, Translation};
use crate::text::markdown::Body;
use crate::text::script::AllowedTerms;
use allow::AllowMarkers;
use compare::GlossaryTexts;
use document::Document;
use glossary::Glossary;

/// A language file as the rules read it: its body parsed once, its line index built once.
pub struct CheckedFile<'a> {
    pub translation: &'a Translation,
    pub body: &'a Body,
    pub document: Document,
    pub lines: LineIndex<'a>,
}

impl<'a> CheckedFile<'a> {
    pub fn new(translation: &'a Translation, body: &'a Body) -> CheckedFile<'a> {
        CheckedFile {
            translation,
            body,
            document: Document::new(&translation.source, translation.body_offset, body),
            lines: LineIndex::new(&translation.source),
        }
    }

    /// The file location of a byte offset.
    pub fn location(&self, offset: usize) -> Location {
        self.translation.location(self.lines.position(offset))
    }
}

/// What the rules take besides a leaflet, made once per run.
pub struct Context<'a> {
    pub config: &'a LintConfig,
    /// The site's glossary, when it has one.
    pub glossary: Option<&'a Glossary>,
    /// Terms that stay in Latin script in Chinese text: the built-in ones, `latin_terms`, and
    /// the glossary's Latin-script terms (the glossary says how they are written).
    pub latin_terms: AllowedTerms,
}

impl<'a> Context<'a> {
    pub fn new(config: &'a LintConfig, glossary: Option<&'a Glossary>) -> Context<'a> {
        let latin_terms: Vec<&str> = config
            .latin_terms
            .iter()
            .map(String::as_str)
            .chain(
                glossary
                    .map(Glossary::latin_script_terms)
                    .unwrap_or_default(),
            )
            .collect();
        Context {
            config,
            glossary,
            latin_terms: AllowedTerms::new(&latin_terms),
        }
    }
}

/// Every rule over one leaflet, whose translations' bodies are `bodies` (in the same order).
/// The findings depend on the leaflet's files and the site's settings only.
pub fn check_leaflet(
    site: &Site,
    leaflet: &Leaflet,
    bodies: &[Body],
    context: &Context,
) -> Vec<Diagnostic> {
    let (config, glossary) = (context.config, context.glossary);
    let mut findings = metadata::withdrawal(site, leaflet);
    // A withdrawn leaflet's text is not published: only what its notice says is checked.
    if leaflet.is_withdrawn() {
        return findings;
    }
    findings.extend(metadata::translations_agree(leaflet, &site.signoffs));
    findings.extend(metadata::missing_translations(site, leaflet));
    findings.extend(metadata::departments(site, leaflet));
    let files: Vec<CheckedFile> = leaflet
        .translations
        .iter()
        .zip(bodies)
        .map(|(translation, body)| CheckedFile::new(translation, body))
        .collect();
    for file in &files {
        findings.extend(metadata::review_dates(file.translation, config));
        findings.extend(accessibility::check(file));
        findings.extend(language::check(file, context));
    }
    if let Some((first, rest)) = files.split_first() {
        for other in rest {
            findings.extend(compare::structure(first, other));
            findings.extend(compare::number_parity(first, other));
            findings.extend(compare::negation_mismatch(first, other));
        }
    }
    if let Some(glossary) = glossary {
        let texts: Vec<GlossaryTexts> = files
            .iter()
            .map(|file| GlossaryTexts::new(glossary, file))
            .collect();
        for file in &texts {
            findings.extend(compare::avoided_terms(glossary, file));
        }
        if let Some((first, rest)) = texts.split_first() {
            for other in rest {
                findings.extend(compare::term_mismatch(glossary, first, other));
            }
        }
    }
    // Translations signed off against the text of the site's first language.
    let source_lang = site.config.default_language();
    if let Some(source) = files.iter().find(|f| f.translation.lang == source_lang) {
        for file in files.iter().filter(|f| f.translation.lang != source_lang) {
            if let Some(signoff) = site.signoffs.entries.get(&file.translation.path) {
                findings.extend(signoff::source_changed(&site.root, source, file, signoff));
            }
        }
    }
    findings
}

/// Applies the site's rule levels and the leaflet's allow markers to its findings (and to
/// the rest of them, found by other parts of the run), then makes warnings errors with
/// `--deny-warnings`. Unknown rule names in allow markers are added as errors.
pub fn settle(
    leaflet: &Leaflet,
    config: &LintConfig,
    deny_warnings: bool,
    findings: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut markers: Vec<(&Translation, AllowMarkers)> = Vec::new();
    let mut problems = Vec::new();
    for translation in &leaflet.translations {
        let (found, wrong) = allow::scan(translation);
        markers.push((translation, found));
        problems.extend(wrong);
    }
    let allowed = |d: &Diagnostic| {
        let (Some(rule), Some(position)) = (d.rule, d.location.position) else {
            return false;
        };
        markers.iter().any(|(translation, markers)| {
            translation.path == d.location.path && markers.allows(position.line, rule)
        })
    };
    let mut settled: Vec<Diagnostic> = findings
        .into_iter()
        .filter(|d| !allowed(d))
        .filter_map(|d| with_configured_level(d, config))
        .collect();
    settled.extend(problems);
    deny(deny_warnings, settled)
}

/// The site-wide findings settled like a leaflet's: rule levels, then `--deny-warnings`.
pub fn settle_site(
    config: &LintConfig,
    deny_warnings: bool,
    findings: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let settled = findings
        .into_iter()
        .filter_map(|d| with_configured_level(d, config))
        .collect();
    deny(deny_warnings, settled)
}

/// A rule's finding at the level the site asks for, or none when the rule is off.
fn with_configured_level(mut d: Diagnostic, config: &LintConfig) -> Option<Diagnostic> {
    let Some(rule) = d.rule else {
        return Some(d);
    };
    match config.severity(rule) {
        Severity::Off => None,
        Severity::Level(level) => {
            d.level = level;
            Some(d)
        }
    }
}

fn deny(deny_warnings: bool, mut findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if deny_warnings {
        for finding in &mut findings {
            if finding.level == Level::Warning {
                finding.level = Level::Error;
            }
        }
    }
    findings
}
