//! The view: one small render function per area. Pure: the state in, cells out; it never
//! changes the state.

mod archive;
mod article;
mod headlines;
mod help;
mod messages;
mod rates;
mod status;
mod ticker;

use super::app::{App, Mode};
use ratatui::Frame;

/// Draws the whole screen for the state.
/// The hyperlinks of the screen: the story's headline, as a link to its page, when the
/// story has an http(s) address and the story pane shows it (not under an overlay).
pub fn links(app: &App) -> Vec<crate::term::backend::Link> {
    if !app.settings().links || !matches!(app.mode(), Mode::Reading | Mode::Prompt(_)) {
        return Vec::new();
    }
    let Some(url) = app
        .bulletin()
        .articles
        .get(app.selected())
        .and_then(|a| a.url.as_deref())
        .and_then(crate::model::clean_url)
    else {
        return Vec::new();
    };
    let area = app.story_area();
    if area.is_empty() {
        return Vec::new();
    }
    app.story_lines()
        .iter()
        .enumerate()
        .skip(app.scroll())
        .take(usize::from(area.height))
        .filter(|(_, line)| line.kind == crate::text::layout::LineKind::Headline)
        .map(|(i, line)| crate::term::backend::Link {
            x: area.x,
            y: area.y + (i - app.scroll()) as u16,
            width: (unicode_width::UnicodeWidthStr::width(app.line_text(line)) as u16)
                .min(area.width),
            url: url.clone(),
        })
        .collect()
}

/// The text area inside a bordered overlay: a column off each border.
fn padded(inner: ratatui::layout::Rect) -> ratatui::layout::Rect {
    ratatui::layout::Rect {
        x: inner.x + 1.min(inner.width),
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

pub fn render(app: &App, frame: &mut Frame) {
    let areas = app.areas();
    let buf = frame.buffer_mut();
    ticker::render(app, areas.ticker, buf);
    match app.mode() {
        // The rates in the story's place (the list's, when the story has no room).
        Mode::Rates(view) => {
            let area = if areas.story.is_empty() {
                areas.list
            } else {
                areas.story
            };
            if area == areas.story {
                headlines::render(app, areas.list, buf);
            }
            rates::render(app, view, area, buf);
        }
        _ => {
            headlines::render(app, areas.list, buf);
            article::render(app, areas.story, buf);
        }
    }
    status::render(app, areas.status, buf);
    let screen = frame.area();
    let buf = frame.buffer_mut();
    match app.mode() {
        Mode::Help { scroll } => help::render(app, *scroll, screen, buf),
        Mode::Days { days, selected } => archive::days(app, days, *selected, screen, buf),
        Mode::Found {
            words,
            results,
            selected,
        } => archive::found(app, words, results, *selected, screen, buf),
        Mode::Messages { scroll } => messages::render(app, *scroll, buf),
        _ => {}
    }
}
