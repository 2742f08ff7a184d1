//! The ticker bar: the window of the marquee for the current step.

use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = app.theme();
    // One column of margin each side when there is room for it.
    let margin = u16::from(area.width > 2);
    let cols = usize::from(area.width - 2 * margin);
    let spans: Vec<Span> = app
        .marquee()
        .window(app.ticker_offset(), cols)
        .into_iter()
        .map(|p| Span::styled(p.text, theme.ticker(p.part)))
        .collect();
    let inner = Rect {
        x: area.x + margin,
        width: area.width - 2 * margin,
        ..area
    };
    Line::from(spans).render(inner, buf);
}
