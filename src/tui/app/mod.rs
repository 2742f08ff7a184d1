//! The reader's state and the one place it changes: [`App::update`]. It does no I/O: it
//! returns the [`Effect`]s it wants, and the loop carries them out.
//!
//! Split by concern: `reader` (the list, the story, focus, scrolling, the mouse, sizes),
//! `search` (the prompt and the matches), `ticker` (the marquee's motion).

mod days;
mod find;
mod layouts;
mod messages;
mod rates;
mod reader;
mod search;
mod ticker;
mod web;

use super::action::{Action, KeyMode};
use super::areas::Areas;
use super::event::Event;
use super::keymap::Keymap;
use super::theme::Theme;
use crate::config::{ThemeConfig, TickerConfig};
use crate::model::Bulletin;
use crate::term::input::{Input, MouseKind};
use crate::text::glyphs::Glyphs;
use crate::text::layout::{LaidLine, StoryLayout};
use crate::text::marquee::Marquee;
use layouts::Layouts;

pub use days::{ArchiveView, DWELL};
pub use find::{Hit, Place};
pub use messages::Said;
pub use rates::{Range, RatesView};
pub use search::{Highlight, Prompt, Search};
pub use ticker::TickerView;

/// What the reader is set up with (the config and the command line, merged).
#[derive(Debug, Clone)]
pub struct Settings {
    pub glyphs: Glyphs,
    pub color: bool,
    pub ticker: TickerConfig,
    pub theme: ThemeConfig,
    /// The widest a story's lines run, in columns.
    pub max_width: u16,
    /// A story's headline is a hyperlink (OSC 8) to its address.
    pub links: bool,
    /// The reader has the mouse (it reports presses and the wheel).
    pub mouse: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            links: true,
            mouse: false,
            glyphs: Glyphs::Unicode,
            color: true,
            ticker: TickerConfig::default(),
            theme: ThemeConfig::default(),
            max_width: crate::config::ReaderConfig::default().max_width,
        }
    }
}

/// Which pane keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Story,
}

/// What the reader is doing, one thing at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The list and the story take the keys.
    Reading,
    /// The help is open, scrolled to its `scroll`th row.
    Help { scroll: usize },
    /// A search is being typed.
    Prompt(Prompt),
    /// The list of the archive's days, one picked.
    Days {
        days: Vec<crate::archive::DayInfo>,
        selected: usize,
    },
    /// The stories of the archive that match a search, one picked.
    Found {
        words: String,
        results: Vec<crate::archive::Found>,
        selected: usize,
    },
    /// The rates panel (or a pair's chart) in place of the story.
    Rates(RatesView),
    /// The session's messages, scrolled to their `scroll`th line.
    Messages { scroll: usize },
}

/// Something `update` wants done outside the state, which the loop carries out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Leave the reader.
    Quit,
    /// Draw the whole screen anew, not just what changed.
    RedrawAll,
    /// Give the terminal back and stop until continued (Ctrl-Z).
    Suspend,
    /// Ask the archive; the answer comes back as an event.
    Archive(crate::tui::asks::Request),
    /// Read the file shown again; it comes back as an event.
    Reload,
    /// Fetch the config's sources into the archive, in the background; what came, comes
    /// back as an event.
    Fetch,
    /// Put text on the terminal's clipboard (OSC 52, which works over SSH).
    Copy(String),
    /// Open an address with the system's opener; over SSH, say it instead.
    OpenLink(String),
}

/// The whole state of the reader. Its fields are private: only `update` changes them.
#[derive(Debug)]
pub struct App {
    /// Shared, not copied, by the sessions of a server that show the same day.
    bulletin: std::sync::Arc<Bulletin>,
    settings: Settings,
    theme: Theme,
    keymap: Keymap,
    mode: Mode,
    focus: Focus,
    marquee: Marquee,
    ticker: ticker::Ticker,
    selected: usize,
    /// The first headline shown in the list.
    list_offset: usize,
    /// The first line of the story shown.
    scroll: usize,
    /// The search's matches on the lines shown, found after each change.
    highlights: Vec<Highlight>,
    /// The size drawn: the terminal's, at most [`MAX_DRAWN`] each way.
    width: u16,
    height: u16,
    /// The terminal's own size, when it is larger than what is drawn.
    clipped: Option<(u16, u16)>,
    search: Search,
    message: Option<String>,
    /// The rates panel's pairs that the day shown has not, with their last date (kept for
    /// while a chart of one of them is open).
    panel_extra: Vec<(String, crate::model::Date)>,
    /// Every message said this session, with its time.
    log: Vec<Said>,
    /// The time as the loop last gave it, to stamp messages with.
    clock: String,
    /// Whether the stories have different dates (then the list shows them).
    dates_differ: bool,
    layouts: Layouts,
    /// A fetch of the sources is under way.
    fetching: bool,
    /// What the last fetch brought, to say with what the day shown gained by it.
    fetch_note: Option<String>,
    /// What the reader knows of the archive.
    archive: days::Archived,
}

/// The most columns and rows drawn: a terminal (or an SSH client) may claim 65535×65535,
/// and memory and time must stay bounded whatever it claims. Beyond, the screen is clipped.
pub const MAX_DRAWN: u16 = 1000;

/// The terminal's size when it is larger than what is drawn.
fn clipped(width: u16, height: u16) -> Option<(u16, u16)> {
    (width > MAX_DRAWN || height > MAX_DRAWN).then_some((width, height))
}

impl App {
    pub fn new(
        bulletin: impl Into<std::sync::Arc<Bulletin>>,
        settings: Settings,
        keymap: Keymap,
        width: u16,
        height: u16,
    ) -> App {
        let bulletin: std::sync::Arc<Bulletin> = bulletin.into();
        let marquee = Marquee::new(&bulletin.rates, settings.glyphs);
        let dates_differ = bulletin.articles.windows(2).any(|w| w[0].date != w[1].date);
        let theme = Theme::new(&settings.theme, settings.color);
        let clipped = clipped(width, height);
        let (width, height) = (width.min(MAX_DRAWN), height.min(MAX_DRAWN));
        let mut app = App {
            bulletin,
            theme,
            keymap,
            mode: Mode::Reading,
            focus: Focus::List,
            marquee,
            ticker: ticker::Ticker::default(),
            selected: 0,
            list_offset: 0,
            scroll: 0,
            highlights: Vec::new(),
            width,
            height,
            clipped,
            search: Search::default(),
            message: None,
            log: Vec::new(),
            clock: String::new(),
            panel_extra: Vec::new(),
            dates_differ,
            layouts: Layouts::default(),
            archive: days::Archived::default(),
            fetching: false,
            fetch_note: None,
            settings,
        };
        app.relayout();
        app
    }

    /// Handles one event; returns what the loop should do about it.
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        let before = self.message.clone();
        let effects = self.handle(event);
        self.log_message(before.as_deref());
        effects
    }

    fn handle(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Input(Input::Key(key)) if key.alt && self.key_action(key).is_none() => {
                // Esc and a key read together (typed quickly, or arriving in one read after a
                // stalled link) come as Alt and the key: where that Alt key means nothing
                // here, it is what was typed, Esc then the key. A bound M- key keeps its
                // meaning.
                let esc = crate::term::key::Key::plain(crate::term::key::KeyCode::Esc);
                let mut effects = self.update(Event::Input(Input::Key(esc)));
                if effects.iter().any(|e| matches!(e, Effect::Quit)) {
                    return effects;
                }
                let plain = crate::term::key::Key { alt: false, ..key };
                effects.extend(self.update(Event::Input(Input::Key(plain))));
                effects
            }
            Event::Input(Input::Key(key)) if self.chart_cursor(key) => {
                self.message = None;
                Vec::new()
            }
            Event::Input(Input::Key(key)) => {
                self.message = None;
                match self.key_action(key) {
                    Some(action) => self.act(action),
                    None => {
                        if let (Mode::Prompt(prompt), Some(c)) = (&mut self.mode, key.text()) {
                            prompt.insert(c);
                            self.preview_search();
                        }
                        Vec::new()
                    }
                }
            }
            Event::Input(Input::Paste(text)) => {
                if let Mode::Prompt(prompt) = &mut self.mode {
                    prompt.insert_text(&text);
                    self.preview_search();
                }
                Vec::new()
            }
            Event::Input(Input::Mouse(mouse)) => {
                if self.mode == Mode::Reading {
                    match mouse.kind {
                        MouseKind::WheelDown => self.wheel(mouse.column, mouse.row, WHEEL_LINES),
                        MouseKind::WheelUp => self.wheel(mouse.column, mouse.row, -WHEEL_LINES),
                        MouseKind::Press(crate::term::input::Button::Left) => {
                            self.message = None;
                            self.click(mouse.column, mouse.row)
                        }
                        _ => {}
                    }
                    self.clamp();
                }
                Vec::new()
            }
            // The loop's own business (how fast the link drains), not the reader's.
            Event::Input(Input::StatusReport) => Vec::new(),
            Event::Resize { width, height } => {
                self.resize(width, height);
                self.clamp();
                Vec::new()
            }
            Event::Tick => {
                self.tick();
                Vec::new()
            }
            Event::Suspend => vec![Effect::Suspend],
            Event::Resume => vec![Effect::RedrawAll],
            Event::Archive(reply) => {
                let mut effects = self.on_reply(reply);
                self.clamp();
                effects.extend(self.follow_up());
                effects
            }
            Event::FileChanged => self.file_changed(),
            Event::Opened => {
                let mut effects = self.opened();
                effects.extend(self.follow_up());
                effects
            }
            Event::Reloaded { bulletin, source } => {
                let mut effects = self.reloaded(*bulletin, source);
                self.clamp();
                effects.extend(self.follow_up());
                effects
            }
            Event::ReloadFailed(why) => {
                self.message = Some(why);
                Vec::new()
            }
            Event::ArchiveChanged => self.archive_changed(),
            Event::Fetched(report) => self.fetched(report),
            Event::NotFetched(why) => {
                self.fetching = false;
                self.message = Some(why);
                Vec::new()
            }
            Event::Said(message) => {
                self.message = Some(message);
                Vec::new()
            }
            Event::Dwelt(id) => self.dwelt(id),
            Event::ShowAddress(url) => self.show_address(url),
        }
    }

    /// Does what an action asks, whatever key asked for it.
    pub fn act(&mut self, action: Action) -> Vec<Effect> {
        let before = self.message.clone();
        let effects = self.act_on(action);
        self.log_message(before.as_deref());
        effects
    }

    fn act_on(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = match action {
            Action::Quit => {
                // Where the reader was is kept before it goes.
                let mut effects = self.leaving_day();
                effects.push(Effect::Quit);
                return effects;
            }
            Action::Redraw => vec![Effect::RedrawAll],
            Action::Suspend => vec![Effect::Suspend],
            Action::Fetch => return self.fetch(),
            _ => match &self.mode {
                Mode::Reading => self.read(action),
                Mode::Help { .. } => {
                    self.help_key(action);
                    Vec::new()
                }
                Mode::Prompt(_) => self.prompt_key(action),
                Mode::Days { .. } => self.days_key(action),
                Mode::Found { .. } => self.found_key(action),
                Mode::Rates(_) => self.rates_key(action),
                Mode::Messages { .. } => self.messages_key(action),
            },
        };
        self.clamp();
        effects.extend(self.follow_up());
        effects
    }

    /// The action a key asks for in the current mode.
    fn key_action(&self, key: crate::term::key::Key) -> Option<Action> {
        match self.mode {
            Mode::Prompt(_) => self.keymap.action(KeyMode::Prompt, key),
            Mode::Help { .. } | Mode::Days { .. } | Mode::Found { .. } | Mode::Messages { .. } => {
                let action = self.keymap.action(KeyMode::Reader, key)?;
                // `q` closes what is open over the reader; Ctrl-C still quits.
                if action == Action::Quit && key.text().is_some() {
                    return Some(Action::Back);
                }
                Some(action)
            }
            Mode::Reading | Mode::Rates(_) => self.keymap.action(KeyMode::Reader, key),
        }
    }

    fn help_key(&mut self, action: Action) {
        let rows = self.help_rows_shown().max(1);
        let last = self.help_last_scroll();
        let Mode::Help { scroll } = &mut self.mode else {
            return;
        };
        *scroll = match action {
            Action::NextStory => scroll.saturating_add(1),
            Action::PrevStory => scroll.saturating_sub(1),
            Action::PageDown | Action::OpenNextStory => {
                scroll.saturating_add(rows.saturating_sub(1).max(1))
            }
            Action::PageUp | Action::OpenPrevStory => {
                scroll.saturating_sub(rows.saturating_sub(1).max(1))
            }
            Action::HalfPageDown => scroll.saturating_add(rows / 2),
            Action::HalfPageUp => scroll.saturating_sub(rows / 2),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Help | Action::Back => {
                self.mode = Mode::Reading;
                return;
            }
            _ => *scroll,
        }
        .min(last);
    }

    /// Rows of the help's list that fit on the screen now.
    fn help_rows_shown(&self) -> usize {
        usize::from(
            super::help::help_area(self.screen(), &self.keymap)
                .height
                .saturating_sub(2),
        )
    }

    /// The help's largest scroll: its last row at the bottom.
    fn help_last_scroll(&self) -> usize {
        super::help::help_row_count(&self.keymap, self.screen())
            .saturating_sub(self.help_rows_shown().max(1))
    }

    // What the view reads.

    pub fn bulletin(&self) -> &Bulletin {
        &self.bulletin
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn marquee(&self) -> &Marquee {
        &self.marquee
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The size drawn (at most [`MAX_DRAWN`] each way, whatever the terminal's).
    pub fn size(&self) -> (u16, u16) {
        (self.width, self.height)
    }

    /// The terminal's own size when it is larger than what is drawn.
    pub fn clipped(&self) -> Option<(u16, u16)> {
        self.clipped
    }

    pub fn search(&self) -> &Search {
        &self.search
    }

    /// The search's matches on the lines shown.
    pub fn highlights(&self) -> &[Highlight] {
        &self.highlights
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn dates_differ(&self) -> bool {
        self.dates_differ
    }

    /// How the list lays its headlines out now.
    pub fn list_shape(&self) -> super::list::ListShape {
        super::list::ListShape {
            cols: usize::from(super::areas::inner(self.areas().list).width),
            max_lines: if self.is_narrow() { None } else { Some(2) },
            dates: self.dates_differ,
        }
    }

    /// The screen, as a rectangle.
    pub fn screen(&self) -> ratatui::layout::Rect {
        ratatui::layout::Rect::new(0, 0, self.width, self.height)
    }

    /// The areas of the screen in the current state.
    pub fn areas(&self) -> Areas {
        // With an archive the ticker's row keeps its place on a day without rates (it says
        // so), so that going from day to day does not move the layout.
        Areas::new(
            self.width,
            self.height,
            !self.marquee.is_empty() || self.has_archive(),
            self.focus == Focus::Story,
        )
    }

    /// The selected story laid out at the story pane's width.
    pub fn story_layout(&self) -> &StoryLayout {
        self.layouts.current()
    }

    /// The lines of the selected story at the story pane's width.
    pub fn story_lines(&self) -> &[LaidLine] {
        self.layouts.current().lines()
    }

    /// The text of a line of the selected story.
    pub fn line_text(&self, line: &LaidLine) -> &str {
        match self.bulletin.articles.get(self.selected) {
            Some(article) => self.layouts.current().text(line, article),
            None => "",
        }
    }
}

/// Lines the mouse wheel scrolls a notch.
pub const WHEEL_LINES: i32 = 3;

#[cfg(test)]
mod tests;
