//! PDF handouts: renders the built print pages to PDF in one headless Chromium driven over the
//! DevTools protocol, then rewrites each PDF so that the same site always gives the same bytes.
//!
//! # A run
//!
//! [`render_pdfs`] finds the browser ([`find_browser`]), starts it once with a fresh temporary
//! profile, opens one tab per worker thread (one more than there are cores, at most
//! `MAX_WORKERS`) and hands the jobs out to the workers in turn. Each
//! page is loaded from disk through a `file://` address, so its relative stylesheet and image
//! links work as they will on the web. A worker waits for the page's `load` lifecycle event and
//! for `document.fonts.ready`, then asks for `Page.printToPDF` with the page's own CSS page size
//! (`@page` gives the paper and the footer margin boxes) and without Chromium's header and footer.
//!
//! # Reproducible PDFs
//!
//! Chromium's PDF backend (Skia) writes four things that change between runs or leak the build
//! machine, and `finish_pdf` replaces them:
//!
//! - `/CreationDate` and `/ModDate`, the wall-clock time: removed, or set from
//!   `SOURCE_DATE_EPOCH` when that variable is set (reproducible-builds.org convention).
//! - `/Creator` (Chromium's user agent, with its version) and `/Producer` (`Skia/PDF mNNN`): both
//!   become `leafpress`, so a browser update alone does not change the metadata.
//! - The `/ID`s of tagged elements (`node00000774`) are Blink's DOM node ids, which count the
//!   nodes of every page the renderer process showed before: the same page printed first or
//!   fifth gets other names. They are renumbered in order (`renumber_structure_ids`).
//! - Link annotations to other pages of the site carry `file://` addresses inside the staging
//!   folder, whose name holds the process id. They are rewritten to the site's public addresses,
//!   resolved against the page's `<link rel="canonical">` (without one, they become addresses
//!   relative to the site's root).
//!
//! The document information then holds the job's `/Title`, and the catalog its `/Lang`.
//! Everything else Chromium 156 writes was checked to be byte-identical between runs, between
//! parallel and one-at-a-time rendering, and whatever the order of the jobs: it writes no
//! trailer `/ID`, font subset tags are numbered in order of use (`AAAAAA+`, `BAAAAA+`…), and
//! object numbers follow the page. (A trailer `/ID` or XMP metadata stream, should a later
//! Chromium write them, is dropped too.) The bytes do depend on the Chromium version and on the
//! installed fonts, as the rendering does.
//!
//! # Known limit: CJK fonts become Type 3 fonts
//!
//! Skia embeds only TrueType-outline fonts as real fonts; OpenType fonts with CFF outlines, such
//! as Debian's Noto Sans CJK, are embedded as Type 3 fonts (each glyph a vector drawing, with a
//! `/ToUnicode` map), which have no font name. Chinese text therefore prints sharply and can be
//! searched, copied and read aloud, but `pdffonts` lists those fonts as `[none] Type 3`.

use std::collections::{HashMap, VecDeque};
use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader, Read};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{self, Page};
use headless_chrome::types::PrintToPdfOptions;
use headless_chrome::{Browser, Tab};
use lopdf::{Dictionary, Document, Object, ObjectId};
use url::Url;

/// One PDF to make: a print page of the built site and where its PDF goes (both relative to
/// the site folder), with the metadata the PDF carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfJob {
    pub page: String,
    pub output: String,
    pub title: String,
    /// BCP 47 language of the document (`en`, `zh-Hans`).
    pub lang: String,
}

/// What went wrong making PDFs.
#[derive(Debug)]
pub enum PdfError {
    BrowserNotFound(String),
    Failed(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::BrowserNotFound(m) | PdfError::Failed(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for PdfError {}

/// The environment variable that names the browser to use, as a path or a command name.
pub const BROWSER_ENV: &str = "LEAFPRESS_CHROMIUM";

/// Commands tried on `PATH`, in order, when [`BROWSER_ENV`] is not set.
const BROWSER_COMMANDS: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

/// Where Debian's `chromium` package puts the browser, for a `PATH` that lacks `/usr/bin`.
const DEBIAN_CHROMIUM: &str = "/usr/bin/chromium";

const INSTALL_HINT: &str = "no Chromium found for --pdf: install Debian's `chromium` package \
     (apt-get install chromium) or set LEAFPRESS_CHROMIUM to the browser's path";

/// The text written into `/Creator` and `/Producer`.
const PRODUCER: &str = "leafpress";

/// How long the browser may take to start and print its DevTools address.
const LAUNCH_TIMEOUT: Duration = Duration::from_secs(30);

/// How long one page may take to load (and its fonts to be ready).
const LOAD_TIMEOUT: Duration = Duration::from_secs(60);

/// How long the DevTools connection waits for any message before it gives up. Printing a page
/// sends nothing until it is done, so this is also the longest a single print may take.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(120);

/// How long the browser may take to exit once asked to, before it is killed.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(5);

/// At most this many tabs print at once. One tab more than there are cores keeps the cores busy
/// while a finished PDF travels to leafpress and the next page loads (measured on 2 cores: 2
/// tabs 4.8 s, 3 tabs 4.2 s for this repository's 12 PDFs); each tab is a renderer process of
/// its own, so past a few they only add memory.
const MAX_WORKERS: usize = 4;

/// How many of the browser's last output lines an error message quotes.
const STDERR_LINES_KEPT: usize = 12;

/// What PDF rendering takes from the environment, read once by the command line.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// [`BROWSER_ENV`]: the browser to use, as a path or a command name.
    pub browser: Option<OsString>,
    /// `PATH`, where the browser is looked for.
    pub search_path: Option<OsString>,
    /// `SOURCE_DATE_EPOCH`: the date written into the PDFs (reproducible-builds.org).
    pub source_date_epoch: Option<String>,
}

/// Renders every job's page from `site_dir` into its PDF inside `site_dir`.
///
/// The browser is started only when there is something to print.
pub fn render_pdfs(site_dir: &Path, jobs: &[PdfJob], env: &Environment) -> Result<(), PdfError> {
    if jobs.is_empty() {
        return Ok(());
    }
    let dates = match env.source_date_epoch.as_deref() {
        Some(value) if !value.trim().is_empty() => Some(pdf_date(value)?),
        _ => None,
    };
    let executable = find_browser(env)?;
    let site_dir = std::path::absolute(site_dir).map_err(|error| {
        PdfError::Failed(format!("cannot locate {}: {error}", site_dir.display()))
    })?;
    let site_url = Url::from_directory_path(&site_dir).map_err(|()| {
        PdfError::Failed(format!("cannot address {} as file://", site_dir.display()))
    })?;
    let context = RenderContext {
        site_dir: &site_dir,
        site_url: &site_url,
        dates: dates.as_deref(),
    };

    let mut chromium = Chromium::launch(&executable)?;
    let result = render_all(&chromium, &context, jobs);
    let result = match result {
        Err(error) => Err(match chromium.exit_status() {
            Some(status) => PdfError::Failed(format!(
                "Chromium ({}) stopped unexpectedly ({status}): {error}{}",
                executable.display(),
                chromium.output.last_lines()
            )),
            None => error,
        }),
        ok => ok,
    };
    chromium.close();
    result
}

/// What every job of a run shares.
struct RenderContext<'a> {
    /// Absolute.
    site_dir: &'a Path,
    /// `file://` address of `site_dir`, ending in `/`.
    site_url: &'a Url,
    /// `/CreationDate` and `/ModDate`, when `SOURCE_DATE_EPOCH` asks for them.
    dates: Option<&'a str>,
}

/// Prints the jobs on as many tabs as are useful, stopping at the first failure.
fn render_all(
    chromium: &Chromium,
    context: &RenderContext<'_>,
    jobs: &[PdfJob],
) -> Result<(), PdfError> {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let workers = jobs.len().min((cores + 1).min(MAX_WORKERS));
    let next_job = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let failures: Mutex<Vec<(usize, String)>> = Mutex::new(Vec::new());
    let fail = |index: usize, cause: String| {
        stop.store(true, Ordering::Relaxed);
        failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((index, cause));
    };
    let tab_error: Mutex<Option<PdfError>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                // Each worker opens its own tab: opening takes a while (a renderer starts), and
                // the workers do it at the same time.
                let tab = match PrintTab::open(chromium) {
                    Ok(tab) => tab,
                    Err(error) => {
                        stop.store(true, Ordering::Relaxed);
                        *tab_error.lock().unwrap_or_else(PoisonError::into_inner) = Some(error);
                        return;
                    }
                };
                while !stop.load(Ordering::Relaxed) {
                    let index = next_job.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(index) else { break };
                    // A panic inside the DevTools client must not take the build down with it.
                    let rendered = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        render_job(&tab, context, job)
                    }))
                    .unwrap_or_else(|panic| Err(panic_message(panic.as_ref())));
                    if let Err(cause) = rendered {
                        fail(index, cause);
                    }
                }
            });
        }
    });
    if let Some(error) = tab_error
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
    {
        return Err(error);
    }

    let mut failures = failures
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    // The first failed job in the list, not the first to fail: the same problem, the same message.
    failures.sort();
    match failures.split_first() {
        None => Ok(()),
        Some(((index, cause), rest)) => {
            let more = match rest.len() {
                0 => String::new(),
                n => format!(" (and {n} more)"),
            };
            Err(PdfError::Failed(format!(
                "cannot make {} from {}: {cause}{more}",
                jobs[*index].output, jobs[*index].page
            )))
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let message = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message");
    format!("it failed unexpectedly ({message})")
}

/// Loads one page, prints it, makes the PDF reproducible and writes it.
fn render_job(tab: &PrintTab, context: &RenderContext<'_>, job: &PdfJob) -> Result<(), String> {
    let page_path = context.site_dir.join(&job.page);
    if !page_path.is_file() {
        return Err("the page does not exist".to_string());
    }
    let page_url = Url::from_file_path(&page_path)
        .map_err(|()| format!("cannot address {} as file://", page_path.display()))?;
    let printed = tab.print(&page_url)?;
    let metadata = PdfMetadata {
        title: &job.title,
        lang: &job.lang,
        dates: context.dates,
    };
    let links = LinkRewrite {
        site_url: context.site_url,
        page_url: &page_url,
        canonical: printed.canonical.as_ref(),
    };
    let pdf = finish_pdf(&printed.pdf, &metadata, &links)?;
    let output = context.site_dir.join(&job.output);
    if let Some(dir) = output.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(&output, pdf).map_err(|e| format!("cannot write {}: {e}", output.display()))
}

// ---------------------------------------------------------------------------------------------
// Finding the browser

/// The browser to run: [`BROWSER_ENV`] when it is set, otherwise the first of `chromium`,
/// `chromium-browser` and `google-chrome` on `PATH`, otherwise Debian's `/usr/bin/chromium`.
pub fn find_browser(env: &Environment) -> Result<PathBuf, PdfError> {
    find_browser_in(
        env.browser.clone(),
        env.search_path.clone(),
        Path::new(DEBIAN_CHROMIUM),
    )
}

/// [`find_browser`] with its inputs passed in, so tests need not change the environment.
fn find_browser_in(
    configured: Option<OsString>,
    search_path: Option<OsString>,
    fallback: &Path,
) -> Result<PathBuf, PdfError> {
    let search_path = search_path.unwrap_or_default();
    if let Some(configured) = configured.filter(|value| !value.is_empty()) {
        // A bare name is a command to look up; anything with a slash is a path.
        let found = if Path::new(&configured).components().count() == 1 {
            find_on_path(&configured, &search_path)
        } else {
            Some(PathBuf::from(&configured)).filter(|path| is_executable(path))
        };
        return found.ok_or_else(|| {
            PdfError::BrowserNotFound(format!(
                "{INSTALL_HINT} ({BROWSER_ENV} is set to {:?}, which is not an executable file)",
                configured.to_string_lossy()
            ))
        });
    }
    BROWSER_COMMANDS
        .iter()
        .find_map(|name| find_on_path(OsStr::new(name), &search_path))
        .or_else(|| Some(fallback.to_path_buf()).filter(|path| is_executable(path)))
        .ok_or_else(|| PdfError::BrowserNotFound(INSTALL_HINT.to_string()))
}

fn find_on_path(name: &OsStr, search_path: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(search_path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

// ---------------------------------------------------------------------------------------------
// The browser process

/// A headless Chromium started by leafpress, with the DevTools connection to it.
///
/// leafpress starts the process itself rather than through `headless_chrome`'s launcher, to
/// pass exactly the flags it wants, to read the DevTools address that `--remote-debugging-port=0`
/// picks (no race for a free port), and to keep the browser's last output for error messages.
struct Chromium {
    browser: Browser,
    process: Child,
    output: Arc<BrowserOutput>,
    /// Removed when the run ends; declared last so the browser has stopped by then.
    profile: tempfile::TempDir,
}

impl Chromium {
    fn launch(executable: &Path) -> Result<Chromium, PdfError> {
        let failed =
            |what: String| PdfError::Failed(format!("Chromium ({}) {what}", executable.display()));
        let profile = tempfile::Builder::new()
            .prefix("leafpress-chromium-")
            .tempdir()
            .map_err(|e| failed(format!("needs a temporary profile folder: {e}")))?;
        let mut process = Command::new(executable)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--disable-extensions",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--mute-audio",
                "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            // The workers open their own tabs; a start page would be one more renderer.
            .arg("--no-startup-window")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| failed(format!("cannot be started: {e}")))?;

        let output = Arc::new(BrowserOutput::default());
        let (address_tx, address_rx) = mpsc::channel();
        if let Some(stderr) = process.stderr.take() {
            let output = Arc::clone(&output);
            std::thread::spawn(move || output.read(stderr, &address_tx));
        }
        let address = match address_rx.recv_timeout(LAUNCH_TIMEOUT) {
            Ok(address) => address,
            Err(waited) => {
                let _ = process.kill();
                let status = process
                    .wait()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default();
                let last = output.last_lines();
                return Err(failed(match waited {
                    RecvTimeoutError::Timeout => {
                        format!("did not start within {} s{last}", LAUNCH_TIMEOUT.as_secs())
                    }
                    RecvTimeoutError::Disconnected => {
                        format!("exited before it was ready{status}{last}")
                    }
                }));
            }
        };
        match Browser::connect_with_timeout(address, CONNECTION_TIMEOUT) {
            Ok(browser) => Ok(Chromium {
                browser,
                process,
                output,
                profile,
            }),
            Err(error) => {
                let _ = process.kill();
                let _ = process.wait();
                Err(failed(format!("cannot be driven over DevTools: {error:#}")))
            }
        }
    }

    /// The browser's exit status, if it has stopped.
    fn exit_status(&mut self) -> Option<ExitStatus> {
        self.process.try_wait().ok().flatten()
    }

    /// Stops the browser and waits for it, then removes its profile folder.
    fn close(mut self) {
        // Asked to close, Chromium ends its helper processes and exits within a fraction of a
        // second. Killed, it would leave the helpers writing into the profile folder for a
        // moment, racing its removal. Any tab's session can ask.
        let tab = self
            .browser
            .get_tabs()
            .lock()
            .ok()
            .and_then(|tabs| tabs.first().cloned());
        if let Some(tab) = tab
            && tab.call_method(cdp::Browser::Close(None)).is_ok()
        {
            let deadline = Instant::now() + CLOSE_TIMEOUT;
            while self.exit_status().is_none() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        let _ = self.process.kill();
        let _ = self.process.wait();
        // Helpers of a killed browser may still add files for a moment.
        for _ in 0..20 {
            match std::fs::remove_dir_all(self.profile.path()) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                _ => break,
            }
        }
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        if self.exit_status().is_none() {
            let _ = self.process.kill();
            let _ = self.process.wait();
        }
    }
}

/// What the browser writes on stderr, read by a thread of its own until the browser is gone.
#[derive(Default)]
struct BrowserOutput {
    /// The last lines, for error messages.
    tail: Mutex<VecDeque<String>>,
    /// Set when stderr closes: the browser and every helper process that shares it have exited.
    ended: AtomicBool,
}

impl BrowserOutput {
    /// Reads `stderr` to its end, passing on the DevTools address.
    fn read(&self, stderr: impl Read, address_tx: &mpsc::Sender<String>) {
        let mut reader = BufReader::new(stderr);
        let mut line = Vec::new();
        while let Ok(1..) = reader.read_until(b'\n', &mut line) {
            let text = String::from_utf8_lossy(&line).trim_end().to_string();
            line.clear();
            if let Some(address) = text.strip_prefix("DevTools listening on ") {
                let _ = address_tx.send(address.trim().to_string());
                continue;
            }
            // Headless Chromium complains about the missing desktop bus on every start; those
            // lines would bury the one that explains a failure.
            if text.is_empty() || text.contains("dbus") {
                continue;
            }
            let mut tail = self.tail.lock().unwrap_or_else(PoisonError::into_inner);
            if tail.len() == STDERR_LINES_KEPT {
                tail.pop_front();
            }
            tail.push_back(text);
        }
        self.ended.store(true, Ordering::Relaxed);
    }

    fn has_ended(&self) -> bool {
        self.ended.load(Ordering::Relaxed)
    }

    /// `; its last output: …` for an error message, or "" when it printed nothing.
    fn last_lines(&self) -> String {
        let tail = self.tail.lock().unwrap_or_else(PoisonError::into_inner);
        if tail.is_empty() {
            String::new()
        } else {
            let lines: Vec<&str> = tail.iter().map(String::as_str).collect();
            format!("; its last output:\n  {}", lines.join("\n  "))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Printing a page

/// A tab that prints pages one after another, with the lifecycle events of its pages.
struct PrintTab {
    tab: Arc<Tab>,
    /// `(loader id, event name)` of every lifecycle event of the tab.
    lifecycle: Mutex<Receiver<(String, String)>>,
    /// To stop waiting for events when the browser is gone.
    browser_output: Arc<BrowserOutput>,
}

/// What printing a page gives.
struct PrintedPage {
    pdf: Vec<u8>,
    /// The page's `<link rel="canonical">`: its public address.
    canonical: Option<Url>,
}

impl PrintTab {
    fn open(chromium: &Chromium) -> Result<PrintTab, PdfError> {
        fn cannot(error: impl std::fmt::Display) -> PdfError {
            // `{:#}` shows the whole chain of causes of headless_chrome's `anyhow` errors.
            PdfError::Failed(format!("Chromium cannot open a tab: {error:#}"))
        }
        let tab = chromium.browser.new_tab().map_err(cannot)?;
        let (events_tx, events_rx) = mpsc::channel();
        tab.add_event_listener(Arc::new(move |event: &Event| {
            if let Event::PageLifecycleEvent(event) = event {
                let params = &event.params;
                let _ = events_tx.send((params.loader_id.clone(), params.name.clone()));
            }
        }))
        .map_err(cannot)?;
        Ok(PrintTab {
            tab,
            lifecycle: Mutex::new(events_rx),
            browser_output: Arc::clone(&chromium.output),
        })
    }

    fn print(&self, url: &Url) -> Result<PrintedPage, String> {
        let lifecycle = self
            .lifecycle
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // Events of earlier pages are of no interest.
        while lifecycle.try_recv().is_ok() {}
        let navigation = self
            .tab
            .call_method(Page::Navigate {
                url: url.to_string(),
                referrer: None,
                transition_Type: None,
                frame_id: None,
                referrer_policy: None,
            })
            .map_err(|e| format!("cannot load it: {e:#}"))?;
        if let Some(error) = navigation.error_text {
            return Err(format!("cannot load it: {error}"));
        }
        let loader = navigation.loader_id.unwrap_or_default();
        wait_for_load(&lifecycle, &loader, &self.browser_output)?;

        // The pages use installed fonts only, but a site's own stylesheet may load some.
        let canonical = self
            .tab
            .evaluate(
                "document.fonts.ready.then(() => \
                 document.querySelector('link[rel~=\"canonical\"]')?.href ?? null)",
                true,
            )
            .map_err(|e| format!("cannot wait for its fonts: {e:#}"))?
            .value
            .and_then(|value| value.as_str().and_then(|href| Url::parse(href).ok()));

        let pdf = self
            .tab
            .print_to_pdf(Some(PrintToPdfOptions {
                display_header_footer: Some(false),
                print_background: Some(true),
                prefer_css_page_size: Some(true),
                // Tags and an outline from the headings, for screen readers and navigation.
                generate_tagged_pdf: Some(true),
                generate_document_outline: Some(true),
                ..PrintToPdfOptions::default()
            }))
            .map_err(|e| format!("printing failed: {e:#}"))?;
        Ok(PrintedPage { pdf, canonical })
    }
}

/// Waits for the `load` lifecycle event of the navigation `loader`.
fn wait_for_load(
    lifecycle: &Receiver<(String, String)>,
    loader: &str,
    browser_output: &BrowserOutput,
) -> Result<(), String> {
    let deadline = Instant::now() + LOAD_TIMEOUT;
    // In slices, to notice a browser that died rather than wait out the whole time.
    let slice = Duration::from_millis(250);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lifecycle.recv_timeout(left.min(slice)) {
            Ok((event_loader, name)) if name == "load" && event_loader == loader => return Ok(()),
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) if browser_output.has_ended() => {
                return Err("Chromium exited while it was loading".to_string());
            }
            Err(RecvTimeoutError::Timeout) if left.is_zero() => {
                return Err(format!(
                    "it did not finish loading within {} s",
                    LOAD_TIMEOUT.as_secs()
                ));
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err("the connection to Chromium was lost".to_string());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Making the PDF reproducible

/// The metadata a finished PDF carries.
struct PdfMetadata<'a> {
    title: &'a str,
    lang: &'a str,
    /// PDF date for `/CreationDate` and `/ModDate`; none are written without it.
    dates: Option<&'a str>,
}

/// How to turn the `file://` link addresses of a printed page into public ones.
struct LinkRewrite<'a> {
    /// `file://` address of the site folder, ending in `/`.
    site_url: &'a Url,
    /// `file://` address of the printed page.
    page_url: &'a Url,
    /// Public address of the printed page.
    canonical: Option<&'a Url>,
}

impl LinkRewrite<'_> {
    /// The public address for `target`, or `None` to leave it as it is.
    fn rewrite(&self, target: &str) -> Option<String> {
        let target = Url::parse(target)
            .ok()
            .filter(|url| url.scheme() == "file")?;
        if let Some(public) = self
            .canonical
            .and_then(|canonical| Some((canonical, self.page_url.make_relative(&target)?)))
            .and_then(|(canonical, relative)| canonical.join(&relative).ok())
        {
            return Some(public.to_string());
        }
        // No public address known: relative to the site root, which at least names the page and
        // does not depend on where the site was built.
        self.site_url.make_relative(&target)
    }
}

/// Rewrites a PDF from Chromium: the job's metadata, no dates (unless asked for), no link to the
/// build machine's disk.
fn finish_pdf(
    pdf: &[u8],
    metadata: &PdfMetadata<'_>,
    links: &LinkRewrite<'_>,
) -> Result<Vec<u8>, String> {
    let mut document =
        Document::load_mem(pdf).map_err(|e| format!("Chromium's PDF cannot be read: {e}"))?;

    let mut info = Dictionary::new();
    info.set("Title", lopdf::text_string(metadata.title));
    info.set("Creator", lopdf::text_string(PRODUCER));
    info.set("Producer", lopdf::text_string(PRODUCER));
    if let Some(date) = metadata.dates {
        info.set("CreationDate", Object::string_literal(date));
        info.set("ModDate", Object::string_literal(date));
    }
    match document.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            document.objects.insert(id, Object::Dictionary(info));
        }
        Err(_) => {
            let id = document.add_object(info);
            document.trailer.set("Info", id);
        }
    }
    // Chromium writes neither today; both would hold a time or a random number.
    document.trailer.remove(b"ID");

    let catalog = document
        .catalog_mut()
        .map_err(|e| format!("Chromium's PDF has no catalog: {e}"))?;
    catalog.set("Lang", lopdf::text_string(metadata.lang));
    let dropped_metadata = catalog.remove(b"Metadata").is_some();

    rewrite_links(&mut document, links);
    renumber_structure_ids(&mut document);
    if dropped_metadata {
        document.prune_objects();
    }

    let mut bytes = Vec::with_capacity(pdf.len() + 1024);
    document
        .save_to(&mut bytes)
        .map_err(|e| format!("the PDF cannot be written: {e}"))?;
    Ok(bytes)
}

/// Rewrites the `/URI` of every link action (wherever the dictionary sits).
fn rewrite_links(document: &mut Document, links: &LinkRewrite<'_>) {
    let ids: Vec<ObjectId> = document.objects.keys().copied().collect();
    for id in ids {
        if let Some(object) = document.objects.get_mut(&id) {
            rewrite_links_in(object, links);
        }
    }
}

fn rewrite_links_in(object: &mut Object, links: &LinkRewrite<'_>) {
    match object {
        Object::Dictionary(dictionary) => rewrite_dictionary(dictionary, links),
        Object::Array(items) => items
            .iter_mut()
            .for_each(|item| rewrite_links_in(item, links)),
        Object::Stream(stream) => rewrite_dictionary(&mut stream.dict, links),
        _ => {}
    }
}

fn rewrite_dictionary(dictionary: &mut Dictionary, links: &LinkRewrite<'_>) {
    let is_uri_action = dictionary
        .get(b"S")
        .and_then(Object::as_name)
        .is_ok_and(|name| name == b"URI");
    if is_uri_action
        && let Ok(Object::String(bytes, _)) = dictionary.get(b"URI")
        && let Some(public) = std::str::from_utf8(bytes)
            .ok()
            .and_then(|uri| links.rewrite(uri))
    {
        // URIs are 7-bit ASCII in PDF; `Url` percent-encodes everything else.
        dictionary.set("URI", Object::string_literal(public));
    }
    for (_, value) in dictionary.iter_mut() {
        rewrite_links_in(value, links);
    }
}

/// Renames the `/ID`s of tagged elements to `node00000001`, `node00000002`… in their order.
///
/// Chromium names them after Blink's DOM node ids (`node00000774`), which count the nodes the
/// renderer process made for every page it showed before, so the same page printed first or
/// fifth in a process gets other names. Numbered by rank, the names keep their order (the
/// structure tree's `/IDTree` stays sorted) and lose that history.
fn renumber_structure_ids(document: &mut Document) {
    let mut ids: Vec<Vec<u8>> = document
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|dictionary| {
            dictionary
                .get(b"Type")
                .and_then(Object::as_name)
                .is_ok_and(|name| name == b"StructElem")
        })
        .filter_map(|dictionary| dictionary.get(b"ID").and_then(Object::as_str).ok())
        .map(<[u8]>::to_vec)
        .collect();
    // Equal lengths compare as numbers; a longer number is a larger one.
    ids.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    ids.dedup();
    let renamed: HashMap<Vec<u8>, Vec<u8>> = ids
        .into_iter()
        .enumerate()
        .map(|(rank, id)| (id, format!("node{:08}", rank + 1).into_bytes()))
        .collect();
    if renamed.is_empty() {
        return;
    }
    // The names appear as the elements' `/ID`s and as keys and `/Limits` of the `/IDTree`.
    for object in document.objects.values_mut() {
        rename_strings(object, &renamed);
    }
}

fn rename_strings(object: &mut Object, renamed: &HashMap<Vec<u8>, Vec<u8>>) {
    match object {
        Object::String(bytes, _) => {
            if let Some(new) = renamed.get(bytes.as_slice()) {
                bytes.clone_from(new);
            }
        }
        Object::Array(items) => items
            .iter_mut()
            .for_each(|item| rename_strings(item, renamed)),
        Object::Dictionary(dictionary) => {
            for (_, value) in dictionary.iter_mut() {
                rename_strings(value, renamed);
            }
        }
        Object::Stream(stream) => {
            for (_, value) in stream.dict.iter_mut() {
                rename_strings(value, renamed);
            }
        }
        _ => {}
    }
}

/// `D:YYYYMMDDHHmmSS+00'00'` for a `SOURCE_DATE_EPOCH` value.
fn pdf_date(epoch: &str) -> Result<String, PdfError> {
    let invalid = || {
        PdfError::Failed(format!(
            "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not {epoch:?}"
        ))
    };
    let seconds: i64 = epoch.trim().parse().map_err(|_| invalid())?;
    if seconds < 0 {
        return Err(invalid());
    }
    let time = time::OffsetDateTime::from_unix_timestamp(seconds).map_err(|_| invalid())?;
    let format =
        time::macros::format_description!("D:[year][month][day][hour][minute][second]+00'00'");
    time.format(&format).map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn a_bogus_configured_browser_is_not_found_with_the_install_hint() {
        let error = find_browser_in(
            Some("/nonexistent/chromium".into()),
            Some("/usr/bin:/bin".into()),
            Path::new("/usr/bin/chromium"),
        )
        .unwrap_err();
        let PdfError::BrowserNotFound(message) = error else {
            panic!("expected BrowserNotFound, got {error:?}");
        };
        assert!(message.starts_with(INSTALL_HINT), "{message}");
        assert!(message.contains("\"/nonexistent/chromium\""), "{message}");
    }

    #[test]
    fn a_configured_browser_is_used_even_when_others_exist() {
        let dir = tempfile::tempdir().unwrap();
        let mine = fake_executable(dir.path(), "my-chrome");
        fake_executable(dir.path(), "chromium");
        let path = Some(dir.path().as_os_str().to_owned());
        let none = Path::new("/nonexistent");
        assert_eq!(
            find_browser_in(Some(mine.clone().into()), path.clone(), none).unwrap(),
            mine
        );
        // A bare name is looked up on PATH.
        assert_eq!(
            find_browser_in(Some("my-chrome".into()), path, none).unwrap(),
            mine
        );
    }

    #[test]
    fn browsers_are_searched_on_path_in_order_then_the_debian_location() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("first");
        let second = dir.path().join("second");
        std::fs::create_dir_all(&first).unwrap();
        std::fs::create_dir_all(&second).unwrap();
        fake_executable(&first, "google-chrome");
        let chromium = fake_executable(&second, "chromium");
        let path = std::env::join_paths([&first, &second]).unwrap();
        let none = Path::new("/nonexistent");
        assert_eq!(find_browser_in(None, Some(path), none).unwrap(), chromium);

        let fallback = fake_executable(dir.path(), "debian-chromium");
        assert_eq!(
            find_browser_in(Some("".into()), Some("".into()), &fallback).unwrap(),
            fallback
        );
        // A file that is not executable is no browser.
        let plain = dir.path().join("plain");
        std::fs::write(&plain, "").unwrap();
        let error = find_browser_in(None, Some("".into()), &plain).unwrap_err();
        assert!(matches!(error, PdfError::BrowserNotFound(_)));
        assert_eq!(error.to_string(), INSTALL_HINT);
    }

    fn fake_executable(dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, "#!/bin/sh\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        path
    }

    /// A small PDF shaped like Chromium's: dated metadata, a tagged structure whose element
    /// names start at `first_node`, and a link to a page of the site folder on disk.
    fn chromium_like_pdf(stamp: &str, first_node: u32) -> Vec<u8> {
        let mut document = Document::with_version("1.4");
        let info = document.add_object(dictionary! {
            "Title" => lopdf::text_string("Colonoscopy (GAS-0101) – Riverside General Hospital"),
            "Creator" => Object::string_literal("Mozilla/5.0 HeadlessChrome/156.0.0.0"),
            "Producer" => Object::string_literal("Skia/PDF m156"),
            "CreationDate" => Object::string_literal(stamp),
            "ModDate" => Object::string_literal(stamp),
        });
        let pages_id = document.new_object_id();
        let link = dictionary! {
            "Type" => "Annot",
            "Subtype" => "Link",
            "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()],
            "A" => dictionary! {
                "S" => "URI",
                "URI" => Object::string_literal("file:///tmp/.public.leafpress-new-4242/en/gastroscopy/"),
            },
        };
        let page = document.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Annots" => vec![Object::Dictionary(link)],
        });
        document.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page.into()],
                "Count" => 1,
            }),
        );
        let name = |n: u32| Object::string_literal(format!("node{:08}", first_node + n));
        let heading = document.add_object(dictionary! {
            "Type" => "StructElem", "S" => "H1", "ID" => name(0),
        });
        let paragraph = document.add_object(dictionary! {
            "Type" => "StructElem", "S" => "P", "ID" => name(7),
        });
        let id_tree = document.add_object(dictionary! {
            "Names" => vec![name(0), heading.into(), name(7), paragraph.into()],
            "Limits" => vec![name(0), name(7)],
        });
        let root = document.add_object(dictionary! {
            "Type" => "StructTreeRoot",
            "K" => vec![heading.into(), paragraph.into()],
            "IDTree" => id_tree,
        });
        let catalog = document.add_object(dictionary! {
            "Type" => "Catalog",
            "Pages" => pages_id,
            "StructTreeRoot" => root,
            "Lang" => Object::string_literal("en"),
        });
        document.trailer.set("Root", catalog);
        document.trailer.set("Info", info);
        document.trailer.set(
            "ID",
            vec![Object::string_literal(stamp), Object::string_literal(stamp)],
        );
        let mut bytes = Vec::new();
        document.save_to(&mut bytes).unwrap();
        bytes
    }

    fn finish(pdf: &[u8], title: &str, lang: &str, dates: Option<&str>) -> Document {
        let site = Url::parse("file:///tmp/.public.leafpress-new-4242/").unwrap();
        let page = site.join("en/colonoscopy/print/index.html").unwrap();
        let canonical = Url::parse("https://leaflets.example/en/colonoscopy/print/").unwrap();
        let links = LinkRewrite {
            site_url: &site,
            page_url: &page,
            canonical: Some(&canonical),
        };
        let metadata = PdfMetadata { title, lang, dates };
        let finished = finish_pdf(pdf, &metadata, &links).unwrap();
        Document::load_mem(&finished).unwrap()
    }

    fn text(object: &Object) -> String {
        lopdf::decode_text_string(object).unwrap()
    }

    #[test]
    fn finished_pdfs_carry_the_job_metadata_and_no_dates() {
        let pdf = chromium_like_pdf("D:20261124160509+00'00'", 774);
        let document = finish(&pdf, "结肠镜检查", "zh-Hans", None);
        let info = document
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .unwrap();
        let info = document.get_dictionary(info).unwrap();
        let keys: Vec<&[u8]> = info.iter().map(|(key, _)| key.as_slice()).collect();
        assert_eq!(keys, [&b"Title"[..], b"Creator", b"Producer"]);
        assert_eq!(text(info.get(b"Title").unwrap()), "结肠镜检查");
        assert_eq!(text(info.get(b"Creator").unwrap()), "leafpress");
        assert_eq!(text(info.get(b"Producer").unwrap()), "leafpress");
        assert_eq!(
            text(document.catalog().unwrap().get(b"Lang").unwrap()),
            "zh-Hans"
        );
        assert!(document.trailer.get(b"ID").is_err());

        let dated = finish(&pdf, "Colonoscopy", "en", Some("D:20260302000000+00'00'"));
        let info = dated
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .unwrap();
        let info = dated.get_dictionary(info).unwrap();
        for key in [&b"CreationDate"[..], b"ModDate"] {
            assert_eq!(text(info.get(key).unwrap()), "D:20260302000000+00'00'");
        }
    }

    #[test]
    fn finished_pdfs_do_not_depend_on_the_time_or_the_renderer_history() {
        let metadata = PdfMetadata {
            title: "Colonoscopy",
            lang: "en",
            dates: None,
        };
        let site = Url::parse("file:///tmp/.public.leafpress-new-4242/").unwrap();
        let page = site.join("en/colonoscopy/print/index.html").unwrap();
        let links = LinkRewrite {
            site_url: &site,
            page_url: &page,
            canonical: None,
        };
        let first = chromium_like_pdf("D:20261124160509+00'00'", 258);
        let second = chromium_like_pdf("D:20261124171717+00'00'", 90210);
        assert_ne!(first, second);
        assert_eq!(
            finish_pdf(&first, &metadata, &links).unwrap(),
            finish_pdf(&second, &metadata, &links).unwrap()
        );
    }

    #[test]
    fn structure_ids_are_renumbered_in_order_everywhere() {
        let document = finish(&chromium_like_pdf("D:1", 774), "T", "en", None);
        let mut element_ids = Vec::new();
        let mut tree_strings = Vec::new();
        for object in document.objects.values() {
            let Ok(dictionary) = object.as_dict() else {
                continue;
            };
            if let Ok(id) = dictionary.get(b"ID") {
                element_ids.push(text(id));
            }
            if let Ok(names) = dictionary.get(b"Names").and_then(Object::as_array) {
                tree_strings.extend(
                    names
                        .iter()
                        .filter_map(|n| n.as_str().ok())
                        .map(<[u8]>::to_vec),
                );
                let limits = dictionary
                    .get(b"Limits")
                    .and_then(Object::as_array)
                    .unwrap();
                tree_strings.extend(limits.iter().map(|n| n.as_str().unwrap().to_vec()));
            }
        }
        element_ids.sort();
        assert_eq!(element_ids, ["node00000001", "node00000002"]);
        let tree_strings: Vec<String> = tree_strings
            .into_iter()
            .map(|s| String::from_utf8(s).unwrap())
            .collect();
        assert_eq!(
            tree_strings,
            [
                "node00000001",
                "node00000002",
                "node00000001",
                "node00000002"
            ]
        );
    }

    #[test]
    fn links_into_the_site_folder_become_public_addresses() {
        let document = finish(&chromium_like_pdf("D:1", 1), "T", "en", None);
        let mut uris = Vec::new();
        for object in document.objects.values() {
            let Ok(dictionary) = object.as_dict() else {
                continue;
            };
            let Ok(annots) = dictionary.get(b"Annots").and_then(Object::as_array) else {
                continue;
            };
            for annot in annots {
                let action = annot
                    .as_dict()
                    .unwrap()
                    .get(b"A")
                    .unwrap()
                    .as_dict()
                    .unwrap();
                uris.push(text(action.get(b"URI").unwrap()));
            }
        }
        assert_eq!(uris, ["https://leaflets.example/en/gastroscopy/"]);

        // Without a canonical address: relative to the site root, never the build folder.
        let site = Url::parse("file:///tmp/staging/").unwrap();
        let page = site.join("zh/colonoscopy/print/index.html").unwrap();
        let links = LinkRewrite {
            site_url: &site,
            page_url: &page,
            canonical: None,
        };
        assert_eq!(
            links
                .rewrite("file:///tmp/staging/zh/gastroscopy/")
                .as_deref(),
            Some("zh/gastroscopy/")
        );
        assert_eq!(links.rewrite("https://example.org/"), None);
        assert_eq!(links.rewrite("mailto:ward@example.org"), None);
    }

    #[test]
    fn a_pdf_that_is_not_one_is_an_error_not_a_panic() {
        let site = Url::parse("file:///tmp/staging/").unwrap();
        let links = LinkRewrite {
            site_url: &site,
            page_url: &site,
            canonical: None,
        };
        let metadata = PdfMetadata {
            title: "T",
            lang: "en",
            dates: None,
        };
        let error = finish_pdf(b"<html>not a PDF</html>", &metadata, &links).unwrap_err();
        assert!(
            error.starts_with("Chromium's PDF cannot be read"),
            "{error}"
        );
    }

    #[test]
    fn source_date_epoch_becomes_a_pdf_date() {
        assert_eq!(pdf_date("0").unwrap(), "D:19700101000000+00'00'");
        assert_eq!(pdf_date("1772409600").unwrap(), "D:20260302000000+00'00'");
        assert!(pdf_date("yesterday").is_err());
        assert!(pdf_date("-5").is_err());
    }
}
