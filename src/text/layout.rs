//! A story laid out at a width: its lines, what each is, and where its text came from.

use super::wrap::wrap_text;

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

/// One line of a story laid out at a width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaidLine {
    pub kind: LineKind,
    pub text: String,
    pub origin: Option<Origin>,
}

/// Lays a story out at `width` columns: the headline, its date (if given), then the blocks
/// separated by blank lines, every line at most `width` columns (a lone wide character at
/// width 1 excepted).
pub fn lay_out(article: &crate::model::Article, date: Option<&str>, width: usize) -> Vec<LaidLine> {
    let mut lines = Vec::new();
    push_wrapped(
        &mut lines,
        &article.headline,
        LineKind::Headline,
        None,
        width,
    );
    if let Some(date) = date {
        for l in wrap_text(date, width) {
            lines.push(LaidLine {
                kind: LineKind::Date,
                text: l.into_owned(),
                origin: None,
            });
        }
    }
    for (i, block) in article.blocks.iter().enumerate() {
        lines.push(LaidLine {
            kind: LineKind::Blank,
            text: String::new(),
            origin: None,
        });
        let kind = match block {
            crate::model::Block::Paragraph { .. } => LineKind::Text,
            crate::model::Block::Subheading { .. } => LineKind::Subheading,
        };
        push_wrapped(&mut lines, block.text(), kind, Some(i), width);
    }
    lines
}

fn push_wrapped(
    lines: &mut Vec<LaidLine>,
    text: &str,
    kind: LineKind,
    block: Option<usize>,
    width: usize,
) {
    let mut pos = 0;
    for l in wrap_text(text, width) {
        let start = text[pos..].find(l.as_ref()).map_or(pos, |i| pos + i);
        pos = start + l.len();
        lines.push(LaidLine {
            kind,
            text: l.into_owned(),
            origin: Some(Origin { block, start }),
        });
    }
}

/// The index of the laid-out line that holds byte `offset` of the headline (`block: None`)
/// or of a block.
pub fn line_of(lines: &[LaidLine], block: Option<usize>, offset: usize) -> Option<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l.origin
                .is_some_and(|o| o.block == block && o.start <= offset)
        })
        .map(|(i, _)| i)
        .next_back()
}

#[cfg(test)]
mod layout_tests {
    use super::*;
    use crate::model::{Article, Block};
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

    #[test]
    fn headline_date_and_blocks_separated_by_blank_lines() {
        let lines = lay_out(&story(), Some("08 December 2025"), 20);
        let kinds: Vec<LineKind> = lines.iter().map(|l| l.kind).collect();
        use LineKind::*;
        assert_eq!(
            kinds,
            [Headline, Headline, Date, Blank, Text, Text, Text, Blank, Subheading]
        );
        assert!(lines.iter().all(|l| width(&l.text) <= 20));
        assert_eq!(lines[4].text, "In April, sales of");
        assert_eq!(lines[5].text, "gold dropped");
    }

    #[test]
    fn every_width_down_to_zero_lays_out() {
        for w in 0..30 {
            let lines = lay_out(&story(), None, w);
            assert!(
                lines.iter().all(|l| width(&l.text) <= w.max(1)),
                "width {w}"
            );
        }
    }

    #[test]
    fn offsets_find_their_lines() {
        let lines = lay_out(&story(), None, 20);
        let text = story().blocks[0].text().to_owned();
        let at = text.find("dropped").unwrap();
        let i = line_of(&lines, Some(0), at).unwrap();
        assert!(lines[i].text.contains("dropped"));
        assert_eq!(line_of(&lines, None, 0), Some(0));
        assert_eq!(
            line_of(&lines, Some(1), 0).map(|i| lines[i].kind),
            Some(LineKind::Subheading)
        );
    }
}
