//! The key table: every action with its stable name, its keys and what it does. It is the
//! single truth: the keymap looks keys up in it, and the help, the status line's hints and
//! `bulletin keys` are all built from it, so they cannot disagree with the keys.

use super::action::{Action, KeyMode};
use crate::config::{KeyBinding, Span};
use crate::term::key::Key;
use crate::text::suggest::closest;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// One action of the table.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub action: Action,
    /// The stable name, as the config file and `bulletin keys` write it.
    pub name: &'static str,
    /// The keys by default.
    pub keys: &'static [&'static str],
    /// What it does, in a few words.
    pub does: &'static str,
}

const fn entry(
    action: Action,
    name: &'static str,
    keys: &'static [&'static str],
    does: &'static str,
) -> Entry {
    Entry {
        action,
        name,
        keys,
        does,
    }
}

/// The actions that lead out (of the reader, of an overlay, of the prompt): a config may
/// give them other keys, never none.
const WAYS_OUT: [Action; 3] = [Action::Quit, Action::Back, Action::PromptCancel];

/// Every action, in the order the help lists them.
pub const TABLE: &[Entry] = &[
    entry(
        Action::NextStory,
        "next_story",
        &["j", "Down", "C-n"],
        "next story; in a story, a line down",
    ),
    entry(
        Action::PrevStory,
        "prev_story",
        &["k", "Up", "C-p"],
        "previous story; in a story, a line up",
    ),
    entry(
        Action::OpenNextStory,
        "open_next_story",
        &["J", "]"],
        "next story at its top, from anywhere",
    ),
    entry(
        Action::OpenPrevStory,
        "open_prev_story",
        &["K", "["],
        "previous story at its top, from anywhere",
    ),
    entry(
        Action::PageDown,
        "page_down",
        &["Space", "f", "PgDn", "C-f"],
        "page down the story",
    ),
    entry(
        Action::PageUp,
        "page_up",
        &["b", "PgUp", "C-b"],
        "page up the story",
    ),
    entry(
        Action::HalfPageDown,
        "half_page_down",
        &["C-d"],
        "half a page down",
    ),
    entry(
        Action::HalfPageUp,
        "half_page_up",
        &["C-u"],
        "half a page up",
    ),
    entry(
        Action::Top,
        "top",
        &["g", "Home"],
        "first story; in a story, its top",
    ),
    entry(
        Action::Bottom,
        "bottom",
        &["G", "End"],
        "last story; in a story, its end",
    ),
    entry(
        Action::Open,
        "open",
        &["Enter", "l", "Right"],
        "read the selected story",
    ),
    entry(
        Action::Back,
        "back",
        &["Esc", "h", "Left", "Backspace"],
        "back to the list; there, clear the search",
    ),
    entry(
        Action::ToggleFocus,
        "toggle_focus",
        &["Tab", "BackTab"],
        "between the list and the story",
    ),
    entry(
        Action::Search,
        "search",
        &["/"],
        "search headlines and text",
    ),
    entry(Action::NextMatch, "next_match", &["n"], "next match"),
    entry(Action::PrevMatch, "prev_match", &["N"], "previous match"),
    entry(
        Action::ToggleTicker,
        "toggle_ticker",
        &["t"],
        "pause or resume the ticker",
    ),
    entry(
        Action::PrevDay,
        "prev_day",
        &["<"],
        "the day before, from the archive",
    ),
    entry(Action::NextDay, "next_day", &[">"], "the day after"),
    entry(
        Action::Days,
        "days",
        &["D"],
        "the archive's days, to pick one",
    ),
    entry(
        Action::NextUnread,
        "next_unread",
        &["u"],
        "the next unread story, in any day",
    ),
    entry(
        Action::ToggleRead,
        "toggle_read",
        &["m"],
        "mark the story read or unread",
    ),
    entry(
        Action::MarkDayRead,
        "mark_day_read",
        &["A"],
        "mark the whole day read (again: undo)",
    ),
    entry(
        Action::UnreadOnly,
        "unread_only",
        &["U"],
        "show only the day's unread stories, or all",
    ),
    entry(
        Action::SearchArchive,
        "search_archive",
        &["S"],
        "search every day of the archive",
    ),
    entry(
        Action::Rates,
        "rates",
        &["r"],
        "the rates' history; Enter on a pair, its chart",
    ),
    entry(
        Action::RangeMonth,
        "range_month",
        &["1"],
        "rates over 30 days",
    ),
    entry(
        Action::RangeQuarter,
        "range_quarter",
        &["2"],
        "rates over 90 days",
    ),
    entry(Action::RangeYear, "range_year", &["3"], "rates over a year"),
    entry(
        Action::RangeAll,
        "range_all",
        &["4"],
        "rates over every day of the archive",
    ),
    entry(
        Action::Fetch,
        "fetch",
        &["R"],
        "fetch the config's sources into the archive",
    ),
    entry(
        Action::CopyLink,
        "copy_link",
        &["c"],
        "copy the story's address to the clipboard",
    ),
    entry(
        Action::OpenLink,
        "open_link",
        &["o"],
        "open the story's address (over SSH: show it)",
    ),
    entry(Action::Help, "help", &["?"], "this help"),
    entry(
        Action::Messages,
        "messages",
        &["M"],
        "the session's messages, each whole",
    ),
    entry(
        Action::Redraw,
        "redraw",
        &["C-l"],
        "draw the whole screen again",
    ),
    entry(
        Action::Suspend,
        "suspend",
        &["C-z"],
        "suspend to the shell (fg to come back)",
    ),
    entry(
        Action::Quit,
        "quit",
        &["q", "C-c"],
        "quit; over the help, the days or results, q closes them",
    ),
    entry(
        Action::PromptSubmit,
        "prompt_submit",
        &["Enter"],
        "search (nothing typed: the last search)",
    ),
    entry(
        Action::PromptCancel,
        "prompt_cancel",
        &["Esc", "C-g"],
        "cancel the search",
    ),
    entry(
        Action::PromptBackspace,
        "prompt_backspace",
        &["Backspace"],
        "delete the character before the cursor",
    ),
    entry(
        Action::PromptDelete,
        "prompt_delete",
        &["Delete", "C-d"],
        "delete the character at the cursor",
    ),
    entry(
        Action::PromptLeft,
        "prompt_left",
        &["Left", "C-b"],
        "cursor left",
    ),
    entry(
        Action::PromptRight,
        "prompt_right",
        &["Right", "C-f"],
        "cursor right",
    ),
    entry(
        Action::PromptHome,
        "prompt_home",
        &["Home", "C-a"],
        "cursor to the start",
    ),
    entry(
        Action::PromptEnd,
        "prompt_end",
        &["End", "C-e"],
        "cursor to the end",
    ),
    entry(
        Action::PromptClear,
        "prompt_clear",
        &["C-u"],
        "delete everything before the cursor",
    ),
    entry(
        Action::PromptDeleteWord,
        "prompt_delete_word",
        &["C-w", "M-Backspace"],
        "delete the word before the cursor",
    ),
    entry(
        Action::PromptOlder,
        "prompt_older",
        &["Up", "C-p"],
        "an earlier search",
    ),
    entry(
        Action::PromptNewer,
        "prompt_newer",
        &["Down", "C-n"],
        "a later search",
    ),
];

/// The table's entry for an action.
pub fn entry_of(action: Action) -> &'static Entry {
    TABLE
        .iter()
        .find(|e| e.action == action)
        .expect("every action is in the table")
}

/// The action of a stable name.
pub fn action_named(name: &str) -> Option<Action> {
    TABLE.iter().find(|e| e.name == name).map(|e| e.action)
}

/// A rebinding that cannot be: what is wrong, and where in the config it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub at: Span,
    pub message: String,
}

/// The keys in force: the table with the config's changes.
#[derive(Debug, Clone)]
pub struct Keymap {
    keys: BTreeMap<Action, Vec<Key>>,
    lookup: HashMap<(KeyMode, Key), Action>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::new(&[]).expect("the default keys do not conflict")
    }
}

impl Keymap {
    /// The table with `rebinds` applied, each replacing its action's keys (no key: unbound).
    /// Refuses unknown actions, unknown key names, and a key bound to two actions in one mode.
    pub fn new(rebinds: &[KeyBinding]) -> Result<Keymap, KeymapError> {
        let mut keys: BTreeMap<Action, Vec<Key>> = TABLE
            .iter()
            .map(|e| {
                let parsed = e.keys.iter().map(|k| k.parse().expect("table keys parse"));
                (e.action, parsed.collect())
            })
            .collect();
        // Where each key of a rebound action was written, for conflicts.
        let mut written: HashMap<(Action, Key), Span> = HashMap::new();
        for rebind in rebinds {
            let (name, at) = &rebind.action;
            let Some(action) = action_named(name) else {
                let mut message = format!("unknown action `{name}`");
                match closest(name, TABLE.iter().map(|e| e.name)) {
                    Some(near) => write!(message, "; did you mean `{near}`?").unwrap_or(()),
                    None => message.push_str(" (`bulletin keys` lists them)"),
                }
                return Err(KeymapError {
                    at: at.clone(),
                    message,
                });
            };
            let mut new_keys = Vec::new();
            for (key_name, at) in rebind.keys.iter().filter(|(k, _)| !k.is_empty()) {
                let key: Key = key_name.parse().map_err(|e| KeymapError {
                    at: at.clone(),
                    message: format!("{e}"),
                })?;
                if !new_keys.contains(&key) {
                    new_keys.push(key);
                }
                written.insert((action, key), at.clone());
            }
            if new_keys.is_empty() && WAYS_OUT.contains(&action) {
                return Err(KeymapError {
                    at: at.clone(),
                    message: format!(
                        "`{name}` needs a key: it is the way out{}",
                        if action == Action::Quit {
                            " of the reader"
                        } else {
                            " of what is open over the reader"
                        }
                    ),
                });
            }
            keys.insert(action, new_keys);
        }
        // Ctrl-C always quits, whatever the config says, unless it gave Ctrl-C to another
        // action itself.
        let ctrl_c = Key::ctrl('c');
        if !keys.values().any(|k| k.contains(&ctrl_c)) {
            keys.entry(Action::Quit).or_default().push(ctrl_c);
        }
        let mut lookup: HashMap<(KeyMode, Key), Action> = HashMap::new();
        for (&action, action_keys) in &keys {
            for &key in action_keys {
                let mut modes = vec![action.mode()];
                if action.is_global() && key.text().is_none() {
                    modes.push(KeyMode::Prompt);
                }
                for mode in modes {
                    if let Some(&other) = lookup.get(&(mode, key)) {
                        let (first, second) = (entry_of(other).name, entry_of(action).name);
                        let at = written
                            .get(&(action, key))
                            .or_else(|| written.get(&(other, key)))
                            .cloned();
                        let message = format!(
                            "`{key}` is bound to both `{first}` and `{second}` in the {}; \
                             give one of them other keys",
                            mode.name()
                        );
                        return Err(KeymapError {
                            at: at
                                .or_else(|| rebinds.first().map(|r| r.action.1.clone()))
                                .expect("only a rebinding can conflict"),
                            message,
                        });
                    }
                    lookup.insert((mode, key), action);
                }
            }
        }
        Ok(Keymap { keys, lookup })
    }

    /// The action of a key in a mode.
    pub fn action(&self, mode: KeyMode, key: Key) -> Option<Action> {
        self.lookup.get(&(mode, key)).copied()
    }

    /// The keys of an action, in the order they were given.
    pub fn keys(&self, action: Action) -> &[Key] {
        self.keys.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The keys of an action as the help writes them: `j Down C-n`.
    pub fn keys_text(&self, action: Action) -> String {
        let names: Vec<String> = self.keys(action).iter().map(Key::to_string).collect();
        names.join(" ")
    }

    /// The short key hint of a group of actions: the first key of each bound one, joined by
    /// `/` (`j/k`); `None` when none is bound.
    pub fn hint(&self, actions: &[Action]) -> Option<String> {
        let firsts: Vec<String> = actions
            .iter()
            .filter_map(|&a| self.keys(a).first())
            .map(Key::to_string)
            .collect();
        (!firsts.is_empty()).then(|| firsts.join("/"))
    }

    /// The table as `bulletin keys` prints it: a section a mode, a row an action (name,
    /// keys, what it does), in columns.
    pub fn table_text(&self) -> String {
        let mut out = String::new();
        for mode in [KeyMode::Reader, KeyMode::Prompt] {
            let rows: Vec<(&str, String, &str)> = TABLE
                .iter()
                .filter(|e| e.action.mode() == mode)
                .map(|e| {
                    let keys = self.keys_text(e.action);
                    (
                        e.name,
                        if keys.is_empty() { "-".into() } else { keys },
                        e.does,
                    )
                })
                .collect();
            let name_w = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
            let keys_w = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
            if !out.is_empty() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}:", capitalised(mode.name()));
            for (name, keys, does) in rows {
                let _ = writeln!(out, "  {name:<name_w$}  {keys:<keys_w$}  {does}");
            }
        }
        out.push_str(
            "\nIn the help, the days and the archive's results, the reader's keys move in\n\
             them, and `back`, `q` (or `help`, in the help) close them; Ctrl-C quits from anywhere,\n\
             whatever the config binds `quit` to, and a config that leaves `quit`, `back` or\n\
             `prompt_cancel` with no key is refused. The keys of quit, redraw and suspend that type no\n\
             text work while typing too.\n",
        );
        out
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_action_is_in_the_table_once_with_a_key() {
        for action in Action::ALL {
            let entries: Vec<_> = TABLE.iter().filter(|e| e.action == action).collect();
            assert_eq!(entries.len(), 1, "{action:?}");
            assert!(!entries[0].keys.is_empty(), "{action:?} has a key");
        }
        assert_eq!(TABLE.len(), Action::ALL.len());
        // A new action must be added to ALL: this match stops compiling until it is.
        let count = |a: Action| match a {
            Action::NextStory
            | Action::PrevStory
            | Action::OpenNextStory
            | Action::OpenPrevStory
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::Top
            | Action::Bottom
            | Action::Open
            | Action::Back
            | Action::ToggleFocus
            | Action::Search
            | Action::NextMatch
            | Action::PrevMatch
            | Action::ToggleTicker
            | Action::PrevDay
            | Action::NextDay
            | Action::Days
            | Action::Rates
            | Action::RangeMonth
            | Action::RangeQuarter
            | Action::RangeYear
            | Action::RangeAll
            | Action::NextUnread
            | Action::ToggleRead
            | Action::MarkDayRead
            | Action::UnreadOnly
            | Action::SearchArchive
            | Action::Fetch
            | Action::CopyLink
            | Action::OpenLink
            | Action::Help
            | Action::Messages
            | Action::Redraw
            | Action::Suspend
            | Action::Quit
            | Action::PromptSubmit
            | Action::PromptCancel
            | Action::PromptBackspace
            | Action::PromptDelete
            | Action::PromptLeft
            | Action::PromptRight
            | Action::PromptHome
            | Action::PromptEnd
            | Action::PromptClear
            | Action::PromptDeleteWord
            | Action::PromptOlder
            | Action::PromptNewer => 1,
        };
        assert_eq!(Action::ALL.iter().map(|a| count(*a)).sum::<usize>(), 50);
    }

    use super::*;

    fn key(name: &str) -> Key {
        name.parse().unwrap()
    }

    /// A rebinding as the config gives it: the action's name at 0..1, its keys at 1..2.
    fn rebind(action: &str, keys: &[&str]) -> KeyBinding {
        KeyBinding {
            action: (action.to_owned(), 0..1),
            keys: keys.iter().map(|k| (k.to_string(), 1..2)).collect(),
        }
    }

    #[test]
    fn a_way_out_needs_a_key_and_ctrl_c_always_quits() {
        for (name, what) in [
            (
                "quit",
                "`quit` needs a key: it is the way out of the reader",
            ),
            (
                "back",
                "`back` needs a key: it is the way out of what is open over the reader",
            ),
            (
                "prompt_cancel",
                "`prompt_cancel` needs a key: it is the way out of what is open over the reader",
            ),
        ] {
            let err = Keymap::new(&[rebind(name, &[])]).unwrap_err();
            assert_eq!(err.message, what);
        }
        let k = Keymap::new(&[rebind("quit", &["x"])]).unwrap();
        assert_eq!(k.action(KeyMode::Reader, key("x")), Some(Action::Quit));
        assert_eq!(k.action(KeyMode::Reader, key("C-c")), Some(Action::Quit));
        assert_eq!(k.keys_text(Action::Quit), "x C-c", "the help says so too");
        // Ctrl-C given to another action on purpose is that action's.
        let k = Keymap::new(&[rebind("quit", &["x"]), rebind("redraw", &["C-c"])]).unwrap();
        assert_eq!(k.action(KeyMode::Reader, key("C-c")), Some(Action::Redraw));
    }

    #[test]
    fn every_action_is_in_the_table_once_with_a_unique_name() {
        let mut names: Vec<&str> = TABLE.iter().map(|e| e.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), TABLE.len());
        for e in TABLE {
            assert_eq!(entry_of(e.action).name, e.name);
            assert_eq!(action_named(e.name), Some(e.action));
        }
    }

    #[test]
    fn the_defaults_are_the_keys_of_less_and_vim() {
        let k = Keymap::default();
        let reader = |name| k.action(KeyMode::Reader, key(name));
        assert_eq!(reader("j"), Some(Action::NextStory));
        assert_eq!(reader("Down"), Some(Action::NextStory));
        assert_eq!(reader("Space"), Some(Action::PageDown));
        assert_eq!(reader("C-f"), Some(Action::PageDown));
        assert_eq!(reader("C-d"), Some(Action::HalfPageDown));
        assert_eq!(reader("G"), Some(Action::Bottom));
        assert_eq!(reader("q"), Some(Action::Quit));
        assert_eq!(reader("x"), None);
    }

    #[test]
    fn while_typing_letters_are_text_but_control_keys_of_quit_and_suspend_still_work() {
        let k = Keymap::default();
        assert_eq!(k.action(KeyMode::Prompt, key("q")), None);
        assert_eq!(k.action(KeyMode::Prompt, key("C-c")), Some(Action::Quit));
        assert_eq!(k.action(KeyMode::Prompt, key("C-z")), Some(Action::Suspend));
        assert_eq!(
            k.action(KeyMode::Prompt, key("C-u")),
            Some(Action::PromptClear)
        );
        assert_eq!(
            k.action(KeyMode::Prompt, key("Enter")),
            Some(Action::PromptSubmit)
        );
    }

    #[test]
    fn a_rebinding_replaces_the_keys_and_an_empty_one_unbinds() {
        let k = Keymap::new(&[rebind("next_story", &["x"]), rebind("help", &[""])]).unwrap();
        assert_eq!(k.action(KeyMode::Reader, key("x")), Some(Action::NextStory));
        assert_eq!(k.action(KeyMode::Reader, key("j")), None);
        assert_eq!(k.action(KeyMode::Reader, key("?")), None);
        assert_eq!(k.keys_text(Action::NextStory), "x");
        assert_eq!(
            k.hint(&[Action::NextStory, Action::PrevStory]).unwrap(),
            "x/k"
        );
        assert_eq!(k.hint(&[Action::Help]), None);
    }

    #[test]
    fn bad_rebindings_say_what_and_where() {
        let err = Keymap::new(&[rebind("nxt_story", &["x"])]).unwrap_err();
        assert_eq!(err.at, 0..1, "at the action");
        assert_eq!(
            err.message,
            "unknown action `nxt_story`; did you mean `next_story`?"
        );
        let err = Keymap::new(&[rebind("quit", &["Ctrl-Q", "Dwn"])]).unwrap_err();
        assert_eq!(err.at, 1..2, "at the key");
        assert!(
            err.message.starts_with("unknown key name `Dwn`"),
            "{}",
            err.message
        );
        let err = Keymap::new(&[rebind("quit", &["j"])]).unwrap_err();
        assert_eq!(err.at, 1..2, "at the key");
        assert_eq!(
            err.message,
            "`j` is bound to both `next_story` and `quit` in the reader; give one of them other keys"
        );
        // The same key in two modes is fine; a global control key is not free while typing.
        assert!(Keymap::new(&[rebind("prompt_cancel", &["q"])]).is_ok());
        let err = Keymap::new(&[rebind("prompt_cancel", &["C-c"])]).unwrap_err();
        assert!(
            err.message.contains("in the search prompt"),
            "{}",
            err.message
        );
    }

    #[test]
    fn the_printed_table_lists_every_action_with_its_keys() {
        let text = Keymap::new(&[rebind("next_story", &["x"])])
            .unwrap()
            .table_text();
        for e in TABLE {
            assert!(text.contains(e.name), "{}", e.name);
            assert!(text.contains(e.does), "{}", e.does);
        }
        let row = text
            .lines()
            .find(|l| l.starts_with("  next_story "))
            .unwrap();
        let columns: Vec<&str> = row.split("  ").filter(|c| !c.is_empty()).collect();
        assert_eq!(columns[1].trim(), "x", "{row}");
    }
}
