//! The archive as a visitor of the service sees it: the days and stories everyone's, the
//! read state and places the visitor's own (`archive::visitors`). The session's host
//! carries the reader's requests out through here.

use crate::archive::Archive;
use crate::tui::archivist::{self, Reply, Request};

/// Carries a request out for `visitor`: what reads the archive is answered as for the
/// local reader, then given the visitor's read state; what writes read state writes theirs.
/// Recording is the server's own business (its fetches), never a session's.
pub fn carry_out(archive: &mut Archive, visitor: &str, request: Request) -> Option<Reply> {
    let result = match request {
        Request::SetRead { story, read } => archive.visitor_set_read(visitor, &[story], read),
        Request::SetReadMany { stories, read } => archive.visitor_set_read(visitor, &stories, read),
        Request::SavePlace {
            date,
            story,
            scroll,
        } => archive.visitor_save_place(visitor, date, story, scroll),
        Request::Record { .. } => Ok(()),
        Request::NextUnread { after } => {
            return match archive.visitor_next_unread(visitor, after) {
                Ok(Some((date, story))) => {
                    let day = Request::Day {
                        date,
                        story: Some(story),
                    };
                    let reply = archivist::carry_out(archive, day);
                    theirs(archive, visitor, reply)
                }
                Ok(None) => Some(Reply::NoDay("no unread story left".into())),
                Err(e) => Some(Reply::Failed(e.to_string())),
            }
        }
        other => {
            let reply = archivist::carry_out(archive, other);
            return theirs(archive, visitor, reply);
        }
    };
    result.err().map(|e| Reply::Failed(e.to_string()))
}

/// An answer given the visitor's read state and place.
fn theirs(archive: &Archive, visitor: &str, reply: Option<Reply>) -> Option<Reply> {
    let result = match reply {
        Some(Reply::Day {
            date,
            mut day,
            story,
            ..
        }) => archive
            .visitor_marks(visitor, &mut day.stories)
            .and_then(|()| archive.visitor_place(visitor, date))
            .map(|place| Reply::Day {
                date,
                day,
                place,
                story,
            }),
        Some(Reply::Days(mut days)) => archive
            .visitor_unread(visitor, &mut days)
            .map(|()| Reply::Days(days)),
        other => return other,
    };
    Some(result.unwrap_or_else(|e| Reply::Failed(e.to_string())))
}
