//! One channel of events that every source feeds: the terminal's input and its signals
//! (resized, suspended, continued, gone) from the input thread, and room for file changes
//! and fetch results. The loop drains it; ticker steps are the loop's own, when it waited
//! long enough.

use crate::term::input::{Input, Parser, Wait};
use crate::term::tty::Tty;
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TryRecvError};
use std::time::Duration;

/// Something that happened, for the reader to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A key, a mouse report or a paste.
    Input(Input),
    /// The terminal is now this size.
    Resize { width: u16, height: u16 },
    /// Time for the ticker's next step.
    Tick,
    /// Asked to stop from outside (SIGTSTP).
    Suspend,
    /// Continued after a stop (SIGCONT).
    Resume,
    /// The first frame is on the screen.
    Opened,
    /// The archive's answer to a request.
    Archive(crate::tui::asks::Reply),
    /// The file shown was written to or replaced.
    FileChanged,
    /// The file shown, read again.
    Reloaded {
        bulletin: Box<crate::model::Bulletin>,
        /// How the archive names the file.
        source: String,
    },
    /// The file shown could not be read again: why.
    ReloadFailed(String),
    /// Another process wrote to the archive.
    ArchiveChanged,
    /// The fetch of the sources ended: what it brought.
    Fetched(FetchReport),
    /// No fetch was started, and why (a session of the SSH service: the server fetches).
    NotFetched(String),
    /// Something to say in the status line (an address opened, or shown over SSH).
    Said(String),
    /// The story with this id has been on the screen for `app::DWELL`.
    Dwelt(i64),
    /// An address to show whole, where it cannot be opened (over SSH).
    ShowAddress(String),
}

/// What a fetch of the sources brought, for the status line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FetchReport {
    /// Sources fetched.
    pub sources: usize,
    /// Stories the archive did not have.
    pub new_stories: usize,
    /// Each failure's message.
    pub failed: Vec<String>,
    /// Each source's result, in order (`latest: added 1 day, 6 stories, 5 rates`).
    pub results: Vec<String>,
}

/// What the loop hears when it asks for the next event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    Event(Event),
    /// Nothing came in the time given.
    TimedOut,
    /// The terminal is gone (end of file, an error, a hang-up): nothing will come again.
    Hangup,
}

/// Where the loop's events come from: the channel, or a script in tests.
pub trait Events {
    /// The next event, waiting at most `wait` (`None`: as long as it takes).
    fn next(&mut self, wait: Option<Duration>) -> Next;
    /// The next event if one is already there.
    fn ready(&mut self) -> Option<Next>;
}

/// Events queued, at most, before their sources wait for the loop.
const QUEUE: usize = 4096;

/// What travels on the channel: an event, or the end of the terminal.
#[derive(Debug)]
enum Message {
    Event(Event),
    Hangup,
}

/// The receiving end of the one channel.
pub struct Channel {
    receiver: Receiver<Message>,
}

impl Events for Channel {
    fn next(&mut self, wait: Option<Duration>) -> Next {
        let message = match wait {
            None => self
                .receiver
                .recv()
                .map_err(|_| RecvTimeoutError::Disconnected),
            Some(d) => self.receiver.recv_timeout(d),
        };
        match message {
            Ok(m) => m.into(),
            Err(RecvTimeoutError::Timeout) => Next::TimedOut,
            Err(RecvTimeoutError::Disconnected) => Next::Hangup,
        }
    }

    fn ready(&mut self) -> Option<Next> {
        match self.receiver.try_recv() {
            Ok(m) => Some(m.into()),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Next::Hangup),
        }
    }
}

impl From<Message> for Next {
    fn from(m: Message) -> Next {
        match m {
            Message::Event(e) => Next::Event(e),
            Message::Hangup => Next::Hangup,
        }
    }
}

/// A handle for other sources (file watching, fetching) to feed the channel.
#[derive(Clone)]
pub struct Feeder {
    sender: SyncSender<Message>,
}

impl Feeder {
    /// Sends an event; false when the reader is gone.
    pub fn send(&self, event: Event) -> bool {
        self.sender.send(Message::Event(event)).is_ok()
    }
}

/// Opens the channel and starts the thread that reads the terminal and its signals into it.
pub fn start(tty: &Tty) -> io::Result<(Channel, Feeder)> {
    let (sender, receiver) = mpsc::sync_channel(QUEUE);
    let signals = Signals::register()?;
    let input_fd = tty.input_fd();
    let keep_open = tty.input_file().map(|f| f.try_clone()).transpose()?;
    let to_loop = sender.clone();
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            let _keep_open = keep_open;
            read_terminal(input_fd, &signals, &to_loop);
        })?;
    Ok((Channel { receiver }, Feeder { sender }))
}

/// The signals the input thread answers, each waking it through a socket of its own.
struct Signals {
    resize: UnixStream,
    stop: UnixStream,
    cont: UnixStream,
}

impl Signals {
    fn register() -> io::Result<Signals> {
        use signal_hook::consts::{SIGCONT, SIGTSTP, SIGWINCH};
        let socket = |signal| -> io::Result<UnixStream> {
            let (read, write) = UnixStream::pair()?;
            read.set_nonblocking(true)?;
            signal_hook::low_level::pipe::register(signal, write)?;
            Ok(read)
        };
        Ok(Signals {
            resize: socket(SIGWINCH)?,
            stop: socket(SIGTSTP)?,
            cont: socket(SIGCONT)?,
        })
    }
}

/// Empties a signal's socket; true when the signal came.
fn drained(socket: &UnixStream) -> bool {
    use std::io::Read;
    let mut buf = [0u8; 64];
    let mut came = false;
    while let Ok(n) = (&*socket).read(&mut buf) {
        if n == 0 {
            break;
        }
        came = true;
    }
    came
}

/// Reads the terminal until it would block, every time it is readable, and parses what
/// came; answers the signals; ends with a hang-up when the terminal is gone.
fn read_terminal(fd: RawFd, signals: &Signals, to_loop: &SyncSender<Message>) {
    let mut parser = Parser::new();
    let mut inputs = Vec::new();
    let mut buf = vec![0u8; 16 * 1024];
    let send = |m: Message| to_loop.send(m).is_ok();
    loop {
        let timeout = match parser.wait() {
            Wait::Forever => -1,
            Wait::For(d) => i32::try_from(d.as_millis()).unwrap_or(i32::MAX),
        };
        let mut fds = [
            pollfd(fd),
            pollfd(signals.resize.as_raw_fd()),
            pollfd(signals.stop.as_raw_fd()),
            pollfd(signals.cont.as_raw_fd()),
        ];
        // SAFETY: poll reads and writes the array of pollfds we own.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
        if ready < 0 {
            if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            let _ = send(Message::Hangup);
            return;
        }
        if ready == 0 {
            parser.timeout(&mut inputs);
        }
        if fds[1].revents != 0 && drained(&signals.resize) {
            if let Ok((width, height)) = crate::term::tty::size() {
                if !send(Message::Event(Event::Resize { width, height })) {
                    return;
                }
            }
        }
        if fds[2].revents != 0 && drained(&signals.stop) && !send(Message::Event(Event::Suspend)) {
            return;
        }
        if fds[3].revents != 0 && drained(&signals.cont) && !send(Message::Event(Event::Resume)) {
            return;
        }
        let revents = fds[0].revents;
        if revents & libc::POLLIN != 0 {
            // SAFETY: read fills the buffer we own, at most its length.
            let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            match n {
                0 => {
                    let _ = send(Message::Hangup);
                    return;
                }
                n if n > 0 => parser.feed(&buf[..n as usize], &mut inputs),
                _ => {
                    let kind = io::Error::last_os_error().kind();
                    if !matches!(kind, io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock) {
                        let _ = send(Message::Hangup); // EIO: the terminal is gone
                        return;
                    }
                }
            }
        } else if revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            let _ = send(Message::Hangup);
            return;
        }
        for input in inputs.drain(..) {
            if !send(Message::Event(Event::Input(input))) {
                return;
            }
        }
    }
}

fn pollfd(fd: RawFd) -> libc::pollfd {
    libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    }
}
