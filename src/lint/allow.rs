//! Allow markers: `<!-- leafpress-allow: number-mismatch -->` silences a rule on its own line
//! and, when the comment stands alone on a line, on the next line too. One scan of a file finds
//! the markers and the mistakes in them.

use crate::diagnostic::{Diagnostic, LineIndex, Rule};
use crate::model::Translation;
use crate::model::yaml::closest;

pub const ALLOW_MARKER: &str = "leafpress-allow:";

/// The rules silenced on each line of one file.
#[derive(Debug, Default)]
pub struct AllowMarkers {
    /// (line, rule names or `all`), in file order; a line may appear more than once.
    lines: Vec<(u32, Vec<String>)>,
}

impl AllowMarkers {
    /// Whether `rule` is silenced on `line`.
    pub fn allows(&self, line: u32, rule: Rule) -> bool {
        self.lines
            .iter()
            .filter(|(at, _)| *at == line)
            .flat_map(|(_, names)| names)
            .any(|name| name == rule.name() || name == "all")
    }
}

/// The markers of one file, and an error for each rule name in them that is no rule: a typo
/// would otherwise silently silence nothing.
pub fn scan(translation: &Translation) -> (AllowMarkers, Vec<Diagnostic>) {
    let source = &translation.source;
    let mut markers = AllowMarkers::default();
    let mut problems = Vec::new();
    // Most files have no marker: no line index, no list of rule names.
    if !source.contains(ALLOW_MARKER) {
        return (markers, problems);
    }
    let lines = LineIndex::new(source);
    let rule_names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
    for (offset, _) in source.match_indices("<!--") {
        let rest = &source[offset + 4..];
        let Some(end) = rest.find("-->") else {
            continue;
        };
        let inside = &rest[..end];
        let comment = inside.trim();
        let Some(list) = comment.strip_prefix(ALLOW_MARKER) else {
            continue;
        };
        let marker_offset = offset + 4 + (inside.len() - inside.trim_start().len());
        let names: Vec<String> = list
            .split([',', ' '])
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
        for name in &names {
            if name != "all" && Rule::from_name(name).is_none() {
                let mut problem = Diagnostic::error(
                    translation.location(lines.position(marker_offset)),
                    format!("unknown rule `{name}` in {ALLOW_MARKER} marker"),
                );
                if let Some(close) = closest(name, &rule_names) {
                    problem = problem.with_hint(format!("did you mean `{close}`?"));
                }
                problems.push(problem);
            }
        }
        let line = lines.position(offset).line;
        let before = source[..offset].rsplit('\n').next().unwrap_or_default();
        let after = rest[end + 3..].split('\n').next().unwrap_or_default();
        let alone = before.trim().is_empty() && after.trim().is_empty();
        if alone {
            markers.lines.push((line + 1, names.clone()));
        }
        markers.lines.push((line, names));
    }
    (markers, problems)
}
