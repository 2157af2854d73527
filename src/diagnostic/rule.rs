//! The content rules by name: what users configure in `site.yaml` and silence with markers.

use super::Level;

/// Every content rule, with the stable name users configure and silence it by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    MissingTranslation,
    StaleTranslation,
    StructureMismatch,
    NumberMismatch,
    UntranslatedText,
    ChineseInEnglish,
    Punctuation,
    ReviewOverdue,
    ReviewDueSoon,
    Readability,
    LongSentence,
    ImageAlt,
    LinkText,
    HeadingLevel,
    SourceChanged,
    TermMismatch,
    AvoidedTerm,
    NegationMismatch,
}

impl Rule {
    pub const ALL: &[Rule] = &[
        Rule::MissingTranslation,
        Rule::StaleTranslation,
        Rule::StructureMismatch,
        Rule::NumberMismatch,
        Rule::UntranslatedText,
        Rule::ChineseInEnglish,
        Rule::Punctuation,
        Rule::ReviewOverdue,
        Rule::ReviewDueSoon,
        Rule::Readability,
        Rule::LongSentence,
        Rule::ImageAlt,
        Rule::LinkText,
        Rule::HeadingLevel,
        Rule::SourceChanged,
        Rule::TermMismatch,
        Rule::AvoidedTerm,
        Rule::NegationMismatch,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Rule::MissingTranslation => "missing-translation",
            Rule::StaleTranslation => "stale-translation",
            Rule::StructureMismatch => "structure-mismatch",
            Rule::NumberMismatch => "number-mismatch",
            Rule::UntranslatedText => "untranslated-text",
            Rule::ChineseInEnglish => "chinese-in-english",
            Rule::Punctuation => "zh-punctuation",
            Rule::ReviewOverdue => "review-overdue",
            Rule::ReviewDueSoon => "review-due-soon",
            Rule::Readability => "readability",
            Rule::LongSentence => "long-sentence",
            Rule::ImageAlt => "image-alt",
            Rule::LinkText => "link-text",
            Rule::HeadingLevel => "heading-level",
            Rule::SourceChanged => "source-changed",
            Rule::TermMismatch => "term-mismatch",
            Rule::AvoidedTerm => "avoided-term",
            Rule::NegationMismatch => "negation-mismatch",
        }
    }

    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.name() == name)
    }

    /// The level a finding has unless the site says otherwise.
    pub fn default_level(self) -> Level {
        match self {
            Rule::ReviewDueSoon => Level::Note,
            _ => Level::Warning,
        }
    }
}
