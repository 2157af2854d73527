//! Leaflet bodies as HTML, from the body parsed once ([`Body`]): links and images checked and
//! pointed at their pages and fingerprinted files, Latin-script fragments of Chinese text
//! marked for screen readers. Raw HTML is refused so that no script reaches a page.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex, Location};
use crate::layout::{self, Page};
use crate::model::language::is_chinese;
use crate::model::{Leaflet, Site, Translation};
use crate::output::cdn;
use crate::text::markdown::{Body, TocEntry, is_comment};
use crate::text::script::latin_fragments;
use crate::text::url;

/// A file of the leaflet's folder that the body uses (an image, a PDF form…).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Asset {
    /// As written in URLs, relative to the leaflet folder (`diagram.svg`).
    pub url_path: String,
    /// On disk, relative to the site root (`leaflets/colonoscopy/diagram.svg`).
    pub source: PathBuf,
    /// Where links pointed before fingerprinting (`en/colonoscopy/diagram.svg`).
    pub site_path: String,
}

/// A leaflet file as written to the output, under its fingerprinted name.
pub struct AssetFile {
    /// Relative to the output folder: `assets/diagram.3f9a1c2e5b7d.svg`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A checked leaflet body, ready to be written for pages at any depth. Its text is borrowed
/// from the parsed [`Body`].
pub struct RenderedBody<'a> {
    events: Vec<Event<'a>>,
    /// Events whose URL is a path inside the site, to be made relative to each page.
    site_links: Vec<(usize, String)>,
    pub toc: &'a [TocEntry],
    pub assets: BTreeSet<Asset>,
    /// The HTML, written once on first use and copied for each page (a leaflet page, its
    /// print page and the bilingual handout): copying is several times cheaper than writing.
    written: OnceLock<WrittenBody>,
}

/// A body's HTML with its site links relative to the site root, and the places each page
/// fills in.
struct WrittenBody {
    html: String,
    /// Where a page's way back to the site root goes: the start of each site link's URL.
    to_root_at: Vec<usize>,
    /// Where a heading id's prefix goes: the start of each heading's id.
    id_at: Vec<usize>,
    /// Where each `##` section starts.
    section_at: Vec<usize>,
}

impl<'a> RenderedBody<'a> {
    /// HTML for a page whose way back to the site root is `to_root` (`../../` for `en/a/`).
    pub fn html(&self, to_root: &str) -> String {
        let written = self.written();
        written.fill(0..written.html.len(), to_root, "")
    }

    /// The body cut before each `##` heading: the introduction (possibly empty), then one part
    /// per section. Bilingual handouts set the languages' sections side by side.
    /// Heading ids get `id_prefix`, so several languages can share one page without clashes.
    pub fn sections(&self, to_root: &str, id_prefix: &str) -> Vec<String> {
        let written = self.written();
        let mut bounds = vec![0];
        bounds.extend(&written.section_at);
        bounds.push(written.html.len());
        bounds
            .windows(2)
            .map(|pair| written.fill(pair[0]..pair[1], to_root, id_prefix))
            .collect()
    }

    fn written(&self) -> &WrittenBody {
        self.written.get_or_init(|| self.write())
    }

    /// Writes the HTML once, noting where each event's HTML starts: pulldown-cmark writes an
    /// event's HTML after taking it and before taking the next, so the place of a link's URL
    /// or a heading's id is found in its own event's stretch of HTML, never in another's.
    fn write(&self) -> WrittenBody {
        let written = Cell::new(0);
        let mut starts = Vec::with_capacity(self.events.len() + 1);
        let events = self
            .linked_events("")
            .inspect(|_| starts.push(written.get()));
        let mut out = CountingWriter {
            html: String::with_capacity(self.events.len() * 32),
            written: &written,
        };
        pulldown_cmark::html::write_html_fmt(&mut out, events)
            .expect("writing to a String cannot fail");
        let html = out.html;
        starts.push(html.len());
        // The stretch of HTML event `index` wrote, and the offset in it just after `marker`.
        let after = |index: usize, marker: &str| {
            html[starts[index]..starts[index + 1]]
                .find(marker)
                .map(|at| starts[index] + at + marker.len())
        };
        let to_root_at = self
            .site_links
            .iter()
            .filter_map(|(index, _)| match &self.events[*index] {
                // Nothing is written for a link inside an image's alt text.
                Event::Start(Tag::Link { .. }) => after(*index, "href=\""),
                _ => after(*index, "src=\""),
            })
            .collect();
        let mut id_at = Vec::new();
        let mut section_at = Vec::new();
        for (index, event) in self.events.iter().enumerate() {
            if let Event::Start(Tag::Heading { level, id, .. }) = event {
                if id.is_some() {
                    id_at.extend(after(index, "id=\""));
                }
                if *level == HeadingLevel::H2 {
                    section_at.push(starts[index]);
                }
            }
        }
        WrittenBody {
            html,
            to_root_at,
            id_at,
            section_at,
        }
    }

    /// Reads the leaflet files the body uses and points its links at their fingerprinted
    /// names in `assets/`, so they can be cached for a year. `named` holds the fingerprinted
    /// names of files the leaflet's other bodies read already; only files read now are returned.
    pub fn fingerprint_assets(
        &mut self,
        root: &Path,
        named: &mut BTreeMap<PathBuf, String>,
    ) -> Result<Vec<AssetFile>, Diagnostic> {
        // HTML written before would hold the old names.
        self.written.take();
        let mut files = Vec::new();
        for asset in &self.assets {
            let hashed = match named.get(&asset.source) {
                Some(hashed) => hashed.clone(),
                None => {
                    let bytes = std::fs::read(root.join(&asset.source)).map_err(|error| {
                        Diagnostic::error(
                            Location::file(&asset.source),
                            format!("cannot read file: {error}"),
                        )
                    })?;
                    let decoded = percent_decode(&asset.url_path);
                    let name = decoded.rsplit('/').next().unwrap_or(&decoded);
                    let hashed = cdn::fingerprinted_name(name, &bytes);
                    named.insert(asset.source.clone(), hashed.clone());
                    files.push(AssetFile {
                        path: layout::asset(&hashed),
                        bytes,
                    });
                    hashed
                }
            };
            let url = layout::asset(
                &percent_encoding::utf8_percent_encode(&hashed, URL_PATH_SEGMENT).to_string(),
            );
            for (_, site_path) in &mut self.site_links {
                if let Some(suffix) = site_path.strip_prefix(asset.site_path.as_str())
                    && (suffix.is_empty() || suffix.starts_with(['#', '?']))
                {
                    *site_path = format!("{url}{suffix}");
                }
            }
        }
        Ok(files)
    }

    /// The events for a page at `to_root`, with site links made relative to it. They borrow
    /// their text from `self.events` rather than copy it.
    fn linked_events<'b>(&'b self, to_root: &'b str) -> impl Iterator<Item = Event<'b>> {
        // `site_links` are in event order, as `render` records them.
        let mut links = self.site_links.iter().peekable();
        self.events.iter().enumerate().map(move |(index, event)| {
            let Some((_, site_path)) = links.next_if(|(at, _)| *at == index) else {
                return borrowed(event);
            };
            let mut event = borrowed(event);
            match &mut event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    *dest_url = format!("{to_root}{site_path}").into();
                }
                other => unreachable!("site link recorded on {other:?}"),
            }
            event
        })
    }
}

/// The event with its text borrowed from `event`. Events without text, and rare ones, are
/// cloned.
fn borrowed<'b>(event: &'b Event<'_>) -> Event<'b> {
    fn text<'b>(s: &'b CowStr<'_>) -> CowStr<'b> {
        CowStr::Borrowed(s)
    }
    match event {
        Event::Text(s) => Event::Text(text(s)),
        Event::Code(s) => Event::Code(text(s)),
        Event::Html(s) => Event::Html(text(s)),
        Event::InlineHtml(s) => Event::InlineHtml(text(s)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type: *link_type,
            dest_url: text(dest_url),
            title: text(title),
            id: text(id),
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type: *link_type,
            dest_url: text(dest_url),
            title: text(title),
            id: text(id),
        }),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: *level,
            id: id.as_ref().map(text),
            classes: classes.iter().map(text).collect(),
            attrs: attrs
                .iter()
                .map(|(key, value)| (text(key), value.as_ref().map(text)))
                .collect(),
        }),
        other => other.clone(),
    }
}

impl WrittenBody {
    /// The HTML of `range`, with `to_root` before each site link's URL and `id_prefix` before
    /// each heading's id.
    fn fill(&self, range: Range<usize>, to_root: &str, id_prefix: &str) -> String {
        let in_range = |at: &&usize| range.contains(*at);
        let mut places: Vec<(usize, &str)> = (self.to_root_at.iter().filter(in_range))
            .map(|&at| (at, to_root))
            .chain(
                self.id_at
                    .iter()
                    .filter(in_range)
                    .map(|&at| (at, id_prefix)),
            )
            .collect();
        places.sort_unstable_by_key(|(at, _)| *at);
        let mut html = String::with_capacity(range.len() + places.len() * to_root.len());
        let mut copied = range.start;
        for (at, text) in places {
            html.push_str(&self.html[copied..at]);
            html.push_str(text);
            copied = at;
        }
        html.push_str(&self.html[copied..range.end]);
        html
    }
}

/// A `String` that tells, through `written`, how long it is.
struct CountingWriter<'a> {
    html: String,
    written: &'a Cell<usize>,
}

impl std::fmt::Write for CountingWriter<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.html.push_str(text);
        self.written.set(self.html.len());
        Ok(())
    }
}

impl<'a> RenderedBody<'a> {
    /// Checks the body of `translation` (`body`, parsed from it) and prepares its HTML. Raw
    /// HTML, and links and images that lead nowhere or off the site, are pushed to
    /// `diagnostics`.
    pub fn new(
        site: &Site,
        leaflet: &Leaflet,
        translation: &Translation,
        body: &'a Body,
        diagnostics: &mut Diagnostics,
    ) -> RenderedBody<'a> {
        let lines = LineIndex::new(&translation.source);
        let location = |offset: usize| Location::at(&translation.path, lines.position(offset));
        let mut events: Vec<Event<'a>> = Vec::with_capacity(body.events.len() + 8);
        let mut site_links = Vec::new();
        let mut assets = BTreeSet::new();
        let mut html_block: Option<(usize, String)> = None;
        // Inline start tags reported so far, so the end tag of each is not reported again.
        let mut open_tags: Vec<&str> = Vec::new();
        let mut in_code_block = false;
        let mut in_image = false;
        // In Chinese pages, Latin-script fragments (drug names, English terms) are marked as
        // English so screen readers switch voice (WCAG 3.1.2).
        let mark_foreign = is_chinese(&translation.lang);

        for (event, range) in body.iter() {
            let (start, end) = (range.start, range.end);
            match event {
                Event::Start(Tag::HtmlBlock) => html_block = Some((start, String::new())),
                Event::Html(text) => {
                    if let Some((_, block)) = &mut html_block {
                        block.push_str(text);
                    }
                }
                Event::End(TagEnd::HtmlBlock) => {
                    if let Some((offset, block)) = html_block.take()
                        && !is_comment(&block)
                    {
                        diagnostics.push(raw_html_error(location(offset), &block));
                    }
                }
                Event::InlineHtml(text) => {
                    if is_comment(text) {
                        continue;
                    }
                    match tag_name(text) {
                        // The end of a tag reported with its start already.
                        Some((name, true)) if open_tags.contains(&name) => {
                            let at = open_tags.iter().rposition(|open| *open == name);
                            open_tags.remove(at.expect("the tag is open"));
                        }
                        Some((name, false)) if !text.trim_end().ends_with("/>") => {
                            open_tags.push(name);
                            diagnostics.push(raw_html_error(location(start), text));
                        }
                        _ => diagnostics.push(raw_html_error(location(start), text)),
                    }
                }
                Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                    let is_image = matches!(tag, Tag::Image { .. });
                    let (Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = tag else {
                        unreachable!("matched a link or an image")
                    };
                    let url_offset = find_in(&translation.source, start, end, dest_url);
                    match classify_link(site, leaflet, translation, dest_url, is_image) {
                        Ok(Target::Keep) => {}
                        Ok(Target::Site {
                            site_path,
                            asset,
                            caution,
                        }) => {
                            site_links.push((events.len(), site_path));
                            assets.extend(asset);
                            if let Some(caution) = caution {
                                diagnostics.push(
                                    caution
                                        .at(location(url_offset))
                                        .underlining(dest_url.chars().count()),
                                );
                            }
                        }
                        Err(problem) => diagnostics.push(
                            problem
                                .at(location(url_offset))
                                .underlining(dest_url.chars().count()),
                        ),
                    }
                    in_image |= is_image;
                    events.push(borrowed(event));
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    in_code_block = true;
                    events.push(borrowed(event));
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code_block = false;
                    events.push(Event::End(TagEnd::CodeBlock));
                }
                Event::End(TagEnd::Image) => {
                    in_image = false;
                    events.push(Event::End(TagEnd::Image));
                }
                Event::Text(text) if mark_foreign && !in_code_block && !in_image => {
                    push_marking_foreign(&mut events, text);
                }
                other => events.push(borrowed(other)),
            }
        }
        RenderedBody {
            events,
            site_links,
            toc: &body.toc,
            assets,
            written: OnceLock::new(),
        }
    }
}

/// The name of an inline HTML tag, and whether it is an end tag (`</span>`).
fn tag_name(html: &str) -> Option<(&str, bool)> {
    let inside = html.strip_prefix('<')?;
    let (closing, inside) = match inside.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inside),
    };
    let end = inside
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .unwrap_or(inside.len());
    (end > 0).then(|| (&inside[..end], closing))
}

/// Pushes `text`, wrapping each Latin-script fragment in `<span lang="en">`.
fn push_marking_foreign<'a>(events: &mut Vec<Event<'a>>, text: &'a str) {
    let mut rest_start = 0;
    for range in latin_fragments(text) {
        if range.start > rest_start {
            events.push(Event::Text(CowStr::Borrowed(
                &text[rest_start..range.start],
            )));
        }
        events.push(Event::InlineHtml(CowStr::Borrowed("<span lang=\"en\">")));
        events.push(Event::Text(CowStr::Borrowed(&text[range.clone()])));
        events.push(Event::InlineHtml(CowStr::Borrowed("</span>")));
        rest_start = range.end;
    }
    if rest_start < text.len() {
        events.push(Event::Text(CowStr::Borrowed(&text[rest_start..])));
    }
}

fn raw_html_error(location: Location, html: &str) -> Diagnostic {
    let first_line = html.lines().next().unwrap_or_default().trim();
    let shown: String = first_line.chars().take(40).collect();
    Diagnostic::error(location, format!("raw HTML is not allowed: `{shown}`"))
        .underlining(first_line.chars().count())
        .with_hint("write it in Markdown; leafpress refuses HTML in leaflets so that no script or styling can reach a page")
}

/// Byte offset of `needle` within `source[start..end]`, or `start` when it is not there verbatim.
fn find_in(source: &str, start: usize, end: usize, needle: &str) -> usize {
    let end = end.min(source.len());
    if needle.is_empty() || start >= end {
        return start;
    }
    source
        .get(start..end)
        .and_then(|slice| slice.find(needle))
        .map_or(start, |i| start + i)
}

pub(super) enum Target {
    /// An external or in-page URL, written as it is.
    Keep,
    /// A path inside the built site, relative to its root.
    Site {
        site_path: String,
        asset: Option<Asset>,
        /// A warning about a link that works but should change (to a withdrawn leaflet).
        caution: Option<Problem>,
    },
}

/// A link or image problem, before its position is known.
pub(super) struct Problem {
    message: String,
    hint: String,
    /// An error, unless it is a warning about a link that works.
    warning: bool,
}

impl Problem {
    fn new(message: String, hint: impl Into<String>) -> Problem {
        Problem {
            message,
            hint: hint.into(),
            warning: false,
        }
    }

    fn warning(message: String, hint: impl Into<String>) -> Problem {
        Problem {
            warning: true,
            ..Problem::new(message, hint)
        }
    }

    fn at(self, location: Location) -> Diagnostic {
        if self.warning {
            Diagnostic::warning(location, self.message).with_hint(self.hint)
        } else {
            Diagnostic::error(location, self.message).with_hint(self.hint)
        }
    }
}

const LINK_HINT: &str = "link to another leaflet as ../<slug>/, to a file beside the leaflet as its file name, or to a web page with https://";
const IMAGE_HINT: &str = "put the image in the leaflet's folder and write its file name, e.g. ![Diagram of the bowel](diagram.svg)";

pub(super) fn classify_link(
    site: &Site,
    leaflet: &Leaflet,
    translation: &Translation,
    url: &str,
    is_image: bool,
) -> Result<Target, Problem> {
    let what = if is_image { "image" } else { "link" };
    let hint = if is_image { IMAGE_HINT } else { LINK_HINT };
    if url.trim().is_empty() {
        return Err(Problem::new(format!("empty {what} address"), hint));
    }
    if let Some(scheme) = url::scheme(url) {
        let scheme = scheme.to_ascii_lowercase();
        if is_image {
            return Err(Problem::new(
                format!("image \"{url}\" is not a file in the leaflet's folder"),
                "pages must not load anything from other hosts; save the image beside the leaflet and use its file name",
            ));
        }
        return if url::LINK_SCHEMES.contains(&scheme.as_str()) {
            Ok(Target::Keep)
        } else {
            Err(Problem::new(
                format!("links with `{scheme}:` addresses are not allowed"),
                hint,
            ))
        };
    }
    if url.starts_with("//") {
        return Err(Problem::new(
            format!("{what} \"{url}\" has no scheme"),
            "write the full address, starting with https://",
        ));
    }
    if url.starts_with('#') {
        return if is_image {
            Err(Problem::new(format!("image \"{url}\" is not a file"), hint))
        } else {
            Ok(Target::Keep)
        };
    }
    if url.starts_with('/') || url.contains('\\') {
        return Err(Problem::new(
            format!("{what} \"{url}\" is an absolute path"),
            hint,
        ));
    }
    let (path, suffix) = match url.find(['#', '?']) {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    let path = path.strip_prefix("./").unwrap_or(path);
    if let Some(rest) = path.strip_prefix("../") {
        if is_image {
            return Err(Problem::new(
                format!("image \"{url}\" is outside the leaflet's folder"),
                hint,
            ));
        }
        return leaflet_link(site, translation, rest, suffix, url);
    }
    let decoded = percent_decode(path);
    if Path::new(&decoded)
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
        || path.is_empty()
    {
        return Err(Problem::new(
            format!("{what} \"{url}\" leaves the leaflet's folder"),
            hint,
        ));
    }
    let source = leaflet.dir.join(&decoded);
    check_inside(&site.root, &leaflet.dir, Path::new(&decoded))
        .map_err(|message| Problem::new(format!("{what} \"{url}\": {message}"), hint))?;
    let site_path = layout::leaflet_file(&translation.lang, &leaflet.slug, path);
    Ok(Target::Site {
        site_path: format!("{site_path}{suffix}"),
        asset: Some(Asset {
            url_path: path.to_string(),
            source,
            site_path,
        }),
        caution: None,
    })
}

/// `../other-slug/` (optionally `print/`, a fragment): a link to another leaflet, in this
/// language when it exists in it, otherwise in the first language it exists in.
fn leaflet_link(
    site: &Site,
    translation: &Translation,
    rest: &str,
    suffix: &str,
    url: &str,
) -> Result<Target, Problem> {
    let (slug, tail) = rest.split_once('/').unwrap_or((rest, ""));
    if !matches!(tail, "" | "print/" | "print") {
        return Err(Problem::new(
            format!("link \"{url}\" does not lead to a leaflet page"),
            LINK_HINT,
        ));
    }
    // An earlier slug (an alias) leads to the leaflet that has it now.
    let Some(target) = site.leaflet_or_alias(slug) else {
        return Err(Problem::new(
            format!("link to a leaflet that does not exist: \"{slug}\""),
            "leaflets are linked as ../<slug>/, where <slug> is a folder in leaflets/",
        ));
    };
    let published: Vec<&Translation> = target.published().collect();
    let Some(chosen) = published
        .iter()
        .find(|t| t.lang == translation.lang)
        .or(published.first())
    else {
        return Err(Problem::new(
            format!("link to leaflet \"{slug}\", which is a draft and will not be published"),
            "publish the leaflet (remove `draft: true`) or remove the link",
        ));
    };
    let (lang, slug) = (chosen.lang.as_str(), target.slug.as_str());
    let page = if tail.starts_with("print") {
        Page::Print { lang, slug }
    } else {
        Page::Leaflet { lang, slug }
    };
    let caution = target.withdrawal().map(|withdrawal| {
        Problem::warning(
            format!(
                "link to leaflet \"{slug}\", which was withdrawn on {}",
                withdrawal.date
            ),
            match &withdrawal.replaced_by {
                Some(replacement) => {
                    format!("link to the leaflet that replaces it, ../{replacement}/")
                }
                None => {
                    "readers find a notice there instead of the leaflet; remove the link".into()
                }
            },
        )
    });
    Ok(Target::Site {
        site_path: format!("{}{suffix}", page.path()),
        asset: None,
        caution,
    })
}

/// The file `relative` (plain names only) must exist in the leaflet's folder and, after
/// following links, stay inside it. Without a symbolic link on the way it cannot leave, so
/// only then are paths resolved: `canonicalize` reads every component from `/` up, twice.
fn check_inside(root: &Path, leaflet_dir: &Path, relative: &Path) -> Result<(), String> {
    let folder = root.join(leaflet_dir);
    let mut path = folder.clone();
    let mut is_file = false;
    for component in relative.components() {
        path.push(component);
        let metadata = fs::symlink_metadata(&path).map_err(|_| "file not found".to_string())?;
        if metadata.file_type().is_symlink() {
            return check_resolved_inside(&folder, &folder.join(relative));
        }
        is_file = metadata.is_file();
    }
    if !is_file {
        return Err("is not a file".into());
    }
    Ok(())
}

fn check_resolved_inside(folder: &Path, full: &Path) -> Result<(), String> {
    let resolved = full
        .canonicalize()
        .map_err(|_| "file not found".to_string())?;
    let folder = folder.canonicalize().map_err(|e| e.to_string())?;
    if !resolved.starts_with(&folder) {
        return Err("leads outside the leaflet's folder (through a symbolic link)".into());
    }
    if !resolved.is_file() {
        return Err("is not a file".into());
    }
    Ok(())
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Characters escaped in a file name used as a URL path segment.
const URL_PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/');

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    #[test]
    fn images_are_checked_inside_the_folder_with_and_without_symbolic_links() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("leaflets/a/pictures")).unwrap();
        fs::write(root.join("leaflets/a/pictures/arm.png"), "png").unwrap();
        fs::write(root.join("outside.png"), "png").unwrap();
        symlink("pictures/arm.png", root.join("leaflets/a/same-arm.png")).unwrap();
        symlink(root, root.join("leaflets/a/up")).unwrap();
        let check = |file: &str| check_inside(root, Path::new("leaflets/a"), Path::new(file));

        assert_eq!(check("pictures/arm.png"), Ok(()));
        assert_eq!(
            check("same-arm.png"),
            Ok(()),
            "a link that stays inside is fine"
        );
        assert_eq!(check("pictures/leg.png"), Err("file not found".into()));
        assert_eq!(check("pictures"), Err("is not a file".into()));
        assert_eq!(
            check("up/outside.png"),
            Err("leads outside the leaflet's folder (through a symbolic link)".into())
        );
        assert_eq!(
            check("up/leaflets/a/pictures/arm.png"),
            Ok(()),
            "out and back in"
        );
    }

    /// A body whose relative links and images are all site links under `en/`.
    fn body_of(source: &str) -> RenderedBody<'static> {
        let events: Vec<Event<'static>> = Parser::new_ext(source, Options::all())
            .map(Event::into_static)
            .collect();
        let site_links = events
            .iter()
            .enumerate()
            .filter_map(|(index, event)| match event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                    if !dest_url.starts_with("https:") && !dest_url.starts_with('#') =>
                {
                    Some((index, format!("en/{dest_url}")))
                }
                _ => None,
            })
            .collect();
        RenderedBody {
            events,
            site_links,
            toc: &[],
            assets: BTreeSet::new(),
            written: OnceLock::new(),
        }
    }

    /// What writing the events afresh for each page gives: site links made relative by
    /// `to_root`, heading ids prefixed, and the sections each written on their own.
    fn written_afresh(body: &RenderedBody, to_root: &str, id_prefix: &str) -> Vec<String> {
        let mut events = body.events.clone();
        for (index, site_path) in &body.site_links {
            if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) =
                &mut events[*index]
            {
                *dest_url = format!("{to_root}{site_path}").into();
            }
        }
        for event in &mut events {
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
                *id = format!("{id_prefix}{id}").into();
            }
        }
        let mut sections = vec![Vec::new()];
        for event in events {
            if matches!(
                event,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H2,
                    ..
                })
            ) {
                sections.push(Vec::new());
            }
            sections.last_mut().unwrap().push(event);
        }
        sections
            .into_iter()
            .map(|section| {
                let mut html = String::new();
                pulldown_cmark::html::push_html(&mut html, section.into_iter());
                html
            })
            .collect()
    }

    #[test]
    fn html_written_once_equals_html_written_for_each_page() {
        let source = "# Top {#top}\n\nIntro [a](../x/ \"../t\") and [web](https://e.org/) \
            and [here](#s1).\n\n## One {#s1}\n\nText *em* `code` <!-- c -->\n\n\
            ![Alt with [a link](../y/) inside](d.svg)\n\n| a | b |\n|:--|--:|\n\
            | ![i](e.svg) | [z](../z/#s) |\n\n### Sub {#sub}\n\n> ## Quoted {#q}\n> [q](../q/)\n\n\
            ## Two\n\n- [l](../l/)\n- item\n\n1. [n](f.pdf)\n";
        let body = body_of(source);
        for to_root in ["../../", "../../../", ""] {
            let afresh = written_afresh(&body, to_root, "");
            assert_eq!(body.html(to_root), afresh.concat(), "to_root {to_root:?}");
            assert_eq!(
                body.sections(to_root, "zh-"),
                written_afresh(&body, to_root, "zh-"),
                "to_root {to_root:?}"
            );
        }
        let print = body.html("../../../");
        assert!(
            print.contains("href=\"../../../en/../x/\" title=\"../t\""),
            "{print}"
        );
        assert!(print.contains("src=\"../../../en/e.svg\""), "{print}");
        assert!(print.contains("href=\"https://e.org/\""), "{print}");
        assert_eq!(body.sections("", "").len(), 4, "intro, One, Quoted, Two");
    }

    #[test]
    fn a_body_without_sections_is_one_part() {
        let body = body_of("Just [text](../a/).\n");
        assert_eq!(
            body.sections("../", "en-"),
            ["<p>Just <a href=\"../en/../a/\">text</a>.</p>\n"]
        );
    }
}
