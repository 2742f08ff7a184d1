//! Bytes to text (FORMAT.md rule 1): byte-order marks, UTF-16, invalid UTF-8, Windows-1252,
//! and the refusal of input that is not text at all.

use std::fmt;

/// The input is not text: it holds NUL bytes, or mostly characters that print nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText;

impl fmt::Display for NotText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("does not look like a bulletin (it is not text)")
    }
}

impl std::error::Error for NotText {}

/// Decodes the bytes of a bulletin. Never fails on text in any encoding the format allows;
/// refuses input that is not text.
pub fn decode(bytes: Vec<u8>) -> Result<String, NotText> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8_or_legacy(rest.to_vec())
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)
    } else {
        if memchr_nul(&bytes) {
            return Err(NotText);
        }
        utf8_or_legacy(bytes)
    };
    if mostly_unprintable(&text) {
        return Err(NotText);
    }
    Ok(text)
}

pub(crate) fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

/// UTF-8, invalid sequences replaced; or Windows-1252 when the bytes are invalid UTF-8 and
/// hold not one valid multi-byte sequence (a legacy file).
pub(crate) fn utf8_or_legacy(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let bytes = e.into_bytes();
            if has_multibyte_utf8(&bytes) {
                String::from_utf8_lossy(&bytes).into_owned()
            } else {
                bytes.iter().map(|&b| windows_1252_char(b)).collect()
            }
        }
    }
}

/// True when some valid multi-byte UTF-8 sequence stands in the bytes.
pub(crate) fn has_multibyte_utf8(mut bytes: &[u8]) -> bool {
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => return !s.is_ascii(),
            Err(e) => {
                let (valid, after) = bytes.split_at(e.valid_up_to());
                // from_utf8 on the valid prefix cannot fail; its ASCII-ness is what we need.
                if !valid.is_ascii() {
                    return true;
                }
                let skip = e.error_len().unwrap_or(after.len());
                bytes = &after[skip..];
            }
        }
    }
}

/// One byte of Windows-1252. The five bytes it leaves undefined map to the C1 control of
/// the same number, which the cleaning drops.
pub(crate) fn windows_1252_char(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut text: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

/// Input is "mostly bytes that decode to nothing printable" when more than a third of its
/// characters (line ends and tabs aside) are control characters (other than ESC, which opens
/// sequences the cleaning removes) or replacement characters. Counted on the UTF-8 bytes, in
/// one pass, eight bytes at a time where they are printable ASCII.
pub(crate) fn mostly_unprintable(text: &str) -> bool {
    let b = text.as_bytes();
    let (mut junk, mut seen) = (0usize, 0usize);
    let mut i = 0;
    while i < b.len() {
        // Fast path: eight bytes of printable ASCII at once.
        if let Some(word) = b.get(i..i + 8) {
            if is_printable_ascii(u64::from_le_bytes(word.try_into().unwrap_or([0; 8]))) {
                seen += 8;
                i += 8;
                continue;
            }
        }
        let c = b[i];
        let (is_char, is_junk) = match c {
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => (false, false),
            0x1b => (true, false),
            0x00..=0x1f | 0x7f => (true, true),
            0x80..=0xbf => (false, false), // continuation bytes
            // NEL (U+0085) is a line end; the rest of U+0080..U+009F are C1 controls.
            0xc2 => match b.get(i + 1) {
                Some(0x85) => (false, false),
                Some(0x80..=0x9f) => (true, true),
                _ => (true, false),
            },
            0xef => (
                true,
                b.get(i + 1) == Some(&0xbf) && b.get(i + 2) == Some(&0xbd),
            ),
            _ => (true, false),
        };
        seen += usize::from(is_char);
        junk += usize::from(is_junk);
        i += 1;
    }
    junk * 3 > seen
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// True when all eight bytes are in 0x20..=0x7E (no control, no DEL, no non-ASCII).
fn is_printable_ascii(x: u64) -> bool {
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
    let del_or_high = (x.wrapping_add(ONES) | x) & HIGHS;
    below_space | del_or_high == 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_word_check_agrees_with_the_byte_check() {
        let mut state = 0x1234_5678_9abc_def0u64;
        for _ in 0..20000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Bias towards printable ASCII and spaces, the interesting cases.
            let bytes: [u8; 8] = std::array::from_fn(|k| match (state >> (k * 8)) as u8 % 4 {
                0 => b' ',
                1 => 0x20 + ((state >> (k * 3)) as u8 % 0x60),
                _ => (state >> (k * 8 + 1)) as u8,
            });
            let x = u64::from_le_bytes(bytes);
            let printable = bytes.iter().all(|c| (0x20..0x7f).contains(c));
            assert_eq!(super::is_printable_ascii(x), printable, "{bytes:?}");
        }
    }

    use super::*;

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFHello".to_vec()).unwrap(), "Hello");
    }

    #[test]
    fn utf16_with_either_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Drop in Uzbekistan’s Gold Sales\n• KZT/USD = 0.00196".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        let want = "Drop in Uzbekistan’s Gold Sales\n• KZT/USD = 0.00196";
        assert_eq!(decode(le).unwrap(), want);
        assert_eq!(decode(be).unwrap(), want);
    }

    #[test]
    fn invalid_utf8_is_replaced_when_the_file_is_utf8() {
        let text = decode(b"caf\xC3\xA9 \xFF ok".to_vec()).unwrap();
        assert_eq!(text, "café \u{FFFD} ok");
    }

    #[test]
    fn a_file_without_valid_multibyte_utf8_is_windows_1252() {
        let text =
            decode(b"\x95 KZT/USD = 1 \x96 it\x92s \x93quoted\x94\xA0 caf\xE9".to_vec()).unwrap();
        assert_eq!(text, "• KZT/USD = 1 – it’s “quoted”\u{A0} café");
    }

    #[test]
    fn nul_bytes_outside_utf16_are_not_text() {
        assert_eq!(decode(b"Title\0\0\0more".to_vec()), Err(NotText));
    }

    #[test]
    fn control_soup_is_not_text() {
        assert_eq!(decode(vec![1, 2, 3, 4, 5, 6, 7, 8, b'a']), Err(NotText));
        assert_eq!(decode(b"\xFF\xFE\x01\x00\x02\x00".to_vec()), Err(NotText));
    }

    #[test]
    fn escape_sequences_alone_do_not_make_text_unreadable() {
        assert!(decode(b"\x1b[31mRed\x1b[0m".to_vec()).is_ok());
    }

    #[test]
    fn empty_input_is_text() {
        assert_eq!(decode(Vec::new()).unwrap(), "");
    }
}
