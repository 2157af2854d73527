//! Rules over the words of one language file: English left untranslated in Chinese, Chinese
//! in English, long Chinese sentences, English readability and Chinese punctuation.

use super::document::Block;
use super::{CheckedFile, Context, punctuation, readability};
use crate::diagnostic::{Diagnostic, Position, Rule};
use crate::model::language::{is_chinese, is_english};
use crate::text::script;

/// Untranslated runs, readability and (Chinese) punctuation of one file.
pub fn check(file: &CheckedFile, context: &Context) -> Vec<Diagnostic> {
    let config = context.config;
    let (translation, document) = (file.translation, &file.document);
    let at = |block: &Block, offset: usize| file.location(block.file_offset(offset));
    let mut findings = Vec::new();
    let blocks = || document.sections.iter().flat_map(|s| &s.blocks);
    if is_chinese(&translation.lang) {
        let allowed = &context.latin_terms;
        for block in blocks() {
            for range in script::untranslated_in_chinese(&block.text, allowed) {
                findings.push(
                    Diagnostic::warning(at(block, range.start), format!("untranslated English in Chinese text: \"{}\"", &block.text[range.clone()]))
                        .underlining(block.text[range.clone()].chars().count())
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
                    .underlining(block.text[range].chars().count())
                    .with_hint(
                        "split it into shorter sentences; patients read leaflets under stress",
                    )
                    .for_rule(Rule::LongSentence),
                );
            }
        }
        for issue in punctuation::lint(&translation.source, translation.body_offset, file.body) {
            findings.push(
                Diagnostic::warning(
                    translation.location(Position::new(issue.line, issue.column)),
                    format!("{} ({})", issue.message, issue.kind),
                )
                .underlining(issue.length)
                .fixable(issue.fixable)
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
                    .underlining(block.text[range].chars().count())
                    .with_hint("move it to the Chinese file, or translate it")
                    .for_rule(Rule::ChineseInEnglish),
                );
            }
        }
        if is_english(&translation.lang) {
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
