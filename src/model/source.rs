//! Reading source files as text: UTF-8 only, BOM and CRLF accepted, empty files refused.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex, Location};

/// Reads `root/path` as text. The BOM is dropped and CRLF becomes LF: line and column numbers of
/// every character stay what the author's editor shows.
pub fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(path)).map_err(|error| {
        Diagnostic::error(Location::file(path), format!("cannot read file: {error}"))
    })?;
    decode_text(path, bytes)
}

/// Like [`read_text`], but a missing file is not a problem.
pub fn read_optional_text(
    root: &Path,
    path: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    if !root.join(path).exists() {
        return None;
    }
    match read_text(root, path) {
        Ok(text) => Some(text),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            None
        }
    }
}

pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let position = LineIndex::new(prefix).position(valid);
            return Err(Diagnostic::error(
                Location::at(path, position),
                "file is not valid UTF-8 text",
            )
            .with_hint("save the file as UTF-8 (most editors offer \"UTF-8\" in Save As)"));
        }
    };
    // The text is given back in the buffer it was read into: most files need no change.
    if text.starts_with('\u{FEFF}') {
        text.drain(..'\u{FEFF}'.len_utf8());
    }
    if text.trim().is_empty() {
        return Err(Diagnostic::error(Location::file(path), "file is empty"));
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_accepted() {
        let text = decode_text(Path::new("a.md"), b"\xEF\xBB\xBFa\r\nb\r\n".to_vec()).unwrap();
        assert_eq!(text, "a\nb\n");
    }

    #[test]
    fn invalid_utf8_is_reported_at_its_position() {
        let error = decode_text(Path::new("a.md"), b"ok\nab\xFFc".to_vec()).unwrap_err();
        assert_eq!(
            error.to_string().lines().next().unwrap(),
            "a.md:2:3: error: file is not valid UTF-8 text"
        );
    }

    #[test]
    fn empty_files_are_refused() {
        let error = decode_text(Path::new("a.md"), b" \n".to_vec()).unwrap_err();
        assert_eq!(error.message, "file is empty");
    }
}
