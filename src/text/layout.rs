//! A story laid out at a width: its lines, what each is, and where its text is. A line
//! holds no text of its own, only where it is in the story (12 bytes a line), so even a
//! story of one 10 MB paragraph lays out in a few megabytes.

use super::wrap::wrap_ranges;
use crate::model::{Article, Block};
use std::ops::Range;

/// What a laid-out line of a story is, which decides its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Headline,
    Date,
    Subheading,
    Text,
    Blank,
}

/// Where a laid-out line's text comes from: the headline or a block, and the byte offset in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    /// `None` for the headline, else the index of the block.
    pub block: Option<usize>,
    /// Byte offset of the line's first character in that text.
    pub start: usize,
}

/// The text a line is cut from: 0 the headline, 1 the date, 2 and on the blocks.
const HEADLINE: u32 = 0;
const DATE: u32 = 1;
const FIRST_BLOCK: u32 = 2;

/// One line of a story laid out at a width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LaidLine {
    pub kind: LineKind,
    /// Which text the line is cut from (a blank line: the block it stands before).
    source: u32,
    start: u32,
    len: u32,
}

impl LaidLine {
    /// Where the line's text is, for the headline and the blocks (not the date or a blank).
    pub fn origin(&self) -> Option<Origin> {
        let block = match (self.kind, self.source) {
            (LineKind::Blank | LineKind::Date, _) => return None,
            (_, HEADLINE) => None,
            (_, s) => Some((s - FIRST_BLOCK) as usize),
        };
        Some(Origin {
            block,
            start: self.start as usize,
        })
    }

    /// The line's byte range in its text.
    pub fn range(&self) -> Range<usize> {
        let start = self.start as usize;
        start..start + self.len as usize
    }

    /// The line's place in the story, in reading order.
    fn place(&self) -> (u32, u32) {
        (self.source, self.start)
    }
}

/// A story's lines at one width.
#[derive(Debug, Clone, Default)]
pub struct StoryLayout {
    date: Option<String>,
    lines: Vec<LaidLine>,
}

impl StoryLayout {
    /// Lays a story out at `width` columns: the headline, its date (if given), then the
    /// blocks separated by blank lines, every line at most `width` columns (a lone wide
    /// character at width 1 excepted).
    pub fn new(article: &Article, date: Option<&str>, width: usize) -> StoryLayout {
        let mut lines = Vec::new();
        push_wrapped(
            &mut lines,
            &article.headline,
            LineKind::Headline,
            HEADLINE,
            width,
        );
        if let Some(date) = date {
            push_wrapped(&mut lines, date, LineKind::Date, DATE, width);
        }
        for (i, block) in article.blocks.iter().enumerate() {
            let source = FIRST_BLOCK + u32::try_from(i).unwrap_or(u32::MAX - FIRST_BLOCK);
            lines.push(LaidLine {
                kind: LineKind::Blank,
                source,
                start: 0,
                len: 0,
            });
            let kind = match block {
                Block::Paragraph { .. } => LineKind::Text,
                Block::Subheading { .. } => LineKind::Subheading,
            };
            push_wrapped(&mut lines, block.text(), kind, source, width);
        }
        lines.shrink_to_fit();
        StoryLayout {
            date: date.map(str::to_owned),
            lines,
        }
    }

    pub fn lines(&self) -> &[LaidLine] {
        &self.lines
    }

    /// The text of a line of this layout, from the story it was laid out from.
    pub fn text<'a>(&'a self, line: &LaidLine, article: &'a Article) -> &'a str {
        let whole = match line.source {
            _ if line.kind == LineKind::Blank => "",
            HEADLINE => &article.headline,
            DATE => self.date.as_deref().unwrap_or(""),
            s => article
                .blocks
                .get((s - FIRST_BLOCK) as usize)
                .map_or("", Block::text),
        };
        whole.get(line.range()).unwrap_or("")
    }

    /// The index of the line that holds byte `offset` of the headline (`block: None`) or of
    /// a block.
    pub fn line_of(&self, block: Option<usize>, offset: usize) -> Option<usize> {
        let source = match block {
            None => HEADLINE,
            Some(b) => FIRST_BLOCK + u32::try_from(b).ok()?,
        };
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        let after = self
            .lines
            .partition_point(|l| l.place() <= (source, offset));
        self.lines[..after]
            .iter()
            .rposition(|l| l.source == source && l.kind != LineKind::Blank)
            .filter(|&i| self.lines[i].source == source)
    }

    /// The memory the layout holds.
    pub fn bytes(&self) -> usize {
        self.lines.capacity() * std::mem::size_of::<LaidLine>()
            + self.date.as_ref().map_or(0, String::capacity)
    }
}

fn push_wrapped(lines: &mut Vec<LaidLine>, text: &str, kind: LineKind, source: u32, width: usize) {
    let before = lines.len();
    wrap_ranges(text, width, |start, len| {
        lines.push(LaidLine {
            kind,
            source,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            len: u32::try_from(len).unwrap_or(0),
        })
    });
    if lines.len() == before {
        // An empty text still takes its line.
        lines.push(LaidLine {
            kind,
            source,
            start: 0,
            len: 0,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::wrap::width;

    fn story() -> Article {
        Article {
            headline: "Drop in Uzbekistan’s Gold Sales".into(),
            date: None,
            blocks: vec![
                Block::Paragraph {
                    text: "In April, sales of gold dropped significantly.".into(),
                },
                Block::Subheading {
                    text: "What it means".into(),
                },
            ],
        }
    }

    fn texts<'a>(layout: &'a StoryLayout, article: &'a Article) -> Vec<&'a str> {
        layout
            .lines()
            .iter()
            .map(|l| layout.text(l, article))
            .collect()
    }

    #[test]
    fn headline_date_and_blocks_separated_by_blank_lines() {
        let a = story();
        let layout = StoryLayout::new(&a, Some("08 December 2025"), 20);
        let kinds: Vec<LineKind> = layout.lines().iter().map(|l| l.kind).collect();
        use LineKind::*;
        assert_eq!(
            kinds,
            [Headline, Headline, Date, Blank, Text, Text, Text, Blank, Subheading]
        );
        let texts = texts(&layout, &a);
        assert!(texts.iter().all(|t| width(t) <= 20));
        assert_eq!(
            texts,
            [
                "Drop in Uzbekistan’s",
                "Gold Sales",
                "08 December 2025",
                "",
                "In April, sales of",
                "gold dropped",
                "significantly.",
                "",
                "What it means"
            ]
        );
    }

    #[test]
    fn every_width_down_to_zero_lays_out() {
        let a = story();
        for w in 0..30 {
            let layout = StoryLayout::new(&a, None, w);
            assert!(
                texts(&layout, &a).iter().all(|t| width(t) <= w.max(1)),
                "width {w}"
            );
        }
    }

    #[test]
    fn offsets_find_their_lines() {
        let a = story();
        let layout = StoryLayout::new(&a, Some("08 December 2025"), 20);
        let at = a.blocks[0].text().find("dropped").unwrap();
        let i = layout.line_of(Some(0), at).unwrap();
        assert!(layout.text(&layout.lines()[i], &a).contains("dropped"));
        assert_eq!(layout.line_of(None, 0), Some(0));
        assert_eq!(layout.line_of(None, 10), Some(0));
        assert_eq!(
            layout.line_of(Some(1), 0).map(|i| layout.lines()[i].kind),
            Some(LineKind::Subheading)
        );
        assert_eq!(layout.line_of(Some(7), 0), None);
        for (i, line) in layout.lines().iter().enumerate() {
            if let Some(o) = line.origin() {
                assert_eq!(layout.line_of(o.block, o.start), Some(i));
            }
        }
    }

    #[test]
    fn a_line_costs_a_few_bytes_not_its_text() {
        let text = "word ".repeat(200_000);
        let a = Article {
            headline: "A Long One".into(),
            date: None,
            blocks: vec![Block::Paragraph { text }],
        };
        let layout = StoryLayout::new(&a, None, 60);
        assert!(layout.lines().len() > 15_000);
        assert!(
            layout.bytes() <= layout.lines().len() * 16,
            "{} bytes",
            layout.bytes()
        );
    }
}
