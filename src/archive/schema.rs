//! The archive's tables, and the migrations that bring any earlier version of them up to
//! date, in order, each in a transaction. `PRAGMA user_version` says which ran.

use rusqlite::Connection;

/// The migrations, the first from an empty file; migration `i` brings version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: stories, rates, sources, read state, places, and the full-text index.
    "
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL,
        position INTEGER NOT NULL,
        headline TEXT NOT NULL,
        -- the blocks' texts, a line each, and a letter a block for its kind (P, S)
        text TEXT NOT NULL,
        kinds TEXT NOT NULL,
        url TEXT,
        source_id INTEGER REFERENCES sources(id),
        read INTEGER NOT NULL DEFAULT 0,
        UNIQUE (date, headline)
    );
    CREATE INDEX stories_by_day ON stories(date, position);
    CREATE INDEX stories_unread ON stories(read, date, position);
    CREATE VIRTUAL TABLE stories_fts USING fts5(
        headline, text,
        content = 'stories', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER stories_added AFTER INSERT ON stories BEGIN
        INSERT INTO stories_fts(rowid, headline, text) VALUES (new.id, new.headline, new.text);
    END;
    CREATE TRIGGER stories_removed AFTER DELETE ON stories BEGIN
        INSERT INTO stories_fts(stories_fts, rowid, headline, text)
            VALUES ('delete', old.id, old.headline, old.text);
    END;
    CREATE TRIGGER stories_changed AFTER UPDATE OF headline, text ON stories BEGIN
        INSERT INTO stories_fts(stories_fts, rowid, headline, text)
            VALUES ('delete', old.id, old.headline, old.text);
        INSERT INTO stories_fts(rowid, headline, text) VALUES (new.id, new.headline, new.text);
    END;
    CREATE TABLE rates (
        date TEXT NOT NULL,
        pair TEXT NOT NULL,
        position INTEGER NOT NULL,
        base TEXT NOT NULL,
        quote TEXT NOT NULL,
        value TEXT NOT NULL,
        change TEXT,
        direction TEXT,
        source_id INTEGER REFERENCES sources(id),
        PRIMARY KEY (date, pair)
    ) WITHOUT ROWID;
    CREATE INDEX rates_by_pair ON rates(pair, date);
    -- where the reader was in each day: the story and how far down it
    CREATE TABLE places (
        date TEXT PRIMARY KEY,
        story INTEGER,
        scroll INTEGER NOT NULL DEFAULT 0
    );
    -- the reader's own notes: the day it was left on
    CREATE TABLE reader (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    ",
    // 2: new stories are indexed a batch at a time by the import, in one statement, not
    // one by one by a trigger (an import three times as fast).
    "
    DROP TRIGGER stories_added;
    ",
    // 3: the list of days counts stories and unread ones from an index alone.
    "
    CREATE INDEX stories_by_day_read ON stories(date, read);
    ",
    // 4: what a server said of the copy last fetched (ETag, Last-Modified), so that a
    // page that did not change costs a 304 and nothing else.
    "
    ALTER TABLE sources ADD COLUMN etag TEXT;
    ALTER TABLE sources ADD COLUMN last_modified TEXT;
    ",
    // 5: the visitors of the SSH service (`bulletin serve`), each known by the fingerprint
    // of a key (or a session's own name, forgotten when it ends): what each has read,
    // where each was in a day, and the day each was last on.
    "
    CREATE TABLE visitor_read (
        visitor TEXT NOT NULL,
        story INTEGER NOT NULL,
        PRIMARY KEY (visitor, story)
    ) WITHOUT ROWID;
    CREATE TABLE visitor_places (
        visitor TEXT NOT NULL,
        date TEXT NOT NULL,
        story INTEGER,
        scroll INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (visitor, date)
    ) WITHOUT ROWID;
    CREATE TABLE visitor_days (
        visitor TEXT PRIMARY KEY,
        day TEXT NOT NULL
    ) WITHOUT ROWID;
    ",
];

/// The schema version this build writes.
pub const VERSION: usize = MIGRATIONS.len();

/// Runs the migrations the file has not had yet. A file of a newer version is refused
/// rather than written to by code that does not know its tables.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let at: usize = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    if at > VERSION {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_MISMATCH),
            Some(format!(
                "it was written by a newer bulletin (schema {at}, this one knows {VERSION})"
            )),
        ));
    }
    for (version, sql) in MIGRATIONS.iter().enumerate().skip(at) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while this one waited for the lock.
        let now: usize = tx.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
        if now > version {
            tx.commit()?;
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (version + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
