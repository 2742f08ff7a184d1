//! What the loop asks of the world around it, apart from the screen and the events: the
//! terminal given back and taken again, the archive, the file shown, fetching, the
//! clipboard and the system's opener. The real terminal's host and the archive's keeper
//! (the host of tests) implement it.

use super::asks::{Reply, Request};
use super::event::{Event, FetchReport};

/// What the loop asks of the world around it: the terminal given back and taken again.
pub trait Host {
    type Error;
    /// Gives the terminal back and stops the process; returns, the terminal taken again,
    /// once the process is continued.
    fn suspend(&mut self) -> Result<(), Self::Error>;
    /// Takes the terminal again after the process was stopped from outside.
    fn resume(&mut self) -> Result<(), Self::Error>;
    /// Carries a request out against the archive, when there is one; the answer, if any.
    fn archive(&mut self, _request: Request) -> Option<Reply> {
        None
    }
    /// Whether the archive was written by another process since last asked (a change
    /// noticed may be the reader's own writes).
    fn archive_changed(&mut self) -> bool {
        false
    }
    /// Reads the file shown again: the event that says how it went.
    fn reload(&mut self) -> Option<Event> {
        None
    }
    /// Starts fetching the sources in the background (the report comes as an event), or
    /// says at once why it cannot.
    fn fetch(&mut self) -> Option<Event> {
        Some(Event::Fetched(FetchReport {
            failed: vec!["nothing to fetch here".into()],
            ..FetchReport::default()
        }))
    }
    /// Puts text on the terminal's clipboard.
    fn copy(&mut self, _text: &str) -> Option<Event> {
        None
    }
    /// Opens an address, or says where it is.
    fn open_link(&mut self, url: &str) -> Option<Event> {
        Some(Event::Said(url.to_owned()))
    }
    /// The time of day, to stamp the session's messages with; none without a clock.
    fn clock(&self) -> Option<String> {
        None
    }
}
