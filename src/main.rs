//! The `bulletin` command: parse the command line, load the input, pick the output.

use anyhow::Context;
use bulletin::source::{load, Source};
use bulletin::text::marquee::Glyphs;
use bulletin::tui::app::{App, Options, TickerMode};
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// A fast, careful reader for daily news bulletins.
///
/// Opens the bulletin in a full-screen reader; prints it as plain text when standard output
/// is not a terminal. With no FILE, opens the built-in sample.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// A bulletin: its text, or the JSON written by --json; `-` reads standard input.
    file: Option<PathBuf>,

    /// Print the bulletin as JSON.
    #[arg(long, conflicts_with = "plain")]
    json: bool,

    /// Print the bulletin as plain text.
    #[arg(long)]
    plain: bool,

    /// Wrap plain text at N columns (default: the terminal's width, else 80).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    width: Option<u16>,

    /// How the ticker moves when the rates do not fit: a column at a time, a rate at a
    /// time, or not at all.
    #[arg(long, value_enum, default_value = "scroll")]
    ticker: TickerMode,

    /// Colour: auto (on unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,

    /// Leave the mouse to the terminal (so that text can be selected).
    #[arg(long)]
    no_mouse: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bulletin: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<()> {
    let source = Source::from_arg(cli.file.as_deref());
    let bulletin = load(&source)?;
    let stdout = std::io::stdout();
    if !cli.json && !cli.plain && stdout.is_terminal() {
        let options = Options {
            ticker: cli.ticker,
            glyphs: Glyphs::from_env(),
            color: cli.color.enabled(),
        };
        let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
        let app = App::new(bulletin, options, width, height);
        return bulletin::tui::terminal::run(app, !cli.no_mouse).context("terminal error");
    }
    let mut out = stdout.lock();
    if cli.json {
        serde_json::to_writer_pretty(&mut out, &bulletin).context("cannot write JSON")?;
        writeln!(out)?;
    } else {
        let cols = cli.width.map(usize::from).unwrap_or_else(terminal_width);
        let text = bulletin::text::plain::render(&bulletin, cols, Glyphs::from_env());
        out.write_all(text.as_bytes())?;
    }
    out.flush()?;
    Ok(())
}

/// The terminal's width when standard output is one, else 80.
fn terminal_width() -> usize {
    if std::io::stdout().is_terminal() {
        if let Ok((cols, _)) = crossterm::terminal::size() {
            if cols > 0 {
                return usize::from(cols);
            }
        }
    }
    80
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
