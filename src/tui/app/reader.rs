//! Reading: the list and the story, focus, scrolling, the mouse, the screen's size.

use super::{App, Focus, Mode};
use crate::text::layout::StoryLayout;
use crate::text::wrap::PIECE;

/// Bytes of a long story laid out between two looks at the keys.
const LAYOUT_SLICE: usize = 256 << 10;
use crate::tui::action::Action;
use crate::tui::areas::{inner, story_text, Areas};
use ratatui::layout::Position;

impl App {
    /// An action of the reader (the list or the story has the keys).
    pub(super) fn read(&mut self, action: Action) -> Vec<super::Effect> {
        match action {
            Action::PrevDay
            | Action::NextDay
            | Action::Days
            | Action::NextUnread
            | Action::ToggleRead
            | Action::MarkDayRead
            | Action::UnreadOnly
            | Action::SearchArchive => return self.archive_key(action),
            Action::Rates => return self.open_rates(),
            Action::CopyLink => return self.copy_link(),
            Action::OpenLink => return self.open_link(),
            Action::RangeMonth | Action::RangeQuarter | Action::RangeYear | Action::RangeAll => {
                self.message = Some("ranges are for the rates (r)".into());
                return Vec::new();
            }
            _ => {}
        }
        let page = self.story_rows().saturating_sub(1).max(1) as isize;
        let in_story = self.focus == Focus::Story;
        let last = self.selected + 1 >= self.bulletin.articles.len();
        // What shows intent to read the story shown: opening it, paging or scrolling it.
        // Moving through the list does not.
        self.archive.engaged |= match action {
            Action::Open
            | Action::OpenNextStory
            | Action::OpenPrevStory
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp => true,
            Action::NextStory | Action::PrevStory | Action::Top | Action::Bottom => in_story,
            Action::ToggleFocus => !in_story,
            _ => false,
        };
        match action {
            Action::NextStory if in_story && last && self.at_story_end() => self.say_end(),
            Action::NextStory if in_story => self.scroll_by(1),
            Action::PrevStory if in_story => self.scroll_by(-1),
            Action::NextStory | Action::OpenNextStory if last => self.say_end(),
            Action::NextStory | Action::OpenNextStory => {
                self.select(self.selected.saturating_add(1))
            }
            Action::PrevStory | Action::OpenPrevStory => {
                self.select(self.selected.saturating_sub(1))
            }
            // Reading straight through: a page down at the end of a story opens the next.
            Action::PageDown if self.at_story_end() && last => self.say_end(),
            Action::PageDown if self.at_story_end() => {
                self.select(self.selected + 1);
                self.set_focus(Focus::Story);
            }
            Action::PageDown => self.scroll_by(page),
            Action::PageUp => self.scroll_by(-page),
            Action::HalfPageDown => self.scroll_by((page + 1) / 2),
            Action::HalfPageUp => self.scroll_by(-(page + 1) / 2),
            Action::Top if in_story => self.scroll = 0,
            Action::Bottom if in_story => {
                self.lay_out_while(|_| true);
                self.scroll = self.max_scroll();
            }
            Action::Top => self.select(0),
            Action::Bottom => self.select(self.bulletin.articles.len().saturating_sub(1)),
            Action::Open => self.set_focus(Focus::Story),
            Action::ToggleFocus if in_story => self.set_focus(Focus::List),
            Action::ToggleFocus => self.set_focus(Focus::Story),
            Action::Back if self.stop_search() => {}
            Action::Back if in_story => self.set_focus(Focus::List),
            Action::Back => self.clear_search(),
            Action::Search => self.start_prompt(),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::ToggleTicker => self.toggle_ticker(),
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::Messages => self.open_messages(),
            _ => {}
        }
        Vec::new()
    }

    /// True when the end of the story shown is on the screen.
    fn at_story_end(&mut self) -> bool {
        let want = self.scroll + 2 * self.story_rows() + 1;
        self.lay_out_while(|l| l.lines().len() < want);
        !self.bulletin.articles.is_empty()
            && self.story_layout().is_done()
            && self.scroll >= self.max_scroll()
    }

    fn say_end(&mut self) {
        if !self.bulletin.articles.is_empty() {
            self.message = Some("end of the bulletin".into());
        }
    }

    /// Rows of story text that fit in the story pane.
    pub fn story_rows(&self) -> usize {
        usize::from(self.story_area().height)
    }

    /// Where the story's text goes: the story pane's inside, at most `max_width` wide.
    pub fn story_area(&self) -> ratatui::layout::Rect {
        story_text(self.areas().story, self.settings.max_width)
    }

    pub(super) fn list_rows(&self) -> usize {
        usize::from(inner(self.areas().list).height)
    }

    /// The largest scroll: the last line at the bottom of the pane.
    pub fn max_scroll(&self) -> usize {
        self.story_lines().len().saturating_sub(self.story_rows())
    }

    /// How much of the story has been read: the share of its lines above the pane's bottom
    /// (`None` while the story is still being laid out).
    pub fn percent_read(&self) -> Option<usize> {
        if !self.story_layout().is_done() {
            return None;
        }
        let total = self.story_lines().len();
        if total == 0 {
            return Some(100);
        }
        Some(((self.scroll + self.story_rows()).min(total) * 100) / total)
    }

    /// Selects story `index` (clamped), opened at its top.
    pub(super) fn select(&mut self, index: usize) {
        let last = self.bulletin.articles.len().saturating_sub(1);
        let index = index.min(last);
        if index != self.selected {
            self.selected = index;
            self.scroll = 0;
            self.relayout();
        }
    }

    pub(super) fn set_focus(&mut self, focus: Focus) {
        if self.bulletin.articles.is_empty() {
            return;
        }
        self.focus = focus;
        // In narrow mode the focus decides which pane shows, and so the story's width.
        self.relayout();
    }

    pub(super) fn scroll_by(&mut self, lines: isize) {
        let want = self.scroll.saturating_add_signed(lines);
        let rows = self.story_rows();
        self.lay_out_while(|l| l.lines().len() < want + rows);
        self.scroll = want.min(self.max_scroll());
    }

    pub(super) fn resize(&mut self, width: u16, height: u16) {
        // Keep the line at the top in view: find where its text went at the new width.
        let lines = self.story_lines();
        let top = lines[self.scroll.min(lines.len())..]
            .iter()
            .find_map(|l| l.origin());
        self.clipped = super::clipped(width, height);
        self.width = width.min(super::MAX_DRAWN);
        self.height = height.min(super::MAX_DRAWN);
        self.relayout();
        if let Some(origin) = top {
            self.lay_out_while(|l| !l.covers(origin.block, origin.start));
            self.scroll = self
                .story_layout()
                .line_of(origin.block, origin.start)
                .unwrap_or(0);
        }
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, delta: i32) {
        let areas = self.areas();
        let at = Position::new(column, row);
        if areas.story.contains(at) {
            self.scroll_by(delta as isize);
            self.archive.engaged = true;
        } else if areas.list.contains(at) {
            let index = self.selected.saturating_add_signed(delta.signum() as isize);
            self.select(index);
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        let list = inner(self.areas().list);
        if !list.contains(Position::new(column, row)) {
            return;
        }
        // Walk the headlines shown, each as tall as its lines, to the one clicked.
        let shape = self.list_shape();
        let mut top = usize::from(list.y);
        let mut index = self.list_offset;
        loop {
            let Some(article) = self.bulletin.articles.get(index) else {
                return;
            };
            top += shape.height(&article.headline);
            if usize::from(row) < top {
                break;
            }
            index += 1;
        }
        if index == self.selected {
            self.set_focus(Focus::Story);
        } else {
            self.focus = Focus::List;
            self.select(index);
        }
    }

    /// Lays out the selected story at the story's width, unless it is kept already.
    pub(super) fn relayout(&mut self) {
        let width = usize::from(self.story_area().width);
        let Some(article) = self.bulletin.articles.get(self.selected) else {
            self.layouts.clear();
            return;
        };
        let from = self
            .archive
            .stories
            .get(self.selected)
            .and_then(|s| s.source.as_deref())
            .and_then(source_label)
            .or_else(|| article.url.as_deref().and_then(host_of));
        self.layouts.show(self.selected, width, || {
            let date = match (article.date.map(|d| d.long()), from) {
                (Some(date), Some(from)) => Some(format!("{date} · {from}")),
                (date, from) => date.or(from),
            };
            StoryLayout::begin(date.as_deref(), width)
        });
        self.fill_view();
    }

    /// Lays out more of the story shown, a piece at a time, while `more` says so and the
    /// story is not done.
    pub(super) fn lay_out_while(&mut self, more: impl Fn(&StoryLayout) -> bool) {
        let Some(article) = self.bulletin.articles.get(self.selected) else {
            return;
        };
        if let Some(layout) = self.layouts.current_mut() {
            while !layout.is_done() && more(layout) {
                layout.extend(article, PIECE);
            }
        }
    }

    /// Lays out what the story pane shows, and a page beyond it.
    fn fill_view(&mut self) {
        let want = self.scroll + 2 * self.story_rows() + 1;
        self.lay_out_while(|l| l.lines().len() < want);
    }

    /// Lays out a slice more of the story shown, when it is not done (between events).
    pub(super) fn lay_out_more(&mut self) {
        let Some(article) = self.bulletin.articles.get(self.selected) else {
            return;
        };
        if let Some(layout) = self.layouts.current_mut() {
            layout.extend(article, LAYOUT_SLICE);
        }
    }

    /// Keeps every index in range: the selection, the scroll, the list's first row.
    pub(super) fn clamp(&mut self) {
        self.fill_view();
        let count = self.bulletin.articles.len();
        self.selected = self.selected.min(count.saturating_sub(1));
        if count == 0 {
            self.focus = Focus::List;
        }
        self.scroll = self.scroll.min(self.max_scroll());
        self.keep_selection_in_view();
        let last = self.help_last_scroll();
        if let Mode::Help { scroll } = &mut self.mode {
            *scroll = (*scroll).min(last);
        }
        self.highlights = self.find_highlights();
    }

    /// Moves the list's first headline so that the selected one shows whole, and no room is
    /// left empty below the last one.
    fn keep_selection_in_view(&mut self) {
        let rows = self.list_rows().max(1);
        let shape = self.list_shape();
        let height = |i: usize| shape.height(&self.bulletin.articles[i].headline);
        let count = self.bulletin.articles.len();
        if count == 0 {
            self.list_offset = 0;
            return;
        }
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        }
        // From the selection up, as many headlines as fit: the first one shown at least.
        let mut used = height(self.selected);
        let mut first = self.selected;
        while first > self.list_offset && used + height(first - 1) <= rows {
            first -= 1;
            used += height(first);
        }
        self.list_offset = first;
        // From the last headline up, the first one that leaves no empty rows.
        let mut used = 0;
        let mut last_first = count;
        while last_first > 0 && used + height(last_first - 1) <= rows {
            last_first -= 1;
            used += height(last_first);
        }
        self.list_offset = self.list_offset.min(last_first.min(count - 1));
    }

    /// True when the screen shows one pane at a time.
    pub fn is_narrow(&self) -> bool {
        Areas::is_narrow(self.width)
    }
}

/// Where a story came from, as its date line says it: a fetched source's name, or the host
/// of an address; nothing for a file (its name is in no way news).
fn source_label(source: &str) -> Option<String> {
    if crate::source::fetch::is_url(source) {
        return host_of(source);
    }
    let file_like = source.starts_with('/')
        || source == "standard input"
        || source == "the built-in sample"
        || source.contains('/');
    (!file_like).then(|| crate::model::clean_text(source))
}

/// The host of a web address (`courier.example`), without `www.`.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    let host = crate::model::clean_text(host);
    (!host.is_empty()).then_some(host)
}
