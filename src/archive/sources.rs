//! What the archive keeps of each source fetched: the validators of the copy last fetched.

use super::{Archive, ArchiveError};
use rusqlite::{params, OptionalExtension};

/// A server's validators of a copy: sent back with the next request, so that an unchanged
/// page answers `304 Not Modified`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Archive {
    /// The validators kept for a source, if any.
    pub fn validators(&self, source: &str) -> Result<Validators, ArchiveError> {
        let run = || -> rusqlite::Result<Validators> {
            Ok(self
                .conn
                .prepare_cached("SELECT etag, last_modified FROM sources WHERE name = ?1")?
                .query_row(params![source], |r| {
                    Ok(Validators {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                    })
                })
                .optional()?
                .unwrap_or_default())
        };
        run().map_err(|e| self.error(&e))
    }

    /// Keeps a source's validators, once what came with them is in the archive.
    pub fn set_validators(&self, source: &str, v: &Validators) -> Result<(), ArchiveError> {
        let run = || -> rusqlite::Result<()> {
            self.conn
                .prepare_cached("INSERT OR IGNORE INTO sources(name) VALUES (?1)")?
                .execute(params![source])?;
            self.conn
                .prepare_cached("UPDATE sources SET etag = ?2, last_modified = ?3 WHERE name = ?1")?
                .execute(params![source, v.etag, v.last_modified])?;
            Ok(())
        };
        run().map_err(|e| self.error(&e))
    }
}
