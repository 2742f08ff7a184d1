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
    /// The areas at `width`×`height`. Below [`NARROW_BELOW`] columns only one of list and
    /// story is non-empty, chosen by `story_shown`; above, the list takes a third of the
    /// screen: its width depends on the screen, never on the day's headlines, so that the
    /// layout stays put from day to day.
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
            let list_width = list_width(width);
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

/// The narrowest list beside a story.
const LIST_MIN: u16 = 28;

/// The list's width beside a story: a third of the screen, never less than [`LIST_MIN`]
/// nor more than two fifths (headlines that need more take two lines).
fn list_width(width: u16) -> u16 {
    (width / 3).max(LIST_MIN).min((width * 2 / 5).max(LIST_MIN))
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
    // The measure centred in a pane wider than it, as a page is.
    let width = text.width.min(max_width.max(1));
    Rect {
        x: text.x + (text.width - width) / 2,
        width,
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
        assert_eq!(a.story, Rect::new(40, 1, 80, 38));
        assert_eq!(a.status, Rect::new(0, 39, 120, 1));
    }

    #[test]
    fn the_list_is_a_third_of_the_screen_whatever_the_headlines() {
        let list = |width| Areas::new(width, 40, true, false).list.width;
        assert_eq!(list(120), 40);
        assert_eq!(list(80), 28, "never narrower than 28");
        assert_eq!(list(70), 28);
        assert_eq!(list(200), 66);
    }

    #[test]
    fn the_measure_is_centred_in_a_wide_story_pane() {
        let pane = Rect::new(80, 1, 120, 38);
        let text = story_text(pane, 100);
        assert_eq!(
            (text.x, text.width),
            (80 + 1 + 1 + 8, 100),
            "8 columns either side"
        );
        let narrow = story_text(Rect::new(40, 1, 80, 38), 100);
        assert_eq!(
            (narrow.x, narrow.width),
            (42, 76),
            "no room to spare: as before"
        );
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
