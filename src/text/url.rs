//! Which addresses a leaflet may link to: the scheme of an address, and the schemes allowed in
//! a leaflet's links (its body) and in its sources (front matter).

/// Schemes a link in a leaflet's text may use: web pages, e-mail and telephone numbers.
pub const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Schemes a source of a leaflet may use: it is something to read, so a web page.
pub const WEB_SCHEMES: &[&str] = &["http", "https"];

/// The scheme of an absolute address (`https` in `https://…`), as written; `None` for a
/// relative address.
pub fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    (chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_of_absolute_addresses_only() {
        assert_eq!(scheme("javascript:alert(1)"), Some("javascript"));
        assert_eq!(scheme("HTTPS://a.example/"), Some("HTTPS"));
        assert_eq!(scheme("../colonoscopy/"), None);
        assert_eq!(scheme("a.png"), None);
        assert_eq!(scheme("diagram 1:2.svg"), None);
    }
}
