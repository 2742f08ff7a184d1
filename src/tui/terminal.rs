//! The loop: events in, `App::update`, effects carried out, the screen drawn. It is generic
//! over ratatui's `Backend`, so tests drive this very loop on a `TestBackend` with a script
//! of events; `run` sets it up on the real terminal, which it always gives back (on quit,
//! error, panic, SIGTERM, SIGHUP, SIGINT, and a terminal that went away).

use super::app::{App, Effect, DWELL};
use super::archivist::Keeper;
use super::asks::{Reply, Request};
use super::event::FetchReport;
use super::event::{self, Event, Events, Next};
pub use super::host::Host;
use crate::archive::Archive;
use crate::source::watch;
use crate::term::backend::LeanBackend;
use crate::term::input::Input;
use crate::term::tty::{self, Tty};
use ratatui::backend::{Backend, TestBackend};
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Events handled, at most, before the screen is drawn (a burst of keys is drawn once).
const BATCH: usize = 256;

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// The terminal went away.
    Hangup,
}

impl Exit {
    /// The process's exit code: 0, or 129 (128 + SIGHUP) for a terminal that went away.
    pub fn code(self) -> u8 {
        match self {
            Exit::Quit => 0,
            Exit::Hangup => 129,
        }
    }
}

/// A backend whose size the loop sets from resize events (rather than the backend asking
/// the terminal every frame), and that can ask the terminal to answer once what was
/// written has reached it.
pub trait Screen: Backend {
    fn set_size(&mut self, width: u16, height: u16);

    /// Asks the terminal for a status report after what was written; false when this
    /// screen cannot ask (no answer will come).
    fn ask_status(&mut self) -> Result<bool, Self::Error>;

    /// The hyperlinks (OSC 8) the next frame carries; a screen that cannot show them
    /// ignores them.
    fn set_links(&mut self, _links: Vec<crate::term::backend::Link>) {}

    /// Mouse reporting on or off (off while text on the screen is to be selected).
    fn set_mouse(&mut self, _on: bool) -> Result<(), Self::Error> {
        Ok(())
    }

    /// What the screen shows, when the loop may let go of its drawing buffers while
    /// nothing is due and take them again from this (a server's idle sessions); `None`
    /// keeps them.
    fn shown_when_idle(&self) -> Option<&ratatui::buffer::Buffer> {
        None
    }
}

impl<W: Write> Screen for LeanBackend<W> {
    fn set_size(&mut self, width: u16, height: u16) {
        self.set_size(Size::new(width, height));
    }

    fn ask_status(&mut self) -> io::Result<bool> {
        LeanBackend::ask_status(self)?;
        Ok(true)
    }

    fn set_links(&mut self, links: Vec<crate::term::backend::Link>) {
        LeanBackend::set_links(self, links);
    }

    fn shown_when_idle(&self) -> Option<&ratatui::buffer::Buffer> {
        LeanBackend::shown_when_idle(self)
    }

    fn set_mouse(&mut self, on: bool) -> io::Result<()> {
        let mut sequence = Vec::new();
        crate::term::modes::mouse(&mut sequence, on)?;
        LeanBackend::write_sequence(self, &String::from_utf8_lossy(&sequence))
    }
}

impl Screen for TestBackend {
    fn set_size(&mut self, width: u16, height: u16) {
        self.resize(width, height);
    }

    fn ask_status(&mut self) -> Result<bool, Self::Error> {
        Ok(false)
    }
}

/// Asks for a status report at most this often while the ticker moves.
const ASK_EVERY: Duration = Duration::from_secs(2);
/// A report this late means the link has stalled: the ticker waits for it.
const STALLED_AFTER: Duration = Duration::from_secs(1);
/// A terminal that has never answered in this long does not answer: stop asking.
const NEVER_ANSWERS: Duration = Duration::from_secs(5);

/// Whether what the reader writes reaches the terminal: while a status report it asked for
/// is overdue, the link is taken as stalled, and the ticker does not step, so that no
/// motion queues up that the link cannot deliver (it would pour through, out of date, when
/// the link came back). Asking costs 4 bytes each way every 2 seconds, only while the ticker
/// moves.
#[derive(Debug, Default)]
struct LinkWatch {
    asked: Option<Instant>,
    last_answer: Option<Instant>,
    answered_ever: bool,
    off: bool,
}

impl LinkWatch {
    fn stalled(&self, now: Instant) -> bool {
        self.answered_ever && self.asked.is_some_and(|t| now - t > STALLED_AFTER)
    }

    fn should_ask(&mut self, now: Instant) -> bool {
        if !self.answered_ever && self.asked.is_some_and(|t| now - t > NEVER_ANSWERS) {
            self.off = true;
        }
        !self.off && self.asked.is_none() && self.last_answer.is_none_or(|t| now - t >= ASK_EVERY)
    }

    fn answered(&mut self, now: Instant) {
        self.asked = None;
        self.last_answer = Some(now);
        self.answered_ever = true;
    }
}

/// Runs the reader until it quits or the terminal goes away.
pub fn run_loop<B, E, H>(
    term: &mut Terminal<B>,
    app: &mut App,
    events: &mut E,
    host: &mut H,
) -> Result<Exit, B::Error>
where
    B: Screen,
    E: Events,
    H: Host<Error = B::Error>,
{
    if let Some(now) = host.clock() {
        app.set_clock(now);
    }
    draw(term, app)?;
    // What waits for the first frame (the file opened, recorded).
    if answer(app, host, Event::Opened)? == Answered::Quit {
        return Ok(Exit::Quit);
    }
    draw(term, app)?; // what that changed (the story shown marked read)
    let mut next_tick = app.tick_interval().map(|i| Instant::now() + i);
    // Our own suspension is followed by the SIGCONT that continued us: answered already.
    let mut resumed = false;
    let mut link = LinkWatch::default();
    let mut mouse_on = app.settings().mouse;
    // The unread story on the screen, and when it will have been there for DWELL.
    let mut dwell: Option<(i64, Instant)> = None;
    loop {
        dwell = match (app.dwelling(), dwell) {
            (Some(id), Some((timed, at))) if timed == id => Some((id, at)),
            (Some(id), _) => Some((id, Instant::now() + DWELL)),
            (None, _) => None,
        };
        let dwell_due = dwell.map(|(_, at)| at);
        let wake = [next_tick, dwell_due].into_iter().flatten().min();
        // Nothing due and nothing to work on: the wait may be long (an idle session of a
        // server), and the drawing buffers are let go meanwhile where the screen says so.
        let let_go = wake.is_none() && !app.busy() && term.backend().shown_when_idle().is_some();
        if let_go {
            let_go_of_buffers(term);
        }
        let batch = next_batch(events, app, wake);
        if let_go {
            take_buffers_again(term, app.size())?;
        }
        if batch.is_empty() {
            // Nothing happened and a search is under way: a slice of it.
            app.work();
            draw(term, app)?;
            continue;
        }
        // Only the last of several sizes matters: laying a long story out again for each
        // of a thousand resizes would keep the keys waiting.
        let last_resize = batch
            .iter()
            .rposition(|n| matches!(n, Next::Event(Event::Resize { .. })));
        // Likewise one reading again answers several notices of a change.
        let last_change = |wanted: fn(&Event) -> bool| {
            batch
                .iter()
                .rposition(|n| matches!(n, Next::Event(e) if wanted(e)))
        };
        let last_file = last_change(|e| matches!(e, Event::FileChanged));
        let last_archive = last_change(|e| matches!(e, Event::ArchiveChanged));
        let mut full = false;
        if let Some(now) = host.clock() {
            app.set_clock(now);
        }
        for (i, n) in batch.into_iter().enumerate() {
            let event = match n {
                Next::Event(Event::Resize { .. }) if Some(i) != last_resize => continue,
                Next::Event(Event::FileChanged) if Some(i) != last_file => continue,
                Next::Event(Event::ArchiveChanged)
                    if Some(i) != last_archive || !host.archive_changed() =>
                {
                    continue
                }
                Next::Event(Event::Input(Input::StatusReport)) => {
                    link.answered(Instant::now());
                    continue;
                }
                Next::Event(e) => e,
                // The wait ran out at the earlier of the dwell and the tick.
                Next::TimedOut if dwell_due.is_some_and(|d| next_tick.is_none_or(|t| d <= t)) => {
                    match dwell.take() {
                        Some((id, _)) => Event::Dwelt(id),
                        None => continue,
                    }
                }
                Next::TimedOut => {
                    if let (Some(at), Some(interval)) = (next_tick, app.tick_interval()) {
                        next_tick = Some(later(at, interval));
                    }
                    let now = Instant::now();
                    if link.stalled(now) {
                        continue; // no step the link cannot deliver
                    }
                    if link.should_ask(now) && term.backend_mut().ask_status()? {
                        link.asked = Some(now);
                    }
                    Event::Tick
                }
                Next::Hangup => return Ok(Exit::Hangup),
            };
            match event {
                Event::Resize { .. } => full = true,
                Event::Resume if std::mem::take(&mut resumed) => {}
                Event::Resume => {
                    host.resume()?;
                    full = true;
                }
                _ => {}
            }
            let was_moving = app.tick_interval();
            match answer(app, host, event)? {
                Answered::Quit => return Ok(Exit::Quit),
                Answered::Redraw { suspended } => {
                    resumed |= suspended;
                    full = true;
                }
                Answered::Drawn => {}
            }
            // The ticker started, stopped or changed pace (paused, resized, a mode change).
            if app.tick_interval() != was_moving {
                next_tick = app.tick_interval().map(|i| Instant::now() + i);
            }
        }
        if full {
            // Everything drawn anew: after a resize the terminal may have reflowed or
            // cleared the screen, after Ctrl-L or a suspension it shows something else.
            let (width, height) = app.size();
            term.backend_mut().set_size(width, height);
            term.resize(Rect::new(0, 0, width, height))?;
        }
        // The mouse is left to the terminal while text is to be selected (an address
        // shown whole), and taken again after.
        let wanted = app.settings().mouse && !app.leaves_mouse();
        if app.settings().mouse && wanted != mouse_on {
            term.backend_mut().set_mouse(wanted)?;
            mouse_on = wanted;
        }
        draw(term, app)?;
    }
}

/// Lets go of the terminal's two drawing buffers (this frame's and the last), three
/// quarters of an idle reader's memory at 120×40.
fn let_go_of_buffers<B: Screen>(term: &mut Terminal<B>) {
    use ratatui::buffer::Buffer;
    *term.current_buffer_mut() = Buffer::empty(Rect::ZERO);
    term.swap_buffers();
    *term.current_buffer_mut() = Buffer::empty(Rect::ZERO);
}

/// Takes the drawing buffers again: the last frame is what the screen shows (so the next
/// frame writes only what changes), this frame's blank at the screen's size.
fn take_buffers_again<B: Screen>(
    term: &mut Terminal<B>,
    (width, height): (u16, u16),
) -> Result<(), B::Error> {
    use ratatui::buffer::Buffer;
    let area = Rect::new(0, 0, width, height);
    let shown = term.backend().shown_when_idle().cloned();
    match shown {
        Some(shown) if shown.area == area => {
            *term.current_buffer_mut() = shown;
            term.swap_buffers();
            *term.current_buffer_mut() = Buffer::empty(area);
        }
        // Not what the screen shows at this size: drawn anew, whole.
        _ => {
            *term.current_buffer_mut() = Buffer::empty(area);
            term.swap_buffers();
            *term.current_buffer_mut() = Buffer::empty(area);
            term.clear()?;
        }
    }
    Ok(())
}

/// What answering an event asks of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    Quit,
    /// Everything drawn anew (after a suspension, `suspended`).
    Redraw {
        suspended: bool,
    },
    /// What changed drawn.
    Drawn,
}

/// Hands an event to `update` and carries its effects out, in order; answers (the
/// archive's, a file read again) go back to `update` at once, and what they ask for joins
/// the queue.
pub fn answer<H: Host>(app: &mut App, host: &mut H, event: Event) -> Result<Answered, H::Error> {
    let effects = app.update(event);
    carry_out(app, host, effects)
}

/// Carries effects out, in order, as [`answer`] does.
pub fn carry_out<H: Host>(
    app: &mut App,
    host: &mut H,
    effects: Vec<Effect>,
) -> Result<Answered, H::Error> {
    let mut answered = Answered::Drawn;
    let mut effects = std::collections::VecDeque::from(effects);
    while let Some(effect) = effects.pop_front() {
        let reply = match effect {
            Effect::Quit => return Ok(Answered::Quit),
            Effect::RedrawAll => {
                if answered == Answered::Drawn {
                    answered = Answered::Redraw { suspended: false };
                }
                None
            }
            Effect::Suspend => {
                host.suspend()?;
                answered = Answered::Redraw { suspended: true };
                None
            }
            Effect::Archive(request) => host.archive(request).map(Event::Archive),
            Effect::Reload => host.reload(),
            Effect::Fetch => host.fetch(),
            Effect::Copy(text) => host.copy(&text),
            Effect::OpenLink(url) => host.open_link(&url),
        };
        if let Some(reply) = reply {
            effects.extend(app.update(reply));
        }
    }
    Ok(answered)
}

/// What to answer next: the events that came (up to [`BATCH`]), waiting for the first as
/// long as nothing moves, until the next tick when the ticker moves, and not at all while a
/// search is under way (then an empty batch means: go on with it).
fn next_batch<E: Events>(events: &mut E, app: &App, next_tick: Option<Instant>) -> Vec<Next> {
    let mut batch = Vec::new();
    if app.busy() {
        match events.ready() {
            Some(n) => batch.push(n),
            None if next_tick.is_some_and(|t| Instant::now() >= t) => batch.push(Next::TimedOut),
            None => return batch,
        }
    } else {
        let wait = next_tick.map(|at| at.saturating_duration_since(Instant::now()));
        batch.push(events.next(wait));
    }
    while batch.len() < BATCH {
        match events.ready() {
            Some(n) => batch.push(n),
            None => break,
        }
    }
    batch
}

/// The next tick after `at`, skipping ticks missed while busy rather than running them all.
fn later(at: Instant, interval: Duration) -> Instant {
    let next = at + interval;
    let now = Instant::now();
    if next < now {
        now + interval
    } else {
        next
    }
}

/// Draws the state; the backend writes only the cells that changed (nothing when nothing
/// did).
fn draw<B: Screen>(term: &mut Terminal<B>, app: &App) -> Result<(), B::Error> {
    term.backend_mut().set_links(super::ui::links(app));
    term.draw(|frame| {
        #[cfg(debug_assertions)]
        fault::panic_if_asked(app.selected());
        super::ui::render(app, frame)
    })?;
    Ok(())
}

/// Faults that tests inject into debug builds, to see the terminal given back.
#[cfg(debug_assertions)]
mod fault {
    use std::sync::OnceLock;

    /// `BULLETIN_TEST_PANIC_IN_DRAW=N`: drawing a frame with the Nth story (from 0) selected
    /// panics. Tied to what the user did rather than to a count of frames, which a note or a
    /// reload may raise at any time.
    pub fn panic_if_asked(selected: usize) {
        static AT: OnceLock<Option<usize>> = OnceLock::new();
        let at = AT.get_or_init(|| {
            std::env::var("BULLETIN_TEST_PANIC_IN_DRAW")
                .ok()
                .and_then(|v| v.parse().ok())
        });
        if *at == Some(selected) {
            panic!("injected by a test: a panic while drawing story {selected}");
        }
    }
}

/// The real terminal, given back on a suspension and taken again; the archive and the file
/// shown.
struct TtyHost<'a> {
    tty: &'a Tty,
    keeper: Keeper,
    feeder: event::Feeder,
    web: Web,
}

/// The reader's side of the web: the sources R fetches, and the time each may take.
#[derive(Debug, Clone, Default)]
pub struct Web {
    pub sources: Vec<crate::sync::Target>,
    pub timeout: Option<std::time::Duration>,
}

/// Whether the reader runs in an SSH session (where a browser would open on the wrong
/// machine).
fn over_ssh() -> bool {
    ["SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|v| !v.is_empty()))
}

/// OSC 52: text for the terminal to put on the clipboard (the local one, over SSH too).
pub fn osc52(text: &str) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut b64 = String::with_capacity(text.len() * 4 / 3 + 4);
    for chunk in text.as_bytes().chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                b64.push(char::from(ABC[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                b64.push('=');
            }
        }
    }
    format!("\x1b]52;c;{b64}\x07")
}

impl Host for TtyHost<'_> {
    type Error = io::Error;

    fn suspend(&mut self) -> io::Result<()> {
        self.tty.leave(&mut io::stdout())?;
        // Stop as the default action of SIGTSTP would, so the shell sees a job stopped.
        signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
        self.resume()
    }

    fn resume(&mut self) -> io::Result<()> {
        let mut out = io::stdout();
        self.tty.enter(&mut out)?;
        out.flush()
    }

    fn archive(&mut self, request: Request) -> Option<Reply> {
        match (request, self.keeper.archive_place()) {
            // Recording a large file takes seconds: it runs beside the reader, on a
            // connection of its own, and answers through the event channel; the reader
            // draws and answers keys meanwhile.
            (Request::Record { bulletin, source }, Some(path)) => {
                let feeder = self.feeder.clone();
                let spawned = spawn_reading("record", move || {
                    let reply = match Archive::open(&path) {
                        Ok(mut archive) => super::archivist::carry_out(
                            &mut archive,
                            Request::Record { bulletin, source },
                        ),
                        Err(e) => Some(Reply::Failed(e.to_string())),
                    };
                    if let Some(reply) = reply {
                        feeder.send(Event::Archive(reply));
                    }
                });
                match spawned {
                    Ok(thread) => {
                        if let Ok(mut slot) = RECORDING.lock() {
                            if let Some(earlier) = slot.replace(thread) {
                                let _ = earlier.join();
                            }
                        }
                        None
                    }
                    Err(e) => Some(Reply::Failed(format!("cannot record: {e}"))),
                }
            }
            (request, _) => self.keeper.ask(request),
        }
    }

    fn archive_changed(&mut self) -> bool {
        self.keeper.changed_by_others()
    }

    fn reload(&mut self) -> Option<Event> {
        self.keeper.reload()
    }

    fn fetch(&mut self) -> Option<Event> {
        if self.web.sources.is_empty() {
            return Some(Event::Fetched(FetchReport {
                failed: vec![
                    "no sources: add a [[source]] to the config (`bulletin config` shows one)"
                        .into(),
                ],
                ..FetchReport::default()
            }));
        }
        let path = self.keeper.archive_place();
        let web = self.web.clone();
        let feeder = self.feeder.clone();
        let spawned = spawn_reading("fetch", move || {
            let mut report = FetchReport {
                sources: web.sources.len(),
                ..FetchReport::default()
            };
            let archive = path
                .ok_or_else(|| "no home directory for the archive".to_owned())
                .and_then(|p| Archive::open(&p).map_err(|e| e.to_string()));
            match archive {
                Ok(mut archive) => {
                    for target in &web.sources {
                        let name = crate::source::escape(&target.name);
                        match crate::sync::fetch_into(&mut archive, target, web.timeout) {
                            Ok((outcome, lenient)) => {
                                if let crate::sync::Outcome::Added(s) = &outcome {
                                    report.new_stories += s.stories;
                                }
                                report.results.push(crate::sync::report_line(
                                    &name,
                                    &outcome,
                                    lenient.as_deref(),
                                ));
                            }
                            Err(e) => {
                                report.results.push(format!("{name}: failed"));
                                report.failed.push(e)
                            }
                        }
                    }
                }
                Err(e) => report.failed.push(e),
            }
            feeder.send(Event::Fetched(report));
        });
        match spawned {
            Ok(_) => None,
            Err(e) => Some(Event::Fetched(FetchReport {
                failed: vec![format!("cannot start fetching: {e}")],
                ..FetchReport::default()
            })),
        }
    }

    fn copy(&mut self, text: &str) -> Option<Event> {
        let mut out = io::stdout();
        let written = out
            .write_all(osc52(text).as_bytes())
            .and_then(|()| out.flush());
        written
            .err()
            .map(|e| Event::Said(format!("cannot copy: {}", crate::source::io_reason(&e))))
    }

    fn clock(&self) -> Option<String> {
        local_time()
    }

    fn open_link(&mut self, url: &str) -> Option<Event> {
        if over_ssh() {
            return Some(Event::ShowAddress(url.to_owned()));
        }
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        let spawned = std::process::Command::new(opener)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        Some(Event::Said(match spawned {
            Ok(mut child) => {
                // Reaped in the background: the opener returns at once or soon.
                std::thread::spawn(move || child.wait());
                format!("opened {url}")
            }
            Err(_) => format!("no {opener} here to open {url}"),
        }))
    }
}

/// Runs the reader on the terminal until the user quits or the terminal goes away. The
/// terminal is given back whatever happens.
pub fn run(
    mut app: App,
    mouse: bool,
    archive: Option<Archive>,
    file: Option<PathBuf>,
    web: Web,
) -> io::Result<Exit> {
    let tty = Tty::open(mouse)?;
    install_panic_hook();
    // The first frame comes before the threads that read the terminal and its signals are
    // started (a millisecond sooner on the screen); until they are, the signals wait,
    // blocked, and are answered as soon as they can be. Keys wait in the terminal.
    let held = SignalMask::block()?;
    let result = (|| {
        let (width, height) = tty.size()?;
        if (width, height) != app.size() {
            app.update(Event::Resize { width, height });
        }
        let writer = BufWriter::with_capacity(1 << 16, tty::Output::stdout());
        let (width, height) = app.size();
        let mut backend = LeanBackend::new(writer, Size::new(width, height));
        // The screen's modes go out with the first frame, in one write.
        tty.enter(&mut backend)?;
        let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
        let mut term = Terminal::with_options(backend, TerminalOptions { viewport })?;
        draw(&mut term, &app)?;
        install_signal_handlers()?;
        let (mut channel, feeder) = event::start(&tty)?;
        drop(held);
        // Changes to the file and the archive, noticed by the system, never polled for.
        let keeper = Keeper::new(archive, file).archive_may_appear(crate::archive::default_path());
        let watcher = feeder.clone();
        let _watch = watch::start(keeper.file(), keeper.archive_path(), move |changed| {
            watcher.send(match changed {
                watch::Changed::File => Event::FileChanged,
                watch::Changed::Archive => Event::ArchiveChanged,
            })
        });
        let mut host = TtyHost {
            tty: &tty,
            keeper,
            feeder,
            web,
        };
        run_loop(&mut term, &mut app, &mut channel, &mut host)
    })();
    // A terminal that refuses a write because it is gone is a hang-up, not an error.
    let result = match result {
        Err(e) if is_gone(&e) => Ok(Exit::Hangup),
        other => other,
    };
    match result {
        // Nothing can be written to a terminal that is gone: give back what can be, at once.
        Ok(Exit::Hangup) => tty::restore_now(),
        _ => {
            if tty.leave(&mut io::stdout()).is_err() {
                tty::restore_now();
            }
        }
    }
    let recording = RECORDING.lock().ok().and_then(|mut slot| slot.take());
    if let Some(thread) = recording {
        if !thread.is_finished() {
            // Said on the main screen, so that the wait is not a mystery.
            let _ = writeln!(
                io::stderr(),
                "bulletin: finishing recording the bulletin into the archive…"
            );
        }
        let _ = thread.join();
    }
    result
}

/// The signals the reader answers, blocked in the calling thread while the value lives (and
/// in the threads it starts meanwhile, which leave them to this one).
struct SignalMask {
    old: libc::sigset_t,
}

impl SignalMask {
    fn block() -> io::Result<SignalMask> {
        use signal_hook::consts::*;
        // SAFETY: sigemptyset/sigaddset fill a set we own; pthread_sigmask changes this
        // thread's mask and writes the old one into `old`.
        unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            for signal in [SIGTERM, SIGINT, SIGHUP, SIGTSTP, SIGWINCH, SIGCONT] {
                libc::sigaddset(&mut set, signal);
            }
            let mut old: libc::sigset_t = std::mem::zeroed();
            match libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut old) {
                0 => Ok(SignalMask { old }),
                e => Err(io::Error::from_raw_os_error(e)),
            }
        }
    }
}

impl Drop for SignalMask {
    fn drop(&mut self) {
        // SAFETY: restores this thread's mask as it was.
        unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, &self.old, std::ptr::null_mut()) };
    }
}

/// True for the errors of a terminal that went away (EIO, ENXIO, a hang-up).
fn is_gone(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EIO | libc::ENXIO))
}

/// The local time of day, `14:05:09`.
pub fn local_time() -> Option<String> {
    // SAFETY: time and localtime_r fill values we own; localtime_r is the thread-safe one.
    unsafe {
        let now = libc::time(std::ptr::null_mut());
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&now, &mut tm).is_null() {
            return None;
        }
        Some(format!(
            "{:02}:{:02}:{:02}",
            tm.tm_hour, tm.tm_min, tm.tm_sec
        ))
    }
}

/// The recording under way, if any: a reader that quits first gives the terminal back,
/// then waits for it, so that a bulletin opened is in the archive whole.
static RECORDING: std::sync::Mutex<Option<std::thread::JoinHandle<()>>> =
    std::sync::Mutex::new(None);

/// The stack of a thread that reads pages and feeds: known, whatever the platform's default
/// (reading is bounded in depth, see `model::nesting`, and this leaves it ample room).
const READING_STACK: usize = 8 << 20;

/// Starts a thread that reads bulletins (fetching, recording), with [`READING_STACK`].
fn spawn_reading(
    name: &str,
    work: impl FnOnce() + Send + 'static,
) -> io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name(name.into())
        .stack_size(READING_STACK)
        .spawn(work)
}

/// A panic anywhere gives the terminal back, says what happened, and exits with 101.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if crate::source::contain::is_contained() {
            // A source being read: its panic is that source's error (source::contain).
            return;
        }
        tty::restore_now();
        previous(info);
        // SAFETY: _exit ends the process at once, as the default abort-on-panic would.
        unsafe { libc::_exit(101) };
    }));
}

/// SIGTERM, SIGHUP and SIGINT give the terminal back and exit with 128 + the signal, at
/// once, whatever the output is doing.
fn install_signal_handlers() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                tty::restore_now();
                // SAFETY: _exit ends the process without running anything that could wait
                // on a lock another thread holds.
                unsafe { libc::_exit(128 + signal) };
            }
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_is_stalled_while_an_answer_is_overdue_and_only_if_answers_ever_came() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut link = LinkWatch::default();
        assert!(link.should_ask(at(0)));
        link.asked = Some(at(0));
        assert!(
            !link.stalled(at(3000)),
            "no answer ever: the terminal may not answer"
        );
        link.answered(at(3100));
        assert!(!link.should_ask(at(4000)), "asked at most every 2 s");
        assert!(link.should_ask(at(5200)));
        link.asked = Some(at(5200));
        assert!(!link.stalled(at(6000)));
        assert!(
            link.stalled(at(6300)),
            "an answer over a second late: stalled"
        );
        link.answered(at(20_000));
        assert!(!link.stalled(at(20_001)));
        // A terminal that never answers is not asked again after 5 s.
        let mut mute = LinkWatch {
            asked: Some(at(0)),
            ..LinkWatch::default()
        };
        assert!(!mute.should_ask(at(1000)));
        assert!(!mute.should_ask(at(6000)));
        assert!(mute.off);
        assert!(!mute.stalled(at(60_000)));
    }
}
