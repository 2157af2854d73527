//! The two glossary checks: `term-mismatch` (a section uses a glossary term in one language
//! but none of that concept's approved terms in the other) and `avoided-term` (a translation
//! the glossary lists as wrong), with their messages worded for a translator.

use std::collections::HashSet;
use std::ops::Range;

use super::{Glossary, RowId, TermHit};

/// A glossary term in a section of the source language whose concept the same section of the
/// target language does not name with any approved term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMismatch {
    /// Index of the section (the same in both languages).
    pub section: usize,
    /// Index of the block within the source section.
    pub block: usize,
    /// Byte range of the term in that block.
    pub range: Range<usize>,
    pub row: RowId,
}

/// A translation the glossary lists as wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AvoidedTerm {
    pub block: usize,
    pub range: Range<usize>,
    pub row: RowId,
}

/// The glossary terms of one language version, section by section and block by block: found
/// once, then read by both rules and both directions of `term-mismatch`.
#[derive(Debug, Clone)]
pub struct TermsFound {
    lang: String,
    /// Hits per block per section; empty when the glossary has no matcher for the language.
    sections: Vec<Vec<Vec<TermHit>>>,
}

impl TermsFound {
    pub fn new(glossary: &Glossary, lang: &str, sections: &[Vec<&str>]) -> TermsFound {
        let sections = match glossary.matcher(lang) {
            Some(matcher) => sections
                .iter()
                .map(|blocks| blocks.iter().map(|text| matcher.find(text)).collect())
                .collect(),
            None => Vec::new(),
        };
        TermsFound {
            lang: lang.to_string(),
            sections,
        }
    }

    /// Every avoided term, as (section index, finding).
    pub fn avoided(&self) -> Vec<(usize, AvoidedTerm)> {
        let mut found = Vec::new();
        for (section, blocks) in self.sections.iter().enumerate() {
            for (block, hits) in blocks.iter().enumerate() {
                for hit in hits.iter().filter(|h| h.avoided) {
                    let avoided = AvoidedTerm {
                        block,
                        range: hit.range.clone(),
                        row: hit.row,
                    };
                    found.push((section, avoided));
                }
            }
        }
        found
    }

    /// `term-mismatch` from this language to `target`'s.
    pub fn mismatches(&self, glossary: &Glossary, target: &TermsFound) -> Vec<TermMismatch> {
        let mut found = Vec::new();
        for (section, (source_blocks, target_blocks)) in
            self.sections.iter().zip(&target.sections).enumerate()
        {
            // Concepts the target section names, rightly or (for `avoided-term`) wrongly.
            let named: HashSet<RowId> = target_blocks.iter().flatten().map(|h| h.row).collect();
            let mut reported = HashSet::new();
            for (block, hits) in source_blocks.iter().enumerate() {
                for hit in hits {
                    if hit.avoided
                        || named.contains(&hit.row)
                        || glossary.row(hit.row).terms(&target.lang).is_empty()
                        || !reported.insert(hit.row)
                    {
                        continue;
                    }
                    found.push(TermMismatch {
                        section,
                        block,
                        range: hit.range.clone(),
                        row: hit.row,
                    });
                }
            }
        }
        found
    }
}

/// `term-mismatch` in one direction; run it both ways to check both languages (or build a
/// [`TermsFound`] per language and ask each, which matches every block once). Sections pair
/// by index (sections beyond the shorter list are the `structure-mismatch` rule's business).
///
/// A concept is reported once per section, at its first use. It is not reported when the
/// target section uses one of the concept's avoided terms instead: `avoided-term` reports that
/// at its exact place, with the approved term. Concepts with no approved term in the target
/// language cannot be checked and are skipped.
pub fn term_mismatches(
    glossary: &Glossary,
    source_lang: &str,
    source_sections: &[Vec<&str>],
    target_lang: &str,
    target_sections: &[Vec<&str>],
) -> Vec<TermMismatch> {
    let source = TermsFound::new(glossary, source_lang, source_sections);
    let target = TermsFound::new(glossary, target_lang, target_sections);
    source.mismatches(glossary, &target)
}

/// `avoided-term`: every wrong translation in `blocks` of language `lang`, where it is.
pub fn avoided_terms(glossary: &Glossary, lang: &str, blocks: &[&str]) -> Vec<AvoidedTerm> {
    TermsFound::new(glossary, lang, &[blocks.to_vec()])
        .avoided()
        .into_iter()
        .map(|(_, avoided)| avoided)
        .collect()
}

/// Message and hint of a `term-mismatch` finding whose term reads `found` in the source text.
pub fn mismatch_message(
    glossary: &Glossary,
    mismatch: &TermMismatch,
    found: &str,
    source_lang: &str,
    target_lang: &str,
) -> (String, String) {
    let row = glossary.row(mismatch.row);
    let expected = quoted_list(row.terms(target_lang));
    let message = format!(
        "glossary term \"{found}\" is in the {source_lang} version of this section, \
         but the {target_lang} version has none of its approved translations ({expected})"
    );
    let hint = match row.preferred(target_lang) {
        Some(preferred) => format!(
            "translate it as \"{preferred}\" (glossary: {}){}",
            row.origin,
            note_suffix(row.note.as_deref())
        ),
        None => format!("see the glossary at {}", row.origin),
    };
    (message, hint)
}

/// Message and hint of an `avoided-term` finding whose term reads `found` in the text.
pub fn avoided_message(
    glossary: &Glossary,
    avoided: &AvoidedTerm,
    found: &str,
    lang: &str,
) -> (String, String) {
    let row = glossary.row(avoided.row);
    let concept = row
        .terms
        .iter()
        .find(|(l, _)| l.as_str() != lang)
        .and_then(|(_, terms)| terms.first())
        .or_else(|| row.terms(lang).first());
    let message = match concept {
        Some(concept) => {
            format!("\"{found}\" is listed in the glossary as a wrong translation of \"{concept}\"")
        }
        None => format!("\"{found}\" is listed in the glossary as a wrong translation"),
    };
    let hint = match row.preferred(lang) {
        Some(preferred) => format!(
            "use \"{preferred}\" (glossary: {}){}",
            row.origin,
            note_suffix(row.note.as_deref())
        ),
        None => format!("see the glossary at {}", row.origin),
    };
    (message, hint)
}

fn quoted_list(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The row's note, on one line: a hint is one line.
fn note_suffix(note: Option<&str>) -> String {
    note.map_or(String::new(), |n| {
        format!(
            "; note: {}",
            n.split_whitespace().collect::<Vec<_>>().join(" ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::glossary::{Origin, Row};
    use std::path::PathBuf;

    fn glossary() -> Glossary {
        let rows = [
            (
                &["vertebral compression fracture", "VCF"][..],
                &["椎体压缩性骨折"][..],
                &["室性脑脊液"][..],
            ),
            (
                &["deep vein thrombosis", "DVT"],
                &["深静脉血栓", "深静脉血栓形成"],
                &["深层静脉炎", "静脉炎"],
            ),
            (&["thrombophlebitis"], &["血栓性静脉炎"], &[]),
            (&["fracture clinic"], &[], &[]),
        ];
        let rows = rows
            .iter()
            .enumerate()
            .map(|(i, (en, zh, avoid_zh))| {
                let mut row = Row::new(Origin {
                    path: PathBuf::from("glossary.csv"),
                    line: i + 2,
                });
                let owned = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
                row.terms.insert("en".into(), owned(en));
                row.terms.insert("zh".into(), owned(zh));
                row.avoid.insert("zh".into(), owned(avoid_zh));
                row
            })
            .collect();
        Glossary::new(rows, &["en".to_string(), "zh".to_string()]).expect("builds")
    }

    /// (en section blocks, zh section blocks, expected en→zh mismatches as found text).
    type MismatchCase = (
        &'static [&'static str],
        &'static [&'static str],
        &'static [&'static str],
    );

    #[test]
    fn finds_terms_missing_from_the_other_language() {
        let cases: &[MismatchCase] = &[
            (
                &["A VCF is a break in the spine."],
                &["椎体压缩性骨折是脊柱的一种骨折。"],
                &[],
            ),
            (&["VCFs heal slowly."], &["这种骨折愈合很慢。"], &["VCFs"]),
            (
                &["Vertebral compression fractures are common."],
                &["椎体压缩性骨折很常见。"],
                &[],
            ),
            // Reported once per section, at the first use.
            (
                &["DVT is a clot.", "A DVT's risk"],
                &["血栓。", "风险"],
                &["DVT"],
            ),
            // The approved term may be in any block of the section.
            (
                &["DVT is a clot."],
                &["这是一种血块。", "深静脉血栓形成的风险"],
                &[],
            ),
            // An avoided term in the target is the other rule's finding.
            (&["DVT is a clot."], &["静脉炎是一种血块。"], &[]),
            // No Chinese term to expect: nothing to check.
            (&["Go to the fracture clinic."], &["请去骨科门诊。"], &[]),
            // Whole words only.
            (&["ADVTS and VCFX are not terms."], &["无"], &[]),
        ];
        let glossary = glossary();
        for (en, zh, expected) in cases {
            let found = term_mismatches(&glossary, "en", &[en.to_vec()], "zh", &[zh.to_vec()]);
            let texts: Vec<&str> = found
                .iter()
                .map(|m| &en[m.block][m.range.clone()])
                .collect();
            assert_eq!(&texts, expected, "{en:?} / {zh:?}");
        }
    }

    #[test]
    fn checks_chinese_against_english_too() {
        let glossary = glossary();
        let zh = vec!["深静脉血栓的风险"];
        let en = vec!["The risk of a clot"];
        let found = term_mismatches(&glossary, "zh", std::slice::from_ref(&zh), "en", &[en]);
        assert_eq!(found.len(), 1);
        assert_eq!(&zh[0][found[0].range.clone()], "深静脉血栓");
        let (message, hint) = mismatch_message(&glossary, &found[0], "深静脉血栓", "zh", "en");
        assert_eq!(
            message,
            "glossary term \"深静脉血栓\" is in the zh version of this section, but the en version \
             has none of its approved translations (\"deep vein thrombosis\", \"DVT\")"
        );
        assert_eq!(
            hint,
            "translate it as \"deep vein thrombosis\" (glossary: glossary.csv:3)"
        );
    }

    #[test]
    fn reports_avoided_terms_where_they_are() {
        let glossary = glossary();
        let blocks = [
            "血栓性静脉炎不是静脉炎。",
            "室性脑脊液",
            "深层静脉炎和深静脉血栓",
        ];
        let found: Vec<(usize, &str)> = avoided_terms(&glossary, "zh", &blocks)
            .iter()
            .map(|a| (a.block, &blocks[a.block][a.range.clone()]))
            .collect();
        assert_eq!(found, [(0, "静脉炎"), (1, "室性脑脊液"), (2, "深层静脉炎")]);
        let first = &avoided_terms(&glossary, "zh", &blocks)[0];
        let (message, hint) = avoided_message(&glossary, first, "静脉炎", "zh");
        assert_eq!(
            message,
            "\"静脉炎\" is listed in the glossary as a wrong translation of \"deep vein thrombosis\""
        );
        assert_eq!(hint, "use \"深静脉血栓\" (glossary: glossary.csv:3)");
    }

    #[test]
    fn terms_found_once_serve_both_rules_and_directions() {
        let glossary = glossary();
        let en = [vec!["A DVT."], vec!["A VCF.", "No terms here."]];
        let zh = [vec!["深静脉血栓。"], vec!["室性脑脊液。", "这里没有。"]];
        let en_found = TermsFound::new(&glossary, "en", &en);
        let zh_found = TermsFound::new(&glossary, "zh", &zh);
        assert_eq!(en_found.mismatches(&glossary, &zh_found), []);
        assert_eq!(zh_found.mismatches(&glossary, &en_found), []);
        let avoided: Vec<(usize, usize)> = zh_found
            .avoided()
            .iter()
            .map(|(section, a)| (*section, a.block))
            .collect();
        assert_eq!(avoided, [(1, 0)]);
        assert_eq!(TermsFound::new(&glossary, "fr", &en).avoided(), []);
    }
}
