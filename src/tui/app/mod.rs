//! The reader's state and the one place it changes: [`App::update`].

use crate::model::Bulletin;
use crate::text::layout::{lay_out, line_of, LaidLine};
use crate::text::marquee::{Glyphs, Marquee};
use crate::text::search::find_all;
use crate::tui::action::Action;
use crate::tui::areas::{inner, story_text, Areas};
use std::time::Duration;

/// Which pane keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Story,
}

/// How the ticker moves when the rates do not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TickerMode {
    /// One column at a time, continuously.
    Scroll,
    /// One whole rate at a time.
    Step,
    /// No motion.
    Static,
}

/// Columns a second of the scrolling ticker.
pub const SCROLL_COLUMNS_PER_SECOND: u64 = 8;
/// How long each rate leads in step mode.
pub const STEP_EVERY: Duration = Duration::from_secs(3);

/// Stories kept laid out.
const LAYOUT_CACHE: usize = 32;

/// What the reader is set up with.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub ticker: TickerMode,
    pub glyphs: Glyphs,
    pub color: bool,
}

/// One occurrence of the search in a story: in the headline (`block: None`) or a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub article: usize,
    pub block: Option<usize>,
    pub start: usize,
}

/// The search: what is being typed, and the query in force with its hits.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// While `/` is being answered: the text typed so far.
    pub typing: Option<String>,
    /// The query whose hits are highlighted.
    pub query: String,
    pub hits: Vec<Hit>,
    /// The hit last brought into view.
    pub current: Option<usize>,
}

/// A story laid out at a width. The app keeps the last [`LAYOUT_CACHE`] of them, so that
/// going back and forth between stories lays each out once per width.
#[derive(Debug, Clone, Default)]
struct StoryLayout {
    article: usize,
    width: usize,
    lines: Vec<LaidLine>,
}

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    pub bulletin: Bulletin,
    pub options: Options,
    pub marquee: Marquee,
    pub ticker_paused: bool,
    pub ticker_step: u64,
    pub selected: usize,
    /// The first headline shown in the list.
    pub list_offset: usize,
    /// The first line of the story shown.
    pub scroll: usize,
    pub focus: Focus,
    pub width: u16,
    pub height: u16,
    pub help: bool,
    pub search: Search,
    pub message: Option<String>,
    pub quit: bool,
    /// Whether the stories have different dates (then the list shows them).
    pub dates_differ: bool,
    /// Laid-out stories, the selected one first (when there is one).
    layouts: Vec<StoryLayout>,
    /// An empty layout, for a bulletin with no stories.
    no_layout: StoryLayout,
}

impl App {
    pub fn new(bulletin: Bulletin, options: Options, width: u16, height: u16) -> App {
        let marquee = Marquee::new(&bulletin.rates, options.glyphs);
        let dates_differ = bulletin.articles.windows(2).any(|w| w[0].date != w[1].date);
        let mut app = App {
            bulletin,
            options,
            marquee,
            ticker_paused: false,
            ticker_step: 0,
            selected: 0,
            list_offset: 0,
            scroll: 0,
            focus: Focus::List,
            width,
            height,
            help: false,
            search: Search::default(),
            message: None,
            quit: false,
            dates_differ,
            layouts: Vec::new(),
            no_layout: StoryLayout::default(),
        };
        app.relayout();
        app
    }

    /// The areas of the screen in the current state.
    pub fn areas(&self) -> Areas {
        Areas::new(
            self.width,
            self.height,
            !self.marquee.is_empty(),
            self.focus == Focus::Story,
        )
    }

    /// The selected story laid out at the story pane's width.
    pub fn story_lines(&self) -> &[LaidLine] {
        &self.layout().lines
    }

    /// Rows of story text that fit in the story pane.
    pub fn story_rows(&self) -> usize {
        usize::from(story_text(self.areas().story).height)
    }

    fn list_rows(&self) -> usize {
        usize::from(inner(self.areas().list).height)
    }

    /// The largest scroll: the last line at the bottom of the pane.
    pub fn max_scroll(&self) -> usize {
        self.layout().lines.len().saturating_sub(self.story_rows())
    }

    /// How much of the story has been read: the share of its lines above the pane's bottom.
    pub fn percent_read(&self) -> usize {
        let total = self.layout().lines.len();
        if total == 0 {
            return 100;
        }
        ((self.scroll + self.story_rows()).min(total) * 100) / total
    }

    /// The column of the ticker's cycle at the left edge now.
    pub fn ticker_offset(&self) -> usize {
        let step = usize::try_from(self.ticker_step).unwrap_or(0);
        match self.options.ticker {
            TickerMode::Scroll => step,
            TickerMode::Step => {
                let starts = self.marquee.starts();
                starts.get(step % starts.len().max(1)).copied().unwrap_or(0)
            }
            TickerMode::Static => 0,
        }
    }

    /// True when the ticker moves: rates that do not fit, a moving mode, not paused.
    pub fn ticker_moves(&self) -> bool {
        self.options.ticker != TickerMode::Static
            && !self.ticker_paused
            && !self.marquee.is_empty()
            && !self.marquee.fits(usize::from(self.width))
            && self.areas().ticker.height > 0
    }

    /// How long until the next ticker step, or `None` when nothing moves (then the reader
    /// sleeps until input comes).
    pub fn tick_interval(&self) -> Option<Duration> {
        if !self.ticker_moves() {
            return None;
        }
        Some(match self.options.ticker {
            TickerMode::Step => STEP_EVERY,
            _ => Duration::from_millis(1000 / SCROLL_COLUMNS_PER_SECOND),
        })
    }

    /// Applies one action. Returns whether anything shown changed (then the screen is drawn).
    pub fn update(&mut self, action: Action) -> bool {
        if matches!(action, Action::Tick) {
            if !self.ticker_moves() {
                return false;
            }
            self.ticker_step = self.ticker_step.wrapping_add(1);
            return true;
        }
        if matches!(action, Action::Redraw) {
            return true;
        }
        let had_message = self.message.take().is_some();
        let before = self.snapshot();
        self.apply(action);
        self.clamp();
        had_message || self.message.is_some() || self.snapshot() != before
    }

    /// Everything that shows, to tell whether an action changed the screen.
    fn snapshot(&self) -> impl PartialEq {
        (
            (self.selected, self.list_offset, self.scroll, self.focus),
            (self.width, self.height, self.help, self.ticker_paused),
            (
                self.search.typing.clone(),
                self.search.query.clone(),
                self.search.current,
            ),
            self.quit,
        )
    }

    fn apply(&mut self, action: Action) {
        let page = self.story_rows().saturating_sub(1).max(1);
        let in_story = self.focus == Focus::Story;
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.help = !self.help,
            Action::Down if in_story => self.scroll_by(1),
            Action::Up if in_story => self.scroll_by(-1),
            Action::Down => self.select(self.selected.saturating_add(1)),
            Action::Up => self.select(self.selected.saturating_sub(1)),
            Action::NextStory => self.select(self.selected.saturating_add(1)),
            Action::PrevStory => self.select(self.selected.saturating_sub(1)),
            Action::PageDown => self.scroll_by(page as isize),
            Action::PageUp => self.scroll_by(-(page as isize)),
            Action::Top if in_story => self.scroll = 0,
            Action::Bottom if in_story => self.scroll = self.max_scroll(),
            Action::Top => self.select(0),
            Action::Bottom => self.select(self.bulletin.articles.len().saturating_sub(1)),
            Action::OpenStory => self.set_focus(Focus::Story),
            Action::ToggleFocus if in_story => self.set_focus(Focus::List),
            Action::ToggleFocus => self.set_focus(Focus::Story),
            Action::Back if in_story => self.set_focus(Focus::List),
            Action::Back => self.search = Search::default(),
            Action::StartSearch => self.search.typing = Some(String::new()),
            Action::SearchInput(c) => {
                if let Some(t) = &mut self.search.typing {
                    t.push(c);
                }
            }
            Action::SearchBackspace => {
                if let Some(t) = &mut self.search.typing {
                    t.pop();
                }
            }
            Action::SearchCancel => self.search.typing = None,
            Action::SearchSubmit => self.submit_search(),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::ToggleTicker => {
                self.ticker_paused = !self.ticker_paused;
                self.message = Some(
                    if self.ticker_paused {
                        "ticker paused"
                    } else {
                        "ticker running"
                    }
                    .into(),
                );
            }
            Action::Wheel { column, row, delta } => self.wheel(column, row, delta),
            Action::Click { column, row } => self.click(column, row),
            Action::Resize { width, height } => self.resize(width, height),
            Action::Tick | Action::Redraw => {}
        }
    }

    /// Selects story `index` (clamped), opened at its top.
    fn select(&mut self, index: usize) {
        let last = self.bulletin.articles.len().saturating_sub(1);
        let index = index.min(last);
        if index != self.selected {
            self.selected = index;
            self.scroll = 0;
            self.relayout();
        }
    }

    fn set_focus(&mut self, focus: Focus) {
        if self.bulletin.articles.is_empty() {
            return;
        }
        self.focus = focus;
        // In narrow mode the focus decides which pane shows, and so the story's width.
        self.relayout();
    }

    fn scroll_by(&mut self, lines: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(lines)
            .min(self.max_scroll());
    }

    fn resize(&mut self, width: u16, height: u16) {
        // Keep the line at the top in view: find where its text went at the new width.
        let top = self.layout().lines[self.scroll.min(self.layout().lines.len())..]
            .iter()
            .find_map(|l| l.origin);
        self.width = width;
        self.height = height;
        self.relayout();
        if let Some(origin) = top {
            self.scroll = line_of(&self.layout().lines, origin.block, origin.start).unwrap_or(0);
        }
    }

    fn wheel(&mut self, column: u16, row: u16, delta: i32) {
        let areas = self.areas();
        let at = ratatui::layout::Position::new(column, row);
        if areas.story.contains(at) {
            self.scroll_by(delta as isize);
        } else if areas.list.contains(at) {
            let index = self.selected.saturating_add_signed(delta.signum() as isize);
            self.select(index);
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        let list = inner(self.areas().list);
        if !list.contains(ratatui::layout::Position::new(column, row)) {
            return;
        }
        let index = self.list_offset + usize::from(row - list.y);
        if index >= self.bulletin.articles.len() {
            return;
        }
        if index == self.selected {
            self.set_focus(Focus::Story);
        } else {
            self.focus = Focus::List;
            self.select(index);
        }
    }

    fn submit_search(&mut self) {
        let Some(query) = self.search.typing.take() else {
            return;
        };
        if query.is_empty() {
            self.search = Search::default();
            return;
        }
        let hits = self.find(&query);
        self.search = Search {
            typing: None,
            query,
            hits,
            current: None,
        };
        if self.search.hits.is_empty() {
            self.message = Some(format!("no match for “{}”", self.search.query));
            return;
        }
        // The first hit at or after the story being read.
        let first = self
            .search
            .hits
            .iter()
            .position(|h| h.article >= self.selected)
            .unwrap_or(0);
        self.go_to_hit(first);
    }

    fn find(&self, query: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (article, a) in self.bulletin.articles.iter().enumerate() {
            let texts = std::iter::once((None, a.headline.as_str())).chain(
                a.blocks
                    .iter()
                    .enumerate()
                    .map(|(i, b)| (Some(i), b.text())),
            );
            for (block, text) in texts {
                for (start, _) in find_all(text, query) {
                    hits.push(Hit {
                        article,
                        block,
                        start,
                    });
                }
            }
        }
        hits
    }

    fn step_match(&mut self, forward: bool) {
        let n = self.search.hits.len();
        if n == 0 {
            self.message = Some(if self.search.query.is_empty() {
                "no search: press / to search".into()
            } else {
                format!("no match for “{}”", self.search.query)
            });
            return;
        }
        let next = match (self.search.current, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.go_to_hit(next);
        if forward && next == 0 || !forward && next == n - 1 {
            self.message = Some("search wrapped around".into());
        }
    }

    /// Brings hit `i` into view: its story selected, its line a little below the top.
    fn go_to_hit(&mut self, i: usize) {
        let hit = self.search.hits[i];
        self.search.current = Some(i);
        self.select(hit.article);
        if Areas::is_narrow(self.width) {
            self.set_focus(Focus::Story);
        }
        let line = line_of(&self.layout().lines, hit.block, hit.start).unwrap_or(0);
        self.scroll = line.saturating_sub(2).min(self.max_scroll());
        self.message = Some(format!("match {}/{}", i + 1, self.search.hits.len()));
    }

    /// The selected story's layout.
    fn layout(&self) -> &StoryLayout {
        self.layouts.first().unwrap_or(&self.no_layout)
    }

    /// Lays out the selected story at the story pane's width, unless that is cached already;
    /// either way it becomes the first of the cache.
    fn relayout(&mut self) {
        let width = usize::from(story_text(self.areas().story).width);
        let Some(article) = self.bulletin.articles.get(self.selected) else {
            self.layouts.clear();
            return;
        };
        let cached = self
            .layouts
            .iter()
            .position(|l| l.article == self.selected && l.width == width);
        let layout = match cached {
            Some(i) => self.layouts.remove(i),
            None => {
                let date = article.date.map(|d| d.long());
                StoryLayout {
                    article: self.selected,
                    width,
                    lines: lay_out(article, date.as_deref(), width),
                }
            }
        };
        self.layouts.insert(0, layout);
        self.layouts.truncate(LAYOUT_CACHE);
    }

    /// Keeps every index in range: the selection, the scroll, the list's first row.
    fn clamp(&mut self) {
        let count = self.bulletin.articles.len();
        self.selected = self.selected.min(count.saturating_sub(1));
        if count == 0 {
            self.focus = Focus::List;
        }
        self.scroll = self.scroll.min(self.max_scroll());
        let rows = self.list_rows().max(1);
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        self.list_offset = self.list_offset.min(count.saturating_sub(rows));
    }
}

#[cfg(test)]
mod tests;
