//! The headlines pane: one line a story, the selected one marked and kept in view.

use super::theme::Theme;
use crate::text::wrap::truncate;
use crate::tui::app::{App, Focus};
use crate::tui::areas::Areas;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let glyphs = app.options.glyphs;
    let ellipsis = glyphs.ellipsis();
    let focused = app.focus == Focus::List || Areas::is_narrow(app.width);
    let count = app.bulletin.articles.len();
    let title = title(app, usize::from(area.width.saturating_sub(2)), ellipsis);
    let block = Block::bordered()
        .border_set(glyphs.border())
        .border_style(theme.border(focused))
        .title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    if count == 0 {
        Paragraph::new("No stories in this bulletin.").render(inner, buf);
        return;
    }
    let cols = usize::from(inner.width);
    let marker = glyphs.marker();
    let rows = usize::from(inner.height);
    for (row, index) in (app.list_offset..count).take(rows).enumerate() {
        let article = &app.bulletin.articles[index];
        let selected = index == app.selected;
        let mut spans = vec![Span::raw(if selected { marker } else { "  " })];
        if app.dates_differ {
            let date = article.date.map_or("      ".to_owned(), |d| {
                format!("{:02}-{:02} ", d.month(), d.day())
            });
            spans.push(Span::styled(date, theme.list_date()));
        }
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let room = cols.saturating_sub(used);
        spans.push(Span::raw(truncate(&article.headline, room, ellipsis)));
        let mut line = Line::from(spans);
        if selected {
            line = line.style(theme.selected(app.focus == Focus::List));
        }
        let y = inner.y + row as u16;
        let row_area = Rect {
            y,
            height: 1,
            ..inner
        };
        if selected {
            buf.set_style(row_area, theme.selected(app.focus == Focus::List));
        }
        line.render(row_area, buf);
    }
}

/// The pane's title: the bulletin's date and the story count, shortened to fit.
fn title(app: &App, room: usize, ellipsis: &str) -> String {
    let count = stories(app.bulletin.articles.len());
    let sep = app.options.glyphs.separator();
    let candidates = match app.bulletin.date {
        Some(d) => vec![
            format!(" {} {sep} {count} ", d.long()),
            format!(" {} {sep} {count} ", d.short()),
            format!(" {count} {sep} {} ", &d.short()[..6]),
        ],
        None => Vec::new(),
    };
    candidates
        .into_iter()
        .find(|t| crate::text::wrap::width(t) <= room)
        .unwrap_or_else(|| truncate(&format!(" {count} "), room, ellipsis))
}

fn stories(n: usize) -> String {
    if n == 1 {
        "1 story".to_owned()
    } else {
        format!("{n} stories")
    }
}
