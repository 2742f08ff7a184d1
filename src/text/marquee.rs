//! The rates as text: the label of one rate, and the marquee of the ticker bar.

use crate::model::{Direction, Rate};
pub use crate::text::glyphs::Glyphs;

/// One rate as shown: `KZT/USD 0.00196 ▼ -0%` (no change given: `KZT/USD 0.00196`).
pub fn rate_label(rate: &Rate, glyphs: Glyphs) -> String {
    rate_pieces(rate, glyphs)
        .into_iter()
        .map(|p| p.text)
        .collect()
}

/// One rate as styled pieces: the pair and value, then the sign and change coloured by the
/// direction. The one place a rate's text is made, for the ticker and for plain output.
pub fn rate_pieces(rate: &Rate, glyphs: Glyphs) -> Vec<Piece> {
    let mut pieces = vec![Piece {
        text: format!("{} {}", rate.pair, rate.value),
        part: Part::Text,
    }];
    let mut movement = String::new();
    if let Some(d) = rate.direction {
        movement.push(' ');
        movement.push_str(glyphs.direction(d));
    }
    if let Some(change) = &rate.change {
        movement.push(' ');
        movement.push_str(change);
    }
    if !movement.is_empty() {
        let part = match rate.direction {
            Some(Direction::Up) => Part::Up,
            Some(Direction::Down) if rate.change.as_deref().is_some_and(is_zero) => {
                Part::RoundedDown
            }
            Some(Direction::Down) => Part::Down,
            Some(Direction::Flat) => Part::Flat,
            None => Part::Text,
        };
        pieces.push(Piece {
            text: movement,
            part,
        });
    }
    pieces
}

/// True for a change of zero whatever its sign and form (`-0%`, `−0.00 %`).
fn is_zero(change: &str) -> bool {
    let digits: Vec<char> = change.chars().filter(char::is_ascii_digit).collect();
    !digits.is_empty() && digits.iter().all(|&d| d == '0')
}

/// What a piece of the ticker is, which decides its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The pair and the value.
    Text,
    /// The direction sign and the change of a rate that went up, down or stayed flat.
    Up,
    Down,
    Flat,
    /// A fall the source rounded to zero (`-0%`): down, but nothing visible fell.
    RoundedDown,
    /// The space between rates.
    Gap,
}

/// A run of ticker text of one part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub part: Part,
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    ch: char,
    width: usize,
    part: Part,
}

/// The marquee: the line of deduplicated rates, and what of it shows on a line of some
/// columns: scrolling (the window at an offset), or still (whole rates only).
#[derive(Debug, Clone, Default)]
pub struct Marquee {
    cells: Vec<Cell>,
    /// For each column of the cycle, the index of the cell that covers it.
    column_cell: Vec<usize>,
    /// The column where each rate starts.
    starts: Vec<usize>,
    /// Columns of the rates without the trailing gap.
    content_width: usize,
    /// Each rate's pieces and width, for showing whole rates.
    rates: Vec<(Vec<Piece>, usize)>,
}

/// Columns between two rates on the ticker.
pub const TICKER_GAP: usize = 3;

impl Marquee {
    pub fn new(rates: &[Rate], glyphs: Glyphs) -> Marquee {
        let mut m = Marquee::default();
        for rate in rates {
            let start = m.column_cell.len();
            m.starts.push(start);
            let pieces = rate_pieces(rate, glyphs);
            for piece in &pieces {
                m.push(&piece.text, piece.part);
            }
            m.content_width = m.column_cell.len();
            m.rates.push((pieces, m.content_width - start));
            m.push(&" ".repeat(TICKER_GAP), Part::Gap);
        }
        m
    }

    fn push(&mut self, text: &str, part: Part) {
        for ch in text.chars() {
            let width = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            if width == 0 {
                continue;
            }
            let index = self.cells.len();
            self.cells.push(Cell { ch, width, part });
            self.column_cell.extend(std::iter::repeat_n(index, width));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// True when every rate fits in `cols` columns.
    pub fn fits(&self, cols: usize) -> bool {
        self.content_width <= cols
    }

    /// The columns of one turn of the scrolling marquee on a line of `cols`: the rates and a
    /// gap when they do not fit (a seamless loop); the line and a gap when they do (one copy
    /// travels across, so no pair ever shows twice at once).
    pub fn cycle(&self, cols: usize) -> usize {
        if self.fits(cols) {
            cols + TICKER_GAP
        } else {
            self.column_cell.len()
        }
    }

    /// The columns where the rates start.
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// How many rates there are.
    pub fn len(&self) -> usize {
        self.rates.len()
    }

    /// The `cols` columns of the scrolling marquee from column `offset` of its cycle (taken
    /// modulo the cycle). A wide character cut by either edge shows as a space, so the
    /// window is always exactly `cols` columns wide.
    pub fn window(&self, offset: usize, cols: usize) -> Vec<Piece> {
        let mut pieces: Vec<Piece> = Vec::new();
        let mut put = |ch: char, part: Part| match pieces.last_mut() {
            Some(p) if p.part == part => p.text.push(ch),
            _ => pieces.push(Piece {
                text: ch.to_string(),
                part,
            }),
        };
        let cycle = self.cycle(cols);
        if self.cells.is_empty() || cols == 0 {
            return Vec::new();
        }
        let offset = offset % cycle;
        let strip = self.column_cell.len();
        let mut c = 0;
        while c < cols {
            let col = (offset + c) % cycle;
            if col >= strip {
                put(' ', Part::Gap); // the blank part of a cycle longer than the rates
                c += 1;
                continue;
            }
            let cell = self.cells[self.column_cell[col]];
            let first_col = col == 0 || self.column_cell[col - 1] != self.column_cell[col];
            if !first_col || c + cell.width > cols {
                put(' ', cell.part); // half of a wide character cut by an edge
                c += 1;
            } else {
                put(cell.ch, cell.part);
                c += cell.width;
            }
        }
        pieces
    }

    /// The rates standing still: whole rates only, from rate `first` on (going round), as
    /// many as fit in `cols`, then `+N` for the ones that do not.
    pub fn whole(&self, first: usize, cols: usize) -> Vec<Piece> {
        let n = self.rates.len();
        let mut pieces: Vec<Piece> = Vec::new();
        let mut used = 0;
        let mut shown = 0;
        let gap = || Piece {
            text: " ".repeat(TICKER_GAP),
            part: Part::Gap,
        };
        for i in 0..n {
            let (rate, width) = &self.rates[(first + i) % n];
            let lead = if shown > 0 { TICKER_GAP } else { 0 };
            let hidden_after = n - shown - 1;
            let reserve = if hidden_after > 0 {
                TICKER_GAP + 1 + hidden_after.to_string().len()
            } else {
                0
            };
            if used + lead + width + reserve > cols {
                break;
            }
            if lead > 0 {
                pieces.push(gap());
            }
            pieces.extend(rate.iter().cloned());
            used += lead + width;
            shown += 1;
        }
        let hidden = n - shown;
        if hidden > 0 {
            let more = format!("+{hidden}");
            let lead = if shown > 0 { TICKER_GAP } else { 0 };
            if used + lead + more.len() <= cols {
                if lead > 0 {
                    pieces.push(gap());
                }
                pieces.push(Piece {
                    text: more,
                    part: Part::Text,
                });
            }
        }
        pieces
    }

    /// The rate at or after column `offset` of the scrolling cycle on a line of `cols` (the
    /// first whole rate shown there), or the first rate past the end.
    pub fn rate_at(&self, offset: usize, cols: usize) -> usize {
        let offset = offset % self.cycle(cols).max(1);
        self.starts.iter().position(|&s| s >= offset).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_str;

    fn marquee(text: &str) -> Marquee {
        Marquee::new(&parse_str(text).rates, Glyphs::Unicode)
    }

    fn shown(m: &Marquee, offset: usize, cols: usize) -> String {
        m.window(offset, cols)
            .iter()
            .map(|p| p.text.as_str())
            .collect()
    }

    const TWO: &str = "KZT/USD = 0.00196 -0%\nKGS/USD = 0.01144 +1%\nKZT/USD = 0.00196 -0%\n";

    #[test]
    fn rates_shorter_than_the_line_travel_across_it_one_copy_at_a_time() {
        let m = marquee(TWO);
        assert!(m.fits(45) && !m.fits(44));
        assert_eq!(m.cycle(80), 83, "the line and a gap");
        let at0 = shown(&m, 0, 80);
        assert_eq!(
            at0.trim_end(),
            "KZT/USD 0.00196 ▼ -0%   KGS/USD 0.01144 ▲ +1%"
        );
        assert_eq!(shown(&m, 83, 80), at0);
        // Halfway: the copy has moved left; it re-enters from the right, never twice.
        for offset in 0..83 {
            let s = shown(&m, offset, 80);
            assert_eq!(crate::text::wrap::width(&s), 80, "offset {offset}");
            assert!(s.matches("KZT/USD").count() <= 1, "offset {offset}: {s}");
            assert!(s.matches("KGS/USD").count() <= 1, "offset {offset}: {s}");
        }
        assert!(shown(&m, 8, 80).starts_with("0.00196 ▼ -0%"));
        assert!(
            shown(&m, 60, 80).trim().starts_with("KZT/USD"),
            "{}",
            shown(&m, 60, 80)
        );
    }

    #[test]
    fn scrolling_wraps_around_seamlessly() {
        let m = marquee(TWO);
        assert_eq!(m.cycle(10), 48);
        assert_eq!(shown(&m, 0, 10), "KZT/USD 0.");
        assert_eq!(shown(&m, 40, 10), "▲ +1%   KZ");
        assert_eq!(shown(&m, 48, 10), shown(&m, 0, 10));
        for offset in 0..100 {
            let w = crate::text::wrap::width(&shown(&m, offset, 10));
            assert_eq!(w, 10, "offset {offset}");
        }
    }

    fn still(m: &Marquee, first: usize, cols: usize) -> String {
        m.whole(first, cols)
            .iter()
            .map(|p| p.text.as_str())
            .collect()
    }

    const FIVE: &str = "KGS/USD = 0.01144 0%\nKZT/USD = 0.00196 -0%\nTJS/USD = 0.10899 0%\n\
                        UZS/USD = 0.00008 0%\nTMT/USD = 0.28490 +2.5%\n";

    #[test]
    fn standing_still_only_whole_rates_show_and_the_hidden_are_counted() {
        let m = marquee(FIVE);
        assert_eq!(
            still(&m, 0, 80),
            "KGS/USD 0.01144 ● 0%   KZT/USD 0.00196 ▼ -0%   TJS/USD 0.10899 ● 0%   +2"
        );
        for cols in 0..130 {
            let s = still(&m, 0, cols);
            assert!(crate::text::wrap::width(&s) <= cols, "{cols}: {s}");
            assert!(
                !s.contains("USD 0.0") || s.ends_with('%') || s.contains('+'),
                "{s}"
            );
        }
        assert_eq!(still(&m, 0, 3), "+5");
        assert!(still(&m, 0, 200).ends_with("TMT/USD 0.28490 ▲ +2.5%"));
        assert!(
            still(&m, 3, 80).starts_with("UZS/USD"),
            "from the fourth, going round"
        );
        assert_eq!(m.rate_at(0, 40), 0);
        assert_eq!(
            m.rate_at(1, 40),
            1,
            "the first whole rate at or after the edge"
        );
    }

    #[test]
    fn direction_decides_the_part() {
        let m = marquee(TWO);
        let pieces = m.window(0, 80);
        let down = pieces.iter().find(|p| p.part == Part::RoundedDown).unwrap();
        assert_eq!(down.text, " ▼ -0%", "a fall rounded to zero");
        let m = marquee("KZT/USD = 0.00196 -0.5%\nKGS/USD = 1 −0.00 %\n");
        let parts: Vec<Part> = m.window(0, 80).iter().map(|p| p.part).collect();
        assert!(parts.contains(&Part::Down) && parts.contains(&Part::RoundedDown));
        let up = pieces.iter().find(|p| p.part == Part::Up).unwrap();
        assert_eq!(up.text, " ▲ +1%");
    }

    #[test]
    fn starts_of_each_rate_for_step_mode() {
        assert_eq!(marquee(TWO).starts(), [0, 24]);
    }

    #[test]
    fn a_wide_character_cut_by_an_edge_is_a_space() {
        // Wide characters do not stand in rates, but the marquee must not split one.
        let mut m = Marquee::default();
        m.push("a中b", Part::Text);
        m.content_width = m.column_cell.len();
        m.push("   ", Part::Gap);
        assert_eq!(shown(&m, 0, 3), "a中");
        assert_eq!(shown(&m, 2, 3), " b ");
        assert_eq!(shown(&m, 0, 2), "a "); // right edge cuts it
        for offset in 0..14 {
            for cols in 1..5 {
                let s = shown(&m, offset, cols);
                assert_eq!(crate::text::wrap::width(&s), cols, "{offset} {cols} {s:?}");
            }
        }
    }

    #[test]
    fn no_rates_no_marquee() {
        let m = marquee("Just A Headline\n");
        assert!(m.is_empty());
        assert!(m.window(0, 80).is_empty());
    }

    #[test]
    fn a_rate_without_change_has_no_sign() {
        let m = marquee("KZT/USD = 5\n");
        assert_eq!(shown(&m, 0, 80).trim_end(), "KZT/USD 5");
    }
}
