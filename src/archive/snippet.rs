//! A few words of a story around what a search matched, the matched words marked: the
//! window of the text holding the most of the words searched for. Words are compared as
//! the full-text index compares them: case and diacritics folded, the last word searched
//! for a prefix.

/// Words a snippet holds, at most.
const WORDS: usize = 14;

/// A word folded as the index folds it: lower case, letters without their accents.
fn fold(word: &str) -> String {
    let lower = word.to_lowercase();
    if lower.is_ascii() {
        return lower;
    }
    // Latin letters with diacritics become their base letter; other scripts stay.
    lower
        .chars()
        .map(|c| {
            let s = c.to_string();
            let plain = crate::text::ascii::to_ascii(&s);
            if c.is_alphabetic() && plain.len() == 1 && plain != "?" {
                plain
            } else {
                s
            }
        })
        .collect()
}

/// The query's words, folded; the last one a prefix.
pub struct Terms {
    words: Vec<String>,
}

impl Terms {
    pub fn new(query: &str) -> Terms {
        Terms {
            words: query
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(fold)
                .collect(),
        }
    }

    /// Which of the query's words a word of the text is (its index), if any.
    fn which(&self, word: &str) -> Option<usize> {
        let folded = fold(word);
        let last = self.words.len().checked_sub(1)?;
        self.words.iter().enumerate().find_map(|(i, w)| {
            let hit = if i == last {
                folded.starts_with(w.as_str())
            } else {
                folded == *w
            };
            hit.then_some(i)
        })
    }

    /// The snippet of `text`: up to [`WORDS`] words, `…` where it was cut, and the byte
    /// ranges of the matched words in it.
    pub fn snippet(&self, text: &str) -> (String, Vec<(usize, usize)>) {
        // The words of the text: byte ranges of runs of letters and digits.
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            words.push((s, text.len()));
        }
        if words.is_empty() {
            return (String::new(), Vec::new());
        }
        let hits: Vec<Option<usize>> = words
            .iter()
            .map(|&(s, e)| self.which(&text[s..e]))
            .collect();
        // The window with the most distinct words of the query, the earliest of equals.
        let n = WORDS.min(words.len());
        let mut best = (0usize, 0usize);
        for first in 0..=words.len() - n {
            let mut seen = vec![false; self.words.len()];
            for h in hits[first..first + n].iter().flatten() {
                seen[*h] = true;
            }
            let score = seen.iter().filter(|s| **s).count();
            if score > best.0 {
                best = (score, first);
            }
            if score == self.words.len() {
                break;
            }
        }
        // The first match a few words in, when the window keeps as many of them.
        let mut first = best.1;
        if let Some(hit) = (first..first + n).find(|i| hits[*i].is_some()) {
            let earlier = hit.saturating_sub(3).min(words.len() - n);
            let distinct = |f: usize| {
                let mut seen = vec![false; self.words.len()];
                hits[f..f + n]
                    .iter()
                    .flatten()
                    .for_each(|h| seen[*h] = true);
                seen.iter().filter(|s| **s).count()
            };
            if earlier > first && distinct(earlier) >= best.0 {
                first = earlier;
            }
        }
        let last = first + n - 1;
        let from = if first == 0 { 0 } else { words[first].0 };
        let to = if last == words.len() - 1 {
            text.len()
        } else {
            words[last].1
        };
        let mut out = String::new();
        if first > 0 {
            out.push('…');
        }
        let base = out.len();
        let piece = &text[from..to];
        // One line: the story's blocks are separated by line feeds.
        out.extend(piece.chars().map(|c| if c.is_control() { ' ' } else { c }));
        let matches = (first..=last)
            .filter(|i| hits[*i].is_some())
            .map(|i| (base + words[i].0 - from, base + words[i].1 - from))
            .collect();
        if last < words.len() - 1 {
            out.push('…');
        }
        (out, matches)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(query: &str, text: &str) -> String {
        let (s, m) = Terms::new(query).snippet(text);
        let mut out = String::new();
        let mut at = 0;
        for (a, b) in m {
            out.push_str(&s[at..a]);
            out.push('[');
            out.push_str(&s[a..b]);
            out.push(']');
            at = b;
        }
        out.push_str(&s[at..]);
        out
    }

    #[test]
    fn the_window_with_most_of_the_words_is_chosen_and_marked() {
        let text = "One two three gold four five six seven eight nine ten eleven twelve \
                    thirteen fourteen fifteen sixteen the gold sales fell in April.";
        assert_eq!(
            marked("gold sales", text),
            "…nine ten eleven twelve thirteen fourteen fifteen sixteen the [gold] [sales] fell in \
             April."
        );
        assert_eq!(
            marked("GOLD", "Gold, and more gold."),
            "[Gold], and more [gold]."
        );
    }

    #[test]
    fn case_and_diacritics_are_folded_and_the_last_word_is_a_prefix() {
        assert_eq!(marked("cafe", "A Café opened."), "A [Café] opened.");
        assert_eq!(
            marked("rail", "The railway\nopened."),
            "The [railway] opened."
        );
        assert_eq!(
            marked("rail opened", "The railway opened."),
            "The railway [opened]."
        );
        assert_eq!(
            marked("uzbekistan's", "Uzbekistan’s gold"),
            "[Uzbekistan]’[s] gold"
        );
    }
}
