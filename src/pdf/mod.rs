//! leafpress's PDF engine: prints leaflets (English, Simplified Chinese, and bilingual
//! handouts) to tagged PDF inside the process with typst, instead of driving a browser.
//!
//! A run finds the fonts once ([`Fonts::discover`]), makes one [`Renderer`] (fonts, typst's
//! library and the print template, shared by all documents), converts each leaflet's parsed
//! Markdown into a [`Body`] and hands [`Job`]s to [`render_all`], which renders them on
//! worker threads and passes each finished PDF to the caller.
//!
//! Leaflet text is data, never markup: it reaches typst only inside string literals
//! ([`literal`]), so `#read("/etc/passwd")` in a title prints as those characters.

mod error;
mod fonts;
mod job;
pub mod literal;
mod markup;
mod render;
mod run;
mod source;
mod world;

pub use error::{CJK_FONT_INSTALL_HINT, Error, Message};
pub use fonts::{CHINESE_FAMILIES, FontChoice, FontFolders, Fonts, LATIN_FAMILIES, MONO_FAMILIES};
pub use job::{Contact, Job, Labels, Layout, LeafletPdf, Paper, PdfDate};
pub use markup::{Body, ImageFile, ImageFormat};
pub use render::{BUILTIN_TEMPLATE, Conformance, Pdf, Renderer};
pub use run::{RunStats, TerminalProgress, render_all, render_each};
