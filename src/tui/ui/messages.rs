//! The messages overlay: every message of the session, whole and wrapped, newest last.

use crate::tui::action::Action;
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

pub fn render(app: &App, scroll: usize, buf: &mut Buffer) {
    let area = app.messages_area().intersection(buf.area);
    if area.width < 3 || area.height < 3 {
        return;
    }
    let theme = app.theme();
    Clear.render(area, buf);
    let lines = app.messages_lines();
    let rows = usize::from(area.height - 2);
    let keys = |actions: &[Action], what: &str| {
        app.keymap()
            .hint(actions)
            .map_or(String::new(), |k| format!(" {k} {what} "))
    };
    let position = if lines.len() > rows {
        format!(
            " {}-{} of {} ",
            scroll + 1,
            (scroll + rows).min(lines.len()),
            lines.len()
        )
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_set(app.settings().glyphs.border())
        .border_style(theme.border(true))
        .title(" Messages ")
        .title_bottom(
            Line::from(format!(
                "{position}{}{}",
                keys(&[Action::CopyLink], "copy the address"),
                keys(&[Action::Back], "close")
            ))
            .right_aligned(),
        );
    let inner = block.inner(area);
    block.render(area, buf);
    let text = super::padded(inner);
    for (i, line) in lines
        .iter()
        .skip(scroll)
        .take(usize::from(text.height))
        .enumerate()
    {
        buf.set_stringn(
            text.x,
            text.y + i as u16,
            line,
            usize::from(text.width),
            ratatui::style::Style::default(),
        );
    }
}
