//! What the reader's memory does when pushed: it starts the release binary in a
//! pseudo-terminal (portable-pty + vt100) and reports its peak resident memory (VmHWM)
//! and times for
//! - `--widths FILE N`: the first story opened, then the window dragged through N widths;
//! - `--burst FILE N`: N resizes sent as fast as they go;
//! - `--search FILE QUERY`: a search typed, until its count is known; then `q`.
//!
//! ```text
//! cargo build --release && cargo run --release --example memcost -- --widths story.txt 34
//! cargo run --release --example memcost -- --make-paragraph 1 > /tmp/p1.txt   # 1 MB story
//! cargo run --release --example memcost -- --make-letters 100 > /tmp/a100.txt # 100 MB of a
//! ```

#[path = "../benches/support/home.rs"]
mod home;

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const QUIET: Duration = Duration::from_millis(300);

struct Run {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    out: Arc<Mutex<(vt100::Parser, Instant, usize)>>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Run {
    fn start(file: &str, cols: u16, rows: u16) -> Run {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("a pty");
        let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/bulletin");
        let mut cmd = CommandBuilder::new(bin);
        cmd.args(["--ticker", "static", file]);
        if let Ok(dir) = std::env::current_dir() {
            cmd.cwd(dir);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        for (var, dir) in home::scratch_home("memcost") {
            cmd.env(var, dir);
        }
        let child = pair.slave.spawn_command(cmd).expect("the reader starts");
        drop(pair.slave);
        let out = Arc::new(Mutex::new((
            vt100::Parser::new(rows, cols, 0),
            Instant::now(),
            0,
        )));
        let sink = Arc::clone(&out);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut o = sink.lock().unwrap();
                o.0.process(&buf[..n]);
                o.1 = Instant::now();
                o.2 += n;
            }
        });
        let writer = pair.master.take_writer().expect("a writer");
        Run {
            master: pair.master,
            child,
            writer,
            out,
        }
    }

    fn screen(&self) -> String {
        self.out.lock().unwrap().0.screen().contents()
    }

    fn until(&self, what: impl Fn(&str) -> bool, limit: Duration) -> Duration {
        let start = Instant::now();
        while !what(&self.screen()) {
            if start.elapsed() > limit {
                panic!("never came; the screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        start.elapsed()
    }

    fn written(&self) -> usize {
        self.out.lock().unwrap().2
    }

    /// Waits for output after `before` bytes (a second at most), then until no output came
    /// for [`QUIET`]; the time from the call to the last byte.
    fn answer(&self, before: usize) -> Duration {
        let start = Instant::now();
        while self.written() == before && start.elapsed() < Duration::from_secs(1) {
            std::thread::sleep(Duration::from_micros(200));
        }
        self.settle();
        self.out.lock().unwrap().1.saturating_duration_since(start)
    }

    /// Waits until no output came for [`QUIET`]; the time since the call.
    fn settle(&self) -> Duration {
        let start = Instant::now();
        loop {
            let last = self.out.lock().unwrap().1;
            if last.elapsed() >= QUIET {
                return start.elapsed().saturating_sub(QUIET);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn resize(&self, cols: u16, rows: u16) {
        self.out.lock().unwrap().0.screen_mut().set_size(rows, cols);
        self.master.resize(size(cols, rows)).unwrap();
    }

    fn peak_mib(&self) -> f64 {
        let pid = self.child.process_id().unwrap();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        let kib: f64 = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap();
        kib / 1024.0
    }

    fn quit(mut self) -> Duration {
        let sent = Instant::now();
        self.keys("q");
        while self.child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(1));
        }
        sent.elapsed()
    }
}

fn widths(file: &str, n: u16) {
    let mut run = Run::start(file, 160, 40);
    run.until(|s| s.contains("stor"), Duration::from_secs(60));
    run.keys("\r");
    run.settle();
    println!("opened, story shown: peak {:.1} MiB", run.peak_mib());
    let mut drawing = Duration::ZERO;
    for i in 0..n {
        let before = run.written();
        run.resize(160 - i * 3, 40);
        drawing += run.answer(before);
    }
    println!(
        "after {n} widths (160 down to {}): peak {:.1} MiB, {:.1} ms a width to the last byte",
        160 - (n - 1) * 3,
        run.peak_mib(),
        drawing.as_secs_f64() * 1000.0 / f64::from(n)
    );
    println!("q answered in {:.1} ms", run.quit().as_secs_f64() * 1000.0);
}

fn burst(file: &str, n: u16) {
    let mut run = Run::start(file, 160, 40);
    run.until(|s| s.contains("stor"), Duration::from_secs(60));
    run.keys("\r");
    run.settle();
    let before = run.peak_mib();
    let start = Instant::now();
    for i in 0..n {
        run.resize(60 + i % 100, 20 + i % 20);
    }
    let sent = start.elapsed();
    run.resize(120, 40);
    let settled = run.settle();
    println!(
        "{n} resizes sent in {:.2} s, the screen settled {:.2} s later: peak {:.1} MiB (from {:.1})",
        sent.as_secs_f64(),
        settled.as_secs_f64(),
        run.peak_mib(),
        before
    );
    println!("q answered in {:.1} ms", run.quit().as_secs_f64() * 1000.0);
}

fn search(file: &str, query: &str) {
    let mut run = Run::start(file, 120, 40);
    let open = run.until(|s| s.contains("stor"), Duration::from_secs(120));
    println!(
        "opened in {:.2} s: peak {:.1} MiB",
        open.as_secs_f64(),
        run.peak_mib()
    );
    run.keys(&format!("/{query}\r"));
    let first = run.until(|s| s.contains("match "), Duration::from_secs(600));
    let counted = run.until(
        |s| s.lines().any(|l| l.contains("match ") && !l.contains('…')),
        Duration::from_secs(600),
    );
    let line = run
        .screen()
        .lines()
        .find(|l| l.contains("match "))
        .unwrap_or_default()
        .trim()
        .to_owned();
    println!(
        "first match shown in {:.3} s, counted in {:.2} s ({line}): peak {:.1} MiB",
        first.as_secs_f64(),
        (first + counted).as_secs_f64(),
        run.peak_mib()
    );
    // Again, and q at once while the count runs.
    run.keys(&format!("/{query}\r"));
    std::thread::sleep(Duration::from_millis(20));
    println!(
        "q during the count answered in {:.1} ms",
        run.quit().as_secs_f64() * 1000.0
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || -> ! {
        eprintln!(
            "usage: memcost --widths FILE N | --burst FILE N | --search FILE QUERY | \
             --make-paragraph MB | --make-letters MB"
        );
        std::process::exit(2)
    };
    let out = &mut std::io::stdout().lock();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["--widths", file, n] => widths(file, n.parse().unwrap_or_else(|_| usage())),
        ["--burst", file, n] => burst(file, n.parse().unwrap_or_else(|_| usage())),
        ["--search", file, query] => search(file, query),
        ["--make-paragraph", mb] => {
            // One story of one paragraph of `mb` megabytes.
            let mb: usize = mb.parse().unwrap_or_else(|_| usage());
            let words = [
                "gold",
                "sales",
                "dropped",
                "significantly",
                "reserves",
                "tons",
            ];
            writeln!(out, "A Story of One Long Paragraph\n").unwrap();
            let mut written = 0;
            let mut i = 0;
            while written < mb << 20 {
                let w = words[i % words.len()];
                write!(out, "{w} ").unwrap();
                written += w.len() + 1;
                i += 7;
            }
            writeln!(out).unwrap();
        }
        ["--make-letters", mb] => {
            // One story whose text is `mb` megabytes of the letter a, in lines of 1,000.
            let mb: usize = mb.parse().unwrap_or_else(|_| usage());
            writeln!(out, "All About Letters\n").unwrap();
            let line = "a".repeat(999);
            for _ in 0..(mb << 20) / 1000 {
                writeln!(out, "{line}").unwrap();
            }
        }
        _ => usage(),
    }
}
