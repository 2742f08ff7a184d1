//! The stories laid out lately, kept so that going back and forth lays each out once per
//! width; bounded by the memory they hold, not by their number.

use crate::text::layout::LaidLine;

/// The most bytes the laid-out stories other than the one shown may hold.
pub const BUDGET: usize = 8 << 20;

#[derive(Debug)]
struct StoryLayout {
    article: usize,
    width: usize,
    lines: Vec<LaidLine>,
    bytes: usize,
}

/// Laid-out stories, the one shown first.
#[derive(Debug, Default)]
pub struct Layouts {
    entries: Vec<StoryLayout>,
    /// Bytes held by all entries.
    bytes: usize,
}

impl Layouts {
    /// The lines of the story shown (none when there is no story).
    pub fn current(&self) -> &[LaidLine] {
        self.entries.first().map_or(&[], |l| l.lines.as_slice())
    }

    /// Makes story `article` at `width` the one shown, laying it out with `make` unless it is
    /// kept already; then drops the longest-unseen others beyond the budget.
    pub fn show(&mut self, article: usize, width: usize, make: impl FnOnce() -> Vec<LaidLine>) {
        let kept = self
            .entries
            .iter()
            .position(|l| l.article == article && l.width == width);
        let layout = match kept {
            Some(i) => self.entries.remove(i),
            None => {
                let lines = make();
                let bytes = bytes_of(&lines);
                self.bytes += bytes;
                StoryLayout {
                    article,
                    width,
                    lines,
                    bytes,
                }
            }
        };
        self.entries.insert(0, layout);
        while self.entries.len() > 1 && self.bytes - self.entries[0].bytes > BUDGET {
            if let Some(old) = self.entries.pop() {
                self.bytes -= old.bytes;
            }
        }
    }

    /// Forgets every layout (no story is shown).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.bytes = 0;
    }

    /// How many stories are kept laid out.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The bytes the kept layouts hold.
    #[cfg(test)]
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

/// The memory a layout holds: its lines and their text.
fn bytes_of(lines: &Vec<LaidLine>) -> usize {
    lines.capacity() * std::mem::size_of::<LaidLine>()
        + lines.iter().map(|l| l.text.capacity()).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::layout::LineKind;

    fn lines(n: usize, text_len: usize) -> Vec<LaidLine> {
        (0..n)
            .map(|_| LaidLine {
                kind: LineKind::Text,
                text: "x".repeat(text_len),
                origin: None,
            })
            .collect()
    }

    #[test]
    fn a_story_seen_again_at_a_width_is_not_laid_out_again() {
        let mut l = Layouts::default();
        l.show(0, 80, || lines(3, 10));
        l.show(1, 80, || lines(3, 10));
        l.show(0, 80, || panic!("laid out again"));
        assert_eq!(l.len(), 2);
        l.show(0, 60, || lines(4, 10));
        assert_eq!(l.len(), 3);
        assert_eq!(l.current().len(), 4);
    }

    #[test]
    fn memory_not_count_bounds_what_is_kept() {
        let mut l = Layouts::default();
        // Stories of 1 MiB each: only about BUDGET of them are kept beside the one shown.
        for article in 0..40 {
            l.show(article, 80, || lines(1024, 1024));
        }
        assert!(l.bytes() <= BUDGET + (2 << 20), "{} bytes kept", l.bytes());
        assert!(l.len() >= 2);
        // The story shown is kept however large it is, and does not count against the others.
        l.show(99, 80, || lines(1, 64 << 20));
        assert_eq!(l.current()[0].text.len(), 64 << 20);
        assert!(
            l.bytes() - (64 << 20) <= BUDGET + 64,
            "{} bytes kept",
            l.bytes()
        );
        assert!(l.len() >= 2);
    }
}
