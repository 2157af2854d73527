//! The status report: one row per leaflet and language with its review dates, translation
//! state and findings per rule, as JSON for scripts, a self-contained HTML page, or a text
//! table for a terminal ([`text`]).

pub mod summary;
pub mod text;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Level, Location, Rule};
use crate::model::Site;

#[derive(Debug, Serialize)]
pub struct Report {
    /// The day review dates were measured against.
    pub today: String,
    pub languages: Vec<String>,
    pub rows: Vec<Row>,
    pub totals: Totals,
}

#[derive(Debug, Default, Serialize)]
pub struct Totals {
    pub leaflets: usize,
    pub errors: usize,
    pub warnings: usize,
    pub overdue: usize,
    pub due_soon: usize,
    pub missing_translations: usize,
    pub stale_translations: usize,
    /// Signed-off translations whose source changed since.
    pub source_changed: usize,
}

/// One leaflet in one language.
#[derive(Debug, Serialize)]
pub struct Row {
    pub slug: String,
    pub lang: String,
    /// The language file, or `None` when the translation is missing.
    pub path: Option<String>,
    pub title: Option<String>,
    pub reference: Option<String>,
    pub version: Option<u64>,
    pub reviewed: Option<String>,
    pub review_due: Option<String>,
    /// `overdue`, `due-soon` or `ok`.
    pub review: &'static str,
    /// `current`, `stale` (an older version), `source-changed` (signed off, and the source's
    /// text changed since), `missing` or `draft`.
    pub translation: &'static str,
    /// When the translation was signed off against its source, by whom, and how many of the
    /// source's sections changed since.
    pub signed_off: Option<SignedOff>,
    pub errors: usize,
    pub warnings: usize,
    /// Findings per rule name (rules without findings are left out).
    pub findings: BTreeMap<&'static str, usize>,
}

#[derive(Debug, Serialize)]
pub struct SignedOff {
    pub date: String,
    pub by: Option<String>,
    pub sections_changed: usize,
}

pub fn build(site: &Site, diagnostics: &[Diagnostic]) -> Report {
    let config = &site.config.lint;
    let mut per_file: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
    for diagnostic in diagnostics {
        per_file
            .entry(
                diagnostic
                    .location
                    .path
                    .to_string_lossy()
                    .replace('\\', "/"),
            )
            .or_default()
            .push(diagnostic);
    }
    let mut rows = Vec::new();
    let mut totals = Totals::default();
    for leaflet in &site.leaflets {
        totals.leaflets += 1;
        let newest = leaflet
            .translations
            .iter()
            .map(|t| t.front.version)
            .max()
            .unwrap_or(0);
        for lang in &site.config.languages {
            let Some(translation) = leaflet.translation(lang) else {
                totals.missing_translations += 1;
                rows.push(Row {
                    slug: leaflet.slug.clone(),
                    lang: lang.clone(),
                    path: None,
                    title: None,
                    reference: None,
                    version: None,
                    reviewed: None,
                    review_due: None,
                    review: "ok",
                    translation: "missing",
                    signed_off: None,
                    errors: 0,
                    warnings: 0,
                    findings: BTreeMap::new(),
                });
                continue;
            };
            let path = translation.path.to_string_lossy().replace('\\', "/");
            let found = per_file.get(&path).map(Vec::as_slice).unwrap_or_default();
            let mut findings: BTreeMap<&'static str, usize> = BTreeMap::new();
            for diagnostic in found {
                if let Some(rule) = diagnostic.rule {
                    *findings.entry(rule.name()).or_default() += 1;
                }
            }
            let days_left = (translation.front.review_due - config.today).whole_days();
            let review = if days_left < 0 {
                totals.overdue += 1;
                "overdue"
            } else if days_left <= config.review_soon_days {
                totals.due_soon += 1;
                "due-soon"
            } else {
                "ok"
            };
            let signoff = site.signoffs.entries.get(&translation.path);
            let sections_changed = findings
                .get(Rule::SourceChanged.name())
                .copied()
                .unwrap_or(0);
            let state = if translation.front.draft {
                "draft"
            } else if signoff.is_some() {
                if sections_changed > 0 {
                    totals.source_changed += 1;
                    "source-changed"
                } else {
                    "current"
                }
            } else if translation.front.version < newest {
                totals.stale_translations += 1;
                "stale"
            } else {
                "current"
            };
            let errors = found.iter().filter(|d| d.level == Level::Error).count();
            let warnings = found.iter().filter(|d| d.level == Level::Warning).count();
            totals.errors += errors;
            totals.warnings += warnings;
            rows.push(Row {
                slug: leaflet.slug.clone(),
                lang: lang.clone(),
                path: Some(path),
                title: Some(translation.front.title.clone()),
                reference: Some(translation.front.reference.clone()),
                version: Some(translation.front.version),
                reviewed: Some(translation.front.reviewed.to_string()),
                review_due: Some(translation.front.review_due.to_string()),
                review,
                translation: state,
                signed_off: signoff.map(|signoff| SignedOff {
                    date: signoff.date.to_string(),
                    by: signoff.by.clone(),
                    sections_changed,
                }),
                errors,
                warnings,
                findings,
            });
        }
    }
    Report {
        today: config.today.to_string(),
        languages: site.config.languages.clone(),
        rows,
        totals,
    }
}

pub fn to_json(report: &Report) -> String {
    let mut json = serde_json::to_string_pretty(report).expect("a report serialises");
    json.push('\n');
    json
}

const TEMPLATE: &str = include_str!("../templates/report.html");

/// A page the comms team can open from disk: no scripts, styles inline, everything escaped
/// as on the site's pages.
pub fn to_html(report: &Report) -> Result<String, Diagnostic> {
    let failed = |error: tera::Error| {
        Diagnostic::error(
            Location::file("<built-in>/templates/report.html"),
            format!("cannot render the report: {error}"),
        )
    };
    let mut tera = crate::render::templates::new_tera();
    tera.add_raw_template("report.html", TEMPLATE)
        .map_err(failed)?;
    let mut context = tera::Context::new();
    context.insert("report", report);
    tera.render("report.html", &context).map_err(failed)
}
