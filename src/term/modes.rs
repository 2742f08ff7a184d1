//! The screen's modes as crossterm commands, written with `queue!` into whatever the
//! reader writes to: the terminal, or an SSH session's channel. The same sequences both
//! ways, built once.
//!
//! crossterm is used for what it does well in both places: these commands, raw mode (with
//! the terminal's settings from before, put back on the way out) and the terminal's size
//! (`tty`). Its event reader (`event::poll`/`read`) is never used, nor compiled in (its
//! `events` feature is off): it would be a second reader competing for the terminal, it
//! loses the terminal's readiness after SIGWINCH and busy-loops on a terminal that is gone
//! (crossterm #793), and it parses only bytes that come from a tty (#694, #941), while a
//! server parses bytes from a channel. The reader keeps its own input parser (`input`) and
//! its lean backend (`backend`), which spends fewer bytes over SSH than a full redraw.
//! The two modes crossterm puts behind that feature, mouse reporting and bracketed paste,
//! are commands of ours below (crossterm's mouse capture would also ask for every motion
//! of the mouse, bytes the reader does not want over a slow link).

use crossterm::cursor::{Hide, Show};
use crossterm::style::{Attribute, Print, SetAttribute};
use crossterm::terminal::{EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{queue, Command};
use std::fmt;
use std::io::{self, Write};
use std::sync::OnceLock;

/// Mouse reporting: presses, releases and the wheel (mode 1000, no motion), in SGR
/// coordinates (mode 1006); or off again.
#[derive(Debug, Clone, Copy)]
pub struct MouseReporting(pub bool);

impl Command for MouseReporting {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str(if self.0 {
            "\x1b[?1000h\x1b[?1006h"
        } else {
            "\x1b[?1006l\x1b[?1000l"
        })
    }
}

/// Bracketed paste: what is pasted comes marked as a paste, not as keys (a pasted `q` does
/// not quit); or off again.
#[derive(Debug, Clone, Copy)]
pub struct BracketedPaste(pub bool);

impl Command for BracketedPaste {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str(if self.0 { "\x1b[?2004h" } else { "\x1b[?2004l" })
    }
}

/// The reader's modes on: the alternate screen, the cursor hidden, pastes marked, the mouse
/// if wanted.
pub fn enter(out: &mut impl Write, mouse: bool) -> io::Result<()> {
    queue!(out, EnterAlternateScreen, Hide, BracketedPaste(true))?;
    if mouse {
        queue!(out, MouseReporting(true))?;
    }
    Ok(())
}

/// Mouse reporting on or off.
pub fn mouse(out: &mut impl Write, on: bool) -> io::Result<()> {
    queue!(out, MouseReporting(on))
}

/// Everything off again, whatever was on: a sequence cut short by an interruption
/// cancelled (CAN), plain attributes, synchronized output ended, mouse reporting and
/// bracketed paste off, the main screen, the cursor shown.
pub fn leave(out: &mut impl Write) -> io::Result<()> {
    queue!(
        out,
        Print('\x18'),
        SetAttribute(Attribute::Reset),
        EndSynchronizedUpdate,
        MouseReporting(false),
        BracketedPaste(false),
        LeaveAlternateScreen,
        Show
    )
}

/// [`leave`]'s bytes, built once: the way back from a signal or a panic writes them without
/// building anything.
pub fn leave_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let mut out = Vec::new();
        let _ = leave(&mut out);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl Fn(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_modes_are_the_sequences_terminals_know() {
        assert_eq!(
            written(|o| enter(o, true)),
            "\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[?1000h\x1b[?1006h"
        );
        assert_eq!(
            written(|o| enter(o, false)),
            "\x1b[?1049h\x1b[?25l\x1b[?2004h"
        );
        let back = written(leave);
        assert!(back.starts_with("\x18\x1b[0m\x1b[?2026l"), "{back:?}");
        assert!(
            back.contains("\x1b[?1006l\x1b[?1000l\x1b[?2004l"),
            "{back:?}"
        );
        assert!(back.ends_with("\x1b[?1049l\x1b[?25h"), "{back:?}");
        assert_eq!(leave_bytes(), back.as_bytes());
    }
}
