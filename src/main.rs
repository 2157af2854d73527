//! The `leafpress` command; all the work is in the library.

/// mimalloc rather than the system allocator: rendering and checking thousands of leaflets
/// allocates many small strings on every core, and glibc's malloc and free took about a tenth
/// of a large build's time (see README, "Speed").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    leafpress::cli::main()
}
