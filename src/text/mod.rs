//! Text utilities every feature shares: character classes, the Markdown parser setup with
//! CJK-friendly emphasis, which script text is written in, escaping, and which addresses links may use.

pub mod chars;
pub mod cjk_emphasis;
pub mod escape;
pub mod markdown;
pub mod phrases;
pub mod script;
pub mod url;
