//! End to end: the built binary in a pseudo-terminal, driven by keys, read through a vt100
//! parser; and the terminal state it leaves behind.

mod support;

use portable_pty::{native_pty_system, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const LEAVE_ALT_SCREEN_SHOW_CURSOR: &[u8] = b"\x1b[?1049l\x1b[?25h";
const WAIT: Duration = Duration::from_secs(20);

struct Shared {
    parser: vt100::Parser,
    bytes: Vec<u8>,
}

struct Session {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    shared: Arc<Mutex<Shared>>,
    reader: Option<JoinHandle<()>>,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_with(args, cols, rows, &[])
    }

    /// Starts the binary in a pty of `cols`×`rows`, its XDG directories in a scratch home,
    /// with `env` set.
    fn start_with(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system();
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = pty.openpty(size).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_bulletin"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("BULLETIN_CONFIG");
        for (var, dir) in support::xdg_home("e2e") {
            cmd.env(var, dir);
        }
        for (var, value) in env {
            cmd.env(var, value);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new(rows, cols, 0),
            bytes: Vec::new(),
        }));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&shared);
        // Read on a thread of its own, so the child never blocks on a full pty.
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut s = sink.lock().unwrap();
                s.parser.process(&buf[..n]);
                s.bytes.extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session {
            master: pair.master,
            child,
            writer,
            shared,
            reader: Some(reader),
        }
    }

    fn screen(&self) -> String {
        self.shared.lock().unwrap().parser.screen().contents()
    }

    /// Waits until the screen holds `text`; fails with the screen after [`WAIT`].
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{text:?} never showed; the screen:\n{}", self.screen());
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn resize(&self, cols: u16, rows: u16) {
        self.shared
            .lock()
            .unwrap()
            .parser
            .screen_mut()
            .set_size(rows, cols);
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        self.master.resize(size).unwrap();
    }

    /// Waits for the child to exit and the pty to drain; the exit code and every byte.
    fn finish(mut self) -> (u32, Vec<u8>) {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                start.elapsed() < WAIT,
                "the reader did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        self.assert_cooked();
        drop(self.writer);
        drop(self.master);
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        let bytes = std::mem::take(&mut self.shared.lock().unwrap().bytes);
        (status.exit_code(), bytes)
    }

    /// The pty is back in cooked mode: line editing and echo on.
    fn assert_cooked(&self) {
        let fd = self.master.as_raw_fd().unwrap();
        // SAFETY: tcgetattr writes into the termios we own; fd is the open pty master.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        assert_ne!(t.c_lflag & libc::ICANON, 0, "raw mode left on (ICANON off)");
        assert_ne!(t.c_lflag & libc::ECHO, 0, "raw mode left on (ECHO off)");
    }
}

#[test]
fn open_the_sample_read_the_third_story_paged_and_quit() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for("China Seeks to Import 20,000 Tons of Pork");
    s.wait_for("6 stories");
    s.keys("jj\r ");
    s.wait_for("The course is expected to provide civil servants");
    let screen = s.screen();
    assert!(screen.contains("3/6"), "{screen}");
    assert!(
        !screen.contains("Turkmenportal has reported"),
        "the page moved on:\n{screen}"
    );
    s.keys("q");
    let (code, bytes) = s.finish();
    assert_eq!(code, 0);
    assert!(
        bytes.ends_with(LEAVE_ALT_SCREEN_SHOW_CURSOR),
        "last bytes: {:?}",
        String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(60)..])
    );
    assert!(
        bytes.windows(8).any(|w| w == b"\x1b[?1049h"),
        "entered the alternate screen"
    );
}

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal() {
    for (name, number) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let s = Session::start(&[], 80, 24);
        s.wait_for("6 stories");
        let pid = s.child.process_id().unwrap();
        let killed = std::process::Command::new("kill")
            .args([format!("-{name}"), pid.to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let (code, bytes) = s.finish();
        assert_eq!(code, 128 + number, "SIG{name}");
        assert!(bytes.ends_with(LEAVE_ALT_SCREEN_SHOW_CURSOR), "SIG{name}");
    }
}

#[test]
fn a_resize_to_30x10_and_back_leaves_a_correct_screen() {
    let mut s = Session::start(&["--ticker", "static"], 80, 24);
    s.wait_for("6 stories");
    let before = s.screen();
    s.resize(30, 10);
    s.wait_for("┌ 08 Dec 2025 · 6 stories ───┐");
    let small = s.screen();
    assert!(small
        .lines()
        .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 30));
    assert!(
        !small.contains("Representatives"),
        "narrow: the list only\n{small}"
    );
    s.resize(80, 24);
    let start = Instant::now();
    while s.screen() != before && start.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        s.screen(),
        before,
        "\nnow:\n{}\nbefore:\n{before}",
        s.screen()
    );
    s.keys("q");
    assert_eq!(s.finish().0, 0);
}

#[test]
fn reading_standard_input_still_takes_keys_from_the_terminal() {
    // `bulletin -` with the bulletin on stdin: here stdin is the pty, and an empty bulletin
    // arrives at end of input (Ctrl-D).
    let mut s = Session::start(&["-"], 80, 24);
    s.keys("Hello There Headline\n\nA paragraph.\n\x04");
    s.wait_for("1 story");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
}

#[test]
fn a_remapped_key_works_in_the_real_binary_and_the_help_shows_it() {
    let config =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config/remap.toml");
    let config = config.to_str().unwrap();
    let mut s = Session::start(&["--config", config, "--ticker", "static"], 100, 30);
    s.wait_for("6 stories");
    s.keys("j");
    s.keys("?");
    s.wait_for("Keys");
    let help = s.screen();
    let row = help.lines().find(|l| l.contains("next story;")).unwrap();
    assert!(row.contains("│ x "), "{row}");
    assert!(help.contains("▶ China Seeks"), "j moved nothing:\n{help}");
    s.keys("?x");
    s.wait_for("▶ Drop in Uzbekistan");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
}
