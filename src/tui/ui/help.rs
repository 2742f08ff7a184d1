//! The help overlay: every key of the keymap in force, scrolled when it does not fit.

use crate::config::theme::Element;
use crate::text::wrap::{truncate, width};
use crate::tui::action::KeyMode;
use crate::tui::app::App;
use crate::tui::keymap::{Keymap, TABLE};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

/// The widest the keys column grows.
const KEYS_MAX: usize = 22;
/// The widest the box grows.
const BOX_MAX: u16 = 72;
/// Below this many columns for what a key does, each key's text goes on a line of its own.
const TEXT_MIN: usize = 24;

/// One line of the help.
enum Row {
    /// Keys, and what they do beside them (or below, when narrow).
    Keys(String, &'static str),
    /// What the keys above do, on a line of its own.
    Does(&'static str),
    Heading(&'static str),
    Blank,
}

/// The help's lines for a text width of `cols`.
fn rows(keymap: &Keymap, cols: usize) -> Vec<Row> {
    let entries = entries(keymap);
    let keys_w = keys_width(&entries);
    let stacked = cols < keys_w + 2 + TEXT_MIN;
    let mut rows = Vec::new();
    for entry in entries {
        match entry {
            (None, "") => rows.push(Row::Blank),
            (None, heading) => rows.push(Row::Heading(heading)),
            (Some(keys), does) if stacked => {
                rows.push(Row::Keys(keys, ""));
                rows.push(Row::Does(does));
            }
            (Some(keys), does) => rows.push(Row::Keys(keys, does)),
        }
    }
    rows
}

/// Every bound action's keys and what it does, by mode, with the headings between.
fn entries(keymap: &Keymap) -> Vec<(Option<String>, &'static str)> {
    let mut entries = Vec::new();
    for mode in [KeyMode::Reader, KeyMode::Prompt] {
        if mode == KeyMode::Prompt {
            entries.push((None, ""));
            entries.push((None, "While typing a search:"));
        }
        for e in TABLE.iter().filter(|e| e.action.mode() == mode) {
            let keys = keymap.keys_text(e.action);
            if !keys.is_empty() {
                entries.push((Some(keys), e.does));
            }
        }
        if mode == KeyMode::Reader {
            entries.push((Some("mouse".into()), "the wheel scrolls, a click selects"));
        }
    }
    entries
}

fn keys_width(entries: &[(Option<String>, &str)]) -> usize {
    entries
        .iter()
        .filter_map(|(k, _)| k.as_deref().map(width))
        .max()
        .unwrap_or(0)
        .min(KEYS_MAX)
}

/// How many lines the help has on a screen, for scrolling it.
pub fn help_row_count(keymap: &Keymap, screen: Rect) -> usize {
    rows(keymap, text_width(box_width(screen))).len()
}

fn box_width(screen: Rect) -> u16 {
    BOX_MAX.min(screen.width)
}

/// The columns for text inside a box: a border and a column of margin each side.
fn text_width(box_width: u16) -> usize {
    usize::from(box_width.saturating_sub(4))
}

/// Where the help's box goes on a screen: centred, as tall as its lines or the screen.
pub fn help_area(screen: Rect, keymap: &Keymap) -> Rect {
    let width = box_width(screen);
    let rows = u16::try_from(help_row_count(keymap, screen) + 2).unwrap_or(u16::MAX);
    let height = rows.min(screen.height);
    Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    }
}

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
    let text = Rect {
        x: inner.x + 1.min(inner.width),
        width: inner.width.saturating_sub(2),
        ..inner
    };
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
