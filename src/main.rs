//! The `bulletin` command; everything it does is in the library's `cli` module.

use std::sync::atomic::{AtomicBool, Ordering};

/// Whether standard output was closed when the process started (`bulletin >&-`). Rust's
/// runtime opens /dev/null in its place before `main`, so that writes would succeed
/// silently; this is noted before that, as the program is loaded.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static NOTE_CLOSED_STDOUT: extern "C" fn() = {
    extern "C" fn note() {
        // SAFETY: F_GETFD only asks whether descriptor 1 is open.
        let closed = unsafe { libc::fcntl(1, libc::F_GETFD) } == -1;
        STDOUT_CLOSED.store(closed, Ordering::SeqCst);
    }
    note
};

fn main() -> std::process::ExitCode {
    bulletin::cli::main(STDOUT_CLOSED.load(Ordering::SeqCst))
}
