//! The archive's commands: import, days, rates, search; and what the reader opens when it is
//! given no file (the day it was left on, the latest, or the sample), or a day.

use crate::archive::{self, Archive, ArchiveError, StoredDay, StoryInfo};
use crate::model::{Bulletin, Date};
use crate::source::{load, Source};
use anyhow::{anyhow, bail};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The archive's file: `$XDG_DATA_HOME/bulletin/archive.sqlite3`.
pub fn path() -> anyhow::Result<PathBuf> {
    archive::default_path().ok_or_else(|| anyhow!("no home directory for the archive"))
}

/// What the reader (or a print) opens, and what the archive knows of it.
pub struct Opened {
    pub bulletin: Bulletin,
    /// The archive's day, when the bulletin is one.
    pub day: Option<Date>,
    /// For each article, its id and read state in the archive (empty without one).
    pub stories: Vec<StoryInfo>,
    /// Where the reader was in the day: the story and the scroll.
    pub place: Option<(Option<i64>, usize)>,
    /// The file opened, to watch for changes.
    pub file: Option<PathBuf>,
    /// What went wrong with the archive (the bulletin opened anyway).
    pub note: Option<ArchiveError>,
    /// The archive could be opened for reading only: said once.
    pub read_only: Option<String>,
    /// The archive, open, when there is one.
    pub archive: Option<Archive>,
    /// The name to record the bulletin under, once the reader shows it (recorded already
    /// when `None`, or not to be).
    pub record: Option<String>,
    /// What was read leniently, with the source's name: `'feed.xml' is not well-formed
    /// (line 3): read leniently`.
    pub lenient: Option<String>,
}

impl Opened {
    fn plain(bulletin: Bulletin) -> Opened {
        Opened {
            bulletin,
            day: None,
            stories: Vec::new(),
            place: None,
            file: None,
            note: None,
            read_only: None,
            archive: None,
            record: None,
            lenient: None,
        }
    }

    fn from_day(day: StoredDay, date: Date, archive: Archive) -> Opened {
        let place = archive.place(date).ok().flatten();
        Opened {
            bulletin: day.bulletin,
            day: Some(date),
            stories: day.stories,
            place,
            file: None,
            note: None,
            read_only: archive.read_only_note(),
            archive: Some(archive),
            record: None,
            lenient: None,
        }
    }
}

/// What the command line asks to open.
pub struct Ask<'a> {
    pub file: Option<&'a Path>,
    pub day: Option<&'a str>,
    pub sample: bool,
    /// Record a file opened in the archive.
    pub record: bool,
    /// Leave the recording to the reader, after its first frame (a large file is shown
    /// at once, and recorded while it is read).
    pub later: bool,
    /// The time limit of a fetch, when the file is an address.
    pub timeout: std::time::Duration,
}

/// Opens what is asked: a file (recorded in the archive), a day of the archive, the day the
/// reader was left on (or the latest), or the built-in sample.
pub fn open(ask: Ask) -> anyhow::Result<Opened> {
    if ask.sample {
        return Ok(Opened::plain(load(&Source::Sample)?));
    }
    if let Some(file) = ask.file {
        let source = Source::from_arg(Some(file));
        let (bulletin, lenient) = crate::source::load_noted(&source, Some(ask.timeout))?;
        let mut opened = open_file(bulletin, &source, ask.record, ask.later);
        opened.lenient = lenient.map(|note| format!("{}: {note}", source.display_name()));
        return Ok(opened);
    }
    let path = path()?;
    if let Some(day) = ask.day {
        let Some(archive) = Archive::open_existing(&path)? else {
            bail!(
                "there is no archive yet ('{}'): import a bulletin first",
                path.display()
            );
        };
        let date = match day {
            "latest" => archive
                .latest_day()?
                .ok_or_else(|| anyhow!("the archive is empty"))?,
            d => Date::parse_iso(d)
                .ok_or_else(|| anyhow!("'{d}' is not a date (YYYY-MM-DD or latest)"))?,
        };
        let Some(stored) = archive.day(date)? else {
            bail!("the archive has nothing of {}", date.long());
        };
        return Ok(Opened::from_day(stored, date, archive));
    }
    // No file: the day the reader was left on, else the newest, else the sample.
    match Archive::open_existing(&path) {
        Ok(Some(archive)) => {
            let left = archive.last_day().ok().flatten();
            let latest = archive.latest_day().ok().flatten();
            for date in left.into_iter().chain(latest) {
                if let Ok(Some(stored)) = archive.day(date) {
                    return Ok(Opened::from_day(stored, date, archive));
                }
            }
            let mut opened = Opened::plain(load(&Source::Sample)?);
            opened.read_only = archive.read_only_note();
            opened.archive = Some(archive);
            Ok(opened)
        }
        Ok(None) => Ok(Opened::plain(load(&Source::Sample)?)),
        Err(e) => {
            let mut opened = Opened::plain(load(&Source::Sample)?);
            opened.note = Some(e);
            Ok(opened)
        }
    }
}

/// A bulletin read from a file or standard input, recorded in the archive as a browser
/// keeps history; what goes wrong with the archive is noted, the bulletin opens anyway.
fn open_file(bulletin: Bulletin, source: &Source, record: bool, later: bool) -> Opened {
    let mut opened = Opened::plain(bulletin);
    if let Source::Path(p) = source {
        opened.file = Some(p.clone());
    }
    if !record {
        return opened;
    }
    let result = (|| -> Result<Archive, ArchiveError> {
        let path = archive::default_path().ok_or_else(|| ArchiveError {
            path: PathBuf::from("~/.local/share/bulletin/archive.sqlite3"),
            reason: "no home directory".into(),
        })?;
        let mut archive = Archive::open(&path)?;
        if !later {
            archive.import(&opened.bulletin, &source.archive_name(), Date::today())?;
        }
        Ok(archive)
    })();
    match result {
        Ok(archive) => {
            // Known already when it was recorded before: read state and place at once.
            opened.stories = archive.story_infos(&opened.bulletin);
            opened.day = opened.bulletin.date;
            if let Some(day) = opened.day.filter(|_| !opened.stories.is_empty()) {
                opened.place = archive.place(day).ok().flatten();
            }
            opened.archive = Some(archive);
            opened.record = later.then(|| source.archive_name());
        }
        Err(e) => opened.note = Some(e),
    }
    opened
}

/// `bulletin import PATH...`: every bulletin under the paths into the archive; a summary;
/// exit 1 when a path was refused (after importing the rest).
pub fn import(paths: &[PathBuf]) -> anyhow::Result<u8> {
    let mut files = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    for path in paths {
        collect(path, &mut files, &mut refused);
    }
    let mut archive = Archive::open(&path()?)?;
    let mut total = archive::Summary::default();
    let mut unchanged = 0;
    let progress = std::io::stderr().is_terminal() && files.len() > 20;
    let mut last_shown = std::time::Instant::now();
    // Bulletins are recorded a batch at a time, each batch one transaction: the index is
    // written once a batch, and an import cut short leaves whole bulletins only.
    let mut batch: Vec<(Bulletin, String)> = Vec::new();
    let mut batch_bytes = 0u64;
    let mut flush = |batch: &mut Vec<(Bulletin, String)>| -> anyhow::Result<()> {
        let pairs: Vec<(&Bulletin, &str)> = batch.iter().map(|(b, s)| (b, s.as_str())).collect();
        for summary in archive.import_many(&pairs, Date::today())? {
            if summary.unchanged() {
                unchanged += 1;
            }
            total.add(summary);
        }
        batch.clear();
        Ok(())
    };
    for (i, file) in files.iter().enumerate() {
        if progress && (last_shown.elapsed().as_millis() > 100 || i + 1 == files.len()) {
            let _ = write!(std::io::stderr(), "\rimporting {}/{} …", i + 1, files.len());
            last_shown = std::time::Instant::now();
        }
        let source = Source::Path(file.clone());
        // A file that brings the reading down is refused; the rest are imported.
        let loaded = crate::source::contain::contained(|| load(&source)).unwrap_or_else(|e| {
            Err(crate::source::LoadError::Read {
                source: source.clone(),
                reason: e,
            })
        });
        match loaded {
            Ok(bulletin) => {
                batch_bytes += std::fs::metadata(file).map_or(0, |m| m.len());
                batch.push((bulletin, source.archive_name()));
                if batch_bytes >= BATCH_BYTES || batch.len() >= BATCH_FILES {
                    flush(&mut batch)?;
                    batch_bytes = 0;
                }
            }
            Err(e) => refused.push(e.to_string()),
        }
    }
    flush(&mut batch)?;
    if progress {
        let _ = write!(std::io::stderr(), "\r\x1b[K");
    }
    let mut line = total.added();
    if unchanged > 0 {
        line.push_str(&format!("; {} unchanged", thousands(unchanged)));
    }
    if !refused.is_empty() {
        line.push_str(&format!(
            "; {} refused: {}",
            refused.len(),
            refused.join("; ")
        ));
    }
    super::out::print(format!("{line}\n").as_bytes())?;
    Ok(if refused.is_empty() { 0 } else { 1 })
}

/// A batch is recorded once it holds this many bytes of bulletins, or this many files.
const BATCH_BYTES: u64 = 2 << 20;
const BATCH_FILES: usize = 256;

fn thousands(n: usize) -> String {
    crate::text::wrap::thousands(n)
}

/// The files under a path: the path itself, or every file of a folder and its folders
/// (in name order). A link to a folder is followed once: a folder already read (a link
/// back up, a loop) is not read again. What cannot be read is refused, named with why.
fn collect(path: &Path, files: &mut Vec<PathBuf>, refused: &mut Vec<String>) {
    collect_in(path, files, refused, &mut std::collections::HashSet::new());
}

fn collect_in(
    path: &Path,
    files: &mut Vec<PathBuf>,
    refused: &mut Vec<String>,
    seen: &mut std::collections::HashSet<(u64, u64)>,
) {
    use std::os::unix::fs::MetadataExt;
    let cannot = |e: &std::io::Error| {
        format!(
            "cannot read '{}': {}",
            crate::source::escape_path(path),
            crate::source::io_reason(e)
        )
    };
    // Followed: a link to a folder is the folder.
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if std::fs::symlink_metadata(path).is_ok() => {
            refused.push(format!(
                "cannot read '{}': a link to nothing ({})",
                crate::source::escape_path(path),
                crate::source::io_reason(&e)
            ));
            return;
        }
        Err(e) => {
            refused.push(cannot(&e));
            return;
        }
    };
    if !meta.is_dir() {
        files.push(path.to_owned());
        return;
    }
    if !seen.insert((meta.dev(), meta.ino())) {
        return;
    }
    match std::fs::read_dir(path) {
        Ok(entries) => {
            let mut inside: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            inside.sort();
            for p in inside {
                collect_in(&p, files, refused, seen);
            }
        }
        Err(e) => refused.push(cannot(&e)),
    }
}

/// The archive for reading, if there is one; one that can only be read is said so once,
/// on standard error.
fn existing() -> anyhow::Result<Option<Archive>> {
    let archive = Archive::open_existing(&path()?)?;
    if let Some(note) = archive.as_ref().and_then(Archive::read_only_note) {
        super::say(&note);
    }
    Ok(archive)
}

/// `bulletin days`: the days, newest first.
pub fn days(json: bool) -> anyhow::Result<u8> {
    let days = match existing()? {
        Some(a) => a.days()?,
        None => Vec::new(),
    };
    if json {
        return json_out(&days);
    }
    let mut out = String::from("date        stories  unread  rates\n");
    for d in &days {
        out.push_str(&format!(
            "{}  {:>7}  {:>6}  {:>5}\n",
            d.date, d.stories, d.unread, d.rates
        ));
    }
    if days.is_empty() {
        out = "The archive is empty: `bulletin import FILE` adds bulletins to it.\n".into();
    }
    super::out::print(out.as_bytes())
}

/// How `bulletin rates` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatesFormat {
    Text,
    Json,
    Csv,
}

/// `bulletin rates`: each pair's history, oldest first.
pub fn rates(
    pairs: &[String],
    from: Option<&str>,
    to: Option<&str>,
    format: RatesFormat,
) -> anyhow::Result<u8> {
    let date = |s: Option<&str>| -> anyhow::Result<Option<Date>> {
        s.map(|s| Date::parse_iso(s).ok_or_else(|| anyhow!("'{s}' is not a date (YYYY-MM-DD)")))
            .transpose()
    };
    let (from, to) = (date(from)?, date(to)?);
    let pairs: Vec<String> = pairs.iter().map(|p| p.to_ascii_uppercase()).collect();
    let archive = existing()?;
    if !pairs.is_empty() {
        let held = match &archive {
            Some(a) => a.pairs()?,
            None => Vec::new(),
        };
        let unknown: Vec<&str> = pairs
            .iter()
            .filter(|p| !held.contains(p))
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            let shown: Vec<String> = unknown.iter().map(|p| crate::source::escape(p)).collect();
            if held.is_empty() {
                bail!(
                    "the archive holds no rates yet (asked for {})",
                    shown.join(", ")
                );
            }
            bail!(
                "the archive holds no rate of {}: its pairs are {}",
                shown.join(", "),
                held.join(", ")
            );
        }
    }
    let history = match &archive {
        Some(a) => a.history(&pairs, from, to)?,
        None => Vec::new(),
    };
    match format {
        RatesFormat::Json => json_out(&history),
        RatesFormat::Csv => {
            let mut out = String::from("pair,date,value,change,change_from_previous\n");
            for p in &history {
                for d in &p.days {
                    out.push_str(&format!(
                        "{},{},{},{},{}\n",
                        p.pair,
                        d.date,
                        csv(&d.value),
                        csv(d.change.as_deref().unwrap_or("")),
                        d.change_from_previous.as_deref().unwrap_or("")
                    ));
                }
            }
            super::out::print(out.as_bytes())
        }
        RatesFormat::Text => {
            let mut out = format!(
                "{:<12}{:>12}  {:>10}  {:>10}\n",
                "pair, date", "value", "as written", "computed"
            );
            for p in &history {
                out.push_str(&format!("{}\n", p.pair));
                if p.days.is_empty() {
                    out.push_str("  no days in this range\n");
                }
                for d in &p.days {
                    let computed = d
                        .change_from_previous
                        .as_deref()
                        .map_or(String::new(), |c| format!("{c}%"));
                    out.push_str(&format!(
                        "  {}  {:>12}  {:>10}  {:>10}\n",
                        d.date,
                        d.value,
                        d.change.as_deref().unwrap_or(""),
                        computed
                    ));
                }
            }
            if history.is_empty() {
                out = "No rates in the archive.\n".into();
            }
            super::out::print(out.as_bytes())
        }
    }
}

/// A CSV field, quoted when it holds a comma or a quote.
fn csv(field: &str) -> String {
    if field.contains([',', '"']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// `bulletin search WORDS`: matches across every day, best first.
pub fn search(words: &[String], json: bool, limit: usize) -> anyhow::Result<u8> {
    let query = words.join(" ");
    let found = match existing()? {
        Some(a) => a.search(&query, limit)?,
        None => Vec::new(),
    };
    if json {
        return json_out(&found);
    }
    let bold = std::io::stdout().is_terminal();
    let mut out = String::new();
    for f in &found {
        out.push_str(&format!("{}  {}\n            ", f.date, f.headline));
        let mut at = 0;
        for &(s, e) in &f.matches {
            out.push_str(&f.snippet[at..s]);
            if bold {
                out.push_str(&format!("\x1b[1m{}\x1b[0m", &f.snippet[s..e]));
            } else {
                out.push_str(&f.snippet[s..e]);
            }
            at = e;
        }
        out.push_str(&f.snippet[at..]);
        out.push('\n');
    }
    if found.is_empty() {
        out = format!("No story matches “{query}”.\n");
    }
    super::out::print(out.as_bytes())
}

fn json_out<T: Serialize>(value: &T) -> anyhow::Result<u8> {
    super::out::write_out(|out| {
        serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
        writeln!(out)
    })
}
