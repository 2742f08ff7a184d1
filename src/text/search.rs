//! Case-insensitive text search, in byte offsets of the original text.

/// The byte ranges of every occurrence of `needle` in `hay`, ignoring case, not overlapping.
pub fn find_all(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    if needle.is_ascii() {
        let n = needle.as_bytes();
        let h = hay.as_bytes();
        let mut i = 0;
        while i + n.len() <= h.len() {
            if h[i].eq_ignore_ascii_case(&n[0]) && h[i..i + n.len()].eq_ignore_ascii_case(n) {
                out.push((i, i + n.len()));
                i += n.len();
            } else {
                i += 1;
            }
        }
        return out;
    }
    let folded: Vec<char> = needle.chars().map(fold).collect();
    let mut starts = hay.char_indices().peekable();
    while let Some((start, _)) = starts.next() {
        let mut chars = hay[start..].char_indices();
        let mut end = start;
        let matched = folded.iter().all(|want| match chars.next() {
            Some((i, c)) if fold(c) == *want => {
                end = start + i + c.len_utf8();
                true
            }
            _ => false,
        });
        if matched {
            out.push((start, end));
            while starts.next_if(|(i, _)| *i < end).is_some() {}
        }
    }
    out
}

/// One character folded for comparison: its first lower-case form.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_ignores_case() {
        assert_eq!(
            find_all("Gold gold GOLDEN", "gold"),
            [(0, 4), (5, 9), (10, 14)]
        );
        assert_eq!(find_all("aaaa", "aa"), [(0, 2), (2, 4)]);
        assert!(find_all("abc", "").is_empty());
        assert!(find_all("ab", "abc").is_empty());
    }

    #[test]
    fn unicode_ignores_case_and_keeps_byte_offsets() {
        let hay = "Uzbekistan’s ÇAY and çay";
        let hits = find_all(hay, "çay");
        assert_eq!(hits.len(), 2);
        assert_eq!(&hay[hits[0].0..hits[0].1], "ÇAY");
        assert_eq!(find_all("中国与中国", "中国"), [(0, 6), (9, 15)]);
    }

    #[test]
    fn ascii_needle_in_non_ascii_text() {
        let hay = "Uzbekistan’s gold";
        let hits = find_all(hay, "s gold");
        assert_eq!(&hay[hits[0].0..hits[0].1], "s gold");
    }
}
