//! Diagnostics: problems found in a site, with exact file positions, printed like rustc's.

use std::fmt;
use std::path::{Path, PathBuf};

pub mod print;
mod rule;

pub use rule::Rule;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Error,
    Warning,
    Note,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        })
    }
}

/// A place in a file: 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl Position {
    pub fn new(line: usize, column: usize) -> Position {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Position {
            line: clamp(line),
            column: clamp(column),
        }
    }
}

/// A path relative to the site root (or a `<built-in>/…` name), with an optional position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub path: PathBuf,
    pub position: Option<Position>,
}

impl Location {
    pub fn file(path: impl Into<PathBuf>) -> Location {
        Location {
            path: path.into(),
            position: None,
        }
    }

    pub fn at(path: impl Into<PathBuf>, position: Position) -> Location {
        Location {
            path: path.into(),
            position: Some(position),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Forward slashes on every platform: these paths are quoted in bug reports and CI logs.
        let path = self.path.to_string_lossy().replace('\\', "/");
        match self.position {
            Some(p) => write!(f, "{path}:{}:{}", p.line, p.column),
            None => f.write_str(&path),
        }
    }
}

/// A secondary place that explains a diagnostic (the other language's file, the first duplicate…).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    pub location: Location,
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub location: Location,
    pub level: Level,
    pub message: String,
    pub hint: Option<String>,
    pub notes: Vec<Note>,
    /// The content rule that found it, for findings that can be configured or silenced.
    pub rule: Option<Rule>,
    /// How many characters from the position the finding covers, for the underline under the
    /// source line (0: the one character at the position).
    pub length: u32,
    /// Whether `leafpress check --fix` mends it.
    pub fixable: bool,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Level::Error, location, message)
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Level::Warning, location, message)
    }

    /// A diagnostic at `level`: for findings whose level is known only when they are made.
    pub fn new(level: Level, location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            location,
            level,
            message: message.into(),
            hint: None,
            notes: Vec::new(),
            rule: None,
            length: 0,
            fixable: false,
        }
    }

    pub fn note(location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Level::Note, location, message)
    }

    /// Marks a finding as a rule's: its level then comes from the site's rule settings.
    pub fn for_rule(mut self, rule: Rule) -> Diagnostic {
        self.rule = Some(rule);
        self
    }

    /// Marks how many characters of the source the finding covers (see [`Diagnostic::length`]).
    pub fn underlining(mut self, chars: usize) -> Diagnostic {
        self.length = u32::try_from(chars).unwrap_or(u32::MAX);
        self
    }

    /// Marks a finding that `leafpress check --fix` mends.
    pub fn fixable(mut self, fixable: bool) -> Diagnostic {
        self.fixable = fixable;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_note(mut self, location: Location, message: impl Into<String>) -> Diagnostic {
        self.notes.push(Note {
            location,
            message: message.into(),
        });
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.location, self.level, self.message)?;
        if let Some(rule) = self.rule {
            write!(f, " [{}]", rule.name())?;
        }
        for note in &self.notes {
            write!(f, "\n{}: note: {}", note.location, note.message)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Diagnostics gathered by a step that reports problems and goes on (loading a site, its
/// messages, its templates), and all those of a run. Printed sorted, so output is reproducible.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn count(&self, level: Level) -> usize {
        self.items.iter().filter(|d| d.level == level).count()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.level == Level::Error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file, then position, then level; duplicates removed.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort();
        items.dedup();
        items
    }

    /// A closing line such as `2 errors, 1 warning`.
    pub fn summary(&self) -> String {
        counts_line(&self.sorted())
    }
}

/// The closing line of diagnostics already [`Diagnostics::sorted`], so that a first import's
/// many findings are sorted once.
pub fn counts_line(sorted: &[Diagnostic]) -> String {
    fn plural(n: usize, word: &str) -> String {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    }
    let errors = sorted.iter().filter(|d| d.level == Level::Error).count();
    let warnings = sorted.iter().filter(|d| d.level == Level::Warning).count();
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.items.extend(iter);
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Diagnostics {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// Maps byte offsets in a text to 1-based line and character columns.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Where each line starts, found on the first lookup: most files have nothing to report.
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex {
            text,
            line_starts: std::cell::OnceCell::new(),
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let line_starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let offset = offset.min(self.text.len());
        let line = line_starts.partition_point(|&start| start <= offset) - 1;
        let start = line_starts[line];
        let column = self.text[start..floor_char_boundary(self.text, offset)]
            .chars()
            .count()
            + 1;
        Position::new(line + 1, column)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A path shown relative to `root` when it is inside it.
pub fn relative_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let index = LineIndex::new("ab\n请勿进食x\n");
        assert_eq!(index.position(0), Position::new(1, 1));
        assert_eq!(index.position(3), Position::new(2, 1));
        // "请勿进食" is 12 bytes; the x after it is the fifth character.
        assert_eq!(index.position(15), Position::new(2, 5));
    }

    #[test]
    fn the_lazily_built_line_index_answers_every_lookup_like_a_fresh_one() {
        let text = "a\n\nbc\n请\nd";
        let shared = LineIndex::new(text);
        for offset in [9, 0, 4, 3, 100, 2, 8] {
            assert_eq!(
                shared.position(offset),
                LineIndex::new(text).position(offset)
            );
        }
        assert_eq!(shared.position(9), Position::new(4, 2));
    }

    #[test]
    fn diagnostic_prints_like_rustc() {
        let d = Diagnostic::error(
            Location::at("leaflets/a/zh.md", Position::new(7, 13)),
            "review_due: invalid date \"2026-13-45\"",
        )
        .with_hint("write dates as YYYY-MM-DD")
        .with_note(
            Location::at("leaflets/a/en.md", Position::new(7, 13)),
            "here",
        );
        assert_eq!(
            d.to_string(),
            "leaflets/a/zh.md:7:13: error: review_due: invalid date \"2026-13-45\"\n\
             leaflets/a/en.md:7:13: note: here\n  = hint: write dates as YYYY-MM-DD"
        );
    }

    #[test]
    fn summary_counts_unique_diagnostics() {
        let mut all = Diagnostics::default();
        let d = Diagnostic::warning(Location::file("x"), "w");
        all.push(d.clone());
        all.push(d);
        assert_eq!(all.summary(), "0 errors, 1 warning");
    }
}
