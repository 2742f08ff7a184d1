//! A key as the terminal sends it, and its name as people write it (`j`, `C-c`, `PgDn`,
//! `S-Tab`, `M-x`): the one vocabulary of the key table, the config file and the help.

use std::fmt;
use std::str::FromStr;

/// Which key, before modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    /// A character; upper case for a shifted letter (`J`), so Shift is never set with it.
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// A function key, F1 to F24.
    F(u8),
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// A character typed as itself.
    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// Control and a character: `C-c`.
    pub const fn ctrl(c: char) -> Key {
        Key {
            ctrl: true,
            ..Key::char(c)
        }
    }

    /// The character this key types into a text field, if it types one: a character with
    /// no Control or Alt.
    pub fn text(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }
}

/// Special keys and their names; the first name of each is how it is written back.
const NAMES: &[(KeyCode, &[&str])] = &[
    (KeyCode::Enter, &["Enter", "Return", "CR"]),
    (KeyCode::Esc, &["Esc", "Escape"]),
    (KeyCode::Tab, &["Tab"]),
    (KeyCode::BackTab, &["BackTab"]),
    (KeyCode::Backspace, &["Backspace", "BS"]),
    (KeyCode::Delete, &["Delete", "Del"]),
    (KeyCode::Insert, &["Insert", "Ins"]),
    (KeyCode::Up, &["Up"]),
    (KeyCode::Down, &["Down"]),
    (KeyCode::Left, &["Left"]),
    (KeyCode::Right, &["Right"]),
    (KeyCode::Home, &["Home"]),
    (KeyCode::End, &["End"]),
    (KeyCode::PageUp, &["PgUp", "PageUp"]),
    (KeyCode::PageDown, &["PgDn", "PageDown"]),
    (KeyCode::Char(' '), &["Space"]),
];

/// Why a key name was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadKeyName(pub String);

impl fmt::Display for BadKeyName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown key name `{}` (keys are written like `j`, `J`, `C-f`, `M-x`, `S-Tab`, \
             `Enter`, `Esc`, `Space`, `PgDn`, `Down`, `F1`)",
            self.0
        )
    }
}

impl std::error::Error for BadKeyName {}

impl FromStr for Key {
    type Err = BadKeyName;

    /// Reads a key name: modifiers `C-` (or `Ctrl-`), `M-` (or `Alt-`) and `S-` (or
    /// `Shift-`) before a character or the name of a special key, names in any case.
    fn from_str(name: &str) -> Result<Key, BadKeyName> {
        let bad = || BadKeyName(name.to_owned());
        let mut key = Key::plain(KeyCode::Char(' '));
        let mut rest = name;
        // A modifier prefix is followed by something: `C-` alone is not a key, but `-` is.
        while let Some((prefix, after)) = rest.split_once('-') {
            if after.is_empty() {
                break;
            }
            match prefix.to_ascii_lowercase().as_str() {
                "c" | "ctrl" | "control" => key.ctrl = true,
                "m" | "alt" | "meta" => key.alt = true,
                "s" | "shift" => key.shift = true,
                _ => break,
            }
            rest = after;
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(c),
            _ => special(rest).ok_or_else(bad)?,
        };
        if key.shift {
            match key.code {
                // Shift and a letter is the capital letter; Shift-Tab is BackTab.
                KeyCode::Char(c) if c.is_ascii_alphabetic() => {
                    key.code = KeyCode::Char(c.to_ascii_uppercase());
                    key.shift = false;
                }
                KeyCode::Char(_) => return Err(bad()),
                KeyCode::Tab => {
                    key.code = KeyCode::BackTab;
                    key.shift = false;
                }
                _ => {}
            }
        }
        if key.ctrl {
            if let KeyCode::Char(c) = key.code {
                // The terminal sends Control and a letter the same whatever the case.
                key.code = KeyCode::Char(c.to_ascii_lowercase());
            }
        }
        Ok(key)
    }
}

fn special(name: &str) -> Option<KeyCode> {
    let found = NAMES
        .iter()
        .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(name)));
    if let Some((code, _)) = found {
        return Some(*code);
    }
    let number = name.strip_prefix(['F', 'f'])?.parse::<u8>().ok()?;
    (1..=24).contains(&number).then_some(KeyCode::F(number))
}

impl fmt::Display for Key {
    /// The key's canonical name, which [`FromStr`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("C-")?;
        }
        if self.alt {
            f.write_str("M-")?;
        }
        if self.shift {
            f.write_str("S-")?;
        }
        match self.code {
            KeyCode::F(n) => write!(f, "F{n}"),
            KeyCode::Char(c) if c != ' ' => write!(f, "{c}"),
            code => {
                let name = NAMES
                    .iter()
                    .find(|(c, _)| *c == code)
                    .map_or("?", |(_, names)| names[0]);
                f.write_str(name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> Key {
        name.parse().unwrap()
    }

    #[test]
    fn names_read_and_write_back() {
        for name in [
            "j", "J", "C-c", "M-x", "C-M-a", "Enter", "Esc", "Space", "PgDn", "PgUp", "Down",
            "BackTab", "F1", "F12", "S-Up", "/", "-", "?", "]", "é",
        ] {
            assert_eq!(key(name).to_string(), name, "{name}");
        }
    }

    #[test]
    fn other_spellings_mean_the_same_key() {
        assert_eq!(key("ctrl-C"), Key::ctrl('c'));
        assert_eq!(key("C-C"), Key::ctrl('c'));
        assert_eq!(key("space"), Key::char(' '));
        assert_eq!(key(" "), Key::char(' '));
        assert_eq!(key("PageDown"), key("PgDn"));
        assert_eq!(key("escape"), Key::plain(KeyCode::Esc));
        assert_eq!(key("S-Tab"), Key::plain(KeyCode::BackTab));
        assert_eq!(key("S-j"), Key::char('J'));
        assert_eq!(key("Alt-x"), key("M-x"));
    }

    #[test]
    fn nonsense_is_refused() {
        for name in ["", "Dwn", "C-", "F0", "F25", "ab", "C-Foo", "S-1", "\u{1b}"] {
            assert!(name.parse::<Key>().is_err(), "{name:?}");
        }
    }

    #[test]
    fn only_plain_characters_type_text() {
        assert_eq!(Key::char('q').text(), Some('q'));
        assert_eq!(Key::ctrl('c').text(), None);
        assert_eq!(Key::plain(KeyCode::Enter).text(), None);
    }
}
