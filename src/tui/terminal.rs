//! The event loop, the only code that touches the terminal: raw mode and the alternate
//! screen on the way in, and always off again on the way out (quit, error, panic, SIGTERM,
//! SIGHUP, SIGINT); input and ticker steps turned into actions; a frame drawn only when
//! something changed, wrapped in a synchronized update.

use crate::term::backend::LeanBackend;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{map_event, Mode};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    self, BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use std::io::{self, BufWriter, Stdout, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Held while a frame is written or the terminal restored, so that a signal never cuts a
/// frame in half or restores twice.
static TERMINAL: Mutex<bool> = Mutex::new(false);

type Backend = LeanBackend<BufWriter<Stdout>>;

/// Runs the reader until the user quits. The terminal is restored whatever happens.
pub fn run(mut app: App, mouse: bool) -> io::Result<()> {
    install_panic_hook();
    install_signal_handler()?;
    enter(mouse)?;
    let result = (|| {
        let (width, height) = terminal::size()?;
        let writer = BufWriter::with_capacity(1 << 16, io::stdout());
        let backend = LeanBackend::new(writer, ratatui::layout::Size::new(width, height));
        let mut term = Terminal::new(backend)?;
        term.hide_cursor()?;
        let size = term.size()?;
        app.update(Action::Resize {
            width: size.width,
            height: size.height,
        });
        let out = event_loop(&mut term, &mut app);
        drop(term);
        out
    })();
    leave();
    result
}

fn event_loop(term: &mut Terminal<Backend>, app: &mut App) -> io::Result<()> {
    draw(term, app)?;
    let mut next_tick = app.tick_interval().map(|i| Instant::now() + i);
    while !app.quit {
        let action = match next_tick {
            Some(at) => {
                let wait = at.saturating_duration_since(Instant::now());
                if event::poll(wait)? {
                    event_action(&event::read()?, app)
                } else {
                    next_tick = app.tick_interval().map(|i| later(at, i));
                    Some(Action::Tick)
                }
            }
            None => event_action(&event::read()?, app),
        };
        let Some(action) = action else { continue };
        let was_moving = app.tick_interval();
        let redraw_all = matches!(action, Action::Resize { .. } | Action::Redraw);
        if redraw_all {
            // A resize may have reflowed or cleared the screen, and several may come at
            // once (the size read back is already the last): draw the whole screen anew.
            // (resize, not clear: clear asks the terminal where the cursor is, a round
            // trip over SSH that a terminal may never answer.)
            let size = term.size()?;
            term.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        }
        if app.update(action) || redraw_all {
            draw(term, app)?;
        }
        // The ticker started or stopped (paused, resized to fit, mode change).
        if app.tick_interval() != was_moving {
            next_tick = app.tick_interval().map(|i| Instant::now() + i);
        }
    }
    Ok(())
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

fn event_action(event: &event::Event, app: &App) -> Option<Action> {
    let mode = if app.help {
        Mode::Help
    } else if app.search.typing.is_some() {
        Mode::Typing
    } else {
        Mode::Normal
    };
    map_event(event, mode)
}

fn draw(term: &mut Terminal<Backend>, app: &App) -> io::Result<()> {
    let _guard = TERMINAL.lock().unwrap_or_else(|e| e.into_inner());
    queue!(term.backend_mut(), BeginSynchronizedUpdate)?;
    term.draw(|frame| crate::tui::ui::render(app, frame))?;
    execute!(term.backend_mut(), EndSynchronizedUpdate)?;
    Ok(())
}

fn enter(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    let mut guard = TERMINAL.lock().unwrap_or_else(|e| e.into_inner());
    *guard = true;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, cursor::Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Restores the terminal: mouse reporting off, the main screen back, the cursor shown, raw
/// mode off. Does nothing when already restored.
pub fn leave() {
    let mut guard = TERMINAL.lock().unwrap_or_else(|e| e.into_inner());
    if !*guard {
        return;
    }
    *guard = false;
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
    let _ = terminal::disable_raw_mode();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
}

/// On SIGTERM, SIGHUP or SIGINT: restore the terminal and exit with 128 + the signal.
fn install_signal_handler() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                leave();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}
