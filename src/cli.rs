//! The command line: `leafpress init | new | build | check | report | serve | sign-off`, their flags, and how results
//! are printed. The environment (variables, the system date) is read here, once, into
//! [`crate::Options`].

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::diagnostic::print::Printer;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::layout::BaseUrl;

#[derive(Parser)]
#[command(
    name = "leafpress",
    version,
    about = "Build bilingual hospital procedure leaflets into a static website and printable pages",
    long_about = None,
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start a site in a new or empty folder: site.yaml (the hospital to fill in) and a sample leaflet
    Init {
        /// The folder to start the site in (created when missing)
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
        /// Date the sample leaflet as reviewed on this day [default: SOURCE_DATE_EPOCH's day, or today]
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
        today: Option<time::Date>,
        /// Where the site will be served (base_url in site.yaml), e.g. https://leaflets.example.org/
        #[arg(long, value_name = "URL", value_parser = parse_base_url)]
        base_url: Option<BaseUrl>,
    },
    /// Start a leaflet: leaflets/<SLUG>/<lang>.md in every language, front matter filled in
    New {
        /// The leaflet's address, e.g. knee-replacement (lowercase letters, digits and -)
        slug: String,
        /// The department, named in any language of `departments:` in site.yaml
        #[arg(long, value_name = "NAME")]
        department: Option<String>,
        /// The leaflet's reference, e.g. ORT-0042 [default: TODO, which build refuses]
        #[arg(long, value_name = "REF")]
        reference: Option<String>,
        /// Site folder (holds site.yaml and leaflets/)
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Date the leaflet as reviewed on this day [default: SOURCE_DATE_EPOCH's day, or today]
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
        today: Option<time::Date>,
    },
    /// Check the site and write it to the output folder (replaced only if the build succeeds)
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Output folder [default: <root>/public]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Absolute URL the site is served at, overriding base_url in site.yaml
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Also make a PDF of every print page and bilingual handout
        #[arg(long)]
        pdf: bool,
        /// Also write .gz and .br copies of every text file, for servers that serve them
        #[arg(long)]
        compress: bool,
    },
    /// Check everything `build` checks, without writing anything
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Apply the safe fixes (Chinese punctuation and spacing) in place, then check
        #[arg(long)]
        fix: bool,
    },
    /// Record that translations were checked against their source's current text
    #[command(name = "sign-off")]
    SignOff {
        /// The translations checked, e.g. leaflets/knee/zh.md
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Who checked them, recorded with the date
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Status of every leaflet and language: review dates, translation state, findings per rule
    Report {
        #[command(flatten)]
        site: SiteArgs,
        /// html for people (a page to open from disk), json for scripts, text for a terminal
        /// [default: text on a terminal; html piped, and in a file unless its name ends in .json or .txt]
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// Write the report to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Preview the site: serve it on 127.0.0.1, rebuild on every save and update the open page
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Port to listen on (0 picks a free one)
        #[arg(long, value_name = "N", default_value_t = 8000)]
        port: u16,
        /// Open the preview in the default browser
        #[arg(long)]
        open: bool,
        /// Absolute URL canonical links and QR codes point to [default: the preview's address]
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    Html,
    Json,
    Text,
}

impl ReportFormat {
    /// The format when none is asked for: from the file's name (`.json`, `.txt`, else HTML),
    /// text on a terminal, HTML piped.
    fn default_for(out: Option<&Path>, terminal: Terminal) -> ReportFormat {
        match out.and_then(Path::extension).and_then(|e| e.to_str()) {
            Some("json") => ReportFormat::Json,
            Some("txt") => ReportFormat::Text,
            Some(_) => ReportFormat::Html,
            None if out.is_none() && terminal.stdout => ReportFormat::Text,
            None => ReportFormat::Html,
        }
    }
}

/// Flags every command that reads a site takes.
#[derive(Args)]
struct SiteArgs {
    /// Site folder (holds site.yaml, leaflets/, locales/, templates/)
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Fail on warnings too (overdue reviews, stale translations, …)
    #[arg(long)]
    deny_warnings: bool,
    /// Measure review dates against this day instead of today, for reproducible results
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<time::Date>,
}

/// Set to a number of bytes to use another search chunk size (tests make every term a chunk).
const SEARCH_CHUNK_BYTES_VARIABLE: &str = "LEAFPRESS_SEARCH_CHUNK_BYTES";

/// Folders of fonts for PDFs, searched before the system's (separated like `PATH`).
const FONT_DIRS_VARIABLE: &str = "LEAFPRESS_FONT_DIRS";

/// Set to `off` to use only the fonts in `LEAFPRESS_FONT_DIRS`: for a build that must not
/// depend on what the machine has installed.
const SYSTEM_FONTS_VARIABLE: &str = "LEAFPRESS_SYSTEM_FONTS";

/// Where standard error goes, read once: findings are summarised, progress drawn and levels
/// coloured only on a terminal.
#[derive(Clone, Copy)]
struct Terminal {
    /// Standard error is a terminal.
    stderr: bool,
    /// Standard output is a terminal.
    stdout: bool,
    /// Levels in colour: on a terminal, unless `NO_COLOR` is set (no-color.org).
    color: bool,
}

impl Terminal {
    fn detect() -> Terminal {
        let stderr = std::io::stderr().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        Terminal {
            stderr,
            stdout: std::io::stdout().is_terminal(),
            color: stderr && !no_color,
        }
    }
}

impl SiteArgs {
    /// The run's options: these flags, and what the environment says.
    fn options(self, terminal: Terminal) -> crate::Options {
        let today = self
            .today
            .unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
        let mut options = crate::Options::new(self.root, today);
        options.deny_warnings = self.deny_warnings;
        if let Some(bytes) = std::env::var(SEARCH_CHUNK_BYTES_VARIABLE)
            .ok()
            .and_then(|value| value.trim().parse().ok())
        {
            options.search_chunk_bytes = bytes;
        }
        options.pdf_fonts = crate::pdf::FontFolders {
            extra: std::env::var_os(FONT_DIRS_VARIABLE)
                .map(|dirs| {
                    std::env::split_paths(&dirs)
                        .filter(|dir| !dir.as_os_str().is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            system: if std::env::var(SYSTEM_FONTS_VARIABLE).is_ok_and(|value| value == "off") {
                Vec::new()
            } else {
                crate::pdf::FontFolders::system(
                    std::env::var_os("HOME").map(PathBuf::from).as_deref(),
                )
            },
        };
        options.pdf_date = source_date();
        options.progress = terminal.stderr;
        options
    }
}

/// The day new files are dated: `--today`, else the day of `SOURCE_DATE_EPOCH` (for
/// reproducible runs), else the system's date.
fn file_date(flag: Option<time::Date>) -> time::Date {
    flag.or_else(source_date)
        .unwrap_or_else(|| time::OffsetDateTime::now_utc().date())
}

/// The day of `SOURCE_DATE_EPOCH` (reproducible-builds.org), when it is set.
fn source_date() -> Option<time::Date> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|seconds| seconds.trim().parse::<i64>().ok())
        .and_then(|seconds| time::OffsetDateTime::from_unix_timestamp(seconds).ok())
        .map(|moment| moment.date())
}

fn parse_base_url(text: &str) -> Result<BaseUrl, String> {
    BaseUrl::parse(text)
}

fn parse_today(text: &str) -> Result<time::Date, String> {
    crate::model::frontmatter::parse_date(text)
        .ok_or_else(|| format!("\"{text}\" is not a date written YYYY-MM-DD"))
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let terminal = Terminal::detect();
    match cli.command {
        Command::Init {
            dir,
            today,
            base_url,
        } => match crate::start::init(&dir, file_date(today), base_url.as_ref()) {
            Ok(written) => {
                for path in written {
                    println!("wrote {}", dir.join(path).display());
                }
                println!(
                    "next: replace each TODO under `hospital:`{} in {}, then run `leafpress serve{}` to preview the sample leaflet",
                    if base_url.is_some() {
                        ""
                    } else {
                        " and set `base_url:`"
                    },
                    dir.join(crate::model::config::SITE_FILE).display(),
                    if dir == Path::new(".") {
                        String::new()
                    } else {
                        format!(" --root {}", dir.display())
                    }
                );
                ExitCode::SUCCESS
            }
            Err(problem) => {
                report(&std::iter::once(problem).collect(), &dir, terminal, None);
                ExitCode::FAILURE
            }
        },
        Command::New {
            slug,
            department,
            reference,
            root,
            today,
        } => {
            let request = crate::start::NewLeaflet {
                slug: &slug,
                department: department.as_deref(),
                reference: reference.as_deref(),
            };
            match crate::start::new_leaflet(&root, file_date(today), &request) {
                Ok(written) => {
                    for path in written {
                        println!("wrote {}", root.join(path).display());
                    }
                    ExitCode::SUCCESS
                }
                Err(problem) => {
                    report(&std::iter::once(problem).collect(), &root, terminal, None);
                    ExitCode::FAILURE
                }
            }
        }
        Command::Build {
            site,
            out,
            base_url,
            pdf,
            compress,
        } => {
            let out = out.unwrap_or_else(|| crate::default_out(&site.root));
            let options = crate::Options {
                base_url,
                pdf,
                compress,
                ..site.options(terminal)
            };
            let outcome = crate::build(&options, &out);
            // A terminal shows the first findings and a summary; piped, every finding.
            let in_full = terminal
                .stderr
                .then_some(crate::report::summary::SHOWN_IN_FULL);
            let ok = report(&outcome.diagnostics, &options.root, terminal, in_full);
            if ok {
                if let Some(pdfs) = &outcome.pdfs {
                    println!(
                        "made {} PDFs ({} pages) in {:.1} s",
                        pdfs.documents,
                        pdfs.pages,
                        pdfs.elapsed.as_secs_f64()
                    );
                }
                println!("built {} files into {}", outcome.written, out.display());
            } else {
                eprintln!("build failed; {} was left unchanged", out.display());
            }
            exit(ok)
        }
        Command::Check { site, fix } => {
            let options = site.options(terminal);
            if fix {
                match crate::fix(&options) {
                    Ok(fixed) => {
                        for path in &fixed {
                            eprintln!("fixed {}", path.display());
                        }
                    }
                    Err(problem) => {
                        eprintln!("{problem}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            let outcome = crate::check(&options);
            exit(report(&outcome.diagnostics, &options.root, terminal, None))
        }
        Command::SignOff { files, by, site } => {
            let options = site.options(terminal);
            let files: Vec<PathBuf> = files
                .iter()
                .map(|file| from_root(&options.root, file))
                .collect();
            match crate::sign_off(&options, &files, by.as_deref()) {
                Ok(signed) => {
                    for done in signed {
                        println!(
                            "signed off {} against {} ({} sections){}",
                            done.translation.display(),
                            done.source.display(),
                            done.sections,
                            by.as_deref()
                                .map(|by| format!(", by {by}"))
                                .unwrap_or_default()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(problem) => {
                    report(
                        &std::iter::once(problem).collect(),
                        &options.root,
                        terminal,
                        None,
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Report { site, format, out } => {
            let outcome = crate::check(&site.options(terminal));
            let status = crate::report::build(&outcome.site, &outcome.diagnostics.sorted());
            let format =
                format.unwrap_or_else(|| ReportFormat::default_for(out.as_deref(), terminal));
            let text = match format {
                ReportFormat::Html => crate::report::to_html(&status),
                ReportFormat::Json => Ok(crate::report::to_json(&status)),
                ReportFormat::Text => Ok(crate::report::text::to_text(&status)),
            };
            let written = text.and_then(|text| match &out {
                Some(path) => std::fs::write(path, text).map_err(|e| {
                    Diagnostic::error(
                        Location::file(path),
                        format!("cannot write the report: {e}"),
                    )
                }),
                None => std::io::stdout().write_all(text.as_bytes()).map_err(|e| {
                    Diagnostic::error(
                        Location::file("<stdout>"),
                        format!("cannot write the report: {e}"),
                    )
                }),
            });
            if let Err(problem) = written {
                eprintln!("{problem}");
                return ExitCode::FAILURE;
            }
            // The report is the product here: findings are in it, and the run succeeds.
            ExitCode::SUCCESS
        }
        Command::Serve {
            site,
            port,
            open,
            base_url,
        } => {
            let site_root = site.root.clone();
            let options = crate::serve::ServeOptions {
                site: crate::Options {
                    base_url,
                    ..site.options(terminal)
                },
                port,
                open,
                printer: printer(&site_root, terminal),
            };
            match crate::serve::serve(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(problem) => {
                    eprintln!("{problem}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Prints the diagnostics with their source lines (with `in_full`, that many and then a
/// summary per rule of them all), then the counts. True when there are no errors.
fn report(
    diagnostics: &Diagnostics,
    root: &Path,
    terminal: Terminal,
    in_full: Option<usize>,
) -> bool {
    let mut printer = printer(root, terminal);
    let stderr = std::io::stderr();
    let mut err = std::io::BufWriter::new(stderr.lock());
    let sorted = diagnostics.sorted();
    let shown = in_full.map_or(sorted.len(), |limit| limit.min(sorted.len()));
    for diagnostic in &sorted[..shown] {
        let _ = err.write_all(printer.render(diagnostic).as_bytes());
    }
    if shown < sorted.len() {
        let site_flag = if root == Path::new(".") {
            String::new()
        } else {
            format!(" --root {}", root.display())
        };
        let summary = crate::report::summary::text(&sorted, shown, &site_flag);
        let _ = err.write_all(summary.as_bytes());
    }
    if !sorted.is_empty() {
        let _ = writeln!(err, "{}", crate::diagnostic::counts_line(&sorted));
    }
    !diagnostics.has_errors()
}

/// How diagnostics of the site at `root` are printed on standard error: in colour on a
/// terminal, unless `NO_COLOR` is set; plain when piped.
fn printer(root: &Path, terminal: Terminal) -> Printer {
    Printer::new(
        root,
        crate::render::templates::builtin_source,
        terminal.color,
    )
}

/// A file named on the command line as a path from the site root: a path that exists from the
/// current folder is taken from there, any other relative one from the site root.
fn from_root(root: &Path, file: &Path) -> PathBuf {
    if file.is_relative() && !file.exists() {
        return file.to_path_buf();
    }
    let absolute = |path: &Path| std::path::absolute(path).ok();
    match (absolute(root), absolute(file)) {
        (Some(root), Some(file)) => file
            .strip_prefix(&root)
            .map_or_else(|_| file.clone(), Path::to_path_buf),
        _ => file.to_path_buf(),
    }
}

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
