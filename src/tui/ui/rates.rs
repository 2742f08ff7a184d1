//! The rates panel, in place of the story: a row a pair (value, the change from the day
//! before, a sparkline of the range, its low and high); and a pair's chart over the range,
//! dates along the bottom. Days the archive has nothing of are gaps, never zeros.

use crate::archive::{Pair, Point};
use crate::config::theme::Element;
use crate::model::Date;
use crate::text::glyphs::Glyphs;
use crate::text::wrap::{truncate, width};
use crate::tui::app::{App, RatesView};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::{self, bar, Marker};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Sparkline, Widget};

pub fn render(app: &App, view: &RatesView, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = app.theme();
    let glyphs = app.settings().glyphs;
    let sep = glyphs.separator();
    let pairs = app.pairs();
    let pair = pairs.get(view.selected).map_or("", String::as_str);
    let title = if view.chart {
        format!(
            " {pair} {sep} {} to {} ",
            view.range.name(),
            view.day.short()
        )
    } else {
        format!(
            " Rates {sep} {} to {} ",
            view.range.name(),
            view.day.short()
        )
    };
    let room = usize::from(area.width.saturating_sub(4));
    let ell = glyphs.ellipsis();
    let keys = range_keys(app);
    let block = Block::bordered()
        .border_set(glyphs.border())
        .border_style(theme.border(true))
        .title(truncate(&title, room, ell))
        .title_bottom(Line::from(truncate(&keys, room, ell)).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    let text = super::padded(inner);
    if text.is_empty() {
        return;
    }
    let say = |message: &str, buf: &mut Buffer| {
        Line::from(Span::styled(
            truncate(message, usize::from(text.width), ell),
            theme.get(Element::Hint),
        ))
        .render(Rect { height: 1, ..text }, buf);
    };
    if !app.has_archive() {
        panel(app, view, None, text, buf);
        if usize::from(text.height) > pairs.len() + 2 {
            let last = Rect {
                y: text.bottom() - 1,
                height: 1,
                ..text
            };
            Line::from(Span::styled(
                truncate(NO_ARCHIVE, usize::from(text.width), ell),
                theme.get(Element::Hint),
            ))
            .render(last, buf);
        }
        return;
    }
    match (&view.history, view.chart) {
        (None, _) => say(&format!("reading the archive{ell}"), buf),
        (Some(history), false) => panel(app, view, Some(history), text, buf),
        (Some(history), true) => match history.first() {
            Some(p) if !p.days.is_empty() => chart(p, view, glyphs, theme, text, buf),
            _ => say(
                &format!("no history of {pair} in {}", view.range.name()),
                buf,
            ),
        },
    }
}

const NO_ARCHIVE: &str = "The history needs an archive: `bulletin import FILE` starts one.";

/// The keys of the ranges and what else the panel takes, for its bottom border.
fn range_keys(app: &App) -> String {
    use crate::tui::action::Action::*;
    let keymap = app.keymap();
    let ranges = keymap
        .hint(&[RangeMonth, RangeQuarter, RangeYear, RangeAll])
        .map(|k| format!(" {k} range "))
        .unwrap_or_default();
    let open = match app.mode() {
        crate::tui::app::Mode::Rates(v) if v.chart => {
            // Left and Right move the chart's cursor, whatever the keymap says of them.
            let arrows = match app.settings().glyphs {
                Glyphs::Unicode => "←/→",
                Glyphs::Ascii => "Left/Right",
            };
            keymap
                .hint(&[Back])
                .map(|k| format!(" {arrows} day  {k} all pairs "))
        }
        _ => keymap.hint(&[Open]).map(|k| format!(" {k} chart ")),
    };
    format!("{ranges}{}", open.unwrap_or_default())
}

/// The columns of the panel at a width: the pair's, the value's, the change's, the
/// sparkline's, and the low's and high's (0 when left out for want of room).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    pair: usize,
    value: usize,
    /// The change as the bulletin wrote it.
    change: usize,
    /// The change computed from the archive's previous day (`-3.52% vs 05 Dec`).
    computed: usize,
    spark: usize,
    bound: usize,
}

impl Columns {
    fn new(room: usize, pair: usize, value: usize, computed: usize, bound: usize) -> Columns {
        const CHANGE: usize = 8; // "+12.34%"
        let mut c = Columns {
            pair,
            value,
            change: CHANGE,
            computed: computed.max(8),
            spark: 0,
            bound,
        };
        let fixed = |c: &Columns| {
            c.pair + 1 + c.value + 1 + c.change + 1 + c.computed + 2 + 2 * (c.bound + 1)
        };
        if fixed(&c) + 8 > room {
            c.bound = 0;
        }
        let fixed = if c.bound == 0 {
            c.pair + 1 + c.value + 1 + c.change + 1 + c.computed + 2
        } else {
            fixed(&c)
        };
        c.spark = room.saturating_sub(fixed);
        if c.spark < 4 {
            c.spark = 0;
        }
        c
    }
}

/// One row a pair; the selected one marked.
fn panel(app: &App, view: &RatesView, history: Option<&Vec<Pair>>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let glyphs = app.settings().glyphs;
    let panel_rows = app.panel_rates();
    let rates: Vec<&crate::model::Rate> = panel_rows.iter().map(|(r, _)| r).collect();
    let of = |pair: &str| history.and_then(|h| h.iter().find(|p| p.pair == pair));
    let bounds: Vec<Option<(f64, f64)>> = rates
        .iter()
        .map(|r| of(&r.pair).and_then(low_high))
        .collect();
    let fmt_bound = |b: f64, like: &str| format_like(b, like);
    let pair_w = rates
        .iter()
        .map(|r| width(&r.pair))
        .max()
        .unwrap_or(4)
        .max(4);
    let value_w = rates
        .iter()
        .map(|r| width(&r.value))
        .max()
        .unwrap_or(5)
        .max(5);
    let bound_w = rates
        .iter()
        .zip(&bounds)
        .filter_map(|(r, b)| {
            b.map(|(lo, hi)| width(&fmt_bound(lo, &r.value)).max(width(&fmt_bound(hi, &r.value))))
        })
        .max()
        .unwrap_or(0)
        .max(4);
    // The computed changes first: their column is as wide as the widest ("… vs 05 Dec").
    let computed: Vec<(String, Style)> = panel_rows
        .iter()
        .map(|(rate, missing)| match missing {
            // A pair the day shown has not: its last day in the range, dimmed.
            Some(date) => (format!("on {}", date.day_month()), theme.get(Element::Hint)),
            None => computed_change(of(&rate.pair), view.day, theme),
        })
        .collect();
    let computed_w = computed.iter().map(|(t, _)| width(t)).max().unwrap_or(0);
    let mut cols = Columns::new(
        usize::from(area.width),
        pair_w,
        value_w,
        computed_w,
        bound_w,
    );
    if history.is_none() {
        // Nothing but the day's own figures.
        (cols.spark, cols.bound) = (0, 0);
    }
    let header_style = theme.get(Element::Hint);
    let mut header = vec![
        Span::styled(pad_right("pair", cols.pair + 1), header_style),
        Span::styled(pad_left("value", cols.value), header_style),
        Span::styled(pad_left("written", cols.change + 1), header_style),
        Span::styled(pad_left("computed", cols.computed + 1), header_style),
    ];
    if cols.spark > 0 {
        header.push(Span::styled(
            format!("  {}", pad_right(view.range.name(), cols.spark)),
            header_style,
        ));
    }
    if cols.bound > 0 {
        header.push(Span::styled(pad_left("low", cols.bound + 1), header_style));
        header.push(Span::styled(pad_left("high", cols.bound + 1), header_style));
    }
    Line::from(header).render(Rect { height: 1, ..area }, buf);
    let rows = usize::from(area.height.saturating_sub(1));
    let offset = view.selected.saturating_sub(rows.saturating_sub(1));
    for (i, rate) in rates.iter().enumerate().skip(offset).take(rows) {
        let y = area.y + 1 + (i - offset) as u16;
        let row = Rect {
            y,
            height: 1,
            ..area
        };
        let selected = i == view.selected;
        let pair = of(&rate.pair);
        let (written, written_style) = written_change(rate, theme);
        let (computed, computed_style) = computed[i].clone();
        let dim = panel_rows[i].1.is_some();
        let plain = if dim {
            theme.get(Element::Hint)
        } else {
            Style::new()
        };
        let mut spans = vec![
            Span::styled(pad_right(&rate.pair, cols.pair + 1), plain),
            Span::styled(pad_left(&rate.value, cols.value), plain),
            Span::styled(pad_left(&written, cols.change + 1), written_style),
            Span::styled(pad_left(&computed, cols.computed + 1), computed_style),
        ];
        if cols.spark > 0 {
            spans.push(Span::raw("  "));
        }
        let spark_x =
            area.x + (cols.pair + 1 + cols.value + cols.change + 1 + cols.computed + 1 + 2) as u16;
        if cols.bound > 0 {
            spans.push(Span::raw(" ".repeat(cols.spark)));
            let (lo, hi) = bounds[i].map_or((String::new(), String::new()), |(lo, hi)| {
                (fmt_bound(lo, &rate.value), fmt_bound(hi, &rate.value))
            });
            spans.push(Span::raw(pad_left(&lo, cols.bound + 1)));
            spans.push(Span::raw(pad_left(&hi, cols.bound + 1)));
        }
        if selected {
            buf.set_style(row, theme.selected(true));
        }
        let line_style = if selected {
            theme.selected(true)
        } else {
            Style::new()
        };
        Line::from(spans).style(line_style).render(row, buf);
        if let (Some(pair), true) = (pair, cols.spark > 0) {
            let spark = Rect {
                x: spark_x,
                y,
                width: cols.spark as u16,
                height: 1,
            };
            let from = view
                .range
                .days()
                .and_then(|n| view.day.plus_days(1 - n))
                .or_else(|| pair.days.first().map(|d| d.date))
                .unwrap_or(view.day);
            sparkline(pair, from, view.day, glyphs, theme, spark, buf);
        }
    }
}

/// The change as the bulletin wrote it (`0%`, `-0%`), coloured by its direction.
fn written_change(rate: &crate::model::Rate, theme: &Theme) -> (String, Style) {
    let text = rate.change.clone().unwrap_or_default();
    (text.clone(), theme.get(element_of(&text)))
}

/// The change computed from the archive's previous day for the pair, on the day shown:
/// `+0.35%`, with how far back that day is when it is not the day before (`-3.52% vs 05
/// Dec`); `—` when there is no earlier day (never the written change in its place).
fn computed_change(pair: Option<&Pair>, day: Date, theme: &Theme) -> (String, Style) {
    let days = pair.map_or(&[][..], |p| p.days.as_slice());
    let at = days.iter().rposition(|d| d.date == day);
    let Some(c) = at.and_then(|i| days[i].change_from_previous.clone()) else {
        return ("—".to_owned(), theme.get(Element::Hint));
    };
    let sign = if c.starts_with('-') || c == "0.00" {
        ""
    } else {
        "+"
    };
    let mut text = format!("{sign}{c}%");
    let previous = at.and_then(|i| i.checked_sub(1)).map(|i| days[i].date);
    if let Some(previous) = previous.filter(|p| p.plus_days(1) != Some(day)) {
        text.push_str(&format!(" vs {}", previous.day_month()));
    }
    let style = theme.get(element_of(&text));
    (text, style)
}

/// The style of a change by its sign: a fall rounded to nothing (`-0%`) apart.
fn element_of(text: &str) -> Element {
    let figure = text.split(' ').next().unwrap_or("");
    if figure.starts_with('-') && figure.trim_start_matches(['-', '0', '.', '%']).is_empty() {
        Element::RoundedFall
    } else if figure.starts_with('-') {
        Element::Falling
    } else if figure.starts_with('+') && figure.trim_start_matches(['+', '0', '.', '%']).is_empty()
    {
        Element::Flat
    } else if figure.starts_with('+') {
        Element::Rising
    } else {
        Element::Flat
    }
}

/// The lowest and highest value of a pair's days.
fn low_high(pair: &Pair) -> Option<(f64, f64)> {
    pair.days
        .iter()
        .filter_map(Point::number)
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// A number written with as many decimals as `like` has.
fn format_like(n: f64, like: &str) -> String {
    let decimals = like.split_once('.').map_or(0, |(_, d)| d.len());
    let s = format!("{n:.decimals$}");
    if like.contains(',') {
        let (int, frac) = s
            .split_once('.')
            .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
        let grouped = int
            .parse::<usize>()
            .map(crate::text::wrap::thousands)
            .unwrap_or_else(|_| int.to_owned());
        match frac {
            Some(f) => format!("{grouped}.{f}"),
            None => grouped,
        }
    } else {
        s
    }
}

/// Each column of a sparkline: the last value of the days it covers, or none (a gap)
/// when the archive has none of them. One day a column when there is room.
pub fn columns(days: &[Point], from: Date, to: Date, width: usize) -> Vec<Option<f64>> {
    let span = (to.days() - from.days() + 1).max(1) as usize;
    let n = span.min(width).max(1);
    let mut out = vec![None; n];
    for d in days {
        let Some(v) = d.number() else { continue };
        let offset = d.date.days() - from.days();
        if offset < 0 || offset as usize >= span {
            continue;
        }
        let column = offset as usize * n / span;
        out[column] = Some(v);
    }
    out
}

/// Bars a sparkline is drawn with where the terminal is not UTF-8.
const ASCII_BARS: bar::Set = bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "=",
    five_eighths: "=",
    half: "-",
    three_eighths: "-",
    one_quarter: "_",
    one_eighth: "_",
    empty: " ",
};

fn sparkline(
    pair: &Pair,
    from: Date,
    to: Date,
    glyphs: Glyphs,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let values = columns(&pair.days, from, to, usize::from(area.width));
    let (lo, hi) = values
        .iter()
        .flatten()
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    // The lowest day a bar of one eighth, the highest a full bar; a flat history is a row
    // of middle bars. Days without data are left blank.
    let bars: Vec<Option<u64>> = values
        .iter()
        .map(|v| {
            v.map(|v| {
                if hi > lo {
                    1 + ((v - lo) / (hi - lo) * 7.0).round() as u64
                } else {
                    4
                }
            })
        })
        .collect();
    let set = match glyphs {
        Glyphs::Unicode => bar::NINE_LEVELS,
        Glyphs::Ascii => ASCII_BARS,
    };
    Sparkline::default()
        .data(bars)
        .max(8)
        .bar_set(set)
        .absent_value_symbol(" ")
        .style(theme.get(Element::Chart))
        .render(area, buf);
}

/// A pair's chart: the days of the range as lines broken where days are missing, the
/// value on the left, dates along the bottom.
fn chart(
    pair: &Pair,
    view: &RatesView,
    glyphs: Glyphs,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let points: Vec<(f64, f64)> = pair
        .days
        .iter()
        .filter_map(|d| Some((d.date.days() as f64, d.number()?)))
        .collect();
    let Some((lo, hi)) = low_high(pair) else {
        return;
    };
    let like = pair.days.last().map_or("", |d| d.value.as_str());
    let first = pair.days.first().map_or(view.day, |d| d.date);
    let from = view
        .range
        .days()
        .and_then(|n| view.day.plus_days(1 - n))
        .unwrap_or(first);
    // Segments of consecutive days: a missing day breaks the line, unless the chart is too
    // coarse to show a day (then only a gap wider than a dot does).
    let dots = (area.width.saturating_sub(12)).max(1) as f64 * 2.0;
    let gap = ((view.day.days() - from.days()) as f64 / dots).max(1.0);
    let points = thin(
        points,
        from.days() as f64,
        view.day.days() as f64,
        dots as usize,
    );
    // A few points (a pair seen on a few days): each marked where it stands, joined in
    // one line, and its first, last, low and high written under the chart.
    let few = points.len() < FEW_POINTS;
    // The day under the cursor (Left, Right), when one was picked.
    let cursor = view.cursor.and_then(|i| pair.days.get(i));
    let note_rows = if few { 2 } else { 0 } + u16::from(cursor.is_some());
    let (area, notes) = if note_rows > 0 && area.height > note_rows + 4 {
        let notes = Rect {
            y: area.bottom() - note_rows,
            height: note_rows,
            ..area
        };
        (
            Rect {
                height: area.height - note_rows,
                ..area
            },
            Some(notes),
        )
    } else {
        (area, None)
    };
    let cursor_point: Vec<(f64, f64)> = cursor
        .and_then(|d| Some((d.date.days() as f64, d.number()?)))
        .into_iter()
        .collect();
    let mut segments: Vec<&[(f64, f64)]> = Vec::new();
    let mut start = 0;
    for i in 1..=points.len() {
        if i == points.len() || (!few && points[i].0 - points[i - 1].0 > gap) {
            segments.push(&points[start..i]);
            start = i;
        }
    }
    let marker = match glyphs {
        Glyphs::Unicode => Marker::Braille,
        Glyphs::Ascii => Marker::Dot,
    };
    let style = theme.get(Element::Chart);
    let mut datasets: Vec<Dataset> = segments
        .into_iter()
        .map(|s| {
            Dataset::default()
                .marker(marker)
                .graph_type(if s.len() > 1 {
                    GraphType::Line
                } else {
                    GraphType::Scatter
                })
                .style(style)
                .data(s)
        })
        .collect();
    if !cursor_point.is_empty() {
        datasets.push(
            Dataset::default()
                .marker(Marker::Block)
                .graph_type(GraphType::Scatter)
                .style(theme.get(Element::CurrentMatch))
                .data(&cursor_point),
        );
    }
    if few {
        // A mark a point, visible at any size (a braille dot alone is not).
        datasets.push(
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(style.add_modifier(ratatui::style::Modifier::BOLD))
                .data(&points),
        );
    }
    let pad = if hi > lo {
        (hi - lo) * 0.05
    } else {
        hi.abs() * 0.01 + 1e-9
    };
    let y_labels = vec![
        Line::from(format_like(lo, like)),
        Line::from(format_like((lo + hi) / 2.0, like)),
        Line::from(format_like(hi, like)),
    ];
    let label_w = y_labels.iter().map(|l| l.width()).max().unwrap_or(0);
    let plot = usize::from(area.width).saturating_sub(label_w + 1);
    let dates = [
        from,
        Date::from_days((from.days() + view.day.days()) / 2).unwrap_or(from),
        view.day,
    ];
    let x_labels: Vec<Line> = if plot >= 3 * 12 + 4 {
        dates.iter().map(|d| Line::from(d.short())).collect()
    } else if plot >= 2 * 12 + 2 {
        [dates[0], dates[2]]
            .iter()
            .map(|d| Line::from(d.short()))
            .collect()
    } else {
        [dates[0], dates[2]]
            .iter()
            .map(|d| Line::from(d.day_month()))
            .collect()
    };
    let hint = theme.get(Element::Hint);
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([from.days() as f64, view.day.days() as f64])
                .labels(x_labels)
                .style(hint),
        )
        .y_axis(
            Axis::default()
                .bounds([lo - pad, hi + pad])
                .labels(y_labels)
                .style(hint),
        );
    chart.render(area, buf);
    if let Some(notes) = notes {
        let sep = glyphs.separator();
        let days = &pair.days;
        let of = |d: Option<&Point>, what: &str| {
            d.map(|d| format!("{what} {} on {}", d.value, d.date.day_month()))
        };
        let by_value = |a: &&Point, b: &&Point| {
            a.number()
                .partial_cmp(&b.number())
                .unwrap_or(std::cmp::Ordering::Equal)
        };
        let low = days
            .iter()
            .filter(|d| d.number().is_some())
            .min_by(by_value);
        let high = days
            .iter()
            .filter(|d| d.number().is_some())
            .max_by(by_value);
        let mut rows = Vec::new();
        if let Some(d) = cursor {
            rows.push([of(Some(d), "at the cursor"), None]);
        }
        if few {
            rows.push([of(days.first(), "first"), of(days.last(), "last")]);
            rows.push([of(low, "low"), of(high, "high")]);
        }
        for (i, row) in rows.into_iter().enumerate() {
            let parts: Vec<String> = row.into_iter().flatten().collect();
            let text = parts.join(&format!(" {sep} "));
            Line::from(Span::styled(
                truncate(&text, usize::from(notes.width), glyphs.ellipsis()),
                theme.get(Element::Hint),
            ))
            .render(
                Rect {
                    y: notes.y + i as u16,
                    height: 1,
                    ..notes
                },
                buf,
            );
        }
    }
    if glyphs == Glyphs::Ascii {
        to_ascii_cells(area, buf);
    }
}

/// Below this many points a chart marks each one and writes its first, last, low and high.
const FEW_POINTS: usize = 20;

/// Points enough for `dots` columns of dots: where there are many more, each column keeps
/// its first, lowest, highest and last (the line looks the same, drawn at a fraction of
/// the cost: ten years are 3,650 points for some 200 dots).
fn thin(points: Vec<(f64, f64)>, from: f64, to: f64, dots: usize) -> Vec<(f64, f64)> {
    if points.len() <= 4 * dots || dots == 0 {
        return points;
    }
    let span = (to - from).max(1.0);
    let column = |x: f64| (((x - from) / span * dots as f64) as usize).min(dots - 1);
    let mut out = Vec::with_capacity(4 * dots);
    let mut i = 0;
    while i < points.len() {
        let c = column(points[i].0);
        let mut j = i;
        while j < points.len() && column(points[j].0) == c {
            j += 1;
        }
        let bucket = &points[i..j];
        let low = bucket.iter().min_by(|a, b| a.1.total_cmp(&b.1)).copied();
        let high = bucket.iter().max_by(|a, b| a.1.total_cmp(&b.1)).copied();
        let mut keep = vec![bucket[0]];
        keep.extend(low);
        keep.extend(high);
        keep.push(bucket[bucket.len() - 1]);
        keep.sort_by(|a, b| a.0.total_cmp(&b.0));
        keep.dedup();
        out.extend(keep);
        i = j;
    }
    out
}

/// The chart's dots and axis lines in ASCII, for a terminal that is not UTF-8.
fn to_ascii_cells(area: Rect, buf: &mut Buffer) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            let ascii = match cell.symbol() {
                s if s == symbols::DOT => "*",
                "│" | "┃" => "|",
                "─" | "━" => "-",
                "└" | "┗" => "+",
                s if !s.is_ascii() => "*",
                _ => continue,
            };
            cell.set_symbol(ascii);
        }
    }
}

fn pad_right(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(date: &str, value: &str) -> Point {
        Point {
            date: Date::parse_iso(date).unwrap(),
            value: value.into(),
            change: None,
            change_from_previous: None,
        }
    }

    #[test]
    fn a_day_without_data_is_a_gap_and_a_long_range_is_folded_into_the_width() {
        let d = |s| Date::parse_iso(s).unwrap();
        let days = [point("2025-12-01", "1"), point("2025-12-03", "3")];
        assert_eq!(
            columns(&days, d("2025-12-01"), d("2025-12-04"), 30),
            [Some(1.0), None, Some(3.0), None]
        );
        // 10 days in 5 columns: two days a column, the later one kept.
        let days: Vec<Point> = (1..=10)
            .map(|i| point(&format!("2025-12-{i:02}"), &i.to_string()))
            .collect();
        assert_eq!(
            columns(&days, d("2025-12-01"), d("2025-12-10"), 5),
            [Some(2.0), Some(4.0), Some(6.0), Some(8.0), Some(10.0)]
        );
    }

    #[test]
    fn a_long_history_is_thinned_to_the_dots_keeping_its_lows_and_highs() {
        let points: Vec<(f64, f64)> = (0..3650).map(|d| (d as f64, (d % 97) as f64)).collect();
        let thinned = thin(points.clone(), 0.0, 3649.0, 100);
        assert!(thinned.len() <= 400, "{}", thinned.len());
        assert!(thinned.windows(2).all(|w| w[0].0 < w[1].0), "in order");
        assert_eq!(thinned.first(), points.first());
        assert_eq!(thinned.last(), points.last());
        let max = |p: &[(f64, f64)]| p.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        assert_eq!(max(&thinned), max(&points));
        // Few points are left as they are.
        assert_eq!(thin(points[..300].to_vec(), 0.0, 299.0, 100), points[..300]);
    }

    #[test]
    fn bounds_are_written_as_the_value_is() {
        assert_eq!(format_like(510.456, "512.30"), "510.46");
        assert_eq!(format_like(0.001964, "0.00196"), "0.00196");
        assert_eq!(format_like(1234.5, "1,234.50"), "1,234.50");
        assert_eq!(format_like(1234.4, "1,234"), "1,234");
    }
}
