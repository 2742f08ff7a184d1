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
mod visitors;

pub use sources::Validators;
pub use visitors::ANONYMOUS;

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
    /// Opened for reading only: its folder or file cannot be written.
    read_only: bool,
    /// The file opened (device and inode), to tell when another one took its place.
    identity: Option<(u64, u64)>,
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
    /// Opens the archive at `path` for writing, making it (and its folder) when it is not
    /// there yet: a file only its owner can read.
    pub fn open(path: &Path) -> Result<Archive, ArchiveError> {
        let error = |reason: String| ArchiveError {
            path: path.to_owned(),
            reason,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| error(folder_trouble(dir, &e)))?;
        }
        if !path.exists() {
            if let Ok(target) = std::fs::read_link(path) {
                return Err(error(format!(
                    "it is a symbolic link to '{}', which does not exist",
                    crate::source::escape_path(&target)
                )));
            }
            create_private(path).map_err(|e| error(crate::source::io_reason(&e)))?;
        }
        Archive::open_file(path, false)
    }

    /// Opens the archive at `path` if there is one (`None` when there is not): for reading,
    /// where no archive is an empty one. One that cannot be written (a read-only folder) is
    /// opened for reading only ([`Archive::read_only`]).
    pub fn open_existing(path: &Path) -> Result<Option<Archive>, ArchiveError> {
        if !path.exists() {
            return Ok(None);
        }
        Archive::open_file(path, true).map(Some)
    }

    fn open_file(path: &Path, or_read_only: bool) -> Result<Archive, ArchiveError> {
        let error = |e: &rusqlite::Error| ArchiveError {
            path: path.to_owned(),
            reason: reason(e),
        };
        // An archive made readable by others (by hand, or by an older bulletin) is made
        // its owner's again: SQLite gives its log and index the same mode.
        make_private(path);
        let opened = rusqlite::Connection::open(path)
            .map_err(|e| error(&e))
            .and_then(|conn| {
                let mut archive = Archive::with(conn, path, false);
                archive.prepare()?;
                Ok(archive)
            });
        match opened {
            Ok(archive) => {
                for log in ["-wal", "-shm"] {
                    let mut name = path.as_os_str().to_owned();
                    name.push(log);
                    make_private(Path::new(&name));
                }
                Ok(archive)
            }
            Err(e) if or_read_only && e.reason == reason_read_only() => {
                Archive::open_read_only(path).map_err(|_| e)
            }
            Err(e) => Err(e),
        }
    }

    /// Opens the archive for reading only, as it is: nothing is written, not even the log
    /// (a folder that cannot be written holds none).
    fn open_read_only(path: &Path) -> Result<Archive, ArchiveError> {
        use rusqlite::OpenFlags;
        let error = |e: &rusqlite::Error| ArchiveError {
            path: path.to_owned(),
            reason: reason(e),
        };
        let absolute = std::path::absolute(path).map_err(|e| ArchiveError {
            path: path.to_owned(),
            reason: crate::source::io_reason(&e),
        })?;
        let uri = url::Url::from_file_path(&absolute).map_err(|()| ArchiveError {
            path: path.to_owned(),
            reason: "not a path SQLite can open".into(),
        })?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        // Read-only, then (when no log can be made beside it) as a file nobody writes.
        let mut last = None;
        for mode in ["mode=ro", "immutable=1"] {
            let attempt = rusqlite::Connection::open_with_flags(format!("{uri}?{mode}"), flags)
                .and_then(|conn| {
                    conn.busy_timeout(BUSY_TIMEOUT)?;
                    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                    Ok((conn, version))
                });
            match attempt {
                Ok((conn, version)) if version as usize == schema::VERSION => {
                    return Ok(Archive::with(conn, path, true));
                }
                Ok((_, version)) => {
                    return Err(ArchiveError {
                        path: path.to_owned(),
                        reason: format!(
                            "it cannot be written to, and is of another version (schema \
                             {version}, this bulletin reads {})",
                            schema::VERSION
                        ),
                    })
                }
                Err(e) => last = Some(error(&e)),
            }
        }
        Err(last.unwrap_or_else(|| ArchiveError {
            path: path.to_owned(),
            reason: reason_read_only(),
        }))
    }

    fn with(conn: rusqlite::Connection, path: &Path, read_only: bool) -> Archive {
        Archive {
            conn,
            path: path.to_owned(),
            read_only,
            identity: identity(path),
        }
    }

    /// True when the archive was opened for reading only: read state and places are not
    /// kept, and nothing is recorded.
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// What to say, once, of an archive opened for reading only.
    pub fn read_only_note(&self) -> Option<String> {
        self.read_only.then(|| {
            format!(
                "archive '{}' cannot be written to: it is read as it is, and nothing is kept \
                 (read state, places, bulletins)",
                crate::source::escape_path(&self.path)
            )
        })
    }

    /// Lets go of an archive whose file was replaced, without closing it: SQLite's close
    /// checkpoints the log and deletes it by its name, which is now the new file's log (its
    /// latest writes would be lost). The connection's few descriptors stay open until the
    /// process ends.
    pub fn abandon(self) {
        std::mem::forget(self);
    }

    /// True when another file has taken the archive's place since it was opened (deleted
    /// and made again by an import, or moved aside and replaced).
    pub fn replaced(&self) -> bool {
        identity(&self.path).is_some_and(|now| Some(now) != self.identity)
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

/// The device and inode of the file at `path`.
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Makes a file of ours that others can read or write its owner's only (what cannot be
/// changed is left as it is: the archive is still opened).
fn make_private(path: &Path) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    // SAFETY: geteuid has no failure and touches no memory.
    let ours = meta.uid() == unsafe { libc::geteuid() };
    if ours && meta.is_file() && meta.mode() & 0o077 != 0 {
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
}

/// Why the archive's folder could not be made: a file standing where a folder should be is
/// named.
fn folder_trouble(dir: &Path, e: &std::io::Error) -> String {
    let in_the_way = dir
        .ancestors()
        .find(|a| std::fs::metadata(a).is_ok_and(|m| !m.is_dir()));
    match in_the_way {
        Some(file) => format!(
            "its folder cannot be made: '{}' is a file, not a folder",
            crate::source::escape_path(file)
        ),
        None => format!(
            "its folder '{}' cannot be made: {}",
            crate::source::escape_path(dir),
            crate::source::io_reason(e)
        ),
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

/// The reason given when the archive, or its folder, cannot be written.
fn reason_read_only() -> String {
    "it cannot be written to (is its folder writable?)".into()
}

/// SQLite's error as a person reads it, with what to do where there is something to do.
fn reason(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(NotADatabase) | Some(DatabaseCorrupt) => {
            "it is damaged or not an archive (move it aside, and a new one is made)".into()
        }
        Some(DiskFull) => "the disk is full".into(),
        Some(ReadOnly) | Some(CannotOpen) => reason_read_only(),
        Some(PermissionDenied) => "permission denied".into(),
        Some(DatabaseBusy) | Some(DatabaseLocked) => {
            "it is busy: another bulletin is writing to it".into()
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests;
