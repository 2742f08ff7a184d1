//! The default command: a bulletin opened in the reader, or printed as JSON or plain text.

use super::out::{print, write_out};
use super::Cli;
use crate::config::Config;
use crate::text::glyphs::Glyphs;
use crate::tui::app::{App, Settings};
use crate::tui::keymap::Keymap;
use anyhow::Context;
use std::io::{IsTerminal, Write};

/// Opens or prints the bulletin the command line names.
pub fn run(cli: &Cli, config: &Config, keymap: Keymap) -> anyhow::Result<u8> {
    let printing = cli.json || cli.plain || !std::io::stdout().is_terminal() || !can_draw();
    let opened = super::archive::open(super::archive::Ask {
        file: cli.file.as_deref(),
        day: cli.day.as_deref(),
        sample: cli.sample,
        // Printing is not a visit: only the reader records what it opens (`import` adds a
        // file without reading it).
        record: !printing && config.archive.record && !cli.no_archive,
        later: !printing,
        timeout: cli.timeout(),
    })?;
    if printing {
        // Printed, the bulletin has no status line: say it here.
        if let Some(note) = &opened.note {
            let _ = writeln!(std::io::stderr(), "bulletin: {note}");
        }
        if let Some(note) = &opened.read_only {
            let _ = writeln!(std::io::stderr(), "bulletin: {note}");
        }
        if let Some(note) = &opened.lenient {
            let _ = writeln!(std::io::stderr(), "bulletin: {note}");
        }
    }
    let record = opened
        .record
        .clone()
        .map(|name| (Box::new(opened.bulletin.clone()), name));
    let mut bulletin = opened.bulletin;
    let stdout = std::io::stdout();
    if !cli.json && Glyphs::from_env() == Glyphs::Ascii {
        // Not a UTF-8 terminal: text it can show, not mojibake.
        bulletin.map_texts(crate::text::ascii::to_ascii);
    }
    if !cli.json && !cli.plain && stdout.is_terminal() && can_draw() {
        let (settings, mouse) = reader_settings(cli, config);
        let (width, height) = crate::term::tty::size().unwrap_or((80, 24));
        let mut app = App::new(bulletin, settings, keymap, width, height);
        app.set_archive_view(crate::tui::app::ArchiveView {
            day: opened.day,
            stories: opened.stories.clone(),
            place: opened.place,
            note: opened
                .note
                .as_ref()
                .map(|e| e.status_line())
                .or_else(|| {
                    opened
                        .read_only
                        .as_ref()
                        .map(|_| "the archive cannot be written to: nothing is kept".to_owned())
                })
                .or_else(|| opened.lenient.clone()),
            has_archive: opened.archive.is_some(),
            sample_beside_archive: cli.sample && super::archive::path().is_ok_and(|p| p.exists()),
            follow_latest: false,
            record,
        });
        let exit = crate::tui::terminal::run(
            app,
            mouse,
            opened.archive,
            opened.file,
            crate::tui::terminal::Web {
                sources: config
                    .sources
                    .iter()
                    .map(crate::sync::Target::from)
                    .collect(),
                timeout: Some(cli.timeout()),
            },
        )
        .context("terminal error")?;
        return Ok(exit.code());
    }
    if cli.json {
        return write_out(|out| {
            serde_json::to_writer_pretty(&mut *out, &bulletin).map_err(std::io::Error::from)?;
            writeln!(out)
        });
    }
    let cols = cli.width.map(usize::from).unwrap_or_else(terminal_width);
    let text = crate::text::plain::render(&bulletin, cols, Glyphs::from_env());
    print(text.as_bytes())
}

/// False for a terminal that cannot show a full screen (`TERM=dumb`, or no `TERM` at all):
/// it gets the plain text, as a pipe does.
fn can_draw() -> bool {
    std::env::var("TERM").is_ok_and(|t| !t.is_empty() && t != "dumb")
}

/// The reader's settings and whether it takes the mouse: the config's, with the command
/// line's flags over them.
pub(super) fn reader_settings(cli: &Cli, config: &Config) -> (Settings, bool) {
    let mut ticker = config.ticker;
    if let Some(mode) = cli.ticker {
        ticker.mode = mode.into();
    }
    let mouse = (config.reader.mouse || cli.mouse) && !cli.no_mouse;
    let settings = Settings {
        glyphs: Glyphs::from_env(),
        color: cli.color.enabled(),
        ticker,
        theme: config.theme.clone(),
        max_width: config.reader.max_width,
        links: config.reader.links && !cli.no_links,
        mouse,
    };
    (settings, mouse)
}

/// The terminal's width when standard output is one, else 80.
fn terminal_width() -> usize {
    if std::io::stdout().is_terminal() {
        if let Ok((cols, _)) = crate::term::tty::size() {
            if cols > 0 {
                return usize::from(cols);
            }
        }
    }
    80
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::TickerMode;
    use clap::Parser;
    use std::path::Path;

    fn settings(args: &[&str], config: &str) -> (Settings, bool) {
        let cli = Cli::parse_from(std::iter::once("bulletin").chain(args.iter().copied()));
        let config = Config::parse(config, Path::new("c.toml")).unwrap();
        reader_settings(&cli, &config)
    }

    #[test]
    fn flags_win_over_the_file_and_the_file_over_the_defaults() {
        let file =
            "[ticker]\nmode = \"static\"\nspeed = 5\n[reader]\nmouse = false\nmax_width = 70\n";
        let (s, mouse) = settings(&[], file);
        assert_eq!(
            (s.ticker.mode, s.ticker.speed, s.max_width, mouse),
            (TickerMode::Static, 5, 70, false)
        );
        let (s, mouse) = settings(&["--ticker", "step", "--mouse"], file);
        assert_eq!(
            (s.ticker.mode, s.ticker.speed, mouse),
            (TickerMode::Step, 5, true)
        );
        let (s, mouse) = settings(&["--no-mouse", "--color", "never"], "");
        assert_eq!(
            (s.ticker.mode, s.max_width, mouse, s.color),
            (TickerMode::Scroll, 100, false, false)
        );
    }
}
