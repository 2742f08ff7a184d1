//! Changes to the file shown and to the archive, as the system notices them (inotify
//! through `notify`): nothing is polled, and an idle reader wakes for nothing.
//!
//! Each is watched through its folder, so that a file replaced (written aside and renamed
//! over, as daily jobs do) is noticed as well as one written in place. A burst of writes is
//! told once, when it has been quiet for a moment (or has gone on for most of a second).

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// The file shown was written or replaced.
    File,
    /// The archive (or its write-ahead log) was written.
    Archive,
}

/// A burst is told once it has been quiet this long...
const QUIET: Duration = Duration::from_millis(150);
/// ...or has gone on this long.
const AT_MOST: Duration = Duration::from_millis(700);

/// Watching; it stops when dropped.
pub struct Watch {
    _watcher: RecommendedWatcher,
}

/// Starts watching `file` and `archive` (either may be `None`); `tell` hears of each change
/// and returns false when nobody listens any more. `None` when nothing could be watched
/// (no folder to watch, or no inotify left): the reader works on without live reload.
pub fn start(
    file: Option<&Path>,
    archive: Option<&Path>,
    tell: impl Fn(Changed) -> bool + Send + 'static,
) -> Option<Watch> {
    let targets: Vec<(PathBuf, OsString, Changed)> =
        [(file, Changed::File), (archive, Changed::Archive)]
            .into_iter()
            .filter_map(|(path, which)| {
                let path = std::fs::canonicalize(path?).ok()?;
                let (dir, name) = (path.parent()?.to_owned(), path.file_name()?.to_owned());
                Some((dir, name, which))
            })
            .collect();
    if targets.is_empty() {
        return None;
    }
    let (raw, heard) = mpsc::channel::<Changed>();
    let names: Vec<(OsString, Changed)> = targets.iter().map(|(_, n, w)| (n.clone(), *w)).collect();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if !is_a_write(&event.kind) {
            return;
        }
        for path in &event.paths {
            if let Some(which) = which(path, &names) {
                let _ = raw.send(which);
            }
        }
    })
    .ok()?;
    let mut watching = false;
    for dir in targets.iter().map(|(d, _, _)| d) {
        watching |= watcher.watch(dir, RecursiveMode::NonRecursive).is_ok();
    }
    if !watching {
        return None;
    }
    std::thread::Builder::new()
        .name("watch".into())
        .spawn(move || debounce(&heard, &tell))
        .ok()?;
    Some(Watch { _watcher: watcher })
}

/// What a path that changed is: the file, the archive (its database, log or index), or
/// neither.
fn which(path: &Path, names: &[(OsString, Changed)]) -> Option<Changed> {
    let name = path.file_name()?;
    names.iter().find_map(|(wanted, which)| {
        let hit = match which {
            Changed::File => name == wanted,
            Changed::Archive => name.to_str().zip(wanted.to_str()).is_some_and(|(n, w)| {
                n.strip_prefix(w)
                    .is_some_and(|rest| rest.is_empty() || rest == "-wal")
            }),
        };
        hit.then_some(*which)
    })
}

/// Writes, creations and renames count; opening, reading and metadata do not.
fn is_a_write(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        _ => false,
    }
}

/// Tells each kind of change once per burst.
fn debounce(heard: &mpsc::Receiver<Changed>, tell: &impl Fn(Changed) -> bool) {
    // Waits, without a timer, for the first change of a burst.
    while let Ok(first) = heard.recv() {
        let mut pending = [false; 2];
        pending[first as usize] = true;
        let started = Instant::now();
        loop {
            let left = AT_MOST.saturating_sub(started.elapsed());
            match heard.recv_timeout(QUIET.min(left)) {
                Ok(more) => pending[more as usize] = true,
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
            if left.is_zero() {
                break;
            }
        }
        for which in [Changed::File, Changed::Archive] {
            if pending[which as usize] && !tell(which) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<(OsString, Changed)> {
        vec![
            ("today.txt".into(), Changed::File),
            ("archive.sqlite3".into(), Changed::Archive),
        ]
    }

    #[test]
    fn the_file_and_the_archive_and_its_log_are_told_apart_from_their_neighbours() {
        let n = names();
        let w = |p: &str| which(Path::new(p), &n);
        assert_eq!(w("/d/today.txt"), Some(Changed::File));
        assert_eq!(w("/d/today.txt.tmp"), None);
        assert_eq!(w("/d/archive.sqlite3"), Some(Changed::Archive));
        assert_eq!(w("/d/archive.sqlite3-wal"), Some(Changed::Archive));
        assert_eq!(w("/d/archive.sqlite3-shm"), None, "readers touch the index");
        assert_eq!(w("/d/archive.sqlite3-journal"), None);
    }

    #[test]
    fn a_file_written_in_place_and_one_renamed_over_are_both_noticed_once() {
        let dir = std::env::temp_dir().join(format!("bulletin-watch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("today.txt");
        std::fs::write(&file, "one").unwrap();
        let (sender, told) = mpsc::channel();
        let watch = start(Some(&file), None, move |c| sender.send(c).is_ok()).unwrap();
        // Written in place, in several writes: one notice.
        for chunk in ["a", "b", "c"] {
            std::fs::write(&file, chunk).unwrap();
        }
        let wait = Duration::from_secs(3);
        assert_eq!(told.recv_timeout(wait), Ok(Changed::File));
        assert!(
            told.recv_timeout(Duration::from_millis(400)).is_err(),
            "one notice for a burst"
        );
        // Read and its neighbours written: nothing.
        let _ = std::fs::read(&file).unwrap();
        std::fs::write(dir.join("other.txt"), "x").unwrap();
        assert!(told.recv_timeout(Duration::from_millis(400)).is_err());
        // Replaced: written aside and renamed over.
        let aside = dir.join(".today.txt.new");
        std::fs::write(&aside, "two").unwrap();
        std::fs::rename(&aside, &file).unwrap();
        assert_eq!(told.recv_timeout(wait), Ok(Changed::File));
        drop(watch);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
