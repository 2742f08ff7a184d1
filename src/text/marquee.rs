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

/// What a piece of the ticker is, which decides its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The pair and the value.
    Text,
    /// The direction sign and the change of a rate that went up, down or stayed flat.
    Up,
    Down,
    Flat,
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

/// The marquee: the line of deduplicated rates, and the window of it shown at any offset,
/// in display columns. Rates that fit stand still; otherwise the line wraps around with a gap.
#[derive(Debug, Clone, Default)]
pub struct Marquee {
    cells: Vec<Cell>,
    /// For each column of the cycle, the index of the cell that covers it.
    column_cell: Vec<usize>,
    /// The column where each rate starts.
    starts: Vec<usize>,
    /// Columns of the rates without the trailing gap.
    content_width: usize,
}

/// Columns between two rates on the ticker.
pub const TICKER_GAP: usize = 3;

impl Marquee {
    pub fn new(rates: &[Rate], glyphs: Glyphs) -> Marquee {
        let mut m = Marquee::default();
        for rate in rates {
            m.starts.push(m.column_cell.len());
            for piece in rate_pieces(rate, glyphs) {
                m.push(&piece.text, piece.part);
            }
            m.content_width = m.column_cell.len();
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

    /// True when every rate fits in `cols` columns: the ticker then stands still.
    pub fn fits(&self, cols: usize) -> bool {
        self.content_width <= cols
    }

    /// The columns of one turn of the marquee, trailing gap included.
    pub fn cycle(&self) -> usize {
        self.column_cell.len()
    }

    /// The columns where the rates start.
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// The `cols` columns shown from column `offset` of the cycle (taken modulo the cycle).
    /// When the rates fit, the offset is ignored. A wide character cut by either edge shows
    /// as a space, so the window is always exactly `cols` columns wide (or the content, when
    /// shorter).
    pub fn window(&self, offset: usize, cols: usize) -> Vec<Piece> {
        let mut pieces: Vec<Piece> = Vec::new();
        let mut put = |ch: char, part: Part| match pieces.last_mut() {
            Some(p) if p.part == part => p.text.push(ch),
            _ => pieces.push(Piece {
                text: ch.to_string(),
                part,
            }),
        };
        let cycle = self.cycle();
        if cycle == 0 || cols == 0 {
            return Vec::new();
        }
        let (offset, shown) = if self.fits(cols) {
            (0, self.content_width)
        } else {
            (offset % cycle, cols)
        };
        let mut c = 0;
        while c < shown {
            let col = (offset + c) % cycle;
            let cell = self.cells[self.column_cell[col]];
            let first_col = col == 0 || self.column_cell[col - 1] != self.column_cell[col];
            if !first_col || c + cell.width > shown {
                put(' ', cell.part); // half of a wide character cut by an edge
                c += 1;
            } else {
                put(cell.ch, cell.part);
                c += cell.width;
            }
        }
        pieces
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
    fn each_pair_once_standing_still_when_it_fits() {
        let m = marquee(TWO);
        assert_eq!(
            shown(&m, 0, 80),
            "KZT/USD 0.00196 ▼ -0%   KGS/USD 0.01144 ▲ +1%"
        );
        assert_eq!(shown(&m, 17, 80), shown(&m, 0, 80));
        assert!(m.fits(45) && !m.fits(44));
    }

    #[test]
    fn scrolling_wraps_around_seamlessly() {
        let m = marquee(TWO);
        assert_eq!(m.cycle(), 48);
        assert_eq!(shown(&m, 0, 10), "KZT/USD 0.");
        assert_eq!(shown(&m, 40, 10), "▲ +1%   KZ");
        assert_eq!(shown(&m, 48, 10), shown(&m, 0, 10));
        for offset in 0..100 {
            let w = crate::text::wrap::width(&shown(&m, offset, 10));
            assert_eq!(w, 10, "offset {offset}");
        }
    }

    #[test]
    fn direction_decides_the_part() {
        let m = marquee(TWO);
        let pieces = m.window(0, 80);
        let down = pieces.iter().find(|p| p.part == Part::Down).unwrap();
        assert_eq!(down.text, " ▼ -0%");
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
        assert_eq!(shown(&m, 0, 80), "KZT/USD 5");
    }
}
