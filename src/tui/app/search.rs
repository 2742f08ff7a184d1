//! The search: the prompt that edits like a shell's, the matches, `n` and `N`.

use super::find::{self, Hit, Place, Scan};
use super::{App, Focus, Mode};
use crate::model::clean_text;
use crate::text::search::Needle;
use crate::text::wrap::thousands;
use crate::tui::action::Action;

/// Searches remembered for Up and Down in the prompt.
const HISTORY: usize = 100;

/// Bytes of text searched, at most, between two looks at the keys.
pub const SLICE: usize = 1 << 20;

/// The query in force, the match in view, the scans still running, and the searches of the
/// session. No list of matches is kept: the next one is found when asked for.
#[derive(Debug, Clone, Default)]
pub struct Search {
    needle: Option<Needle>,
    /// The match last brought into view.
    current: Option<Hit>,
    /// Looking for the next (or previous) match.
    seeking: Option<Seek>,
    /// Counting the matches.
    counting: Option<Place>,
    /// Matches counted so far, and whether the count is done.
    total: usize,
    /// How many matches come before the current one, once known.
    before: Option<usize>,
    /// Whether the scan to the current match went round the end of the bulletin.
    wrapped: bool,
    /// Earlier queries, the latest last.
    history: Vec<String>,
}

/// A scan for the next or previous match, under way.
#[derive(Debug, Clone, Copy)]
struct Seek {
    at: Place,
    forward: bool,
    /// Where the scan began; once it wraps around past the end, it stops there.
    began: Place,
    wrapped: bool,
}

impl Search {
    /// Forgets the matches of another bulletin (the query stays, for n to find it again).
    pub fn forget_matches(&mut self) {
        self.current = None;
        self.seeking = None;
        self.counting = None;
        self.total = 0;
        self.before = None;
        self.wrapped = false;
    }

    /// The query in force.
    pub fn needle(&self) -> Option<&Needle> {
        self.needle.as_ref()
    }

    /// The match in view.
    pub fn current(&self) -> Option<Hit> {
        self.current
    }

    /// True while a scan runs (the keys are still read between its slices).
    pub fn busy(&self) -> bool {
        self.seeking.is_some() || self.counting.is_some()
    }

    /// "match 3/120", or "match 3/…" while counting.
    /// "match 3/120", "match 3/…" while counting; "…, wrapped around" when the scan to it
    /// went round the end of the bulletin.
    fn match_message(&self) -> String {
        let number = self.before.map_or("?".to_owned(), |b| thousands(b + 1));
        let total = if self.counting.is_some() {
            "…".to_owned()
        } else {
            thousands(self.total)
        };
        let wrapped = if self.wrapped { ", wrapped around" } else { "" };
        format!("match {number}/{total}{wrapped}")
    }
}

/// The text being typed after `/`, with its cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    text: String,
    /// Byte offset of the cursor in `text`.
    cursor: usize,
    /// While Up and Down go through the history: how far back (1 is the latest), and what
    /// was typed before.
    recalled: Option<(usize, String)>,
    /// A search of every day of the archive, not of the bulletin shown.
    archive: bool,
    /// Where the reader was when the prompt opened (the story, its scroll, the focus): the
    /// matches are sought from there as the query is typed, and Esc goes back there.
    from: (usize, usize, Focus),
}

impl Default for Prompt {
    fn default() -> Prompt {
        Prompt {
            text: String::new(),
            cursor: 0,
            recalled: None,
            archive: false,
            from: (0, 0, Focus::List),
        }
    }
}

impl Prompt {
    /// True for a search of the archive.
    pub fn is_archive(&self) -> bool {
        self.archive
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, as a byte offset into [`Prompt::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Types a character, cleaned as a bulletin's text is: controls, bidirectional and
    /// other invisible characters are not taken, every space is a plain space.
    pub(super) fn insert(&mut self, c: char) {
        let cleaned = if c.is_whitespace() {
            " ".to_owned()
        } else {
            clean_text(c.encode_utf8(&mut [0; 4]))
        };
        self.insert_clean(&cleaned);
    }

    /// Pastes text, cleaned, its lines joined by spaces.
    pub(super) fn insert_text(&mut self, text: &str) {
        let one_line: String = text
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        self.insert_clean(&clean_text(&one_line));
    }

    fn insert_clean(&mut self, s: &str) {
        self.text.insert_str(self.cursor, s);
        self.cursor += s.len();
    }

    fn before(&self) -> Option<usize> {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map(|(i, _)| i)
    }

    fn after(&self) -> Option<usize> {
        let c = self.text[self.cursor..].chars().next()?;
        Some(self.cursor + c.len_utf8())
    }

    fn set(&mut self, text: String) {
        self.cursor = text.len();
        self.text = text;
    }

    fn edit(&mut self, action: Action) {
        match action {
            Action::PromptLeft => self.cursor = self.before().unwrap_or(0),
            Action::PromptRight => self.cursor = self.after().unwrap_or(self.cursor),
            Action::PromptHome => self.cursor = 0,
            Action::PromptEnd => self.cursor = self.text.len(),
            Action::PromptBackspace => {
                if let Some(i) = self.before() {
                    self.text.replace_range(i..self.cursor, "");
                    self.cursor = i;
                }
            }
            Action::PromptDelete => {
                if let Some(end) = self.after() {
                    self.text.replace_range(self.cursor..end, "");
                }
            }
            Action::PromptClear => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            Action::PromptDeleteWord => {
                let head = &self.text[..self.cursor];
                let trimmed = head.trim_end_matches(' ');
                let start = trimmed.rfind(' ').map_or(0, |i| i + 1);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            _ => {}
        }
    }
}

impl App {
    pub(super) fn start_prompt(&mut self) {
        self.mode = Mode::Prompt(Prompt {
            from: (self.selected, self.scroll, self.focus),
            ..Prompt::default()
        });
    }

    /// The query as typed so far, sought from where the prompt opened: its matches lit in
    /// the list and the story, and the first of them brought into view, at each key.
    pub(super) fn preview_search(&mut self) {
        let Mode::Prompt(prompt) = &self.mode else {
            return;
        };
        if prompt.archive {
            return;
        }
        let typed = prompt.text.trim().to_owned();
        let (selected, scroll, focus) = prompt.from;
        self.back_to(selected, scroll, focus);
        self.clear_search();
        let Some(needle) = Needle::new(&typed) else {
            return;
        };
        self.search.needle = Some(needle);
        self.search.counting = Some(Place::story(0));
        let began = Place::story(selected);
        self.search.seeking = Some(Seek {
            at: began,
            forward: true,
            began,
            wrapped: false,
        });
        self.work();
    }

    /// The reader where it was: a story, its scroll, the focus.
    fn back_to(&mut self, selected: usize, scroll: usize, focus: Focus) {
        self.select(selected);
        self.focus = focus;
        self.relayout();
        self.lay_out_while(|l| l.lines().len() < scroll + 1);
        self.scroll = scroll.min(self.max_scroll());
    }

    pub(super) fn start_archive_prompt(&mut self) {
        self.mode = Mode::Prompt(Prompt {
            archive: true,
            ..Prompt::default()
        });
    }

    /// A key of the prompt.
    pub(super) fn prompt_key(&mut self, action: Action) -> Vec<super::Effect> {
        let Mode::Prompt(prompt) = &mut self.mode else {
            return Vec::new();
        };
        match action {
            Action::PromptSubmit if prompt.archive => {
                let words = prompt.text.trim().to_owned();
                self.mode = Mode::Reading;
                if words.is_empty() {
                    return Vec::new();
                }
                return vec![super::Effect::Archive(crate::tui::asks::Request::Search {
                    words,
                })];
            }
            Action::PromptSubmit => {
                let typed = prompt.text.trim().to_owned();
                self.mode = Mode::Reading;
                self.submit_search(typed);
            }
            Action::PromptCancel => {
                // Back where the prompt opened, no search in force.
                let (selected, scroll, focus) = prompt.from;
                let archive = prompt.archive;
                self.mode = Mode::Reading;
                if !archive {
                    self.clear_search();
                    self.back_to(selected, scroll, focus);
                }
                return Vec::new();
            }
            Action::PromptOlder | Action::PromptNewer => {
                let history = &self.search.history;
                let (back, draft) = prompt.recalled.take().unwrap_or((0, prompt.text.clone()));
                let back = if action == Action::PromptOlder {
                    (back + 1).min(history.len())
                } else {
                    back.saturating_sub(1)
                };
                if back == 0 {
                    prompt.set(draft);
                } else {
                    prompt.set(history[history.len() - back].clone());
                    prompt.recalled = Some((back, draft));
                }
            }
            other => prompt.edit(other),
        }
        self.preview_search();
        Vec::new()
    }

    /// Leaves no search in force.
    pub(super) fn clear_search(&mut self) {
        self.search.forget_matches();
        self.search.needle = None;
    }

    /// Stops the scans under way; true when there were some.
    pub(super) fn stop_search(&mut self) -> bool {
        let busy = self.search.busy();
        if busy {
            self.search.seeking = None;
            self.search.counting = None;
            self.message = Some("search stopped".into());
        }
        busy
    }

    pub(super) fn submit_search(&mut self, typed: String) {
        let query = if typed.is_empty() {
            match self.search.history.last() {
                Some(last) => last.clone(),
                None => return,
            }
        } else {
            typed
        };
        let history = &mut self.search.history;
        history.retain(|q| *q != query);
        history.push(query.clone());
        if history.len() > HISTORY {
            history.remove(0);
        }
        self.clear_search();
        let Some(needle) = Needle::new(&query) else {
            return;
        };
        self.search.needle = Some(needle);
        self.search.counting = Some(Place::story(0));
        // The first match at or after the story being read.
        let began = Place::story(self.selected);
        self.search.seeking = Some(Seek {
            at: began,
            forward: true,
            began,
            wrapped: false,
        });
        self.message = Some(format!("searching for “{query}”…"));
        self.work();
    }

    pub(super) fn step_match(&mut self, forward: bool) {
        let Some(needle) = &self.search.needle else {
            self.message = Some("no search: press / to search".into());
            return;
        };
        if self.search.current.is_none() && !self.search.busy() {
            self.message = Some(format!("no match for “{}”", needle.text()));
            return;
        }
        let from = match self.search.current {
            Some(hit) if forward => Place {
                offset: hit.end.max(hit.at.offset + 1),
                ..hit.at
            },
            Some(hit) => hit.at,
            None => Place::story(self.selected),
        };
        self.search.seeking = Some(Seek {
            at: from,
            forward,
            began: from,
            wrapped: false,
        });
        self.work();
    }

    /// True while there is work to go on with between events (the loop calls
    /// [`App::work`]): a search scanning, a long story being laid out.
    pub fn busy(&self) -> bool {
        self.search.busy() || !self.story_layout().is_done()
    }

    /// Goes on with the work under way, a slice at a time: first the match asked for, then
    /// the count, then the layout of a long story.
    pub fn work(&mut self) {
        if !self.search.busy() {
            self.lay_out_more();
            return;
        }
        let Some(needle) = self.search.needle.take() else {
            return;
        };
        if let Some(seek) = self.search.seeking {
            self.seek(&needle, seek);
        } else if let Some(from) = self.search.counting {
            let mut mark = self.search.current.map(|h| (h.at, 0));
            let (n, next) = find::count(&self.bulletin, &needle, from, SLICE, &mut mark);
            if from == Place::story(0) {
                self.search.total = 0;
            }
            self.search.total += n;
            self.search.counting = next;
            if next.is_none() {
                self.count_done(mark);
            } else if let Some((_, before)) = mark {
                // Matches before the current one, so far; the rest come with later slices.
                self.search.before = Some(self.search.before.unwrap_or(0) + before);
            }
        }
        self.search.needle = Some(needle);
        self.clamp();
    }

    fn seek(&mut self, needle: &Needle, mut seek: Seek) {
        let b = &self.bulletin;
        let scan = if seek.forward {
            find::forward(b, needle, seek.at, SLICE)
        } else {
            find::backward(b, needle, seek.at, SLICE)
        };
        match scan {
            Scan::Found(hit) if seek.wrapped && past(hit.at, seek) => self.no_match(needle),
            Scan::Found(hit) => {
                self.search.seeking = None;
                self.go_to(hit, seek);
            }
            Scan::Paused(at) if seek.wrapped && past(at, seek) => self.no_match(needle),
            Scan::Paused(at) => {
                seek.at = at;
                self.search.seeking = Some(seek);
            }
            Scan::Exhausted if seek.wrapped => self.no_match(needle),
            Scan::Exhausted => {
                seek.wrapped = true;
                seek.at = if seek.forward {
                    Place::story(0)
                } else {
                    find::end_of(b)
                };
                self.search.seeking = Some(seek);
            }
        }
    }

    fn no_match(&mut self, needle: &Needle) {
        self.search.seeking = None;
        if self.search.current.is_none() {
            self.search.counting = None;
            self.message = Some(format!("no match for “{}”", needle.text()));
        } else {
            self.message = Some(self.search.match_message());
        }
    }

    fn count_done(&mut self, mark: Option<(Place, usize)>) {
        if let Some((_, before)) = mark {
            self.search.before = Some(self.search.before.unwrap_or(0) + before);
        }
        let showing_match = self
            .message
            .as_deref()
            .is_some_and(|m| m.starts_with("match "));
        if showing_match {
            self.message = Some(self.search.match_message());
        }
    }

    /// Brings a match into view: its story selected, its line a little below the top.
    fn go_to(&mut self, hit: Hit, seek: Seek) {
        let previous = self.search.current.replace(hit);
        // The match's number: one on from the last one, when the count knows it.
        if self.search.counting.is_none() {
            self.search.before = match (previous, self.search.before) {
                (Some(_), Some(_)) if seek.wrapped => Some(if seek.forward {
                    0
                } else {
                    self.search.total.saturating_sub(1)
                }),
                (Some(_), Some(b)) if seek.forward => Some(b + 1),
                (Some(_), Some(b)) => Some(b.saturating_sub(1)),
                _ => None,
            };
            if self.search.before.is_none() {
                // Count again, to number this match.
                self.search.counting = Some(Place::story(0));
            }
        } else {
            // The count under way numbers the match from where it is now.
            self.search.before = None;
            self.search.counting = Some(Place::story(0));
        }
        self.select(hit.at.article);
        if self.is_narrow() {
            self.set_focus(Focus::Story);
        }
        self.lay_out_while(|l| !l.covers(hit.at.block(), hit.at.offset));
        let line = self
            .story_layout()
            .line_of(hit.at.block(), hit.at.offset)
            .unwrap_or(0);
        self.scroll = line.saturating_sub(2).min(self.max_scroll());
        self.search.wrapped = seek.wrapped;
        self.message = Some(self.search.match_message());
    }
}

/// Part of a line of the story shown that a match covers, for the view to paint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Highlight {
    /// The line, as an index into the story's lines.
    pub line: usize,
    /// Byte range in the line's text.
    pub start: usize,
    pub end: usize,
    /// True for the match that n and N went to.
    pub current: bool,
}

impl App {
    /// Finds the matches on the lines shown, and where each falls on them: a match that
    /// wrapping split across two lines is on both.
    pub(super) fn find_highlights(&self) -> Vec<Highlight> {
        let (Some(needle), Some(article)) = (
            &self.search.needle,
            self.bulletin.articles.get(self.selected),
        ) else {
            return Vec::new();
        };
        let lines = self.story_lines();
        let shown = self.scroll..(self.scroll + self.story_rows()).min(lines.len());
        let reach = needle.text().chars().count() * 4;
        let current = self
            .search
            .current
            .filter(|h| h.at.article == self.selected);
        let mut out = Vec::new();
        // Each run of shown lines from one text: its part of the text, widened on both
        // sides so that a match reaching into it from a line not shown is found too.
        let mut i = shown.start;
        while i < shown.end {
            let Some(origin) = lines[i].origin() else {
                i += 1;
                continue;
            };
            let mut j = i;
            while j + 1 < shown.end
                && lines[j + 1]
                    .origin()
                    .is_some_and(|o| o.block == origin.block)
            {
                j += 1;
            }
            let text = match origin.block {
                None => article.headline.as_str(),
                Some(b) => article.blocks[b].text(),
            };
            let from = floor(text, origin.start.saturating_sub(reach));
            let to = ceil(text, lines[j].range().end.saturating_add(reach));
            let mut at = from;
            while let Some((start, end)) = needle.find(&text[..to], at) {
                let is_current =
                    current.is_some_and(|h| h.at.block() == origin.block && h.at.offset == start);
                for (k, line) in lines.iter().enumerate().take(j + 1).skip(i) {
                    let range = line.range();
                    let (s, e) = (start.max(range.start), end.min(range.end));
                    if s < e {
                        out.push(Highlight {
                            line: k,
                            start: s - range.start,
                            end: e - range.start,
                            current: is_current,
                        });
                    }
                }
                at = end.max(start + 1);
            }
            i = j + 1;
        }
        out
    }
}

fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// True when a scan that wrapped around has come back to where it began.
fn past(at: Place, seek: Seek) -> bool {
    if seek.forward {
        at >= seek.began
    } else {
        at <= seek.began
    }
}
