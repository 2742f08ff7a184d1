//! A feed's bytes to text, as a browser decides the encoding: the HTTP `charset` first, then
//! a byte-order mark, then the XML declaration, else UTF-8. When the encoding named cannot
//! decode the bytes (a feed declared UTF-8 and written in Windows-1252, the commonest lie),
//! the bytes are read as Windows-1252, as HTML does, rather than refused; UTF-8 with a few
//! broken bytes among real multi-byte characters keeps its characters.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// The text, and what was not as declared (for the note on what was read leniently).
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> (String, Option<String>) {
    let (bom, rest) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (Some(enc), &bytes[len..]),
        None => (None, bytes),
    };
    let label = |l: String| Encoding::for_label(l.as_bytes());
    let http = content_type
        .and_then(crate::model::html::charset_param)
        .and_then(label);
    let declared = declared_in(rest).and_then(label);
    // A UTF-16 label on bytes that spell it out in ASCII is not what they are.
    let ascii_compatible = |e: &'static Encoding| e != UTF_16LE && e != UTF_16BE;
    let encoding = match (http, bom, declared) {
        (Some(e), _, _) if ascii_compatible(e) || bom.is_some() => e,
        (_, Some(e), _) => e,
        (_, None, Some(e)) if ascii_compatible(e) => e,
        _ => UTF_8,
    };
    // What the note calls it: the encoding's own name, however the label spelt it.
    let said = encoding.name();
    let encoding = match bom {
        // A byte-order mark says more than a label about the bytes it starts.
        Some(b) if b != encoding && !ascii_compatible(b) => b,
        _ => encoding,
    };
    if encoding == UTF_8 {
        return match std::str::from_utf8(rest) {
            Ok(text) => (text.to_owned(), None),
            Err(_) => {
                let note = if crate::model::decode::has_multibyte_utf8(rest) {
                    format!("not all {said} as declared: its broken bytes replaced")
                } else {
                    format!("declared {said} but written otherwise: read as Windows-1252")
                };
                let text = crate::model::decode::utf8_or_legacy(rest.to_vec());
                (text, Some(note))
            }
        };
    }
    match encoding.decode_without_bom_handling_and_without_replacement(rest) {
        Some(text) => (text.into_owned(), None),
        None => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(rest);
            (
                text.into_owned(),
                Some(format!(
                    "declared {said} but written otherwise: read as Windows-1252"
                )),
            )
        }
    }
}

/// The `encoding` of an XML declaration at the start of the bytes.
fn declared_in(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &head[start..];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memmem::find(head, b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = rest[1..].split(quote).next()?;
    (!value.is_empty()).then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_http_charset_then_the_bom_then_the_declaration() {
        let latin = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>Caf\xe9</a>";
        assert_eq!(
            decode(latin, None).0,
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>Café</a>"
        );
        // The server's charset wins over the declaration.
        let utf8 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>Café</a>".as_bytes();
        let (text, note) = decode(utf8, Some("application/rss+xml; charset=utf-8"));
        assert!(text.ends_with("<a>Café</a>") && note.is_none(), "{text}");
        // A byte-order mark: UTF-16.
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "<a>Café</a>".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        assert_eq!(decode(&utf16, None).0, "<a>Café</a>");
    }

    #[test]
    fn a_declared_encoding_that_cannot_decode_falls_back_to_windows_1252() {
        let lie = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>Caf\xe9 \x93quoted\x94</a>";
        let (text, note) = decode(lie, None);
        assert!(
            text.ends_with("<a>Café \u{201c}quoted\u{201d}</a>"),
            "{text}"
        );
        assert_eq!(
            note.as_deref(),
            Some("declared UTF-8 but written otherwise: read as Windows-1252")
        );
        // Real UTF-8 with one broken byte keeps its characters.
        let mixed = "<a>Café "
            .as_bytes()
            .iter()
            .chain(b"\xff</a>")
            .copied()
            .collect::<Vec<u8>>();
        assert!(decode(&mixed, None).0.starts_with("<a>Café "));
        // Shift_JIS that is not: Windows-1252.
        let sjis = b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a>\x82\xff</a>";
        let (_, note) = decode(sjis, None);
        assert!(note.is_some());
    }
}
