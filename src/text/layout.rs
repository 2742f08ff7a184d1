//! A story laid out at a width: its lines, what each is, and where its text is. A line
//! holds no text of its own, only where it is in the story (12 bytes a line), so even a
//! story of one 10 MB paragraph lays out in a few megabytes.

use super::wrap::wrap_piece;
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

/// A story's lines at one width, laid out as far as asked: a story far too long to lay out
/// at once (a 10 MB paragraph) is laid out a piece at a time, around what is shown first.
#[derive(Debug, Clone, Default)]
pub struct StoryLayout {
    date: Option<String>,
    width: usize,
    lines: Vec<LaidLine>,
    /// Where laying out goes on: a text and the byte in it; `None` when the story is done.
    next: Option<(u32, usize)>,
}

impl StoryLayout {
    /// Lays a whole story out at `width` columns: the headline, its date (if given), then
    /// the blocks separated by blank lines, every line at most `width` columns (a lone wide
    /// character at width 1 excepted).
    pub fn new(article: &Article, date: Option<&str>, width: usize) -> StoryLayout {
        let mut layout = StoryLayout::begin(date, width);
        layout.extend(article, usize::MAX);
        layout
    }

    /// A layout with nothing laid out yet: [`StoryLayout::extend`] lays it out.
    pub fn begin(date: Option<&str>, width: usize) -> StoryLayout {
        StoryLayout {
            date: date.map(str::to_owned),
            width,
            lines: Vec::new(),
            next: Some((HEADLINE, 0)),
        }
    }

    /// True when the whole story is laid out.
    pub fn is_done(&self) -> bool {
        self.next.is_none()
    }

    /// Lays out about `budget` more bytes of the story's text (at least one piece); true
    /// when the story is done.
    pub fn extend(&mut self, article: &Article, budget: usize) -> bool {
        let mut spent = 0;
        while let Some((source, offset)) = self.next {
            let (text, kind) = match source {
                HEADLINE => (article.headline.as_str(), LineKind::Headline),
                DATE => (self.date.as_deref().unwrap_or(""), LineKind::Date),
                s => match article.blocks.get((s - FIRST_BLOCK) as usize) {
                    Some(Block::Paragraph { text }) => (text.as_str(), LineKind::Text),
                    Some(Block::Subheading { text }) => (text.as_str(), LineKind::Subheading),
                    None => {
                        self.next = None;
                        break;
                    }
                },
            };
            if source >= FIRST_BLOCK && offset == 0 {
                self.lines.push(LaidLine {
                    kind: LineKind::Blank,
                    source,
                    start: 0,
                    len: 0,
                });
            }
            let before = self.lines.len();
            let lines = &mut self.lines;
            let next = wrap_piece(text, offset, self.width, |start, len| {
                lines.push(LaidLine {
                    kind,
                    source,
                    start: u32::try_from(start).unwrap_or(u32::MAX),
                    len: u32::try_from(len).unwrap_or(0),
                })
            });
            if lines.len() == before && offset == 0 {
                // An empty text still takes its line.
                lines.push(LaidLine {
                    kind,
                    source,
                    start: 0,
                    len: 0,
                });
            }
            spent += next.unwrap_or(text.len()) - offset + 1;
            self.next = match next {
                Some(at) => Some((source, at)),
                None => self.after(source, article),
            };
            if spent >= budget {
                break;
            }
        }
        if self.next.is_none() {
            self.lines.shrink_to_fit();
        }
        self.next.is_none()
    }

    /// The text that comes after `source` in the story.
    fn after(&self, source: u32, article: &Article) -> Option<(u32, usize)> {
        let next = match source {
            HEADLINE if self.date.is_some() => DATE,
            HEADLINE | DATE => FIRST_BLOCK,
            s => s + 1,
        };
        let blocks = u32::try_from(article.blocks.len()).unwrap_or(u32::MAX);
        (next < FIRST_BLOCK + blocks).then_some((next, 0))
    }

    /// True when the line holding byte `offset` of the headline (`block: None`) or of a
    /// block is laid out.
    pub fn covers(&self, block: Option<usize>, offset: usize) -> bool {
        let Some((source, at)) = self.next else {
            return true;
        };
        let want = match block {
            None => HEADLINE,
            Some(b) => FIRST_BLOCK + u32::try_from(b).unwrap_or(u32::MAX - FIRST_BLOCK),
        };
        (want, offset) < (source, at)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::wrap::width;

    fn story() -> Article {
        Article {
            headline: "Drop in Uzbekistan’s Gold Sales".into(),
            date: None,
            url: None,
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
    fn laid_out_a_piece_at_a_time_a_story_has_the_lines_of_a_whole_layout() {
        let text = "gold sales dropped significantly ".repeat(10_000);
        let a = Article {
            headline: "A Long One".into(),
            date: None,
            url: None,
            blocks: vec![
                Block::Paragraph { text: text.clone() },
                Block::Subheading {
                    text: "Then".into(),
                },
                Block::Paragraph { text },
            ],
        };
        let whole = StoryLayout::new(&a, Some("1 May 2025"), 33);
        let mut parts = StoryLayout::begin(Some("1 May 2025"), 33);
        let mut steps = 0;
        while !parts.extend(&a, 1000) {
            steps += 1;
        }
        assert!(steps > 4, "{steps}");
        assert_eq!(parts.lines(), whole.lines());
        let mut partial = StoryLayout::begin(None, 33);
        partial.extend(&a, 1);
        assert!(!partial.is_done());
        assert!(partial.covers(None, 0));
        assert!(!partial.covers(Some(2), 0));
    }

    #[test]
    fn a_line_costs_a_few_bytes_not_its_text() {
        let text = "word ".repeat(200_000);
        let a = Article {
            headline: "A Long One".into(),
            date: None,
            url: None,
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
