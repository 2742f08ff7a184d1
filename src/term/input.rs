//! The bytes a terminal sends, read as keys, mouse reports and pastes. Pure: bytes in,
//! inputs out; the caller reads the terminal and says when no byte came for a while.
//!
//! Every partial sequence is bounded: an escape sequence holds at most [`MAX_SEQUENCE`]
//! bytes and a paste at most [`MAX_PASTE`]; what is beyond is dropped, not kept. A sequence
//! left unfinished is given up when [`Parser::timeout`] is called (the caller waits
//! [`Parser::wait`] for more bytes first), so a stray `ESC[200~` or `ESC[<` can never
//! swallow the keys typed after it.

use super::key::{Key, KeyCode};
use std::time::Duration;

/// The most bytes one escape sequence may hold before it is dropped.
pub const MAX_SEQUENCE: usize = 64;
/// The most bytes of a paste kept; the rest of it is dropped.
pub const MAX_PASTE: usize = 64 * 1024;
/// How long a lone Escape or a partial sequence waits for the rest of it.
pub const SEQUENCE_WAIT: Duration = Duration::from_millis(80);
/// How long a paste waits for its next byte before it is taken as ended.
pub const PASTE_WAIT: Duration = Duration::from_millis(500);

/// Something the terminal sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(Key),
    Mouse(Mouse),
    /// Text pasted with bracketed paste (as the terminal sent it, not yet cleaned).
    Paste(String),
    /// The terminal's answer to a status request (`ESC[5n` answered by `ESC[0n`): what was
    /// written before the request has reached it.
    StatusReport,
}

/// A mouse report: what happened, at which cell (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    Press(Button),
    Release,
    Drag,
    WheelUp,
    WheelDown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    Left,
    Middle,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Ground,
    /// After ESC.
    Escape,
    /// After `ESC [`, collecting parameters.
    Csi,
    /// After `ESC O`.
    Ss3,
    /// Inside OSC, DCS, SOS, PM or APC: skipped up to BEL or ST.
    Text,
    /// ESC inside such a string: ST if a `\` follows.
    TextEscape,
    /// A sequence grown past its bound: skipped up to its final byte.
    Overlong,
    /// After `ESC [ M`: the three bytes of an X10 mouse report.
    X10,
    /// Inside a bracketed paste.
    Paste,
    /// The remaining bytes of a UTF-8 character.
    Utf8 {
        need: usize,
    },
}

/// What the caller should wait for before calling [`Parser::timeout`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Nothing is pending: wait for bytes as long as it takes.
    Forever,
    /// A sequence or a paste is pending: wait this long, then call `timeout`.
    For(Duration),
}

const PASTE_END: &[u8] = b"\x1b[201~";

/// The reader of terminal bytes; see the module documentation.
#[derive(Debug)]
pub struct Parser {
    state: State,
    /// The bytes of the sequence or character being read.
    seq: Vec<u8>,
    paste: Vec<u8>,
    /// How much of [`PASTE_END`] the last bytes of the paste matched.
    paste_end: usize,
}

impl Default for Parser {
    fn default() -> Parser {
        Parser::new()
    }
}

impl Parser {
    pub fn new() -> Parser {
        Parser {
            state: State::Ground,
            seq: Vec::with_capacity(MAX_SEQUENCE),
            paste: Vec::new(),
            paste_end: 0,
        }
    }

    /// How long to wait for more bytes before [`Parser::timeout`].
    pub fn wait(&self) -> Wait {
        match self.state {
            State::Ground => Wait::Forever,
            State::Paste => Wait::For(PASTE_WAIT),
            _ => Wait::For(SEQUENCE_WAIT),
        }
    }

    /// Bytes held for a partial sequence or paste (bounded, see the module documentation).
    pub fn held(&self) -> usize {
        self.seq.len() + self.paste.len()
    }

    /// Reads bytes, appending what they complete to `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Input>) {
        for &b in bytes {
            self.byte(b, out);
        }
    }

    /// No byte came in time: a lone Escape is the Escape key, `ESC [` and `ESC O` are
    /// Alt-`[` and Alt-`O`, a paste ends with what it holds, and any other partial sequence
    /// is dropped.
    pub fn timeout(&mut self, out: &mut Vec<Input>) {
        match self.state {
            State::Escape => out.push(Input::Key(Key::plain(KeyCode::Esc))),
            State::Csi | State::Ss3 if self.seq.len() == 2 => {
                let c = if self.state == State::Csi { '[' } else { 'O' };
                out.push(Input::Key(alt(Key::char(c))));
            }
            State::Paste => self.end_paste(out),
            _ => {}
        }
        self.reset();
    }

    fn reset(&mut self) {
        self.state = State::Ground;
        self.seq.clear();
    }

    fn byte(&mut self, b: u8, out: &mut Vec<Input>) {
        match self.state {
            State::Ground => self.ground(b, out),
            State::Escape => self.escape(b, out),
            State::Csi => self.csi(b, out),
            State::Ss3 => {
                self.reset();
                if let Some(key) = ss3_key(b) {
                    out.push(Input::Key(key));
                } else {
                    self.ground(b, out);
                }
            }
            State::Text => match b {
                0x07 => self.reset(),
                0x1b => self.state = State::TextEscape,
                _ => {}
            },
            State::TextEscape => match b {
                b'\\' => self.reset(),
                0x1b => {}
                _ => self.state = State::Text,
            },
            State::Overlong => {
                if (0x40..=0x7e).contains(&b) {
                    self.reset();
                } else if !(0x20..=0x3f).contains(&b) {
                    self.reset();
                    self.ground(b, out);
                }
            }
            State::X10 => {
                self.seq.push(b);
                if self.seq.len() == 6 {
                    let (cb, cx, cy) = (self.seq[3], self.seq[4], self.seq[5]);
                    self.reset();
                    let at = |v: u8| u16::from(v.saturating_sub(33));
                    if let Some(m) = mouse(u16::from(cb.saturating_sub(32)), at(cx), at(cy), false)
                    {
                        out.push(Input::Mouse(m));
                    }
                }
            }
            State::Paste => self.paste_byte(b, out),
            State::Utf8 { need } => {
                if b & 0xc0 != 0x80 {
                    // Not a continuation: the character was broken; read this byte afresh.
                    self.reset();
                    self.ground(b, out);
                    return;
                }
                self.seq.push(b);
                if need > 1 {
                    self.state = State::Utf8 { need: need - 1 };
                    return;
                }
                if let Some(c) = std::str::from_utf8(&self.seq)
                    .ok()
                    .and_then(|s| s.chars().next())
                {
                    out.push(Input::Key(Key::char(c)));
                }
                self.reset();
            }
        }
    }

    fn ground(&mut self, b: u8, out: &mut Vec<Input>) {
        match b {
            0x1b => {
                self.state = State::Escape;
                self.seq.push(b);
            }
            0x80.. => {
                let need = match b {
                    0xc2..=0xdf => 1,
                    0xe0..=0xef => 2,
                    0xf0..=0xf4 => 3,
                    _ => return, // not a lead byte: dropped
                };
                self.seq.push(b);
                self.state = State::Utf8 { need };
            }
            _ => out.push(Input::Key(control_or_char(b))),
        }
    }

    fn escape(&mut self, b: u8, out: &mut Vec<Input>) {
        match b {
            b'[' => {
                self.state = State::Csi;
                self.seq.push(b);
            }
            b'O' => {
                self.state = State::Ss3;
                self.seq.push(b);
            }
            b']' | b'P' | b'X' | b'^' | b'_' => {
                self.seq.clear();
                self.state = State::Text;
            }
            0x1b => out.push(Input::Key(Key::plain(KeyCode::Esc))),
            0x80.. => {
                out.push(Input::Key(Key::plain(KeyCode::Esc)));
                self.reset();
                self.ground(b, out);
            }
            _ => {
                self.reset();
                out.push(Input::Key(alt(control_or_char(b))));
            }
        }
    }

    fn csi(&mut self, b: u8, out: &mut Vec<Input>) {
        match b {
            0x20..=0x3f => {
                if self.seq.len() >= MAX_SEQUENCE {
                    self.seq.clear();
                    self.state = State::Overlong;
                } else {
                    self.seq.push(b);
                }
            }
            b'M' if self.seq.len() == 2 => {
                self.seq.push(b);
                self.state = State::X10;
            }
            0x40..=0x7e => {
                let params = String::from_utf8_lossy(&self.seq[2..]).into_owned();
                self.reset();
                self.csi_final(&params, b, out);
            }
            _ => {
                // Not part of a sequence: the sequence was broken; read this byte afresh.
                self.reset();
                self.ground(b, out);
            }
        }
    }

    fn csi_final(&mut self, params: &str, last: u8, out: &mut Vec<Input>) {
        if let Some(sgr) = params.strip_prefix('<') {
            if let [b, x, y] = numbers(sgr)[..] {
                let at = |v: u16| v.saturating_sub(1);
                if let Some(m) = mouse(b, at(x), at(y), last == b'm') {
                    out.push(Input::Mouse(m));
                }
            }
            return;
        }
        if params.starts_with(['?', '>', '=']) {
            return; // a report the terminal volunteered: nothing typed
        }
        let n = numbers(params);
        if last == b'n' {
            if matches!(n[..], [0] | [3]) {
                out.push(Input::StatusReport);
            }
            return;
        }
        let modifiers = n.get(1).copied().unwrap_or(1);
        let code = match last {
            b'A' => KeyCode::Up,
            b'B' => KeyCode::Down,
            b'C' => KeyCode::Right,
            b'D' => KeyCode::Left,
            b'H' => KeyCode::Home,
            b'F' => KeyCode::End,
            b'Z' => KeyCode::BackTab,
            b'P' => KeyCode::F(1),
            b'Q' => KeyCode::F(2),
            b'R' => KeyCode::F(3),
            b'S' => KeyCode::F(4),
            b'~' => match n.first().copied().unwrap_or(0) {
                200 => {
                    self.state = State::Paste;
                    self.paste.clear();
                    self.paste_end = 0;
                    return;
                }
                1 | 7 => KeyCode::Home,
                4 | 8 => KeyCode::End,
                2 => KeyCode::Insert,
                3 => KeyCode::Delete,
                5 => KeyCode::PageUp,
                6 => KeyCode::PageDown,
                f @ 11..=15 => KeyCode::F((f - 10) as u8),
                f @ 17..=21 => KeyCode::F((f - 11) as u8),
                f @ 23..=24 => KeyCode::F((f - 12) as u8),
                _ => return,
            },
            b'u' => match n.first().and_then(|&c| char::from_u32(u32::from(c))) {
                Some('\r') => KeyCode::Enter,
                Some('\t') => KeyCode::Tab,
                Some('\x1b') => KeyCode::Esc,
                Some('\x7f') => KeyCode::Backspace,
                Some(c) if !c.is_control() => KeyCode::Char(c),
                _ => return,
            },
            _ => return,
        };
        out.push(Input::Key(with_modifiers(Key::plain(code), modifiers)));
    }

    fn paste_byte(&mut self, b: u8, out: &mut Vec<Input>) {
        if b == PASTE_END[self.paste_end] {
            self.paste_end += 1;
            if self.paste_end == PASTE_END.len() {
                self.end_paste(out);
                self.reset();
            }
            return;
        }
        // The bytes that looked like the start of the end marker were text after all.
        let matched = self.paste_end;
        self.paste_end = 0;
        for &m in &PASTE_END[..matched] {
            self.keep_pasted(m);
        }
        if b == PASTE_END[0] {
            self.paste_end = 1;
        } else {
            self.keep_pasted(b);
        }
    }

    fn keep_pasted(&mut self, b: u8) {
        if self.paste.len() < MAX_PASTE {
            self.paste.push(b);
        }
    }

    fn end_paste(&mut self, out: &mut Vec<Input>) {
        let text = String::from_utf8_lossy(&self.paste).into_owned();
        self.paste = Vec::new();
        self.paste_end = 0;
        out.push(Input::Paste(text));
    }
}

/// The semicolon-separated numbers of a sequence's parameters (sub-parameters after `:`
/// ignored); a missing or overlong number is 0.
fn numbers(params: &str) -> Vec<u16> {
    params
        .split(';')
        .map(|p| p.split(':').next().unwrap_or("").parse().unwrap_or(0))
        .collect()
}

/// A key and the modifier parameter of its sequence (1 + shift 1, alt 2, ctrl 4).
fn with_modifiers(mut key: Key, parameter: u16) -> Key {
    let bits = parameter.saturating_sub(1);
    key.shift = bits & 1 != 0;
    key.alt = bits & 2 != 0;
    key.ctrl = bits & 4 != 0;
    if let KeyCode::Char(c) = key.code {
        // A character already says whether Shift was down; Control ignores case.
        let c = if key.shift { c.to_ascii_uppercase() } else { c };
        key.shift = false;
        key.code = KeyCode::Char(if key.ctrl { c.to_ascii_lowercase() } else { c });
    }
    if key.code == KeyCode::Tab && key.shift {
        key = Key::plain(KeyCode::BackTab);
    }
    key
}

fn alt(mut key: Key) -> Key {
    key.alt = true;
    key
}

/// A byte below 0x80 outside a sequence: a control key or a character.
fn control_or_char(b: u8) -> Key {
    match b {
        b'\r' | b'\n' => Key::plain(KeyCode::Enter),
        b'\t' => Key::plain(KeyCode::Tab),
        0x7f | 0x08 => Key::plain(KeyCode::Backspace),
        0x1b => Key::plain(KeyCode::Esc),
        0x00 => Key::ctrl(' '),
        0x01..=0x1a => Key::ctrl(char::from(b - 1 + b'a')),
        0x1c..=0x1f => Key::ctrl(char::from(b - 0x1c + b'\\')),
        _ => Key::char(char::from(b)),
    }
}

fn ss3_key(b: u8) -> Option<Key> {
    let code = match b {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'M' => KeyCode::Enter,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    };
    Some(Key::plain(code))
}

/// A mouse report from its button code (the X10/SGR `Cb` less 32 for X10) and 0-based cell.
fn mouse(code: u16, column: u16, row: u16, released: bool) -> Option<Mouse> {
    let button = code & 0b11;
    let kind = if code & 64 != 0 {
        match button {
            0 => MouseKind::WheelUp,
            1 => MouseKind::WheelDown,
            _ => return None, // horizontal wheels
        }
    } else if released || button == 3 {
        MouseKind::Release
    } else if code & 32 != 0 {
        MouseKind::Drag
    } else {
        MouseKind::Press(match button {
            0 => Button::Left,
            1 => Button::Middle,
            _ => Button::Right,
        })
    };
    Some(Mouse { kind, column, row })
}

#[cfg(test)]
mod tests;
