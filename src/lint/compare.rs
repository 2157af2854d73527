//! Rules that compare the languages of a leaflet, section by section: the same structure
//! (sections, subheadings, list items, table rows, images, links) and the same numbers.

use super::CheckedFile;
use super::document::Section;
use super::numbers;
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
