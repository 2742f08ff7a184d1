//! Matches found in the bulletin's text on demand, a bounded number of bytes at a time: the
//! next one after a place, the last one before it, and how many there are. Nothing is kept
//! but a place to go on from, so a search costs the same memory for one match or a hundred
//! million.

use crate::model::Bulletin;
use crate::text::search::Needle;

/// A place in the bulletin's text, in reading order: a story, which part of it (0 the
/// headline, then each block), and a byte offset in that part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub article: usize,
    pub part: usize,
    pub offset: usize,
}

impl Place {
    /// The start of a story.
    pub fn story(article: usize) -> Place {
        Place {
            article,
            part: 0,
            offset: 0,
        }
    }

    /// The block of the place (`None`: the headline).
    pub fn block(&self) -> Option<usize> {
        self.part.checked_sub(1)
    }
}

/// A match: where it starts, and the byte where it ends in the same part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub at: Place,
    pub end: usize,
}

/// How a bounded scan ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scan {
    /// A match.
    Found(Hit),
    /// No match up to the end (forward) or the start (backward) of the bulletin.
    Exhausted,
    /// The budget ran out: go on from this place.
    Paused(Place),
}

/// The text of a part of a story.
fn part(b: &Bulletin, article: usize, part: usize) -> Option<&str> {
    let a = b.articles.get(article)?;
    match part {
        0 => Some(&a.headline),
        p => a.blocks.get(p - 1).map(|b| b.text()),
    }
}

/// The longest a match of the needle can be, in bytes.
fn longest(needle: &Needle) -> usize {
    needle.text().chars().count() * 4
}

/// `hay` cut at the first character boundary at or after `at`.
fn up_to(hay: &str, at: usize) -> &str {
    let mut end = at.min(hay.len());
    while !hay.is_char_boundary(end) {
        end += 1;
    }
    &hay[..end]
}

/// The first match at or after `from`, reading about `budget` bytes at most.
pub fn forward(b: &Bulletin, needle: &Needle, from: Place, budget: usize) -> Scan {
    let mut at = from;
    let mut read = 0;
    while at.article < b.articles.len() {
        let Some(hay) = part(b, at.article, at.part) else {
            at = Place::story(at.article + 1);
            continue;
        };
        // Matches starting before `until` are looked for in this turn.
        let until = at.offset.saturating_add(budget - read.min(budget - 1));
        let window = up_to(hay, until.saturating_add(longest(needle)));
        if let Some((start, end)) = needle.find(window, at.offset) {
            if start < until {
                let place = Place {
                    offset: start,
                    ..at
                };
                return Scan::Found(Hit { at: place, end });
            }
        }
        read += window.len().saturating_sub(at.offset) + 1;
        if until < hay.len() {
            return Scan::Paused(Place {
                offset: until,
                ..at
            });
        }
        at = Place {
            part: at.part + 1,
            offset: 0,
            ..at
        };
        if read >= budget {
            return Scan::Paused(at);
        }
    }
    Scan::Exhausted
}

/// The last match starting before `before`, reading about `budget` bytes at most.
pub fn backward(b: &Bulletin, needle: &Needle, before: Place, budget: usize) -> Scan {
    let mut at = before;
    let mut read = 0;
    loop {
        if let Some(hay) = part(b, at.article, at.part) {
            let end = at.offset.min(hay.len());
            let from = end.saturating_sub(budget - read.min(budget - 1));
            let window = up_to(hay, end.saturating_add(longest(needle)));
            let mut last = None;
            let mut pos = from;
            while let Some((start, stop)) = needle.find(window, pos) {
                if start >= end {
                    break;
                }
                last = Some((start, stop));
                pos = stop.max(start + 1);
            }
            if let Some((start, stop)) = last {
                let place = Place {
                    offset: start,
                    ..at
                };
                return Scan::Found(Hit {
                    at: place,
                    end: stop,
                });
            }
            read += end - from + 1;
            if from > 0 {
                return Scan::Paused(Place { offset: from, ..at });
            }
        }
        // The end of the part before this one.
        at = match (at.article, at.part) {
            (0, 0) => return Scan::Exhausted,
            (a, 0) => {
                let parts = b.articles.get(a - 1).map_or(1, |x| x.blocks.len() + 1);
                Place {
                    article: a - 1,
                    part: parts - 1,
                    offset: usize::MAX,
                }
            }
            (a, p) => Place {
                article: a,
                part: p - 1,
                offset: usize::MAX,
            },
        };
        if read >= budget {
            return Scan::Paused(at);
        }
    }
}

/// Counts the matches from `from` on, reading about `budget` bytes: how many, and where to
/// go on from (`None` at the end of the bulletin). `mark` notes how many of them start
/// before a place (the match being shown, to tell its number).
pub fn count(
    b: &Bulletin,
    needle: &Needle,
    from: Place,
    budget: usize,
    mark: &mut Option<(Place, usize)>,
) -> (usize, Option<Place>) {
    let mut at = from;
    let mut n = 0;
    let mut read = 0;
    while at.article < b.articles.len() {
        let Some(hay) = part(b, at.article, at.part) else {
            at = Place::story(at.article + 1);
            continue;
        };
        let until = at.offset.saturating_add(budget - read.min(budget - 1));
        let window = up_to(hay, until.saturating_add(longest(needle)));
        let mut pos = at.offset;
        while let Some((start, end)) = needle.find(window, pos) {
            if start >= until {
                break;
            }
            if let Some((place, before)) = mark {
                if (Place {
                    offset: start,
                    ..at
                }) < *place
                {
                    *before += 1;
                }
            }
            n += 1;
            pos = end.max(start + 1);
        }
        read += window.len().saturating_sub(at.offset) + 1;
        if until < hay.len() {
            // Go on from after the last match, or from where this turn stopped looking.
            return (
                n,
                Some(Place {
                    offset: pos.max(until),
                    ..at
                }),
            );
        }
        at = Place {
            part: at.part + 1,
            offset: 0,
            ..at
        };
        if read >= budget {
            return (n, Some(at));
        }
    }
    (n, None)
}

/// The place at the very end of the bulletin's text.
pub fn end_of(b: &Bulletin) -> Place {
    Place::story(b.articles.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_str;

    fn bulletin() -> Bulletin {
        parse_str(
            "Gold Story Here\n\nGold and gold.\n\nNothing Here\n\nNone at all.\n\n\
             Last Gold\n\nA gold end.\n",
        )
    }

    /// Every match, found by stepping forward with a tiny budget.
    fn all_forward(b: &Bulletin, q: &str, budget: usize) -> Vec<Hit> {
        let n = Needle::new(q).unwrap();
        let mut at = Place::story(0);
        let mut hits = Vec::new();
        loop {
            match forward(b, &n, at, budget) {
                Scan::Found(h) => {
                    hits.push(h);
                    at = Place {
                        offset: h.end,
                        ..h.at
                    };
                }
                Scan::Paused(p) => {
                    assert!(
                        p > at || p == at && budget == 0,
                        "progress from {at:?} to {p:?}"
                    );
                    at = p;
                }
                Scan::Exhausted => return hits,
            }
        }
    }

    #[test]
    fn forward_finds_every_match_in_order_whatever_the_budget() {
        let b = bulletin();
        let whole = all_forward(&b, "gold", usize::MAX);
        let places: Vec<(usize, usize, usize)> = whole
            .iter()
            .map(|h| (h.at.article, h.at.part, h.at.offset))
            .collect();
        assert_eq!(
            places,
            [(0, 0, 0), (0, 1, 0), (0, 1, 9), (2, 0, 5), (2, 1, 2)]
        );
        for budget in [1, 2, 3, 5, 8, 13] {
            assert_eq!(all_forward(&b, "gold", budget), whole, "budget {budget}");
        }
    }

    #[test]
    fn backward_finds_them_in_reverse() {
        let b = bulletin();
        let n = Needle::new("gold").unwrap();
        let whole = all_forward(&b, "gold", usize::MAX);
        for budget in [1, 3, 7, usize::MAX] {
            let mut at = end_of(&b);
            let mut hits = Vec::new();
            loop {
                match backward(&b, &n, at, budget) {
                    Scan::Found(h) => {
                        hits.push(h);
                        at = h.at;
                    }
                    Scan::Paused(p) => at = p,
                    Scan::Exhausted => break,
                }
            }
            hits.reverse();
            assert_eq!(hits, whole, "budget {budget}");
        }
    }

    #[test]
    fn counting_a_budget_at_a_time_gives_the_whole_count_and_the_number_of_a_match() {
        let b = bulletin();
        let n = Needle::new("gold").unwrap();
        let third = all_forward(&b, "gold", usize::MAX)[2].at;
        for budget in [1, 4, 9, usize::MAX] {
            let mut mark = Some((third, 0));
            let (mut total, mut at) = (0, Some(Place::story(0)));
            while let Some(from) = at {
                let (k, next) = count(&b, &n, from, budget, &mut mark);
                total += k;
                at = next;
            }
            assert_eq!(total, 5, "budget {budget}");
            assert_eq!(mark, Some((third, 2)), "two before the third");
        }
    }

    #[test]
    fn a_match_on_every_byte_is_found_a_budget_at_a_time() {
        let b = parse_str(&format!("A Headline\n\n{}\n", "a".repeat(10_000)));
        let hits = all_forward(&b, "a", 100);
        assert_eq!(hits.len(), 10_000 + 2, "both a's of the headline too");
    }
}
