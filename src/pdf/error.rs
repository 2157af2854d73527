//! The errors of PDF making, as values the caller can report: which document failed and why.

use std::fmt;
use std::path::PathBuf;

/// The Debian package that brings the Chinese fonts, named in the error of a missing font.
pub const CJK_FONT_INSTALL_HINT: &str = "apt-get install fonts-noto-cjk";

/// One of typst's messages about a document: what it says (with its hints), and where in the
/// template it points, when it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Line and column (from 1) in the template, for a message about the template.
    pub in_template: Option<(usize, usize)>,
    pub text: String,
    /// What typst suggests doing about it.
    pub hints: Vec<String>,
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((line, column)) = self.in_template {
            write!(f, "print.typ:{line}:{column}: ")?;
        }
        f.write_str(&self.text)?;
        for hint in &self.hints {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

fn joined(messages: &[Message]) -> String {
    messages
        .iter()
        .map(Message::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Something that stopped one PDF, or a whole run, from being made.
#[derive(Debug)]
pub enum Error {
    /// A document needs Chinese text but no Simplified Chinese font was found.
    MissingChineseFont {
        /// The families that were looked for, in order of preference.
        wanted: Vec<String>,
    },
    /// No sans-serif font at all for Latin text.
    MissingLatinFont { wanted: Vec<String> },
    /// A font folder given by the caller could not be read.
    FontFolder { path: PathBuf, reason: String },
    /// The job itself is unusable (an empty column list, an unknown language…).
    InvalidJob { output: String, reason: String },
    /// Typst rejected the generated document or the template.
    Compile {
        output: String,
        /// Typst's messages, each with its hints, in the order typst gave them.
        messages: Vec<Message>,
    },
    /// Typst laid the document out but could not write it as PDF (for example a PDF/UA
    /// requirement that the document does not meet).
    Export {
        output: String,
        messages: Vec<Message>,
    },
    /// Typst panicked while making this document (a bug in typst or in the template).
    Panicked { output: String, message: String },
    /// The caller's sink refused a finished PDF (typically a failed write).
    Sink { output: String, reason: String },
    /// The run's worker threads could not be started, or one died outside typst.
    Worker { reason: String },
    /// Several documents of a run failed; each keeps its own error.
    Failed(Vec<Error>),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::MissingChineseFont { wanted } => write!(
                f,
                "no Simplified Chinese font found (looked for {}): install one, for example \
                 with `{CJK_FONT_INSTALL_HINT}`, or name its folder in LEAFPRESS_FONT_DIRS",
                wanted.join(", ")
            ),
            Error::MissingLatinFont { wanted } => write!(
                f,
                "no sans-serif font found (looked for {}): install one, for example with \
                 `apt-get install fonts-dejavu-core`, or name its folder in LEAFPRESS_FONT_DIRS",
                wanted.join(", ")
            ),
            Error::FontFolder { path, reason } => {
                write!(f, "cannot read font folder {}: {reason}", path.display())
            }
            Error::InvalidJob { output, reason } => write!(f, "{output}: {reason}"),
            Error::Compile { output, messages } => {
                write!(f, "{output}: typst could not lay out the PDF: ")?;
                f.write_str(&joined(messages))
            }
            Error::Export { output, messages } => {
                write!(f, "{output}: typst could not write the PDF: ")?;
                f.write_str(&joined(messages))
            }
            Error::Panicked { output, message } => {
                write!(f, "{output}: typst panicked: {message}")
            }
            Error::Sink { output, reason } => write!(f, "{output}: {reason}"),
            Error::Worker { reason } => write!(f, "PDF worker: {reason}"),
            Error::Failed(errors) => {
                write!(f, "{} PDF(s) failed", errors.len())?;
                for error in errors {
                    write!(f, "\n  {error}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_chinese_font_says_how_to_install_one() {
        let error = Error::MissingChineseFont {
            wanted: vec!["Noto Sans CJK SC".into()],
        };
        let text = error.to_string();
        assert!(text.contains("apt-get install fonts-noto-cjk"), "{text}");
        assert!(text.contains("Noto Sans CJK SC"), "{text}");
    }

    #[test]
    fn a_failed_run_lists_every_document() {
        let error = Error::Failed(vec![
            Error::Sink {
                output: "a.pdf".into(),
                reason: "disk full".into(),
            },
            Error::Panicked {
                output: "b.pdf".into(),
                message: "boom".into(),
            },
        ]);
        let text = error.to_string();
        assert!(text.starts_with("2 PDF(s) failed"), "{text}");
        assert!(
            text.contains("a.pdf: disk full") && text.contains("b.pdf"),
            "{text}"
        );
    }
}
