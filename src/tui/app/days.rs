//! The reader and the archive: days before and after, the list of days, read state, where
//! the reader was, the archive's search; and a file opened that changes under it. Asks are
//! effects, answers come back as events.

use super::{App, Effect, Focus, Mode};
use crate::archive::{DayInfo, Found, StoryInfo};
use crate::model::{Bulletin, Date};
use crate::text::search::Needle;
use crate::text::wrap::count;
use crate::tui::action::Action;
use crate::tui::asks::{Reply, Request};

/// What the reader knows of the archive.
#[derive(Debug, Default)]
pub struct Archived {
    /// There is an archive to ask.
    pub on: bool,
    /// The archive's day shown, when the bulletin is one.
    pub day: Option<Date>,
    /// For each story shown, its id and read state (empty when not in the archive).
    pub stories: Vec<StoryInfo>,
    /// The last place saved: the day and the story.
    saved: Option<(Date, Option<i64>)>,
    /// The story shown, since it came on the screen.
    shown: Option<i64>,
    /// Its read state is settled while it stays shown: it was read (dwelt on, opened,
    /// scrolled) or marked by hand, and is not marked again behind the user's back.
    settled: bool,
    /// The sample is shown though an archive exists (`--sample`).
    sample_beside_archive: bool,
    /// No day is shown yet (the sample stands in while the archive is empty): the first
    /// day the archive gains is opened (a session of the SSH service, whose server fetches).
    follow_latest: bool,
    /// A recording is under way: the place is saved once it is in (a write now would wait
    /// for the recording's, and the reader with it).
    recording: bool,
    /// What `A` changed, to undo with `A` again: each story's read state before it.
    undo_all: Option<Vec<(i64, bool)>>,
    /// Only the day's unread stories are listed (`U`).
    pub(super) unread_only: bool,
    /// The reader showed intent to read the story shown (opened it, scrolled it, dwelt on
    /// it): it is marked read at the next follow-up.
    pub(super) engaged: bool,
    /// The bulletin to record once shown, and its name.
    record: Option<(Box<Bulletin>, String)>,
    /// Words to bring into view in the story opened from the archive's search.
    open_at: Option<String>,
    /// The story and scroll to keep when the day shown comes again (read again after
    /// another process wrote to the archive), and how many stories it had.
    keep: Option<(Option<i64>, usize, usize)>,
}

/// How long a story stays on the screen before it counts as read, as mail readers do.
pub const DWELL: std::time::Duration = std::time::Duration::from_secs(2);

/// What the reader is opened with from the archive.
#[derive(Debug, Clone, Default)]
pub struct ArchiveView {
    pub day: Option<Date>,
    pub stories: Vec<StoryInfo>,
    /// Where the reader was in the day: the story and the scroll.
    pub place: Option<(Option<i64>, usize)>,
    /// What went wrong with the archive, to say.
    pub note: Option<String>,
    pub has_archive: bool,
    /// The built-in sample was asked for while an archive exists: it is not part of it.
    pub sample_beside_archive: bool,
    /// While no day is shown, open the first day the archive gains.
    pub follow_latest: bool,
    /// The bulletin as read and the name to record it under, once it is shown.
    pub record: Option<(Box<Bulletin>, String)>,
}

impl ArchiveView {
    /// A day of the archive as the reader opens it: its stories' ids and read state, and
    /// where the reader was in it.
    pub fn of_day(
        date: Date,
        stories: Vec<StoryInfo>,
        place: Option<(Option<i64>, usize)>,
    ) -> ArchiveView {
        ArchiveView {
            day: Some(date),
            stories,
            place,
            has_archive: true,
            ..ArchiveView::default()
        }
    }
}

impl App {
    /// Tells the reader what the archive knows of what it shows.
    pub fn set_archive_view(&mut self, view: ArchiveView) {
        self.archive.on = view.has_archive;
        self.archive.sample_beside_archive = view.sample_beside_archive;
        self.archive.follow_latest = view.follow_latest;
        self.archive.day = view.day;
        self.archive.stories = view.stories;
        self.archive.record = view.record.filter(|_| view.has_archive);
        if let Some((story, scroll)) = view.place {
            self.go_to_place(story, scroll);
        }
        self.archive.saved = self.archive.day.map(|d| (d, self.story_id()));
        if view.note.is_some() {
            self.message = view.note;
        }
        self.clamp();
    }

    /// The archive's id of the story selected.
    pub fn story_id(&self) -> Option<i64> {
        self.archive.stories.get(self.selected).map(|s| s.id)
    }

    /// Whether a story is unread (false without an archive: nothing is marked then).
    pub fn is_unread(&self, index: usize) -> bool {
        self.archive.stories.get(index).is_some_and(|s| !s.read)
    }

    /// How many of the stories shown are unread.
    pub fn unread(&self) -> usize {
        self.archive.stories.iter().filter(|s| !s.read).count()
    }

    /// True when the archive knows the stories shown, and so which are read.
    pub fn read_state_known(&self) -> bool {
        !self.archive.stories.is_empty()
    }

    /// True when the reader has an archive.
    pub fn has_archive(&self) -> bool {
        self.archive.on
    }

    /// The archive's day shown.
    pub fn day(&self) -> Option<Date> {
        self.archive.day
    }

    /// The date to go from for the day before or after: the day shown, else the bulletin's.
    fn here(&self) -> Option<Date> {
        self.archive.day.or(self.bulletin.date)
    }

    fn no_archive(&mut self) -> Vec<Effect> {
        self.message = Some(if self.archive.sample_beside_archive {
            "the sample is not part of the archive: `bulletin` alone opens the archive".into()
        } else {
            "no archive: `bulletin import FILE` starts one".into()
        });
        Vec::new()
    }

    /// The actions that ask the archive.
    pub(super) fn archive_key(&mut self, action: Action) -> Vec<Effect> {
        if !self.archive.on {
            return self.no_archive();
        }
        let ask = |r: Request| vec![Effect::Archive(r)];
        match action {
            Action::PrevDay | Action::NextDay => match self.here() {
                Some(from) => ask(Request::NextDay {
                    from,
                    later: action == Action::NextDay,
                }),
                None => {
                    self.message = Some("this bulletin has no date".into());
                    Vec::new()
                }
            },
            Action::Days => ask(Request::Days),
            Action::NextUnread => ask(Request::NextUnread {
                after: self.story_id(),
            }),
            Action::ToggleRead => {
                let Some(story) = self.archive.stories.get_mut(self.selected) else {
                    return Vec::new();
                };
                story.read = !story.read;
                let (id, read) = (story.id, story.read);
                self.archive.settled = true;
                self.message = Some(if read { "marked read" } else { "marked unread" }.into());
                // Kept as the user set it while the story stays shown.
                ask(Request::SetRead { story: id, read })
            }
            Action::MarkDayRead => self.mark_day_read(),
            Action::UnreadOnly => self.toggle_unread_only(),
            Action::SearchArchive => {
                self.start_archive_prompt();
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// An answer of the archive.
    pub(super) fn on_reply(&mut self, reply: Reply) -> Vec<Effect> {
        match reply {
            Reply::Day {
                date,
                day,
                place,
                story,
            } => {
                let keep = self
                    .archive
                    .keep
                    .take()
                    .filter(|_| Some(date) == self.archive.day);
                let mut effects = if keep.is_some() {
                    Vec::new()
                } else {
                    self.leaving_day()
                };
                let focus = self.focus;
                self.show_bulletin(day.bulletin, day.stories);
                self.archive.day = Some(date);
                match (story, keep, place) {
                    (Some(id), _, _) => self.go_to_place(Some(id), 0),
                    (None, Some((id, scroll, _)), _) => {
                        self.focus = focus;
                        self.go_to_place(id, scroll)
                    }
                    (None, None, Some((id, scroll))) => self.go_to_place(id, scroll),
                    (None, None, None) => {}
                }
                if let Some(words) = self.archive.open_at.take() {
                    self.bring_words_into_view(&words);
                }
                if matches!(self.mode, Mode::Days { .. } | Mode::Found { .. }) {
                    self.mode = Mode::Reading;
                }
                match keep {
                    // Read again after a write elsewhere: news only when there is some (a
                    // fetch's own report stays).
                    Some((_, _, before)) => {
                        let now = self.bulletin.articles.len();
                        let fetched = self.fetch_note.take();
                        if now > before {
                            let news = count(now - before, "new story", "new stories");
                            self.message = Some(match fetched {
                                Some(note) => format!("{note} ({news} in this day)"),
                                None => news,
                            });
                        }
                    }
                    None => self.message = Some(date.long()),
                }
                effects.extend(self.follow_up());
                return effects;
            }
            Reply::NoDay(message) | Reply::Failed(message) => {
                self.archive.recording = false;
                self.message = Some(message)
            }
            Reply::Days(days) => {
                let selected = days
                    .iter()
                    .position(|d| Some(d.date) == self.archive.day)
                    .unwrap_or(0);
                self.mode = Mode::Days { days, selected };
            }
            Reply::Found { words, results } => {
                if results.is_empty() {
                    self.message = Some(format!("no story in the archive matches “{words}”"));
                } else {
                    self.mode = Mode::Found {
                        words,
                        results,
                        selected: 0,
                    };
                }
            }
            Reply::History(pairs) => self.on_history(pairs),
            Reply::Recorded { stories, place } => {
                self.archive.recording = false;
                if stories.len() == self.bulletin.articles.len() {
                    self.archive.stories = stories;
                    // Where the reader was in this day, unless it has moved meanwhile.
                    if let (Some((story, scroll)), 0, 0) = (place, self.selected, self.scroll) {
                        self.go_to_place(story, scroll);
                    }
                }
            }
        }
        Vec::new()
    }

    /// A bulletin shown in place of the one there: a day from the archive, or a file read
    /// again. Everything about the old one goes.
    pub(super) fn show_bulletin(&mut self, bulletin: Bulletin, stories: Vec<StoryInfo>) {
        let mut bulletin = self.for_screen(bulletin);
        let mut stories = stories;
        if self.archive.unread_only && stories.len() == bulletin.articles.len() {
            let unread: Vec<bool> = stories.iter().map(|s| !s.read).collect();
            let mut flags = unread.iter();
            bulletin.articles.retain(|_| *flags.next().unwrap_or(&true));
            stories.retain(|s| !s.read);
        }
        self.archive.undo_all = None;
        self.marquee = crate::text::marquee::Marquee::new(&bulletin.rates, self.settings.glyphs);
        self.dates_differ = bulletin.articles.windows(2).any(|w| w[0].date != w[1].date);
        self.bulletin = std::sync::Arc::new(bulletin);
        self.archive.stories = stories;
        self.layouts.clear();
        self.selected = 0;
        self.scroll = 0;
        self.list_offset = 0;
        self.search.forget_matches();
        self.relayout();
    }

    /// A bulletin as this terminal can show it: transliterated to ASCII where it is not
    /// UTF-8 (as the first one was).
    fn for_screen(&self, mut bulletin: Bulletin) -> Bulletin {
        if self.settings.glyphs == crate::text::glyphs::Glyphs::Ascii {
            bulletin.map_texts(crate::text::ascii::to_ascii);
        }
        bulletin
    }

    /// Selects a story by its id (when it is there) at a scroll.
    fn go_to_place(&mut self, story: Option<i64>, scroll: usize) {
        let index = story.and_then(|id| self.archive.stories.iter().position(|s| s.id == id));
        if let Some(index) = index {
            self.select(index);
            self.lay_out_while(|l| l.lines().len() < scroll + 1);
            self.scroll = scroll.min(self.max_scroll());
        }
    }

    /// A story opened from the archive's search: its words become the search in force, lit
    /// in the story, the first brought into view, `n` and `N` going through them. The
    /// words as a phrase where the story holds it, else the first of them it holds.
    fn bring_words_into_view(&mut self, words: &str) {
        if self.is_narrow() {
            self.set_focus(Focus::Story);
        }
        let Some(article) = self.bulletin.articles.get(self.selected) else {
            return;
        };
        let holds = |query: &str| {
            Needle::new(query).is_some_and(|needle| {
                needle.find(&article.headline, 0).is_some()
                    || article
                        .blocks
                        .iter()
                        .any(|b| needle.find(b.text(), 0).is_some())
            })
        };
        let query = std::iter::once(words)
            .chain(words.split_whitespace())
            .find(|q| holds(q))
            .map(str::to_owned);
        if let Some(query) = query {
            self.submit_search(query);
        }
    }

    /// What the reader owes the archive after a change: the story shown marked read, and
    /// where the reader is, when the story or the day changed.
    pub(super) fn follow_up(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        if !self.archive.on {
            return effects;
        }
        // A story is read when the reader has dwelt on it (the loop tells, after
        // `DWELL`), opened it, or scrolled it: moving through the list marks nothing.
        let shown = self.areas().story.width > 0 && self.mode_shows_story();
        let engaged = std::mem::take(&mut self.archive.engaged);
        if shown {
            if let Some(story) = self.archive.stories.get_mut(self.selected) {
                if self.archive.shown != Some(story.id) {
                    self.archive.shown = Some(story.id);
                    self.archive.settled = false;
                }
                if engaged && !self.archive.settled {
                    self.archive.settled = true;
                    if !story.read {
                        story.read = true;
                        effects.push(Effect::Archive(Request::SetRead {
                            story: story.id,
                            read: true,
                        }));
                    }
                }
            }
        }
        if let Some(day) = self.archive.day.filter(|_| !self.archive.recording) {
            let here = (day, self.story_id());
            if self.archive.saved != Some(here) {
                self.archive.saved = Some(here);
                effects.push(Effect::Archive(self.place_request(day)));
            }
        }
        effects
    }

    /// `A`: every story of the day read; `A` again puts each back as it was.
    fn mark_day_read(&mut self) -> Vec<Effect> {
        if self.archive.stories.is_empty() {
            self.message = Some("no read state: this bulletin is not in the archive".into());
            return Vec::new();
        }
        let mut effects = Vec::new();
        if let Some(before) = self.archive.undo_all.take() {
            let was: std::collections::HashMap<i64, bool> = before.into_iter().collect();
            for story in &mut self.archive.stories {
                story.read = was.get(&story.id).copied().unwrap_or(story.read);
            }
            for read in [true, false] {
                let stories: Vec<i64> = was
                    .iter()
                    .filter(|(_, r)| **r == read)
                    .map(|(id, _)| *id)
                    .collect();
                if !stories.is_empty() {
                    effects.push(Effect::Archive(Request::SetReadMany { stories, read }));
                }
            }
            self.message = Some(format!(
                "the day as it was: {}",
                count(self.unread(), "unread story", "unread stories")
            ));
            return effects;
        }
        let unread: Vec<i64> = self
            .archive
            .stories
            .iter()
            .filter(|s| !s.read)
            .map(|s| s.id)
            .collect();
        if unread.is_empty() {
            self.message = Some("every story of the day is read already".into());
            return effects;
        }
        self.archive.undo_all = Some(
            self.archive
                .stories
                .iter()
                .map(|s| (s.id, s.read))
                .collect(),
        );
        for story in &mut self.archive.stories {
            story.read = true;
        }
        self.archive.settled = true;
        self.message = Some(format!(
            "{} marked read (A again: undo)",
            count(unread.len(), "story", "stories")
        ));
        effects.push(Effect::Archive(Request::SetReadMany {
            stories: unread,
            read: true,
        }));
        effects
    }

    /// `U`: only the day's unread stories listed, or every story again.
    fn toggle_unread_only(&mut self) -> Vec<Effect> {
        let Some(date) = self
            .archive
            .day
            .filter(|_| !self.archive.stories.is_empty())
        else {
            self.message = Some("no read state: this bulletin is not in the archive".into());
            return Vec::new();
        };
        self.archive.unread_only = !self.archive.unread_only;
        let story = self.story_id();
        if self.archive.unread_only {
            let (bulletin, stories) = (
                Bulletin::clone(&self.bulletin),
                self.archive.stories.clone(),
            );
            let undo = self.archive.undo_all.take();
            self.show_bulletin(bulletin, stories);
            self.archive.undo_all = undo;
            self.go_to_place(story, 0);
            self.message = Some(if self.bulletin.articles.is_empty() {
                "unread only: nothing unread in this day (U: every story)".into()
            } else {
                "unread only (U: every story)".into()
            });
            Vec::new()
        } else {
            self.message = Some("every story of the day".into());
            vec![Effect::Archive(Request::Day { date, story })]
        }
    }

    /// Whether only the day's unread stories are listed.
    pub fn unread_only(&self) -> bool {
        self.archive.unread_only
    }

    /// The unread story on the screen whose read state is not settled yet: the loop tells
    /// (`Event::Dwelt`) once it has been shown for [`DWELL`].
    pub fn dwelling(&self) -> Option<i64> {
        if !self.archive.on || self.archive.settled || !self.mode_shows_story() {
            return None;
        }
        let story = self.archive.stories.get(self.selected)?;
        let shown = self.areas().story.width > 0 && self.archive.shown == Some(story.id);
        (shown && !story.read).then_some(story.id)
    }

    /// The story `id` has been shown for [`DWELL`]: read, if it is still the one shown.
    pub(super) fn dwelt(&mut self, id: i64) -> Vec<Effect> {
        if self.dwelling() == Some(id) {
            self.archive.engaged = true;
        }
        self.follow_up()
    }

    /// Whether the story pane shows the story now (not the rates in its place).
    fn mode_shows_story(&self) -> bool {
        !matches!(self.mode, Mode::Rates(_))
    }

    fn place_request(&self, day: Date) -> Request {
        Request::SavePlace {
            date: day,
            story: self.story_id(),
            scroll: self.scroll,
        }
    }

    /// Where the reader is, to keep when leaving a day or the reader.
    pub fn leaving_day(&self) -> Vec<Effect> {
        if self.archive.recording {
            return Vec::new();
        }
        match (self.archive.on, self.archive.day) {
            (true, Some(day)) => vec![Effect::Archive(self.place_request(day))],
            _ => Vec::new(),
        }
    }

    /// A key in the list of days.
    pub(super) fn days_key(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Days { days, selected } = &mut self.mode else {
            return Vec::new();
        };
        if move_in_list(selected, days.len(), 10, action) {
            return Vec::new();
        }
        match action {
            Action::Open => {
                let date = days.get(*selected).map(|d: &DayInfo| d.date);
                self.mode = Mode::Reading;
                if let Some(date) = date {
                    return vec![Effect::Archive(Request::Day { date, story: None })];
                }
            }
            Action::Back | Action::Days | Action::Help => self.mode = Mode::Reading,
            _ => {}
        }
        Vec::new()
    }

    /// A key in the archive's search results.
    pub(super) fn found_key(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Found {
            words,
            results,
            selected,
        } = &mut self.mode
        else {
            return Vec::new();
        };
        if move_in_list(selected, results.len(), 5, action) {
            return Vec::new();
        }
        match action {
            Action::Open => {
                let hit: Option<&Found> = results.get(*selected);
                let Some(hit) = hit else {
                    return Vec::new();
                };
                let request = Request::Day {
                    date: hit.date,
                    story: Some(hit.id),
                };
                self.archive.open_at = Some(words.clone());
                self.mode = Mode::Reading;
                return vec![Effect::Archive(request)];
            }
            Action::Back | Action::SearchArchive | Action::Help => self.mode = Mode::Reading,
            _ => {}
        }
        Vec::new()
    }

    /// The reader is on the screen: the bulletin it was opened on recorded now.
    pub(super) fn opened(&mut self) -> Vec<Effect> {
        match self.archive.record.take() {
            Some((bulletin, source)) => {
                if bulletin.date.is_none() {
                    self.message = Some("no date: kept under the day it came".into());
                }
                self.archive.recording = true;
                vec![Effect::Archive(Request::Record { bulletin, source })]
            }
            None => Vec::new(),
        }
    }

    /// The file shown was written again: read it again (the loop does).
    pub(super) fn file_changed(&mut self) -> Vec<Effect> {
        vec![Effect::Reload]
    }

    /// The file shown, read again: the new bulletin in its place, the story and place kept,
    /// what changed said, and the archive told.
    pub(super) fn reloaded(&mut self, bulletin: Bulletin, source: String) -> Vec<Effect> {
        let shown = self.for_screen(bulletin.clone());
        let said = what_changed(&self.bulletin, &shown);
        let kept = self
            .bulletin
            .articles
            .get(self.selected)
            .map(|a| a.headline.clone());
        let (scroll, focus) = (self.scroll, self.focus);
        // The archive says which stories are which, once the bulletin is recorded.
        let stories = Vec::new();
        if self.archive.day.is_some() {
            self.archive.day = shown.date;
        }
        self.show_bulletin(shown, stories);
        if let Some(index) =
            kept.and_then(|h| self.bulletin.articles.iter().position(|a| a.headline == h))
        {
            self.select(index);
            self.focus = focus;
            self.relayout();
            self.lay_out_while(|l| l.lines().len() < scroll + 1);
            self.scroll = scroll.min(self.max_scroll());
        }
        self.message = Some(said);
        if self.archive.on {
            vec![Effect::Archive(Request::Record {
                bulletin: Box::new(bulletin),
                source,
            })]
        } else {
            Vec::new()
        }
    }

    /// Another process wrote to the archive: the day shown, read again.
    pub(super) fn archive_changed(&mut self) -> Vec<Effect> {
        match (self.archive.on, self.archive.day, &self.mode) {
            (true, _, Mode::Days { .. }) => vec![Effect::Archive(Request::Days)],
            (true, Some(date), _) => {
                self.archive.keep =
                    Some((self.story_id(), self.scroll, self.bulletin.articles.len()));
                vec![Effect::Archive(Request::Day { date, story: None })]
            }
            // The latest day: the one before the end of time.
            (true, None, _) if self.archive.follow_latest => match Date::new(9999, 12, 31) {
                Some(end) => vec![Effect::Archive(Request::NextDay {
                    from: end,
                    later: false,
                })],
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }
}

/// What a file read again changed, as the status line says it: `2 new stories, 1 story
/// updated, rates updated`; never "stories updated" when only a rate changed.
fn what_changed(before: &Bulletin, after: &Bulletin) -> String {
    let old: std::collections::HashMap<&str, &crate::model::Article> = before
        .articles
        .iter()
        .map(|a| (a.headline.as_str(), a))
        .collect();
    let now: std::collections::HashSet<&str> =
        after.articles.iter().map(|a| a.headline.as_str()).collect();
    let new = after
        .articles
        .iter()
        .filter(|a| !old.contains_key(a.headline.as_str()))
        .count();
    let updated = after
        .articles
        .iter()
        .filter(|a| old.get(a.headline.as_str()).is_some_and(|o| *o != *a))
        .count();
    let gone = old.keys().filter(|h| !now.contains(*h)).count();
    let mut parts = Vec::new();
    if new > 0 {
        parts.push(count(new, "new story", "new stories"));
    }
    if updated > 0 {
        parts.push(format!("{} updated", count(updated, "story", "stories")));
    }
    if gone > 0 {
        parts.push(format!("{} gone", count(gone, "story", "stories")));
    }
    if before.rates != after.rates {
        parts.push("rates updated".into());
    }
    if before.date != after.date {
        parts.push("the date changed".into());
    }
    if parts.is_empty() {
        "the file was written again, unchanged".into()
    } else {
        parts.join(", ")
    }
}

/// Moves the selection of a list of `len` entries as `action` asks (a line, a page of
/// `page` entries, the top, the bottom); false when `action` is not a move.
fn move_in_list(selected: &mut usize, len: usize, page: usize, action: Action) -> bool {
    let last = len.saturating_sub(1);
    *selected = match action {
        Action::NextStory | Action::OpenNextStory => (*selected + 1).min(last),
        Action::PrevStory | Action::OpenPrevStory => selected.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => (*selected + page).min(last),
        Action::PageUp | Action::HalfPageUp => selected.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return false,
    };
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_moves_by_lines_and_pages_and_stops_at_its_ends() {
        let mut at = 0;
        let moves = |at: &mut usize, action| move_in_list(at, 12, 10, action);
        assert!(moves(&mut at, Action::PageDown));
        assert_eq!(at, 10);
        assert!(moves(&mut at, Action::PageDown));
        assert_eq!(at, 11, "a page down stops at the last entry");
        assert!(moves(&mut at, Action::NextStory));
        assert_eq!(at, 11);
        assert!(moves(&mut at, Action::PrevStory));
        assert_eq!(at, 10);
        assert!(moves(&mut at, Action::PageUp));
        assert_eq!(at, 0);
        assert!(moves(&mut at, Action::Bottom));
        assert_eq!(at, 11);
        assert!(moves(&mut at, Action::Top));
        assert_eq!(at, 0);
        assert!(!moves(&mut at, Action::Open), "Open is not a move");
        let mut empty = 0;
        assert!(move_in_list(&mut empty, 0, 5, Action::Bottom));
        assert_eq!(empty, 0, "an empty list keeps its selection at 0");
    }
}
