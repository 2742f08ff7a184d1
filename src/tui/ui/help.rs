//! The help overlay: every key.

use super::theme::Theme;
use crate::text::glyphs::Glyphs;
use crate::text::wrap::truncate;
use crate::tui::keymap::HELP;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

const KEY_COLUMN: usize = 16;

pub fn render(theme: &Theme, glyphs: Glyphs, screen: Rect, buf: &mut Buffer) {
    let want_w = (KEY_COLUMN + 32 + 4) as u16;
    let want_h = HELP.len() as u16 + 2;
    let width = want_w.min(screen.width);
    let height = want_h.min(screen.height);
    if width == 0 || height == 0 {
        return;
    }
    let area = Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    };
    // A wide character just left of the box would cover its first column: blank it, or a
    // terminal would erase the box's border when the character is drawn (and vice versa).
    if area.x > 0 {
        for y in area.top()..area.bottom() {
            let cell = &mut buf[(area.x - 1, y)];
            if crate::text::wrap::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_set(glyphs.border())
        .border_style(theme.border(true))
        .title(" Keys ")
        .title_bottom(Line::from(" ? Esc q close ").right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    let cols = usize::from(inner.width.saturating_sub(1));
    for (row, (keys, what)) in HELP.iter().take(usize::from(inner.height)).enumerate() {
        let key = format!("{keys:<KEY_COLUMN$}");
        let line = Line::from(vec![
            Span::styled(truncate(&key, cols, ""), theme.key()),
            Span::raw(truncate(what, cols.saturating_sub(KEY_COLUMN), "…")),
        ]);
        let row_area = Rect {
            x: inner.x + 1.min(inner.width),
            y: inner.y + row as u16,
            width: inner.width.saturating_sub(1),
            height: 1,
        };
        line.render(row_area, buf);
    }
}
