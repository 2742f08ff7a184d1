//! The reader and the web: the config's sources fetched in the background (R), and a
//! story's address copied (y) or opened (o).

use super::{App, Effect};
use crate::text::wrap::count;
use crate::tui::event::FetchReport;

impl App {
    /// R: the sources fetched in the background; the reader answers keys meanwhile.
    pub(super) fn fetch(&mut self) -> Vec<Effect> {
        if self.fetching {
            self.message = Some("still fetching…".into());
            return Vec::new();
        }
        self.fetching = true;
        self.message = Some("fetching the sources…".into());
        vec![Effect::Fetch]
    }

    /// The fetch ended: say what came. The days it added reach the reader as any write to
    /// the archive does, without moving it.
    pub(super) fn fetched(&mut self, report: FetchReport) -> Vec<Effect> {
        self.fetching = false;
        if report.new_stories > 0 {
            // The fetch may have started the archive.
            self.archive.on = true;
        }
        let new = match report.new_stories {
            0 => "nothing new".to_owned(),
            n => count(n, "new story", "new stories"),
        };
        let note = match report.failed.as_slice() {
            [] => format!(
                "fetched {} {}: {new}",
                report.sources,
                if report.sources == 1 {
                    "source"
                } else {
                    "sources"
                }
            ),
            [one] => format!("fetched: {new}; {one}"),
            [first, rest @ ..] => format!(
                "fetched: {new}; {} failed (M: each): {first}",
                rest.len() + 1
            ),
        };
        // Each source's result and each failure whole in the messages, the report after.
        for result in &report.results {
            self.log_said(format!("fetch: {result}"));
        }
        for failure in &report.failed {
            self.log_said(format!("fetch: {failure}"));
        }
        self.message = Some(note.clone());
        let effects = self.archive_changed();
        // The day shown, read again, says what it gained along with this.
        self.fetch_note = (!effects.is_empty()).then_some(note);
        effects
    }

    /// True while a fetch runs: the status line says so until it ends.
    pub fn fetching(&self) -> bool {
        self.fetching
    }

    fn story_url(&self) -> Option<String> {
        self.bulletin
            .articles
            .get(self.selected)
            .and_then(|a| a.url.clone())
    }

    /// y: the story's address onto the terminal's clipboard.
    pub(super) fn copy_link(&mut self) -> Vec<Effect> {
        match self.story_url() {
            Some(url) => {
                self.message = Some(format!("copied {url}"));
                vec![Effect::Copy(url)]
            }
            None => {
                self.message = Some("this story has no address".into());
                Vec::new()
            }
        }
    }

    /// o: the story's address opened in a browser (the host says where it went).
    pub(super) fn open_link(&mut self) -> Vec<Effect> {
        match self.story_url() {
            Some(url) => vec![Effect::OpenLink(url)],
            None => {
                self.message = Some("this story has no address".into());
                Vec::new()
            }
        }
    }
}
