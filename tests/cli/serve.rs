//! `leafpress serve`: the real binary on an editable copy of a fixture site, driven over plain
//! HTTP and its event stream, with bounded waits so that a hang fails instead of blocking.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::{TODAY, editable_copy};

/// Longest wait for anything: the server starting, a response, a build after a save.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A running `leafpress serve`, stopped (and its port freed) when dropped.
struct Server {
    child: Child,
    port: u16,
    /// Everything the server wrote to stderr so far, to explain failures.
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_leafpress"))
            .args(["serve", "--port", "0", "--today", TODAY, "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the leafpress binary starts");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let stderr_log = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = stderr_log.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let stdout = child.stdout.take().unwrap();
        let (address_sender, address) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = address_sender.send(line);
            }
        });
        let line = address
            .recv_timeout(TIMEOUT)
            .expect("serve prints its address");
        let port = line
            .strip_prefix("Serving http://127.0.0.1:")
            .and_then(|rest| rest.split_once("/ — press Ctrl-C to stop"))
            .and_then(|(port, _)| port.parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
        Server { child, port, log }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until the server has written `text` to stderr (read by another thread).
    fn wait_for_log(&self, text: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while !self.log().contains(text) {
            assert!(
                Instant::now() < deadline,
                "{text:?} not in the log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        stream.set_read_timeout(Some(TIMEOUT)).unwrap();
        stream
    }

    fn get(&self, path: &str) -> HttpResponse {
        let mut stream = self.connect();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let (status, headers) = read_head(&mut reader);
        let length: usize = header(&headers, "content-length")
            .map(|n| n.parse().unwrap())
            .unwrap_or(0);
        let mut body = vec![0; length];
        reader.read_exact(&mut body).expect("the whole body");
        HttpResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    fn events(&self) -> EventStream {
        let mut stream = self.connect();
        write!(
            stream,
            "GET /__leafpress/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let (status, headers) = read_head(&mut reader);
        assert_eq!(status, 200);
        assert_eq!(header(&headers, "content-type"), Some("text/event-stream"));
        EventStream { reader }
    }

    /// Stops the server as Ctrl-C does and waits for it to end.
    fn interrupt(mut self) {
        let stopped = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(stopped.success());
        let deadline = Instant::now() + TIMEOUT;
        while self.child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct HttpResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl HttpResponse {
    fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

fn read_head(reader: &mut impl BufRead) -> (u16, Vec<(String, String)>) {
    let mut line = String::new();
    reader.read_line(&mut line).expect("a status line");
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {line:?}"));
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).expect("a header line");
        let line = line.trim_end();
        if line.is_empty() {
            return (status, headers);
        }
        let (name, value) = line.split_once(':').expect("name: value");
        headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The preview's server-sent events, read as the page's script reads them.
struct EventStream {
    reader: BufReader<TcpStream>,
}

impl EventStream {
    /// The next event's JSON (keep-alive comments and `retry:` are skipped).
    fn next(&mut self) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        let mut line = String::new();
        loop {
            assert!(Instant::now() < deadline, "no event in time");
            line.clear();
            let read = self.reader.read_line(&mut line).expect("an event in time");
            assert!(read > 0, "the event stream ended");
            if let Some(data) = line.strip_prefix("data: ") {
                return serde_json::from_str(data).expect("events are JSON");
            }
        }
    }

    /// The first event for which `wanted` holds. A save may come as more than one build (the
    /// editor's write and its close can fall into two), so the tests wait for a state rather
    /// than count events; each read is bounded, and so is the whole wait.
    fn until(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let status = self.next();
            if wanted(&status) {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "no event with {what}; last: {status}"
            );
        }
    }
}

/// The file name under `assets/` a page links to with `before` + hash + `after`
/// (`before` ends with the name's stem and dot, `after` starts with the extension's dot).
fn linked(page: &str, before: &str, after: &str) -> String {
    let start = page
        .find(before)
        .unwrap_or_else(|| panic!("{before} in the page"))
        + before.len();
    let hash = &page[start..start + page[start..].find(after).expect("the link ends")];
    assert!(
        hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{hash}"
    );
    let stem = before.rsplit('/').next().unwrap();
    format!("{stem}{hash}{}", after.trim_end_matches('"'))
}

fn errors(status: &Value) -> Vec<String> {
    status["errors"]
        .as_array()
        .expect("errors is a list")
        .iter()
        .map(|error| error["text"].as_str().unwrap().to_string())
        .collect()
}

/// Replaces `path` with `contents` as an editor's save does: a temporary file in the same folder
/// renamed over it, so the preview never reads a half-written file (a plain write truncates
/// first, and a build that starts in between sees an empty leaflet). The temporary name starts
/// with a dot and does not end in `.md`, so neither the watcher nor the site loader takes it
/// for a source.
fn write_atomically(path: &Path, contents: &str) {
    let name = path.file_name().unwrap().to_str().unwrap();
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    fs::write(&temporary, contents).unwrap();
    fs::rename(&temporary, path).unwrap();
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} in {}", path.display());
    write_atomically(path, &text.replacen(from, to, 1));
}

#[test]
fn serve_reloads_on_save_shows_errors_and_clears_them() {
    let (_dir, root) = editable_copy("minimal");
    let server = Server::start(&root);

    let page = server.get("/en/fasting/");
    assert_eq!(page.status, 200, "{}", server.log());
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains("Do not eat."));
    assert!(
        page.body.contains("data-leafpress-build=\"1\">") && page.body.contains("EventSource"),
        "the live-reload script is injected"
    );
    let script_at = page.body.find("<script data-leafpress").unwrap();
    assert!(page.body[script_at..].contains("</script>\n</body>"));
    assert!(
        page.body.contains(&format!(
            "<link rel=\"canonical\" href=\"http://127.0.0.1:{}/en/fasting/\">",
            server.port
        )),
        "links point at the preview"
    );

    let redirect = server.get("/en/fasting?x=1");
    assert_eq!(redirect.status, 302);
    assert_eq!(redirect.header("location"), Some("/en/fasting/?x=1"));
    // Assets have fingerprinted names: whatever the page links to is served.
    let clock = linked(&page.body, "src=\"../../assets/clock.", ".svg\"");
    let image = server.get(&format!("/assets/{clock}"));
    assert_eq!(image.status, 200, "{clock}");
    assert_eq!(image.header("content-type"), Some("image/svg+xml"));
    assert!(
        !image.body.contains("leafpress"),
        "nothing injected outside HTML"
    );
    let style = linked(&page.body, "href=\"../../assets/style.", ".css\"");
    let css = server.get(&format!("/assets/{style}"));
    assert_eq!(css.status, 200, "{style}");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(server.get("/en/fasting/clock.svg").status, 404);
    let missing = server.get("/en/no-such-leaflet/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("data-leafpress-build"),
        "the site's 404 page"
    );

    let mut events = server.events();
    let status = events.next();
    assert_eq!(status["build"], 1);
    assert_eq!(errors(&status), Vec::<String>::new());

    // A save appears as a new build, and the page has the new text.
    let en = root.join("leaflets/fasting/en.md");
    edit(&en, "**Do not eat.**", "**Do not eat or chew gum.**");
    let status = events.until("a new build", |s| s["build"] != 1 && errors(s).is_empty());
    let good = status["build"].as_u64().unwrap();
    let page = server.get("/en/fasting/");
    assert!(
        page.body.contains("Do not eat or chew gum."),
        "{}",
        server.log()
    );
    assert!(
        page.body
            .contains(&format!("data-leafpress-build=\"{good}\">"))
    );

    // A broken front matter: the errors reach the page, which still has the last good build.
    edit(&en, "reviewed: 2026-02-01", "reviewed: 2026-13-45");
    let invalid_date = "leaflets/fasting/en.md:7:11: error: reviewed: invalid date";
    let status = events.until("the invalid date", |s| {
        errors(s).iter().any(|e| e.starts_with(invalid_date))
    });
    assert_eq!(status["build"], good, "the last good build stays");
    let shown = errors(&status);
    assert_eq!(shown.len(), 1, "{shown:?} {}", server.log());
    assert!(shown[0].starts_with(invalid_date), "{shown:?}");
    assert!(shown[0].contains("= hint: write dates as YYYY-MM-DD"));
    server.wait_for_log("leaflets/fasting/en.md:7:11: error:");
    let page = server.get("/en/fasting/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Do not eat or chew gum."));
    let status: Value = serde_json::from_str(&server.get("/__leafpress/status").body).unwrap();
    assert_eq!(errors(&status), shown);

    // The fix clears them; the output is as before the error, so no page needs to reload.
    edit(&en, "reviewed: 2026-13-45", "reviewed: 2026-02-01");
    let status = events.until("no errors", |s| errors(s).is_empty());
    assert_eq!(status["build"], good);

    server.interrupt();
}

#[test]
fn serve_starts_on_a_broken_site_and_recovers() {
    let (_dir, root) = editable_copy("minimal");
    let en = root.join("leaflets/fasting/en.md");
    edit(
        &en,
        "reference: FIX-0001\n",
        "reference: FIX-0001\nsurprise: yes\n",
    );
    let server = Server::start(&root);

    // Every address shows the errors while nothing has built.
    for path in ["/", "/en/fasting/"] {
        let page = server.get(path);
        assert_eq!(page.status, 503);
        assert!(
            page.body.contains("leaflets/fasting/en.md:5:1: error:"),
            "{}",
            page.body
        );
        assert!(page.body.contains("data-leafpress-build=\"0\">"));
    }
    let mut events = server.events();
    let status = events.next();
    assert_eq!(status["build"], 0);
    assert_eq!(errors(&status).len(), 1);

    edit(&en, "surprise: yes\n", "");
    let status = events.until("no errors", |s| errors(s).is_empty());
    assert_eq!(status["build"], 1, "{}", server.log());
    assert_eq!(server.get("/en/fasting/").status, 200);
}

#[test]
fn serve_picks_up_a_source_folder_created_later() {
    let (_dir, root) = editable_copy("minimal");
    let server = Server::start(&root);
    let mut events = server.events();
    assert_eq!(events.next()["build"], 1);

    fs::create_dir_all(root.join("locales/en")).unwrap();
    write_atomically(
        &root.join("locales/en/site.ftl"),
        "site-title = St Preview leaflets\n",
    );
    events.until("build 2", |s| s["build"] == 2 && errors(s).is_empty());
    assert!(server.get("/en/").body.contains("St Preview leaflets"));
}

#[test]
fn serve_reports_a_port_in_use() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_leafpress"))
        .args(["serve", "--port", &port, "--root"])
        .arg(crate::fixture("minimal"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("error: cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );
}

#[test]
fn serve_shows_the_sample_leaflet_of_a_fresh_init() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let output = crate::leafpress(&["init", root.to_str().unwrap(), "--today", TODAY]);
    assert!(output.status.success(), "{}", crate::stderr(&output));
    let server = Server::start(&root);
    let en = server.get("/en/blood-test/");
    assert_eq!(en.status, 200, "{}", server.log());
    assert!(en.body.contains("Having a blood test"));
    assert!(server.get("/zh/blood-test/").body.contains("抽血检查"));
    // The hospital left TODO is a warning, not a refusal, while previewing.
    server.wait_for_log("hospital.name and hospital.emergency are still TODO");
}
