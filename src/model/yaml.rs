//! YAML mappings (site.yaml, front matter) parsed with serde_norway, with the file position of each key.

use std::collections::BTreeMap;
use std::path::Path;

use serde_norway::{Mapping, Value};

use crate::diagnostic::{Diagnostic, Location, Position};

/// A top-level YAML mapping and where each of its keys and values starts in the file.
pub struct YamlMapping {
    pub path: std::path::PathBuf,
    pub entries: Mapping,
    keys: BTreeMap<String, KeySpan>,
    /// Where the YAML text starts in its file, for values whose key could not be located.
    start: Position,
    /// The YAML text, for positions inside a key's block (nested keys, list items).
    text: String,
}

#[derive(Clone, Copy)]
struct KeySpan {
    key: Position,
    value: Position,
}

impl YamlMapping {
    /// Parses `text`, which starts at line `first_line` of the file `path` (relative to the site root).
    pub fn parse(path: &Path, text: &str, first_line: usize) -> Result<YamlMapping, Diagnostic> {
        let start = Position::new(first_line, 1);
        let entries = if text.trim().is_empty() {
            Mapping::new()
        } else {
            match serde_norway::from_str::<Value>(text) {
                Ok(Value::Mapping(mapping)) => mapping,
                Ok(Value::Null) => Mapping::new(),
                Ok(_) => {
                    return Err(Diagnostic::error(
                        Location::at(path, start),
                        "expected `key: value` lines",
                    )
                    .with_hint("each line names a field, such as `title: Colonoscopy`"));
                }
                Err(error) => return Err(syntax_error(path, &error, first_line)),
            }
        };
        Ok(YamlMapping {
            path: path.to_path_buf(),
            entries,
            keys: locate_keys(text, first_line),
            start,
            text: text.to_string(),
        })
    }

    /// Position of a key's value (or of the key, when the value is on later lines).
    pub fn value_position(&self, key: &str) -> Position {
        self.keys.get(key).map_or(self.start, |span| span.value)
    }

    pub fn key_position(&self, key: &str) -> Position {
        self.keys.get(key).map_or(self.start, |span| span.key)
    }

    pub fn value_location(&self, key: &str) -> Location {
        Location::at(&self.path, self.value_position(key))
    }

    pub fn key_location(&self, key: &str) -> Location {
        Location::at(&self.path, self.key_position(key))
    }

    pub fn start_location(&self) -> Location {
        Location::at(&self.path, self.start)
    }

    /// Keys that are not in `known`, each as an error at the key.
    pub fn unknown_keys(&self, known: &[&str], what: &str) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for key in self.entries.keys() {
            let name = match key {
                Value::String(s) => s.clone(),
                other => serde_norway::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            if known.contains(&name.as_str()) {
                continue;
            }
            let mut diagnostic = Diagnostic::error(
                self.key_location(&name),
                format!("unknown {what} field `{name}`"),
            )
            .underlining(name.chars().count());
            diagnostic = match closest(&name, known) {
                Some(close) => diagnostic.with_hint(format!("did you mean `{close}`?")),
                None => diagnostic.with_hint(format!("known fields: {}", known.join(", "))),
            };
            found.push(diagnostic);
        }
        found
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.get(key)
    }

    /// The lines of a top-level key's block (the lines after the key's own line that are
    /// indented under it), with their line numbers in the file.
    fn block(&self, key: &str) -> Vec<(usize, &str)> {
        let Some(span) = self.keys.get(key) else {
            return Vec::new();
        };
        let first = self.start.line as usize;
        let key_line = span.key.line as usize;
        let mut lines = Vec::new();
        for (index, line) in self.text.lines().enumerate().skip(key_line + 1 - first) {
            let trimmed = line.trim_start();
            if !line.starts_with([' ', '\t', '-'])
                && !trimmed.is_empty()
                && !trimmed.starts_with('#')
            {
                break;
            }
            lines.push((first + index, line));
        }
        lines
    }

    /// Where a key of the mapping under a top-level key starts its value (`name` in
    /// `hospital:` → `  name: …`); the top-level key's value position when it is not found
    /// (a flow mapping written on one line, say).
    pub fn nested_value_location(&self, parent: &str, key: &str) -> Location {
        let found = self.block(parent).into_iter().find_map(|(number, line)| {
            let indent = line.len() - line.trim_start().len();
            let colon = find_key_colon(&line[indent..])?;
            let name = line[indent..indent + colon]
                .trim()
                .trim_matches(|c| c == '"' || c == '\'');
            (name == key).then(|| {
                let after = &line[indent + colon + 1..];
                let value_offset = indent + colon + 1 + (after.len() - after.trim_start().len());
                if after.trim().is_empty() || after.trim_start().starts_with('#') {
                    Position::new(number, indent + 1)
                } else {
                    Position::new(number, line[..value_offset].chars().count() + 1)
                }
            })
        });
        Location::at(
            &self.path,
            found.unwrap_or_else(|| self.value_position(parent)),
        )
    }

    /// Where each item of a list under a top-level key starts, in order: the character after
    /// `- ` in a block list, each item of a list written on the key's line (`[a, b]`). Items
    /// of a flow list that holds quotes, brackets or braces, or goes on to more lines, have no
    /// positions: callers fall back to the key's value position.
    pub fn item_positions(&self, key: &str) -> Vec<Position> {
        if let Some(found) = self.flow_item_positions(key) {
            return found;
        }
        let block = self.block(key);
        let indent = |line: &str| line.len() - line.trim_start().len();
        let Some(item_indent) = block
            .iter()
            .filter(|(_, line)| line.trim_start().starts_with('-'))
            .map(|(_, line)| indent(line))
            .min()
        else {
            return Vec::new();
        };
        block
            .into_iter()
            .filter(|(_, line)| indent(line) == item_indent && line.trim_start().starts_with('-'))
            .map(|(number, line)| {
                let after = &line[item_indent + 1..];
                let skip = after.len() - after.trim_start().len();
                Position::new(number, line[..item_indent + 1 + skip].chars().count() + 1)
            })
            .collect()
    }

    /// Where `field` of item `index` of a block list of mappings under a top-level key starts
    /// its value (`url` in `- title: …` / `  url: …`); the item's location when not found.
    pub fn item_field_location(&self, key: &str, index: usize, field: &str) -> Location {
        let items = self.item_positions(key);
        let found = items.get(index).and_then(|item| {
            let end = items
                .get(index + 1)
                .map_or(usize::MAX, |next| next.line as usize);
            self.block(key)
                .into_iter()
                .filter(|(number, _)| (item.line as usize..end).contains(number))
                .find_map(|(number, line)| {
                    let from = if number == item.line as usize {
                        line.char_indices().nth(item.column as usize - 1)?.0
                    } else {
                        line.len() - line.trim_start().len()
                    };
                    let after = line[from..].strip_prefix(field)?.strip_prefix(':')?;
                    let value = line.len() - after.trim_start().len();
                    Some(Position::new(number, line[..value].chars().count() + 1))
                })
        });
        match found {
            Some(position) => Location::at(&self.path, position),
            None => self.item_location(key, index),
        }
    }

    /// The items of `key: [a, b]` written on the key's line, as [`YamlMapping::item_positions`].
    fn flow_item_positions(&self, key: &str) -> Option<Vec<Position>> {
        let value = self.keys.get(key)?.value;
        let line = self
            .text
            .lines()
            .nth((value.line as usize).checked_sub(self.start.line as usize)?)?;
        let start = line.char_indices().nth(value.column as usize - 1)?.0;
        let inner = line[start..].strip_prefix('[')?;
        let inner = inner.split(" #").next()?.trim_end().strip_suffix(']')?;
        if inner.contains(['[', ']', '{', '}', '"', '\'', '#']) {
            return None;
        }
        let mut offset = start + 1;
        let mut positions = Vec::new();
        for item in inner.split(',') {
            let lead = item.len() - item.trim_start().len();
            if !item.trim().is_empty() {
                positions.push(Position::new(
                    value.line as usize,
                    line[..offset + lead].chars().count() + 1,
                ));
            }
            offset += item.len() + 1;
        }
        Some(positions)
    }

    /// The location of item `index` of a list under a top-level key, or of the key's value
    /// when the item's line is not known.
    pub fn item_location(&self, key: &str, index: usize) -> Location {
        let position = self
            .item_positions(key)
            .get(index)
            .copied()
            .unwrap_or_else(|| self.value_position(key));
        Location::at(&self.path, position)
    }
}

fn syntax_error(path: &Path, error: &serde_norway::Error, first_line: usize) -> Diagnostic {
    let message = without_positions(&error.to_string());
    let position = error.location().map_or(Position::new(first_line, 1), |l| {
        Position::new(first_line + l.line() - 1, l.column())
    });
    Diagnostic::error(
        Location::at(path, position),
        format!("invalid YAML: {message}"),
    )
    .with_hint(
        "check indentation and quoting; values containing `: ` or starting with `[` need quotes",
    )
}

/// serde_norway writes positions into its messages (" at line 3 column 10"); the diagnostic
/// gives the position in the file instead, so they are removed.
fn without_positions(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let end = after.find(',').unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Finds `key:` lines at the start of a line (top-level keys) without a YAML span API:
/// serde_norway gives positions only for syntax errors.
fn locate_keys(text: &str, first_line: usize) -> BTreeMap<String, KeySpan> {
    let mut keys = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let Some(first) = line.chars().next() else {
            continue;
        };
        if first.is_whitespace() || matches!(first, '#' | '-' | '[' | '{' | '}' | ']') {
            continue;
        }
        let Some(colon) = find_key_colon(line) else {
            continue;
        };
        let key = line[..colon].trim().trim_matches(|c| c == '"' || c == '\'');
        let after = &line[colon + 1..];
        let value_offset = colon + 1 + (after.len() - after.trim_start().len());
        let line_number = first_line + index;
        let key_position = Position::new(line_number, 1);
        let value_position = if after.trim().is_empty() || after.trim_start().starts_with('#') {
            key_position
        } else {
            Position::new(line_number, line[..value_offset].chars().count() + 1)
        };
        keys.entry(key.to_string()).or_insert(KeySpan {
            key: key_position,
            value: value_position,
        });
    }
    keys
}

/// The colon that ends a plain or quoted key: followed by a space or the end of the line.
fn find_key_colon(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') if i == 0 => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b':') if bytes.get(i + 1).is_none_or(|&n| n == b' ' || n == b'\t') => {
                return Some(i);
            }
            _ => {}
        }
    }
    None
}

/// The known name nearest to a misspelt one, if it is close enough to be a typo.
pub fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::levenshtein(name, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_are_located_in_file_coordinates() {
        let yaml = "title: Colonoscopy\nreview_due: 2026-13-45\ntags:\n  - a\n";
        let doc = YamlMapping::parse(Path::new("x.md"), yaml, 2).unwrap();
        assert_eq!(doc.value_position("title"), Position::new(2, 8));
        assert_eq!(doc.value_position("review_due"), Position::new(3, 13));
        assert_eq!(doc.value_position("tags"), Position::new(4, 1));
    }

    #[test]
    fn syntax_errors_point_at_the_file_line() {
        let yaml = "title: a\nsummary: [unclosed\n";
        let error = YamlMapping::parse(Path::new("x.md"), yaml, 2)
            .err()
            .unwrap();
        assert!(
            error.message.starts_with("invalid YAML"),
            "{}",
            error.message
        );
        assert!(error.location.position.unwrap().line >= 3);
    }

    #[test]
    fn nested_keys_and_list_items_are_located() {
        let yaml = "hospital:\n  name: { en: A }\n  # comment\n  emergency: \"999\"\nsources:\n  - title: A\n    url: https://a.example/\n  -   B\nlast: 1\n";
        let doc = YamlMapping::parse(Path::new("x.yaml"), yaml, 1).unwrap();
        assert_eq!(
            doc.nested_value_location("hospital", "emergency").position,
            Some(Position::new(4, 14))
        );
        assert_eq!(
            doc.nested_value_location("hospital", "phone").position,
            Some(Position::new(1, 1))
        );
        assert_eq!(
            doc.item_positions("sources"),
            vec![Position::new(6, 5), Position::new(8, 7)]
        );
        assert!(doc.item_positions("last").is_empty());
        assert_eq!(
            doc.item_field_location("sources", 0, "url").position,
            Some(Position::new(7, 10))
        );
        assert_eq!(
            doc.item_field_location("sources", 1, "url").position,
            Some(Position::new(8, 7))
        );
    }

    #[test]
    fn items_of_a_list_on_one_line_are_located() {
        let yaml =
            "title: 标题\naliases: [old,  older-name ,x] # earlier slugs\nquoted: [\"a, b\", c]\n";
        let doc = YamlMapping::parse(Path::new("x.md"), yaml, 2).unwrap();
        assert_eq!(
            doc.item_positions("aliases"),
            vec![
                Position::new(3, 11),
                Position::new(3, 17),
                Position::new(3, 29)
            ]
        );
        // A quoted comma would be miscounted: no positions rather than wrong ones.
        assert!(doc.item_positions("quoted").is_empty());
    }

    #[test]
    fn typos_suggest_the_known_field() {
        assert_eq!(
            closest("reviewd", &["reviewed", "review_due"]),
            Some("reviewed")
        );
        assert_eq!(closest("colour", &["title", "summary"]), None);
    }
}
