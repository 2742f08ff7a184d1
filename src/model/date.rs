//! Calendar dates and the date lines of FORMAT.md rule 3.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A real calendar date (four-digit year). Serialised as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

impl Date {
    /// The date, if it is a real one with a four-digit year.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1000..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn month(&self) -> u8 {
        self.month
    }

    pub fn day(&self) -> u8 {
        self.day
    }

    /// The date as people read it: `08 December 2025`.
    pub fn long(&self) -> String {
        format!(
            "{:02} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }

    /// The date in a tight space: `08 Dec 2025`.
    pub fn short(&self) -> String {
        format!(
            "{:02} {} {}",
            self.day,
            &MONTHS[usize::from(self.month - 1)][..3],
            self.year
        )
    }

    /// Reads `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        from_iso(s)
    }

    /// Days since 1970-01-01 (negative before it), for counting days.
    pub fn days(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01, when it has a four-digit year.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, month as u8, day as u8)
    }

    /// The date `n` days later (earlier when negative).
    pub fn plus_days(&self, n: i64) -> Option<Date> {
        Date::from_days(self.days() + n)
    }

    /// Today, in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days((secs / 86_400) as i64).unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        })
    }

    /// The day and month, for lists: `08 Dec`.
    pub fn day_month(&self) -> String {
        format!(
            "{:02} {}",
            self.day,
            &MONTHS[usize::from(self.month - 1)][..3]
        )
    }

    /// Reads a date line: a line that is only a date, in one of the forms of FORMAT.md rule 3
    /// (`08 December 2025`, `8 Dec 2025`, `December 8, 2025`, `2025-12-08`), optionally led
    /// by a weekday. Anything else, or a date that does not exist, is `None`.
    pub fn from_line(line: &str) -> Option<Date> {
        // Cheap rejection: a date line is short and holds a digit.
        if line.len() > 40 || !line.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let rest = strip_weekday(line);
        from_iso(rest)
            .or_else(|| from_day_month_year(rest))
            .or_else(|| from_month_day_year(rest))
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Drops a leading weekday (`Monday,`, `Mon`, `Tues.`) and returns the rest.
fn strip_weekday(line: &str) -> &str {
    let Some((first, rest)) = line.split_once(' ') else {
        return line;
    };
    let word = first.trim_end_matches(',').trim_end_matches('.');
    let is_weekday = word.len() >= 3 && WEEKDAYS.iter().any(|day| names(day, word));
    if is_weekday {
        rest
    } else {
        line
    }
}

/// A month name, full or abbreviated (`Dec`, `Dec.`, `Sept`), any case.
fn month_from_name(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| names(m, word))
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// True when `word` is `name` or, in at most four letters, its start (`Dec`, `Sept`, `Tues`),
/// in any case.
fn names(name: &str, word: &str) -> bool {
    (word.len() == name.len() && name.eq_ignore_ascii_case(word))
        || (word.len() <= 4
            && name
                .get(..word.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(word)))
}

/// A day of the month: one or two digits, optionally with an ordinal suffix (`8th`).
fn day_from(word: &str) -> Option<u8> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn year_from(word: &str) -> Option<u16> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

/// `2025-12-08`.
fn from_iso(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let all_digits = |r: std::ops::Range<usize>| b[r].iter().all(|c| c.is_ascii_digit());
    if !(all_digits(0..4) && all_digits(5..7) && all_digits(8..10)) {
        return None;
    }
    Date::new(
        s[0..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..10].parse().ok()?,
    )
}

/// `08 December 2025`, `8 Dec 2025`, `8 Dec, 2025`.
fn from_day_month_year(s: &str) -> Option<Date> {
    let mut words = s.split(' ');
    let day = day_from(words.next()?)?;
    let month = month_from_name(words.next()?.trim_end_matches(','))?;
    let year = year_from(words.next()?)?;
    if words.next().is_some() {
        return None;
    }
    Date::new(year, month, day)
}

/// `December 8, 2025`, `Dec 8 2025`.
fn from_month_day_year(s: &str) -> Option<Date> {
    let mut words = s.split(' ');
    let month = month_from_name(words.next()?)?;
    let day = day_from(words.next()?.trim_end_matches(','))?;
    let year = year_from(words.next()?)?;
    if words.next().is_some() {
        return None;
    }
    Date::new(year, month, day)
}

impl fmt::Display for Date {
    /// ISO 8601: `2025-12-08`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        from_iso(&s).ok_or_else(|| {
            de::Error::invalid_value(de::Unexpected::Str(&s), &"a real date as YYYY-MM-DD")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &str) -> Option<String> {
        Date::from_line(s).map(|d| d.to_string())
    }

    #[test]
    fn every_listed_form_reads_as_the_same_date() {
        for s in [
            "08 December 2025",
            "8 December 2025",
            "8 Dec 2025",
            "8 dec. 2025",
            "December 8, 2025",
            "Dec 8 2025",
            "2025-12-08",
            "Monday, 8 December 2025",
            "Monday 08 December 2025",
            "Mon, December 8, 2025",
            "8th December 2025",
        ] {
            assert_eq!(line(s).as_deref(), Some("2025-12-08"), "{s}");
        }
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert_eq!(line("31 February 2025"), None);
        assert_eq!(line("29 February 2025"), None);
        assert_eq!(line("2025-13-01"), None);
        assert_eq!(line("0 May 2025"), None);
        assert_eq!(line("32 May 2025"), None);
        assert_eq!(line("2025-02-30"), None);
    }

    #[test]
    fn leap_days_exist_only_in_leap_years() {
        assert_eq!(line("29 February 2024").as_deref(), Some("2024-02-29"));
        assert_eq!(line("29 February 2000").as_deref(), Some("2000-02-29"));
        assert_eq!(line("29 February 1900"), None);
    }

    #[test]
    fn a_line_with_more_than_a_date_is_not_a_date_line() {
        assert_eq!(line("08 December 2025 was a Monday"), None);
        assert_eq!(line("On 8 December 2025"), None);
        assert_eq!(line("8 December 25"), None);
        assert_eq!(line("May 2025"), None);
        assert_eq!(line("2025"), None);
        assert_eq!(line("Maybe 8 2025"), None);
    }

    #[test]
    fn days_since_the_epoch_go_both_ways() {
        let d = Date::new(2025, 12, 8).unwrap();
        assert_eq!(d.days(), 20_430);
        assert_eq!(Date::from_days(20_430), Some(d));
        assert_eq!(Date::from_days(0), Date::new(1970, 1, 1));
        assert_eq!(d.plus_days(24), Date::new(2026, 1, 1));
        assert_eq!(
            Date::new(2024, 3, 1).unwrap().plus_days(-1),
            Date::new(2024, 2, 29)
        );
        for n in (-200_000..200_000).step_by(997) {
            if let Some(date) = Date::from_days(n) {
                assert_eq!(date.days(), n);
            }
        }
        assert_eq!(Date::parse_iso("2025-12-08"), Some(d));
    }

    #[test]
    fn long_form_pads_the_day() {
        let d = Date::new(2025, 12, 8).unwrap();
        assert_eq!(d.long(), "08 December 2025");
        assert_eq!(d.short(), "08 Dec 2025");
    }

    #[test]
    fn json_form_is_iso_and_checked_on_the_way_back() {
        let d = Date::new(2025, 12, 8).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2025-12-08\"");
        let back: Date = serde_json::from_str("\"2025-12-08\"").unwrap();
        assert_eq!(back, d);
        assert!(serde_json::from_str::<Date>("\"2025-02-31\"").is_err());
    }
}
