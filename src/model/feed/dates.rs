//! A feed's dates as written, in their own time zone (the day the item was published where
//! it was published): ISO 8601 and RFC 3339 (`2025-12-09T01:15:00+05:00`, `dc:date`,
//! `dcterms:*`), and RFC 822 with the mistakes feeds make in it: two-digit years, a missing
//! or wrong weekday, missing seconds, named zones (`EST`, `GMT`, `UT`), the month first.

use crate::model::Date;

/// The day a date stamp names, if it names one.
pub fn feed_date(stamp: &str) -> Option<Date> {
    let s = stamp.trim();
    iso(s).or_else(|| rfc822(s))
}

/// `YYYY-MM-DD…`, or `YYYYMMDD…`.
fn iso(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        return Date::parse_iso(&s[..10]);
    }
    if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) && b.get(8).is_none_or(|c| *c == b'T')
    {
        let n = |r: std::ops::Range<usize>| s[r].parse::<u16>().ok();
        return Date::new(n(0..4)?, n(4..6)? as u8, n(6..8)? as u8);
    }
    None
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// RFC 822 as feeds write it: the month by name, the day and the year as numbers around
/// it; a weekday, a time and a zone, if there, play no part.
fn rfc822(s: &str) -> Option<Date> {
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/')
        .filter(|t| !t.is_empty())
        .collect();
    let month_at = tokens.iter().position(|t| month(t).is_some())?;
    let month = month(tokens[month_at])?;
    let numbers: Vec<(usize, &str)> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.contains(':') && t.bytes().all(|b| b.is_ascii_digit()))
        .map(|(i, t)| (i, *t))
        .collect();
    // The day: a number of one or two digits, next to the month (before it, else after).
    let day = numbers
        .iter()
        .filter(|(_, t)| t.len() <= 2)
        .min_by_key(|(i, _)| (i.abs_diff(month_at), *i > month_at))?;
    let year = numbers
        .iter()
        .filter(|(i, _)| *i != day.0)
        .find(|(_, t)| t.len() == 4 || t.len() == 2)?;
    let y: u16 = year.1.parse().ok()?;
    let y = match year.1.len() {
        2 if y >= 70 => 1900 + y,
        2 => 2000 + y,
        _ => y,
    };
    Date::new(y, month, day.1.parse().ok()?)
}

fn month(token: &str) -> Option<u8> {
    let t = token.to_ascii_lowercase();
    if t.len() < 3 || !t.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| t.starts_with(m))
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        feed_date(s).map(|d| d.to_string())
    }

    #[test]
    fn rfc_822_as_feeds_write_it() {
        let dec9 = Some("2025-12-09".to_owned());
        for stamp in [
            "Tue, 09 Dec 2025 01:15:00 +0500",
            "Tue, 9 Dec 2025 01:15 +0500",
            "09 Dec 2025 01:15:00 GMT",
            "Mon, 09 Dec 2025 01:15:00 EST",
            "Tue, 09 Dec 25 01:15:00 UT",
            "Tue, 09 December 2025 01:15:00 PST",
            "Tue Dec 09 2025 01:15:00 GMT+0500",
            "Dec 9, 2025",
            "2025-12-09T01:15:00+05:00",
            "2025-12-09",
            "20251209T011500Z",
        ] {
            assert_eq!(d(stamp), dec9, "{stamp}");
        }
        assert_eq!(
            d("Thu, 01 Jan 98 00:00:00 GMT").as_deref(),
            Some("1998-01-01")
        );
        assert_eq!(d("yesterday"), None);
        assert_eq!(d("31 Feb 2025"), None);
        assert_eq!(d(""), None);
    }
}
