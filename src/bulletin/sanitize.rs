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
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let (end_len, is_end) = match bytes[i] {
                b'\n' => (1, true),
                b'\r' => (
                    if bytes.get(i + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    },
                    true,
                ),
                0xC2 if bytes.get(i + 1) == Some(&0x85) => (2, true),
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
                {
                    (3, true)
                }
                _ => (1, false),
            };
            if is_end {
                self.rest = Some(&text[i + end_len..]);
                return Some(&text[..i]);
            }
            i += end_len;
        }
        self.rest = None;
        // Text that ends with a line end has no last, empty line.
        if text.is_empty() {
            None
        } else {
            Some(text)
        }
    }
}

/// Cleans one line: escape sequences removed whole, control, bidirectional and tag
/// characters dropped, every space made a plain one, runs collapsed, the line trimmed.
/// `None` when nothing visible is left (the line is blank).
pub fn clean_line(line: &str) -> Option<Cow<'_, str>> {
    let cleaned = if is_clean(line) {
        Cow::Borrowed(line)
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

/// The fast path: printable ASCII, single spaces, no space at either end.
fn is_clean(line: &str) -> bool {
    let b = line.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    for &c in b {
        if !(0x20..0x7F).contains(&c) {
            return false;
        }
        let space = c == b' ';
        if space && prev_space {
            return false;
        }
        prev_space = space;
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

/// Control characters, bidirectional formatting characters and tag characters.
fn is_dropped(c: char) -> bool {
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
    fn clean_ascii_is_borrowed() {
        assert!(matches!(clean_line("Plain line."), Some(Cow::Borrowed(_))));
    }

    #[test]
    fn clean_text_joins_lines() {
        assert_eq!(clean_text("a\n\x1b[1mb\u{2028}c"), "a b c");
    }
}
