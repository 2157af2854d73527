//! The parallel driver: renders many jobs on plain worker threads and hands each finished PDF
//! to the caller as soon as it is made, so memory stays flat however many PDFs a site has.
//!
//! Why not rayon: typst runs some of its own work on rayon and calls `rayon::yield_now()`
//! while it waits for it. Inside a rayon job that yield may start *another queued document*
//! nested on the same stack, which overflows it. Plain threads with a big stack, pulling job
//! numbers from one counter, never nest documents.

use std::borrow::Cow;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use super::error::Error;
use super::job::Job;
use super::render::{Pdf, Renderer};

/// Each worker's stack: typst's layout recursion is deep (nested lists in tables in grids).
const WORKER_STACK_BYTES: usize = 16 << 20;

/// How many compilations typst's caches (comemo) keep an unused entry for. Evicting after each
/// document keeps memory bounded; the template's and fonts' entries are used by every
/// document and so stay.
const CACHE_MAX_AGE: usize = 10;

/// What a run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunStats {
    /// PDFs made and accepted by the sink.
    pub documents: usize,
    pub pages: usize,
    pub elapsed: Duration,
}

/// Renders `jobs` on `threads` worker threads (at least one, at most one per job).
///
/// Each finished PDF goes to `sink` (typically: write it to the job's output path) on the
/// worker that made it; `progress(done, total)` is called after each document. A job that
/// fails does not stop the others: the run returns its error once all are done (the only
/// error, or [`Error::Failed`] with every error in job order).
pub fn render_all<S, P>(
    renderer: &Renderer,
    jobs: &[Job],
    threads: usize,
    sink: S,
    progress: P,
) -> Result<RunStats, Error>
where
    S: Fn(&Job, Pdf) -> Result<(), String> + Sync,
    P: Fn(usize, usize) + Sync,
{
    let job_at = |index: usize| jobs.get(index).map(Cow::Borrowed);
    render_each(renderer, jobs.len(), job_at, threads, sink, progress)
}

/// Like [`render_all`], but each job is made when a worker reaches it (`job_at(index)` for
/// `index` in `0..count`; `None` skips it), so a site of many thousands of leaflets never
/// holds all their jobs at once.
pub fn render_each<'j, J, S, P>(
    renderer: &Renderer,
    count: usize,
    job_at: J,
    threads: usize,
    sink: S,
    progress: P,
) -> Result<RunStats, Error>
where
    J: Fn(usize) -> Option<Cow<'j, Job>> + Sync,
    S: Fn(&Job, Pdf) -> Result<(), String> + Sync,
    P: Fn(usize, usize) + Sync,
{
    let started = Instant::now();
    let total = count;
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let pages = AtomicUsize::new(0);
    let made = AtomicUsize::new(0);
    let failures: Mutex<Vec<(usize, Error)>> = Mutex::new(Vec::new());

    let worker = || {
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            if index >= total {
                break;
            }
            let Some(job) = job_at(index) else {
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                continue;
            };
            let job: &Job = &job;
            let outcome = renderer.render(job).and_then(|pdf| {
                let page_count = pdf.pages;
                sink(job, pdf).map_err(|reason| Error::Sink {
                    output: job.output.clone(),
                    reason,
                })?;
                pages.fetch_add(page_count, Ordering::Relaxed);
                made.fetch_add(1, Ordering::Relaxed);
                Ok(())
            });
            comemo::evict(CACHE_MAX_AGE);
            if let Err(error) = outcome {
                let mut failures = failures.lock().unwrap_or_else(|poison| poison.into_inner());
                // A missing font fails every document of its language the same way: say it
                // once.
                let missing_font = matches!(
                    error,
                    Error::MissingChineseFont { .. } | Error::MissingLatinFont { .. }
                );
                let said = missing_font
                    && failures
                        .iter()
                        .any(|(_, known)| known.to_string() == error.to_string());
                if !said {
                    failures.push((index, error));
                }
            }
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
        }
    };

    let threads = threads.clamp(1, total.max(1));
    let spawned: Result<(), Error> = std::thread::scope(|scope| {
        let mut handles = Vec::with_capacity(threads);
        for number in 0..threads {
            let handle = std::thread::Builder::new()
                .name(format!("pdf-{number}"))
                .stack_size(WORKER_STACK_BYTES)
                .spawn_scoped(scope, worker);
            match handle {
                Ok(handle) => handles.push(handle),
                // Fewer threads than asked still finish the run; none at all cannot.
                Err(error) if handles.is_empty() => {
                    return Err(Error::Worker {
                        reason: format!("cannot start a thread: {error}"),
                    });
                }
                Err(_) => break,
            }
        }
        for handle in handles {
            // `render` catches typst's panics; one here would be the sink's or progress's.
            if handle.join().is_err() {
                let mut failures = failures.lock().unwrap_or_else(|poison| poison.into_inner());
                failures.push((
                    usize::MAX,
                    Error::Worker {
                        reason: "a thread panicked outside typst (in the sink or progress)".into(),
                    },
                ));
            }
        }
        Ok(())
    });
    spawned?;

    let mut failures = failures
        .into_inner()
        .unwrap_or_else(|poison| poison.into_inner());
    failures.sort_by_key(|(index, _)| *index);
    let mut errors: Vec<Error> = failures.into_iter().map(|(_, error)| error).collect();
    match errors.len() {
        0 => Ok(RunStats {
            documents: made.into_inner(),
            pages: pages.into_inner(),
            elapsed: started.elapsed(),
        }),
        1 => Err(errors.remove(0)),
        _ => Err(Error::Failed(errors)),
    }
}

/// A progress bar on standard error (PDFs done of all, and how many a second), drawn only when
/// standard error is a terminal: in CI and in logs it prints nothing. The caller prints the
/// closing line ("made N PDFs in X s") after [`TerminalProgress::finish`].
pub struct TerminalProgress {
    bar: ProgressBar,
}

impl TerminalProgress {
    /// A bar for `total` PDFs, drawn when `visible` (standard error is a terminal).
    pub fn new(total: usize, visible: bool) -> TerminalProgress {
        let total = u64::try_from(total).unwrap_or(u64::MAX);
        let bar = if visible {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            if let Ok(style) =
                ProgressStyle::with_template("PDFs {bar:30} {pos}/{len} {rate} {eta}")
            {
                // indicatif's own `per_sec` prints four decimals; a rate wants none.
                bar.set_style(style.with_key(
                    "rate",
                    |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                        let _ = write!(out, "({:.0}/s)", state.per_sec());
                    },
                ));
            }
            bar
        } else {
            ProgressBar::hidden()
        };
        TerminalProgress { bar }
    }

    /// Records `done` PDFs finished; use as the `progress` of [`render_all`].
    pub fn update(&self, done: usize, _total: usize) {
        self.bar
            .set_position(u64::try_from(done).unwrap_or(u64::MAX));
    }

    /// Removes the bar, leaving the terminal clean for the caller's closing line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::super::fonts::Fonts;
    use super::super::job::{Layout, LeafletPdf, Paper};
    use super::*;

    fn renderer_without_fonts() -> Renderer {
        let dir = std::env::temp_dir().join(format!("leafpress-pdf-run-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp folder");
        let fonts = Fonts::in_folders(&[dir]).expect("empty font folder");
        Renderer::new(Arc::new(fonts), None).expect("renderer")
    }

    fn job(output: &str) -> Job {
        Job {
            output: output.into(),
            paper: Paper::A4,
            layout: Layout::Single(Box::new(LeafletPdf {
                lang: "en".into(),
                ..LeafletPdf::default()
            })),
            title: "t".into(),
            lang: "en".into(),
            date: None,
        }
    }

    #[test]
    fn an_empty_run_makes_nothing() {
        let stats = render_all(&renderer_without_fonts(), &[], 4, |_, _| Ok(()), |_, _| {})
            .expect("empty run");
        assert_eq!((stats.documents, stats.pages), (0, 0));
    }

    #[test]
    fn skipped_jobs_count_as_progress_but_not_as_documents() {
        let seen = Mutex::new(Vec::new());
        let stats = render_each(
            &renderer_without_fonts(),
            3,
            |_| None,
            2,
            |_, _| Ok(()),
            |done, total| seen.lock().expect("lock").push((done, total)),
        )
        .expect("nothing to do");
        assert_eq!(stats.documents, 0);
        let mut seen = seen.into_inner().expect("lock");
        seen.sort();
        assert_eq!(seen, vec![(1, 3), (2, 3), (3, 3)]);
    }

    #[test]
    fn a_missing_font_is_reported_once_not_per_document() {
        let jobs = [job("a.pdf"), job("b.pdf"), job("c.pdf")];
        let error = render_all(
            &renderer_without_fonts(),
            &jobs,
            2,
            |_, _| Ok(()),
            |_, _| {},
        )
        .expect_err("no fonts");
        assert!(matches!(error, Error::MissingLatinFont { .. }), "{error}");
    }

    #[test]
    fn the_progress_bar_is_silent_off_a_terminal() {
        // Tests run with standard error captured, not a terminal: nothing is drawn.
        let progress = TerminalProgress::new(2, false);
        progress.update(1, 2);
        progress.finish();
        assert!(progress.bar.is_hidden());
    }
}
