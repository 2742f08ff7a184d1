//! A program in a pseudo-terminal: keys written to it, its screen read through a vt100
//! parser on a thread of its own (so it never blocks on a full pty, unless asked to stop
//! reading), and the terminal state it leaves behind.

use portable_pty::{native_pty_system, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const LEAVE_ALT_SCREEN_SHOW_CURSOR: &[u8] = b"\x1b[?1049l\x1b[?25h";
pub const WAIT: Duration = Duration::from_secs(20);

struct Shared {
    parser: vt100::Parser,
    bytes: Vec<u8>,
    /// The reader stops reading (the terminal stops draining the program's output).
    paused: bool,
    /// The reader ends, closing its descriptor.
    closing: bool,
}

pub struct Session {
    master: Box<dyn MasterPty + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    shared: Arc<Mutex<Shared>>,
    reader: Option<JoinHandle<()>>,
}

impl Session {
    /// The reader on `args`, its XDG directories in a scratch home.
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_with(args, cols, rows, &[])
    }

    /// The reader on `args` in a pty of `cols`×`rows`, with `env` set.
    pub fn start_with(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_bulletin"));
        cmd.args(args);
        Session::spawn(cmd, cols, rows, env)
    }

    /// Any program in a pty, with the reader's environment (a UTF-8 locale, xterm, a
    /// scratch home) and `env`.
    pub fn spawn(mut cmd: CommandBuilder, cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system().openpty(size(cols, rows)).unwrap();
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("BULLETIN_CONFIG");
        for (var, dir) in super::xdg_home("pty") {
            cmd.env(var, dir);
        }
        for (var, value) in env {
            cmd.env(var, value);
        }
        super::home::scratch_only(
            super::home::HOME_VARS
                .iter()
                .filter_map(|var| Some((*var, cmd.get_env(var)?.to_str()?))),
        );
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new(rows, cols, 0),
            bytes: Vec::new(),
            paused: false,
            closing: false,
        }));
        // The reader has a descriptor of its own, which it closes when told to, so that
        // closing the terminal really closes it.
        // SAFETY: dup of the open master's descriptor, owned by the File from here on.
        let fd = unsafe { libc::dup(pair.master.as_raw_fd().unwrap()) };
        assert!(fd >= 0);
        // SAFETY: fd is a fresh descriptor that nothing else owns.
        let mut reader = unsafe { <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(fd) };
        let sink = Arc::clone(&shared);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                {
                    let s = sink.lock().unwrap();
                    if s.closing {
                        break;
                    }
                    if s.paused {
                        drop(s);
                        std::thread::sleep(Duration::from_millis(10));
                        continue;
                    }
                }
                let mut poll = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: poll on one pollfd we own.
                if unsafe { libc::poll(&mut poll, 1, 50) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut s = sink.lock().unwrap();
                        s.parser.process(&buf[..n]);
                        s.bytes.extend_from_slice(&buf[..n]);
                    }
                }
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

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    pub fn screen(&self) -> String {
        self.shared.lock().unwrap().parser.screen().contents()
    }

    /// Whether the terminal shows the alternate screen.
    pub fn alternate_screen(&self) -> bool {
        self.shared
            .lock()
            .unwrap()
            .parser
            .screen()
            .alternate_screen()
    }

    /// Every byte the program wrote so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.shared.lock().unwrap().bytes.clone()
    }

    /// Waits until the screen holds `text`; fails with the screen after [`WAIT`].
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on the screen"), |s| {
            s.screen().contains(text)
        });
    }

    /// Waits until `ready` holds; fails saying `what`, with the screen, after [`WAIT`].
    pub fn wait_until(&self, what: &str, ready: impl Fn(&Session) -> bool) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if ready(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("never: {what}; the screen:\n{}", self.screen());
    }

    pub fn keys(&mut self, keys: &str) {
        self.write(keys.as_bytes());
    }

    pub fn write(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn resize(&self, cols: u16, rows: u16) {
        self.resize_claiming(cols, rows, cols, rows);
    }

    /// Resizes the pty to what a terminal claims (`cols`×`rows`, up to 65535×65535) while the
    /// screen read back stays `shown_cols`×`shown_rows` (the part that is drawn).
    pub fn resize_claiming(&self, cols: u16, rows: u16, shown_cols: u16, shown_rows: u16) {
        self.shared
            .lock()
            .unwrap()
            .parser
            .screen_mut()
            .set_size(shown_rows, shown_cols);
        self.master.resize(size(cols, rows)).unwrap();
    }

    /// Stops draining the program's output, as a frozen link or a terminal that stopped
    /// reading would.
    pub fn pause_reading(&self) {
        self.shared.lock().unwrap().paused = true;
    }

    pub fn resume_reading(&self) {
        self.shared.lock().unwrap().paused = false;
    }

    /// The program's exit code, if it has exited.
    pub fn exited(&mut self) -> Option<u32> {
        self.child.try_wait().unwrap().map(|s| s.exit_code())
    }

    /// Waits for the program to exit within `limit`; its exit code.
    pub fn exit_within(&mut self, limit: Duration) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(code) = self.exited() {
                return code;
            }
            assert!(
                start.elapsed() < limit,
                "still running after {limit:?}:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits for the program to exit and the pty to drain; checks the terminal is back in
    /// cooked mode; the exit code and every byte.
    pub fn finish(mut self) -> (u32, Vec<u8>) {
        self.resume_reading();
        let code = self.exit_within(WAIT);
        self.assert_cooked();
        // Read to the end of what the program wrote (the reader stops at the hang-up that
        // follows its exit) before closing our side: closing the writer types a newline,
        // which a cooked terminal would echo.
        if let Some(reader) = self.reader.take() {
            let start = Instant::now();
            while !reader.is_finished() && start.elapsed() < Duration::from_secs(2) {
                std::thread::sleep(Duration::from_millis(10));
            }
            self.shared.lock().unwrap().closing = true;
            reader.join().unwrap();
        }
        drop(self.writer);
        drop(self.master);
        let bytes = std::mem::take(&mut self.shared.lock().unwrap().bytes);
        (code, bytes)
    }

    /// Closes the terminal: the program's side sees end of file and a hang-up.
    pub fn close_terminal(mut self) {
        self.shared.lock().unwrap().closing = true;
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        drop(self.writer);
        drop(self.master);
    }

    /// The terminal's line settings: cooked (line editing and echo) or raw.
    pub fn is_cooked(&self) -> bool {
        let fd = self.master.as_raw_fd().unwrap();
        // SAFETY: tcgetattr writes into the termios we own; fd is the open pty master.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
    }

    /// The pty is back in cooked mode: line editing and echo on.
    pub fn assert_cooked(&self) {
        assert!(self.is_cooked(), "raw mode left on (ICANON or ECHO off)");
    }
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// A process's peak resident memory, in KiB (VmHWM).
pub fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// True when a thread of the process is blocked writing to its standard output.
pub fn blocked_writing_stdout(pid: u32) -> bool {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return false;
    };
    tasks.flatten().any(|task| {
        std::fs::read_to_string(task.path().join("syscall")).is_ok_and(|s| {
            let mut fields = s.split_whitespace();
            fields.next() == Some(&libc::SYS_write.to_string()) && fields.next() == Some("0x1")
        })
    })
}
