//! The `leafpress` command; all the work is in the library.

fn main() -> std::process::ExitCode {
    leafpress::cli::main()
}
