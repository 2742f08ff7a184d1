//! What the archive answers: its days, a day as a bulletin, the rates' history with the
//! change from one day to the next, full-text search, read state and where the reader was.

use super::import::text_to_blocks;
use super::{Archive, ArchiveError};
use crate::model::{Article, Bulletin, Date, Direction, Rate};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// A day of the archive, as the list of days shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayInfo {
    pub date: Date,
    pub stories: usize,
    pub unread: usize,
    pub rates: usize,
}

/// A day read back: the bulletin of that date, and what the archive knows of each story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDay {
    pub bulletin: Bulletin,
    /// One for each article, in the same order.
    pub stories: Vec<StoryInfo>,
}

/// What the archive knows of a story besides its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryInfo {
    pub id: i64,
    pub read: bool,
    /// Where it came from: a file's path, a URL, "standard input".
    pub source: Option<String>,
}

/// A rate on one day, with the change from the pair's previous day in the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Point {
    pub date: Date,
    /// As written.
    pub value: String,
    /// As written, when the page gave one.
    pub change: Option<String>,
    /// The change from the previous day the archive has for the pair, in percent, to two
    /// decimals (`-0%` on the page may be `-0.51` here).
    pub change_from_previous: Option<String>,
}

impl Point {
    /// The value as a number (thousands separators dropped), when it reads as one.
    pub fn number(&self) -> Option<f64> {
        number(&self.value)
    }
}

/// A pair's history, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    pub pair: String,
    pub days: Vec<Point>,
}

/// A story that matches a search, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    #[serde(skip)]
    pub id: i64,
    pub date: Date,
    pub headline: String,
    /// A few words around the match.
    pub snippet: String,
    /// Where the matched words are in the snippet, as byte ranges.
    pub matches: Vec<(usize, usize)>,
}

/// A written number: digits, thousands commas, a decimal part.
fn number(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

fn parse_date(s: &str) -> rusqlite::Result<Date> {
    Date::parse_iso(s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("not a date: {s:?}").into(),
        )
    })
}

fn direction(s: Option<String>) -> Option<Direction> {
    match s.as_deref() {
        Some("up") => Some(Direction::Up),
        Some("down") => Some(Direction::Down),
        Some("flat") => Some(Direction::Flat),
        _ => None,
    }
}

/// Matches ranked at most, the latest recorded (see [`Archive::search`]).
pub const RANKED: i64 = 2000;

/// The words of a search as an FTS5 query: each a quoted term (nothing the user types can
/// be taken for FTS5 syntax), the last one a prefix, all of them required.
pub fn fts_query(words: &str) -> Option<String> {
    let terms: Vec<String> = words
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    let (last, rest) = terms.split_last()?;
    let mut query = rest.join(" ");
    if !query.is_empty() {
        query.push(' ');
    }
    query.push_str(last);
    query.push('*');
    Some(query)
}

impl Archive {
    /// The days of the archive, newest first.
    pub fn days(&self) -> Result<Vec<DayInfo>, ArchiveError> {
        let run = || -> rusqlite::Result<Vec<DayInfo>> {
            let mut stmt = self.conn.prepare(
                "SELECT date, SUM(stories), SUM(unread), SUM(rates) FROM (
                     SELECT date, COUNT(*) AS stories, SUM(read = 0) AS unread, 0 AS rates
                         FROM stories GROUP BY date
                     UNION ALL
                     SELECT date, 0, 0, COUNT(*) FROM rates GROUP BY date)
                 GROUP BY date ORDER BY date DESC",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(DayInfo {
                    date: parse_date(&r.get::<_, String>(0)?)?,
                    stories: r.get::<_, i64>(1)? as usize,
                    unread: r.get::<_, i64>(2)? as usize,
                    rates: r.get::<_, i64>(3)? as usize,
                })
            })?;
            rows.collect()
        };
        run().map_err(|e| self.error(&e))
    }

    /// The newest day of the archive.
    pub fn latest_day(&self) -> Result<Option<Date>, ArchiveError> {
        let run = || -> rusqlite::Result<Option<Date>> {
            let latest: Option<String> = self.conn.query_row(
                "SELECT MAX(date) FROM (SELECT MAX(date) AS date FROM stories
                                        UNION ALL SELECT MAX(date) FROM rates)",
                [],
                |r| r.get(0),
            )?;
            latest.map(|d| parse_date(&d)).transpose()
        };
        run().map_err(|e| self.error(&e))
    }

    /// The day before or after `date` that the archive has (`later`: after).
    pub fn next_day(&self, date: Date, later: bool) -> Result<Option<Date>, ArchiveError> {
        let sql = if later {
            "SELECT MIN(date) FROM (SELECT MIN(date) AS date FROM stories WHERE date > ?1
                                    UNION ALL SELECT MIN(date) FROM rates WHERE date > ?1)"
        } else {
            "SELECT MAX(date) FROM (SELECT MAX(date) AS date FROM stories WHERE date < ?1
                                    UNION ALL SELECT MAX(date) FROM rates WHERE date < ?1)"
        };
        let run = || -> rusqlite::Result<Option<Date>> {
            let day: Option<String> = self
                .conn
                .query_row(sql, params![date.to_string()], |r| r.get(0))?;
            day.map(|d| parse_date(&d)).transpose()
        };
        run().map_err(|e| self.error(&e))
    }

    /// A day as a bulletin: its stories in order, its rates; `None` when the archive has
    /// nothing of that day.
    pub fn day(&self, date: Date) -> Result<Option<StoredDay>, ArchiveError> {
        let day = date.to_string();
        let run = || -> rusqlite::Result<Option<StoredDay>> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT s.id, s.headline, s.text, s.kinds, s.url, s.read, src.name
                 FROM stories s LEFT JOIN sources src ON src.id = s.source_id
                 WHERE s.date = ?1 ORDER BY s.position",
            )?;
            let mut articles = Vec::new();
            let mut stories = Vec::new();
            let mut rows = stmt.query(params![day])?;
            while let Some(r) = rows.next()? {
                articles.push(Article {
                    headline: r.get(1)?,
                    date: Some(date),
                    blocks: text_to_blocks(&r.get::<_, String>(2)?, &r.get::<_, String>(3)?),
                    url: r.get(4)?,
                });
                stories.push(StoryInfo {
                    id: r.get(0)?,
                    read: r.get(5)?,
                    source: r.get(6)?,
                });
            }
            let mut stmt = self.conn.prepare_cached(
                "SELECT pair, base, quote, value, change, direction FROM rates
                 WHERE date = ?1 ORDER BY position",
            )?;
            let rates = stmt
                .query_map(params![day], |r| {
                    Ok(Rate {
                        pair: r.get(0)?,
                        base: r.get(1)?,
                        quote: r.get(2)?,
                        value: r.get(3)?,
                        change: r.get(4)?,
                        direction: direction(r.get(5)?),
                    })
                })?
                .collect::<rusqlite::Result<Vec<Rate>>>()?;
            if articles.is_empty() && rates.is_empty() {
                return Ok(None);
            }
            Ok(Some(StoredDay {
                bulletin: Bulletin {
                    date: Some(date),
                    rates,
                    articles,
                },
                stories,
            }))
        };
        run().map_err(|e| self.error(&e))
    }

    /// The ids and read state of stories by their date and headline (to follow a bulletin
    /// opened from a file in the archive).
    pub fn story_info(
        &self,
        date: Date,
        headline: &str,
    ) -> Result<Option<StoryInfo>, ArchiveError> {
        let run = || -> rusqlite::Result<Option<StoryInfo>> {
            self.conn
                .prepare_cached(
                    "SELECT s.id, s.read, src.name FROM stories s
                     LEFT JOIN sources src ON src.id = s.source_id
                     WHERE s.date = ?1 AND s.headline = ?2",
                )?
                .query_row(params![date.to_string(), headline], |r| {
                    Ok(StoryInfo {
                        id: r.get(0)?,
                        read: r.get(1)?,
                        source: r.get(2)?,
                    })
                })
                .optional()
        };
        run().map_err(|e| self.error(&e))
    }

    /// The ids and read state of a bulletin's stories, once it is recorded (empty when one
    /// of them is not in the archive).
    pub fn story_infos(&self, bulletin: &Bulletin) -> Vec<StoryInfo> {
        let undated = bulletin.date.unwrap_or_else(Date::today);
        let infos: Option<Vec<StoryInfo>> = bulletin
            .articles
            .iter()
            .map(|a| {
                let date = a.date.unwrap_or(undated);
                self.story_info(date, &a.headline).ok().flatten()
            })
            .collect();
        infos.unwrap_or_default()
    }

    /// Every pair the archive holds a rate of, in order.
    pub fn pairs(&self) -> Result<Vec<String>, ArchiveError> {
        let run = || -> rusqlite::Result<Vec<String>> {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT DISTINCT pair FROM rates ORDER BY pair")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect()
        };
        run().map_err(|e| self.error(&e))
    }

    /// Each pair's history between `from` and `to` (both included, either open), oldest
    /// first, with the change from the pair's previous day in the archive (which may lie
    /// before `from`). `pairs` empty: every pair.
    pub fn history(
        &self,
        pairs: &[String],
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Vec<Pair>, ArchiveError> {
        let run = || -> rusqlite::Result<Vec<Pair>> {
            let names: Vec<String> = if pairs.is_empty() {
                let mut stmt = self
                    .conn
                    .prepare("SELECT DISTINCT pair FROM rates ORDER BY pair")?;
                let rows = stmt.query_map([], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<Vec<String>>>()?
            } else {
                pairs.to_vec()
            };
            let from_s = from.map(|d| d.to_string()).unwrap_or_default();
            let to_s = to.map_or_else(|| "9999-12-31".to_owned(), |d| d.to_string());
            let mut out = Vec::new();
            for name in names {
                // The day before the range too, for the first day's change: two range
                // scans of the index on (pair, date).
                let before: Option<String> = self
                    .conn
                    .prepare_cached(
                        "SELECT value FROM rates WHERE pair = ?1 AND date < ?2
                         ORDER BY date DESC LIMIT 1",
                    )?
                    .query_row(params![name, from_s], |r| r.get(0))
                    .optional()?;
                let mut stmt = self.conn.prepare_cached(
                    "SELECT date, value, change FROM rates
                     WHERE pair = ?1 AND date >= ?2 AND date <= ?3 ORDER BY date",
                )?;
                let rows = stmt.query_map(params![name, from_s, to_s], |r| {
                    Ok((
                        parse_date(&r.get::<_, String>(0)?)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                    ))
                })?;
                let mut days: Vec<Point> = Vec::new();
                let mut previous: Option<f64> = before.as_deref().and_then(number);
                for row in rows {
                    let (date, value, change) = row?;
                    let now = number(&value);
                    let computed = match (previous, now) {
                        (Some(p), Some(n)) if p != 0.0 => {
                            Some(format!("{:.2}", (n - p) / p * 100.0))
                        }
                        _ => None,
                    };
                    previous = now.or(previous);
                    if from.is_none_or(|f| date >= f) {
                        days.push(Point {
                            date,
                            value,
                            change,
                            change_from_previous: computed.map(|c| {
                                if c == "-0.00" {
                                    "0.00".into()
                                } else {
                                    c
                                }
                            }),
                        });
                    }
                }
                if !days.is_empty() || !pairs.is_empty() {
                    out.push(Pair { pair: name, days });
                }
            }
            Ok(out)
        };
        run().map_err(|e| self.error(&e))
    }

    /// Stories matching `words` across every day, best first (bm25, headlines weigh more),
    /// at most `limit` of them. Case, diacritics and quotes do not matter; the last word is
    /// a prefix.
    pub fn search(&self, words: &str, limit: usize) -> Result<Vec<Found>, ArchiveError> {
        let Some(query) = fts_query(words) else {
            return Ok(Vec::new());
        };
        let run = || -> rusqlite::Result<Vec<Found>> {
            // The best first, by rank alone; then a snippet of each of those, made here
            // (the index's own snippets search again for each story: for common words,
            // ten times the cost of the ranking).
            // Words in very many stories (every day's "government") are ranked among the
            // latest RANKED stories that hold them: ranking ten years of them would take
            // a tenth of a second, and a rarer word added ranks every day again.
            let cutoff: i64 = self
                .conn
                .prepare_cached(
                    "SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?1
                     ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
                )?
                .query_row(params![query, RANKED - 1], |r| r.get(0))
                .optional()?
                .unwrap_or(0);
            let mut stmt = self.conn.prepare_cached(
                "WITH best AS MATERIALIZED (
                     SELECT rowid AS id, bm25(stories_fts, 4.0, 1.0) AS score
                     FROM stories_fts WHERE stories_fts MATCH ?1 AND rowid >= ?3
                     ORDER BY score LIMIT ?2)
                 SELECT s.id, s.date, s.headline, s.text
                 FROM best JOIN stories s ON s.id = best.id
                 ORDER BY best.score",
            )?;
            let terms = super::snippet::Terms::new(words);
            let rows = stmt.query_map(params![query, limit as i64, cutoff], |r| {
                let headline: String = r.get(2)?;
                let text: String = r.get(3)?;
                let (snippet, matches) =
                    terms.snippet(if text.is_empty() { &headline } else { &text });
                Ok(Found {
                    id: r.get(0)?,
                    date: parse_date(&r.get::<_, String>(1)?)?,
                    headline,
                    snippet,
                    matches,
                })
            })?;
            rows.collect()
        };
        run().map_err(|e| self.error(&e))
    }

    /// Marks a story read or unread.
    pub fn set_read(&self, story: i64, read: bool) -> Result<(), ArchiveError> {
        self.conn
            .execute(
                "UPDATE stories SET read = ?2 WHERE id = ?1",
                params![story, read],
            )
            .map(drop)
            .map_err(|e| self.error(&e))
    }

    /// Marks several stories read or unread, in one transaction.
    pub fn set_read_many(&mut self, stories: &[i64], read: bool) -> Result<(), ArchiveError> {
        let run = |conn: &mut rusqlite::Connection| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            {
                let mut update = tx.prepare_cached("UPDATE stories SET read = ?2 WHERE id = ?1")?;
                for story in stories {
                    update.execute(params![story, read])?;
                }
            }
            tx.commit()
        };
        run(&mut self.conn).map_err(|e| self.error(&e))
    }

    /// The next unread story after story `after`: later in its day, else the first of the
    /// next day after it that has one (catching up to today), else the first of the
    /// latest day before it that has one (back into the past), else earlier in its own
    /// day. Without `after`, the latest day's first unread story. Its day and id.
    pub fn next_unread(&self, after: Option<i64>) -> Result<Option<(Date, i64)>, ArchiveError> {
        self.next_unread_of(after, None)
    }

    /// [`Archive::next_unread`] for the reader's own read state (`visitor` none) or a
    /// visitor's of the SSH service.
    pub(super) fn next_unread_of(
        &self,
        after: Option<i64>,
        visitor: Option<&str>,
    ) -> Result<Option<(Date, i64)>, ArchiveError> {
        let run = || -> rusqlite::Result<Option<(Date, i64)>> {
            let here: Option<(String, i64)> = match after {
                Some(id) => self
                    .conn
                    .prepare_cached("SELECT date, position FROM stories WHERE id = ?1")?
                    .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?,
                None => None,
            };
            let (date, position) = here.unwrap_or_else(|| ("9999-12-31".into(), -1));
            let unread = match visitor {
                None => "read = 0",
                Some(_) => {
                    "NOT EXISTS (SELECT 1 FROM visitor_read v
                                 WHERE v.visitor = ?3 AND v.story = stories.id)"
                }
            };
            let tries = [
                "date = ?1 AND position > ?2 ORDER BY position",
                "date > ?1 ORDER BY date, position",
                "date < ?1 ORDER BY date DESC, position",
                "date = ?1 AND position <= ?2 ORDER BY position",
            ];
            for rest in tries {
                let sql = format!(
                    "SELECT date, id FROM stories WHERE {unread} AND ?2 = ?2 AND {rest} LIMIT 1"
                );
                let mut stmt = self.conn.prepare_cached(&sql)?;
                let row = |r: &rusqlite::Row| Ok((parse_date(&r.get::<_, String>(0)?)?, r.get(1)?));
                let found = match visitor {
                    None => stmt.query_row(params![date, position], row),
                    Some(v) => stmt.query_row(params![date, position, v], row),
                }
                .optional()?;
                if found.is_some() {
                    return Ok(found);
                }
            }
            Ok(None)
        };
        run().map_err(|e| self.error(&e))
    }

    /// Notes where the reader is in a day (the story and scroll), and that it is on it.
    pub fn save_place(
        &self,
        date: Date,
        story: Option<i64>,
        scroll: usize,
    ) -> Result<(), ArchiveError> {
        let run = || -> rusqlite::Result<()> {
            self.conn.execute(
                "INSERT INTO places(date, story, scroll) VALUES (?1, ?2, ?3)
                 ON CONFLICT(date) DO UPDATE SET story = ?2, scroll = ?3",
                params![date.to_string(), story, scroll as i64],
            )?;
            self.conn.execute(
                "INSERT INTO reader(key, value) VALUES ('day', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = ?1",
                params![date.to_string()],
            )?;
            Ok(())
        };
        run().map_err(|e| self.error(&e))
    }

    /// Where the reader was in a day: the story and the scroll.
    pub fn place(&self, date: Date) -> Result<Option<(Option<i64>, usize)>, ArchiveError> {
        self.conn
            .query_row(
                "SELECT story, scroll FROM places WHERE date = ?1",
                params![date.to_string()],
                |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)),
            )
            .optional()
            .map_err(|e| self.error(&e))
    }

    /// The day the reader was last on.
    pub fn last_day(&self) -> Result<Option<Date>, ArchiveError> {
        let day: Option<String> = self
            .conn
            .query_row("SELECT value FROM reader WHERE key = 'day'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.error(&e))?;
        Ok(day.and_then(|d| Date::parse_iso(&d)))
    }
}
