//! The bulletin as readable plain text, for pipes and `--plain`.

use crate::model::{Block, Bulletin};
use crate::text::marquee::{rate_label, Glyphs, TICKER_GAP};
use crate::text::wrap::{width, wrap_text};

/// Renders the bulletin at `cols` columns: the date, the rates, then each story with its
/// headline underlined and its paragraphs and subheadings wrapped.
pub fn render(b: &Bulletin, cols: usize, glyphs: Glyphs) -> String {
    let cols = cols.max(1);
    let mut out = String::new();
    if let Some(date) = b.date {
        out.push_str(&date.long());
        out.push('\n');
    }
    for line in rate_lines(b, cols, glyphs) {
        out.push_str(&line);
        out.push('\n');
    }
    if b.articles.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("No stories in this bulletin.\n");
        return out;
    }
    for article in &b.articles {
        if !out.is_empty() {
            out.push('\n');
        }
        underlined(&mut out, &article.headline, cols, '=');
        if let Some(date) = article.date.filter(|d| Some(*d) != b.date) {
            out.push_str(&date.long());
            out.push('\n');
        }
        for block in &article.blocks {
            out.push('\n');
            match block {
                Block::Paragraph { text } => wrapped(&mut out, text, cols),
                Block::Subheading { text } => underlined(&mut out, text, cols, '-'),
            }
        }
    }
    out
}

/// The rates, as many to a line as fit, never one split across lines.
fn rate_lines(b: &Bulletin, cols: usize, glyphs: Glyphs) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for label in b.rates.iter().map(|r| rate_label(r, glyphs)) {
        if !current.is_empty() && width(&current) + TICKER_GAP + width(&label) > cols {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.extend(std::iter::repeat_n(' ', TICKER_GAP));
        }
        current.push_str(&label);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

fn wrapped(out: &mut String, text: &str, cols: usize) {
    for line in wrap_text(text, cols) {
        out.push_str(&line);
        out.push('\n');
    }
}

/// The text wrapped, then a rule of `mark` as wide as its widest line.
fn underlined(out: &mut String, text: &str, cols: usize, mark: char) {
    let lines = wrap_text(text, cols);
    let rule = lines.iter().map(|l| width(l)).max().unwrap_or(0).min(cols);
    for line in &lines {
        out.push_str(line);
        out.push('\n');
    }
    out.extend(std::iter::repeat_n(mark, rule));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_str;

    const TEXT: &str = "• KGS/USD = 0.01144 0%\n• KZT/USD = 0.00196 -0%\n08 December 2025\n\n\
        Drop in Uzbekistan’s Gold Sales\n\nIn April, Uzbekistan’s sales of gold dropped \
        significantly.\n\nWhat the figures say\n\nMore.\n";

    #[test]
    fn date_rates_headline_and_blocks_in_order() {
        let out = render(&parse_str(TEXT), 80, Glyphs::Unicode);
        assert_eq!(
            out,
            "08 December 2025\nKGS/USD 0.01144 ● 0%   KZT/USD 0.00196 ▼ -0%\n\n\
             Drop in Uzbekistan’s Gold Sales\n===============================\n\n\
             In April, Uzbekistan’s sales of gold dropped significantly.\n\n\
             What the figures say\n--------------------\n\nMore.\n"
        );
    }

    #[test]
    fn every_line_fits_the_width() {
        let out = render(&parse_str(TEXT), 24, Glyphs::Unicode);
        for line in out.lines() {
            assert!(width(line) <= 24, "{line:?}");
        }
        assert!(out.contains("KGS/USD 0.01144 ● 0%\nKZT/USD 0.00196 ▼ -0%\n"));
    }

    #[test]
    fn ascii_glyphs_outside_utf8_locales() {
        let out = render(&parse_str(TEXT), 80, Glyphs::Ascii);
        assert!(out.contains("KGS/USD 0.01144 = 0%   KZT/USD 0.00196 v -0%"));
    }

    #[test]
    fn no_stories_is_said() {
        assert_eq!(
            render(&parse_str(""), 80, Glyphs::Unicode),
            "No stories in this bulletin.\n"
        );
    }

    #[test]
    fn a_story_dated_otherwise_shows_its_date() {
        let text = "08 December 2025\n\nFirst One\n\n09 December 2025\n\nSecond One\n";
        let out = render(&parse_str(text), 80, Glyphs::Unicode);
        assert!(
            out.contains("Second One\n==========\n09 December 2025\n"),
            "{out}"
        );
        assert!(!out.contains("First One\n=========\n08"), "{out}");
    }
}
