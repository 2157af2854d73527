//! Printing diagnostics like rustc: the first line `path:line:col: level: message [rule]`, which
//! scripts and editors parse and which never changes form; then the source line with the spot
//! underlined (annotate-snippets, the renderer rustc and cargo use, which measures a Han
//! character as two columns); then the notes and the hint.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Renderer, Snippet};

use super::{Diagnostic, Level};

/// Where the text of a built-in file comes from (`<built-in>/templates/base.html`).
pub type BuiltinSource = fn(&Path) -> Option<&'static str>;

/// Prints diagnostics with their source lines, reading each file once.
pub struct Printer {
    renderer: Renderer,
    color: bool,
    root: PathBuf,
    builtin: BuiltinSource,
    /// Each file's text as leafpress reads it (no BOM, LF line ends), or `None` when it cannot
    /// be read: the diagnostic is then printed without its source line.
    files: HashMap<PathBuf, Option<String>>,
}

impl Printer {
    /// A printer for diagnostics of the site at `root`, in colour or not.
    pub fn new(root: &Path, builtin: BuiltinSource, color: bool) -> Printer {
        Printer {
            renderer: if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            },
            color,
            root: root.to_path_buf(),
            builtin,
            files: HashMap::new(),
        }
    }

    /// The diagnostic as it is printed, lines ending with `\n`.
    pub fn render(&mut self, diagnostic: &Diagnostic) -> String {
        let mut out = String::new();
        let level = diagnostic.level.to_string();
        let level = if self.color {
            format!("{}{level}{}", style(diagnostic.level), RESET)
        } else {
            level
        };
        let _ = write!(
            out,
            "{}: {level}: {}",
            diagnostic.location, diagnostic.message
        );
        if let Some(rule) = diagnostic.rule {
            let _ = write!(out, " [{}]", rule.name());
        }
        out.push('\n');
        if let Some(snippet) = self.snippet(diagnostic) {
            out.push_str(&snippet);
            out.push('\n');
        }
        for note in &diagnostic.notes {
            let _ = writeln!(out, "{}: note: {}", note.location, note.message);
        }
        if let Some(hint) = &diagnostic.hint {
            let _ = writeln!(out, "  = hint: {hint}");
        }
        out
    }

    /// The source line of the diagnostic's position with the spot underlined.
    fn snippet(&mut self, diagnostic: &Diagnostic) -> Option<String> {
        let position = diagnostic.location.position?;
        let Printer {
            renderer,
            root,
            builtin,
            files,
            ..
        } = self;
        let text = files
            .entry(diagnostic.location.path.clone())
            .or_insert_with(|| read(root, *builtin, &diagnostic.location.path))
            .as_deref()?;
        let line_number = usize::try_from(position.line).ok()?;
        let line = text.split('\n').nth(line_number.checked_sub(1)?)?;
        let column = usize::try_from(position.column).ok()?.saturating_sub(1);
        let byte_at = |chars: usize| {
            line.char_indices()
                .nth(chars)
                .map_or(line.len(), |(at, _)| at)
        };
        let start = byte_at(column);
        let length = usize::try_from(diagnostic.length).unwrap_or(0);
        let end = byte_at(column + length.max(1)).max(start);
        let level = match diagnostic.level {
            Level::Error => annotate_snippets::Level::ERROR,
            Level::Warning => annotate_snippets::Level::WARNING,
            Level::Note => annotate_snippets::Level::NOTE,
        };
        let report = &[Group::with_level(level).element(
            Snippet::source(line)
                .line_start(line_number)
                .annotation(AnnotationKind::Primary.span(start..end)),
        )];
        Some(renderer.render(report))
    }
}

/// The text of the file at `path`: a built-in one, or one under `root`.
fn read(root: &Path, builtin: BuiltinSource, path: &Path) -> Option<String> {
    if let Some(text) = builtin(path) {
        return Some(text.to_string());
    }
    let bytes = std::fs::read(root.join(path)).ok()?;
    String::from_utf8(bytes).ok().map(|text| as_read(&text))
}

/// A file's text as leafpress reads it, so lines and columns are the ones diagnostics give.
fn as_read(text: &str) -> String {
    text.strip_prefix('\u{FEFF}')
        .unwrap_or(text)
        .replace("\r\n", "\n")
}

const RESET: &str = "\u{1b}[0m";

/// The colour of a level's name, as rustc shows them.
fn style(level: Level) -> &'static str {
    match level {
        Level::Error => "\u{1b}[1;91m",
        Level::Warning => "\u{1b}[1;33m",
        Level::Note => "\u{1b}[1;92m",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Location, Position};

    fn no_builtins(_: &Path) -> Option<&'static str> {
        None
    }

    #[test]
    fn the_source_line_is_underlined_under_the_first_line_and_before_the_hint() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("zh.md"),
            "\u{FEFF}---\r\ntitle: x\r\n---\r\n请勿进食。.术前两小时可以喝水,谢谢\r\n",
        )
        .unwrap();
        let diagnostic = Diagnostic::warning(
            Location::at("zh.md", Position::new(4, 15)),
            "half-width `,` after Chinese text",
        )
        .with_hint("use `，`")
        .underlining(1);
        let mut printer = Printer::new(dir.path(), no_builtins, false);
        let printed = printer.render(&diagnostic);
        let lines: Vec<&str> = printed.lines().collect();
        assert_eq!(
            lines[0],
            "zh.md:4:15: warning: half-width `,` after Chinese text"
        );
        assert_eq!(lines[2], "4 | 请勿进食。.术前两小时可以喝水,谢谢");
        // Fourteen characters before the comma, of which thirteen are two columns wide.
        let caret = lines[3].find('^').unwrap() - "  | ".len();
        assert_eq!(caret, 13 * 2 + 1, "{printed}");
        assert_eq!(lines[4], "  = hint: use `，`");
    }

    #[test]
    fn without_a_position_or_a_readable_file_only_the_text_lines_are_printed() {
        let dir = tempfile::tempdir().unwrap();
        let mut printer = Printer::new(dir.path(), no_builtins, false);
        for location in [
            Location::file("site.yaml"),
            Location::at("missing.md", Position::new(1, 1)),
        ] {
            let diagnostic = Diagnostic::error(location.clone(), "bad").with_hint("fix it");
            assert_eq!(
                printer.render(&diagnostic),
                format!("{location}: error: bad\n  = hint: fix it\n")
            );
        }
    }

    #[test]
    fn colour_marks_the_level_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut printer = Printer::new(dir.path(), no_builtins, true);
        let printed = printer.render(&Diagnostic::error(Location::file("a"), "m"));
        assert_eq!(printed, "a: \u{1b}[1;91merror\u{1b}[0m: m\n");
    }
}
