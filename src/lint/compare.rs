//! Rules that compare the languages of a leaflet, section by section: the same structure
//! (sections, subheadings, list items, table rows, images, links), the same numbers, the
//! glossary's approved terms, and the same prohibitions; and the glossary's wrong
//! translations, which need the glossary's view of each file.

use super::CheckedFile;
use super::document::Section;
use super::glossary::Glossary;
use super::glossary::rules::{TermsFound, avoided_message, mismatch_message};
use super::{negation, numbers};
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::Translation;
use crate::model::language::is_chinese;

/// Sections, and within each section subheadings, list items, table rows, images and links,
/// must correspond between two language files: reports the first place they stop matching.
pub fn structure(first_file: &CheckedFile, other_file: &CheckedFile) -> Vec<Diagnostic> {
    let (first, first_doc) = (first_file.translation, &first_file.document);
    let (other, other_doc) = (other_file.translation, &other_file.document);
    let mut findings = Vec::new();
    let mismatch = |other_offset: usize, first_offset: usize, message: String, note: String| {
        Diagnostic::warning(other_file.location(other_offset), message)
            .with_note(first_file.location(first_offset), note)
            .with_hint(
                "translations must carry the same content; update the translation or the original",
            )
            .for_rule(Rule::StructureMismatch)
    };
    let (first_count, other_count) = (first_doc.sections.len(), other_doc.sections.len());
    if first_count != other_count {
        let shared = first_count.min(other_count);
        let message = format!(
            "{} has {} ## sections, {} has {}",
            other.lang,
            other_count - 1,
            first.lang,
            first_count - 1
        );
        findings.push(if other_count > first_count {
            mismatch(
                other_doc.sections[shared].offset,
                first_doc.sections[shared - 1].offset,
                format!("{message}: this section has no counterpart"),
                format!("the last section of the {} version", first.lang),
            )
        } else {
            mismatch(
                other_doc.sections[shared - 1].offset,
                first_doc.sections[shared].offset,
                message,
                format!(
                    "this section of the {} version is missing in {}",
                    first.lang, other.lang
                ),
            )
        });
    }
    for (a, b) in first_doc.sections.iter().zip(&other_doc.sections) {
        let name = b
            .heading
            .as_ref()
            .map_or("the introduction".to_string(), |h| {
                format!("section \"{}\"", h.text)
            });
        let counts: [(&str, Vec<usize>, Vec<usize>); 5] = [
            (
                "### subheadings",
                a.subheadings.iter().map(|h| h.offset).collect(),
                b.subheadings.iter().map(|h| h.offset).collect(),
            ),
            ("list items", a.list_items.clone(), b.list_items.clone()),
            ("table rows", a.table_rows.clone(), b.table_rows.clone()),
            (
                "images",
                a.images.iter().map(|i| i.offset).collect(),
                b.images.iter().map(|i| i.offset).collect(),
            ),
            (
                "links",
                a.links.iter().map(|l| l.offset).collect(),
                b.links.iter().map(|l| l.offset).collect(),
            ),
        ];
        for (what, in_first, in_other) in counts {
            if in_first.len() != in_other.len() {
                let index = in_first.len().min(in_other.len());
                let first_at = in_first.get(index).copied().unwrap_or(a.offset);
                let other_at = in_other.get(index).copied().unwrap_or(b.offset);
                findings.push(mismatch(
                    other_at,
                    first_at,
                    format!(
                        "{name} has {} {what} in {}, {} in {}",
                        in_other.len(),
                        other.lang,
                        in_first.len(),
                        first.lang
                    ),
                    format!("the {} version's {what} differ from here", first.lang),
                ));
            }
        }
    }
    findings
}

/// Numbers with their units must match between corresponding sections of two languages.
pub fn number_parity(first_file: &CheckedFile, other_file: &CheckedFile) -> Vec<Diagnostic> {
    let (first, first_doc) = (first_file.translation, &first_file.document);
    let (other, other_doc) = (other_file.translation, &other_file.document);
    let mut findings = Vec::new();
    for (a, b) in first_doc.sections.iter().zip(&other_doc.sections) {
        let (qa, pa) = section_quantities(first, a);
        let (qb, pb) = section_quantities(other, b);
        let (only_a, only_b) = numbers::unmatched(&qa, &qb);
        let section_name = |section: &Section| {
            section
                .heading
                .as_ref()
                .map_or("the introduction".to_string(), |h| {
                    format!("section \"{}\"", h.text)
                })
        };
        // Each number present on one side only is reported where it is, with a note at the
        // corresponding section of the other language.
        let sides = [
            (only_a, &qa, &pa, (first_file, a), (other_file, b)),
            (only_b, &qb, &pb, (other_file, b), (first_file, a)),
        ];
        for (unmatched, quantities, offsets, (here, here_section), (there, there_section)) in sides
        {
            for i in unmatched {
                let there_offset = there_section
                    .heading
                    .as_ref()
                    .map_or(there_section.offset, |h| h.offset);
                findings.push(
                    Diagnostic::warning(
                        here.location(offsets[i]),
                        format!(
                            "\"{}\" in {} has no matching number in the {} version",
                            quantities[i].text,
                            section_name(here_section),
                            there.translation.lang
                        ),
                    )
                    .underlining(quantities[i].text.chars().count())
                    .with_note(
                        there.location(there_offset),
                        format!("the {} version of {}", there.translation.lang, section_name(there_section)),
                    )
                    .with_hint("doses, times and counts must say the same in every language; check the translation")
                    .for_rule(Rule::NumberMismatch),
                );
            }
        }
    }
    findings
}

/// Quantities of a section and their file offsets.
fn section_quantities(
    translation: &Translation,
    section: &Section,
) -> (Vec<numbers::Quantity>, Vec<usize>) {
    let mut quantities = Vec::new();
    let mut offsets = Vec::new();
    for block in &section.blocks {
        let found = if is_chinese(&translation.lang) {
            numbers::quantities_zh(&block.text)
        } else {
            numbers::quantities_en(&block.text)
        };
        for quantity in found {
            offsets.push(block.file_offset(quantity.range.start));
            quantities.push(quantity);
        }
    }
    (quantities, offsets)
}

/// The glossary's view of a file: each section's texts (its blocks, then its images' alt text)
/// and the glossary terms found in them, once, with the way back from a place in a text to the
/// file.
pub struct GlossaryTexts<'a> {
    file: &'a CheckedFile<'a>,
    sections: Vec<Vec<&'a str>>,
    terms: TermsFound,
}

impl<'a> GlossaryTexts<'a> {
    pub fn new(glossary: &Glossary, file: &'a CheckedFile<'a>) -> GlossaryTexts<'a> {
        let sections: Vec<Vec<&str>> = file
            .document
            .sections
            .iter()
            .map(|section| {
                section
                    .blocks
                    .iter()
                    .map(|block| block.text.as_str())
                    .chain(section.images.iter().map(|image| image.alt.as_str()))
                    .collect()
            })
            .collect();
        let terms = TermsFound::new(glossary, &file.translation.lang, &sections);
        GlossaryTexts {
            file,
            sections,
            terms,
        }
    }

    /// The file offset of byte `at` of text `index` of section `section`.
    fn file_offset(&self, section: usize, index: usize, at: usize) -> usize {
        let section = &self.file.document.sections[section];
        match section.blocks.get(index) {
            Some(block) => block.file_offset(at),
            // Alt text starts after the image's `![`.
            None => section.images[index - section.blocks.len()].offset + 2 + at,
        }
    }

    fn text(&self, section: usize, index: usize, range: &std::ops::Range<usize>) -> &'a str {
        self.sections[section][index]
            .get(range.clone())
            .unwrap_or("")
    }
}

/// `term-mismatch` between two languages, both ways: a section that names a glossary concept
/// in one language and none of its approved terms in the other, reported at the other
/// language's section, with a note where the term is.
pub fn term_mismatch(
    glossary: &Glossary,
    first: &GlossaryTexts,
    other: &GlossaryTexts,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for (source, target) in [(first, other), (other, first)] {
        let (source_lang, target_lang) =
            (&source.file.translation.lang, &target.file.translation.lang);
        for mismatch in source.terms.mismatches(glossary, &target.terms) {
            let found = source.text(mismatch.section, mismatch.block, &mismatch.range);
            let (message, hint) =
                mismatch_message(glossary, &mismatch, found, source_lang, target_lang);
            let target_section = &target.file.document.sections[mismatch.section];
            let at = target_section
                .heading
                .as_ref()
                .map_or(target_section.offset, |h| h.offset);
            let term_at =
                source.file_offset(mismatch.section, mismatch.block, mismatch.range.start);
            findings.push(
                Diagnostic::warning(target.file.location(at), message)
                    .with_note(
                        source.file.location(term_at),
                        format!("\"{found}\" is here in the {source_lang} version"),
                    )
                    .with_hint(hint)
                    .for_rule(Rule::TermMismatch),
            );
        }
    }
    findings
}

/// `avoided-term`: every translation the glossary lists as wrong, where it is.
pub fn avoided_terms(glossary: &Glossary, texts: &GlossaryTexts) -> Vec<Diagnostic> {
    let lang = &texts.file.translation.lang;
    texts
        .terms
        .avoided()
        .into_iter()
        .map(|(section, avoided)| {
            let found = texts.text(section, avoided.block, &avoided.range);
            let (message, hint) = avoided_message(glossary, &avoided, found, lang);
            let at = texts.file_offset(section, avoided.block, avoided.range.start);
            Diagnostic::warning(texts.file.location(at), message)
                .underlining(found.chars().count())
                .with_hint(hint)
                .for_rule(Rule::AvoidedTerm)
        })
        .collect()
}

/// `negation-mismatch`: in corresponding blocks of corresponding sections, one language
/// forbids something and the other has no negation at all. Reported at the prohibition, with
/// a note at the other language's block.
pub fn negation_mismatch(first_file: &CheckedFile, other_file: &CheckedFile) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    let (first_lang, other_lang) = (&first_file.translation.lang, &other_file.translation.lang);
    for (a, b) in first_file
        .document
        .sections
        .iter()
        .zip(&other_file.document.sections)
    {
        let kinds = |section: &Section| section.blocks.iter().map(|b| b.kind).collect::<Vec<_>>();
        for (i, j) in negation::pair_blocks(&kinds(a), &kinds(b)) {
            let (block_a, block_b) = (&a.blocks[i], &b.blocks[j]);
            let Some(flip) =
                negation::flipped(first_lang, &block_a.text, other_lang, &block_b.text)
            else {
                continue;
            };
            let (negated, negated_block, other, other_block) = match flip.negated {
                negation::Side::A => (first_file, block_a, other_file, block_b),
                negation::Side::B => (other_file, block_b, first_file, block_a),
            };
            let (message, hint) = negation::flip_message(
                &flip,
                &negated.translation.lang,
                &negated_block.text,
                &other.translation.lang,
                negated_block.kind.name(),
            );
            let cue = negated_block.text.get(flip.cue.clone()).unwrap_or("");
            findings.push(
                Diagnostic::warning(
                    negated.location(negated_block.file_offset(flip.cue.start)),
                    message,
                )
                .underlining(cue.chars().count())
                .with_note(
                    other.location(other_block.file_offset(0)),
                    format!(
                        "the {} version of this {}",
                        other.translation.lang,
                        other_block.kind.name()
                    ),
                )
                .with_hint(hint)
                .for_rule(Rule::NegationMismatch),
            );
        }
    }
    findings
}
