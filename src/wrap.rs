//! Text laid out at a width, measured in display columns (textwrap + unicode-width).

use std::borrow::Cow;

/// Wraps `text` to lines of at most `width` display columns. Words longer than the width are
/// broken; a width of 0 is taken as 1. A wide character never fits in a width of 1, and then
/// stands alone on its line.
pub fn wrap_text(text: &str, width: usize) -> Vec<Cow<'_, str>> {
    let options = textwrap::Options::new(width.max(1)).break_words(true);
    textwrap::wrap(text, options)
}

/// The display width of `text` in terminal columns.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "In April, Uzbekistan’s sales of gold dropped significantly, according to \
                        data published by the World Gold Council (WGC).";

    #[test]
    fn lines_fit_the_width_and_keep_every_word() {
        for w in [1, 2, 5, 10, 17, 40, 80, 200] {
            let lines = wrap_text(TEXT, w);
            for l in &lines {
                assert!(width(l) <= w, "{l:?} is wider than {w}");
            }
            let joined: String = lines.concat().split_whitespace().collect();
            let want: String = TEXT.split_whitespace().collect();
            assert_eq!(joined, want, "width {w}");
        }
    }

    #[test]
    fn width_zero_is_width_one() {
        assert_eq!(wrap_text("ab", 0), ["a", "b"]);
    }

    #[test]
    fn wide_characters_are_measured_as_two_columns() {
        let lines = wrap_text("中国与哈萨克斯坦合作", 6);
        assert_eq!(lines, ["中国与", "哈萨克", "斯坦合", "作"]);
        assert!(lines.iter().all(|l| width(l) <= 6));
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap_text("", 10).len(), 1);
    }
}

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
pub fn lay_out(article: &crate::Article, date: Option<&str>, width: usize) -> Vec<LaidLine> {
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
            crate::Block::Paragraph { .. } => LineKind::Text,
            crate::Block::Subheading { .. } => LineKind::Subheading,
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
    use crate::{Article, Block};

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
