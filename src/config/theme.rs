//! Themes as plain values: colours by name, a style a screen element, and the built-in
//! themes. The reader turns them into terminal styles.

use std::fmt;

/// A colour: one of the 16 ANSI colours (so the terminal's palette applies), the terminal's
/// default, or an exact `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Default,
    /// ANSI colour 0 to 15: black, red, green, yellow, blue, magenta, cyan, white, then the
    /// bright ones.
    Ansi(u8),
    Rgb(u8, u8, u8),
}

const ANSI_NAMES: [&str; 8] = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
];

impl Color {
    /// Reads `red`, `bright_red` (or `light_red`), `gray`, `dark_gray`, `default`, `#rrggbb`.
    pub fn parse(name: &str) -> Option<Color> {
        let lower = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        if let Some(hex) = lower.strip_prefix('#') {
            let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
            return match hex.len() {
                6 if hex.is_ascii() => Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?)),
                _ => None,
            };
        }
        let ansi = match lower.as_str() {
            "default" | "reset" | "none" => return Some(Color::Default),
            "gray" | "grey" => 7,
            "dark_gray" | "dark_grey" | "darkgray" | "darkgrey" => 8,
            other => {
                let (bright, base) = match other
                    .strip_prefix("bright_")
                    .or_else(|| other.strip_prefix("light_"))
                {
                    Some(base) => (8, base),
                    None => (0, other),
                };
                bright + ANSI_NAMES.iter().position(|n| *n == base)? as u8
            }
        };
        Some(Color::Ansi(ansi))
    }

    /// Every name [`Color::parse`] reads, for messages.
    pub const NAMES_HELP: &'static str = "black, red, green, yellow, blue, magenta, cyan, white, \
        bright_black … bright_white, default, or \"#rrggbb\"";
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Color::Default => f.write_str("default"),
            Color::Ansi(n) if n < 8 => f.write_str(ANSI_NAMES[usize::from(n)]),
            Color::Ansi(n) => write!(f, "bright_{}", ANSI_NAMES[usize::from(n % 8)]),
            Color::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

/// How one element is drawn: colours and attributes, each left to the terminal when unset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StyleSpec {
    pub fg: Option<Color>,
    pub bg: Option<Color>,
    pub bold: bool,
    pub dim: bool,
    pub italic: bool,
    pub underline: bool,
    pub reverse: bool,
}

impl StyleSpec {
    const fn new() -> StyleSpec {
        StyleSpec {
            fg: None,
            bg: None,
            bold: false,
            dim: false,
            italic: false,
            underline: false,
            reverse: false,
        }
    }
    const fn fg(self, c: u8) -> StyleSpec {
        StyleSpec {
            fg: Some(Color::Ansi(c)),
            ..self
        }
    }
    const fn bg(self, c: u8) -> StyleSpec {
        StyleSpec {
            bg: Some(Color::Ansi(c)),
            ..self
        }
    }
    const fn bold(self) -> StyleSpec {
        StyleSpec { bold: true, ..self }
    }
    const fn reverse(self) -> StyleSpec {
        StyleSpec {
            reverse: true,
            ..self
        }
    }
    const fn underline(self) -> StyleSpec {
        StyleSpec {
            underline: true,
            ..self
        }
    }

    /// The style as an inline TOML table, as the config file writes it.
    pub fn to_toml(&self) -> String {
        let mut parts = Vec::new();
        if let Some(c) = self.fg {
            parts.push(format!("fg = \"{c}\""));
        }
        if let Some(c) = self.bg {
            parts.push(format!("bg = \"{c}\""));
        }
        for (on, name) in [
            (self.bold, "bold"),
            (self.dim, "dim"),
            (self.italic, "italic"),
            (self.underline, "underline"),
            (self.reverse, "reverse"),
        ] {
            if on {
                parts.push(format!("{name} = true"));
            }
        }
        if parts.is_empty() {
            "{}".to_owned()
        } else {
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

/// A thing on the screen that has a style of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Element {
    Text,
    Headline,
    Subheading,
    Date,
    ListDate,
    Selection,
    SelectionUnfocused,
    Border,
    BorderFocused,
    Ticker,
    Rising,
    Falling,
    Flat,
    RoundedFall,
    Match,
    CurrentMatch,
    Status,
    Hint,
    Key,
    Unread,
    Chart,
}

impl Element {
    /// Every element, in the order the config file lists them.
    pub const ALL: [Element; 21] = [
        Element::Text,
        Element::Headline,
        Element::Subheading,
        Element::Date,
        Element::ListDate,
        Element::Selection,
        Element::SelectionUnfocused,
        Element::Border,
        Element::BorderFocused,
        Element::Ticker,
        Element::Rising,
        Element::Falling,
        Element::Flat,
        Element::RoundedFall,
        Element::Match,
        Element::CurrentMatch,
        Element::Status,
        Element::Hint,
        Element::Key,
        Element::Unread,
        Element::Chart,
    ];

    /// The element's name in the config file, and what it is.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Element::Text => ("text", "a story's paragraphs"),
            Element::Headline => ("headline", "the headline above a story"),
            Element::Subheading => ("subheading", "a story's subheadings"),
            Element::Date => ("date", "the date under a headline"),
            Element::ListDate => ("list_date", "dates in the list of headlines"),
            Element::Selection => (
                "selection",
                "the selected headline, the list having the keys",
            ),
            Element::SelectionUnfocused => (
                "selection_unfocused",
                "the selected headline, the story having the keys",
            ),
            Element::Border => ("border", "pane borders"),
            Element::BorderFocused => ("border_focused", "the border of the pane with the keys"),
            Element::Ticker => ("ticker", "a rate's pair and value"),
            Element::Rising => ("rising", "a rate that rose"),
            Element::Falling => ("falling", "a rate that fell"),
            Element::Flat => ("flat", "a rate that did not move"),
            Element::RoundedFall => ("rounded_fall", "a fall rounded to zero (-0%)"),
            Element::Match => ("match", "search matches"),
            Element::CurrentMatch => ("current_match", "the match n and N went to"),
            Element::Status => ("status", "messages in the status line"),
            Element::Hint => ("hint", "key hints in the status line"),
            Element::Key => ("key", "key names in hints and help"),
            Element::Unread => ("unread", "an unread headline in the list"),
            Element::Chart => ("chart", "the rates' sparklines and charts"),
        }
    }

    pub fn name(self) -> &'static str {
        self.describe().0
    }

    pub fn from_name(name: &str) -> Option<Element> {
        Element::ALL.into_iter().find(|e| e.name() == name)
    }
}

/// A built-in theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// The 16 ANSI colours, for dark backgrounds and most others.
    #[default]
    Default,
    /// No colour: bold, underline and reverse alone.
    Mono,
    /// For light terminal backgrounds.
    Light,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Default, ThemeName::Mono, ThemeName::Light];

    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::Mono => "mono",
            ThemeName::Light => "light",
        }
    }

    pub fn from_name(name: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The theme's style of an element.
    pub fn style(self, element: Element) -> StyleSpec {
        const BLACK: u8 = 0;
        const RED: u8 = 1;
        const GREEN: u8 = 2;
        const YELLOW: u8 = 3;
        const BLUE: u8 = 4;
        const CYAN: u8 = 6;
        const DARK_GRAY: u8 = 8;
        let s = StyleSpec::new();
        match (self, element) {
            (_, Element::Text | Element::Ticker | Element::Flat) => s,
            (_, Element::Headline | Element::Subheading | Element::Status | Element::Unread) => {
                s.bold()
            }
            (ThemeName::Mono, Element::Chart) => s,
            (ThemeName::Light, Element::Chart) => s.fg(BLUE),
            (_, Element::Chart) => s.fg(CYAN),
            (_, Element::Selection) => s.reverse().bold(),
            (_, Element::SelectionUnfocused) => s.bold(),
            (ThemeName::Mono, Element::Date | Element::ListDate | Element::Hint) => s,
            (ThemeName::Mono, Element::Border) => s,
            (ThemeName::Mono, Element::BorderFocused | Element::Key) => s.bold(),
            (ThemeName::Mono, Element::Rising | Element::Falling) => s,
            (ThemeName::Mono, Element::Match) => s.reverse(),
            (ThemeName::Mono, Element::CurrentMatch) => s.reverse().bold().underline(),
            (ThemeName::Mono, Element::RoundedFall) => s,
            (_, Element::RoundedFall) => s.fg(DARK_GRAY),
            (_, Element::CurrentMatch) => s.fg(BLACK).bg(CYAN).bold(),
            (_, Element::Date | Element::ListDate | Element::Hint | Element::Border) => {
                s.fg(DARK_GRAY)
            }
            (ThemeName::Light, Element::BorderFocused) => s.fg(BLUE),
            (ThemeName::Light, Element::Key) => s.fg(BLUE).bold(),
            (_, Element::BorderFocused) => s.fg(CYAN),
            (_, Element::Key) => s.fg(CYAN).bold(),
            (_, Element::Rising) => s.fg(GREEN),
            (_, Element::Falling) => s.fg(RED),
            (ThemeName::Light, Element::Match) => s.fg(BLACK).bg(YELLOW).underline(),
            (_, Element::Match) => s.fg(BLACK).bg(YELLOW),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_names_and_hex() {
        assert_eq!(Color::parse("red"), Some(Color::Ansi(1)));
        assert_eq!(Color::parse("Bright_Blue"), Some(Color::Ansi(12)));
        assert_eq!(Color::parse("light-red"), Some(Color::Ansi(9)));
        assert_eq!(Color::parse("dark_gray"), Some(Color::Ansi(8)));
        assert_eq!(Color::parse("#1a2B3c"), Some(Color::Rgb(0x1a, 0x2b, 0x3c)));
        assert_eq!(Color::parse("default"), Some(Color::Default));
        for bad in ["redd", "#12345", "#gggggg", "bright_", "#ééé", ""] {
            assert_eq!(Color::parse(bad), None, "{bad}");
        }
        for c in [
            Color::Ansi(3),
            Color::Ansi(14),
            Color::Rgb(1, 2, 255),
            Color::Default,
        ] {
            assert_eq!(Color::parse(&c.to_string()), Some(c));
        }
    }

    #[test]
    fn mono_keeps_the_selection_and_matches_visible_without_colour() {
        for e in Element::ALL {
            let s = ThemeName::Mono.style(e);
            assert_eq!((s.fg, s.bg), (None, None), "{e:?}");
        }
        assert!(ThemeName::Mono.style(Element::Selection).reverse);
        assert!(ThemeName::Mono.style(Element::Match).reverse);
    }

    #[test]
    fn element_names_are_unique_and_read_back() {
        for e in Element::ALL {
            assert_eq!(Element::from_name(e.name()), Some(e));
        }
    }
}
