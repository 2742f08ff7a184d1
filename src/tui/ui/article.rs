//! The story pane: the selected story, wrapped to the pane, scrolled, searched.

use super::theme::Theme;
use crate::text::search::find_all;
use crate::text::wrap::truncate;
use crate::tui::app::{App, Focus};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let glyphs = app.options.glyphs;
    let Some(article) = app.bulletin.articles.get(app.selected) else {
        Block::bordered()
            .border_set(glyphs.border())
            .border_style(theme.border(false))
            .render(area, buf);
        return;
    };
    let room = usize::from(area.width.saturating_sub(4));
    let ell = glyphs.ellipsis();
    let position = format!(
        " {}/{} {} {}% ",
        app.selected + 1,
        app.bulletin.articles.len(),
        glyphs.separator(),
        app.percent_read()
    );
    let block = Block::bordered()
        .border_set(glyphs.border())
        .border_style(theme.border(app.focus == Focus::Story))
        .title(format!(" {} ", truncate(&article.headline, room, ell)))
        .title_bottom(Line::from(truncate(&position, room + 2, ell)).right_aligned());
    let inner = crate::tui::areas::story_text(area);
    block.render(area, buf);
    let query = app.search.query.as_str();
    let lines = app.story_lines();
    for (row, line) in lines
        .iter()
        .skip(app.scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let style = theme.line(line.kind);
        let mut spans = Vec::new();
        let mut at = 0;
        for (start, end) in find_all(&line.text, query) {
            spans.push(Span::styled(&line.text[at..start], style));
            spans.push(Span::styled(
                &line.text[start..end],
                style.patch(theme.hit()),
            ));
            at = end;
        }
        spans.push(Span::styled(&line.text[at..], style));
        let row_area = Rect {
            y: inner.y + row as u16,
            height: 1,
            ..inner
        };
        Line::from(spans).render(row_area, buf);
    }
}
