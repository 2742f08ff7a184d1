//! The status line: the keys that matter now, the search being typed, or a message.

use super::theme::Theme;
use crate::text::wrap::truncate;
use crate::tui::app::{App, Focus};
use crate::tui::areas::Areas;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let cols = usize::from(area.width.saturating_sub(1));
    let line = if let Some(typed) = &app.search.typing {
        Line::from(vec![
            Span::styled("/", theme.key()),
            Span::raw(truncate(typed, cols.saturating_sub(2), "")),
            Span::styled(" ", theme.message().add_modifier(Modifier::REVERSED)),
        ])
    } else if let Some(message) = &app.message {
        Line::from(Span::styled(truncate(message, cols, ""), theme.message()))
    } else {
        hints(app, theme, cols)
    };
    let area = Rect {
        x: area.x + 1.min(area.width),
        width: area.width.saturating_sub(1),
        ..area
    };
    line.render(area, buf);
}

/// The keys that matter in the current focus, as many as fit.
fn hints<'a>(app: &App, theme: &Theme, cols: usize) -> Line<'a> {
    let narrow = Areas::is_narrow(app.width);
    let keys: &[(&str, &str)] = match (app.focus, narrow) {
        (Focus::List, true) => &[
            ("j/k", "story"),
            ("Enter", "read"),
            ("/", "search"),
            ("?", "help"),
            ("q", "quit"),
        ],
        (Focus::List, false) => &[
            ("j/k", "story"),
            ("Enter", "read"),
            ("space/b", "page"),
            ("/", "search"),
            ("t", "ticker"),
            ("?", "help"),
            ("q", "quit"),
        ],
        (Focus::Story, _) => &[
            ("j/k", "scroll"),
            ("space/b", "page"),
            ("J/K", "story"),
            ("Esc", "back"),
            ("/", "search"),
            ("?", "help"),
            ("q", "quit"),
        ],
    };
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, what) in keys {
        let w = key.len() + 1 + what.len() + 2;
        if used + w > cols + 2 {
            break;
        }
        used += w;
        spans.push(Span::styled(*key, theme.key()));
        spans.push(Span::styled(format!(" {what}  "), theme.hint()));
    }
    Line::from(spans)
}
