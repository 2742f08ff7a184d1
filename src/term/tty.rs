//! The terminal device: raw mode, its size, the screen modes a full-screen program sets,
//! and putting them all back. The way back works from anywhere: a signal's thread or a
//! panic, without a lock and without blocking on an output that no longer drains.

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::OnceLock;

/// Screen modes on: the alternate screen, the cursor hidden.
const SCREEN_ON: &str = "\x1b[?1049h\x1b[?25l";
/// Mouse reporting on: presses, releases and the wheel (mode 1000, no motion), in SGR
/// coordinates (mode 1006).
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
/// Everything off again: a sequence cut short by an interruption cancelled (CAN), plain
/// attributes, synchronized output ended, mouse reporting off, the main screen, the cursor.
const ALL_OFF: &str = "\x18\x1b[0m\x1b[?2026l\x1b[?1006l\x1b[?1000l\x1b[?1049l\x1b[?25h";

/// The terminal's settings before raw mode, and the descriptor to put them back on.
struct Saved {
    fd: RawFd,
    termios: libc::termios,
}

static SAVED: OnceLock<Saved> = OnceLock::new();
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
    /// Opens the terminal: finds where keys come from and notes its settings.
    pub fn open(mouse: bool) -> io::Result<Tty> {
        // SAFETY: isatty only inspects the descriptor.
        let (input, input_fd) = if unsafe { libc::isatty(0) } == 1 {
            (None, 0)
        } else {
            let file = File::options().read(true).write(true).open("/dev/tty")?;
            let fd = file.as_raw_fd();
            (Some(file), fd)
        };
        // SAFETY: tcgetattr fills the termios we own from an open descriptor.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(input_fd, &mut termios) } != 0 {
            return Err(io::Error::last_os_error());
        }
        if SAVED.get().is_none() {
            let _ = SAVED.set(Saved {
                fd: input_fd,
                termios,
            });
            open_emergency_output();
        }
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
        size_of(1).or_else(|_| size_of(self.input_fd))
    }

    /// Raw mode, the alternate screen, the cursor hidden, mouse reporting if wanted (the
    /// sequences written to `out`, which the caller flushes).
    pub fn enter(&self, out: &mut impl Write) -> io::Result<()> {
        let saved = SAVED
            .get()
            .ok_or_else(|| io::Error::other("terminal not opened"))?;
        let mut raw = saved.termios;
        // SAFETY: cfmakeraw edits the termios we own; tcsetattr applies it to the terminal.
        unsafe { libc::cfmakeraw(&mut raw) };
        if unsafe { libc::tcsetattr(saved.fd, libc::TCSANOW, &raw) } != 0 {
            return Err(io::Error::last_os_error());
        }
        ACTIVE.store(true, Ordering::SeqCst);
        out.write_all(SCREEN_ON.as_bytes())?;
        if self.mouse {
            out.write_all(MOUSE_ON.as_bytes())?;
        }
        Ok(())
    }

    /// Puts the terminal back as it was, through `out` (which may block): the normal way
    /// out, and before a suspension.
    pub fn leave(&self, out: &mut impl Write) -> io::Result<()> {
        if !ACTIVE.swap(false, Ordering::SeqCst) {
            return Ok(());
        }
        let written = out.write_all(ALL_OFF.as_bytes()).and_then(|()| out.flush());
        restore_settings();
        written
    }
}

/// Puts the terminal back from anywhere, at once: never waits for a lock or for the output
/// to drain (what cannot be written without blocking is given up). Does nothing when the
/// terminal is not in the reader's modes. For signals and panics.
pub fn restore_now() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let fd = EMERGENCY_OUT.load(Ordering::SeqCst);
    if fd >= 0 {
        // SAFETY: writes from a buffer we own to a descriptor opened non-blocking.
        unsafe { libc::write(fd, ALL_OFF.as_ptr().cast(), ALL_OFF.len()) };
    }
    restore_settings();
}

fn restore_settings() {
    if let Some(saved) = SAVED.get() {
        // SAFETY: applies the settings read at open to the same descriptor; TCSANOW does not
        // wait for output to drain.
        unsafe { libc::tcsetattr(saved.fd, libc::TCSANOW, &saved.termios) };
    }
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

pub fn size_of(fd: RawFd) -> io::Result<(u16, u16)> {
    // SAFETY: TIOCGWINSZ fills the winsize we own.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok((ws.ws_col, ws.ws_row))
}
