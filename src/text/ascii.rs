//! Text for a terminal that is not UTF-8: each character as ASCII where it has a plain
//! form (curly quotes straight, dashes a hyphen, an ellipsis three dots, a letter without
//! its accent), anything else a `?`, so that nothing prints as mojibake.

/// `text` in ASCII.
pub fn to_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        match plain(c) {
            Some(s) => out.push_str(s),
            None if c.is_whitespace() => out.push(' '),
            None => out.push('?'),
        }
    }
    out
}

/// The plain form of a character outside ASCII, if it has one.
fn plain(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}'
        | '\u{203A}' | '\u{02BB}' | '\u{02BC}' | '\u{00B4}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => "\"",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '\u{2026}' => "...",
        '\u{2022}' | '\u{25CF}' | '\u{25AA}' | '\u{25BA}' => "*",
        '\u{00B7}' => ".",
        '\u{00D7}' => "x",
        '\u{00F7}' => "/",
        '\u{00A9}' => "(c)",
        '\u{00AE}' => "(R)",
        '\u{2122}' => "(TM)",
        '\u{20AC}' => "EUR",
        '\u{00A3}' => "GBP",
        '\u{00B0}' => "deg",
        '\u{00BD}' => "1/2",
        '\u{00BC}' => "1/4",
        '\u{00BE}' => "3/4",
        _ => return letter(c),
    })
}

/// A Latin letter with a diacritic, as the letter without it.
fn letter(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("ÀÁÂÃÄÅĀĂĄ", "A"),
        ("àáâãäåāăą", "a"),
        ("ÇĆĈĊČ", "C"),
        ("çćĉċč", "c"),
        ("ĎĐ", "D"),
        ("ďđ", "d"),
        ("ÈÉÊËĒĔĖĘĚƏ", "E"),
        ("èéêëēĕėęěə", "e"),
        ("ĜĞĠĢ", "G"),
        ("ĝğġģ", "g"),
        ("ĤĦ", "H"),
        ("ĥħ", "h"),
        ("ÌÍÎÏĨĪĬĮİ", "I"),
        ("ìíîïĩīĭįı", "i"),
        ("Ĵ", "J"),
        ("ĵ", "j"),
        ("Ķ", "K"),
        ("ķ", "k"),
        ("ĹĻĽĿŁ", "L"),
        ("ĺļľŀł", "l"),
        ("ÑŃŅŇŊ", "N"),
        ("ñńņňŋ", "n"),
        ("ÒÓÔÕÖØŌŎŐ", "O"),
        ("òóôõöøōŏő", "o"),
        ("ŔŖŘ", "R"),
        ("ŕŗř", "r"),
        ("ŚŜŞŠȘ", "S"),
        ("śŝşšș", "s"),
        ("ŢŤŦȚ", "T"),
        ("ţťŧț", "t"),
        ("ÙÚÛÜŨŪŬŮŰŲ", "U"),
        ("ùúûüũūŭůűų", "u"),
        ("Ŵ", "W"),
        ("ŵ", "w"),
        ("ÝŸŶ", "Y"),
        ("ýÿŷ", "y"),
        ("ŹŻŽ", "Z"),
        ("źżž", "z"),
        ("Æ", "AE"),
        ("æ", "ae"),
        ("Œ", "OE"),
        ("œ", "oe"),
        ("ß", "ss"),
    ];
    TABLE
        .iter()
        .find(|(from, _)| from.contains(c))
        .map(|(_, to)| *to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_dashes_and_ellipses_have_plain_forms() {
        assert_eq!(
            to_ascii("Uzbekistan’s “gold” – sales… 2 × 3 — «ok»"),
            "Uzbekistan's \"gold\" - sales... 2 x 3 - \"ok\""
        );
    }

    #[test]
    fn accented_letters_lose_their_accents_and_anything_else_is_a_question_mark() {
        assert_eq!(
            to_ascii("Türkmenistan, Şahrisabz, Qoʻqon"),
            "Turkmenistan, Sahrisabz, Qo'qon"
        );
        assert_eq!(to_ascii("中国 ▲"), "?? ?");
        assert!(to_ascii("\u{00A0}x").starts_with(' '));
    }
}
