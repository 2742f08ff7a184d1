//! The status line: the search being typed, a message, or the keys that matter now, their
//! names taken from the keymap in force.

use crate::config::theme::Element;
use crate::text::wrap::{truncate, width};
use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Mode};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = app.theme();
    let cols = usize::from(area.width.saturating_sub(1));
    // A sentence in the status line's style, cut to the line.
    let said = |text: &str| {
        Line::from(Span::styled(
            truncate(text, cols, ""),
            theme.get(Element::Status),
        ))
    };
    let line = match (app.mode(), app.message()) {
        (Mode::Prompt(prompt), _) => {
            let text = prompt.text();
            let (before, after) = text.split_at(prompt.cursor());
            let mut chars = after.chars();
            let at = chars.next().map_or(" ".to_owned(), String::from);
            let prefix = if prompt.is_archive() {
                "every day/"
            } else {
                "/"
            };
            // Keep the cursor in view: cut the text before it from the left.
            let room = cols.saturating_sub(width(prefix) + width(&at));
            let before = tail(before, room);
            let after_room = room.saturating_sub(width(&before));
            Line::from(vec![
                Span::styled(prefix, theme.get(Element::Key)),
                Span::raw(before),
                Span::styled(
                    at,
                    theme.get(Element::Status).add_modifier(Modifier::REVERSED),
                ),
                Span::raw(truncate(chars.as_str(), after_room, "")),
            ])
        }
        (_, Some(message)) => {
            let message = match app.settings().glyphs {
                crate::text::glyphs::Glyphs::Ascii => crate::text::ascii::to_ascii(message),
                crate::text::glyphs::Glyphs::Unicode => message.to_owned(),
            };
            // Too long for the line: its start, and the key that shows it whole.
            let text = if width(&message) > cols {
                let more = app
                    .keymap()
                    .hint(&[Action::Messages])
                    .map_or(String::new(), |k| format!(" ({k}: all of it)"));
                let ell = app.settings().glyphs.ellipsis();
                let room = cols.saturating_sub(width(&more));
                format!("{}{more}", truncate(&message, room, ell))
            } else {
                message
            };
            said(&text)
        }
        (Mode::Reading, None) if app.fetching() => said("fetching the sources…"),
        _ => match app.clipped() {
            Some((w, h)) => {
                let (drawn_w, drawn_h) = app.size();
                said(&format!(
                    "the terminal is {w}x{h}: only {drawn_w}x{drawn_h} is drawn"
                ))
            }
            None => hints(app, cols),
        },
    };
    let area = Rect {
        x: area.x + 1.min(area.width),
        width: area.width.saturating_sub(1),
        ..area
    };
    line.render(area, buf);
}

/// The last `cols` columns of `text`.
fn tail(text: &str, cols: usize) -> String {
    let mut used = 0;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > cols {
            break;
        }
        start = i;
    }
    text[start..].to_owned()
}

/// The keys that matter in the current state, as many as fit; help and quit are the last
/// to go.
fn hints(app: &App, cols: usize) -> Line<'static> {
    use Action::*;
    let stories = app.bulletin().articles.len();
    let in_story = app.focus() == Focus::Story;
    let groups: Vec<(&[Action], &str)> = match app.mode() {
        Mode::Help { .. } => vec![
            (&[NextStory, PrevStory], "scroll"),
            (&[PageDown], "page"),
            (&[Help], "close"),
        ],
        Mode::Messages { .. } => vec![
            (&[NextStory, PrevStory], "scroll"),
            (&[CopyLink], "copy the address"),
            (&[Back], "close"),
        ],
        Mode::Days { .. } | Mode::Found { .. } => vec![
            (&[NextStory, PrevStory], "move"),
            (&[Open], "open"),
            (&[Back], "close"),
        ],
        Mode::Rates(view) if view.chart => vec![
            (&[NextStory, PrevStory], "pair"),
            (&[RangeMonth, RangeQuarter, RangeYear, RangeAll], "range"),
            (&[Back], "all pairs"),
            (&[Quit], "quit"),
        ],
        Mode::Rates(_) => vec![
            (&[NextStory, PrevStory], "pair"),
            (&[Open], "chart"),
            (&[RangeMonth, RangeQuarter, RangeYear, RangeAll], "range"),
            (&[Back], "close"),
            (&[Quit], "quit"),
        ],
        _ if in_story => vec![
            (&[NextStory, PrevStory], "scroll"),
            (&[PageDown, PageUp], "page"),
            (&[OpenNextStory, OpenPrevStory], "story"),
            (&[Back], "back"),
            (&[Search], "search"),
            (&[Help], "help"),
            (&[Quit], "quit"),
        ],
        _ => {
            let mut g: Vec<(&[Action], &str)> = Vec::new();
            if stories > 1 {
                g.push((&[NextStory, PrevStory], "story"));
            }
            if stories > 0 {
                g.push((&[Open], "read"));
                if !app.is_narrow() {
                    g.push((&[PageDown, PageUp], "page"));
                }
                g.push((&[Search], "search"));
            }
            if app.has_archive() {
                if app.unread() > 0 || app.day().is_some() {
                    g.push((&[NextUnread], "unread"));
                }
                g.push((&[PrevDay, NextDay], "day"));
                g.push((&[Days], "days"));
            }
            if !app.bulletin().rates.is_empty() {
                g.push((&[Rates], "rates"));
            }
            if app.ticker_moves() || app.ticker_paused() {
                g.push((&[ToggleTicker], "ticker"));
            }
            g.extend([(&[Help][..], "help"), (&[Quit][..], "quit")]);
            g
        }
    };
    let keymap = app.keymap();
    let shown: Vec<(String, &str)> = groups
        .iter()
        .filter_map(|(actions, what)| Some((keymap.hint(actions)?, *what)))
        .collect();
    let cost = |(key, what): &(String, &str)| width(key) + 1 + width(what) + 2;
    // The last two (help and quit, or close) are kept; the others fill the room left.
    let kept_from = shown.len().saturating_sub(2);
    let mut room = (cols + 2).saturating_sub(shown[kept_from..].iter().map(cost).sum());
    let mut chosen = Vec::new();
    let mut full = false;
    for (i, hint) in shown.iter().enumerate() {
        if i >= kept_from {
            chosen.push(hint);
        } else if !full && cost(hint) <= room {
            room -= cost(hint);
            chosen.push(hint);
        } else {
            full = true;
        }
    }
    let theme = app.theme();
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, what) in chosen {
        if used + cost(&(key.clone(), what)) > cols + 2 {
            break;
        }
        used += cost(&(key.clone(), what));
        spans.push(Span::styled(key.clone(), theme.get(Element::Key)));
        spans.push(Span::styled(format!(" {what}  "), theme.get(Element::Hint)));
    }
    Line::from(spans)
}
