//! The ticker bar: the scrolling window of the marquee, or whole rates standing still with
//! `+N` for the hidden ones, and a mark while paused.

use crate::tui::app::{App, TickerView};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = app.theme();
    let marquee = app.marquee();
    if marquee.is_empty() {
        // A day of the archive without rates: the row says so, in its place.
        let x = area.x + u16::from(area.width > 2);
        let text = crate::text::wrap::truncate(
            "no rates this day",
            usize::from(area.width.saturating_sub(2)),
            "",
        );
        buf.set_string(
            x,
            area.y,
            text,
            theme
                .get(crate::config::theme::Element::Status)
                .add_modifier(ratatui::style::Modifier::DIM),
        );
        return;
    }
    // One column of margin each side when there is room for it.
    let margin = u16::from(area.width > 2);
    let cols = app.ticker_cols();
    let paused = app.ticker_paused();
    let mark = app.settings().glyphs.paused();
    let pieces = match app.ticker_view() {
        TickerView::Scrolling(offset) => marquee.window(offset, cols),
        TickerView::Still(first) if paused => marquee.whole(first, cols.saturating_sub(2)),
        TickerView::Still(first) => marquee.whole(first, cols),
    };
    let spans: Vec<Span> = pieces
        .into_iter()
        .map(|p| Span::styled(p.text, theme.ticker(p.part)))
        .collect();
    let inner = Rect {
        x: area.x + margin,
        width: area.width - 2 * margin,
        ..area
    };
    Line::from(spans).render(inner, buf);
    if paused && cols >= 2 {
        let at = Rect {
            x: inner.right() - 1,
            width: 1,
            ..inner
        };
        Span::styled(mark, theme.get(crate::config::theme::Element::Hint)).render(at, buf);
    }
}
