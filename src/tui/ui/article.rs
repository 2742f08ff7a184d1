//! The story pane: the selected story, wrapped to the pane, scrolled, searched.

use crate::config::theme::Element;
use crate::text::wrap::truncate;
use crate::tui::app::{App, Focus};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = app.theme();
    let glyphs = app.settings().glyphs;
    let articles = &app.bulletin().articles;
    if articles.get(app.selected()).is_none() {
        Block::bordered()
            .border_set(glyphs.border())
            .border_style(theme.border(false))
            .render(area, buf);
        return;
    }
    let room = usize::from(area.width.saturating_sub(4));
    let ell = glyphs.ellipsis();
    let read = app
        .percent_read()
        .map_or(glyphs.ellipsis().to_owned(), |p| format!("{p}%"));
    let position = format!(
        " {}/{} {} {read} ",
        app.selected() + 1,
        articles.len(),
        glyphs.separator(),
    );
    let block = Block::bordered()
        .border_set(glyphs.border())
        .border_style(theme.border(app.focus() == Focus::Story))
        .title_bottom(Line::from(truncate(&position, room + 2, ell)).right_aligned());
    let area_of_text = app.story_area();
    block.render(area, buf);
    let lines = app.story_lines();
    let highlights = app.highlights();
    for (row, line) in lines
        .iter()
        .enumerate()
        .skip(app.scroll())
        .take(usize::from(area_of_text.height))
    {
        let style = theme.line(line.kind);
        let text = app.line_text(line);
        let mut spans = Vec::new();
        let mut at = 0;
        for h in highlights.iter().filter(|h| h.line == row) {
            let (start, end) = (h.start.max(at).min(text.len()), h.end.min(text.len()));
            if start >= end {
                continue;
            }
            spans.push(Span::styled(&text[at..start], style));
            let lit = if h.current {
                Element::CurrentMatch
            } else {
                Element::Match
            };
            spans.push(Span::styled(&text[start..end], style.patch(theme.get(lit))));
            at = end;
        }
        spans.push(Span::styled(&text[at..], style));
        let row = row - app.scroll();
        let row_area = Rect {
            y: area_of_text.y + row as u16,
            height: 1,
            ..area_of_text
        };
        Line::from(spans).render(row_area, buf);
    }
}
