//! What the reader asks of the archive, and the answers: `App::update` asks (an effect),
//! the loop's host carries the request out against the archive and hands the answer back
//! as an event. Only this file of the reader touches the archive, and the file it shows.

pub use super::asks::{Reply, Request, FOUND};
use super::event::Event;
use super::host::Host;
use crate::archive::Archive;
use crate::model::Date;
use std::path::{Path, PathBuf};

/// The archive and the file the reader shows, on the loop's side: it carries requests out,
/// tells another process's writes from the reader's own, and reads the file again.
/// Without a terminal, it is the host of the loop in tests and benchmarks.
pub struct Keeper {
    archive: Option<Archive>,
    /// The archive's count of writes by other connections, last seen.
    seen: Option<i64>,
    file: Option<PathBuf>,
    /// Where an archive may come to be while the reader runs (a fetch starts one): it is
    /// opened when it is there and asked for.
    may_appear: Option<PathBuf>,
}

impl Keeper {
    pub fn new(archive: Option<Archive>, file: Option<PathBuf>) -> Keeper {
        let seen = archive.as_ref().and_then(|a| a.data_version().ok());
        Keeper {
            archive,
            seen,
            file,
            may_appear: None,
        }
    }

    /// An archive that may come to be at `path`, when there is none yet.
    pub fn archive_may_appear(mut self, path: Option<PathBuf>) -> Keeper {
        self.may_appear = path;
        self
    }

    /// Where the archive is, or would be.
    pub fn archive_place(&self) -> Option<PathBuf> {
        self.archive_path()
            .map(Path::to_path_buf)
            .or_else(|| self.may_appear.clone())
    }

    /// The archive's file, to watch.
    pub fn archive_path(&self) -> Option<&Path> {
        self.archive.as_ref().map(|a| a.path())
    }

    /// The file shown, to watch.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Carries a request out; the answer, if any.
    pub fn ask(&mut self, request: Request) -> Option<Reply> {
        if self.archive.is_none() {
            if let Some(Ok(Some(archive))) = self.may_appear.as_deref().map(Archive::open_existing)
            {
                self.seen = archive.data_version().ok();
                self.archive = Some(archive);
            }
        }
        let archive = self.archive.as_mut()?;
        let reply = carry_out(archive, request);
        // What the reader wrote itself is not news to it.
        self.seen = archive.data_version().ok();
        reply
    }

    /// Whether another process wrote to the archive since last asked; an archive whose
    /// file was replaced (deleted and made again by an import) is opened again.
    pub fn changed_by_others(&mut self) -> bool {
        let Some(archive) = &self.archive else {
            return false;
        };
        if archive.replaced() {
            if let Ok(Some(again)) = Archive::open_existing(archive.path()) {
                self.seen = again.data_version().ok();
                if let Some(old) = self.archive.replace(again) {
                    old.abandon();
                }
                return true;
            }
        }
        let now = archive.data_version().ok();
        now != std::mem::replace(&mut self.seen, now)
    }

    /// The file shown, read again: the event that says how it went.
    pub fn reload(&self) -> Option<Event> {
        let source = crate::source::Source::Path(self.file.clone()?);
        Some(match crate::source::load(&source) {
            Ok(bulletin) => Event::Reloaded {
                bulletin: Box::new(bulletin),
                source: source.archive_name(),
            },
            // Half written, or gone for a moment: the next change reads it again.
            Err(e) => Event::ReloadFailed(e.to_string()),
        })
    }
}

/// Without a terminal there is nothing to give back on a suspension.
impl Host for Keeper {
    type Error = std::convert::Infallible;

    fn suspend(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }

    fn resume(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }

    fn archive(&mut self, request: Request) -> Option<Reply> {
        self.ask(request)
    }

    fn archive_changed(&mut self) -> bool {
        self.changed_by_others()
    }

    fn reload(&mut self) -> Option<Event> {
        Keeper::reload(self)
    }
}

/// Carries a request out against the archive; `None` for the requests answered by doing
/// them (read state, places).
pub fn carry_out(archive: &mut Archive, request: Request) -> Option<Reply> {
    // An archive that can only be read keeps nothing: said once when it was opened.
    if archive.read_only()
        && matches!(
            request,
            Request::SetRead { .. }
                | Request::SetReadMany { .. }
                | Request::SavePlace { .. }
                | Request::Record { .. }
        )
    {
        return None;
    }
    let result = (|| -> Result<Option<Reply>, crate::archive::ArchiveError> {
        Ok(match request {
            Request::Day { date, story } => Some(day(archive, date, story)?),
            Request::NextDay { from, later } => match archive.next_day(from, later)? {
                Some(date) => Some(day(archive, date, None)?),
                None => Some(Reply::NoDay(if later {
                    "no later day in the archive".into()
                } else {
                    "no earlier day in the archive".into()
                })),
            },
            Request::Days => Some(Reply::Days(archive.days()?)),
            Request::History { pairs, from, to } => {
                Some(Reply::History(archive.history(&pairs, from, Some(to))?))
            }
            Request::Search { words } => Some(Reply::Found {
                results: archive.search(&words, FOUND)?,
                words,
            }),
            Request::SetRead { story, read } => {
                archive.set_read(story, read)?;
                None
            }
            Request::SetReadMany { stories, read } => {
                archive.set_read_many(&stories, read)?;
                None
            }
            Request::NextUnread { after } => match archive.next_unread(after)? {
                Some((date, story)) => Some(day(archive, date, Some(story))?),
                None => Some(Reply::NoDay("no unread story left".into())),
            },
            Request::SavePlace {
                date,
                story,
                scroll,
            } => {
                archive.save_place(date, story, scroll)?;
                None
            }
            Request::Record { bulletin, source } => {
                archive.import(&bulletin, &source, Date::today())?;
                let place = match bulletin.date {
                    Some(date) => archive.place(date)?,
                    None => None,
                };
                Some(Reply::Recorded {
                    stories: archive.story_infos(&bulletin),
                    place,
                })
            }
        })
    })();
    result.unwrap_or_else(|e| Some(Reply::Failed(e.to_string())))
}

fn day(
    archive: &Archive,
    date: Date,
    story: Option<i64>,
) -> Result<Reply, crate::archive::ArchiveError> {
    Ok(match archive.day(date)? {
        Some(day) => Reply::Day {
            date,
            place: archive.place(date)?,
            day,
            story,
        },
        None => Reply::NoDay(format!("the archive has nothing of {}", date.long())),
    })
}
