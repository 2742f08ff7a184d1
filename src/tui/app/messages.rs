//! The session's messages: each one said in the status line is kept whole, with the time
//! it came, and `M` shows them in an overlay, wrapped, newest last. A message too long for
//! the status line says there how to read it whole.

use super::{App, Effect, Mode};
use crate::tui::action::Action;

/// Messages kept, at most: the oldest go first.
const KEPT: usize = 500;

/// One message of the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// When, as the loop's clock gave it (`14:05:09`; empty without a clock).
    pub at: String,
    pub text: String,
}

impl App {
    /// The time the loop says it is, to stamp the messages said from now on.
    pub fn set_clock(&mut self, now: String) {
        self.clock = now;
    }

    /// The session's messages, oldest first.
    pub fn said(&self) -> &[Said] {
        &self.log
    }

    /// Keeps a message in the log without showing it in the status line.
    pub(super) fn log_said(&mut self, text: String) {
        self.log.push(Said {
            at: self.clock.clone(),
            text,
        });
        if self.log.len() > KEPT {
            self.log.remove(0);
        }
    }

    /// Keeps the message in force in the log, when it is a new one.
    pub(super) fn log_message(&mut self, before: Option<&str>) {
        let Some(text) = self.message.as_deref() else {
            return;
        };
        if Some(text) == before && self.log.last().is_some_and(|s| s.text == text) {
            return;
        }
        if self
            .log
            .last()
            .is_some_and(|s| s.text == text && s.at == self.clock)
        {
            return;
        }
        self.log_said(text.to_owned());
    }

    /// True while the mouse is left to the terminal, so that what is shown can be
    /// selected: while the messages are open.
    pub fn leaves_mouse(&self) -> bool {
        matches!(self.mode, Mode::Messages { .. })
    }

    /// `M`: the messages, the latest in view.
    pub(super) fn open_messages(&mut self) {
        self.mode = Mode::Messages { scroll: usize::MAX };
        self.clamp_messages();
    }

    /// An address to show whole (`o` over SSH): said, and the messages opened on it, where
    /// it is wrapped whole and can be selected (the mouse is left to the terminal).
    pub(super) fn show_address(&mut self, url: String) -> Vec<Effect> {
        let before = self.message.take();
        self.message = Some(format!("over SSH: {url}"));
        self.log_message(before.as_deref());
        self.message = Some("over SSH: the address is shown whole (c copies it)".into());
        self.open_messages();
        Vec::new()
    }

    /// A key while the messages are open.
    pub(super) fn messages_key(&mut self, action: Action) -> Vec<Effect> {
        let page = self.messages_rows().saturating_sub(1).max(1);
        let Mode::Messages { scroll } = &mut self.mode else {
            return Vec::new();
        };
        *scroll = match action {
            Action::NextStory => scroll.saturating_add(1),
            Action::PrevStory => scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => scroll.saturating_add(page),
            Action::PageUp | Action::HalfPageUp => scroll.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            Action::CopyLink => return self.copy_link(),
            Action::Messages | Action::Back => {
                self.mode = Mode::Reading;
                return Vec::new();
            }
            _ => *scroll,
        };
        self.clamp_messages();
        Vec::new()
    }

    fn clamp_messages(&mut self) {
        let last = self
            .messages_lines()
            .len()
            .saturating_sub(self.messages_rows());
        if let Mode::Messages { scroll } = &mut self.mode {
            *scroll = (*scroll).min(last);
        }
    }

    /// Where the messages are drawn: the screen less a column and a row each side.
    pub fn messages_area(&self) -> ratatui::layout::Rect {
        let screen = self.screen();
        let margin = |n: u16| u16::from(n > 20);
        ratatui::layout::Rect {
            x: margin(screen.width),
            y: margin(screen.height),
            width: screen.width.saturating_sub(2 * margin(screen.width)),
            height: screen.height.saturating_sub(2 * margin(screen.height)),
        }
    }

    /// Rows of messages that fit inside the overlay's border.
    fn messages_rows(&self) -> usize {
        usize::from(self.messages_area().height.saturating_sub(2))
    }

    /// The messages as lines for the overlay's width: each one's time, then its text
    /// wrapped whole (an address with no spaces cut anywhere, never shortened).
    pub fn messages_lines(&self) -> Vec<String> {
        let cols = usize::from(self.messages_area().width.saturating_sub(4)).max(1);
        let mut lines = Vec::new();
        for said in &self.log {
            let text = if said.at.is_empty() {
                said.text.clone()
            } else {
                format!("{}  {}", said.at, said.text)
            };
            lines.extend(wrap_whole(&text, cols));
        }
        if lines.is_empty() {
            lines.push("Nothing said yet.".to_owned());
        }
        lines
    }
}

/// Wraps at spaces, and cuts a word longer than a line (an address) where it must, so that
/// every character of it is shown.
fn wrap_whole(text: &str, cols: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ') {
        let w = crate::text::wrap::width(word);
        if used > 0 && used + 1 + w <= cols {
            line.push(' ');
            line.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            out.push(std::mem::take(&mut line));
            used = 0;
        }
        for c in word.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > cols && used > 0 {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap_whole;

    #[test]
    fn a_long_address_is_wrapped_whole_never_shortened() {
        let url = format!("https://news.example.org/{}", "a".repeat(70));
        let lines = wrap_whole(&format!("over SSH: {url}"), 40);
        assert_eq!(lines[0], "over SSH:");
        assert_eq!(lines[1..].concat(), url);
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{lines:?}");
        assert_eq!(wrap_whole("a b c", 3), vec!["a b", "c"]);
        assert_eq!(wrap_whole("", 3), vec![""]);
    }
}
