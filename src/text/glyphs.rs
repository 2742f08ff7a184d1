//! The symbols the reader draws with: Unicode where the locale is UTF-8, ASCII elsewhere.

use crate::model::Direction;

/// Which glyphs show a direction: arrows where the locale is UTF-8, ASCII elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyphs {
    Unicode,
    Ascii,
}

impl Glyphs {
    /// Unicode when the locale (`LC_ALL`, else `LC_CTYPE`, else `LANG`) names UTF-8.
    pub fn from_env() -> Glyphs {
        let vars = ["LC_ALL", "LC_CTYPE", "LANG"].map(|k| std::env::var(k).ok());
        Glyphs::of_locale(Glyphs::locale_in(&vars).unwrap_or_default())
    }

    /// The locale that decides, of `LC_ALL`, `LC_CTYPE` and `LANG` in that order: the first
    /// set and not empty (wherever they come from: the environment, an SSH client's `env`).
    pub fn locale_in(vars: &[Option<String>; 3]) -> Option<&str> {
        vars.iter()
            .flatten()
            .map(String::as_str)
            .find(|v| !v.is_empty())
    }

    /// The glyphs a locale's name (`en_GB.UTF-8`, `C`) can show.
    pub fn of_locale(locale: &str) -> Glyphs {
        let locale = locale.to_ascii_lowercase();
        if locale.contains("utf-8") || locale.contains("utf8") {
            Glyphs::Unicode
        } else {
            Glyphs::Ascii
        }
    }

    /// The mark of cut text: `…`, or `~`.
    pub fn ellipsis(self) -> &'static str {
        match self {
            Glyphs::Unicode => "…",
            Glyphs::Ascii => "~",
        }
    }

    /// The mark of the selected headline.
    pub fn marker(self) -> &'static str {
        match self {
            Glyphs::Unicode => "▶ ",
            Glyphs::Ascii => "> ",
        }
    }

    /// The mark of a paused ticker.
    pub fn paused(self) -> &'static str {
        match self {
            Glyphs::Unicode => "‖",
            Glyphs::Ascii => "|",
        }
    }

    /// Between two parts of a title.
    pub fn separator(self) -> &'static str {
        match self {
            Glyphs::Unicode => "·",
            Glyphs::Ascii => "-",
        }
    }

    /// The lines of a pane's border.
    pub fn border(self) -> ratatui::symbols::border::Set<'static> {
        match self {
            Glyphs::Unicode => ratatui::symbols::border::PLAIN,
            Glyphs::Ascii => ratatui::symbols::border::Set {
                top_left: "+",
                top_right: "+",
                bottom_left: "+",
                bottom_right: "+",
                vertical_left: "|",
                vertical_right: "|",
                horizontal_top: "-",
                horizontal_bottom: "-",
            },
        }
    }

    /// The sign of a direction: ▲ ▼ ● (or ^ v =, which no sign of a change can be taken
    /// for).
    pub fn direction(self, d: Direction) -> &'static str {
        match (self, d) {
            (Glyphs::Unicode, Direction::Up) => "▲",
            (Glyphs::Unicode, Direction::Down) => "▼",
            (Glyphs::Unicode, Direction::Flat) => "●",
            (Glyphs::Ascii, Direction::Up) => "^",
            (Glyphs::Ascii, Direction::Down) => "v",
            (Glyphs::Ascii, Direction::Flat) => "=",
        }
    }
}
