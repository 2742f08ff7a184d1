//! The headlines pane: one line a story, the selected one marked and kept in view.

use crate::config::theme::Element;
use crate::text::wrap::{truncate, width};
use crate::tui::app::{App, Focus};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = app.theme();
    let glyphs = app.settings().glyphs;
    let ellipsis = glyphs.ellipsis();
    let focused = app.focus() == Focus::List || app.is_narrow();
    let articles = &app.bulletin().articles;
    let title = title(app, usize::from(area.width.saturating_sub(2)), ellipsis);
    let block = Block::bordered()
        .border_set(glyphs.border())
        .border_style(theme.border(focused))
        .title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    if articles.is_empty() {
        Paragraph::new("No stories in this bulletin.").render(inner, buf);
        return;
    }
    let cols = usize::from(inner.width);
    let marker = glyphs.marker();
    let rows = usize::from(inner.height);
    let list_focused = app.focus() == Focus::List;
    for (row, index) in (app.list_offset()..articles.len()).take(rows).enumerate() {
        let article = &articles[index];
        let selected = index == app.selected();
        let mut spans = vec![Span::raw(if selected { marker } else { "  " })];
        if app.dates_differ() {
            let date = article.date.map_or("      ".to_owned(), |d| {
                format!("{:02}-{:02} ", d.month(), d.day())
            });
            spans.push(Span::styled(date, theme.get(Element::ListDate)));
        }
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let room = cols.saturating_sub(used);
        spans.push(Span::raw(truncate(&article.headline, room, ellipsis)));
        let row_area = Rect {
            y: inner.y + row as u16,
            height: 1,
            ..inner
        };
        let mut line = Line::from(spans);
        if selected {
            let style = theme.selected(list_focused);
            line = line.style(style);
            buf.set_style(row_area, style);
        }
        line.render(row_area, buf);
    }
}

/// The pane's title: the bulletin's date and the story count, shortened to fit.
fn title(app: &App, room: usize, ellipsis: &str) -> String {
    let count = stories(app.bulletin().articles.len());
    let sep = app.settings().glyphs.separator();
    let candidates = match app.bulletin().date {
        Some(d) => vec![
            format!(" {} {sep} {count} ", d.long()),
            format!(" {} {sep} {count} ", d.short()),
            format!(" {count} {sep} {} ", &d.short()[..6]),
        ],
        None => Vec::new(),
    };
    candidates
        .into_iter()
        .find(|t| width(t) <= room)
        .unwrap_or_else(|| truncate(&format!(" {count} "), room, ellipsis))
}

fn stories(n: usize) -> String {
    if n == 1 {
        "1 story".to_owned()
    } else {
        format!("{n} stories")
    }
}
