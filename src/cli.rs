//! The command line: `leafpress build | check`, their flags, and how results are printed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostic::Diagnostics;

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
    /// Check the site and write it to the output folder (replaced only if the build succeeds)
    Build {
        /// Site folder (holds site.yaml, leaflets/, locales/, templates/)
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Output folder [default: <root>/public]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Absolute URL the site is served at, overriding base_url in site.yaml
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Also render every print page to PDF with headless Chromium
        #[arg(long)]
        pdf: bool,
    },
    /// Check everything `build` checks, without writing anything
    Check {
        /// Site folder (holds site.yaml, leaflets/, locales/, templates/)
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
            pdf,
        } => {
            let out = out.unwrap_or_else(|| crate::default_out(&root));
            let options = crate::Options {
                root,
                base_url,
                pdf,
            };
            let outcome = crate::build(&options, &out);
            let ok = report(&outcome.diagnostics);
            if ok {
                println!(
                    "built {} files into {}",
                    outcome.files.len(),
                    display_path(&out)
                );
            } else {
                eprintln!("build failed; {} was left unchanged", display_path(&out));
            }
            exit(ok)
        }
        Command::Check { root } => {
            let outcome = crate::run(&crate::Options {
                root,
                ..Default::default()
            });
            exit(report(&outcome.diagnostics))
        }
    }
}

/// Prints every diagnostic, then the counts. True when there are no errors.
fn report(diagnostics: &Diagnostics) -> bool {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for diagnostic in diagnostics.sorted() {
        let _ = writeln!(err, "{diagnostic}");
    }
    if !diagnostics.is_empty() {
        let _ = writeln!(err, "{}", diagnostics.summary());
    }
    !diagnostics.has_errors()
}

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn display_path(path: &Path) -> String {
    path.display().to_string()
}
