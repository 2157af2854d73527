//! Fonts: found once per run in the system's font folders and the caller's, read from disk only
//! when a document first uses them, and shared by every document and thread.
//!
//! Discovery reads each font file once to learn its families and styles (a `.ttc`/`.otc`
//! collection holds several fonts, each at its own index) and then lets the bytes go; a font's
//! bytes are read again, and kept for the rest of the run, the first time typst asks for it.
//! A run of English leaflets therefore never holds the 20 MB Chinese fonts in memory.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

use super::error::Error;
use crate::model::language::is_chinese;

/// Where Debian (and most Linux systems) keep fonts; missing folders are skipped.
pub const SYSTEM_FONT_DIRS: [&str; 2] = ["/usr/share/fonts", "/usr/local/share/fonts"];

/// Font folders inside the user's home folder.
pub const HOME_FONT_DIRS: [&str; 2] = [".fonts", ".local/share/fonts"];

/// Where fonts are looked for, as the command line found out from the environment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FontFolders {
    /// The site's own folders (`LEAFPRESS_FONT_DIRS`): each must exist, and they come first,
    /// so that a site's fonts win over the system's.
    pub extra: Vec<PathBuf>,
    /// The system's folders, skipped when missing: [`FontFolders::system`], or none when a
    /// build must use the site's fonts only.
    pub system: Vec<PathBuf>,
}

impl FontFolders {
    /// The system's usual font folders, then those in `home`.
    pub fn system(home: Option<&Path>) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = SYSTEM_FONT_DIRS.iter().map(PathBuf::from).collect();
        if let Some(home) = home {
            dirs.extend(HOME_FONT_DIRS.iter().map(|dir| home.join(dir)));
        }
        dirs
    }
}

/// Families for Simplified Chinese, best first. Noto Sans CJK and Source Han Sans are the same
/// design under two names; both carry Latin glyphs of their own.
pub const CHINESE_FAMILIES: [&str; 3] = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
];

/// Sans-serif families for Latin text, best first. DejaVu Sans comes first because it is what
/// browsers on Debian show the HTML print page in, so the PDF and the page look alike.
pub const LATIN_FAMILIES: [&str; 4] = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial"];

/// Monospaced families for inline code and code blocks, best first.
pub const MONO_FAMILIES: [&str; 3] = ["DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono"];

/// The file name endings of the font formats typst reads.
const FONT_EXTENSIONS: [&str; 4] = ["ttf", "otf", "ttc", "otc"];

/// Every font found, with typst's description of each.
///
/// Cheap to share: put it in an `Arc` and hand it to every [`super::Renderer`].
pub struct Fonts {
    book: LazyHash<FontBook>,
    slots: Vec<FontSlot>,
    discovery_time: Duration,
    /// Nanoseconds spent reading font files when typst first asked for them, over all threads.
    load_nanos: AtomicU64,
}

/// One font of one file, loaded on first use.
struct FontSlot {
    path: PathBuf,
    /// The font's index inside a collection (0 for a single-font file).
    index: u32,
    font: OnceLock<Option<Font>>,
}

/// The font families a document's text is set in, first choice first; typst falls back along
/// the list glyph by glyph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontChoice {
    pub body: Vec<String>,
    pub mono: Vec<String>,
}

impl Fonts {
    /// Finds the fonts in `folders`: the extra ones first (each must exist), then the
    /// system's (missing ones skipped).
    pub fn discover(folders: &FontFolders) -> Result<Fonts, Error> {
        let folders: Vec<(PathBuf, bool)> = (folders.extra.iter().map(|dir| (dir.clone(), true)))
            .chain(folders.system.iter().map(|dir| (dir.clone(), false)))
            .collect();
        Fonts::scan(&folders)
    }

    /// Finds the fonts in these folders only, every one of which must exist: for a site that
    /// ships all its fonts, and for tests that need a machine without some font.
    pub fn in_folders(dirs: &[PathBuf]) -> Result<Fonts, Error> {
        let folders: Vec<(PathBuf, bool)> = dirs.iter().map(|dir| (dir.clone(), true)).collect();
        Fonts::scan(&folders)
    }

    fn scan(folders: &[(PathBuf, bool)]) -> Result<Fonts, Error> {
        let started = Instant::now();
        let mut files = Vec::new();
        let mut seen_dirs = HashSet::new();
        for (dir, required) in folders {
            if !dir.is_dir() {
                if *required {
                    return Err(Error::FontFolder {
                        path: dir.clone(),
                        reason: "not a folder".into(),
                    });
                }
                continue;
            }
            collect_font_files(dir, &mut seen_dirs, &mut files).map_err(|error| {
                Error::FontFolder {
                    path: dir.clone(),
                    reason: error.to_string(),
                }
            })?;
        }

        let mut book = FontBook::new();
        let mut slots = Vec::new();
        let mut seen_files = HashSet::new();
        for path in files {
            // The same file reached through two folders (or a symlink) is one font.
            let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if !seen_files.insert(key) {
                continue;
            }
            // An unreadable or broken file is skipped, as fontconfig does: one bad file in
            // /usr/share/fonts must not stop a run that does not need it.
            let Ok(data) = fs::read(&path) else { continue };
            for (index, info) in font_infos(&data) {
                book.push(info);
                slots.push(FontSlot {
                    path: path.clone(),
                    index,
                    font: OnceLock::new(),
                });
            }
        }

        Ok(Fonts {
            book: LazyHash::new(book),
            slots,
            discovery_time: started.elapsed(),
            load_nanos: AtomicU64::new(0),
        })
    }

    /// Typst's description of every font, indexed like [`Fonts::font`].
    pub fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    /// The font at `index` of the book, read from disk on first use. `None` for an index out of
    /// range or a file that became unreadable since discovery.
    pub fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font
            .get_or_init(|| {
                let started = Instant::now();
                let font = fs::read(&slot.path)
                    .ok()
                    .and_then(|data| Font::new(Bytes::new(data), slot.index));
                let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
                self.load_nanos.fetch_add(nanos, Ordering::Relaxed);
                font
            })
            .clone()
    }

    /// How many fonts (faces) were found.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether no font at all was found.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// How long finding the fonts took.
    pub fn discovery_time(&self) -> Duration {
        self.discovery_time
    }

    /// How long reading fonts for documents has taken so far, added up over threads.
    pub fn load_time(&self) -> Duration {
        Duration::from_nanos(self.load_nanos.load(Ordering::Relaxed))
    }

    /// Whether a family of this name (any case) was found.
    pub fn has_family(&self, family: &str) -> bool {
        self.book.contains_family(&family.to_lowercase())
    }

    /// The first family of `wanted` that was found.
    fn first_of<'a>(&self, wanted: &[&'a str]) -> Option<&'a str> {
        wanted
            .iter()
            .copied()
            .find(|family| self.has_family(family))
    }

    /// The families for a document in `lang` (`zh…` is Chinese; anything else is set in Latin
    /// type).
    ///
    /// Chinese text is set in the Chinese font first, whose own Latin glyphs then print the
    /// Latin words inside it in the same design; without a Chinese font this is an error,
    /// never boxes of missing glyphs. Other text is set in a Latin sans, with the Chinese font
    /// (when there is one) after it for a stray Chinese word; a machine with no Latin sans but
    /// a Chinese font uses the Chinese font's Latin glyphs.
    pub fn choose(&self, lang: &str) -> Result<FontChoice, Error> {
        let chinese = self.first_of(&CHINESE_FAMILIES);
        let latin = self.first_of(&LATIN_FAMILIES);
        let mono = self.first_of(&MONO_FAMILIES);
        let body: Vec<&str> = if is_chinese(lang) {
            let chinese = chinese.ok_or_else(|| Error::MissingChineseFont {
                wanted: CHINESE_FAMILIES.iter().map(|f| f.to_string()).collect(),
            })?;
            std::iter::once(chinese).chain(latin).collect()
        } else {
            let first = latin.or(chinese).ok_or_else(|| Error::MissingLatinFont {
                wanted: LATIN_FAMILIES.iter().map(|f| f.to_string()).collect(),
            })?;
            std::iter::once(first)
                .chain(chinese.filter(|c| *c != first))
                .collect()
        };
        // Code keeps to the body's fonts after the monospaced one, for the Chinese in it.
        let mono: Vec<&str> = mono.into_iter().chain(body.iter().copied()).collect();
        Ok(FontChoice {
            body: body.into_iter().map(str::to_string).collect(),
            mono: mono.into_iter().map(str::to_string).collect(),
        })
    }
}

/// The fonts in one file's bytes: one for a plain font file, several for a collection.
fn font_infos(data: &[u8]) -> Vec<(u32, FontInfo)> {
    let count = fonts_in_file(data);
    (0..count)
        .filter_map(|index| FontInfo::new(data, index).map(|info| (index, info)))
        .collect()
}

/// How many fonts a file holds: the count in a collection's `ttcf` header, else 1.
fn fonts_in_file(data: &[u8]) -> u32 {
    match data.get(0..12) {
        Some([b't', b't', b'c', b'f', _, _, _, _, a, b, c, d]) => {
            u32::from_be_bytes([*a, *b, *c, *d])
        }
        _ => 1,
    }
}

/// Adds the font files under `dir`, recursively and in name order (so that the book, and with
/// it the choice between equal fonts, is the same on every run).
fn collect_font_files(
    dir: &Path,
    seen_dirs: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    // Symlinked folders can form loops; each real folder is walked once.
    let real = fs::canonicalize(dir)?;
    if !seen_dirs.insert(real) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    entries.sort();
    for path in entries {
        // `metadata` follows symlinks: Debian links many fonts in from other folders.
        let Ok(metadata) = fs::metadata(&path) else {
            continue;
        };
        if metadata.is_dir() {
            // A folder inside that cannot be read is skipped rather than failing the search.
            let _ = collect_font_files(&path, seen_dirs, files);
        } else if metadata.is_file() && has_font_extension(&path) {
            files.push(path);
        }
    }
    Ok(())
}

fn has_font_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| {
            FONT_EXTENSIONS
                .iter()
                .any(|known| ext.eq_ignore_ascii_case(known))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_font_file_names() {
        assert!(has_font_extension(Path::new("/a/NotoSansCJK-Regular.ttc")));
        assert!(has_font_extension(Path::new("/a/DejaVuSans.TTF")));
        assert!(!has_font_extension(Path::new("/a/fonts.dir")));
        assert!(!has_font_extension(Path::new("/a/font.woff2")));
    }

    #[test]
    fn counts_fonts_in_collections() {
        let mut header = b"ttcf\x00\x02\x00\x00".to_vec();
        header.extend_from_slice(&10u32.to_be_bytes());
        assert_eq!(fonts_in_file(&header), 10);
        assert_eq!(fonts_in_file(b"\x00\x01\x00\x00rest-of-a-ttf"), 1);
        assert_eq!(fonts_in_file(b""), 1);
    }

    #[test]
    fn a_missing_extra_folder_is_an_error() {
        let missing = PathBuf::from("/nonexistent/leafpress-fonts");
        assert!(matches!(
            Fonts::in_folders(&[missing]),
            Err(Error::FontFolder { .. })
        ));
    }

    #[test]
    fn an_empty_folder_gives_no_fonts_and_errors_on_choosing() {
        let dir = std::env::temp_dir().join(format!("leafpress-pdf-empty-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("temp folder");
        let fonts = Fonts::in_folders(std::slice::from_ref(&dir)).expect("empty folder scans");
        assert!(fonts.is_empty());
        assert!(matches!(
            fonts.choose("zh"),
            Err(Error::MissingChineseFont { .. })
        ));
        assert!(matches!(
            fonts.choose("en"),
            Err(Error::MissingLatinFont { .. })
        ));
        let _ = fs::remove_dir(&dir);
    }
}
