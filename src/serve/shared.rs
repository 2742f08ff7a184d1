//! What every session shares: the archive (one connection, its reads quick), the day a
//! session opens on (one copy, `Arc`), the reader's settings and keys, the sessions open
//! (to tell them of a new day, or that the service is stopping), and the server's own
//! fetching of its sources on a schedule.

use super::limits::Limits;
use crate::archive::{Archive, StoryInfo};
use crate::config::ServeConfig;
use crate::model::{Bulletin, Date};
use crate::tui::app::{ArchiveView, Settings};
use crate::tui::event::Event;
use crate::tui::keymap::Keymap;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::mpsc::{Sender, WeakSender};

/// What the connection's side tells a session.
#[derive(Debug)]
pub enum ToSession {
    /// Bytes the client typed.
    Bytes(Vec<u8>),
    /// The client's terminal is now this size.
    Resize(u16, u16),
    /// An event from the server (the archive changed).
    Event(Event),
    /// The service is stopping: give the screen back, saying this.
    Stop(String),
    /// The client went away.
    Gone,
}

/// The day sessions open on, read once for all of them.
#[derive(Clone)]
struct Opening {
    date: Option<Date>,
    bulletin: Arc<Bulletin>,
    stories: Vec<StoryInfo>,
}

pub struct Shared {
    archive: Mutex<Archive>,
    pub config: ServeConfig,
    pub settings: Settings,
    pub keymap: Keymap,
    pub limits: Arc<Limits>,
    /// How many sources the server fetches.
    pub sources: usize,
    latest: Mutex<Option<Opening>>,
    /// The sessions with a reader open (weakly: a session ends when its connection does).
    sessions: Mutex<HashMap<u64, WeakSender<ToSession>>>,
    next_id: AtomicU64,
    /// When the server last fetched, and what came.
    last_fetch: Mutex<Option<String>>,
    stopping: AtomicBool,
    /// Wakes the fetcher early when the service stops.
    wake: (Mutex<()>, Condvar),
}

impl Shared {
    pub fn new(
        archive: Archive,
        config: ServeConfig,
        settings: Settings,
        keymap: Keymap,
        sources: usize,
    ) -> Shared {
        let limits = Limits::new(
            config.max_sessions,
            config.max_per_address,
            config.connections_per_minute,
        );
        Shared {
            archive: Mutex::new(archive),
            config,
            settings,
            keymap,
            limits,
            sources,
            latest: Mutex::new(None),
            sessions: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(1),
            last_fetch: Mutex::new(None),
            stopping: AtomicBool::new(false),
            wake: (Mutex::new(()), Condvar::new()),
        }
    }

    /// The archive, for one request (a poisoned lock is taken anyway: a session's panic
    /// leaves the connection as sound as it was).
    pub fn archive(&self) -> MutexGuard<'_, Archive> {
        self.archive.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The bulletin a visitor opens on (the day they were last on, else the latest, else
    /// the built-in sample) and what the archive knows of it for them.
    pub fn opening(&self, visitor: &str) -> (Arc<Bulletin>, ArchiveView) {
        let archive = self.archive();
        let latest = self.latest_opening(&archive);
        let left = archive
            .visitor_last_day(visitor)
            .ok()
            .flatten()
            .filter(|d| Some(*d) != latest.date);
        let opening = left
            .and_then(|date| {
                let day = archive.day(date).ok().flatten()?;
                Some(Opening {
                    date: Some(date),
                    bulletin: Arc::new(day.bulletin),
                    stories: day.stories,
                })
            })
            .unwrap_or(latest);
        let Some(date) = opening.date else {
            // The sample, while the server has fetched nothing: the first day it fetches
            // replaces it.
            let view = ArchiveView {
                has_archive: true,
                follow_latest: true,
                ..ArchiveView::default()
            };
            return (opening.bulletin, view);
        };
        let mut stories = opening.stories;
        let _ = archive.visitor_marks(visitor, &mut stories);
        let place = archive.visitor_place(visitor, date).ok().flatten();
        (opening.bulletin, ArchiveView::of_day(date, stories, place))
    }

    /// The latest day of the archive (else the sample), as commands print it.
    pub fn latest(&self) -> Arc<Bulletin> {
        let archive = self.archive();
        self.latest_opening(&archive).bulletin
    }

    fn latest_opening(&self, archive: &Archive) -> Opening {
        let mut latest = self.latest.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(opening) = latest.as_ref() {
            return opening.clone();
        }
        let day = archive
            .latest_day()
            .ok()
            .flatten()
            .and_then(|date| Some((date, archive.day(date).ok().flatten()?)));
        let opening = match day {
            Some((date, day)) => Opening {
                date: Some(date),
                bulletin: Arc::new(day.bulletin),
                stories: day.stories,
            },
            None => Opening {
                date: None,
                bulletin: Arc::new(crate::model::parse_str(&String::from_utf8_lossy(
                    crate::source::SAMPLE,
                ))),
                stories: Vec::new(),
            },
        };
        *latest = Some(opening.clone());
        opening
    }

    /// A session open: its id, to leave with.
    pub fn join(&self, to_session: &Sender<ToSession>) -> u64 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.lock_sessions().insert(id, to_session.downgrade());
        id
    }

    pub fn leave(&self, id: u64) {
        self.lock_sessions().remove(&id);
    }

    /// Sessions with a reader open now.
    pub fn readers(&self) -> usize {
        self.lock_sessions().len()
    }

    fn lock_sessions(&self) -> MutexGuard<'_, HashMap<u64, WeakSender<ToSession>>> {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Tells every session something (a session too busy to take it now misses a notice
    /// of a change, not a key).
    fn tell_all(&self, what: impl Fn() -> ToSession) {
        for to_session in self.lock_sessions().values() {
            if let Some(to_session) = to_session.upgrade() {
                let _ = to_session.try_send(what());
            }
        }
    }

    /// The service is stopping: every session gives its screen back with `why`.
    pub fn stop(&self, why: &str) {
        self.stopping.store(true, Ordering::SeqCst);
        self.wake.1.notify_all();
        self.tell_all(|| ToSession::Stop(why.to_owned()));
    }

    pub fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    /// What `R` says in a session: the server fetches, on its schedule.
    pub fn fetch_note(&self) -> String {
        let every = crate::config::format_duration(self.config.refresh);
        if self.sources == 0 {
            return "this server has no sources to fetch: it shows what its archive holds".into();
        }
        let last = self
            .last_fetch
            .lock()
            .ok()
            .and_then(|l| l.clone())
            .unwrap_or_else(|| "not yet".into());
        format!("the server fetches its sources every {every}; last: {last}")
    }

    /// Fetches the sources into the archive now and every `refresh` after, until the
    /// service stops; each fetch that changed the archive reaches every session as a
    /// change does a local reader.
    pub fn start_fetching(
        self: &Arc<Self>,
        path: std::path::PathBuf,
        targets: Vec<crate::sync::Target>,
        timeout: Duration,
    ) -> std::io::Result<()> {
        if targets.is_empty() {
            return Ok(());
        }
        let shared = Arc::clone(self);
        std::thread::Builder::new()
            .name("fetch".into())
            .stack_size(8 << 20)
            .spawn(move || {
                while !shared.stopping() {
                    shared.fetch_once(&path, &targets, timeout);
                    let guard = shared.wake.0.lock().unwrap_or_else(|e| e.into_inner());
                    if !shared.stopping() {
                        let _ = shared.wake.1.wait_timeout(guard, shared.config.refresh);
                    }
                }
            })?;
        Ok(())
    }

    fn fetch_once(&self, path: &std::path::Path, targets: &[crate::sync::Target], t: Duration) {
        let mut results = Vec::new();
        let mut changed = false;
        match Archive::open(path) {
            Ok(mut archive) => {
                for target in targets {
                    let name = crate::source::escape(&target.name);
                    match crate::sync::fetch_into(&mut archive, target, Some(t)) {
                        Ok((outcome, lenient)) => {
                            if let crate::sync::Outcome::Added(s) = &outcome {
                                changed |= !s.unchanged();
                            }
                            results.push(crate::sync::report_line(
                                &name,
                                &outcome,
                                lenient.as_deref(),
                            ));
                        }
                        Err(e) => results.push(format!("{name}: failed: {e}")),
                    }
                }
            }
            Err(e) => results.push(e.to_string()),
        }
        let when = crate::tui::terminal::local_time().unwrap_or_default();
        let said = format!("{when} ({})", results.join("; "));
        super::log(&format!("fetched: {said}"));
        if let Ok(mut last) = self.last_fetch.lock() {
            *last = Some(said);
        }
        if changed {
            if let Ok(mut latest) = self.latest.lock() {
                *latest = None;
            }
            self.tell_all(|| ToSession::Event(Event::ArchiveChanged));
        }
    }
}
