//! One SSH session with a pty: the same reader as on a terminal (`App`, its loop
//! `run_loop`, the lean backend, the input parser), driven by the channel's bytes.
//!
//! The reader and its loop are synchronous, so each session runs them on a thread of its
//! own with a small stack; a thread that waits for input costs no CPU and little memory,
//! and the async side (russh, tokio) stays a thin pump of bytes each way. Input reaches
//! the thread through a bounded queue (a client that types faster than the reader answers
//! is held back by SSH's own flow control), output leaves it through another (a client
//! that stops reading holds the reader, whose status requests then go unanswered and stop
//! the ticker, as on a stalled link): nothing is queued without bound.

use super::shared::Shared;
pub use super::shared::ToSession;
use super::Stats;
use crate::term::backend::LeanBackend;
use crate::term::input::{Parser, Wait};
use crate::term::modes;
use crate::text::glyphs::Glyphs;
use crate::tui::app::App;
use crate::tui::archivist::{Reply, Request};
use crate::tui::event::{Event, Events, Next};
use crate::tui::terminal::{run_loop, Exit, Host};
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::server::Handle;
use russh::ChannelId;
use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// What a session sends the client.
enum Out {
    Data(Vec<u8>),
    /// The session is over: its exit status, then the channel closed.
    End(u32),
}

/// Input messages queued, at most, before the connection waits for the reader.
const INPUT_QUEUE: usize = 64;
/// Output writes queued, at most, before the reader waits for the client.
const OUTPUT_QUEUE: usize = 8;
/// The stack of a session's thread: the reader draws and asks the archive, nothing deep.
const SESSION_STACK: usize = 512 << 10;

/// Everything a session starts from.
pub struct Start {
    pub shared: Arc<Shared>,
    /// Whose read state: a key's fingerprint, or the session's own anonymous name.
    pub visitor: String,
    pub width: u16,
    pub height: u16,
    pub glyphs: Glyphs,
    pub handle: Handle,
    pub channel: ChannelId,
    pub runtime: tokio::runtime::Handle,
    pub stats: Arc<Stats>,
}

/// Starts a session's reader: the queue its input goes to.
pub fn start(start: Start) -> io::Result<mpsc::Sender<ToSession>> {
    let (to_session, input) = mpsc::channel(INPUT_QUEUE);
    let (out, mut output) = mpsc::channel::<Out>(OUTPUT_QUEUE);
    let id = start.shared.join(&to_session);
    let (handle, channel, shared) = (start.handle.clone(), start.channel, start.shared.clone());
    let stats = Arc::clone(&start.stats);
    // The pump: what the reader writes, to the client, in order, as fast as it reads.
    start.runtime.spawn(async move {
        while let Some(out) = output.recv().await {
            match out {
                Out::Data(bytes) => {
                    let n = bytes.len() as u64;
                    if handle.data(channel, bytes).await.is_err() {
                        break;
                    }
                    stats.add_out(n);
                }
                Out::End(status) => {
                    let _ = handle.exit_status_request(channel, status).await;
                    let _ = handle.eof(channel).await;
                    let _ = handle.close(channel).await;
                    break;
                }
            }
        }
        shared.leave(id);
    });
    let spawned = std::thread::Builder::new()
        .name("session".into())
        .stack_size(SESSION_STACK)
        .spawn(move || run(start, input, out));
    spawned?;
    Ok(to_session)
}

/// Why a session ended, for the log and the client's last line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Ended {
    Quit,
    Gone,
    Idle(Duration),
    TooLong(Duration),
    Stopped(String),
}

fn run(start: Start, input: mpsc::Receiver<ToSession>, out: mpsc::Sender<Out>) {
    let shared = Arc::clone(&start.shared);
    let (mut bulletin, view) = shared.opening(&start.visitor);
    if start.glyphs == Glyphs::Ascii {
        // Not a UTF-8 terminal: text it can show, not mojibake (a copy of its own).
        Arc::make_mut(&mut bulletin).map_texts(crate::text::ascii::to_ascii);
    }
    let mut settings = shared.settings.clone();
    settings.glyphs = start.glyphs;
    let mouse = settings.mouse;
    let mut app = App::new(
        bulletin,
        settings,
        shared.keymap.clone(),
        start.width,
        start.height,
    );
    app.set_archive_view(view);
    let mut events = SessionEvents {
        input,
        parser: Parser::new(),
        pending: VecDeque::new(),
        runtime: start.runtime.clone(),
        idle: shared.config.idle_timeout,
        last_input: Instant::now(),
        ends_at: Instant::now() + shared.config.max_session,
        max_session: shared.config.max_session,
        ended: None,
    };
    let mut host = SessionHost {
        shared: Arc::clone(&shared),
        visitor: start.visitor.clone(),
        out: out.clone(),
    };
    let result = (|| -> io::Result<Exit> {
        let (width, height) = app.size();
        let writer = Output {
            buf: Vec::with_capacity(4096),
            out: out.clone(),
        };
        // An idle session keeps only what its screen shows (see `run_loop`).
        let mut backend = LeanBackend::new(writer, Size::new(width, height)).letting_go_when_idle();
        modes::enter(&mut backend, mouse)?;
        let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
        let mut term = Terminal::with_options(backend, TerminalOptions { viewport })?;
        let exit = run_loop(&mut term, &mut app, &mut events, &mut host)?;
        // The client's screen given back: the modes off, the main screen.
        let why = events.ended.clone().unwrap_or(Ended::Quit);
        let farewell = match &why {
            Ended::Quit | Ended::Gone => String::new(),
            Ended::Idle(d) => format!(
                "bulletin: closed after {} without a key typed\r\n",
                crate::config::format_duration(*d)
            ),
            Ended::TooLong(d) => format!(
                "bulletin: a session lasts at most {}; connect again to go on\r\n",
                crate::config::format_duration(*d)
            ),
            Ended::Stopped(why) => format!("bulletin: {why}\r\n"),
        };
        let backend = term.backend_mut();
        modes::leave(backend)?;
        backend.write_all(farewell.as_bytes())?;
        backend.flush()?;
        Ok(exit)
    })();
    let why = match (&result, events.ended.take()) {
        (_, Some(why)) => why,
        (Ok(Exit::Quit), None) => Ended::Quit,
        _ => Ended::Gone,
    };
    start.stats.set_ended(match &why {
        Ended::Quit => "quit".to_owned(),
        Ended::Gone => "the client went away".to_owned(),
        Ended::Idle(_) => "idle".to_owned(),
        Ended::TooLong(_) => "too long".to_owned(),
        Ended::Stopped(_) => "the service stopped".to_owned(),
    });
    // An anonymous visitor's read state lasted the session: it goes with it.
    if start.visitor.starts_with(crate::archive::ANONYMOUS) {
        let _ = shared.archive().forget_visitor(&start.visitor);
    }
    let status = match why {
        Ended::Quit => 0,
        Ended::Gone | Ended::Stopped(_) => 0,
        Ended::Idle(_) | Ended::TooLong(_) => 1,
    };
    let _ = out.blocking_send(Out::End(status));
}

/// The reader's output: gathered for a frame, then queued for the client whole.
struct Output {
    buf: Vec<u8>,
    out: mpsc::Sender<Out>,
}

impl Write for Output {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let frame = std::mem::replace(&mut self.buf, Vec::with_capacity(1024));
        self.out
            .blocking_send(Out::Data(frame))
            .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))
    }
}

/// The session's events: the channel's bytes parsed into keys, resizes, the server's
/// notices; and its own clocks (no input for too long, too long a session).
struct SessionEvents {
    input: mpsc::Receiver<ToSession>,
    parser: Parser,
    pending: VecDeque<Next>,
    runtime: tokio::runtime::Handle,
    idle: Duration,
    last_input: Instant,
    ends_at: Instant,
    max_session: Duration,
    ended: Option<Ended>,
}

impl SessionEvents {
    /// Takes a message in: what it means for the reader joins the pending events.
    fn take(&mut self, message: ToSession) {
        match message {
            ToSession::Bytes(bytes) => {
                self.last_input = Instant::now();
                let mut inputs = Vec::new();
                self.parser.feed(&bytes, &mut inputs);
                self.pending
                    .extend(inputs.into_iter().map(|i| Next::Event(Event::Input(i))));
            }
            ToSession::Resize(width, height) => {
                self.pending
                    .push_back(Next::Event(Event::Resize { width, height }));
            }
            ToSession::Event(e) => self.pending.push_back(Next::Event(e)),
            ToSession::Stop(why) => self.end(Ended::Stopped(why)),
            ToSession::Gone => self.end(Ended::Gone),
        }
    }

    fn end(&mut self, why: Ended) {
        if self.ended.is_none() {
            self.ended = Some(why);
        }
        self.pending.clear();
        self.pending.push_back(Next::Hangup);
    }

    /// The session's own end, when it is due.
    fn due(&self) -> (Instant, Ended) {
        let idle_at = self.last_input + self.idle;
        if idle_at <= self.ends_at {
            (idle_at, Ended::Idle(self.idle))
        } else {
            (self.ends_at, Ended::TooLong(self.max_session))
        }
    }
}

impl Events for SessionEvents {
    fn next(&mut self, wait: Option<Duration>) -> Next {
        let asked_at = Instant::now();
        loop {
            if let Some(next) = self.pending.pop_front() {
                return next;
            }
            if self.ended.is_some() {
                return Next::Hangup;
            }
            let now = Instant::now();
            let (end_at, why) = self.due();
            if now >= end_at {
                self.end(why);
                continue;
            }
            let keys_at = match self.parser.wait() {
                Wait::Forever => None,
                Wait::For(d) => Some(now + d),
            };
            let wait_until = wait.map(|w| asked_at + w);
            if wait_until.is_some_and(|t| now >= t) {
                return Next::TimedOut;
            }
            let until = [Some(end_at), keys_at, wait_until]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(end_at);
            let deadline = tokio::time::Instant::from_std(until);
            let received = self
                .runtime
                .block_on(async { tokio::time::timeout_at(deadline, self.input.recv()).await });
            match received {
                Ok(Some(message)) => self.take(message),
                Ok(None) => self.end(Ended::Gone),
                Err(_) => {
                    if keys_at.is_some_and(|t| Instant::now() >= t) {
                        let mut inputs = Vec::new();
                        self.parser.timeout(&mut inputs);
                        self.pending
                            .extend(inputs.into_iter().map(|i| Next::Event(Event::Input(i))));
                    }
                }
            }
        }
    }

    fn ready(&mut self) -> Option<Next> {
        if self.pending.is_empty() {
            while let Ok(message) = self.input.try_recv() {
                self.take(message);
                if self.pending.len() >= 256 {
                    break;
                }
            }
        }
        self.pending.pop_front()
    }
}

/// The session's world: the shared archive seen as this visitor, the client's clipboard,
/// and no process of the server's to stop or programs to run.
struct SessionHost {
    shared: Arc<Shared>,
    visitor: String,
    out: mpsc::Sender<Out>,
}

impl Host for SessionHost {
    type Error = io::Error;

    /// Ctrl-Z stops nothing on a server: the screen is drawn again.
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn resume(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn archive(&mut self, request: Request) -> Option<Reply> {
        super::visit::carry_out(&mut self.shared.archive(), &self.visitor, request)
    }

    /// Only the server's fetches send this notice.
    fn archive_changed(&mut self) -> bool {
        true
    }

    /// Sessions cannot make the server fetch: they hear when it does.
    fn fetch(&mut self) -> Option<Event> {
        Some(Event::NotFetched(self.shared.fetch_note()))
    }

    /// OSC 52: the client's terminal puts it on the client's clipboard.
    fn copy(&mut self, text: &str) -> Option<Event> {
        let sent = self
            .out
            .blocking_send(Out::Data(crate::tui::terminal::osc52(text).into_bytes()));
        sent.err()
            .map(|_| Event::Said("cannot copy: the client is gone".into()))
    }

    /// Nothing is ever run on the server: the address is shown, to copy (c) or select.
    fn open_link(&mut self, url: &str) -> Option<Event> {
        Some(Event::ShowAddress(url.to_owned()))
    }

    fn clock(&self) -> Option<String> {
        crate::tui::terminal::local_time()
    }
}
