//! What the integration tests share: the sample, apps built as the binary builds them, a
//! step of a scripted session (an action or an event), and a script of events that drives
//! the real loop.
#![allow(dead_code)] // each test file uses its own part of this

pub mod home;
pub mod http;
pub mod pty;
pub mod ssh;

use bulletin::config::Config;
use bulletin::term::input::{Button, Input, Mouse, MouseKind};
use bulletin::tui::action::Action;
use bulletin::tui::app::{App, Settings};
use bulletin::tui::event::{Event, Events, Next};
use bulletin::tui::keymap::Keymap;
use bulletin::tui::terminal::Host;
use bulletin::Bulletin;
use std::collections::VecDeque;
use std::time::Duration;

pub const SAMPLE: &[u8] = include_bytes!("../../assets/central-asia-2025-12-08.txt");

/// An app on `bytes` at a size, with the default keys.
pub fn app_with(bytes: &[u8], width: u16, height: u16, settings: Settings) -> App {
    let b = Bulletin::from_bytes(bytes.to_vec()).unwrap();
    App::new(b, settings, Keymap::default(), width, height)
}

/// The sample at a size, colour on or off.
pub fn sample(width: u16, height: u16, color: bool) -> App {
    let settings = Settings {
        color,
        ..Settings::default()
    };
    app_with(SAMPLE, width, height, settings)
}

/// An app whose keys come from a config file's text.
pub fn configured(config: &str, width: u16, height: u16) -> App {
    let config = Config::parse(config, std::path::Path::new("test.toml")).unwrap();
    let keymap = Keymap::new(&config.keys).unwrap();
    let settings = Settings {
        theme: config.theme.clone(),
        ticker: config.ticker,
        max_width: config.reader.max_width,
        ..Settings::default()
    };
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    App::new(b, settings, keymap, width, height)
}

/// One step of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Act(Action),
    Happen(Event),
}

pub fn apply(app: &mut App, step: &Step) {
    match step {
        Step::Act(a) => {
            app.act(*a);
        }
        Step::Happen(e) => {
            app.update(e.clone());
        }
    }
}

pub fn act(a: Action) -> Step {
    Step::Act(a)
}

pub fn tick() -> Step {
    Step::Happen(Event::Tick)
}

pub fn key(name: &str) -> Event {
    Event::Input(Input::Key(name.parse().unwrap()))
}

/// The keys of a string, one event a character.
pub fn typing(text: &str) -> Vec<Event> {
    text.chars().map(|c| key(&c.to_string())).collect()
}

pub fn wheel(column: u16, row: u16, down: bool) -> Step {
    let kind = if down {
        MouseKind::WheelDown
    } else {
        MouseKind::WheelUp
    };
    Step::Happen(Event::Input(Input::Mouse(Mouse { kind, column, row })))
}

pub fn click(column: u16, row: u16) -> Step {
    let kind = MouseKind::Press(Button::Left);
    Step::Happen(Event::Input(Input::Mouse(Mouse { kind, column, row })))
}

/// A scripted source of events for the real loop: each entry an event, or `None` for time
/// passing (the loop's wait runs out). Notes every wait the loop asked for; the script's
/// end is the terminal going away.
#[derive(Default)]
pub struct Script {
    steps: VecDeque<Option<Event>>,
    /// The waits the loop asked for, in order: `None` is "until something happens".
    pub waits: Vec<Option<Duration>>,
}

impl Script {
    pub fn new(steps: impl IntoIterator<Item = Option<Event>>) -> Script {
        Script {
            steps: steps.into_iter().collect(),
            waits: Vec::new(),
        }
    }

    pub fn events(events: impl IntoIterator<Item = Event>) -> Script {
        Script::new(events.into_iter().map(Some))
    }
}

impl Events for Script {
    fn next(&mut self, wait: Option<Duration>) -> Next {
        self.waits.push(wait);
        match self.steps.pop_front() {
            Some(Some(e)) => Next::Event(e),
            Some(None) => Next::TimedOut,
            None => Next::Hangup,
        }
    }

    fn ready(&mut self) -> Option<Next> {
        // Events queued back to back are ready at once; time passing is not.
        match self.steps.front() {
            Some(Some(_)) => self.steps.pop_front().flatten().map(Next::Event),
            _ => None,
        }
    }
}

/// A host that only counts what it was asked.
#[derive(Default)]
pub struct Counting {
    pub suspended: usize,
    pub resumed: usize,
}

impl Host for Counting {
    type Error = std::convert::Infallible;

    fn suspend(&mut self) -> Result<(), Self::Error> {
        self.suspended += 1;
        Ok(())
    }

    fn resume(&mut self) -> Result<(), Self::Error> {
        self.resumed += 1;
        Ok(())
    }
}

/// A fresh directory under the target dir, for one test's files.
pub fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The home a test's run of the binary has instead of a real one: `HOME` and every
/// `XDG_*_HOME` (config, data, state, cache) under one scratch directory of the test's own
/// (created empty), and `XDG_RUNTIME_DIR` there too. The config and data directories come
/// first, in that order.
pub fn xdg_home(name: &str) -> Vec<(&'static str, std::path::PathBuf)> {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let home = scratch(&format!("home-{name}-{}-{n}", std::process::id()));
    let dirs = vec![
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_STATE_HOME", home.join("state")),
        ("XDG_CACHE_HOME", home.join("cache")),
        ("XDG_RUNTIME_DIR", home.join("runtime")),
        ("HOME", home.join("home")),
    ];
    for (_, d) in &dirs {
        std::fs::create_dir_all(d).unwrap();
    }
    dirs
}

/// Sends a signal to a process (no `kill` command needed on the machine).
pub fn signal(pid: u32, signal: i32) {
    // SAFETY: kill sends a signal; it touches no memory of ours.
    let sent = unsafe { libc::kill(pid as libc::pid_t, signal) };
    assert_eq!(sent, 0, "signal {signal} to {pid}");
}

/// The pid of a child of `parent` whose command name is `name`, from /proc.
pub fn child_named(parent: u32, name: &str) -> Option<u32> {
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .find_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // pid (comm) state ppid ...
            let (comm, rest) = stat.split_once(" (")?.1.rsplit_once(") ")?;
            let ppid: u32 = rest.split_whitespace().nth(1)?.parse().ok()?;
            (ppid == parent && comm == name).then_some(pid)
        })
}

/// The screen as text, one line a row (wide characters once, their second cell skipped).
pub fn text(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            out.push_str(sym);
        }
        out.push('\n');
    }
    out
}
