//! The things a user can do to the reader.

/// One thing the reader is asked to do. Only [`crate::tui::app::App::update`] acts on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Next / previous item: a story in the list, a line in the story pane.
    Down,
    Up,
    /// Next / previous story from anywhere, opened at its top.
    NextStory,
    PrevStory,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// Focus the story (in narrow mode: open it).
    OpenStory,
    /// Back to the list.
    Back,
    /// Tab: story focus to list focus and back.
    ToggleFocus,
    /// Start typing a search.
    StartSearch,
    /// A character typed into the search.
    SearchInput(char),
    SearchBackspace,
    SearchSubmit,
    SearchCancel,
    NextMatch,
    PrevMatch,
    ToggleTicker,
    ToggleHelp,
    /// The mouse wheel at a cell: `delta` lines, negative up.
    Wheel {
        column: u16,
        row: u16,
        delta: i32,
    },
    /// A click at a cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The terminal is now this size.
    Resize {
        width: u16,
        height: u16,
    },
    /// Time for the next ticker step.
    Tick,
    /// Draw the whole screen again (Ctrl-L), as after line noise.
    Redraw,
    Quit,
}
