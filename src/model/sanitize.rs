//! Line splitting and text cleaning (FORMAT.md rule 1): nothing from a bulletin may reach a
//! terminal as a control sequence or reorder what is shown around it.

use std::borrow::Cow;

/// Splits text at every line end the format knows: LF, CRLF, lone CR, NEL, U+2028, U+2029.
pub fn split_lines(text: &str) -> Lines<'_> {
    Lines { rest: Some(text) }
}

/// The iterator of [`split_lines`].
pub struct Lines<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.rest?;
        let b = text.as_bytes();
        // The next ASCII line end, then any NEL, LS or PS before it: two fast scans.
        let ascii_end = memchr::memchr2(b'\n', b'\r', b).unwrap_or(b.len());
        let mut from = 0;
        let mut end = None;
        while let Some(k) = memchr::memchr2(0xC2, 0xE2, &b[from..ascii_end]) {
            let i = from + k;
            match (b[i], b.get(i + 1), b.get(i + 2)) {
                (0xC2, Some(0x85), _) => end = Some((i, 2)),
                (0xE2, Some(0x80), Some(0xA8 | 0xA9)) => end = Some((i, 3)),
                _ => {}
            }
            if end.is_some() {
                break;
            }
            from = i + 1;
        }
        let end = end.or_else(|| match b.get(ascii_end) {
            Some(b'\r') if b.get(ascii_end + 1) == Some(&b'\n') => Some((ascii_end, 2)),
            Some(_) => Some((ascii_end, 1)),
            None => None,
        });
        match end {
            Some((at, len)) => {
                self.rest = Some(&text[at + len..]);
                Some(&text[..at])
            }
            None => {
                self.rest = None;
                // Text that ends with a line end has no last, empty line.
                (!text.is_empty()).then_some(text)
            }
        }
    }
}

/// Cleans one line: escape sequences removed whole, control, bidirectional and tag
/// characters dropped, every space made a plain one, runs collapsed, the line trimmed.
/// `None` when nothing visible is left (the line is blank).
pub fn clean_line(line: &str) -> Option<Cow<'_, str>> {
    let cleaned = if is_clean(line) {
        Cow::Borrowed(line)
    } else if line.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        return None; // a separator line, such as one no-break space: no need to clean it
    } else {
        Cow::Owned(clean_slow(line))
    };
    if cleaned.is_empty() || cleaned.chars().all(is_invisible) {
        None
    } else {
        Some(cleaned)
    }
}

/// Cleans a text that may span lines (a text of the JSON form): each line cleaned, the lines
/// joined with a space.
pub fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in split_lines(text).filter_map(clean_line) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&line);
    }
    out
}

/// The fast path: nothing to remove or change — no control, bidirectional, tag or space
/// character but single ASCII spaces between words. ASCII is checked a byte at a time;
/// only other characters are decoded.
fn is_clean(line: &str) -> bool {
    let b = line.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // Most lines are printable ASCII: one branch-free pass decides them.
    let special = b
        .iter()
        .fold(false, |acc, &c| acc | !(0x20..0x7f).contains(&c));
    if !special {
        return memchr::memmem::find(b, b"  ").is_none();
    }
    let mut i = 0;
    let mut after_space = false;
    while i < b.len() {
        let byte = b[i];
        if byte.is_ascii() {
            if byte < 0x20 || byte == 0x7f || (byte == b' ' && after_space) {
                return false;
            }
            after_space = byte == b' ';
            i += 1;
            continue;
        }
        let Some(c) = line[i..].chars().next() else {
            return false;
        };
        if c.is_whitespace() || is_dropped(c) {
            return false;
        }
        after_space = false;
        i += c.len_utf8();
    }
    true
}

fn clean_slow(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let kind = introducer(c, chars.peek().copied());
        if let Some(kind) = kind {
            if c == '\u{1b}' && kind != Intro::Short {
                chars.next(); // the second character of a two-character introducer
            }
            skip_sequence(kind, &mut chars);
            continue;
        }
        if c == '\u{1b}' {
            continue; // a lone ESC at the end of the line
        }
        if c.is_whitespace() || matches!(c, '\u{0b}' | '\u{0c}') {
            pending_space = !out.is_empty();
            continue;
        }
        if is_dropped(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intro {
    /// CSI: parameters and intermediates, then one final byte.
    Csi,
    /// OSC: to BEL, ST, or the end of the line.
    Osc,
    /// DCS, SOS, PM, APC: to ST or the end of the line.
    String,
    /// `ESC` + intermediates + one final byte.
    Short,
}

/// What sequence, if any, `c` (followed by `next`) opens.
fn introducer(c: char, next: Option<char>) -> Option<Intro> {
    match c {
        '\u{9b}' => Some(Intro::Csi),
        '\u{9d}' => Some(Intro::Osc),
        '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => Some(Intro::String),
        '\u{1b}' => match next? {
            '[' => Some(Intro::Csi),
            ']' => Some(Intro::Osc),
            'P' | 'X' | '^' | '_' => Some(Intro::String),
            '\u{20}'..='\u{7e}' => Some(Intro::Short),
            _ => None,
        },
        _ => None,
    }
}

fn skip_sequence(kind: Intro, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match kind {
        Intro::Csi => {
            while chars
                .next_if(|c| ('\u{20}'..='\u{3f}').contains(c))
                .is_some()
            {}
            chars.next_if(|c| ('\u{40}'..='\u{7e}').contains(c));
        }
        Intro::Short => {
            while chars
                .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                .is_some()
            {}
            chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
        }
        Intro::Osc | Intro::String => {
            while let Some(c) = chars.next() {
                match c {
                    '\u{07}' if kind == Intro::Osc => return,
                    '\u{9c}' => return,
                    '\u{1b}' if chars.peek() == Some(&'\\') => {
                        chars.next();
                        return;
                    }
                    _ => {}
                }
            }
        }
    }
}

/// A name (an address, a source's name) with control and bidirectional characters escaped,
/// so that printing it cannot drive the terminal.
pub fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if is_dropped(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Control characters, bidirectional formatting characters and tag characters: what
/// must never reach a terminal from a bulletin (or from a path printed in a message).
pub fn is_dropped(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            | '\u{e0000}'..='\u{e007f}')
}

/// Characters that show nothing: a line of only these is blank.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206a}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff9}'..='\u{fffb}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> Option<String> {
        clean_line(s).map(Cow::into_owned)
    }

    fn lines(s: &str) -> Vec<&str> {
        split_lines(s).collect()
    }

    #[test]
    fn every_line_end_splits() {
        assert_eq!(
            lines("a\nb\r\nc\rd\u{85}e\u{2028}f\u{2029}g"),
            ["a", "b", "c", "d", "e", "f", "g"]
        );
        assert_eq!(lines("a\n\nb\n"), ["a", "", "b"]);
        assert_eq!(lines("a\r\r\nb"), ["a", "", "b"]);
        assert!(lines("").is_empty());
    }

    #[test]
    fn spaces_of_every_kind_collapse_and_trim() {
        assert_eq!(
            clean("\u{a0} In\tApril,\u{a0} the\u{2003}world\u{0c}\u{0b}x  ").as_deref(),
            Some("In April, the world x")
        );
    }

    #[test]
    fn blank_lines_and_invisible_only_lines_are_blank() {
        assert_eq!(clean(""), None);
        assert_eq!(clean("\u{a0}"), None);
        assert_eq!(clean(" \t "), None);
        assert_eq!(clean("\u{200b}\u{2060}\u{ad}"), None);
        assert_eq!(clean("\u{feff}"), None);
        assert_eq!(clean("\x1b[0m"), None);
    }

    #[test]
    fn csi_sequences_are_removed_whole() {
        assert_eq!(
            clean("\x1b[31;1mRed\x1b[0m text").as_deref(),
            Some("Red text")
        );
        assert_eq!(clean("a\x1b[2Jb\x1b[?1049hc").as_deref(), Some("abc"));
        assert_eq!(clean("\u{9b}31mRed").as_deref(), Some("Red"));
    }

    #[test]
    fn osc_ends_at_bel_or_st_or_the_line() {
        assert_eq!(clean("a\x1b]0;title\x07b").as_deref(), Some("ab"));
        assert_eq!(
            clean("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b").as_deref(),
            Some("alinkb")
        );
        assert_eq!(
            clean("a\x1b]52;c;SGVsbG8= and the rest").as_deref(),
            Some("a")
        );
        assert_eq!(clean("a\u{9d}0;title\u{9c}b").as_deref(), Some("ab"));
        assert_eq!(clean("a\u{9d}0;unterminated"), Some("a".into()));
    }

    #[test]
    fn string_sequences_end_at_st_or_the_line() {
        assert_eq!(clean("a\x1bPq#0;1\x1b\\b").as_deref(), Some("ab"));
        assert_eq!(clean("a\x1b_apc payload").as_deref(), Some("a"));
        assert_eq!(clean("a\x1b^pm\u{9c}b").as_deref(), Some("ab"));
        assert_eq!(clean("a\x1bXsos\x1b\\b").as_deref(), Some("ab"));
        assert_eq!(clean("a\u{90}dcs\u{9c}b").as_deref(), Some("ab"));
    }

    #[test]
    fn short_escapes_and_lone_escapes_go() {
        assert_eq!(clean("a\x1b(Bb\x1b7c\x1bcd").as_deref(), Some("abcd"));
        assert_eq!(clean("end\x1b").as_deref(), Some("end"));
    }

    #[test]
    fn a_sequence_split_across_lines_leaves_only_harmless_text() {
        let out: Vec<String> = lines("Title\x1b\n[31mRed")
            .into_iter()
            .filter_map(clean)
            .collect();
        assert_eq!(out, ["Title", "[31mRed"]);
        assert!(out.iter().all(|l| !l.contains('\x1b')));
    }

    #[test]
    fn controls_bidi_and_tags_are_dropped() {
        assert_eq!(
            clean("a\x07b\x08c\x7fd\u{84}e\u{9c}f").as_deref(),
            Some("abcdef")
        );
        assert_eq!(
            clean("\u{202e}evil\u{202c} \u{2066}x\u{2069}\u{200f}").as_deref(),
            Some("evil x")
        );
        assert_eq!(clean("flag\u{e0067}\u{e007f}").as_deref(), Some("flag"));
    }

    #[test]
    fn clean_lines_are_borrowed() {
        for line in ["Plain line.", "Uzbekistan’s “gold” 中国", "a"] {
            assert!(matches!(clean_line(line), Some(Cow::Borrowed(_))), "{line}");
        }
        for line in [
            " lead",
            "trail ",
            "two  spaces",
            "nb\u{a0}sp",
            "\u{202e}x",
            "a\tb",
        ] {
            assert!(matches!(clean_line(line), Some(Cow::Owned(_))), "{line:?}");
        }
    }

    #[test]
    fn clean_text_joins_lines() {
        assert_eq!(clean_text("a\n\x1b[1mb\u{2028}c"), "a b c");
    }
}
