//! The help overlay: the help's lines painted in their box, scrolled.

use crate::config::theme::Element;
use crate::text::wrap::{truncate, width};
use crate::tui::app::App;
use crate::tui::help::{entries, help_area, keys_width, rows, text_width, Row};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

pub fn render(app: &App, scroll: usize, screen: Rect, buf: &mut Buffer) {
    let area = help_area(screen, app.keymap());
    if area.is_empty() {
        return;
    }
    let theme = app.theme();
    let glyphs = app.settings().glyphs;
    // A wide character just left of the box would cover its first column: blank it, or a
    // terminal would erase the box's border when the character is drawn (and vice versa).
    if area.x > 0 {
        for y in area.top()..area.bottom() {
            let cell = &mut buf[(area.x - 1, y)];
            if width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    Clear.render(area, buf);
    let cols = text_width(area.width);
    let rows = rows(app.keymap(), cols);
    let inner_rows = usize::from(area.height.saturating_sub(2));
    let close = app
        .keymap()
        .hint(&[crate::tui::action::Action::Help])
        .map_or(String::new(), |k| format!(" {k} close "));
    let position = if rows.len() > inner_rows {
        let last = (scroll + inner_rows).min(rows.len());
        format!(" {}-{last} of {} ", scroll + 1, rows.len())
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_set(glyphs.border())
        .border_style(theme.border(true))
        .title(" Keys ")
        .title_bottom(Line::from(format!("{position}{close}")).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    // Text keeps a column off each border.
    let text = super::padded(inner);
    let keys_w = keys_width(&entries(app.keymap())).min(cols);
    let ell = glyphs.ellipsis();
    let key_style = theme.get(Element::Key);
    for (i, row) in rows
        .iter()
        .skip(scroll)
        .take(usize::from(text.height))
        .enumerate()
    {
        let line = match row {
            Row::Blank => Line::default(),
            Row::Heading(h) => Line::from(Span::styled(
                truncate(h, cols, ell),
                theme.get(Element::Status),
            )),
            Row::Does(does) => {
                Line::from(format!("  {}", truncate(does, cols.saturating_sub(2), ell)))
            }
            Row::Keys(keys, does) => {
                let keys = truncate(keys, keys_w.max(width(keys).min(cols)), ell);
                let pad = " ".repeat(keys_w.saturating_sub(width(&keys)) + 2);
                let room = cols.saturating_sub(keys_w + 2);
                Line::from(vec![
                    Span::styled(keys, key_style),
                    Span::raw(pad),
                    Span::raw(truncate(does, room, ell)),
                ])
            }
        };
        let row_area = Rect {
            y: text.y + i as u16,
            height: 1,
            ..text
        };
        line.render(row_area, buf);
    }
}
