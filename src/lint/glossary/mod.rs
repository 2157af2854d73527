//! A site's glossary of approved and wrong translations of medical terms, read from
//! `glossary.csv` (kept by comms teams in a spreadsheet) and `glossary.tbx` (termbases from
//! translation agencies), and compiled into one term matcher per language.
//!
//! The two checks that use it, `term-mismatch` and `avoided-term`, are in [`rules`].

mod csv_file;
mod merge;
pub mod rules;
mod tbx_file;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostics, LineIndex};
use crate::text::phrases::{Inflection, PhraseMatcher, collapse_whitespace};

pub use merge::merge;
pub use rules::{AvoidedTerm, TermMismatch, TermsFound, avoided_terms, term_mismatches};

/// File names looked for at the site root.
pub use crate::model::{GLOSSARY_CSV as CSV_FILE, GLOSSARY_TBX as TBX_FILE};

/// Problems in a glossary file, as diagnostics at `line:column` (line 0: the file as a whole,
/// as when it cannot be read).
pub(crate) mod problem {
    use std::path::Path;

    use crate::diagnostic::{Diagnostic, Location, Position};

    fn location(path: &Path, line: usize, column: Option<usize>) -> Location {
        if line == 0 {
            Location::file(path)
        } else {
            Location::at(path, Position::new(line, column.unwrap_or(1)))
        }
    }

    /// A problem that loses a term or makes one ambiguous.
    pub fn error(path: &Path, line: usize, column: Option<usize>, message: String) -> Diagnostic {
        Diagnostic::error(location(path, line, column), message)
    }

    /// A problem that loses nothing.
    pub fn warning(path: &Path, line: usize, column: Option<usize>, message: String) -> Diagnostic {
        Diagnostic::warning(location(path, line, column), message)
    }
}

/// The 1-based line and character column of a byte offset of `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let position = LineIndex::new(text).position(offset);
    (position.line as usize, position.column as usize)
}

/// Where a glossary row was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: PathBuf,
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.path.file_name().unwrap_or(self.path.as_os_str());
        write!(f, "{}:{}", name.to_string_lossy(), self.line)
    }
}

/// The index of a row in its glossary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowId(pub usize);

/// One concept: its approved terms and its known wrong translations, per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Approved terms by language code, the preferred one first.
    pub terms: BTreeMap<String, Vec<String>>,
    /// Translations known to be wrong, by language code.
    pub avoid: BTreeMap<String, Vec<String>>,
    pub note: Option<String>,
    pub origin: Origin,
}

impl Row {
    fn new(origin: Origin) -> Row {
        Row {
            terms: BTreeMap::new(),
            avoid: BTreeMap::new(),
            note: None,
            origin,
        }
    }

    /// The approved terms in `lang`, the preferred one first.
    pub fn terms(&self, lang: &str) -> &[String] {
        self.terms.get(lang).map_or(&[], Vec::as_slice)
    }

    /// The preferred term in `lang`.
    pub fn preferred(&self, lang: &str) -> Option<&str> {
        self.terms(lang).first().map(String::as_str)
    }

    /// The terms to avoid in `lang`.
    pub fn avoided(&self, lang: &str) -> &[String] {
        self.avoid.get(lang).map_or(&[], Vec::as_slice)
    }

    fn has_any_term(&self) -> bool {
        self.terms.values().any(|t| !t.is_empty())
    }

    /// Adds `term` to `list` unless it is there already (ASCII case and spacing aside).
    fn push_unique(list: &mut Vec<String>, term: String) {
        let key = term_key(&term);
        if !list.iter().any(|t| term_key(t) == key) {
            list.push(term);
        }
    }
}

/// A glossary term found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermHit {
    /// Byte range in the text, a plural or possessive ending included.
    pub range: Range<usize>,
    pub row: RowId,
    /// The text used a translation listed as wrong.
    pub avoided: bool,
}

#[derive(Debug, Clone, Copy)]
struct TermRef {
    row: RowId,
    avoided: bool,
}

/// Every term of one language (approved and avoided) in one automaton.
#[derive(Debug, Clone)]
pub struct TermMatcher {
    phrases: PhraseMatcher<TermRef>,
}

impl TermMatcher {
    /// The glossary terms in `text`, left to right, the longest at each place: an avoided
    /// `静脉炎` inside an approved `血栓性静脉炎` is not reported.
    pub fn find(&self, text: &str) -> Vec<TermHit> {
        self.phrases
            .find(text)
            .into_iter()
            .map(|m| TermHit {
                range: m.range,
                row: m.value.row,
                avoided: m.value.avoided,
            })
            .collect()
    }
}

/// A site's glossary, ready to match.
#[derive(Debug, Clone)]
pub struct Glossary {
    rows: Vec<Row>,
    matchers: HashMap<String, TermMatcher>,
}

impl Glossary {
    /// Compiles `rows` for `languages`. Fails only if an automaton cannot be built.
    pub fn new(rows: Vec<Row>, languages: &[String]) -> Result<Glossary, String> {
        let mut matchers = HashMap::new();
        for lang in languages {
            // Approved terms go in first: a term both approved and avoided (reported when the
            // glossary is loaded) is then taken as approved, which cannot raise a false alarm.
            let approved = rows.iter().enumerate().flat_map(|(i, row)| {
                row.terms(lang).iter().map(move |t| {
                    let value = TermRef {
                        row: RowId(i),
                        avoided: false,
                    };
                    (t.clone(), value)
                })
            });
            let avoided = rows.iter().enumerate().flat_map(|(i, row)| {
                row.avoided(lang).iter().map(move |t| {
                    let value = TermRef {
                        row: RowId(i),
                        avoided: true,
                    };
                    (t.clone(), value)
                })
            });
            let phrases =
                PhraseMatcher::new(approved.chain(avoided), Inflection::PluralOrPossessive)
                    .map_err(|e| format!("glossary terms in {lang}: {e}"))?;
            matchers.insert(lang.clone(), TermMatcher { phrases });
        }
        Ok(Glossary { rows, matchers })
    }

    /// The matcher of `lang`'s terms, if the glossary was built for that language.
    pub fn matcher(&self, lang: &str) -> Option<&TermMatcher> {
        self.matchers.get(lang)
    }

    /// The row `id` stands for; `id` must come from this glossary (a hit or a finding).
    pub fn row(&self, id: RowId) -> &Row {
        &self.rows[id.0]
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Every approved term in `lang`.
    pub fn terms(&self, lang: &str) -> impl Iterator<Item = &str> {
        self.rows
            .iter()
            .flat_map(move |row| row.terms(lang).iter().map(String::as_str))
    }

    /// Approved terms of any language that are written in Latin script. They are never
    /// "untranslated English" in Chinese text: the glossary says how such a term is written.
    pub fn latin_script_terms(&self) -> Vec<&str> {
        let mut terms: Vec<&str> = self
            .rows
            .iter()
            .flat_map(|row| row.terms.values().flatten())
            .map(String::as_str)
            .filter(|t| t.chars().any(|c| c.is_ascii_alphabetic()))
            .collect();
        terms.sort_unstable();
        terms.dedup();
        terms
    }
}

/// Reads `glossary.csv` and `glossary.tbx` at `root` when present, merges them and compiles the
/// result; problems in the files go to `diagnostics`. `None` when neither file exists or
/// nothing usable could be read.
pub fn load(root: &Path, languages: &[String], diagnostics: &mut Diagnostics) -> Option<Glossary> {
    let mut problems = Vec::new();
    let mut sources = Vec::new();
    for (name, parse) in [
        (
            CSV_FILE,
            csv_file::parse as fn(&Path, &[u8], &[String]) -> _,
        ),
        (TBX_FILE, tbx_file::parse),
    ] {
        // Problems name the file as it is in the site, like every diagnostic.
        let path = Path::new(name);
        match std::fs::read(root.join(path)) {
            Ok(bytes) => {
                let (rows, found) = parse(path, &bytes, languages);
                problems.extend(found);
                sources.push(rows);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => problems.push(problem::error(
                path,
                0,
                None,
                format!("cannot read {name}: {e}"),
            )),
        }
    }
    if sources.is_empty() {
        diagnostics.extend(problems);
        return None;
    }
    let rows = merge(sources, &mut problems);
    let glossary = Glossary::new(rows, languages)
        .map_err(|message| problems.push(problem::error(Path::new(CSV_FILE), 0, None, message)))
        .ok();
    diagnostics.extend(problems);
    glossary
}

/// Problems as "line:column level message" ("0" for the file as a whole), for compact
/// expectations in tests.
#[cfg(test)]
pub(crate) fn summary(problems: &[crate::diagnostic::Diagnostic]) -> Vec<String> {
    problems
        .iter()
        .map(|p| {
            let at = p
                .location
                .position
                .map_or("0".to_string(), |at| format!("{}:{}", at.line, at.column));
            format!("{at} {} {}", p.level, p.message)
        })
        .collect()
}

/// The form two terms are compared in: spacing collapsed, ASCII case ignored.
fn term_key(term: &str) -> String {
    collapse_whitespace(term).to_ascii_lowercase()
}

/// The site language a language tag stands for: the same code (any case), or the same
/// primary language (`en-GB` → `en`, `zh-Hans-CN` → `zh`) when that is unambiguous.
pub(crate) fn resolve_language<'l>(tag: &str, languages: &'l [String]) -> Option<&'l String> {
    let tag = tag.trim().replace('_', "-");
    if let Some(exact) = languages.iter().find(|l| l.eq_ignore_ascii_case(&tag)) {
        return Some(exact);
    }
    let primary = |code: &str| code.split('-').next().unwrap_or("").to_ascii_lowercase();
    let wanted = primary(&tag);
    let mut same_primary = languages.iter().filter(|l| primary(l) == wanted);
    match (same_primary.next(), same_primary.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages() -> Vec<String> {
        vec!["en".to_string(), "zh".to_string()]
    }

    /// A glossary.csv row at `line`: English and Chinese terms, and Chinese ones to avoid.
    pub(super) fn row(line: usize, en: &[&str], zh: &[&str], avoid_zh: &[&str]) -> Row {
        let mut row = Row::new(Origin {
            path: PathBuf::from("glossary.csv"),
            line,
        });
        let owned = |terms: &[&str]| terms.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        row.terms.insert("en".into(), owned(en));
        row.terms.insert("zh".into(), owned(zh));
        row.avoid.insert("zh".into(), owned(avoid_zh));
        row
    }

    #[test]
    fn resolves_language_tags() {
        let cases: &[(&str, Option<&str>)] = &[
            ("en", Some("en")),
            ("EN", Some("en")),
            ("en-GB", Some("en")),
            ("zh_CN", Some("zh")),
            ("zh-Hans-CN", Some("zh")),
            ("fr", None),
            ("", None),
        ];
        for &(tag, expected) in cases {
            assert_eq!(
                resolve_language(tag, &languages()).map(String::as_str),
                expected,
                "{tag}"
            );
        }
    }

    #[test]
    fn avoided_term_inside_a_longer_approved_term_is_not_a_hit() {
        let rows = vec![
            row(
                2,
                &["deep vein thrombosis", "DVT"],
                &["深静脉血栓"],
                &["静脉炎"],
            ),
            row(3, &["thrombophlebitis"], &["血栓性静脉炎"], &[]),
        ];
        let glossary = Glossary::new(rows, &languages()).expect("builds");
        let zh = glossary.matcher("zh").expect("zh matcher");
        let text = "血栓性静脉炎不是静脉炎。";
        let hits: Vec<(&str, usize, bool)> = zh
            .find(text)
            .iter()
            .map(|h| (&text[h.range.clone()], h.row.0, h.avoided))
            .collect();
        assert_eq!(hits, [("血栓性静脉炎", 1, false), ("静脉炎", 0, true)]);
    }

    #[test]
    fn lists_latin_script_terms_for_the_untranslated_text_rule() {
        let rows = vec![row(
            2,
            &["DVT", "deep vein thrombosis"],
            &["深静脉血栓", "DVT"],
            &[],
        )];
        let glossary = Glossary::new(rows, &languages()).expect("builds");
        assert_eq!(
            glossary.latin_script_terms(),
            ["DVT", "deep vein thrombosis"]
        );
        assert_eq!(
            glossary.terms("zh").collect::<Vec<_>>(),
            ["深静脉血栓", "DVT"]
        );
    }

    #[test]
    fn load_without_files_gives_no_glossary() {
        let dir = crate::testing::site_folder(&[]);
        let mut problems = Diagnostics::default();
        assert!(load(dir.path(), &languages(), &mut problems).is_none());
        assert!(problems.is_empty());
    }
}
