//! The terminal device: raw mode and its size (crossterm's), the screen modes a
//! full-screen program sets (`modes`, crossterm commands), and putting them all back. The
//! way back works from anywhere: a signal's thread or a panic, without blocking on an
//! output that no longer drains.

use super::modes;
use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::Once;

/// The emergency output is opened once, by the first terminal opened.
static OPENED: Once = Once::new();
/// True while the terminal is in the reader's modes.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// A non-blocking descriptor of the output terminal, for the way back in an emergency.
static EMERGENCY_OUT: AtomicI32 = AtomicI32::new(-1);

/// The terminal the reader runs on.
pub struct Tty {
    /// Where keys are read: standard input when it is the terminal, else `/dev/tty`.
    input: Option<File>,
    input_fd: RawFd,
    mouse: bool,
}

impl Tty {
    /// Opens the terminal: finds where keys come from (crossterm's raw mode takes the same
    /// terminal: standard input when it is one, else `/dev/tty`).
    pub fn open(mouse: bool) -> io::Result<Tty> {
        // SAFETY: isatty only inspects the descriptor.
        let (input, input_fd) = if unsafe { libc::isatty(0) } == 1 {
            (None, 0)
        } else {
            let file = File::options().read(true).write(true).open("/dev/tty")?;
            let fd = file.as_raw_fd();
            (Some(file), fd)
        };
        // SAFETY: isatty only inspects the descriptor.
        if unsafe { libc::isatty(input_fd) } != 1 {
            return Err(io::Error::last_os_error());
        }
        OPENED.call_once(open_emergency_output);
        Ok(Tty {
            input,
            input_fd,
            mouse,
        })
    }

    /// The descriptor keys are read from.
    pub fn input_fd(&self) -> RawFd {
        self.input_fd
    }

    /// Keeps the input file open for as long as the returned value lives (for the thread
    /// that reads it).
    pub fn input_file(&self) -> Option<&File> {
        self.input.as_ref()
    }

    /// The terminal's size in columns and rows.
    pub fn size(&self) -> io::Result<(u16, u16)> {
        size()
    }

    /// Raw mode (crossterm's, which keeps the settings from before), the alternate screen,
    /// the cursor hidden, pastes marked, mouse reporting if wanted (the sequences written
    /// to `out`, which the caller flushes).
    pub fn enter(&self, out: &mut impl Write) -> io::Result<()> {
        crossterm::terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        note_writer();
        modes::enter(out, self.mouse)
    }

    /// Puts the terminal back as it was, through `out` (which may block): the normal way
    /// out, and before a suspension.
    pub fn leave(&self, out: &mut impl Write) -> io::Result<()> {
        if !ACTIVE.swap(false, Ordering::SeqCst) {
            return Ok(());
        }
        let written = out
            .write_all(modes::leave_bytes())
            .and_then(|()| out.flush());
        restore_settings();
        written
    }
}

/// Puts the terminal back from anywhere, promptly: never waits for a lock. Does nothing when
/// the terminal is not in the reader's modes. For signals and panics.
///
/// When the terminal has stopped reading (a frozen link, a terminal scrolled back), the
/// reader's own write may be blocked in the middle of a frame, holding the terminal's write
/// lock: the way back is then written through a second, non-blocking descriptor for at most
/// [`RESTORE_WAIT`], dropping what the terminal has not read of the reader's frames (stale
/// once the screen is given back) so that the blocked write can end and the restore take
/// its place. The reader's own writes are dropped from the moment this starts.
pub fn restore_now() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    STOPPED.store(true, Ordering::SeqCst);
    let fd = EMERGENCY_OUT.load(Ordering::SeqCst);
    if fd >= 0 {
        write_through(fd, modes::leave_bytes());
    }
    restore_settings();
}

/// The thread that writes the reader's frames, to be woken from a blocked write.
static WRITER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The signal that wakes the writer from a blocked write: its handler does nothing and is
/// installed without `SA_RESTART`, so the write returns (`EINTR` or what it wrote), lets go
/// of the terminal's write lock, and the writer, seeing [`STOPPED`], writes no more.
const WAKE_WRITER: libc::c_int = libc::SIGURG;

extern "C" fn wake_writer(_: libc::c_int) {}

/// Notes the calling thread as the one that writes the frames, and readies its wake-up.
fn note_writer() {
    // SAFETY: a handler that does nothing, installed for a signal nothing else in the
    // process uses; the sigaction is zeroed then filled, and pthread_self has no failure.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = wake_writer as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::sigemptyset(&mut action.sa_mask);
        action.sa_flags = 0;
        libc::sigaction(WAKE_WRITER, &action, std::ptr::null_mut());
        WRITER.store(libc::pthread_self() as u64, Ordering::SeqCst);
    }
}

/// Wakes the writer out of a write blocked on a terminal that does not read.
fn kick_writer() {
    let writer = WRITER.load(Ordering::SeqCst);
    // SAFETY: pthread_self never is 0; the thread noted lives as long as the reader's loop,
    // and the restore runs while that loop holds the terminal.
    if writer != 0 && writer != unsafe { libc::pthread_self() } as u64 {
        unsafe { libc::pthread_kill(writer as libc::pthread_t, WAKE_WRITER) };
    }
}

/// How long the way back waits for a terminal that does not read.
pub const RESTORE_WAIT: std::time::Duration = std::time::Duration::from_millis(1500);

/// Writes `bytes` to the non-blocking `fd`, flushing what the terminal has not read while it
/// has no room, for at most [`RESTORE_WAIT`]; gives up at once on a terminal that is gone.
fn write_through(fd: RawFd, bytes: &[u8]) {
    let deadline = std::time::Instant::now() + RESTORE_WAIT;
    let mut rest = bytes;
    while !rest.is_empty() {
        // SAFETY: writes from a buffer we own to a descriptor opened non-blocking.
        let n = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len()) };
        if n > 0 {
            rest = &rest[n as usize..];
            continue;
        }
        let error = io::Error::last_os_error().raw_os_error();
        if !matches!(error, Some(libc::EAGAIN | libc::EINTR)) || n == 0 {
            return;
        }
        if std::time::Instant::now() >= deadline {
            return;
        }
        // The writer may hold the terminal's write lock, blocked: woken, it lets go.
        kick_writer();
        // SAFETY: discards output queued on our own terminal; touches no memory.
        unsafe { libc::tcflush(fd, libc::TCOFLUSH) };
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// True once the way back has started: the reader writes nothing more.
static STOPPED: AtomicBool = AtomicBool::new(false);

/// The reader's standard output: what is written once the terminal is being given back
/// ([`restore_now`]) is dropped, so that no frame lands after the restore.
pub struct Output(io::Stdout);

impl Output {
    pub fn stdout() -> Output {
        Output(io::stdout())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if STOPPED.load(Ordering::SeqCst) {
            return Ok(buf.len());
        }
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        if STOPPED.load(Ordering::SeqCst) {
            return Ok(());
        }
        self.0.flush()
    }
}

/// The terminal's settings from before raw mode, back (crossterm kept them).
fn restore_settings() {
    let _ = crossterm::terminal::disable_raw_mode();
}

/// Opens the output terminal a second time, non-blocking, so that an emergency restore
/// never waits on a stalled output (the flag is the open file's, not the shell's).
fn open_emergency_output() {
    // SAFETY: ttyname returns a pointer to a static buffer or null; the path is copied out
    // before any other call.
    let name = unsafe { libc::ttyname(1) };
    if name.is_null() {
        return;
    }
    // SAFETY: opening a NUL-terminated path from ttyname.
    let fd = unsafe {
        libc::open(
            name,
            libc::O_WRONLY | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC,
        )
    };
    EMERGENCY_OUT.store(fd, Ordering::SeqCst);
}

/// The terminal's size in columns and rows (crossterm's: of the terminal the reader runs
/// on).
pub fn size() -> io::Result<(u16, u16)> {
    crossterm::terminal::size()
}
