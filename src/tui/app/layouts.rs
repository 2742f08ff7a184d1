//! The stories laid out lately, kept so that going back and forth lays each out once per
//! width; bounded by the memory they hold, not by their number.

use crate::text::layout::StoryLayout;

/// The most bytes the laid-out stories other than the one shown may hold.
pub const BUDGET: usize = 8 << 20;

#[derive(Debug)]
struct Kept {
    article: usize,
    width: usize,
    layout: StoryLayout,
}

/// Laid-out stories, the one shown first.
#[derive(Debug, Default)]
pub struct Layouts {
    entries: Vec<Kept>,
    /// An empty layout, for no story.
    none: StoryLayout,
}

impl Layouts {
    /// The layout of the story shown (an empty one when there is no story).
    pub fn current(&self) -> &StoryLayout {
        self.entries.first().map_or(&self.none, |k| &k.layout)
    }

    /// The layout of the story shown, to lay more of it out.
    pub fn current_mut(&mut self) -> Option<&mut StoryLayout> {
        self.entries.first_mut().map(|k| &mut k.layout)
    }

    /// Makes story `article` at `width` the one shown, starting its layout with `make`
    /// unless it is kept already; then drops the longest-unseen others beyond the budget.
    pub fn show(&mut self, article: usize, width: usize, make: impl FnOnce() -> StoryLayout) {
        let kept = self
            .entries
            .iter()
            .position(|k| k.article == article && k.width == width);
        let entry = match kept {
            Some(i) => self.entries.remove(i),
            None => Kept {
                article,
                width,
                layout: make(),
            },
        };
        self.entries.insert(0, entry);
        while self.entries.len() > 1 && self.bytes() - self.entries[0].layout.bytes() > BUDGET {
            self.entries.pop();
        }
    }

    /// Forgets every layout (no story is shown).
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// How many stories are kept laid out.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The bytes the kept layouts hold.
    pub fn bytes(&self) -> usize {
        self.entries.iter().map(|k| k.layout.bytes()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Block};

    fn story(words: usize) -> Article {
        Article {
            headline: "A Story".into(),
            date: None,
            url: None,
            blocks: vec![Block::Paragraph {
                text: "word ".repeat(words),
            }],
        }
    }

    #[test]
    fn a_story_seen_again_at_a_width_is_not_laid_out_again() {
        let mut l = Layouts::default();
        let a = story(100);
        l.show(0, 80, || StoryLayout::new(&a, None, 80));
        l.show(1, 80, || StoryLayout::new(&a, None, 80));
        l.show(0, 80, || panic!("laid out again"));
        assert_eq!(l.len(), 2);
        l.show(0, 60, || StoryLayout::new(&a, None, 60));
        assert_eq!(l.len(), 3);
    }

    #[test]
    fn memory_not_count_bounds_what_is_kept() {
        let mut l = Layouts::default();
        // Stories of about 1 MiB of layout each (a line a word at width 4): about BUDGET of
        // them are kept beside the one shown.
        let made = StoryLayout::new(&story(80_000), None, 4);
        for article in 0..40 {
            l.show(article, 4, || made.clone());
        }
        let one = l.current().bytes();
        assert!(one > 900_000, "{one}");
        assert!(l.bytes() <= BUDGET + one, "{} bytes kept", l.bytes());
        assert!(l.len() >= 2 && l.len() < 40);
        // The story shown is kept however large it is, and does not count against the others.
        let huge = StoryLayout::new(&story(300_000), None, 4);
        l.show(99, 4, || huge);
        let shown = l.current().bytes();
        assert!(shown > 3 * one);
        assert!(l.bytes() - shown <= BUDGET, "{} bytes kept", l.bytes());
    }
}
