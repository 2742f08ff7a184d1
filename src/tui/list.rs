//! The list of headlines as lines: each headline wrapped at words to the list's width, in
//! two lines at most beside a story (the second cut with an ellipsis), in full when the list
//! has the screen to itself. Pure; shared by the state (to keep the selection in view and
//! resolve clicks) and the view (to draw).

use crate::model::Date;
use crate::text::wrap::{truncate, width, wrap_text};

/// Columns before a headline's text: the selection mark.
pub const MARK: usize = 2;
/// Columns of a date before a headline's text, when the stories' dates differ: `08 Dec `.
pub const DATE: usize = 7;

/// How the headlines are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListShape {
    /// Columns inside the pane's border.
    pub cols: usize,
    /// Lines a headline may take (`None`: as many as it needs).
    pub max_lines: Option<usize>,
    /// Whether each headline is led by its date.
    pub dates: bool,
}

impl ListShape {
    /// Columns before the text of a headline.
    pub fn prefix(&self) -> usize {
        MARK + if self.dates { DATE } else { 0 }
    }

    /// Columns for a headline's text: after the prefix, a column short of the border.
    fn room(&self) -> usize {
        self.cols.saturating_sub(self.prefix() + 1).max(1)
    }

    /// The lines of a headline's text (without the mark and date).
    pub fn lines(&self, headline: &str, ellipsis: &str) -> Vec<String> {
        let room = self.room();
        let wrapped = wrap_text(headline, room);
        let max = self.max_lines.unwrap_or(usize::MAX).max(1);
        if wrapped.len() <= max {
            return wrapped.into_iter().map(|l| l.into_owned()).collect();
        }
        let mut lines: Vec<String> = wrapped[..max - 1].iter().map(|l| l.to_string()).collect();
        // The last line holds the rest of the headline, cut.
        let rest: Vec<&str> = wrapped[max - 1..].iter().map(|l| l.as_ref()).collect();
        lines.push(cut(&rest.join(" "), room, ellipsis));
        lines
    }

    /// How many lines a headline takes.
    pub fn height(&self, headline: &str) -> usize {
        if width(headline) <= self.room() || self.max_lines == Some(1) {
            return 1;
        }
        self.lines(headline, "…").len()
    }
}

/// `text` cut to `cols` columns with an ellipsis: at the end of a word when one ends in the
/// second half of the room, and no space left before the ellipsis.
pub fn cut(text: &str, cols: usize, ellipsis: &str) -> String {
    if width(text) <= cols {
        return text.to_owned();
    }
    let room = cols.saturating_sub(width(ellipsis));
    let kept = truncate(text, room, "");
    let mid_word = text[kept.len()..].starts_with(|c: char| !c.is_whitespace());
    let kept = match kept.rfind(' ') {
        Some(space) if mid_word && width(&kept[..space]) > room / 2 => &kept[..space],
        _ => kept.as_str(),
    };
    let mut out = kept.trim_end().to_owned();
    out.push_str(ellipsis);
    out
}

/// The date before a headline in the list: `08 Dec`.
pub fn list_date(date: Option<Date>) -> String {
    date.map_or_else(|| " ".repeat(DATE - 1), |d| d.day_month())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: &str = "Universities of Kazakhstan and China to Cooperate on Microsatellite Launch";

    #[test]
    fn a_headline_that_does_not_fit_takes_two_lines_cut_at_words() {
        let shape = ListShape {
            cols: 31,
            max_lines: Some(2),
            dates: false,
        };
        let lines = shape.lines(LONG, "…");
        assert_eq!(
            lines,
            ["Universities of Kazakhstan", "and China to Cooperate on…"]
        );
        assert!(lines.iter().all(|l| width(l) <= 28));
        assert_eq!(shape.height(LONG), 2);
        assert_eq!(shape.height("Short One"), 1);
    }

    #[test]
    fn alone_on_the_screen_a_headline_is_wrapped_in_full() {
        let shape = ListShape {
            cols: 31,
            max_lines: None,
            dates: false,
        };
        let lines = shape.lines(LONG, "…");
        assert_eq!(lines.concat().replace(' ', ""), LONG.replace(' ', ""));
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn no_space_before_an_ellipsis() {
        assert_eq!(cut("Pork from Kazakhstan", 11, "…"), "Pork from…");
        assert_eq!(cut("Pork from Kazakhstan", 15, "…"), "Pork from…");
        assert_eq!(cut("Supercalifragilistic", 8, "…"), "Superca…");
        assert_eq!(cut("Short", 11, "…"), "Short");
    }

    #[test]
    fn dates_in_the_list_read_as_day_and_month() {
        assert_eq!(list_date(Date::new(2026, 1, 12)), "12 Jan");
        assert_eq!(list_date(None), "      ");
    }
}
