//! The archive: every bulletin kept, day after day, in one SQLite file: stories by their
//! day, rates by day and pair, where each came from, and what has been read; full-text
//! search over all of it (FTS5). A schema version (`PRAGMA user_version`) with migrations,
//! WAL so that readers and an import never wait on one another for long, and a busy
//! timeout for when they must.

mod import;
mod query;
mod schema;
mod snippet;
mod sources;

pub use sources::Validators;

use std::fmt;
use std::path::{Path, PathBuf};

pub use import::Summary;
pub use query::{DayInfo, Found, Pair, Point, StoredDay, StoryInfo};

/// How long a write waits for another one before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The archive, open.
pub struct Archive {
    conn: rusqlite::Connection,
    path: PathBuf,
}

/// Why the archive could not be used: the file, and what went wrong, as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveError {
    pub path: PathBuf,
    pub reason: String,
}

impl ArchiveError {
    /// The error in the reader's status line: what it means first (the path is long).
    pub fn status_line(&self) -> String {
        format!(
            "no archive: {} ('{}')",
            self.reason,
            crate::source::escape_path(&self.path)
        )
    }
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "archive '{}': {}",
            crate::source::escape_path(&self.path),
            self.reason
        )
    }
}

impl std::error::Error for ArchiveError {}

/// `$XDG_DATA_HOME/bulletin/archive.sqlite3` (`~/.local/share/bulletin/`).
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let dirs = etcetera::choose_base_strategy().ok()?;
    Some(dirs.data_dir().join("bulletin").join("archive.sqlite3"))
}

impl Archive {
    /// Opens the archive at `path`, making it (and its folder) when it is not there yet:
    /// a file only its owner can read.
    pub fn open(path: &Path) -> Result<Archive, ArchiveError> {
        let error = |reason: String| ArchiveError {
            path: path.to_owned(),
            reason,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| error(crate::source::io_reason(&e)))?;
        }
        if !path.exists() {
            create_private(path).map_err(|e| error(crate::source::io_reason(&e)))?;
        }
        Archive::open_file(path)
    }

    /// Opens the archive at `path` if there is one (`None` when there is not): for reading,
    /// where no archive is an empty one.
    pub fn open_existing(path: &Path) -> Result<Option<Archive>, ArchiveError> {
        if !path.exists() {
            return Ok(None);
        }
        Archive::open_file(path).map(Some)
    }

    fn open_file(path: &Path) -> Result<Archive, ArchiveError> {
        let conn = rusqlite::Connection::open(path).map_err(|e| ArchiveError {
            path: path.to_owned(),
            reason: reason(&e),
        })?;
        let mut archive = Archive {
            conn,
            path: path.to_owned(),
        };
        archive.prepare()?;
        Ok(archive)
    }

    /// Settings for every connection, and the schema brought up to date.
    fn prepare(&mut self) -> Result<(), ArchiveError> {
        self.conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| self.error(&e))?;
        // journal_mode answers with a row; WAL persists in the file once set.
        self.conn
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(|e| self.error(&e))?;
        self.conn
            .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            .map_err(|e| self.error(&e))?;
        schema::migrate(&mut self.conn).map_err(|e| self.error(&e))
    }

    /// A number that changes whenever another connection (another process) has written to
    /// the archive, and only then.
    pub fn data_version(&self) -> Result<i64, ArchiveError> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(|e| self.error(&e))
    }

    /// The file of the archive.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// An error of this archive, from SQLite's.
    fn error(&self, e: &rusqlite::Error) -> ArchiveError {
        ArchiveError {
            path: self.path.clone(),
            reason: reason(e),
        }
    }
}

/// Creates an empty file readable and writable by its owner only.
fn create_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(drop)
}

/// SQLite's error as a person reads it, with what to do where there is something to do.
fn reason(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(NotADatabase) | Some(DatabaseCorrupt) => {
            "it is damaged or not an archive (move it aside, and a new one is made)".into()
        }
        Some(DiskFull) => "the disk is full".into(),
        Some(ReadOnly) => "it cannot be written to (read-only)".into(),
        Some(CannotOpen) => "it cannot be opened (is its folder writable?)".into(),
        Some(PermissionDenied) => "permission denied".into(),
        Some(DatabaseBusy) | Some(DatabaseLocked) => {
            "it is busy: another bulletin is writing to it".into()
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests;
