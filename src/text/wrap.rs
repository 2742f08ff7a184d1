//! Text laid out at a width, measured in display columns (textwrap + unicode-width).

use std::borrow::Cow;

/// Wraps `text` to lines of at most `width` display columns. Words longer than the width are
/// broken; a width of 0 is taken as 1. A wide character never fits in a width of 1, and then
/// stands alone on its line.
pub fn wrap_text(text: &str, width: usize) -> Vec<Cow<'_, str>> {
    // Lines break at spaces (a bulletin's text has nothing but single spaces, once
    // cleaned), and a word longer than the line (a run of CJK, which has no spaces, say) is
    // broken between characters. Unicode's line-breaking rules would find more places in
    // CJK text, at several times the cost of every layout.
    let options = textwrap::Options::new(width.max(1))
        .break_words(true)
        .word_separator(textwrap::WordSeparator::AsciiSpace);
    textwrap::wrap(text, options)
}

/// Text longer than this is wrapped a piece at a time (see [`wrap_piece`]).
pub const PIECE: usize = 64 * 1024;

/// The lines of `text` wrapped at `width`, as byte ranges of `text`, given to `line` one by
/// one: the same lines as [`wrap_text`], a piece at a time (see [`wrap_piece`]).
pub fn wrap_ranges(text: &str, width: usize, mut line: impl FnMut(usize, usize)) {
    let mut pos = Some(0);
    while let Some(from) = pos {
        pos = wrap_piece(text, from, width, &mut line);
    }
}

/// Wraps a piece of `text` from byte `from` (the start of a line) at `width`, giving each
/// line to `line` as a byte range of `text`; returns where the next piece starts, or `None`
/// at the end. A piece is about [`PIECE`] bytes: wrapping a long text never costs more
/// than a piece's worth of memory at once, and can stop and go on between pieces. Each
/// piece starts where the last line of the previous one started (wrapping fills lines
/// greedily, so starting again at a line's start gives the same lines).
pub fn wrap_piece(
    text: &str,
    from: usize,
    width: usize,
    mut line: impl FnMut(usize, usize),
) -> Option<usize> {
    let rest = &text[from..];
    let end = if rest.len() <= PIECE {
        rest.len()
    } else {
        // Cut after a space at least PIECE bytes in, so that no word is cut.
        let mut at = PIECE;
        while !rest.is_char_boundary(at) {
            at += 1;
        }
        rest[at..].find(' ').map_or(rest.len(), |i| at + i + 1)
    };
    let piece = &rest[..end];
    let lines = wrap_text(piece, width);
    let last = end == rest.len();
    let keep = if last || lines.len() < 2 {
        lines.len()
    } else {
        lines.len() - 1
    };
    let mut at = 0;
    for l in &lines[..keep] {
        let start = piece[at..].find(l.as_ref()).map_or(at, |i| at + i);
        at = start + l.len();
        line(from + start, l.len());
    }
    if last {
        return None;
    }
    Some(
        from + if keep < lines.len() {
            piece[at..]
                .find(lines[keep].as_ref())
                .map_or(at, |i| at + i)
        } else {
            end
        },
    )
}

/// A count with thousands separators: `200,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count and what is counted, in the singular or the plural: `1 story`, `2,000 stories`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// The display width of `text` in terminal columns.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` cut to at most `cols` display columns, ending in `ellipsis` when cut; never
/// through a wide character.
pub fn truncate(text: &str, cols: usize, ellipsis: &str) -> String {
    if width(text) <= cols {
        return text.to_owned();
    }
    let room = cols.saturating_sub(width(ellipsis));
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    if width(ellipsis) <= cols {
        out.push_str(ellipsis);
    }
    out
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
    fn a_long_text_wrapped_in_pieces_gives_the_lines_of_the_whole() {
        let words = [
            "gold",
            "sales",
            "dropped",
            "中国",
            "significantly",
            "a",
            "Uzbekistan’s",
        ];
        let text: Vec<&str> = (0..25_000)
            .map(|i| words[(i * 7 + i / 3) % words.len()])
            .collect();
        let text = text.join(" ");
        assert!(text.len() > 2 * PIECE);
        for width in [1, 13, 80] {
            let whole: Vec<String> = wrap_text(&text, width)
                .iter()
                .map(|l| l.to_string())
                .collect();
            let mut pieces = Vec::new();
            wrap_ranges(&text, width, |start, len| {
                pieces.push(text[start..start + len].to_owned())
            });
            assert_eq!(pieces, whole, "width {width}");
        }
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(200_000), "200,000");
        assert_eq!(thousands(104_752_145), "104,752,145");
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

    #[test]
    fn truncation_ends_in_an_ellipsis_at_a_character_boundary() {
        assert_eq!(truncate("Drop in Gold Sales", 10, "…"), "Drop in G…");
        assert_eq!(truncate("Short", 10, "…"), "Short");
        assert_eq!(truncate("中国与哈萨克斯坦", 6, "…"), "中国…");
        assert_eq!(truncate("中国与哈萨克斯坦", 5, "…"), "中国…");
        assert_eq!(truncate("abc", 0, "…"), "");
        assert_eq!(truncate("abcdef", 4, "..."), "a...");
    }
}
