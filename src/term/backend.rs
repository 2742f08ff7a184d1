//! A ratatui backend that spends few bytes: what an SSH user pays for every frame.
//!
//! Compared with ratatui's crossterm backend it writes the 16 ANSI colours as their short
//! SGR codes (`ESC[31m`, not `ESC[38;5;1m`), changes only the attributes that change, and
//! keeps them from one frame to the next instead of resetting after every frame; it skips
//! a short run of unchanged cells by writing them again rather than moving the cursor (a
//! move costs up to nine bytes), using a mirror of what the screen shows; and it hides or
//! shows the cursor only when that changes. When a band of whole rows moved up or down (a
//! story scrolled by a line in a full-width pane), it scrolls that band in the terminal
//! (DECSTBM and SU/SD, which every VT100 descendant knows) and draws only what the shift
//! did not bring, instead of every cell of the band.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};

/// Unchanged cells written again, at most, instead of a cursor move.
const GAP_FILL: u16 = 4;

/// Synchronized output (mode 2026) around each frame.
const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
const SYNC_END: &[u8] = b"\x1b[?2026l";
/// Frames of more bytes than this are wrapped in synchronized-update markers.
const SYNC_ABOVE: usize = 128;

/// Rows that must have moved together before a scroll is used instead of redrawing them.
const MIN_SCROLLED_ROWS: usize = 3;

/// A band of rows the terminal is asked to scroll: rows `top..=bottom`, by `by` rows
/// (positive: the content moves up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scroll {
    top: u16,
    bottom: u16,
    by: i32,
}

/// The attributes the terminal is drawing with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

/// The backend; see the module documentation.
pub struct LeanBackend<W: Write> {
    writer: W,
    /// What is to be written, kept until a flush: a frame goes out in one write, and a
    /// small one needs no synchronized-update markers around it.
    out: Vec<u8>,
    /// What the screen shows, as far as this backend drew it.
    mirror: Buffer,
    /// True while the screen is blank (a full clear and nothing written since): nothing on
    /// it can have moved.
    blank: bool,
    pen: Pen,
    cursor: Option<Position>,
    cursor_visible: Option<bool>,
    /// The screen's size, as the loop last set it (the backend never asks the terminal).
    size: Size,
    /// The hyperlinks of the next frame, and those on the screen.
    links: Vec<Link>,
    links_shown: Vec<Link>,
    /// The last frame scrolled or shifted rows.
    moved: bool,
    /// While nothing is due, the terminal's drawing buffers are let go and taken again from
    /// the mirror (a server's idle sessions: memory for thousands of them).
    lets_go: bool,
}

/// A hyperlink (OSC 8) over a run of cells of one row: the terminal opens `url` when they
/// are clicked. The URL must be printable ASCII (the caller checks it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub url: String,
}

impl<W: Write> LeanBackend<W> {
    /// A backend for a screen of `size`, freshly cleared (as the alternate screen is).
    pub fn new(writer: W, size: Size) -> LeanBackend<W> {
        LeanBackend {
            writer,
            out: Vec::with_capacity(1 << 14),
            mirror: Buffer::empty(Rect::new(0, 0, size.width, size.height)),
            blank: true,
            pen: Pen::default(),
            cursor: None,
            cursor_visible: None,
            size,
            links: Vec::new(),
            links_shown: Vec::new(),
            moved: false,
            lets_go: false,
        }
    }

    /// The terminal's drawing buffers are let go while nothing is due, and taken again from
    /// what this backend knows the screen shows (see `tui::terminal::run_loop`).
    pub fn letting_go_when_idle(mut self) -> LeanBackend<W> {
        self.lets_go = true;
        self
    }

    /// What the screen shows, as far as this backend drew it, when the drawing buffers are
    /// let go while idle.
    pub fn shown_when_idle(&self) -> Option<&Buffer> {
        self.lets_go.then_some(&self.mirror)
    }

    /// The hyperlinks the next frame carries: their cells are written again inside OSC 8
    /// when the links change or what is under them is redrawn, and not otherwise.
    pub fn set_links(&mut self, links: Vec<Link>) {
        self.links = links;
    }

    /// Writes the links' cells again, each run inside its OSC 8 pair, when the links changed
    /// or a row of theirs was drawn on (`rows`); `moved`: rows were scrolled or shifted.
    fn draw_links(&mut self, rows: &[u16], moved: bool) -> io::Result<()> {
        let touched = moved || self.links.iter().any(|l| rows.contains(&l.y));
        if self.links == self.links_shown && !touched {
            return Ok(());
        }
        let links = std::mem::take(&mut self.links);
        let area = self.mirror.area;
        for link in &links {
            if link.y >= area.height || link.x >= area.width {
                continue;
            }
            let end = link.x.saturating_add(link.width).min(area.width);
            let cells: Vec<(u16, u16, Cell)> = (link.x..end)
                .map(|x| (x, link.y, self.mirror[(x, link.y)].clone()))
                .collect();
            write!(self.out, "\x1b]8;;{}\x1b\\", link.url)?;
            self.write_cells(cells.iter().map(|(x, y, c)| (*x, *y, c)))?;
            self.out.extend_from_slice(b"\x1b]8;;\x1b\\");
        }
        self.links_shown = links.clone();
        self.links = links;
        Ok(())
    }

    /// Draws at `size` from now on (the terminal was resized).
    pub fn set_size(&mut self, size: Size) {
        self.size = size;
    }

    /// Asks the terminal to report its status (DSR 5), after everything written so far; its
    /// answer comes back as input once all of that has reached it.
    pub fn ask_status(&mut self) -> io::Result<()> {
        self.out.extend_from_slice(b"\x1b[5n");
        Backend::flush(self)
    }

    /// Writes a terminal sequence of our own (a mode set or reset) after what was drawn.
    pub fn write_sequence(&mut self, sequence: &str) -> io::Result<()> {
        self.out.extend_from_slice(sequence.as_bytes());
        Backend::flush(self)
    }

    pub fn writer(&self) -> &W {
        &self.writer
    }

    fn move_to(&mut self, x: u16, y: u16) -> io::Result<()> {
        write!(self.out, "\x1b[{};{}H", y + 1, x + 1)?;
        self.cursor = Some(Position::new(x, y));
        Ok(())
    }

    /// Writes one cell at the cursor (which is at `x`, `y`), changing only the attributes
    /// that differ, and notes in the mirror what the terminal now shows.
    fn put(&mut self, x: u16, y: u16, cell: &Cell) -> io::Result<()> {
        self.set_pen(Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        })?;
        let symbol = cell.symbol();
        self.out.extend_from_slice(symbol.as_bytes());
        let width = width_of(cell);
        self.cursor = self.cursor.map(|p| Position::new(p.x + width, p.y));
        record(&mut self.mirror, x, y, cell);
        Ok(())
    }

    fn set_pen(&mut self, pen: Pen) -> io::Result<()> {
        if pen == self.pen {
            return Ok(());
        }
        let mut codes: Vec<String> = Vec::new();
        let mut from = self.pen;
        if !(from.modifier - pen.modifier).is_empty() {
            // An attribute goes: only a reset takes it away everywhere.
            codes.push("0".into());
            from = Pen::default();
        }
        for (bit, code) in MODIFIER_CODES {
            if pen.modifier.contains(bit) && !from.modifier.contains(bit) {
                codes.push(code.to_string());
            }
        }
        if pen.fg != from.fg {
            codes.push(color_code(pen.fg, false));
        }
        if pen.bg != from.bg {
            codes.push(color_code(pen.bg, true));
        }
        write!(self.out, "\x1b[{}m", codes.join(";"))?;
        self.pen = pen;
        Ok(())
    }

    /// True when the cells from the cursor up to `x` on its row may be written again from
    /// the mirror, and that is shorter than a move.
    fn can_fill_to(&self, x: u16, y: u16) -> bool {
        let Some(at) = self.cursor else {
            return false;
        };
        at.y == y
            && at.x < x
            && x - at.x <= GAP_FILL
            && (at.x..x).all(|gx| {
                self.mirror.cell((gx, y)).is_some_and(|c| {
                    c.diff_option == CellDiffOption::None
                        && unicode_width::UnicodeWidthStr::width(c.symbol()) == 1
                })
            })
    }

    /// Writes cells (in row order), filling short gaps and moving the cursor where needed.
    fn write_cells<'a>(
        &mut self,
        cells: impl Iterator<Item = (u16, u16, &'a Cell)>,
    ) -> io::Result<()> {
        for (x, y, cell) in cells {
            if cell.diff_option == CellDiffOption::Skip {
                self.cursor = None;
                continue;
            }
            if self.cursor != Some(Position::new(x, y)) {
                if self.can_fill_to(x, y) {
                    let from = self.cursor.map_or(x, |p| p.x);
                    for gx in from..x {
                        let gap = self.mirror[(gx, y)].clone();
                        self.put(gx, y, &gap)?;
                    }
                } else {
                    self.move_to(x, y)?;
                }
            }
            self.put(x, y, cell)?;
        }
        // Leave the terminal's attributes plain between frames, for anything else written.
        self.set_pen(Pen::default())
    }

    /// Writes a frame's changed cells: by scrolling a band of rows that moved up or down,
    /// shifting a row whose content moved sideways, then writing what is left; or cell by
    /// cell.
    fn draw_cells(&mut self, cells: Vec<(u16, u16, &Cell)>) -> io::Result<()> {
        if std::mem::replace(&mut self.blank, false) {
            return self.write_cells(cells.into_iter());
        }
        let mut rows: Vec<u16> = cells.iter().map(|&(_, y, _)| y).collect();
        rows.dedup();
        // The screen as it will be once these cells are written.
        let mut after = self.mirror.clone();
        for &(x, y, cell) in &cells {
            record(&mut after, x, y, cell);
        }
        let mut moved = false;
        if rows.len() >= MIN_SCROLLED_ROWS {
            if let Some(scroll) = find_scroll(&self.mirror, &after) {
                self.scroll(scroll)?;
                moved = true;
            }
        }
        for &y in &rows {
            if let Some(shift) = find_shift(&self.mirror, &after, y) {
                self.shift(shift)?;
                moved = true;
            }
        }
        self.moved = moved;
        if !moved {
            return self.write_cells(cells.into_iter());
        }
        let changes: Vec<(u16, u16, Cell)> = self
            .mirror
            .diff(&after)
            .into_iter()
            .map(|(x, y, c)| (x, y, c.clone()))
            .collect();
        self.write_cells(changes.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    /// Shifts the rest of a row sideways in the terminal (DCH or ICH), and the mirror with
    /// it.
    fn shift(&mut self, shift: Shift) -> io::Result<()> {
        // The cells a shift opens take the current background: make it the default one.
        self.set_pen(Pen::default())?;
        if self.cursor != Some(Position::new(shift.at, shift.y)) {
            self.move_to(shift.at, shift.y)?;
        }
        let n = shift.by.unsigned_abs();
        let code = if shift.by > 0 { 'P' } else { '@' };
        if n == 1 {
            write!(self.out, "\x1b[{code}")?;
        } else {
            write!(self.out, "\x1b[{n}{code}")?;
        }
        shift_row(&mut self.mirror, shift);
        Ok(())
    }

    /// Scrolls a band of rows in the terminal, and the mirror with it.
    fn scroll(&mut self, scroll: Scroll) -> io::Result<()> {
        // New rows are filled with the current background: make it the default one.
        self.set_pen(Pen::default())?;
        let (code, n) = if scroll.by > 0 {
            ('S', scroll.by)
        } else {
            ('T', -scroll.by)
        };
        write!(
            self.out,
            "\x1b[{};{}r\x1b[{n}{code}\x1b[r",
            scroll.top + 1,
            scroll.bottom + 1
        )?;
        self.cursor = None; // setting the region homes the cursor
        self.mirror = shifted(&self.mirror, scroll);
        Ok(())
    }
}

/// The rest of a row, from column `at`, moved sideways by `by` columns (positive: left, as
/// the terminal's delete-character does; negative: right, as insert-character does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shift {
    y: u16,
    at: u16,
    by: i32,
}

/// Columns a row's content may have moved sideways and still be shifted.
const MAX_SHIFT: usize = 8;

/// The cells, at least, a shift must save over writing the row's changes as they are.
const MIN_SHIFT_GAIN: usize = 8;

/// Finds whether row `y` of `after` is row `y` of `before` shifted sideways from some
/// column on, enough that shifting it in the terminal and writing what is left costs less
/// than writing every changed cell. Rows with wide characters are left alone.
fn find_shift<'a>(before: &'a Buffer, after: &'a Buffer, y: u16) -> Option<Shift> {
    let width = usize::from(before.area.width);
    if before.area != after.area || width == 0 || y >= before.area.height {
        return None;
    }
    let row = |b: &'a Buffer| -> &'a [Cell] { &b.content[usize::from(y) * width..][..width] };
    let (old, new) = (row(before), row(after));
    let at = (0..width).find(|&x| old[x] != new[x])?;
    let changed = (at..width).filter(|&x| old[x] != new[x]).count();
    if changed < MIN_SHIFT_GAIN {
        return None;
    }
    let simple = |c: &Cell| !is_covered(c) && width_of(c) == 1;
    if !old[at..].iter().all(simple) || !new[at..].iter().all(simple) {
        return None;
    }
    let blank = Cell::default();
    let mut best: Option<(usize, i32)> = None;
    for k in 1..=MAX_SHIFT.min(width - at) {
        for by in [k as i32, -(k as i32)] {
            let source = |x: usize| -> &Cell {
                let from = if by > 0 {
                    (x + k < width).then(|| x + k)
                } else {
                    (x >= at + k).then(|| x - k)
                };
                from.map_or(&blank, |f| &old[f])
            };
            // Only a shift that brings the first changed cell's new content is worth
            // looking at (for a move right, the cell after the opened ones).
            let probe = if by > 0 { at } else { (at + k).min(width - 1) };
            if source(probe) != &new[probe] {
                continue;
            }
            // The row once shifted, against the row wanted: what would still be written.
            let left = (at..width).filter(|&x| source(x) != &new[x]).count();
            if best.is_none_or(|(cost, _)| left < cost) {
                best = Some((left, by));
            }
        }
    }
    let (left, by) = best?;
    (left + MIN_SHIFT_GAIN <= changed).then_some(Shift {
        y,
        at: at as u16,
        by,
    })
}

/// The screen after a row's rest was shifted: cells moved, the columns opened blank.
fn shift_row(screen: &mut Buffer, shift: Shift) {
    let width = screen.area.width;
    let n = shift.by.unsigned_abs() as u16;
    let y = shift.y;
    if shift.by > 0 {
        for x in shift.at..width {
            let cell = if x + n < width {
                screen[(x + n, y)].clone()
            } else {
                Cell::default()
            };
            screen[(x, y)] = cell;
        }
    } else {
        for x in (shift.at..width).rev() {
            let cell = if x >= shift.at + n {
                screen[(x - n, y)].clone()
            } else {
                Cell::default()
            };
            screen[(x, y)] = cell;
        }
    }
}

/// The mark, in the mirror, of a column covered by the right half of a wide character:
/// it cannot be written again on its own (that would erase the character).
fn covered() -> Cell {
    let mut cell = Cell::default();
    cell.diff_option = CellDiffOption::Skip;
    cell
}

fn is_covered(cell: &Cell) -> bool {
    cell.diff_option == CellDiffOption::Skip
}

fn width_of(cell: &Cell) -> u16 {
    unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16
}

/// Notes in `screen` what a terminal shows after `cell` is written at `x`, `y`: a wide
/// character covers the columns after it, and a wide character partly overwritten is
/// erased whole.
fn record(screen: &mut Buffer, x: u16, y: u16, cell: &Cell) {
    let width = width_of(cell);
    let blank_at = |screen: &mut Buffer, at: u16| {
        if let Some(c) = screen.cell_mut((at, y)) {
            *c = Cell::default();
        }
    };
    if x > 0 && screen.cell((x, y)).is_some_and(is_covered) {
        blank_at(screen, x - 1); // the left half of a wide character written over
    }
    let end = x.saturating_add(width);
    if let Some(last) = screen.cell((end - 1, y)) {
        if width_of(last) > 1 {
            blank_at(screen, end); // the right half of a wide character written over
        }
    }
    let Some(target) = screen.cell_mut((x, y)) else {
        return;
    };
    *target = cell.clone();
    for covered_x in x + 1..end {
        if let Some(c) = screen.cell_mut((covered_x, y)) {
            *c = covered();
        }
    }
}

/// Finds the band of whole rows that moved together between two screens, if one moved far
/// enough to be worth a scroll: the longest run of rows of `after` equal to rows of
/// `before` a fixed distance away.
fn find_scroll(before: &Buffer, after: &Buffer) -> Option<Scroll> {
    let width = usize::from(before.area.width);
    let height = usize::from(before.area.height);
    if width == 0 || before.area != after.area {
        return None;
    }
    let hash = |b: &Buffer| -> Vec<u64> { b.content.chunks(width).map(row_hash).collect() };
    let (old, new) = (hash(before), hash(after));
    fn row(b: &Buffer, y: usize, width: usize) -> &[Cell] {
        &b.content[y * width..(y + 1) * width]
    }
    let mut best: Option<(usize, Scroll)> = None;
    for distance in 1..=height / 2 {
        for up in [true, false] {
            // Rows y of `after` that hold row y ± distance of `before`.
            let source = |y: usize| {
                if up {
                    y + distance
                } else {
                    y.wrapping_sub(distance)
                }
            };
            let mut run_start = None;
            for y in 0..=height {
                let same = y < height
                    && source(y) < height
                    && new[y] == old[source(y)]
                    && new[y] != old[y]
                    && row(after, y, width) == row(before, source(y), width);
                match (same, run_start) {
                    (true, None) => run_start = Some(y),
                    (false, Some(start)) => {
                        let len = y - start;
                        if len >= MIN_SCROLLED_ROWS && best.is_none_or(|(l, _)| len > l) {
                            let (top, bottom) = if up {
                                (start, y - 1 + distance)
                            } else {
                                (start - distance, y - 1)
                            };
                            let by = if up {
                                distance as i32
                            } else {
                                -(distance as i32)
                            };
                            let scroll = Scroll {
                                top: top as u16,
                                bottom: bottom as u16,
                                by,
                            };
                            best = Some((len, scroll));
                        }
                        run_start = None;
                    }
                    _ => {}
                }
            }
        }
    }
    best.map(|(_, scroll)| scroll)
}

/// A quick fingerprint of a row (FxHash-style mixing): equal rows hash alike; rows with
/// equal hashes are compared cell by cell before they count as equal.
fn row_hash(row: &[Cell]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    row.iter().fold(0u64, |h, cell| {
        let h = cell.symbol().bytes().fold(h, |h, b| mix(h, u64::from(b)));
        let style = (u64::from(cell.modifier.bits()) << 32)
            ^ (color_key(cell.fg) << 16)
            ^ color_key(cell.bg);
        mix(h, style)
    })
}

/// A number for a colour, for hashing.
fn color_key(color: Color) -> u64 {
    match color {
        Color::Reset => 0,
        Color::Black => 1,
        Color::Red => 2,
        Color::Green => 3,
        Color::Yellow => 4,
        Color::Blue => 5,
        Color::Magenta => 6,
        Color::Cyan => 7,
        Color::Gray => 8,
        Color::DarkGray => 9,
        Color::LightRed => 10,
        Color::LightGreen => 11,
        Color::LightYellow => 12,
        Color::LightBlue => 13,
        Color::LightMagenta => 14,
        Color::LightCyan => 15,
        Color::White => 16,
        Color::Indexed(i) => 0x100 | u64::from(i),
        Color::Rgb(r, g, b) => 0x1_0000 | u64::from(r) << 16 | u64::from(g) << 8 | u64::from(b),
    }
}

/// The screen after the terminal scrolled a band: its rows moved, the rows it opened blank.
fn shifted(before: &Buffer, scroll: Scroll) -> Buffer {
    let mut out = before.clone();
    let width = usize::from(before.area.width);
    let (top, bottom) = (usize::from(scroll.top), usize::from(scroll.bottom));
    let n = scroll.by.unsigned_abs() as usize;
    for y in top..=bottom {
        let source = if scroll.by > 0 {
            y + n
        } else {
            y.wrapping_sub(n)
        };
        let target = y * width..(y + 1) * width;
        if (top..=bottom).contains(&source) {
            out.content[target]
                .clone_from_slice(&before.content[source * width..(source + 1) * width]);
        } else {
            out.content[target].fill(Cell::default());
        }
    }
    out
}

const MODIFIER_CODES: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// The SGR code of a colour: the short ANSI codes for the 16 colours.
fn color_code(color: Color, background: bool) -> String {
    let shift = if background { 10 } else { 0 };
    let ansi = |n: u8| (n + shift).to_string();
    match color {
        Color::Reset => ansi(39),
        Color::Black => ansi(30),
        Color::Red => ansi(31),
        Color::Green => ansi(32),
        Color::Yellow => ansi(33),
        Color::Blue => ansi(34),
        Color::Magenta => ansi(35),
        Color::Cyan => ansi(36),
        Color::Gray => ansi(37),
        Color::DarkGray => ansi(90),
        Color::LightRed => ansi(91),
        Color::LightGreen => ansi(92),
        Color::LightYellow => ansi(93),
        Color::LightBlue => ansi(94),
        Color::LightMagenta => ansi(95),
        Color::LightCyan => ansi(96),
        Color::White => ansi(97),
        Color::Indexed(n) => format!("{};5;{n}", 38 + shift),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", 38 + shift),
    }
}

impl<W: Write> Write for LeanBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(self)
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, &Cell)> = content.collect();
        if cells.is_empty() && self.links == self.links_shown {
            return Ok(()); // nothing changed: nothing written
        }
        // The frame as one synchronized update, so that a terminal that knows mode 2026
        // shows it whole, never half drawn; unless it is small enough to go out in one
        // piece anyway (a ticker step), where the markers would double its cost.
        let start = self.out.len();
        let mut rows: Vec<u16> = cells.iter().map(|&(_, y, _)| y).collect();
        rows.dedup();
        self.moved = false;
        self.draw_cells(cells)?;
        if !self.links.is_empty() || !self.links_shown.is_empty() {
            self.draw_links(&rows, self.moved)?;
        }
        if self.out.len() - start > SYNC_ABOVE {
            self.out.splice(start..start, SYNC_BEGIN.iter().copied());
            self.out.extend_from_slice(SYNC_END);
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(false) {
            self.out.extend_from_slice(b"\x1b[?25l");
            self.cursor_visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(true) {
            self.out.extend_from_slice(b"\x1b[?25h");
            self.cursor_visible = Some(true);
        }
        Ok(())
    }

    /// Where the cursor is, as far as this backend moved it: asking the terminal would be a
    /// round trip over SSH that some terminals never answer.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor.unwrap_or(Position::ORIGIN))
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        self.move_to(p.x, p.y)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.set_pen(Pen::default())?;
        let code = match clear_type {
            ClearType::All => "2J",
            ClearType::AfterCursor => "J",
            ClearType::BeforeCursor => "1J",
            ClearType::CurrentLine => "2K",
            ClearType::UntilNewLine => "K",
        };
        write!(self.out, "\x1b[{code}")?;
        // Only a clear of the whole screen (all of it, or all after the first cell) leaves a
        // screen the mirror knows; after the others, no gap is filled from it until the next
        // full clear.
        let whole = match clear_type {
            ClearType::All => true,
            ClearType::AfterCursor => self.cursor == Some(Position::ORIGIN),
            _ => false,
        };
        let size = if whole {
            self.size().unwrap_or(self.mirror.area.as_size())
        } else {
            Size::default()
        };
        self.mirror = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        self.blank = whole;
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.out.is_empty() {
            self.writer.write_all(&self.out)?;
            self.out.clear();
        }
        self.writer.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn backend() -> LeanBackend<Vec<u8>> {
        LeanBackend::new(Vec::new(), Size::new(20, 3))
    }

    fn cell(symbol: &str, style: Style) -> Cell {
        let mut c = Cell::default();
        c.set_symbol(symbol).set_style(style);
        c
    }

    fn written(b: &mut LeanBackend<Vec<u8>>) -> String {
        Backend::flush(b).unwrap();
        String::from_utf8_lossy(b.writer()).into_owned()
    }

    /// What a small frame of `cells` is written as: just them (a large one is wrapped in
    /// synchronized-update markers).
    fn frame(cells: &str) -> String {
        cells.to_owned()
    }

    #[test]
    fn a_large_frame_is_one_synchronized_update_a_small_one_needs_none() {
        let mut b = LeanBackend::new(Vec::new(), Size::new(80, 3));
        let x = cell("x", Style::new());
        b.draw((0..240).map(|i| (i % 80, i / 80, &x))).unwrap();
        let out = written(&mut b);
        assert!(
            out.starts_with("\x1b[?2026h") && out.ends_with("\x1b[?2026l"),
            "{out:?}"
        );
        let before = out.len();
        let y = cell("y", Style::new());
        b.draw([(5, 1, &y)].into_iter()).unwrap();
        let small = written(&mut b);
        assert_eq!(&small[before..], "\x1b[2;6Hy");
    }

    #[test]
    fn content_moved_sideways_is_shifted_by_the_terminal_not_written_again() {
        let mut b = LeanBackend::new(Vec::new(), Size::new(40, 1));
        let text = |s: &str| -> Vec<Cell> {
            s.chars()
                .map(|c| cell(&c.to_string(), Style::new()))
                .collect()
        };
        let line = text(" KZT/USD 0.00196 -0%   KGS/USD 0.01144  ");
        b.draw(line.iter().enumerate().map(|(x, c)| (x as u16, 0, c)))
            .unwrap();
        let before = written(&mut b).len();
        // The same line a column to the left, a new character at the end.
        let next = text(" ZT/USD 0.00196 -0%   KGS/USD 0.01144 1 ");
        assert_eq!((line.len(), next.len()), (40, 40));
        let changed: Vec<(u16, u16, &Cell)> = next
            .iter()
            .enumerate()
            .filter(|(x, c)| line[*x] != **c)
            .map(|(x, c)| (x as u16, 0, c))
            .collect();
        b.draw(changed.into_iter()).unwrap();
        let out = &written(&mut b)[before..];
        assert_eq!(out, "\x1b[1;2H\x1b[P\x1b[1;39H1", "{out:?}");
        // And to the right: an insertion.
        let back = text(" KZT/USD 0.00196 -0%   KGS/USD 0.01144  ");
        let before = written(&mut b).len();
        let changed: Vec<(u16, u16, &Cell)> = back
            .iter()
            .enumerate()
            .filter(|(x, c)| next[*x] != **c)
            .map(|(x, c)| (x as u16, 0, c))
            .collect();
        b.draw(changed.into_iter()).unwrap();
        let out = &written(&mut b)[before..];
        assert!(out.contains("\x1b[@"), "{out:?}");
        assert!(out.len() < 20, "{out:?}");
    }

    #[test]
    fn a_frame_that_changes_nothing_writes_nothing() {
        let mut b = backend();
        b.draw(std::iter::empty()).unwrap();
        assert_eq!(written(&mut b), "");
    }

    #[test]
    fn sixteen_colours_use_their_short_codes_and_attributes_carry_over() {
        let mut b = backend();
        let red = cell("▼", Style::new().fg(Color::Red));
        let plain = cell("x", Style::new());
        let cells = [(0, 0, &red), (1, 0, &red), (2, 0, &plain)];
        b.draw(cells.into_iter()).unwrap();
        assert_eq!(written(&mut b), frame("\x1b[1;1H\x1b[31m▼▼\x1b[39mx"));
    }

    #[test]
    fn dropping_an_attribute_resets_then_sets_what_stays() {
        let mut b = backend();
        let bold_rev = cell(
            "a",
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        );
        let bold_green = cell(
            "b",
            Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
        );
        b.draw([(0, 0, &bold_rev), (1, 0, &bold_green)].into_iter())
            .unwrap();
        assert_eq!(
            written(&mut b),
            frame("\x1b[1;1H\x1b[1;7ma\x1b[0;1;32mb\x1b[0m")
        );
    }

    #[test]
    fn a_short_gap_is_written_again_a_long_one_is_a_move() {
        let mut b = backend();
        let cells: Vec<Cell> = "abcdefghij"
            .chars()
            .map(|c| cell(&c.to_string(), Style::new()))
            .collect();
        b.draw(cells.iter().enumerate().map(|(x, c)| (x as u16, 0, c)))
            .unwrap();
        let before = written(&mut b).len();
        let z = cell("Z", Style::new());
        // Changes at 0 and 3: cells 1 and 2 are written again from the mirror.
        b.draw([(0, 0, &z), (3, 0, &z), (9, 0, &z)].into_iter())
            .unwrap();
        assert_eq!(
            &written(&mut b)[before..],
            frame("\x1b[1;1HZbcZ\x1b[1;10HZ")
        );
    }

    #[test]
    fn the_cursor_after_a_wide_character_is_two_columns_on() {
        let mut b = backend();
        let wide = cell("中", Style::new());
        let a = cell("a", Style::new());
        b.draw([(0, 1, &wide), (2, 1, &a)].into_iter()).unwrap();
        assert_eq!(written(&mut b), frame("\x1b[2;1H中a"));
    }

    #[test]
    fn cursor_visibility_is_written_only_when_it_changes() {
        let mut b = backend();
        b.hide_cursor().unwrap();
        b.hide_cursor().unwrap();
        b.show_cursor().unwrap();
        assert_eq!(written(&mut b), "\x1b[?25l\x1b[?25h");
    }

    #[test]
    fn indexed_and_rgb_colours_still_work() {
        assert_eq!(color_code(Color::Indexed(200), false), "38;5;200");
        assert_eq!(color_code(Color::Rgb(1, 2, 3), true), "48;2;1;2;3");
        assert_eq!(color_code(Color::DarkGray, true), "100");
    }
}
