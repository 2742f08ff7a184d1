//! The archive's boxes over the reader: the list of days to pick one, and the stories a
//! search of every day found (date, headline, a snippet with the match marked).

use crate::archive::{DayInfo, Found};
use crate::config::theme::Element;
use crate::text::glyphs::Glyphs;
use crate::text::wrap::{thousands, truncate, width};
use crate::tui::action::Action;
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

/// The box: centred, `want` columns wide at most, the screen's height less the ticker and
/// the status line (or as many rows as it needs).
fn boxed(screen: Rect, want: u16, rows: usize) -> Rect {
    let width = want
        .min(screen.width.saturating_sub(4))
        .max(screen.width.min(20));
    // Inside the panes' borders (the ticker and a border above, a border and the status
    // line below), where there is room.
    let top = match screen.height {
        h if h >= 12 => 2,
        h if h >= 6 => 1,
        _ => 0,
    };
    let room = screen.height.saturating_sub(2 * top);
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX).min(room);
    Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + top,
        width,
        height,
    }
}

/// The first row to show so that `selected` is in view, and kept near the middle.
fn offset(selected: usize, rows: usize, total: usize) -> usize {
    if total <= rows {
        return 0;
    }
    selected.saturating_sub(rows / 2).min(total - rows)
}

fn frame(app: &App, title: String, bottom: String, area: Rect, buf: &mut Buffer) -> Rect {
    let glyphs = app.settings().glyphs;
    let ell = glyphs.ellipsis();
    let room = usize::from(area.width.saturating_sub(4));
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_set(glyphs.border())
        .border_style(app.theme().border(true))
        .title(truncate(&title, room, ell))
        .title_bottom(Line::from(truncate(&bottom, room, ell)).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    super::padded(inner)
}

fn keys(app: &App, what: &[(&[Action], &str)]) -> String {
    what.iter()
        .filter_map(|(a, w)| Some(format!(" {} {w} ", app.keymap().hint(a)?)))
        .collect()
}

/// The list of days: date, stories, unread, rates; the day shown marked.
pub fn days(app: &App, days: &[DayInfo], selected: usize, screen: Rect, buf: &mut Buffer) {
    let area = boxed(screen, 60, days.len());
    if area.width < 4 || area.height < 3 {
        return;
    }
    let theme = app.theme();
    let glyphs = app.settings().glyphs;
    let sep = glyphs.separator();
    let title = format!(" Days {sep} {} ", thousands(days.len()));
    let bottom = keys(
        app,
        &[(&[Action::Open], "open"), (&[Action::Back], "close")],
    );
    let text = frame(app, title, bottom, area, buf);
    let rows = usize::from(text.height);
    let first = offset(selected, rows, days.len());
    let cols = usize::from(text.width);
    for (i, day) in days.iter().enumerate().skip(first).take(rows) {
        let row = Rect {
            y: text.y + (i - first) as u16,
            height: 1,
            ..text
        };
        let shown = Some(day.date) == app.day();
        let mark = if i == selected { glyphs.marker() } else { "  " };
        let date = if cols >= 40 {
            day.date.long()
        } else {
            day.date.short()
        };
        let stories = match day.stories {
            1 => "1 story".to_owned(),
            n => format!("{} stories", thousands(n)),
        };
        let unread = match day.unread {
            0 => String::new(),
            n => format!("{} unread", thousands(n)),
        };
        let line = format!("{mark}{date:<17} {stories:>11}  {unread:>10}");
        let style = if i == selected {
            theme.selected(true)
        } else if day.unread > 0 {
            theme.get(Element::Unread)
        } else {
            Style::new()
        };
        if i == selected {
            buf.set_style(row, style);
        }
        let here = if shown {
            format!(" {sep} shown")
        } else {
            String::new()
        };
        Line::from(vec![
            Span::raw(truncate(&line, cols, glyphs.ellipsis())),
            Span::styled(here, theme.get(Element::Hint)),
        ])
        .style(style)
        .render(row, buf);
    }
}

/// Rows each result takes: its date and headline, its snippet, a blank.
const RESULT_ROWS: usize = 3;

/// The stories a search of every day found, best first.
pub fn found(
    app: &App,
    words: &str,
    results: &[Found],
    selected: usize,
    screen: Rect,
    buf: &mut Buffer,
) {
    let area = boxed(screen, 100, results.len() * RESULT_ROWS);
    if area.width < 6 || area.height < 4 {
        return;
    }
    let theme = app.theme();
    let glyphs = app.settings().glyphs;
    let ell = glyphs.ellipsis();
    let count = match results.len() {
        1 => "1 story".to_owned(),
        n if n >= crate::tui::asks::FOUND => format!("the best {} stories", thousands(n)),
        n => format!("{} stories", thousands(n)),
    };
    let quoted = match glyphs {
        Glyphs::Unicode => format!("“{words}”"),
        Glyphs::Ascii => format!("\"{}\"", crate::text::ascii::to_ascii(words)),
    };
    let title = format!(" {count} match {quoted} ");
    let bottom = keys(
        app,
        &[(&[Action::Open], "open"), (&[Action::Back], "close")],
    );
    let text = frame(app, title, bottom, area, buf);
    let cols = usize::from(text.width);
    let per_screen = (usize::from(text.height) / RESULT_ROWS).max(1);
    let first = offset(selected, per_screen, results.len());
    let mut y = text.y;
    for (i, hit) in results.iter().enumerate().skip(first) {
        if y >= text.bottom() {
            break;
        }
        let is_selected = i == selected;
        let mark = if is_selected { glyphs.marker() } else { "  " };
        let date = format!("{} ", hit.date.short());
        let room = cols.saturating_sub(width(mark) + width(&date));
        let headline = shown(&hit.headline, glyphs);
        let style = if is_selected {
            theme.selected(true)
        } else {
            theme.get(Element::Headline)
        };
        let row = Rect {
            y,
            height: 1,
            ..text
        };
        if is_selected {
            buf.set_style(row, style);
        }
        Line::from(vec![
            Span::raw(mark),
            Span::styled(date, theme.get(Element::ListDate)),
            Span::raw(truncate(&headline, room, ell)),
        ])
        .style(style)
        .render(row, buf);
        y += 1;
        if y >= text.bottom() {
            break;
        }
        let snippet = snippet(
            hit,
            cols.saturating_sub(2),
            glyphs,
            theme.get(Element::Match),
        );
        let mut spans = vec![Span::raw("  ")];
        spans.extend(snippet);
        Line::from(spans).render(
            Rect {
                y,
                height: 1,
                ..text
            },
            buf,
        );
        y += RESULT_ROWS as u16 - 1;
    }
}

/// Text as the terminal can show it, on one line.
fn shown(text: &str, glyphs: Glyphs) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match glyphs {
        Glyphs::Unicode => flat,
        Glyphs::Ascii => crate::text::ascii::to_ascii(&flat),
    }
}

/// A snippet in `cols` columns, its matches marked; begun a little before the first match
/// when the whole does not fit.
fn snippet(hit: &Found, cols: usize, glyphs: Glyphs, marked: Style) -> Vec<Span<'static>> {
    let text = &hit.snippet;
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    for &(start, end) in &hit.matches {
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        pieces.push((&text[at..start], false));
        pieces.push((&text[start..end], true));
        at = end;
    }
    pieces.push((&text[at..], false));
    let ell = glyphs.ellipsis();
    let mut out = Vec::new();
    let mut used = 0;
    for (piece, is_match) in pieces {
        let piece = shown(piece, glyphs);
        if piece.is_empty() {
            continue;
        }
        let left = cols.saturating_sub(used);
        if left == 0 {
            break;
        }
        let fits = width(&piece) <= left;
        let piece = if fits {
            piece
        } else {
            truncate(&piece, left, ell)
        };
        used += width(&piece);
        out.push(if is_match {
            Span::styled(piece, marked)
        } else {
            Span::raw(piece)
        });
        if !fits {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selected_row_is_kept_in_view_near_the_middle() {
        assert_eq!(offset(0, 10, 5), 0);
        assert_eq!(offset(3, 10, 100), 0);
        assert_eq!(offset(50, 10, 100), 45);
        assert_eq!(offset(99, 10, 100), 90);
    }

    #[test]
    fn a_snippet_marks_its_matches_and_is_cut_to_its_room() {
        let hit = Found {
            id: 1,
            date: crate::model::Date::parse_iso("2025-12-08").unwrap(),
            headline: "Gold".into(),
            snippet: "sold gold bars\nto the bank".into(),
            matches: vec![(5, 9)],
        };
        let red = Style::new().fg(ratatui::style::Color::Red);
        let spans = snippet(&hit, 80, Glyphs::Unicode, red);
        let texts: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == red))
            .collect();
        assert_eq!(
            texts,
            [
                ("sold ", false),
                ("gold", true),
                (" bars to the bank", false)
            ]
        );
        let spans = snippet(&hit, 10, Glyphs::Ascii, red);
        let all: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(all, "sold gold~");
        assert!(width(&all) <= 10);
    }
}
