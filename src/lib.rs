//! leafpress: a static site generator for bilingual hospital procedure leaflets.
//!
//! The pipeline reads top to bottom: [`site::Site::load`] → [`check::check_site`] →
//! [`render::render_site`] → [`output::write_site`], over plain owned values.

pub mod check;
pub mod cjk_emphasis;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod frontmatter;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod render;
pub mod site;
pub mod source;
pub mod templates;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use diagnostic::{Diagnostic, Diagnostics, Location};
use render::OutputFile;

/// What a run found and, when nothing stopped it, the files of the site.
pub struct Outcome {
    pub diagnostics: Diagnostics,
    /// Empty when there were errors.
    pub files: Vec<OutputFile>,
}

/// Loads, checks and renders the site at `root` in memory. Nothing is written.
pub fn run(root: &Path, base_url: Option<&str>) -> Outcome {
    let mut diagnostics = Vec::new();
    let site = site::Site::load(root, base_url, &mut diagnostics);
    if site.config.base_url_is_placeholder {
        diagnostics.push(
            Diagnostic::warning(
                Location::file(config::SITE_FILE),
                format!(
                    "base_url is not set: canonical links and the sitemap point to {}",
                    config::PLACEHOLDER_BASE_URL
                ),
            )
            .with_hint("add `base_url: https://…/` to site.yaml or pass --base-url"),
        );
    }
    diagnostics.extend(check::check_site(&site));
    let localizer = Arc::new(i18n::Localizer::load(
        root,
        &site.config.languages,
        &mut diagnostics,
    ));
    let templates = templates::Templates::load(root, Arc::clone(&localizer), &mut diagnostics);
    let bodies = render::render_bodies(&site, &mut diagnostics);

    let mut files = Vec::new();
    let has_errors = diagnostics
        .iter()
        .any(|d| d.level == diagnostic::Level::Error);
    if let (Some(templates), false) = (&templates, has_errors) {
        match render::render_site(&site, &localizer, templates, &bodies) {
            Ok(rendered) => files = rendered,
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let mut all = Diagnostics::default();
    all.extend(diagnostics);
    Outcome {
        diagnostics: all,
        files,
    }
}

/// Builds the site at `root` into `out`, replacing what was there only when the build succeeds.
pub fn build(root: &Path, out: &Path, base_url: Option<&str>) -> Outcome {
    let mut outcome = run(root, base_url);
    if outcome.diagnostics.has_errors() {
        outcome.files.clear();
        return outcome;
    }
    if let Err(error) = output::write_site(out, &outcome.files) {
        outcome
            .diagnostics
            .push(Diagnostic::error(Location::file(out), error.to_string()));
        outcome.files.clear();
    }
    outcome
}

/// The default output folder of a site.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}
