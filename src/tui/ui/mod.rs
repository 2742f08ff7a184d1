//! The view: one small render function per area. Pure: the state in, cells out; it never
//! changes the state.

mod archive;
mod article;
mod headlines;
mod help;
mod rates;
mod status;
mod ticker;

use super::app::{App, Mode};
use ratatui::Frame;

/// Draws the whole screen for the state.
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
        _ => {}
    }
}
