//! The command line: its arguments (clap), the config merged under them, and each command.
//! Errors become one message on standard error and an exit code.

mod archive;
mod fetch;
mod out;
mod read;
mod serve;

use crate::config::{self, Config, KeysLine, TickerMode};
use crate::tui::keymap::{Keymap, TABLE};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// A fast, careful reader for daily news bulletins.
///
/// Opens the bulletin in a full-screen reader; prints it as plain text when standard output
/// is not a terminal. With no FILE, opens the archive's day the reader was left on (else its
/// latest day, else the built-in sample).
#[derive(Parser, Debug)]
#[command(version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// A bulletin: its text, the JSON written by --json, a web page or an RSS, Atom or JSON
    /// feed, from a file or an http(s) address; `-` reads standard input.
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

    /// How the ticker moves: a column at a time, a rate at a time, or not at all
    /// (default: the config's, else scroll).
    #[arg(long, value_enum)]
    ticker: Option<TickerArg>,

    /// Colour: auto (on unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,

    /// Leave the mouse to the terminal (so that text can be selected).
    #[arg(long, conflicts_with = "mouse")]
    no_mouse: bool,

    /// Let the reader have the mouse, whatever the config says.
    #[arg(long)]
    mouse: bool,

    /// The config file (default: $BULLETIN_CONFIG, else
    /// $XDG_CONFIG_HOME/bulletin/config.toml).
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,

    /// Open a day of the archive (YYYY-MM-DD, or latest) instead of a file.
    #[arg(long, value_name = "DATE", conflicts_with_all = ["file", "sample"])]
    day: Option<String>,

    /// Open the built-in sample, whatever the archive holds.
    #[arg(long, conflicts_with = "file")]
    sample: bool,

    /// Do not record the file opened in the archive.
    #[arg(long)]
    no_archive: bool,

    /// Give up a fetch that has not finished in SECS seconds.
    #[arg(long, value_name = "SECS", global = true, default_value = "30",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    timeout: u64,

    /// Write headlines as plain text, not as links to their pages.
    #[arg(long)]
    no_links: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the keys in force: each action, its keys, what it does.
    Keys,
    /// Print the configuration in force as a config file, every setting commented.
    Config,
    /// Add bulletins to the archive: files, and folders with all they hold.
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// The days in the archive, newest first: stories, unread, rates.
    Days {
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Each pair's history, oldest first, with the change from the previous day.
    Rates {
        /// Pairs, like KZT/USD (default: every pair).
        #[arg(value_name = "PAIR")]
        pairs: Vec<String>,
        /// From this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// To this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// As JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// As CSV.
        #[arg(long)]
        csv: bool,
    },
    /// Fetch pages and feeds into the archive: addresses, or the names of the config's
    /// [[source]]s; none named, every source of the config.
    Fetch {
        #[arg(value_name = "URL|NAME")]
        targets: Vec<String>,
    },
    /// The reader as an SSH service: `ssh -p 2222 HOST` opens it, for anyone. Fetches the
    /// config's [[source]]s on a schedule; settings under [serve] in the config.
    Serve {
        /// Where to listen, ADDRESS:PORT (default: the config's, else 127.0.0.1:2222;
        /// port 0 picks a free port and prints it).
        #[arg(long, value_name = "ADDR:PORT")]
        listen: Option<String>,
        /// The host key (ed25519, OpenSSH format), made there if missing; share one
        /// between servers behind a balancer (default: host_key in the data folder).
        #[arg(long, value_name = "PATH")]
        host_key: Option<PathBuf>,
        /// Every connection starts with a PROXY protocol v2 header (behind HAProxy's
        /// send-proxy-v2); one without is refused.
        #[arg(long)]
        proxy_protocol: bool,
    },
    /// Stories matching words across every day, best first.
    Search {
        #[arg(required = true, value_name = "WORDS")]
        words: Vec<String>,
        /// As JSON.
        #[arg(long)]
        json: bool,
        /// At most this many.
        #[arg(long, value_name = "N", default_value = "20")]
        limit: usize,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum TickerArg {
    Scroll,
    Step,
    Static,
}

impl From<TickerArg> for TickerMode {
    fn from(t: TickerArg) -> TickerMode {
        match t {
            TickerArg::Scroll => TickerMode::Scroll,
            TickerArg::Step => TickerMode::Step,
            TickerArg::Static => TickerMode::Static,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
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

/// The program: parses the command line, runs the command, turns errors into an exit code.
/// `stdout_closed`: standard output was closed when the process started.
pub fn main(stdout_closed: bool) -> ExitCode {
    let cli = Cli::parse();
    if stdout_closed {
        say("cannot write to standard output: it is closed");
        return ExitCode::FAILURE;
    }
    match run(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            say(&format!("{e:#}"));
            ExitCode::FAILURE
        }
    }
}

/// Says something on standard error; a standard error that cannot be written to (a
/// terminal gone) is no reason to panic.
fn say(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "bulletin: {message}");
}

fn run(cli: &Cli) -> anyhow::Result<u8> {
    let config = Config::load(cli.config.as_deref())?;
    let keymap = keymap(&config)?;
    match &cli.command {
        Some(Command::Keys) => out::print(keymap.table_text().as_bytes()),
        Some(Command::Config) => out::print(config_text(&config, &keymap).as_bytes()),
        Some(Command::Import { paths }) => archive::import(paths),
        Some(Command::Days { json }) => archive::days(*json),
        Some(Command::Rates {
            pairs,
            from,
            to,
            json,
            csv,
        }) => {
            let format = match (json, csv) {
                (true, _) => archive::RatesFormat::Json,
                (_, true) => archive::RatesFormat::Csv,
                _ => archive::RatesFormat::Text,
            };
            archive::rates(pairs, from.as_deref(), to.as_deref(), format)
        }
        Some(Command::Search { words, json, limit }) => archive::search(words, *json, *limit),
        Some(Command::Fetch { targets }) => fetch::run(targets, &config, cli.timeout()),
        Some(Command::Serve {
            listen,
            host_key,
            proxy_protocol,
        }) => serve::run(
            cli,
            &config,
            keymap,
            listen.as_deref(),
            host_key.clone(),
            *proxy_protocol,
        ),
        None => read::run(cli, &config, keymap),
    }
}

impl Cli {
    /// The time limit of a fetch.
    pub(crate) fn timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.timeout)
    }
}

/// The keymap of the config, its errors pointing into the file.
fn keymap(config: &Config) -> Result<Keymap, config::ConfigError> {
    Keymap::new(&config.keys).map_err(|e| config.error_at(e.at, e.message))
}

/// The configuration in force, as a config file.
fn config_text(config: &Config, keymap: &Keymap) -> String {
    let keys: Vec<KeysLine> = TABLE
        .iter()
        .map(|e| KeysLine {
            name: e.name,
            keys: keymap
                .keys(e.action)
                .iter()
                .map(|k| k.to_string())
                .collect(),
            does: e.does,
        })
        .collect();
    config::render(config, &keys)
}
