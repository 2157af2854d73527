//! Live preview (`leafpress serve`): builds the site in memory, serves it on 127.0.0.1, rebuilds
//! when the site's sources change and makes open pages reload or show the build's errors.
//!
//! HTTP is `tiny_http`: small and synchronous like the rest of the pipeline, with few
//! dependencies. Everything served comes from memory, so each request is a map lookup on a
//! thread of its own; the one long-lived response, the event stream, keeps its thread. An async
//! stack (axum, hyper) would add compile time and a runtime for no gain at this scale.
//!
//! Watching is `notify`, the maintained cross-platform watcher, with a small debounce of our own:
//! an editor's save (write a temporary file, rename it over the old one) or a `git checkout`
//! becomes one build, and changes that arrive while a build runs go into the next build, so
//! builds never overlap. (`notify-debouncer-mini` reports events without their kind, so the
//! build's own reads, which inotify reports as opens, would trigger builds again.)

pub mod cache;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant, SystemTime};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use serde_json::json;
use tiny_http::{Header, Method, Request, Response};

use crate::diagnostic::print::Printer;
use crate::diagnostic::{Diagnostic, Diagnostics, Level, Location};
use crate::model::ROOT_FILES;
use crate::model::config::SITE_FILE;
use crate::text::escape;

/// The event stream every served page listens to.
pub const EVENTS_PATH: &str = "/__leafpress/events";
/// The latest build's state as JSON, the same as the stream's events (for scripts and tests).
pub const STATUS_PATH: &str = "/__leafpress/status";

/// The folders under the site root whose files make the site; `site.yaml` is the other source.
const SOURCE_DIRS: [&str; 3] = ["leaflets", "locales", "templates"];
/// Quiet time after a change before building: long enough to gather an editor's
/// write-and-rename (a few milliseconds apart), short enough not to be felt.
const DEBOUNCE: Duration = Duration::from_millis(50);
/// The longest a build waits for the files to go quiet, so a stream of changes (a long
/// `git checkout`, a tool rewriting files in a loop) still shows its state now and then.
const MAX_GATHER: Duration = Duration::from_millis(500);
/// A comment on the event stream this often, so closed pages are noticed and their threads end.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// The script injected into every HTML page served; see the file for what it does.
const LIVE_SCRIPT: &str = include_str!("live.js");

/// How `leafpress serve` was asked to run.
pub struct ServeOptions {
    /// The site and how it is checked. Without a `base_url`, the preview's own address is used,
    /// so canonical links and QR codes lead back to the preview.
    pub site: crate::Options,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the preview in the default browser once it is ready.
    pub open: bool,
    /// How diagnostics are printed on the terminal.
    pub printer: Printer,
}

/// Serves the site until the process is stopped (Ctrl-C). Fails only when it cannot listen.
pub fn serve(options: ServeOptions) -> Result<(), Diagnostic> {
    let problem = |message: String| Diagnostic::error(Location::file("--port"), message);
    let server = tiny_http::Server::http(("127.0.0.1", options.port)).map_err(|error| {
        problem(format!(
            "cannot listen on 127.0.0.1:{}: {error}",
            options.port
        ))
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|address| address.port())
        .ok_or_else(|| problem("the server is not listening on an IP address".into()))?;
    let address = format!("http://127.0.0.1:{port}/");

    let mut site = options.site;
    site.base_url.get_or_insert_with(|| address.clone());
    // PDFs belong to builds for print; the preview shows the print pages they are made like.
    site.pdf = false;
    let root = site.root.clone();
    let preview = Arc::new(Preview::new());
    let mut builder = Builder {
        options: site,
        preview: Arc::clone(&preview),
        printed: HashSet::new(),
        printer: options.printer,
        cache: cache::Cache::default(),
    };
    // Watching starts before the first build, so a save during it is not missed.
    let watch = SourceWatch::start(&root);
    builder.rebuild();

    println!("Serving {address} — press Ctrl-C to stop");
    if options.open
        && let Err(error) = opener::open_browser(&address)
    {
        eprintln!("could not open a browser ({error}); open {address} yourself");
    }

    if let Some(mut watch) = watch {
        std::thread::Builder::new()
            .name("leafpress-watch".into())
            .spawn(move || watch.rebuild_on_changes(&mut builder))
            .map_err(|error| {
                Diagnostic::error(
                    Location::file(&root),
                    format!("cannot start watching the site: {error}"),
                )
            })?;
    }

    for request in server.incoming_requests() {
        let preview = Arc::clone(&preview);
        // If no thread can be started, the request is dropped and the browser sees an error;
        // the server itself goes on.
        let _ = std::thread::Builder::new()
            .name("leafpress-request".into())
            .spawn(move || respond(request, &preview));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Builds

/// What is served right now.
struct Snapshot {
    /// The files of the last good build by path (`en/colonoscopy/index.html`); empty before one.
    files: Arc<HashMap<String, Vec<u8>>>,
    /// Counts the good builds that changed the output; 0 before the first. A page carries the
    /// number it was served with and reloads when the event stream announces another.
    build: u64,
    /// The latest build's errors. While there are any, the last good files stay served.
    errors: Vec<Diagnostic>,
    warnings: usize,
}

/// The state shared by the builder and the requests.
struct Preview {
    snapshot: RwLock<Arc<Snapshot>>,
    /// One sender per open event stream; the builder drops those whose page went away.
    listeners: Mutex<Vec<Sender<Arc<String>>>>,
    /// Tells this server's pages from those of an earlier one on the same port, so a page
    /// reloads when the server was restarted although the build numbers start again at 1.
    session: String,
}

impl Preview {
    fn new() -> Preview {
        let started = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        Preview {
            snapshot: RwLock::new(Arc::new(Snapshot {
                files: Arc::default(),
                build: 0,
                errors: Vec::new(),
                warnings: 0,
            })),
            listeners: Mutex::new(Vec::new()),
            session: format!("{:x}", started.as_nanos()),
        }
    }

    fn current(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Serves `snapshot` from now on and tells every open page.
    fn publish(&self, snapshot: Snapshot) {
        let status = Arc::new(self.status_json(&snapshot));
        *self
            .snapshot
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::new(snapshot);
        self.listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|listener| listener.send(Arc::clone(&status)).is_ok());
    }

    /// The current state and every later one. Taken under the listeners' lock, which `publish`
    /// also takes after replacing the snapshot, so no build is missed between the two.
    fn subscribe(&self) -> (Arc<Snapshot>, Receiver<Arc<String>>) {
        let mut listeners = self
            .listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (sender, receiver) = mpsc::channel();
        listeners.push(sender);
        (self.current(), receiver)
    }

    /// The state pages receive: the build number, the errors (each with the text `check` prints
    /// and its parts) and the number of warnings.
    fn status_json(&self, snapshot: &Snapshot) -> String {
        let errors: Vec<_> = snapshot
            .errors
            .iter()
            .map(|d| {
                json!({
                    "text": d.to_string(),
                    "location": d.location.to_string(),
                    "level": d.level.to_string(),
                    "message": d.message,
                    "hint": d.hint,
                    "notes": d.notes.iter().map(|n| json!({
                        "location": n.location.to_string(),
                        "message": n.message,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({
            "session": self.session,
            "build": snapshot.build,
            "errors": errors,
            "warnings": snapshot.warnings,
        })
        .to_string()
    }
}

/// Runs the pipeline and publishes the result. Only the watcher thread calls it after the first
/// build, so builds are serialised.
struct Builder {
    options: crate::Options,
    preview: Arc<Preview>,
    /// The warnings and notes printed so far, as printed: a save reprints only new ones, so
    /// that an error stands out instead of scrolling away under the same warnings every time.
    printed: HashSet<String>,
    /// What the next build can take over from the last one.
    cache: cache::Cache,
    printer: Printer,
}

impl Builder {
    fn rebuild(&mut self) {
        let started = Instant::now();
        // A bug in the pipeline must not end the preview: it becomes an error on the page.
        let (diagnostics, files) = match std::panic::catch_unwind(AssertUnwindSafe(|| {
            crate::run_incremental(&self.options, &self.cache)
        })) {
            Ok(outcome) => (outcome.diagnostics, outcome.files),
            Err(panic) => {
                // Start the next build afresh rather than trust a half-done run's results.
                self.cache = cache::Cache::default();
                let message = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("unknown cause");
                let mut diagnostics = Diagnostics::default();
                diagnostics.push(
                    Diagnostic::error(
                        Location::file(SITE_FILE),
                        format!("leafpress crashed while building the site: {message}"),
                    )
                    .with_hint("this is a bug in leafpress; please report it"),
                );
                (diagnostics, Vec::new())
            }
        };
        let sorted = diagnostics.sorted();
        self.print(&diagnostics, &sorted);
        let errors: Vec<Diagnostic> = sorted
            .iter()
            .filter(|d| d.level == Level::Error)
            .cloned()
            .collect();
        let warnings = sorted.iter().filter(|d| d.level == Level::Warning).count();
        let previous = self.preview.current();
        let snapshot = if errors.is_empty() {
            let files: HashMap<String, Vec<u8>> = files
                .into_iter()
                .map(|file| (file.path, file.contents))
                .collect();
            let changed = count_changed(&previous.files, &files);
            // An unchanged output (a save without edits, an edit undone) reloads nothing.
            let build = if changed > 0 || previous.build == 0 {
                previous.build + 1
            } else {
                previous.build
            };
            eprintln!(
                "built in {} ms: {changed} of {} files changed ({} of {} leaflets rendered again)",
                started.elapsed().as_millis(),
                files.len(),
                self.cache.rendered(),
                self.cache.leaflets(),
            );
            Snapshot {
                files: Arc::new(files),
                build,
                errors,
                warnings,
            }
        } else {
            eprintln!(
                "build failed in {} ms; {}",
                started.elapsed().as_millis(),
                if previous.build == 0 {
                    "pages show the errors until the site builds"
                } else {
                    "still serving the last good build"
                }
            );
            Snapshot {
                files: Arc::clone(&previous.files),
                build: previous.build,
                errors,
                warnings,
            }
        };
        self.preview.publish(snapshot);
    }

    /// Prints the diagnostics as `check` does (the errors always, warnings and notes only the
    /// first time), then the counts.
    fn print(&mut self, diagnostics: &Diagnostics, sorted: &[Diagnostic]) {
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        let mut repeated = 0;
        let mut printed = HashSet::new();
        for diagnostic in sorted {
            let text = self.printer.render(diagnostic);
            if diagnostic.level != Level::Error && self.printed.contains(&text) {
                repeated += 1;
            } else {
                let _ = write!(err, "{text}");
            }
            if diagnostic.level != Level::Error {
                printed.insert(text);
            }
        }
        if !sorted.is_empty() {
            let _ = write!(err, "{}", diagnostics.summary());
            let _ = match repeated {
                0 => writeln!(err),
                1 => writeln!(err, " (1 shown before)"),
                n => writeln!(err, " ({n} shown before)"),
            };
        }
        // Forgotten once fixed, so one that comes back is printed again.
        self.printed = printed;
    }
}

/// How many paths are new, gone or different between two builds.
fn count_changed(old: &HashMap<String, Vec<u8>>, new: &HashMap<String, Vec<u8>>) -> usize {
    let changed_or_new = new
        .iter()
        .filter(|(path, contents)| old.get(*path) != Some(*contents))
        .count();
    let gone = old.keys().filter(|path| !new.contains_key(*path)).count();
    changed_or_new + gone
}

// ---------------------------------------------------------------------------------------------
// Watching

/// The watch on the site's sources.
struct SourceWatch {
    /// Events name absolute paths; they are compared with the canonical root.
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    watched: WatchedSources,
}

impl SourceWatch {
    /// `None`, with a warning, when the system cannot watch files: the preview then works
    /// without updates.
    fn start(root: &Path) -> Option<SourceWatch> {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let (sender, events) = mpsc::channel::<notify::Result<Event>>();
        let watcher = match notify::recommended_watcher(sender) {
            Ok(watcher) => watcher,
            Err(error) => {
                eprintln!(
                    "warning: cannot watch the site ({error}); pages will not update on save"
                );
                return None;
            }
        };
        let mut watch = SourceWatch {
            root,
            watcher,
            events,
            watched: WatchedSources::default(),
        };
        watch.watched.update(&watch.root, &mut watch.watcher);
        Some(watch)
    }

    /// Rebuilds after every change to the site's sources, until the process ends.
    fn rebuild_on_changes(&mut self, builder: &mut Builder) {
        while let Some(changed) = next_changes(&self.root, &self.events) {
            // A source folder created or removed since: watch it now, or forget it.
            self.watched.update(&self.root, &mut self.watcher);
            let mut names: Vec<String> = changed.iter().take(3).cloned().collect();
            if changed.len() > 3 {
                names.push(format!("and {} more", changed.len() - 3));
            }
            eprintln!("changed: {}", names.join(", "));
            builder.rebuild();
        }
    }
}

/// Waits for the next change to a source, then gathers the changes that follow it until the
/// files have been quiet for [`DEBOUNCE`] (or [`MAX_GATHER`] has passed), so that a save is one
/// build. Changes that came in during the last build are gathered too. `None` once the watcher
/// has gone away.
fn next_changes(root: &Path, events: &Receiver<notify::Result<Event>>) -> Option<BTreeSet<String>> {
    let mut changed = BTreeSet::new();
    let add = |event: notify::Result<Event>, changed: &mut BTreeSet<String>| match event {
        // Reads (the build's own among them) change nothing.
        Ok(event) if matches!(event.kind, EventKind::Access(_)) => {}
        Ok(event) => changed.extend(event.paths.iter().filter_map(|p| source_path(root, p))),
        Err(error) => eprintln!("warning: watching the site: {error}"),
    };
    while changed.is_empty() {
        add(events.recv().ok()?, &mut changed);
    }
    let deadline = Instant::now() + MAX_GATHER;
    loop {
        let wait = DEBOUNCE.min(deadline.saturating_duration_since(Instant::now()));
        match events.recv_timeout(wait) {
            Ok(event) => add(event, &mut changed),
            Err(RecvTimeoutError::Timeout) => return Some(changed),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
        if Instant::now() >= deadline {
            return Some(changed);
        }
    }
}

/// Which source folders are watched. The root itself is watched alone (not its subfolders, which
/// may hold `public/` or `target/`) so that `site.yaml` and folders created later are seen.
#[derive(Default)]
struct WatchedSources {
    root: bool,
    dirs: BTreeSet<&'static str>,
}

impl WatchedSources {
    fn update(&mut self, root: &Path, watcher: &mut dyn Watcher) {
        if !self.root {
            match watcher.watch(root, RecursiveMode::NonRecursive) {
                Ok(()) => self.root = true,
                Err(error) => eprintln!("warning: cannot watch {}: {error}", root.display()),
            }
        }
        for dir in SOURCE_DIRS {
            let path = root.join(dir);
            if !path.is_dir() {
                // Removing the folder ended its watch; a new one gets a new watch.
                if self.dirs.remove(dir) {
                    let _ = watcher.unwatch(&path);
                }
            } else if !self.dirs.contains(dir) {
                match watcher.watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.dirs.insert(dir);
                    }
                    Err(error) => eprintln!("warning: cannot watch {}: {error}", path.display()),
                }
            }
        }
    }
}

/// The path of a changed file relative to the root (with `/`), when it is one of the site's
/// sources. Hidden files and backups (`.x.md.swp`, `en.md~`) are editors' own.
fn source_path(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let name = relative.file_name()?.to_str()?;
    if name.starts_with('.') || name.ends_with('~') {
        return None;
    }
    let mut components = relative.components();
    let first = components.next()?.as_os_str().to_str()?;
    let is_source = if components.next().is_none() {
        ROOT_FILES.contains(&first) || SOURCE_DIRS.contains(&first)
    } else {
        SOURCE_DIRS.contains(&first)
    };
    is_source.then(|| relative.to_string_lossy().replace('\\', "/"))
}

// ---------------------------------------------------------------------------------------------
// Requests

/// What an address of the site leads to.
#[derive(Debug, PartialEq, Eq)]
enum Resolution {
    /// A file of the site, by its path in the build.
    File(String),
    /// A folder named without its `/`: the browser is sent to the address with it, so the
    /// page's relative links work.
    Redirect(String),
    NotFound,
}

/// Maps a request path (`/en/colonoscopy/`, percent-encoded, without the query) to a file.
fn resolve(files: &HashMap<String, Vec<u8>>, request_path: &str) -> Resolution {
    let Ok(decoded) = percent_encoding::percent_decode_str(request_path).decode_utf8() else {
        return Resolution::NotFound;
    };
    let Some(relative) = decoded.strip_prefix('/') else {
        return Resolution::NotFound;
    };
    if relative
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        return Resolution::NotFound;
    }
    if relative.is_empty() || relative.ends_with('/') {
        let index = format!("{relative}index.html");
        return if files.contains_key(&index) {
            Resolution::File(index)
        } else {
            Resolution::NotFound
        };
    }
    if files.contains_key(relative) {
        Resolution::File(relative.to_string())
    } else if files.contains_key(&format!("{relative}/index.html")) {
        Resolution::Redirect(format!("{request_path}/"))
    } else {
        Resolution::NotFound
    }
}

/// The Content-Type of a file of the site, from its extension.
fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .filter(|(_, extension)| !extension.contains('/'))
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// The live-reload script for a page served from `build`, as a `<script>` element.
fn live_script(session: &str, build: u64) -> String {
    format!(
        "<script data-leafpress-session=\"{session}\" data-leafpress-build=\"{build}\">\n{LIVE_SCRIPT}</script>\n"
    )
}

/// `html` with `script` inserted before its last `</body>` (or at the end when there is none).
fn inject(html: &[u8], script: &str) -> Vec<u8> {
    const CLOSE: &[u8] = b"</body>";
    let at = html
        .windows(CLOSE.len())
        .rposition(|window| window.eq_ignore_ascii_case(CLOSE))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn respond(request: Request, preview: &Preview) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or_default();
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::from_string("only GET and HEAD").with_status_code(405));
        return;
    }
    if path == EVENTS_PATH {
        stream_events(request, preview);
        return;
    }
    let snapshot = preview.current();
    let response = if path == STATUS_PATH {
        reply(
            200,
            "application/json",
            preview.status_json(&snapshot).into(),
        )
    } else if snapshot.build == 0 {
        // Nothing has built yet: every address shows the errors until something does.
        let page = no_build_page(&snapshot.errors);
        reply(
            503,
            content_type(".html"),
            inject(page.as_bytes(), &live_script(&preview.session, 0)),
        )
    } else {
        let script = live_script(&preview.session, snapshot.build);
        match resolve(&snapshot.files, path) {
            Resolution::File(file) => {
                // `resolve` names only files that exist.
                let contents = snapshot.files.get(&file).map(Vec::as_slice);
                let contents = contents.unwrap_or_default();
                let kind = content_type(&file);
                let body = if kind.starts_with("text/html") {
                    inject(contents, &script)
                } else {
                    contents.to_vec()
                };
                reply(200, kind, body)
            }
            Resolution::Redirect(location) => {
                let query = &url[path.len()..];
                let response = reply(302, "text/plain; charset=utf-8", Vec::new());
                match Header::from_bytes("Location", format!("{location}{query}")) {
                    Ok(header) => response.with_header(header),
                    Err(()) => reply(404, "text/plain; charset=utf-8", b"not found".to_vec()),
                }
            }
            Resolution::NotFound => match snapshot.files.get("404.html") {
                Some(page) => reply(404, content_type(".html"), inject(page, &script)),
                None => reply(404, "text/plain; charset=utf-8", b"not found".to_vec()),
            },
        }
    };
    // The browser may have gone away; there is nobody to tell.
    let _ = request.respond(response);
}

fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut response = Response::from_data(body).with_status_code(status);
    // The preview changes under the browser: never let it reuse an old copy.
    for (name, value) in [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
    ] {
        if let Ok(header) = Header::from_bytes(name, value) {
            response = response.with_header(header);
        }
    }
    response
}

/// Server-sent events: the state now, then the state after every build, as one JSON line each.
fn stream_events(request: Request, preview: &Preview) {
    let (snapshot, updates) = preview.subscribe();
    // Written by hand on the raw connection: tiny_http's own responses buffer chunks, and an
    // event must reach the page the moment it is written.
    let mut stream = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Connection: close\r\n\r\nretry: 500\n\n";
    let mut send = |text: &str| {
        stream
            .write_all(text.as_bytes())
            .and_then(|()| stream.flush())
            .is_ok()
    };
    if !send(head) || !send(&event(&preview.status_json(&snapshot))) {
        return;
    }
    loop {
        let sent = match updates.recv_timeout(KEEP_ALIVE) {
            Ok(status) => send(&event(&status)),
            Err(RecvTimeoutError::Timeout) => send(": keep-alive\n\n"),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if !sent {
            return;
        }
    }
}

fn event(status: &str) -> String {
    format!("data: {status}\n\n")
}

/// The page every address shows before the site has built once: the errors, readable without
/// the script, which adds the usual panel and reloads once the site builds.
fn no_build_page(errors: &[Diagnostic]) -> String {
    let list: String = errors
        .iter()
        .map(|d| format!("<pre>{}</pre>\n", escape::html(&d.to_string())))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>leafpress: the site does not build</title>\n</head>\n<body>\n<main>\n\
         <h1>The site does not build yet</h1>\n\
         <p>Fix these errors and save; this page reloads by itself.</p>\n{list}</main>\n\
         </body>\n</html>\n"
    )
}

/// For tests in this module: a set of built files from paths.
#[cfg(test)]
fn files(paths: &[&str]) -> HashMap<String, Vec<u8>> {
    paths
        .iter()
        .map(|path| (path.to_string(), path.as_bytes().to_vec()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_resolve_to_their_index_page() {
        let site = files(&["index.html", "en/index.html", "en/colonoscopy/index.html"]);
        assert_eq!(resolve(&site, "/"), Resolution::File("index.html".into()));
        assert_eq!(
            resolve(&site, "/en/colonoscopy/"),
            Resolution::File("en/colonoscopy/index.html".into())
        );
        assert_eq!(
            resolve(&site, "/en/index.html"),
            Resolution::File("en/index.html".into())
        );
    }

    #[test]
    fn a_folder_without_its_slash_redirects() {
        let site = files(&["en/colonoscopy/index.html"]);
        assert_eq!(
            resolve(&site, "/en/colonoscopy"),
            Resolution::Redirect("/en/colonoscopy/".into())
        );
        assert_eq!(resolve(&site, "/en/gastroscopy"), Resolution::NotFound);
    }

    #[test]
    fn percent_encoded_names_are_found_and_escapes_are_not() {
        let site = files(&["en/eye/eye diagram.svg", "en/eye/index.html", "secret"]);
        assert_eq!(
            resolve(&site, "/en/eye/eye%20diagram.svg"),
            Resolution::File("en/eye/eye diagram.svg".into())
        );
        assert_eq!(resolve(&site, "/en/eye/../../secret"), Resolution::NotFound);
        assert_eq!(resolve(&site, "/en/%2e%2e/secret"), Resolution::NotFound);
        assert_eq!(resolve(&site, "/en/eye/%ff"), Resolution::NotFound);
        assert_eq!(resolve(&site, "en/eye/index.html"), Resolution::NotFound);
    }

    #[test]
    fn any_asset_path_the_build_returns_is_served() {
        let site = files(&["assets/style.1a2b3c4d.css", "search/en/index.json"]);
        assert_eq!(
            resolve(&site, "/assets/style.1a2b3c4d.css"),
            Resolution::File("assets/style.1a2b3c4d.css".into())
        );
        assert_eq!(
            resolve(&site, "/search/en/index.json"),
            Resolution::File("search/en/index.json".into())
        );
    }

    #[test]
    fn content_types_follow_the_extension() {
        for (path, expected) in [
            ("index.html", "text/html; charset=utf-8"),
            ("assets/style.1a2b.css", "text/css; charset=utf-8"),
            ("assets/search.1a2b.js", "text/javascript; charset=utf-8"),
            ("en/x/diagram.svg", "image/svg+xml"),
            ("en/x/photo.PNG", "image/png"),
            ("en/x/photo.jpeg", "image/jpeg"),
            ("en/x/photo.jpg", "image/jpeg"),
            ("search/en/terms.1a2b.json", "application/json"),
            ("sitemap.xml", "application/xml"),
            ("en/x/GAS-0101-en.pdf", "application/pdf"),
            ("a/b.wasm", "application/wasm"),
            ("a.b/README", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), expected, "{path}");
        }
    }

    #[test]
    fn the_script_goes_before_the_last_closing_body_tag() {
        let page = b"<html><body><p>&lt;/body&gt;</p>\n</BODY>\n</html>\n";
        let injected = String::from_utf8(inject(page, "<script></script>")).unwrap();
        assert_eq!(
            injected,
            "<html><body><p>&lt;/body&gt;</p>\n<script></script></BODY>\n</html>\n"
        );
        assert_eq!(inject(b"<p>x</p>", "<s>"), b"<p>x</p><s>");
    }

    #[test]
    fn the_live_script_carries_the_build_and_session() {
        let script = live_script("abc", 7);
        assert!(
            script
                .starts_with("<script data-leafpress-session=\"abc\" data-leafpress-build=\"7\">")
        );
        assert!(script.contains(EVENTS_PATH), "listens to the event stream");
        assert!(script.trim_end().ends_with("</script>"));
        assert!(
            !LIVE_SCRIPT.contains("</script"),
            "the script cannot end its own element early"
        );
    }

    #[test]
    fn only_the_sites_sources_trigger_builds() {
        let root = Path::new("/site");
        let source = |path: &str| source_path(root, Path::new(path));
        assert_eq!(
            source("/site/leaflets/a/en.md").as_deref(),
            Some("leaflets/a/en.md")
        );
        assert_eq!(source("/site/site.yaml").as_deref(), Some("site.yaml"));
        assert_eq!(
            source("/site/templates/base.html").as_deref(),
            Some("templates/base.html")
        );
        assert_eq!(source("/site/locales").as_deref(), Some("locales"));
        assert_eq!(source("/site/public/index.html"), None);
        assert_eq!(source("/site/README.md"), None);
        assert_eq!(source("/site/leaflets/a/.en.md.swp"), None);
        assert_eq!(source("/site/leaflets/a/en.md~"), None);
        assert_eq!(source("/elsewhere/leaflets/a/en.md"), None);
    }

    #[test]
    fn changes_count_new_gone_and_different_files() {
        let old = files(&["a", "b", "c"]);
        let mut new = files(&["a", "b", "d"]);
        new.insert("b".into(), b"changed".to_vec());
        assert_eq!(count_changed(&old, &new), 3);
        assert_eq!(count_changed(&old, &old), 0);
    }

    #[test]
    fn the_page_without_a_build_escapes_the_errors() {
        let error = Diagnostic::error(Location::file("leaflets/a/en.md"), "bad <tag> & \"x\"");
        let page = no_build_page(&[error]);
        assert!(page.contains("leaflets/a/en.md: error: bad &lt;tag&gt; &amp; &quot;x&quot;"));
        assert!(!page.contains("<tag>"));
    }
}
