//! The search: the prompt that edits like a shell's, the matches, `n` and `N`.

use super::{App, Mode};
use crate::model::clean_text;
use crate::text::layout::line_of;
use crate::text::search::find_all;
use crate::tui::action::Action;

/// Searches remembered for Up and Down in the prompt.
const HISTORY: usize = 100;

/// One occurrence of the search in a story: in the headline (`block: None`) or a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub article: usize,
    pub block: Option<usize>,
    pub start: usize,
}

/// The query in force, its matches, and the searches of the session.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// The query whose matches are highlighted.
    pub query: String,
    pub hits: Vec<Hit>,
    /// The match last brought into view.
    pub current: Option<usize>,
    /// Earlier queries, the latest last.
    history: Vec<String>,
}

/// The text being typed after `/`, with its cursor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Prompt {
    text: String,
    /// Byte offset of the cursor in `text`.
    cursor: usize,
    /// While Up and Down go through the history: how far back (1 is the latest), and what
    /// was typed before.
    recalled: Option<(usize, String)>,
}

impl Prompt {
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
        self.mode = Mode::Prompt(Prompt::default());
    }

    /// A key of the prompt.
    pub(super) fn prompt_key(&mut self, action: Action) {
        let Mode::Prompt(prompt) = &mut self.mode else {
            return;
        };
        match action {
            Action::PromptSubmit => {
                let typed = prompt.text.trim().to_owned();
                self.mode = Mode::Reading;
                self.submit_search(typed);
            }
            Action::PromptCancel => self.mode = Mode::Reading,
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
    }

    /// Leaves no search in force.
    pub(super) fn clear_search(&mut self) {
        self.search.query.clear();
        self.search.hits.clear();
        self.search.current = None;
    }

    fn submit_search(&mut self, typed: String) {
        let query = if typed.is_empty() {
            match self.search.history.last() {
                Some(last) => last.clone(),
                None => return,
            }
        } else {
            typed
        };
        self.search.history.retain(|q| *q != query);
        self.search.history.push(query.clone());
        if self.search.history.len() > HISTORY {
            self.search.history.remove(0);
        }
        self.search.hits = self.find(&query);
        self.search.query = query;
        self.search.current = None;
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

    pub(super) fn step_match(&mut self, forward: bool) {
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
        if self.is_narrow() {
            self.set_focus(super::Focus::Story);
        }
        let line = line_of(self.story_lines(), hit.block, hit.start).unwrap_or(0);
        self.scroll = line.saturating_sub(2).min(self.max_scroll());
        self.message = Some(format!("match {}/{}", i + 1, self.search.hits.len()));
    }
}
