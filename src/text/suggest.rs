//! "Did you mean …?": the nearest of some names to a name that was not understood.

/// The candidate closest to `word` by edit distance (case ignored), when it is close enough
/// to be what was meant: at most a third of the word's length, and at least one edit.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(&word, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names_are_suggested_far_ones_are_not() {
        let names = ["max_width", "mouse", "next_story", "prev_story"];
        assert_eq!(closest("max_widht", names), Some("max_width"));
        assert_eq!(closest("nxt_story", names), Some("next_story"));
        assert_eq!(closest("Mouse", names), Some("mouse"));
        assert_eq!(closest("colour", names), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
