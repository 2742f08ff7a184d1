//! The view: one small render function per area. Pure: the state in, cells out; it never
//! changes the state.

mod article;
mod headlines;
mod help;
mod status;
pub mod theme;
mod ticker;

use crate::app::App;
use crate::wrap::width;
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

/// `text` cut to at most `cols` display columns, ending in `ellipsis` when cut; never
/// through a wide character.
pub fn truncate(text: &str, cols: usize, ellipsis: &str) -> String {
    if width(text) <= cols {
        return text.to_owned();
    }
    let room = cols.saturating_sub(width(ellipsis));
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    if width(ellipsis) <= cols {
        out.push_str(ellipsis);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_ends_in_an_ellipsis_at_a_character_boundary() {
        assert_eq!(truncate("Drop in Gold Sales", 10, "…"), "Drop in G…");
        assert_eq!(truncate("Short", 10, "…"), "Short");
        assert_eq!(truncate("中国与哈萨克斯坦", 6, "…"), "中国…");
        assert_eq!(truncate("中国与哈萨克斯坦", 5, "…"), "中国…");
        assert_eq!(truncate("abc", 0, "…"), "");
        assert_eq!(truncate("abcdef", 4, "..."), "a...");
    }
}
