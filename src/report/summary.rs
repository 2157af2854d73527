//! Many findings on a terminal: the first ones are printed in full, then this summary counts
//! the rest per rule (findings, leaflets affected, whether `check --fix` mends them) and says
//! how to see them all. A first import of machine-translated leaflets has hundreds of
//! thousands of findings; nobody reads them scrolling past.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Component, Path};

use crate::diagnostic::{Diagnostic, Rule};
use crate::model::LEAFLETS_DIR;

/// How many findings `build` prints in full on a terminal before the summary.
pub const SHOWN_IN_FULL: usize = 200;

/// The findings of one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleCount {
    /// `None` for findings of no rule: broken files, links, settings.
    pub rule: Option<Rule>,
    pub findings: usize,
    /// Leaflets with at least one of them.
    pub leaflets: usize,
    /// How many of them `leafpress check --fix` mends.
    pub fixable: usize,
}

/// The findings per rule, most first (then by rule name; findings of no rule last).
pub fn per_rule(diagnostics: &[Diagnostic]) -> Vec<RuleCount> {
    let mut rules: BTreeMap<Option<Rule>, (RuleCount, BTreeSet<&str>)> = BTreeMap::new();
    for diagnostic in diagnostics {
        let (count, leaflets) = rules.entry(diagnostic.rule).or_insert_with(|| {
            let count = RuleCount {
                rule: diagnostic.rule,
                findings: 0,
                leaflets: 0,
                fixable: 0,
            };
            (count, BTreeSet::new())
        });
        count.findings += 1;
        count.fixable += usize::from(diagnostic.fixable);
        if let Some(slug) = leaflet_of(&diagnostic.location.path) {
            leaflets.insert(slug);
        }
    }
    let mut counts: Vec<RuleCount> = rules
        .into_values()
        .map(|(count, leaflets)| RuleCount {
            leaflets: leaflets.len(),
            ..count
        })
        .collect();
    counts.sort_by(|a, b| {
        (a.rule.is_none(), b.findings, name(a.rule)).cmp(&(
            b.rule.is_none(),
            a.findings,
            name(b.rule),
        ))
    });
    counts
}

/// The slug of the leaflet a file belongs to: `leaflets/<slug>/…`.
fn leaflet_of(path: &Path) -> Option<&str> {
    let mut parts = path.components();
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Component::Normal(dir)), Some(Component::Normal(slug)), Some(_))
            if dir == LEAFLETS_DIR =>
        {
            slug.to_str()
        }
        _ => None,
    }
}

fn name(rule: Option<Rule>) -> &'static str {
    rule.map_or("(no rule)", Rule::name)
}

/// What follows the findings printed in full (`shown` of `diagnostics`, sorted): how many were
/// left out, a table per rule of them all, and the commands that show the rest (`site_flag` is
/// what those commands need to find the site, e.g. ` --root ../site`, or empty).
pub fn text(diagnostics: &[Diagnostic], shown: usize, site_flag: &str) -> String {
    let counts = per_rule(diagnostics);
    let width = counts
        .iter()
        .map(|c| name(c.rule).len())
        .chain(["rule".len()])
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n{} more findings not shown; all {} by rule:\n",
        diagnostics.len() - shown,
        diagnostics.len()
    );
    let _ = writeln!(
        out,
        "  {:<width$}  {:>8}  {:>8}  check --fix",
        "rule", "findings", "leaflets"
    );
    for count in &counts {
        let fix = if count.fixable == 0 {
            "no".to_string()
        } else if count.fixable == count.findings {
            "mends all".to_string()
        } else {
            format!("mends {}", count.fixable)
        };
        let _ = writeln!(
            out,
            "  {:<width$}  {:>8}  {:>8}  {fix}",
            name(count.rule),
            count.findings,
            count.leaflets
        );
    }
    let _ = writeln!(
        out,
        "\nEvery finding in full: `leafpress check{site_flag}`; a table of each leaflet's findings per rule: `leafpress report{site_flag}`"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Location, Position};

    fn finding(path: &str, line: usize, rule: Option<Rule>, fixable: bool) -> Diagnostic {
        let d = Diagnostic::warning(Location::at(path, Position::new(line, 1)), "m");
        match rule {
            Some(rule) => d.for_rule(rule),
            None => d,
        }
        .fixable(fixable)
    }

    #[test]
    fn findings_are_counted_per_rule_with_the_leaflets_they_are_in() {
        let mut all = Vec::new();
        for slug in ["a", "b"] {
            for line in 1..=3 {
                let path = format!("leaflets/{slug}/zh.md");
                all.push(finding(&path, line, Some(Rule::UntranslatedText), false));
            }
        }
        all.push(finding(
            "leaflets/a/zh.md",
            9,
            Some(Rule::Punctuation),
            true,
        ));
        all.push(finding(
            "leaflets/a/zh.md",
            10,
            Some(Rule::Punctuation),
            false,
        ));
        all.push(finding(
            "leaflets/b/zh.md",
            11,
            Some(Rule::Punctuation),
            true,
        ));
        all.push(finding("site.yaml", 1, None, false));
        all.push(finding("leaflets/c/en.md", 2, Some(Rule::LinkText), false));
        all.push(finding("leaflets/d/en.md", 2, Some(Rule::ImageAlt), true));
        assert_eq!(
            text(&all, 4, " --root site"),
            "
8 more findings not shown; all 12 by rule:

  rule               findings  leaflets  check --fix
  untranslated-text         6         2  no
  zh-punctuation            3         2  mends 2
  image-alt                 1         1  mends all
  link-text                 1         1  no
  (no rule)                 1         0  no

Every finding in full: `leafpress check --root site`; a table of each leaflet's findings per rule: `leafpress report --root site`
"
        );
    }

    #[test]
    fn only_files_in_a_leaflet_folder_belong_to_a_leaflet() {
        assert_eq!(leaflet_of(Path::new("leaflets/knee/zh.md")), Some("knee"));
        assert_eq!(leaflet_of(Path::new("leaflets/knee")), None);
        assert_eq!(leaflet_of(Path::new("locales/zh/main.ftl")), None);
        assert_eq!(leaflet_of(Path::new("site.yaml")), None);
    }
}
