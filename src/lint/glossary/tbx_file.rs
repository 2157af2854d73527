//! Reads `glossary.tbx`, a termbase as translation agencies deliver it (ISO 30042, TBX-Basic):
//! the 2008 form (`<termEntry>`, `<langSet>`, `<tig>`) and TBX v3 (`<conceptEntry>`,
//! `<langSec>`, `<termSec>`). A term's `administrativeStatus` decides whether it is approved
//! (preferred, admitted) or to be avoided (deprecated, superseded, "admitted: no").

use std::collections::BTreeSet;
use std::path::Path;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::line_column;
use super::{Origin, Row, problem, resolve_language};
use crate::diagnostic::Diagnostic;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Preferred,
    Admitted,
    Avoided,
}

/// The status an `administrativeStatus` value gives a term, `None` for an unknown value.
fn classify_status(value: &str) -> Option<Status> {
    let value = value.trim().to_ascii_lowercase();
    let value = value.strip_suffix("-admn-sts").unwrap_or(&value);
    match value {
        "preferredterm" | "preferred" => Some(Status::Preferred),
        "admittedterm" | "admitted" => Some(Status::Admitted),
        "deprecatedterm" | "deprecated" | "supersededterm" | "superseded" | "admitted: no"
        | "admittedterm: no" | "notrecommended" | "not recommended" => Some(Status::Avoided),
        _ => None,
    }
}

/// A term being read: its text, and its status once its note has been read.
#[derive(Debug, Default)]
struct TermBuilder {
    text: String,
    status: Option<Status>,
}

/// A concept entry being read.
#[derive(Debug)]
struct EntryBuilder {
    line: usize,
    /// (site language, term, status) in document order.
    terms: Vec<(String, String, Status)>,
}

/// What text is being collected, and into what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Collecting {
    Nothing,
    Term,
    /// The text of an `administrativeStatus` note, started at this byte offset.
    Status(usize),
}

struct TbxReader<'a> {
    path: &'a Path,
    text: &'a str,
    languages: &'a [String],
    problems: Vec<Diagnostic>,
    rows: Vec<Row>,
    entry: Option<EntryBuilder>,
    /// The site language of the open `langSet`/`langSec`, or `None` for one the site lacks.
    language: Option<String>,
    term: Option<TermBuilder>,
    /// A `<term>` outside `<tig>`/`<termSec>`: it is its own term group.
    bare_term: bool,
    collecting: Collecting,
    status_text: String,
    languages_reported: BTreeSet<String>,
    /// Elements open at the current point, with their start offsets: the XML reader does not
    /// report elements still open at the end of the file, so this does.
    open_elements: Vec<(String, usize)>,
}

/// The rows of a `glossary.tbx` whose bytes are `bytes`, and what is wrong with it.
pub fn parse(path: &Path, bytes: &[u8], languages: &[String]) -> (Vec<Row>, Vec<Diagnostic>) {
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = line_column(valid, e.valid_up_to());
            let problem = problem::error(
                path,
                line,
                Some(column),
                "glossary.tbx is not UTF-8 text; it was not read".to_string(),
            )
            .with_hint("TBX files are UTF-8; ask the agency for a UTF-8 export");
            return (Vec::new(), vec![problem]);
        }
    };
    let mut reader = TbxReader {
        path,
        text,
        languages,
        problems: Vec::new(),
        rows: Vec::new(),
        entry: None,
        language: None,
        term: None,
        bare_term: false,
        collecting: Collecting::Nothing,
        status_text: String::new(),
        languages_reported: BTreeSet::new(),
        open_elements: Vec::new(),
    };
    reader.read();
    (reader.rows, reader.problems)
}

impl TbxReader<'_> {
    fn read(&mut self) {
        let mut xml = Reader::from_str(self.text);
        let mut root_seen = false;
        loop {
            let start = usize::try_from(xml.buffer_position()).unwrap_or(usize::MAX);
            let event = match xml.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let at = usize::try_from(xml.error_position()).unwrap_or(start);
                    let (line, column) = line_column(self.text, at);
                    self.problems.push(
                        problem::error(
                            self.path,
                            line,
                            Some(column),
                            format!(
                                "malformed XML: {e}; entries from here on were not read"
                            ),
                        )
                        .with_hint("check the file with an XML validator, or ask the agency for a new export"),
                    );
                    return;
                }
            };
            match event {
                Event::Start(e) => {
                    if !root_seen {
                        root_seen = true;
                        self.check_root(&e, start);
                    }
                    self.open(&e, start);
                    self.open_elements
                        .push((e.local_name().as_ref().to_string(), start));
                }
                Event::Empty(e) => {
                    if !root_seen {
                        root_seen = true;
                        self.check_root(&e, start);
                    }
                    self.open(&e, start);
                    self.close(e.local_name().as_ref());
                }
                Event::End(e) => {
                    self.open_elements.pop();
                    self.close(e.local_name().as_ref());
                }
                Event::Text(e) => self.collect(&e.xml10_content()),
                Event::CData(e) => self.collect(&e.xml10_content()),
                Event::GeneralRef(e) => {
                    let resolved = match e.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        Ok(None) => resolve_predefined_entity(&e).map(str::to_string),
                        Err(_) => None,
                    };
                    match resolved {
                        Some(text) => self.collect(&text),
                        None if self.collecting != Collecting::Nothing => {
                            let (line, column) = line_column(self.text, start);
                            self.problems.push(problem::warning(
                                self.path,
                                line,
                                Some(column),
                                format!("unknown entity &{};, left out of the term", &*e),
                            ));
                        }
                        None => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if let Some((name, at)) = self.open_elements.last() {
            let (line, column) = line_column(self.text, *at);
            self.problems.push(
                problem::error(
                    self.path,
                    line,
                    Some(column),
                    format!("malformed XML: <{name}> is never closed; the file may be cut short"),
                )
                .with_hint("ask the agency for a complete export"),
            );
        }
        if !root_seen {
            self.problems.push(problem::error(
                self.path,
                1,
                Some(1),
                "glossary.tbx has no elements; it was not used".to_string(),
            ));
        }
    }

    fn check_root(&mut self, root: &BytesStart, start: usize) {
        let name = root.local_name();
        let name = name.as_ref();
        if name != "martif" && name != "tbx" {
            let (line, column) = line_column(self.text, start);
            self.problems.push(problem::warning(
                self.path,
                line,
                Some(column),
                format!("the root element is <{name}>, not <martif> or <tbx>: is this a TBX file?"),
            ));
        }
    }

    fn open(&mut self, element: &BytesStart, start: usize) {
        match element.local_name().as_ref() {
            "termEntry" | "conceptEntry" => {
                self.entry = Some(EntryBuilder {
                    line: line_column(self.text, start).0,
                    terms: Vec::new(),
                });
                self.language = None;
            }
            "langSet" | "langSec" => {
                let tag = element
                    .try_get_attribute("xml:lang")
                    .ok()
                    .flatten()
                    .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
                    .map(|v| v.into_owned())
                    .unwrap_or_default();
                self.language = resolve_language(&tag, self.languages).cloned();
                if self.language.is_none() && self.languages_reported.insert(tag.clone()) {
                    let (line, column) = line_column(self.text, start);
                    let message = if tag.is_empty() {
                        "a language section without xml:lang; its terms are ignored".to_string()
                    } else {
                        format!(
                            "terms in \"{tag}\", which the site does not have ({}), are ignored",
                            self.languages.join(", ")
                        )
                    };
                    self.problems
                        .push(problem::warning(self.path, line, Some(column), message));
                }
            }
            "tig" | "ntig" | "termSec" => self.term = Some(TermBuilder::default()),
            "term" => {
                if self.term.is_none() {
                    self.term = Some(TermBuilder::default());
                    self.bare_term = true;
                }
                self.collecting = Collecting::Term;
            }
            "termNote" | "descrip" => {
                let kind = element
                    .try_get_attribute("type")
                    .ok()
                    .flatten()
                    .map(|a| a.value.into_owned())
                    .unwrap_or_default();
                if kind == "administrativeStatus" || kind == "normativeAuthorization" {
                    self.collecting = Collecting::Status(start);
                    self.status_text.clear();
                }
            }
            // TBX v3 in the DCT style writes the status as an element of its own.
            "administrativeStatus" => {
                self.collecting = Collecting::Status(start);
                self.status_text.clear();
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "term" => {
                self.collecting = Collecting::Nothing;
                if self.bare_term {
                    self.bare_term = false;
                    self.finish_term();
                }
            }
            "termNote" | "descrip" | "administrativeStatus" => {
                if let Collecting::Status(at) = self.collecting {
                    self.collecting = Collecting::Nothing;
                    self.finish_status(at);
                }
            }
            "tig" | "ntig" | "termSec" => self.finish_term(),
            "langSet" | "langSec" => self.language = None,
            "termEntry" | "conceptEntry" => self.finish_entry(),
            _ => {}
        }
    }

    fn collect(&mut self, text: &str) {
        match self.collecting {
            Collecting::Term => {
                if let Some(term) = &mut self.term {
                    term.text.push_str(text);
                }
            }
            Collecting::Status(_) => self.status_text.push_str(text),
            Collecting::Nothing => {}
        }
    }

    fn finish_status(&mut self, at: usize) {
        let status = classify_status(&self.status_text);
        if status.is_none() {
            let (line, column) = line_column(self.text, at);
            self.problems.push(
                problem::warning(
                    self.path,
                    line,
                    Some(column),
                    format!(
                        "unknown administrativeStatus \"{}\"; the term is taken as admitted",
                        self.status_text.trim()
                    ),
                )
                .with_hint(
                    "use preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts \
                     or supersededTerm-admn-sts",
                ),
            );
        }
        // A status note of a langSet or entry, outside any term, applies to none.
        if let Some(term) = &mut self.term {
            term.status = Some(status.unwrap_or(Status::Admitted));
        }
    }

    fn finish_term(&mut self) {
        let Some(term) = self.term.take() else {
            return;
        };
        let text = crate::text::phrases::collapse_whitespace(&term.text);
        if let (Some(entry), Some(lang)) = (&mut self.entry, &self.language)
            && !text.is_empty()
        {
            // A term without a status is admitted: TBX-Basic makes the status optional.
            let status = term.status.unwrap_or(Status::Admitted);
            entry.terms.push((lang.clone(), text, status));
        }
    }

    fn finish_entry(&mut self) {
        let Some(entry) = self.entry.take() else {
            return;
        };
        if entry.terms.is_empty() {
            return;
        }
        let mut row = Row::new(Origin {
            path: self.path.to_path_buf(),
            line: entry.line,
        });
        // Preferred terms first, then admitted ones, each in document order.
        for wanted in [Status::Preferred, Status::Admitted] {
            for (lang, term, _) in entry.terms.iter().filter(|t| t.2 == wanted) {
                Row::push_unique(row.terms.entry(lang.clone()).or_default(), term.clone());
            }
        }
        for (lang, term, _) in entry.terms.iter().filter(|t| t.2 == Status::Avoided) {
            Row::push_unique(row.avoid.entry(lang.clone()).or_default(), term.clone());
        }
        if !row.has_any_term() {
            self.problems.push(
                problem::warning(
                    self.path,
                    entry.line,
                    None,
                    "this entry has only deprecated terms in the site's languages; it was not used"
                        .to_string(),
                )
                .with_hint("give the term that replaces them as preferredTerm-admn-sts"),
            );
            return;
        }
        self.rows.push(row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages() -> Vec<String> {
        vec!["en".to_string(), "zh".to_string()]
    }

    fn parse_text(text: &str) -> (Vec<Row>, Vec<Diagnostic>) {
        parse(Path::new("glossary.tbx"), text.as_bytes(), &languages())
    }

    use super::super::summary;

    const TBX_BASIC_2008: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en-GB">
<text><body>
<termEntry id="dvt">
  <langSet xml:lang="en-GB">
    <tig><term>DVT</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
    <tig><term>deep vein thrombosis</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
  </langSet>
  <langSet xml:lang="zh-CN">
    <tig><term>深静脉血栓</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>深静脉血栓形成</term></tig>
    <tig><term>深层静脉炎</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    <tig><term>静脉炎</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
  </langSet>
  <langSet xml:lang="fr"><tig><term>TVP</term></tig></langSet>
</termEntry>
</body></text>
</martif>
"#;

    #[test]
    fn reads_tbx_basic_2008() {
        let (rows, problems) = parse_text(TBX_BASIC_2008);
        assert_eq!(
            summary(&problems),
            ["15:3 warning terms in \"fr\", which the site does not have (en, zh), are ignored"]
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].origin.line, 4);
        assert_eq!(rows[0].terms("en"), ["deep vein thrombosis", "DVT"]);
        assert_eq!(rows[0].terms("zh"), ["深静脉血栓", "深静脉血栓形成"]);
        assert_eq!(rows[0].avoided("zh"), ["深层静脉炎", "静脉炎"]);
    }

    #[test]
    fn reads_tbx_v3() {
        let text = r#"<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body>
<conceptEntry id="vcf">
  <langSec xml:lang="en">
    <termSec><term>vertebral compression fracture</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
    <termSec><term>VCF</term></termSec>
  </langSec>
  <langSec xml:lang="zh">
    <termSec><term>椎体压缩性骨折</term></termSec>
    <termSec><term>室性脑脊液</term>
      <termNote type="administrativeStatus">admitted: no</termNote></termSec>
  </langSec>
</conceptEntry>
<conceptEntry id="only-wrong">
  <langSec xml:lang="zh"><termSec><term>静脉炎</term>
    <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
</conceptEntry>
</body></text>
</tbx>
"#;
        let (rows, problems) = parse_text(text);
        assert_eq!(
            summary(&problems),
            [
                "16:1 warning this entry has only deprecated terms in the site's languages; it was not used"
            ]
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0].terms("en"),
            ["vertebral compression fracture", "VCF"]
        );
        assert_eq!(rows[0].terms("zh"), ["椎体压缩性骨折"]);
        assert_eq!(rows[0].avoided("zh"), ["室性脑脊液"]);
    }

    #[test]
    fn reports_malformed_xml_at_its_place() {
        let cases: &[(&str, &[&str])] = &[
            (
                "<martif>\n<text><body>\n<termEntry><langSet xml:lang=\"en\"><tig><term>DVT</tig>\n</termEntry></body></text></martif>",
                &[
                    "3:49 error malformed XML: ill-formed document: expected `</term>`, but `</tig>` was found; entries from here on were not read",
                ],
            ),
            (
                "<martif><text><body><termEntry>\n  <langSet xml:lang=\"en\"><tig><term>A &amp; E</term>\n",
                &["2:26 error malformed XML: <tig> is never closed; the file may be cut short"],
            ),
            (
                "",
                &["1:1 error glossary.tbx has no elements; it was not used"],
            ),
            (
                "<glossary/>",
                &[
                    "1:1 warning the root element is <glossary>, not <martif> or <tbx>: is this a TBX file?",
                ],
            ),
            (
                "<martif><termEntry><langSet xml:lang=\"en\"><tig><term>x</term><termNote type=\"administrativeStatus\">maybe</termNote></tig></langSet></termEntry></martif>",
                &[
                    "1:62 warning unknown administrativeStatus \"maybe\"; the term is taken as admitted",
                ],
            ),
        ];
        for (text, expected) in cases {
            let (_, problems) = parse_text(text);
            assert_eq!(summary(&problems), *expected, "{text}");
        }
    }

    #[test]
    fn odd_input_gives_problems_not_panics() {
        let inputs: &[&[u8]] = &[
            b"", b"<", b"<martif", b"</martif>", b"<martif><termEntry></langSet></martif>",
            b"<martif><term>x</term></martif>", b"<martif>&bogus;<termEntry><langSet><tig><term>&#0;</term>",
            b"\xFF\xFE<\x00", b"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><tbx/>",
            "<tbx><conceptEntry><langSec xml:lang=\"zh\"><termSec><term>深</term><termNote type=\"administrativeStatus\">".as_bytes(),
        ];
        for input in inputs {
            let _ = parse(Path::new("glossary.tbx"), input, &languages());
        }
    }

    #[test]
    fn resolves_entities_in_terms() {
        let text = "<martif><termEntry><langSet xml:lang=\"en\"><tig><term>A&amp;E &#x41;</term></tig></langSet></termEntry></martif>";
        let (rows, problems) = parse_text(text);
        assert_eq!(summary(&problems), Vec::<String>::new());
        assert_eq!(rows[0].terms("en"), ["A&E A"]);
    }

    #[test]
    fn classifies_statuses() {
        let cases: &[(&str, Option<Status>)] = &[
            ("preferredTerm-admn-sts", Some(Status::Preferred)),
            (" admittedTerm-admn-sts ", Some(Status::Admitted)),
            ("deprecatedTerm-admn-sts", Some(Status::Avoided)),
            ("supersededTerm-admn-sts", Some(Status::Avoided)),
            ("admitted: no", Some(Status::Avoided)),
            ("preferred", Some(Status::Preferred)),
            ("maybe", None),
        ];
        for &(value, expected) in cases {
            assert_eq!(classify_status(value), expected, "{value}");
        }
    }
}
