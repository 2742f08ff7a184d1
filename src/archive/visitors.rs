//! The read state of the SSH service's visitors (`bulletin serve`): the archive's stories
//! are everyone's, what each visitor has read and where each was are their own, kept under
//! the visitor's name (the SHA-256 fingerprint of their key, or a session's own name for
//! an anonymous one, forgotten when the session ends).

use super::query::{DayInfo, StoryInfo};
use super::{Archive, ArchiveError};
use crate::model::Date;
use rusqlite::{params, OptionalExtension};

/// The prefix of an anonymous visitor's name: their state lasts the session.
pub const ANONYMOUS: &str = "anonymous:";

impl Archive {
    /// Marks stories read or unread as `visitor` has them.
    pub fn visitor_marks(
        &self,
        visitor: &str,
        stories: &mut [StoryInfo],
    ) -> Result<(), ArchiveError> {
        let mut run = || -> rusqlite::Result<()> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM visitor_read WHERE visitor = ?1 AND story = ?2)",
            )?;
            for story in stories.iter_mut() {
                story.read = stmt.query_row(params![visitor, story.id], |r| r.get(0))?;
            }
            Ok(())
        };
        run().map_err(|e| self.error(&e))
    }

    /// The days' unread counts as `visitor` has them.
    pub fn visitor_unread(&self, visitor: &str, days: &mut [DayInfo]) -> Result<(), ArchiveError> {
        let run = || -> rusqlite::Result<std::collections::HashMap<String, usize>> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT s.date, COUNT(*) FROM visitor_read v JOIN stories s ON s.id = v.story
                 WHERE v.visitor = ?1 GROUP BY s.date",
            )?;
            let rows = stmt.query_map(params![visitor], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
            })?;
            rows.collect()
        };
        let read = run().map_err(|e| self.error(&e))?;
        for day in days {
            let read = read.get(&day.date.to_string()).copied().unwrap_or(0);
            day.unread = day.stories.saturating_sub(read);
        }
        Ok(())
    }

    /// Marks stories read or unread for `visitor`, in one transaction.
    pub fn visitor_set_read(
        &mut self,
        visitor: &str,
        stories: &[i64],
        read: bool,
    ) -> Result<(), ArchiveError> {
        let run = |conn: &mut rusqlite::Connection| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            {
                let sql = if read {
                    "INSERT OR IGNORE INTO visitor_read(visitor, story) VALUES (?1, ?2)"
                } else {
                    "DELETE FROM visitor_read WHERE visitor = ?1 AND story = ?2"
                };
                let mut stmt = tx.prepare_cached(sql)?;
                for story in stories {
                    stmt.execute(params![visitor, story])?;
                }
            }
            tx.commit()
        };
        run(&mut self.conn).map_err(|e| self.error(&e))
    }

    /// `visitor`'s next unread story after one, as [`Archive::next_unread`] finds it.
    pub fn visitor_next_unread(
        &self,
        visitor: &str,
        after: Option<i64>,
    ) -> Result<Option<(Date, i64)>, ArchiveError> {
        self.next_unread_of(after, Some(visitor))
    }

    /// Notes where `visitor` is in a day, and that they are on it.
    pub fn visitor_save_place(
        &self,
        visitor: &str,
        date: Date,
        story: Option<i64>,
        scroll: usize,
    ) -> Result<(), ArchiveError> {
        let run = || -> rusqlite::Result<()> {
            self.conn.execute(
                "INSERT INTO visitor_places(visitor, date, story, scroll) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(visitor, date) DO UPDATE SET story = ?3, scroll = ?4",
                params![visitor, date.to_string(), story, scroll as i64],
            )?;
            self.conn.execute(
                "INSERT INTO visitor_days(visitor, day) VALUES (?1, ?2)
                 ON CONFLICT(visitor) DO UPDATE SET day = ?2",
                params![visitor, date.to_string()],
            )?;
            Ok(())
        };
        run().map_err(|e| self.error(&e))
    }

    /// Where `visitor` was in a day: the story and the scroll.
    pub fn visitor_place(
        &self,
        visitor: &str,
        date: Date,
    ) -> Result<Option<(Option<i64>, usize)>, ArchiveError> {
        self.conn
            .query_row(
                "SELECT story, scroll FROM visitor_places WHERE visitor = ?1 AND date = ?2",
                params![visitor, date.to_string()],
                |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)),
            )
            .optional()
            .map_err(|e| self.error(&e))
    }

    /// The day `visitor` was last on.
    pub fn visitor_last_day(&self, visitor: &str) -> Result<Option<Date>, ArchiveError> {
        let day: Option<String> = self
            .conn
            .query_row(
                "SELECT day FROM visitor_days WHERE visitor = ?1",
                params![visitor],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(&e))?;
        Ok(day.and_then(|d| Date::parse_iso(&d)))
    }

    /// Forgets everything of a visitor (an anonymous session that ended).
    pub fn forget_visitor(&self, visitor: &str) -> Result<(), ArchiveError> {
        self.forget_where("visitor = ?1", visitor)
    }

    /// Forgets every anonymous visitor (their sessions ended with a server that stopped).
    pub fn forget_anonymous(&self) -> Result<(), ArchiveError> {
        self.forget_where("visitor LIKE ?1 || '%'", ANONYMOUS)
    }

    fn forget_where(&self, condition: &str, value: &str) -> Result<(), ArchiveError> {
        let run = || -> rusqlite::Result<()> {
            for table in ["visitor_read", "visitor_places", "visitor_days"] {
                self.conn.execute(
                    &format!("DELETE FROM {table} WHERE {condition}"),
                    params![value],
                )?;
            }
            Ok(())
        };
        run().map_err(|e| self.error(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An archive of the built-in sample, in a folder of its own (removed when dropped).
    struct Scratch(std::path::PathBuf);

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn archive_with_days(name: &str) -> (Scratch, Archive) {
        let dir =
            std::env::temp_dir().join(format!("bulletin-visitors-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut archive = Archive::open(&dir.join("archive.sqlite3")).unwrap();
        let text = String::from_utf8_lossy(crate::source::SAMPLE);
        let bulletin = crate::model::parse_str(&text);
        archive
            .import(&bulletin, "sample", Date::new(2026, 1, 1).unwrap())
            .unwrap();
        (Scratch(dir), archive)
    }

    #[test]
    fn each_visitor_has_their_own_read_state_and_the_reader_its_own() {
        let (_dir, mut archive) = archive_with_days("own");
        let date = archive.latest_day().unwrap().unwrap();
        let day = archive.day(date).unwrap().unwrap();
        let ids: Vec<i64> = day.stories.iter().map(|s| s.id).collect();
        assert!(ids.len() >= 3);
        archive
            .visitor_set_read("SHA256:a", &ids[..2], true)
            .unwrap();
        let mut a = day.stories.clone();
        archive.visitor_marks("SHA256:a", &mut a).unwrap();
        assert_eq!(
            a.iter().map(|s| s.read).collect::<Vec<_>>()[..3],
            [true, true, false]
        );
        let mut b = day.stories.clone();
        archive.visitor_marks("SHA256:b", &mut b).unwrap();
        assert!(b.iter().all(|s| !s.read), "another visitor read nothing");
        assert!(
            archive
                .day(date)
                .unwrap()
                .unwrap()
                .stories
                .iter()
                .all(|s| !s.read),
            "the local reader's state is untouched"
        );
        let mut days = archive.days().unwrap();
        archive.visitor_unread("SHA256:a", &mut days).unwrap();
        assert_eq!(days[0].unread, days[0].stories - 2);
        assert_eq!(
            archive.visitor_next_unread("SHA256:a", None).unwrap(),
            Some((date, ids[2]))
        );
        assert_eq!(
            archive.visitor_next_unread("SHA256:b", None).unwrap(),
            Some((date, ids[0]))
        );
        archive
            .visitor_set_read("SHA256:a", &ids[..1], false)
            .unwrap();
        assert_eq!(
            archive
                .visitor_next_unread("SHA256:a", Some(ids[1]))
                .unwrap(),
            Some((date, ids[2]))
        );
    }

    #[test]
    fn places_are_each_visitors_and_anonymous_ones_are_forgotten() {
        let (_dir, archive) = archive_with_days("places");
        let date = archive.latest_day().unwrap().unwrap();
        let anon = format!("{ANONYMOUS}1");
        archive
            .visitor_save_place("SHA256:a", date, Some(7), 3)
            .unwrap();
        archive.visitor_save_place(&anon, date, Some(9), 1).unwrap();
        assert_eq!(
            archive.visitor_place("SHA256:a", date).unwrap(),
            Some((Some(7), 3))
        );
        assert_eq!(archive.visitor_last_day("SHA256:a").unwrap(), Some(date));
        assert_eq!(
            archive.place(date).unwrap(),
            None,
            "not the local reader's place"
        );
        archive.forget_anonymous().unwrap();
        assert_eq!(archive.visitor_place(&anon, date).unwrap(), None);
        assert_eq!(archive.visitor_last_day(&anon).unwrap(), None);
        assert!(archive.visitor_place("SHA256:a", date).unwrap().is_some());
        archive.forget_visitor("SHA256:a").unwrap();
        assert_eq!(archive.visitor_last_day("SHA256:a").unwrap(), None);
    }
}
