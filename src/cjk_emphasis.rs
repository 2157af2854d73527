//! TEMPORARY stub until the CJK-friendly emphasis module lands.
pub struct Prepared {
    pub text: String,
}
impl Prepared {
    pub fn new(source: &str) -> Prepared {
        Prepared {
            text: source.to_string(),
        }
    }
    pub fn original_offset(&self, offset: usize) -> usize {
        offset
    }
    pub fn strip_event<'a>(&self, event: pulldown_cmark::Event<'a>) -> pulldown_cmark::Event<'a> {
        event
    }
}
