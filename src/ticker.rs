//! The rates as text: the direction glyphs, and the label of one rate.

use crate::bulletin::{Direction, Rate};

/// Which glyphs show a direction: arrows where the locale is UTF-8, ASCII elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyphs {
    Unicode,
    Ascii,
}

impl Glyphs {
    /// Unicode when the locale (`LC_ALL`, else `LC_CTYPE`, else `LANG`) names UTF-8.
    pub fn from_env() -> Glyphs {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if locale.contains("utf-8") || locale.contains("utf8") {
            Glyphs::Unicode
        } else {
            Glyphs::Ascii
        }
    }

    /// The sign of a direction: ▲ ▼ ● (or + - =).
    pub fn direction(self, d: Direction) -> &'static str {
        match (self, d) {
            (Glyphs::Unicode, Direction::Up) => "▲",
            (Glyphs::Unicode, Direction::Down) => "▼",
            (Glyphs::Unicode, Direction::Flat) => "●",
            (Glyphs::Ascii, Direction::Up) => "+",
            (Glyphs::Ascii, Direction::Down) => "-",
            (Glyphs::Ascii, Direction::Flat) => "=",
        }
    }
}

/// One rate as shown: `KZT/USD 0.00196 ▼ -0%` (no change given: `KZT/USD 0.00196`).
pub fn rate_label(rate: &Rate, glyphs: Glyphs) -> String {
    match (&rate.change, rate.direction) {
        (Some(change), Some(d)) => {
            format!(
                "{} {} {} {}",
                rate.pair,
                rate.value,
                glyphs.direction(d),
                change
            )
        }
        (Some(change), None) => format!("{} {} {}", rate.pair, rate.value, change),
        _ => format!("{} {}", rate.pair, rate.value),
    }
}
