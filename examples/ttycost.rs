//! What the reader costs a terminal: it starts the release binary in a pseudo-terminal
//! (portable-pty + vt100), scripts keys, and reports the bytes written per step, the bytes
//! written per second idle in each ticker mode, wake-ups, time to the first frame and peak
//! memory. `--vs PROGRAM` runs another pager on the same file in the same way, in the same
//! run (`--less` is `--vs less`): its first frame, bytes, a page down (space), a line
//! (j) and memory;
//! it quits with `q`. `--repeat N` opens the reader and the other pager N times each, in
//! turn, for the medians of their first frames; `--reader-arg ARG` (repeatable) adds an
//! argument to the reader in those runs, to see what a part costs (`--no-archive`).
//!
//! ```text
//! cargo build --release && cargo run --release --example ttycost -- [FILE] [--less | --vs PROGRAM]
//!     [--repeat N] [--reader-arg ARG]... [--cols 120] [--rows 40] [--idle 3] [--ticker 5]
//! ```

#[path = "../benches/support/home.rs"]
mod home;

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Output is taken as finished when nothing more comes for this long.
const QUIET: Duration = Duration::from_millis(250);

struct Args {
    file: Option<PathBuf>,
    /// Another pager to measure beside the reader.
    vs: Option<String>,
    cols: u16,
    rows: u16,
    idle: Duration,
    ticker: Duration,
    /// Open the reader and the other pager this many times each, alternately; medians.
    repeat: usize,
    /// More arguments for the reader in those alternate runs (`--reader-arg --no-archive`).
    reader_args: Vec<String>,
}

fn parse_args() -> Args {
    let mut args = Args {
        file: None,
        vs: None,
        cols: 120,
        rows: 40,
        idle: Duration::from_secs(3),
        ticker: Duration::from_secs(5),
        repeat: 0,
        reader_args: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut number = || -> u64 {
            it.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| usage())
        };
        match a.as_str() {
            "--less" => args.vs = Some("less".into()),
            "--vs" => args.vs = Some(it.next().unwrap_or_else(|| usage())),
            "--cols" => args.cols = number() as u16,
            "--rows" => args.rows = number() as u16,
            "--idle" => args.idle = Duration::from_secs(number()),
            "--ticker" => args.ticker = Duration::from_secs(number()),
            "--repeat" => args.repeat = number() as usize,
            "--reader-arg" => args.reader_args.push(it.next().unwrap_or_else(|| usage())),
            s if !s.starts_with('-') => args.file = Some(PathBuf::from(s)),
            _ => usage(),
        }
    }
    args
}

fn usage() -> ! {
    eprintln!(
        "usage: ttycost [FILE] [--less | --vs PROGRAM] [--repeat N] [--reader-arg ARG]... \
         [--cols N] [--rows N] [--idle S] [--ticker S]"
    );
    std::process::exit(2)
}

/// A program running in a pty, its output read on a thread into a vt100 screen.
struct Run {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    out: Arc<Mutex<Output>>,
    started: Instant,
}

struct Output {
    parser: vt100::Parser,
    bytes: Vec<u8>,
    last: Instant,
    /// Bursts of output: reads that came more than [`BURST_GAP`] after the one before (a
    /// frame is written in one piece; small frames carry no synchronized-update markers).
    bursts: usize,
}

/// Reads closer together than this are one burst of output.
const BURST_GAP: Duration = Duration::from_millis(20);

impl Run {
    fn start(program: &Path, args: &[&str], cols: u16, rows: u16) -> Run {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        if let Ok(dir) = std::env::current_dir() {
            cmd.cwd(dir); // portable-pty would start it in $HOME
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        for (var, dir) in home::scratch_home("ttycost") {
            cmd.env(var, dir);
        }
        cmd.env("LESS", "");
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("the program starts");
        drop(pair.slave);
        let out = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new(rows, cols, 0),
            bytes: Vec::new(),
            last: Instant::now(),
            bursts: 0,
        }));
        let sink = Arc::clone(&out);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut o = sink.lock().unwrap();
                o.parser.process(&buf[..n]);
                o.bytes.extend_from_slice(&buf[..n]);
                if o.last.elapsed() > BURST_GAP {
                    o.bursts += 1;
                }
                o.last = Instant::now();
            }
        });
        let writer = pair.master.take_writer().expect("a writer");
        Run {
            master: pair.master,
            child,
            writer,
            out,
            started,
        }
    }

    fn bytes(&self) -> usize {
        self.out.lock().unwrap().bytes.len()
    }

    /// Waits until the screen shows `text`; the time since the start.
    fn until(&self, text: &str) -> Duration {
        loop {
            if self
                .out
                .lock()
                .unwrap()
                .parser
                .screen()
                .contents()
                .contains(text)
            {
                return self.started.elapsed();
            }
            if self.started.elapsed() > Duration::from_secs(60) {
                let screen = self.out.lock().unwrap().parser.screen().contents();
                panic!("{text:?} never showed; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Waits until no output has come for [`QUIET`], or two seconds at most (a scrolling
    /// ticker never goes quiet).
    fn settle(&self) {
        let start = Instant::now();
        loop {
            let last = self.out.lock().unwrap().last;
            if last.elapsed() >= QUIET || start.elapsed() > Duration::from_secs(2) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Sends keys; the bytes written in answer and the time to the last of them.
    fn step(&mut self, keys: &str) -> (usize, Duration) {
        self.settle();
        let before = self.bytes();
        let sent = Instant::now();
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // The answer's first byte (or none within a second), then the rest of it.
        while self.bytes() == before && sent.elapsed() < Duration::from_secs(1) {
            std::thread::sleep(Duration::from_micros(200));
        }
        self.settle();
        let o = self.out.lock().unwrap();
        let took = o.last.saturating_duration_since(sent);
        (o.bytes.len() - before, took)
    }

    /// Bytes and frames written over `time`, with the process's wake-ups.
    fn over(&self, time: Duration) -> (usize, usize, u64) {
        self.settle();
        let (bytes0, frames0) = self.counts();
        let wakes0 = self.context_switches();
        std::thread::sleep(time);
        let (bytes1, frames1) = self.counts();
        let wakes1 = self.context_switches();
        (
            bytes1 - bytes0,
            frames1 - frames0,
            wakes1.saturating_sub(wakes0),
        )
    }

    fn counts(&self) -> (usize, usize) {
        let o = self.out.lock().unwrap();
        (o.bytes.len(), o.bursts)
    }

    /// Voluntary and involuntary context switches of every thread of the process.
    fn context_switches(&self) -> u64 {
        let Some(pid) = self.child.process_id() else {
            return 0;
        };
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
            return 0;
        };
        tasks
            .flatten()
            .filter_map(|t| std::fs::read_to_string(t.path().join("status")).ok())
            .flat_map(|s| {
                s.lines()
                    .filter(|l| l.contains("ctxt_switches"))
                    .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                    .collect::<Vec<_>>()
            })
            .sum()
    }

    /// The process's peak resident memory, in MB.
    fn peak_rss_mb(&self) -> f64 {
        let pid = self.child.process_id().unwrap_or(0);
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1000.0)
    }

    fn quit(mut self, keys: &str) {
        let _ = self.writer.write_all(keys.as_bytes());
        let _ = self.writer.flush();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        drop(self.master);
    }
}

/// The start of the file's first non-blank line, as a pager shows it.
fn first_line_of(file: &str) -> String {
    let text = String::from_utf8_lossy(&std::fs::read(file).unwrap_or_default()).into_owned();
    let line = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    line.chars().take(20).collect()
}

/// Opens the reader and `other` on the same file, alternately, `repeat` times each; the
/// median time to each one's first frame.
fn first_frames(bulletin: &Path, other: &str, file: &str, marker: &str, args: &Args) {
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..args.repeat {
        let mut reader: Vec<&str> = vec![file, "--ticker", "static"];
        reader.extend(args.reader_args.iter().map(String::as_str));
        let run = Run::start(bulletin, &reader, args.cols, args.rows);
        ours.push(run.until("stories"));
        run.quit("q");
        let run = Run::start(Path::new(other), &[file], args.cols, args.rows);
        theirs.push(run.until(marker));
        run.quit("q");
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let with = if args.reader_args.is_empty() {
        String::new()
    } else {
        format!(" {}", args.reader_args.join(" "))
    };
    println!(
        "| first frame, median of {} alternate runs | bulletin{with} {}, {other} {} |",
        args.repeat,
        ms(median(&mut ours)),
        ms(median(&mut theirs))
    );
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let args = parse_args();
    let exe = std::env::current_exe().expect("own path");
    let bulletin = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("bulletin"))
        .filter(|p| p.exists())
        .unwrap_or_else(|| {
            eprintln!("build the reader first: cargo build --release");
            std::process::exit(1)
        });
    let file = args.file.as_ref().map(|f| f.to_string_lossy().into_owned());
    let mut base: Vec<&str> = Vec::new();
    if let Some(f) = &file {
        base.push(f);
    }
    let with = |extra: &[&'static str]| -> Vec<&str> {
        let mut v = base.clone();
        v.extend_from_slice(extra);
        v
    };
    let (cols, rows) = (args.cols, args.rows);
    println!(
        "terminal {cols}x{rows}, file: {}",
        file.as_deref().unwrap_or("(built-in sample)")
    );
    println!();
    println!("| what | figure |");
    println!("|---|---|");

    // Opening, keys and idle, with the ticker still.
    let mut run = Run::start(&bulletin, &with(&["--ticker", "static"]), cols, rows);
    let first = run.until("stories");
    run.settle();
    println!("| bulletin: first frame | {} |", ms(first));
    println!("| bulletin: bytes of the first screen | {} |", run.bytes());
    for (name, keys) in [
        ("next story (j)", "j"),
        ("next story (j) again", "j"),
        ("last story (G)", "G"),
        ("open the story (Enter)", "\r"),
        ("page down (space)", " "),
        ("page down (space) again", " "),
        ("page up (b)", "b"),
        ("scroll a line (j)", "j"),
        ("previous story from the story (K)", "K"),
        ("help (?)", "?"),
        ("close help (?)", "?"),
    ] {
        let (bytes, took) = run.step(keys);
        println!(
            "| bulletin: {name} | {bytes} bytes, drawn in {} |",
            ms(took)
        );
    }
    let (bytes, _, wakes) = run.over(args.idle);
    println!(
        "| bulletin: idle, ticker static, {} s | {bytes} bytes, {wakes} wake-ups |",
        args.idle.as_secs()
    );
    println!("| bulletin: peak RSS | {:.1} MB |", run.peak_rss_mb());
    run.quit("q");

    // The scrolling ticker, then paused.
    let mut run = Run::start(&bulletin, &base, cols, rows);
    run.until("stories");
    let (bytes, frames, wakes) = run.over(args.ticker);
    let secs = args.ticker.as_secs_f64();
    if frames == 0 {
        println!("| bulletin: ticker | the rates fit in {cols} columns: it stands still |");
    } else {
        println!(
        "| bulletin: ticker scrolling | {:.0} bytes/s, {:.1} steps/s, {:.0} bytes a step, {:.0} wake-ups/s |",
        bytes as f64 / secs,
        frames as f64 / secs,
        bytes as f64 / frames.max(1) as f64,
            wakes as f64 / secs
        );
    }
    run.step("t");
    let (bytes, _, wakes) = run.over(args.idle);
    println!(
        "| bulletin: idle, ticker paused, {} s | {bytes} bytes, {wakes} wake-ups |",
        args.idle.as_secs()
    );
    run.quit("q");

    if let Some(other) = &args.vs {
        let Some(f) = &file else {
            eprintln!("--vs and --less need a FILE");
            std::process::exit(2)
        };
        let marker = first_line_of(f);
        if args.repeat > 0 {
            first_frames(&bulletin, other, f, &marker, &args);
        }
        let mut run = Run::start(Path::new(other), &[f], cols, rows);
        let first = run.until(&marker);
        run.settle();
        println!("| {other}: first frame | {} |", ms(first));
        println!("| {other}: bytes of the first screen | {} |", run.bytes());
        for (name, keys) in [("page down (space)", " "), ("scroll a line (j)", "j")] {
            let (bytes, took) = run.step(keys);
            println!("| {other}: {name} | {bytes} bytes, drawn in {} |", ms(took));
        }
        println!("| {other}: peak RSS | {:.1} MB |", run.peak_rss_mb());
        run.quit("q");
    }
}
