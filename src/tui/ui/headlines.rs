//! The headlines pane: a headline in one or two lines (all it needs when the list has the
//! screen), the selected one marked and kept in view.

use crate::config::theme::Element;
use crate::text::wrap::{thousands, width};
use crate::tui::app::{App, Focus};
use crate::tui::list::{cut, list_date, DATE};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
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
        let lines: Vec<Line> = crate::text::wrap::wrap_text(NONE, usize::from(inner.width))
            .into_iter()
            .map(Line::from)
            .collect();
        Paragraph::new(lines).render(inner, buf);
        return;
    }
    let shape = app.list_shape();
    let marker = glyphs.marker();
    let list_focused = app.focus() == Focus::List;
    let mut y = inner.y;
    for (index, article) in articles.iter().enumerate().skip(app.list_offset()) {
        if y >= inner.bottom() {
            break;
        }
        let selected = index == app.selected();
        let style = if selected {
            theme.selected(list_focused)
        } else if app.is_unread(index) {
            theme.get(Element::Unread)
        } else {
            Style::new()
        };
        for (i, text) in shape
            .lines(&article.headline, ellipsis)
            .into_iter()
            .enumerate()
        {
            if y >= inner.bottom() {
                break;
            }
            let mark = if selected && i == 0 { marker } else { "  " };
            let mut spans = vec![Span::raw(mark)];
            if shape.dates {
                let date = if i == 0 {
                    format!("{} ", list_date(article.date))
                } else {
                    " ".repeat(DATE)
                };
                spans.push(Span::styled(date, theme.get(Element::ListDate)));
            }
            spans.push(Span::raw(text));
            let row = Rect {
                y,
                height: 1,
                ..inner
            };
            if selected {
                buf.set_style(row, style);
            }
            Line::from(spans).style(style).render(row, buf);
            y += 1;
        }
    }
}

/// What an empty list says.
const NONE: &str = "No stories in this bulletin.";

/// The pane's title: the day (the archive's, else the bulletin's date), the story count
/// and, with an archive, how many are unread; shortened to fit.
fn title(app: &App, room: usize, ellipsis: &str) -> String {
    let total = app.bulletin().articles.len();
    let sep = app.settings().glyphs.separator();
    let unread = app.unread();
    // Read state only for stories the archive knows: a bulletin it could not record (a
    // full disk) has none, and is neither read nor unread.
    let known = app.has_archive() && app.read_state_known();
    let count = if known && app.unread_only() {
        format!("{} {sep} unread only", stories(total))
    } else if known && app.day().is_some() && total > 0 {
        match unread {
            0 => format!("{} {sep} all read", stories(total)),
            n => format!("{} {sep} {} unread", stories(total), thousands(n)),
        }
    } else {
        stories(total)
    };
    let short = if known && app.unread_only() {
        format!("{} unread only", thousands(total))
    } else if unread > 0 && known {
        format!("{} unread", thousands(unread))
    } else {
        stories(total)
    };
    let candidates = match app.day().or(app.bulletin().date) {
        Some(d) => vec![
            format!(" {} {sep} {count} ", d.long()),
            format!(" {} {sep} {count} ", d.short()),
            format!(" {} {sep} {short} ", d.short()),
            format!(" {short} {sep} {} ", &d.short()[..6]),
        ],
        None => vec![format!(" {count} ")],
    };
    candidates
        .into_iter()
        .find(|t| width(t) <= room)
        .unwrap_or_else(|| cut(&format!(" {short} "), room, ellipsis))
}

fn stories(n: usize) -> String {
    if n == 1 {
        "1 story".to_owned()
    } else {
        format!("{} stories", thousands(n))
    }
}
