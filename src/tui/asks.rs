//! What the reader asks of the archive and what comes back: plain data, between `App`
//! (which asks, as an effect), the loop's host (which carries it out) and the event channel
//! (which brings the answer).

use crate::archive::{DayInfo, Found, Pair, StoredDay};
use crate::model::{Bulletin, Date};

/// Something the reader wants from the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// A day, to show it (`story`: the story to open in it, else where the reader was).
    Day {
        date: Date,
        story: Option<i64>,
    },
    /// The day before or after one.
    NextDay {
        from: Date,
        later: bool,
    },
    /// The list of days.
    Days,
    /// Pairs' histories from a day to another, for the rates panel or a chart.
    History {
        pairs: Vec<String>,
        from: Option<Date>,
        to: Date,
    },
    /// Stories matching words across every day.
    Search {
        words: String,
    },
    SetRead {
        story: i64,
        read: bool,
    },
    /// Several stories marked alike, in one transaction.
    SetReadMany {
        stories: Vec<i64>,
        read: bool,
    },
    /// The next unread story after one, in any day.
    NextUnread {
        after: Option<i64>,
    },
    /// Where the reader is in a day.
    SavePlace {
        date: Date,
        story: Option<i64>,
        scroll: usize,
    },
    /// A bulletin to record (a file that changed, read again).
    Record {
        bulletin: Box<Bulletin>,
        source: String,
    },
}

/// The archive's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Day {
        date: Date,
        day: StoredDay,
        /// Where the reader was in it: the story and the scroll.
        place: Option<(Option<i64>, usize)>,
        /// The story asked for, to open.
        story: Option<i64>,
    },
    /// No day there (no day before or after, or none of that date).
    NoDay(String),
    Days(Vec<DayInfo>),
    History(Vec<Pair>),
    Found {
        words: String,
        results: Vec<Found>,
    },
    /// A bulletin recorded: its stories' ids and read state, and where the reader was in
    /// its day.
    Recorded {
        stories: Vec<crate::archive::StoryInfo>,
        place: Option<(Option<i64>, usize)>,
    },
    /// Something went wrong with the archive: what, for the status line.
    Failed(String),
}

/// Results of a search shown, at most.
pub const FOUND: usize = 200;
