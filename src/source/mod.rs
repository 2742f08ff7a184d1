//! Loading a bulletin from a file, standard input, the built-in sample or the web (a page
//! or a feed, fetched), with a clear refusal for everything that is not a readable bulletin;
//! and noticing when a file changes.

pub mod contain;
pub mod fetch;
pub mod watch;

use crate::model::{Bulletin, Kind, ReadError};
use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The largest bulletin read, in bytes (512 MiB). Larger files are refused from their size,
/// before any of them is read.
pub const MAX_BYTES: u64 = 512 * 1024 * 1024;

/// The sample bulletin built into the binary.
pub const SAMPLE: &[u8] = include_bytes!("../../assets/central-asia-2025-12-08.txt");

/// Where a bulletin comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The built-in sample.
    Sample,
    /// Standard input (`-`).
    Stdin,
    /// A file.
    Path(PathBuf),
    /// A page or a feed on the web.
    Url(String),
}

impl Source {
    /// The source named on the command line: none is the sample, `-` is standard input.
    pub fn from_arg(arg: Option<&Path>) -> Source {
        match arg {
            None => Source::Sample,
            Some(p) if p.as_os_str() == "-" => Source::Stdin,
            Some(p) if p.to_str().is_some_and(fetch::is_url) => {
                Source::Url(p.to_string_lossy().into_owned())
            }
            Some(p) => Source::Path(p.to_owned()),
        }
    }

    /// How the archive names the source: a file by its full path.
    pub fn archive_name(&self) -> String {
        match self {
            Source::Path(p) => std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .to_string_lossy()
                .into_owned(),
            Source::Stdin => "standard input".into(),
            Source::Sample => "the built-in sample".into(),
            Source::Url(u) => u.clone(),
        }
    }

    /// How the source is named in messages: a quoted path with control characters escaped.
    pub fn display_name(&self) -> String {
        match self {
            Source::Sample => "the built-in sample".to_owned(),
            Source::Stdin => "standard input".to_owned(),
            Source::Path(p) => format!("'{}'", escape_path(p)),
            Source::Url(u) => format!("'{}'", escape(u)),
        }
    }
}

/// Why a bulletin could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The bytes could not be had; `reason` says why, as a person would.
    Read { source: Source, reason: String },
    /// The bytes are not a bulletin.
    Invalid { source: Source, error: ReadError },
    /// The page or feed could not be fetched.
    Fetch(fetch::FetchError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Read { source, reason } => {
                write!(f, "cannot read {}: {reason}", source.display_name())
            }
            LoadError::Invalid { source, error } => {
                write!(f, "{} {error}", source.display_name())
            }
            LoadError::Fetch(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads and parses a bulletin (a web address with the default time limit).
pub fn load(source: &Source) -> Result<Bulletin, LoadError> {
    load_with(source, None)
}

/// Loads and parses a bulletin; `timeout` limits a fetch.
pub fn load_with(source: &Source, timeout: Option<Duration>) -> Result<Bulletin, LoadError> {
    load_noted(source, timeout).map(|(bulletin, _)| bulletin)
}

/// [`load_with`], with what was read leniently (a feed not well formed, or not in the
/// encoding it declared), to say once: `not well-formed (line 3): read leniently`.
pub fn load_noted(
    source: &Source,
    timeout: Option<Duration>,
) -> Result<(Bulletin, Option<String>), LoadError> {
    if let Source::Url(url) = source {
        let request = fetch::Request {
            url,
            timeout,
            ..Default::default()
        };
        return match fetch::fetch(&request).map_err(LoadError::Fetch)? {
            fetch::Fetched::Body(page) => read_fetched(source, page),
            // Not asked for: no validators were sent.
            fetch::Fetched::NotModified => Err(LoadError::Read {
                source: source.clone(),
                reason: "the server answered 304 Not Modified to a plain request".into(),
            }),
        };
    }
    let bytes = read_bytes(source).map_err(|reason| LoadError::Read {
        source: source.clone(),
        reason,
    })?;
    Bulletin::read_source(bytes, None, None)
        .map(|read| (read.bulletin, read.lenient))
        .map_err(|error| LoadError::Invalid {
            source: source.clone(),
            error,
        })
}

/// What a server gave, read: a bulletin, a page or a feed. A page in which nothing is a
/// story or a rate is refused: it is not what the reader is for (a login page, an error
/// page served as 200).
pub fn read_fetched(
    source: &Source,
    page: fetch::Page,
) -> Result<(Bulletin, Option<String>), LoadError> {
    let invalid = |error| LoadError::Invalid {
        source: source.clone(),
        error,
    };
    let base = page.base();
    let read = Bulletin::read_source(page.body, page.content_type.as_deref(), Some(&base))
        .map_err(invalid)?;
    let bulletin = read.bulletin;
    if read.kind == Kind::Html && bulletin.articles.is_empty() && bulletin.rates.is_empty() {
        return Err(invalid(ReadError::BadFeed(
            "a page with no stories and no rates".into(),
        )));
    }
    Ok((bulletin, read.lenient))
}

/// The bytes of a source, or the reason they cannot be had.
pub fn read_bytes(source: &Source) -> Result<Vec<u8>, String> {
    match source {
        Source::Sample => Ok(SAMPLE.to_vec()),
        Source::Stdin => read_limited(io::stdin().lock(), 0, MAX_BYTES),
        Source::Path(path) => read_file(path),
        Source::Url(url) => Err(format!("'{url}' is fetched, not read")),
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    read_regular_file(path, MAX_BYTES)
}

/// The bytes of a regular file of at most `limit` bytes; a folder, a FIFO, a device or a
/// larger file is refused with the reason. The file is opened without blocking (a FIFO
/// would wait for a writer) and looked at once open, so that what is checked is what is
/// read.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| io_reason(&e))?;
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err("it is a directory".to_owned());
    }
    if !kind.is_file() {
        let what = if kind.is_fifo() {
            "a FIFO"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else if kind.is_socket() {
            "a socket"
        } else {
            "a special file"
        };
        return Err(format!("not a regular file (it is {what})"));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    // Sized from the metadata: one allocation and a read or two, not a doubling buffer.
    read_limited(file, meta.len(), limit)
}

/// Reads to the end, refusing more than `limit` bytes (a file may grow after its size was
/// looked at; standard input has no size). `expected` sizes the buffer.
fn read_limited(reader: impl Read, expected: u64, limit: u64) -> Result<Vec<u8>, String> {
    let capacity = usize::try_from(expected.saturating_add(1)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

fn too_large(len: u64, limit: u64) -> String {
    format!(
        "too large ({len} bytes; the limit is {} MiB)",
        limit / (1024 * 1024)
    )
}

/// An I/O error as a person reads it: `No such file or directory`, without `(os error 2)`.
pub fn io_reason(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// The path with control and bidirectional characters escaped, so that printing it cannot
/// drive the terminal.
pub fn escape_path(path: &Path) -> String {
    escape(&path.to_string_lossy())
}

/// A name with control and bidirectional characters escaped (the model's rule 1, for
/// what is printed about a source).
pub use crate::model::escape;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_in_paths_are_escaped() {
        assert_eq!(
            escape_path(Path::new("a\x1b[31mb\n\u{202e}")),
            "a\\u{1b}[31mb\\n\\u{202e}"
        );
        assert_eq!(escape_path(Path::new("plain name.txt")), "plain name.txt");
    }

    #[test]
    fn the_sample_loads() {
        let b = load(&Source::Sample).unwrap();
        assert_eq!(b.articles.len(), 6);
    }

    #[test]
    fn dash_is_stdin_nothing_is_the_sample() {
        assert_eq!(Source::from_arg(None), Source::Sample);
        assert_eq!(Source::from_arg(Some(Path::new("-"))), Source::Stdin);
        assert_eq!(
            Source::from_arg(Some(Path::new("./-"))),
            Source::Path(PathBuf::from("./-"))
        );
    }
}
