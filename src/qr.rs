//! QR codes for printed leaflets: the leaflet's online address as an inline SVG, made at build time.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An inline `<svg>` QR code for `url`, labelled for screen readers with `label`.
/// Medium error correction: a folded or slightly smudged handout still scans.
pub fn svg_for_url(url: &str, label: &str) -> String {
    let code = match QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M) {
        Ok(code) => code,
        // Only a URL of thousands of characters could fail; then the printed URL has to do.
        Err(_) => return String::new(),
    };
    let image = code
        .render::<svg::Color<'_>>()
        .quiet_zone(true)
        .module_dimensions(4, 4)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    // The renderer writes a standalone document; inside HTML the XML declaration is invalid.
    let image = match image.find("<svg") {
        Some(start) => &image[start..],
        None => image.as_str(),
    };
    image
        .replacen(
            "<svg ",
            &format!(
                "<svg class=\"qr-code\" role=\"img\" aria-label=\"{}\" ",
                escape_attribute(label)
            ),
            1,
        )
        .replacen(" version=\"1.1\"", "", 1)
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_code_is_an_inline_labelled_svg() {
        let svg = svg_for_url("https://x.example/en/a/", "QR code \"a\"");
        assert!(svg.starts_with(
            "<svg class=\"qr-code\" role=\"img\" aria-label=\"QR code &quot;a&quot;\""
        ));
        assert!(!svg.contains("<?xml"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn the_same_url_gives_the_same_code() {
        assert_eq!(
            svg_for_url("https://x.example/", "a"),
            svg_for_url("https://x.example/", "a")
        );
    }
}
