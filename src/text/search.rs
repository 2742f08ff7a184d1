//! Text search as people type: case folded, straight and curly quotes alike, runs of spaces
//! as one; in byte offsets of the original text.

/// A query prepared for searching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle {
    /// The query, its runs of spaces made one.
    text: String,
    /// Each character folded.
    folded: Vec<char>,
    /// The folded bytes, when the query is plain ASCII with no quote (then a byte search is
    /// exact: no other character folds to those bytes).
    ascii: Option<Vec<u8>>,
}

impl Needle {
    /// The query prepared; `None` when it has nothing to find.
    pub fn new(query: &str) -> Option<Needle> {
        let text = query.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return None;
        }
        let folded: Vec<char> = text.chars().map(fold).collect();
        let ascii = (text.is_ascii() && !text.contains(['\'', '"']))
            .then(|| text.bytes().map(|b| b.to_ascii_lowercase()).collect());
        Some(Needle {
            text,
            folded,
            ascii,
        })
    }

    /// The query as searched for.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The first match in `hay` starting at or after byte `from`: its byte range.
    pub fn find(&self, hay: &str, from: usize) -> Option<(usize, usize)> {
        if from > hay.len() {
            return None;
        }
        match &self.ascii {
            Some(n) => find_ascii(hay.as_bytes(), n, from),
            None => self.find_folded(hay, from),
        }
    }

    /// Every match in `hay`, not overlapping, in order.
    pub fn find_all<'a>(&'a self, hay: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            let (start, end) = self.find(hay, from)?;
            from = end.max(start + 1);
            Some((start, end))
        })
    }

    fn find_folded(&self, hay: &str, from: usize) -> Option<(usize, usize)> {
        let mut from = from;
        while !hay.is_char_boundary(from) {
            from += 1;
        }
        for (i, _) in hay[from..].char_indices() {
            let start = from + i;
            let mut chars = hay[start..].char_indices();
            let mut end = start;
            let matched = self.folded.iter().all(|want| match chars.next() {
                Some((j, c)) if fold(c) == *want => {
                    end = start + j + c.len_utf8();
                    true
                }
                _ => false,
            });
            if matched {
                return Some((start, end));
            }
        }
        None
    }
}

/// An ASCII needle (folded to lower case) in bytes, ignoring ASCII case, from `from`.
fn find_ascii(hay: &[u8], needle: &[u8], from: usize) -> Option<(usize, usize)> {
    let first = needle[0];
    let (lower, upper) = (first, first.to_ascii_uppercase());
    let mut at = from;
    while at + needle.len() <= hay.len() {
        let i = at + memchr::memchr2(lower, upper, &hay[at..=hay.len() - needle.len()])?;
        if hay[i..i + needle.len()].eq_ignore_ascii_case(needle) {
            return Some((i, i + needle.len()));
        }
        at = i + 1;
    }
    None
}

/// One character as search compares it: quotes and apostrophes made straight, every space a
/// plain space, then its first lower-case form.
fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        c if c.is_whitespace() => ' ',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The byte ranges of every occurrence of `query` in `hay` (see [`Needle`]).
pub fn find_all(hay: &str, query: &str) -> Vec<(usize, usize)> {
    Needle::new(query).map_or_else(Vec::new, |n| n.find_all(hay).collect())
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

    #[test]
    fn straight_and_curly_quotes_match_each_other_and_spaces_collapse() {
        let hay = "Uzbekistan’s “gold” sales";
        let hit = find_all(hay, "uzbekistan's")[0];
        assert_eq!(&hay[hit.0..hit.1], "Uzbekistan’s");
        let hit = find_all(hay, "\"gold\"")[0];
        assert_eq!(&hay[hit.0..hit.1], "“gold”");
        let hit = find_all(hay, "gold”   sales")[0];
        assert_eq!(&hay[hit.0..hit.1], "gold” sales");
        assert_eq!(Needle::new("  a   b ").unwrap().text(), "a b");
        assert!(Needle::new("   ").is_none());
    }

    #[test]
    fn find_starts_where_asked() {
        let n = Needle::new("gold").unwrap();
        let hay = "gold and GOLD and gold";
        assert_eq!(n.find(hay, 0), Some((0, 4)));
        assert_eq!(n.find(hay, 1), Some((9, 13)));
        assert_eq!(n.find(hay, 19), None);
        assert_eq!(n.find(hay, 99), None);
        let n = Needle::new("çay").unwrap();
        assert_eq!(
            n.find("çay çay", 1),
            Some((5, 9)),
            "from inside a character"
        );
    }
}
