//! The things a user can ask the reader to do with a key. Their names, keys and
//! descriptions are in one table, [`crate::tui::keymap::TABLE`].

/// One thing a key asks for. Only [`crate::tui::app::App`] acts on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    NextStory,
    PrevStory,
    OpenNextStory,
    OpenPrevStory,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    Open,
    Back,
    ToggleFocus,
    Search,
    NextMatch,
    PrevMatch,
    ToggleTicker,
    PrevDay,
    NextDay,
    Days,
    Rates,
    RangeMonth,
    RangeQuarter,
    RangeYear,
    RangeAll,
    NextUnread,
    ToggleRead,
    MarkDayRead,
    UnreadOnly,
    SearchArchive,
    Fetch,
    CopyLink,
    OpenLink,
    Help,
    Messages,
    Redraw,
    Suspend,
    Quit,
    PromptSubmit,
    PromptCancel,
    PromptBackspace,
    PromptDelete,
    PromptLeft,
    PromptRight,
    PromptHome,
    PromptEnd,
    PromptClear,
    PromptDeleteWord,
    PromptOlder,
    PromptNewer,
}

/// Where a key is looked up: reading (the list, a story, the help over them), or typing
/// into the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyMode {
    Reader,
    Prompt,
}

impl KeyMode {
    pub fn name(self) -> &'static str {
        match self {
            KeyMode::Reader => "reader",
            KeyMode::Prompt => "search prompt",
        }
    }
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 50] = {
        use Action::*;
        [
            NextStory,
            PrevStory,
            OpenNextStory,
            OpenPrevStory,
            PageDown,
            PageUp,
            HalfPageDown,
            HalfPageUp,
            Top,
            Bottom,
            Open,
            Back,
            ToggleFocus,
            Search,
            NextMatch,
            PrevMatch,
            ToggleTicker,
            PrevDay,
            NextDay,
            Days,
            Rates,
            RangeMonth,
            RangeQuarter,
            RangeYear,
            RangeAll,
            NextUnread,
            ToggleRead,
            MarkDayRead,
            UnreadOnly,
            SearchArchive,
            Fetch,
            CopyLink,
            OpenLink,
            Help,
            Messages,
            Redraw,
            Suspend,
            Quit,
            PromptSubmit,
            PromptCancel,
            PromptBackspace,
            PromptDelete,
            PromptLeft,
            PromptRight,
            PromptHome,
            PromptEnd,
            PromptClear,
            PromptDeleteWord,
            PromptOlder,
            PromptNewer,
        ]
    };

    /// The mode whose keys the action's keys are.
    pub fn mode(self) -> KeyMode {
        use Action::*;
        match self {
            PromptSubmit | PromptCancel | PromptBackspace | PromptDelete | PromptLeft
            | PromptRight | PromptHome | PromptEnd | PromptClear | PromptDeleteWord
            | PromptOlder | PromptNewer => KeyMode::Prompt,
            _ => KeyMode::Reader,
        }
    }

    /// True for the actions whose keys that type no text (`C-c`, `C-l`, `C-z`) work in every
    /// mode: in the help and while typing a search too.
    pub fn is_global(self) -> bool {
        matches!(self, Action::Quit | Action::Redraw | Action::Suspend)
    }
}
