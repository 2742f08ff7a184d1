//! The view: one small render function per area. Pure: the state in, cells out; it never
//! changes the state.

mod article;
mod headlines;
mod help;
mod status;
pub mod theme;
mod ticker;

use crate::tui::app::App;
use ratatui::Frame;

/// Draws the whole screen for the state.
pub fn render(app: &App, frame: &mut Frame) {
    let areas = app.areas();
    let theme = theme::Theme::new(app.options.color);
    ticker::render(app, &theme, areas.ticker, frame.buffer_mut());
    headlines::render(app, &theme, areas.list, frame.buffer_mut());
    article::render(app, &theme, areas.story, frame.buffer_mut());
    status::render(app, &theme, areas.status, frame.buffer_mut());
    if app.help {
        help::render(&theme, app.options.glyphs, frame.area(), frame.buffer_mut());
    }
}
