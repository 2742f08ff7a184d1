//! The view: one small render function per area. Pure: the state in, cells out; it never
//! changes the state.

mod article;
mod headlines;
mod help;
mod status;
mod ticker;

use super::app::{App, Mode};
use ratatui::Frame;

/// Draws the whole screen for the state.
pub fn render(app: &App, frame: &mut Frame) {
    let areas = app.areas();
    let buf = frame.buffer_mut();
    ticker::render(app, areas.ticker, buf);
    headlines::render(app, areas.list, buf);
    article::render(app, areas.story, buf);
    status::render(app, areas.status, buf);
    if let Mode::Help { scroll } = app.mode() {
        help::render(app, *scroll, frame.area(), frame.buffer_mut());
    }
}
