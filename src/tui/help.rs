//! The help's content and place: every bound key of the keymap in force, as lines for a
//! width, and the box they go in. Shared by the state (to scroll it) and the view (to draw).

use super::action::KeyMode;
use super::keymap::{Keymap, TABLE};
use crate::text::wrap::width;
use ratatui::layout::Rect;

/// The widest the keys column grows.
const KEYS_MAX: usize = 22;
/// The widest the box grows.
const BOX_MAX: u16 = 72;
/// Below this many columns for what a key does, each key's text goes on a line of its own.
const TEXT_MIN: usize = 24;

/// One line of the help.
pub enum Row {
    /// Keys, and what they do beside them (or below, when narrow).
    Keys(String, &'static str),
    /// What the keys above do, on a line of its own.
    Does(&'static str),
    Heading(&'static str),
    Blank,
}

/// The help's lines for a text width of `cols`.
pub fn rows(keymap: &Keymap, cols: usize) -> Vec<Row> {
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
pub fn entries(keymap: &Keymap) -> Vec<(Option<String>, &'static str)> {
    let mut entries = Vec::new();
    for mode in [KeyMode::Reader, KeyMode::Prompt] {
        if mode == KeyMode::Prompt {
            entries.push((None, ""));
            entries.push((None, "While typing a search:"));
        }
        for e in TABLE.iter().filter(|e| e.action.mode() == mode) {
            if e.action == super::action::Action::PrevDay {
                entries.push((None, ""));
                entries.push((None, "The archive (days, read state, rates):"));
            }
            if e.action == super::action::Action::Fetch {
                entries.push((None, ""));
                entries.push((None, "The web (sources and links):"));
            }
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

pub fn keys_width(entries: &[(Option<String>, &str)]) -> usize {
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
pub fn text_width(box_width: u16) -> usize {
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
