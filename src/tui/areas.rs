//! Screen geometry: which area each part of the reader takes at a size. Pure, shared by the
//! app state (to clamp scrolling and resolve clicks) and the view (to draw).

use ratatui::layout::Rect;

/// Below this width, one pane at a time.
pub const NARROW_BELOW: u16 = 70;

/// The areas of one screen. An area that has no room is empty (zero width or height).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub ticker: Rect,
    pub list: Rect,
    pub story: Rect,
    pub status: Rect,
}

impl Areas {
    /// The areas at `width`×`height`. With `narrow` set by the width, only one of list and
    /// story is non-empty, chosen by `story_shown`.
    pub fn new(width: u16, height: u16, has_ticker: bool, story_shown: bool) -> Areas {
        let screen = Rect::new(0, 0, width, height);
        let ticker_rows = u16::from(has_ticker && height >= 4);
        let status_rows = u16::from(height >= 3);
        let body = Rect {
            y: ticker_rows,
            height: height.saturating_sub(ticker_rows + status_rows),
            ..screen
        };
        let ticker = Rect {
            height: ticker_rows,
            ..screen
        };
        let status = Rect {
            y: height.saturating_sub(status_rows),
            height: status_rows,
            ..screen
        };
        let (list, story) = if Areas::is_narrow(width) {
            if story_shown {
                (Rect { width: 0, ..body }, body)
            } else {
                (body, Rect { width: 0, ..body })
            }
        } else {
            let list_width = (width / 3).max(28);
            let list = Rect {
                width: list_width,
                ..body
            };
            let story = Rect {
                x: list_width,
                width: width - list_width,
                ..body
            };
            (list, story)
        };
        Areas {
            ticker,
            list,
            story,
            status,
        }
    }

    pub fn is_narrow(width: u16) -> bool {
        width < NARROW_BELOW
    }
}

/// The inside of a bordered pane.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// Where a story's text goes in the story pane: inside the border, a column of margin each
/// side when the pane is wide enough to spare it, and at most `max_width` columns (a
/// readable measure on a wide terminal).
pub fn story_text(area: Rect, max_width: u16) -> Rect {
    let inside = inner(area);
    let text = if inside.width >= 20 {
        Rect {
            x: inside.x + 1,
            width: inside.width - 2,
            ..inside
        }
    } else {
        inside
    };
    Rect {
        width: text.width.min(max_width.max(1)),
        ..text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_have_two_panes_a_third_for_the_list() {
        let a = Areas::new(120, 40, true, false);
        assert_eq!(a.ticker, Rect::new(0, 0, 120, 1));
        assert_eq!(a.list, Rect::new(0, 1, 40, 38));
        assert_eq!(Areas::new(80, 24, true, false).list.width, 28);
        assert_eq!(a.story, Rect::new(40, 1, 80, 38));
        assert_eq!(a.status, Rect::new(0, 39, 120, 1));
    }

    #[test]
    fn narrow_screens_show_one_pane() {
        let list = Areas::new(50, 20, true, false);
        assert_eq!(list.list.width, 50);
        assert_eq!(list.story.width, 0);
        let story = Areas::new(50, 20, true, true);
        assert_eq!(story.story.width, 50);
        assert_eq!(story.list.width, 0);
    }

    #[test]
    fn no_ticker_without_rates_and_tiny_screens_keep_what_fits() {
        assert_eq!(Areas::new(80, 24, false, false).ticker.height, 0);
        let tiny = Areas::new(1, 1, true, false);
        assert_eq!((tiny.ticker.height, tiny.status.height), (0, 0));
        assert_eq!(tiny.list, Rect::new(0, 0, 1, 1));
        let none = Areas::new(0, 0, true, false);
        assert_eq!(none.list.area(), 0);
    }
}
