//! Rules over the words themselves: numbers that differ between languages, untranslated
//! fragments, readability, and Chinese punctuation and spacing.

use crate::diagnostic::Diagnostic;
use crate::site::Translation;

use super::document::{Block, Section};
use super::{CheckedFile, LintConfig, Rule, numbers, punctuation, readability, script};

/// Chinese characters (CJK unified ideographs and their extensions, compatibility ideographs
/// and `〇`). The punctuation rules and the search index share this; the search script
/// (`templates/search.js`, `isHan`) lists the same ranges.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// Is this a Chinese-language file? (Chinese rules apply to `zh`, `zh-Hans`, `zh-CN`…)
pub fn is_chinese(lang: &str) -> bool {
    lang == "zh" || lang.starts_with("zh-")
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

/// Untranslated runs, readability and (Chinese) punctuation of one file.
pub fn language_quality(file: &CheckedFile, config: &LintConfig) -> Vec<Diagnostic> {
    let (translation, document) = (file.translation, &file.document);
    let at = |block: &Block, offset: usize| file.location(block.file_offset(offset));
    let mut findings = Vec::new();
    let blocks = || document.sections.iter().flat_map(|s| &s.blocks);
    if is_chinese(&translation.lang) {
        let latin_terms: Vec<&str> = config.latin_terms.iter().map(String::as_str).collect();
        let allowed = script::AllowedTerms::new(&latin_terms);
        for block in blocks() {
            for range in script::untranslated_in_chinese(&block.text, &allowed) {
                findings.push(
                    Diagnostic::warning(at(block, range.start), format!("untranslated English in Chinese text: \"{}\"", &block.text[range.clone()]))
                        .with_hint("translate it, or add the term to `latin_terms` in site.yaml if it stays in Latin script")
                        .for_rule(Rule::UntranslatedText),
                );
            }
            for (range, length) in
                readability::long_chinese_sentences(&block.text, config.sentence_length)
            {
                findings.push(
                    Diagnostic::warning(
                        at(block, range.start),
                        format!(
                            "long sentence: {length} characters (limit {})",
                            config.sentence_length
                        ),
                    )
                    .with_hint(
                        "split it into shorter sentences; patients read leaflets under stress",
                    )
                    .for_rule(Rule::LongSentence),
                );
            }
        }
        for issue in punctuation::lint(&translation.source, translation.body_offset) {
            findings.push(
                Diagnostic::warning(
                    translation
                        .location(crate::diagnostic::Position::new(issue.line, issue.column)),
                    format!("{} ({})", issue.message, issue.kind),
                )
                .with_hint(if issue.fixable {
                    format!("{}; `leafpress check --fix` fixes this", issue.hint)
                } else {
                    issue.hint
                })
                .for_rule(Rule::Punctuation),
            );
        }
    } else {
        for block in blocks() {
            for range in script::chinese_in_english(&block.text) {
                findings.push(
                    Diagnostic::warning(
                        at(block, range.start),
                        format!(
                            "Chinese text in the {} version: \"{}\"",
                            translation.lang,
                            &block.text[range.clone()]
                        ),
                    )
                    .with_hint("move it to the Chinese file, or translate it")
                    .for_rule(Rule::ChineseInEnglish),
                );
            }
        }
        if translation.lang == "en" || translation.lang.starts_with("en-") {
            let prose: String = blocks()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            if let Some(score) = readability::flesch_kincaid(&prose)
                && score.grade > config.readability_grade
            {
                findings.push(
                    Diagnostic::warning(
                        translation.location(translation.front.positions.title),
                        format!(
                            "reading level: Flesch–Kincaid grade {:.1} is above {} ({} words, {} sentences)",
                            score.grade, config.readability_grade, score.words, score.sentences
                        ),
                    )
                    .with_hint("use shorter sentences and everyday words")
                    .for_rule(Rule::Readability),
                );
            }
        }
    }
    findings
}

/// The safe punctuation and spacing fixes of a Chinese file, given exactly as it is on disk
/// (BOM and CRLF kept). `None` when nothing changes or the front matter cannot be found.
pub fn fix_chinese_file(path: &std::path::Path, raw: &str) -> Option<String> {
    let bom = if raw.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    let split = crate::frontmatter::split(path, &raw[bom..]).ok()?;
    punctuation::fix(raw, bom + split.body_offset)
}
