//! The pure map from terminal events to actions: the keys of less and vim.

use crate::tui::action::Action;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};

/// What the reader is doing, which decides what a key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// The help overlay is open.
    Help,
    /// A search is being typed.
    Typing,
}

/// Lines the mouse wheel scrolls a notch.
pub const WHEEL_LINES: i32 = 3;

/// The action an event asks for, if any.
pub fn map_event(event: &Event, mode: Mode) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => map_key(key, mode),
        Event::Mouse(mouse) if mode == Mode::Normal => map_mouse(mouse),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

fn map_key(key: &KeyEvent, mode: Mode) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c')) {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Help => match key.code {
            KeyCode::Char('?' | 'q') | KeyCode::Esc => Some(Action::ToggleHelp),
            _ => None,
        },
        Mode::Typing => match key.code {
            KeyCode::Enter => Some(Action::SearchSubmit),
            KeyCode::Esc => Some(Action::SearchCancel),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Char(c) if !ctrl => Some(Action::SearchInput(c)),
            _ => None,
        },
        Mode::Normal => map_normal_key(key.code, ctrl),
    }
}

fn map_normal_key(code: KeyCode, ctrl: bool) -> Option<Action> {
    if ctrl {
        // less and vim: Ctrl-F/B a page, Ctrl-D/U (here also a page), Ctrl-N/P a line.
        return match code {
            KeyCode::Char('f' | 'd') => Some(Action::PageDown),
            KeyCode::Char('b' | 'u') => Some(Action::PageUp),
            KeyCode::Char('n') => Some(Action::Down),
            KeyCode::Char('p') => Some(Action::Up),
            KeyCode::Char('l') => Some(Action::Redraw),
            _ => None,
        };
    }
    Some(match code {
        KeyCode::Char('j') | KeyCode::Down => Action::Down,
        KeyCode::Char('k') | KeyCode::Up => Action::Up,
        KeyCode::Char('J' | ']') => Action::NextStory,
        KeyCode::Char('K' | '[') => Action::PrevStory,
        KeyCode::Char(' ' | 'f') | KeyCode::PageDown => Action::PageDown,
        KeyCode::Char('b') | KeyCode::PageUp => Action::PageUp,
        KeyCode::Char('g') | KeyCode::Home => Action::Top,
        KeyCode::Char('G') | KeyCode::End => Action::Bottom,
        KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => Action::OpenStory,
        KeyCode::Tab | KeyCode::BackTab => Action::ToggleFocus,
        KeyCode::Esc | KeyCode::Char('h') | KeyCode::Left | KeyCode::Backspace => Action::Back,
        KeyCode::Char('/') => Action::StartSearch,
        KeyCode::Char('n') => Action::NextMatch,
        KeyCode::Char('N') => Action::PrevMatch,
        KeyCode::Char('t') => Action::ToggleTicker,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('q') => Action::Quit,
        _ => return None,
    })
}

fn map_mouse(mouse: &MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel {
            column,
            row,
            delta: WHEEL_LINES,
        }),
        MouseEventKind::ScrollUp => Some(Action::Wheel {
            column,
            row,
            delta: -WHEEL_LINES,
        }),
        MouseEventKind::Down(crossterm::event::MouseButton::Left) => {
            Some(Action::Click { column, row })
        }
        _ => None,
    }
}

/// Every key, as the help overlay lists it.
pub const HELP: &[(&str, &str)] = &[
    ("j k ↓ ↑", "next/previous story, or line"),
    ("J K ] [", "next/previous story, at its top"),
    ("Enter l → Tab", "read the story"),
    ("Esc h ←", "back to the list"),
    ("space f PgDn", "page down"),
    ("b PgUp", "page up"),
    ("g Home", "first story, or top of story"),
    ("G End", "last story, or end of story"),
    ("/", "search headlines and text"),
    ("n N", "next/previous match"),
    ("t", "pause/resume the ticker"),
    ("mouse", "wheel scrolls, click selects"),
    ("?", "this help"),
    ("Ctrl-L", "draw the screen again"),
    ("q Ctrl-C", "quit"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn normal(code: KeyCode) -> Option<Action> {
        map_event(&key(code), Mode::Normal)
    }

    #[test]
    fn less_and_vim_keys() {
        assert_eq!(normal(KeyCode::Char('j')), Some(Action::Down));
        assert_eq!(normal(KeyCode::Down), Some(Action::Down));
        assert_eq!(normal(KeyCode::Char('k')), Some(Action::Up));
        assert_eq!(normal(KeyCode::Char(' ')), Some(Action::PageDown));
        assert_eq!(normal(KeyCode::PageUp), Some(Action::PageUp));
        assert_eq!(normal(KeyCode::Char('b')), Some(Action::PageUp));
        assert_eq!(normal(KeyCode::Char('G')), Some(Action::Bottom));
        assert_eq!(normal(KeyCode::Home), Some(Action::Top));
        assert_eq!(normal(KeyCode::Char(']')), Some(Action::NextStory));
        assert_eq!(normal(KeyCode::Char('K')), Some(Action::PrevStory));
        assert_eq!(normal(KeyCode::Enter), Some(Action::OpenStory));
        assert_eq!(normal(KeyCode::Esc), Some(Action::Back));
        assert_eq!(normal(KeyCode::Char('q')), Some(Action::Quit));
        assert_eq!(normal(KeyCode::Char('x')), None);
    }

    #[test]
    fn ctrl_l_redraws() {
        let ev = Event::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL));
        assert_eq!(map_event(&ev, Mode::Normal), Some(Action::Redraw));
    }

    #[test]
    fn ctrl_c_quits_in_every_mode() {
        let ev = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        for mode in [Mode::Normal, Mode::Help, Mode::Typing] {
            assert_eq!(map_event(&ev, mode), Some(Action::Quit));
        }
    }

    #[test]
    fn typing_takes_letters_that_are_commands_elsewhere() {
        assert_eq!(
            map_event(&key(KeyCode::Char('q')), Mode::Typing),
            Some(Action::SearchInput('q'))
        );
        assert_eq!(
            map_event(&key(KeyCode::Enter), Mode::Typing),
            Some(Action::SearchSubmit)
        );
        assert_eq!(
            map_event(&key(KeyCode::Esc), Mode::Typing),
            Some(Action::SearchCancel)
        );
    }

    #[test]
    fn help_closes_on_its_keys_and_ignores_others() {
        assert_eq!(
            map_event(&key(KeyCode::Char('q')), Mode::Help),
            Some(Action::ToggleHelp)
        );
        assert_eq!(
            map_event(&key(KeyCode::Esc), Mode::Help),
            Some(Action::ToggleHelp)
        );
        assert_eq!(map_event(&key(KeyCode::Char('j')), Mode::Help), None);
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut k = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        k.kind = KeyEventKind::Release;
        assert_eq!(map_event(&Event::Key(k), Mode::Normal), None);
    }

    #[test]
    fn wheel_and_click() {
        let ev = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 3,
                row: 4,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert_eq!(
            map_event(&ev(MouseEventKind::ScrollDown), Mode::Normal),
            Some(Action::Wheel {
                column: 3,
                row: 4,
                delta: 3
            })
        );
        assert_eq!(
            map_event(
                &ev(MouseEventKind::Down(crossterm::event::MouseButton::Left)),
                Mode::Normal
            ),
            Some(Action::Click { column: 3, row: 4 })
        );
        assert_eq!(map_event(&ev(MouseEventKind::ScrollDown), Mode::Help), None);
    }
}
