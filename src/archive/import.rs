//! A bulletin into the archive, in one transaction: whole or not at all. A story belongs to
//! its own date, rates to the bulletin's; what comes again unchanged changes nothing, what
//! comes again changed is updated (the later wins, as in the ticker's rule).

use super::Archive;
use super::ArchiveError;
use crate::model::{Block, Bulletin, Date, Direction};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashSet;

/// What an import added and changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Days the archive did not have before.
    pub days: usize,
    pub stories: usize,
    pub rates: usize,
    pub updated_stories: usize,
    pub updated_rates: usize,
}

impl Summary {
    /// True when the import changed nothing.
    pub fn unchanged(&self) -> bool {
        *self == Summary::default()
    }

    /// Adds another import's figures to these.
    pub fn add(&mut self, other: Summary) {
        self.days += other.days;
        self.stories += other.stories;
        self.rates += other.rates;
        self.updated_stories += other.updated_stories;
        self.updated_rates += other.updated_rates;
    }

    /// What was added, as `bulletin import` and `bulletin fetch` say it: `added 1 day, 6
    /// stories, 5 rates; 2 updated`.
    pub fn added(&self) -> String {
        use crate::text::wrap::{count, thousands};
        let mut line = format!(
            "added {}, {}, {}",
            count(self.days, "day", "days"),
            count(self.stories, "story", "stories"),
            count(self.rates, "rate", "rates")
        );
        let updated = self.updated_stories + self.updated_rates;
        if updated > 0 {
            line.push_str(&format!("; {} updated", thousands(updated)));
        }
        line
    }
}

/// A story's blocks as stored: their texts a line each, and a letter a block for its kind.
pub fn blocks_to_text(blocks: &[Block]) -> (String, String) {
    let mut text = String::new();
    let mut kinds = String::with_capacity(blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(block.text());
        kinds.push(match block {
            Block::Paragraph { .. } => 'P',
            Block::Subheading { .. } => 'S',
        });
    }
    (text, kinds)
}

/// The blocks back from their stored form.
pub fn text_to_blocks(text: &str, kinds: &str) -> Vec<Block> {
    if kinds.is_empty() {
        return Vec::new();
    }
    text.split('\n')
        .zip(kinds.chars())
        .map(|(t, k)| match k {
            'S' => Block::Subheading { text: t.to_owned() },
            _ => Block::Paragraph { text: t.to_owned() },
        })
        .collect()
}

pub fn direction_name(d: Direction) -> &'static str {
    match d {
        Direction::Up => "up",
        Direction::Down => "down",
        Direction::Flat => "flat",
    }
}

impl Archive {
    /// Adds a bulletin read from `source` (a path, a URL, "standard input"). Stories and
    /// rates without a date of their own go under `undated`.
    pub fn import(
        &mut self,
        bulletin: &Bulletin,
        source: &str,
        undated: Date,
    ) -> Result<Summary, ArchiveError> {
        let mut summaries = self.import_many(&[(bulletin, source)], undated)?;
        Ok(summaries.pop().unwrap_or_default())
    }

    /// Records several bulletins in one transaction (much faster than one each: the
    /// full-text index is written once): all of them, or, on an error, none. Each one's
    /// summary, in order.
    pub fn import_many(
        &mut self,
        bulletins: &[(&Bulletin, &str)],
        undated: Date,
    ) -> Result<Vec<Summary>, ArchiveError> {
        let path = self.path.clone();
        let error = |e: rusqlite::Error| ArchiveError {
            path: path.clone(),
            reason: super::reason(&e),
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(error)?;
        let run = || -> rusqlite::Result<Vec<Summary>> {
            let mut indexed: i64 = tx
                .prepare_cached("SELECT COALESCE(MAX(id), 0) FROM stories")?
                .query_row([], |r| r.get(0))?;
            let summaries = bulletins
                .iter()
                .map(|(bulletin, source)| import_in(&tx, bulletin, source, undated, &mut indexed))
                .collect::<rusqlite::Result<Vec<Summary>>>()?;
            index_new(&tx, &mut indexed)?;
            Ok(summaries)
        };
        let summaries = run().map_err(error)?;
        tx.commit().map_err(error)?;
        Ok(summaries)
    }
}

/// Adds the stories added since `indexed` (the highest id in the full-text index) to the
/// index, in one statement: the index writes what it holds in memory before each statement
/// that changes it, so one statement a batch rather than one a story is what makes an
/// import fast.
fn index_new(tx: &Transaction, indexed: &mut i64) -> rusqlite::Result<()> {
    let added = tx
        .prepare_cached(
            "INSERT INTO stories_fts(rowid, headline, text)
             SELECT id, headline, text FROM stories WHERE id > ?1 ORDER BY id",
        )?
        .execute(params![*indexed])?;
    if added > 0 {
        *indexed = tx
            .prepare_cached("SELECT COALESCE(MAX(id), 0) FROM stories")?
            .query_row([], |r| r.get(0))?;
    }
    Ok(())
}

/// One bulletin, within a transaction; stories with an id above `indexed` are not in the
/// full-text index yet.
fn import_in(
    tx: &Transaction,
    bulletin: &Bulletin,
    source: &str,
    undated: Date,
    indexed: &mut i64,
) -> rusqlite::Result<Summary> {
    tx.prepare_cached("INSERT OR IGNORE INTO sources(name) VALUES (?1)")?
        .execute(params![source])?;
    let source_id: i64 = tx
        .prepare_cached("SELECT id FROM sources WHERE name = ?1")?
        .query_row(params![source], |r| r.get(0))?;
    // The same bulletin from the same source as the last one recorded, nothing else
    // recorded since: nothing can have changed, and the comparison story by story is
    // skipped (an unchanged 100 MB file costs its digest). Anything recorded in between
    // may have changed what it holds, so then it is recorded again, the later winning.
    let last = format!("{source_id}:{}", bulletin.digest());
    let recorded: Option<String> = tx
        .prepare_cached("SELECT value FROM reader WHERE key = 'last_recorded'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    if recorded.as_deref() == Some(last.as_str()) {
        return Ok(Summary::default());
    }
    tx.prepare_cached(
        "INSERT INTO reader(key, value) VALUES ('last_recorded', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![last])?;
    let mut summary = Summary::default();
    let mut seen_days: HashSet<Date> = HashSet::new();
    let mut new_day = |date: Date, summary: &mut Summary| -> rusqlite::Result<()> {
        if seen_days.insert(date) {
            let day = date.to_string();
            let known: bool = tx
                .prepare_cached(
                    "SELECT EXISTS(SELECT 1 FROM stories WHERE date = ?1)
                     OR EXISTS(SELECT 1 FROM rates WHERE date = ?1)",
                )?
                .query_row(params![day], |r| r.get(0))?;
            if !known {
                summary.days += 1;
            }
        }
        Ok(())
    };
    // A date before 1990 or more than a day after the day it came is not a date (a feed's
    // `Thu, 01 Jan 1970`, a clock gone wrong): the story takes its source's, else that day.
    let earliest = Date::new(1990, 1, 1);
    let latest = undated.plus_days(1);
    let plausible = |d: &Date| earliest.is_none_or(|e| *d >= e) && latest.is_none_or(|l| *d <= l);
    let own = bulletin.date.filter(plausible);
    let bulletin_date = own.unwrap_or(undated);
    for article in &bulletin.articles {
        let date = article.date.filter(plausible).or(own).unwrap_or(undated);
        new_day(date, &mut summary)?;
        let day = date.to_string();
        let (text, kinds) = blocks_to_text(&article.blocks);
        let url = article.url.clone();
        let existing: Option<(i64, String, String, Option<String>)> = tx
            .prepare_cached(
                "SELECT id, text, kinds, url FROM stories WHERE date = ?1 AND headline = ?2",
            )?
            .query_row(params![day, article.headline], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        match existing {
            None => {
                tx.prepare_cached(
                    "INSERT INTO stories(date, position, headline, text, kinds, url, source_id)
                     VALUES (?1, (SELECT COALESCE(MAX(position) + 1, 0) FROM stories
                                  WHERE date = ?1), ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    day,
                    article.headline,
                    text,
                    kinds,
                    url,
                    source_id
                ])?;
                summary.stories += 1;
            }
            Some((id, old_text, old_kinds, old_url)) => {
                let url = url.or(old_url.clone());
                if old_text != text || old_kinds != kinds || old_url != url {
                    // The index's trigger takes the old text out of the index: it must be
                    // in it first.
                    if id > *indexed {
                        index_new(tx, indexed)?;
                    }
                    tx.prepare_cached(
                        "UPDATE stories SET text = ?2, kinds = ?3, url = ?4, source_id = ?5
                         WHERE id = ?1",
                    )?
                    .execute(params![id, text, kinds, url, source_id])?;
                    summary.updated_stories += 1;
                }
            }
        }
    }
    if !bulletin.rates.is_empty() {
        new_day(bulletin_date, &mut summary)?;
    }
    let day = bulletin_date.to_string();
    for rate in &bulletin.rates {
        let direction = rate.direction.map(direction_name);
        let existing: Option<(String, Option<String>, Option<String>)> = tx
            .prepare_cached(
                "SELECT value, change, direction FROM rates WHERE date = ?1 AND pair = ?2",
            )?
            .query_row(params![day, rate.pair], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        match existing {
            None => {
                tx.prepare_cached(
                    "INSERT INTO rates(date, pair, position, base, quote, value, change,
                                       direction, source_id)
                     VALUES (?1, ?2, (SELECT COALESCE(MAX(position) + 1, 0) FROM rates
                                      WHERE date = ?1), ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    day,
                    rate.pair,
                    rate.base,
                    rate.quote,
                    rate.value,
                    rate.change,
                    direction,
                    source_id
                ])?;
                summary.rates += 1;
            }
            Some((value, change, old_direction)) => {
                if value != rate.value
                    || change != rate.change
                    || old_direction.as_deref() != direction
                {
                    tx.prepare_cached(
                        "UPDATE rates SET value = ?3, change = ?4, direction = ?5, source_id = ?6
                         WHERE date = ?1 AND pair = ?2",
                    )?
                    .execute(params![
                        day,
                        rate.pair,
                        rate.value,
                        rate.change,
                        direction,
                        source_id
                    ])?;
                    summary.updated_rates += 1;
                }
            }
        }
    }
    Ok(summary)
}
