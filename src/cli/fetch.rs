//! `bulletin fetch`: pages and feeds into the archive, one line for each.

use crate::archive::Archive;
use crate::config::Config;
use crate::sync::{self, Target};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Fetches each target into the archive and says what came; exit 1 when any failed (after
/// fetching the others).
pub fn run(names: &[String], config: &Config, timeout: Duration) -> anyhow::Result<u8> {
    let targets = sync::targets(names, &config.sources).map_err(|e| anyhow::anyhow!(e))?;
    if targets.is_empty() {
        let file = crate::config::default_path()
            .map(|p| format!(" ('{}')", crate::source::escape_path(&p)))
            .unwrap_or_default();
        anyhow::bail!(
            "nothing to fetch: name an address, or add a [[source]] with a name and a url \
             to the config{file} (`bulletin config` shows one)"
        );
    }
    let mut archive = Archive::open(&super::archive::path()?)?;
    let mut failed = false;
    for target in &targets {
        let spinner = Spinner::start(target);
        let result = sync::fetch_into(&mut archive, target, Some(timeout));
        spinner.stop();
        match result {
            Ok((outcome, lenient)) => {
                if let Some(note) = lenient {
                    // Said once, on standard error: what was read though not well formed.
                    super::say(&format!("{}: {note}", label(target)));
                }
                let line = format!("{}: {}\n", label(target), sync::describe(&outcome));
                super::out::print(line.as_bytes())?;
            }
            Err(message) => {
                failed = true;
                super::say(&message);
            }
        }
    }
    Ok(u8::from(failed))
}

/// How a target is named in what is printed: its name, or its address.
fn label(target: &Target) -> String {
    crate::source::escape(&target.name)
}

/// A spinner on standard error while a fetch runs, when standard error is a terminal (as
/// cargo and git show theirs); nothing otherwise.
struct Spinner {
    done: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Spinner {
    fn start(target: &Target) -> Spinner {
        let done = Arc::new(AtomicBool::new(false));
        let thread = std::io::stderr().is_terminal().then(|| {
            let done = done.clone();
            let what = label(target);
            std::thread::spawn(move || {
                const FRAMES: [char; 4] = ['|', '/', '-', '\\'];
                let mut i = 0;
                while !done.load(Ordering::Relaxed) {
                    let _ = write!(std::io::stderr(), "\r{} fetching {what}", FRAMES[i % 4]);
                    i += 1;
                    std::thread::sleep(Duration::from_millis(100));
                }
                let _ = write!(std::io::stderr(), "\r\x1b[K");
            })
        });
        Spinner { done, thread }
    }

    fn stop(mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
