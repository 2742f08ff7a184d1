//! The config file: where it is found (XDG), what it holds, and errors that point at the
//! line. Raw values only: key names stay names and colours stay colour names; the reader
//! gives them their meaning.

mod file;
pub mod theme;
mod write;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;
use theme::{Element, StyleSpec, ThemeName};

pub use write::{render, KeysLine};

/// A byte range of the config file's text.
pub type Span = std::ops::Range<usize>;

/// The environment variable that names a config file.
pub const ENV: &str = "BULLETIN_CONFIG";

/// The whole configuration: the defaults with the file's settings applied.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file read and its text, or `None` for the defaults alone.
    pub origin: Option<(PathBuf, String)>,
    /// `[keys]`: actions whose keys the file replaces, in the order written.
    pub keys: Vec<KeyBinding>,
    pub theme: ThemeConfig,
    pub ticker: TickerConfig,
    pub reader: ReaderConfig,
    pub archive: ArchiveConfig,
    /// `[serve]`: the SSH service (`bulletin serve`).
    pub serve: ServeConfig,
    /// `[[source]]`: the pages and feeds `bulletin fetch` and the reader's `R` fetch.
    pub sources: Vec<SourceConfig>,
}

/// A page or a feed to fetch, by a name of the user's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceConfig {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArchiveConfig {
    /// A file opened in the reader is recorded in the archive, as a browser keeps history.
    pub record: bool,
}

impl Default for ArchiveConfig {
    fn default() -> ArchiveConfig {
        ArchiveConfig { record: true }
    }
}

/// One line of `[keys]`: an action's name and its new keys, each with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    pub action: (String, Span),
    pub keys: Vec<(String, Span)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeConfig {
    pub name: ThemeName,
    /// Elements whose style the file gives, replacing the theme's.
    pub overrides: BTreeMap<Element, StyleSpec>,
}

impl ThemeConfig {
    /// The style of an element: the file's, else the theme's.
    pub fn style(&self, element: Element) -> StyleSpec {
        self.overrides
            .get(&element)
            .copied()
            .unwrap_or_else(|| self.name.style(element))
    }
}

/// How the ticker moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TickerMode {
    /// A column at a time, continuously.
    #[default]
    Scroll,
    /// A whole rate at a time.
    Step,
    /// No motion.
    Static,
}

impl TickerMode {
    pub fn name(self) -> &'static str {
        match self {
            TickerMode::Scroll => "scroll",
            TickerMode::Step => "step",
            TickerMode::Static => "static",
        }
    }

    pub fn from_name(name: &str) -> Option<TickerMode> {
        [TickerMode::Scroll, TickerMode::Step, TickerMode::Static]
            .into_iter()
            .find(|m| m.name() == name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TickerConfig {
    pub mode: TickerMode,
    /// Columns a second when scrolling.
    pub speed: u16,
}

impl Default for TickerConfig {
    fn default() -> TickerConfig {
        TickerConfig {
            mode: TickerMode::Scroll,
            speed: 8,
        }
    }
}

/// `[serve]`: the reader as an SSH service, its address and its limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeConfig {
    /// Where it listens, `ADDRESS:PORT` (port 0: a free one, printed).
    pub listen: String,
    /// The host key (ed25519, OpenSSH format); none: `host_key` in the data folder, made at
    /// first start.
    pub host_key: Option<PathBuf>,
    /// Sessions at once, at most.
    pub max_sessions: u32,
    /// Sessions at once from one client address, at most.
    pub max_per_address: u32,
    /// New connections a minute from one address, at most (a burst of as many is allowed).
    pub connections_per_minute: u32,
    /// Authentication must finish within this.
    pub auth_timeout: Duration,
    /// A session with no input for this long is closed.
    pub idle_timeout: Duration,
    /// A session lasts at most this long.
    pub max_session: Duration,
    /// How often the server fetches the sources.
    pub refresh: Duration,
    /// Every connection starts with a PROXY protocol v2 header (behind a load balancer).
    pub proxy_protocol: bool,
}

impl Default for ServeConfig {
    fn default() -> ServeConfig {
        ServeConfig {
            listen: "127.0.0.1:2222".into(),
            host_key: None,
            max_sessions: 1000,
            max_per_address: 10,
            connections_per_minute: 30,
            auth_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30 * 60),
            max_session: Duration::from_secs(12 * 3600),
            refresh: Duration::from_secs(30 * 60),
            proxy_protocol: false,
        }
    }
}

/// A duration as the config writes it: `90s`, `30m`, `12h`, `1d` (a number alone: seconds).
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: u64 = number.parse().ok()?;
    let scale = match unit.trim() {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return None,
    };
    n.checked_mul(scale).map(Duration::from_secs)
}

/// A duration written as the config reads it: the largest whole unit.
pub fn format_duration(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        s if s >= 86_400 && s % 86_400 == 0 => format!("{}d", s / 86_400),
        s if s >= 3600 && s % 3600 == 0 => format!("{}h", s / 3600),
        s if s >= 60 && s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderConfig {
    /// Mouse reporting on: the wheel scrolls, a click selects.
    pub mouse: bool,
    /// The widest a story's lines run, in columns.
    pub max_width: u16,
    /// A story's headline is a terminal hyperlink (OSC 8) to its address.
    pub links: bool,
}

impl Default for ReaderConfig {
    fn default() -> ReaderConfig {
        ReaderConfig {
            mouse: true,
            max_width: 100,
            links: true,
        }
    }
}

/// Why the configuration could not be had: the file, and the line, column and problem
/// where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, and the text of that line.
    pub at: Option<(usize, usize, String)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = crate::source::escape_path(&self.path);
        match &self.at {
            None => write!(f, "config file '{path}': {}", self.message),
            Some((line, column, text)) => {
                writeln!(
                    f,
                    "config file '{path}', line {line}, column {column}: {}",
                    self.message
                )?;
                let number = line.to_string();
                let text: String = text.chars().filter(|c| !c.is_control()).collect();
                writeln!(f, "  {number} | {text}")?;
                let before: String = text.chars().take(column.saturating_sub(1)).collect();
                let pad = crate::text::wrap::width(&before);
                write!(f, "  {} | {}^", " ".repeat(number.len()), " ".repeat(pad))
            }
        }
    }
}

impl std::error::Error for ConfigError {}

/// The largest config file read: a config of a hundred sources is a few kilobytes.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

impl Config {
    /// Reads the config: `explicit` (from `--config`) if given, else the file named by
    /// `BULLETIN_CONFIG`, else `$XDG_CONFIG_HOME/bulletin/config.toml`. A file named
    /// explicitly must exist; the default file may not, and then the defaults apply.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let from_env = std::env::var_os(ENV).filter(|v| !v.is_empty());
        let (path, required) = match (explicit, from_env) {
            (Some(p), _) => (p.to_owned(), true),
            (None, Some(p)) => (PathBuf::from(p), true),
            (None, None) => match default_path() {
                Some(p) => (p, false),
                None => return Ok(Config::default()),
            },
        };
        if !required && !path.exists() {
            return Ok(Config::default());
        }
        let refused = |message: String| ConfigError {
            path: path.clone(),
            at: None,
            message,
        };
        // The checks a FILE gets: a FIFO would block, a device never end.
        let bytes = crate::source::read_regular_file(&path, MAX_CONFIG_BYTES).map_err(refused)?;
        let text = String::from_utf8(bytes).map_err(|_| refused("it is not UTF-8 text".into()))?;
        Config::parse(&text, &path)
    }

    /// Reads a config from its text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let mut config = file::parse(text).map_err(|p| error_at(path, text, p.span, p.message))?;
        config.origin = Some((path.to_owned(), text.to_owned()));
        Ok(config)
    }

    /// An error at a span of this config's file (for checks made by the layers that give
    /// the raw values their meaning, such as the key names).
    pub fn error_at(&self, span: Span, message: impl Into<String>) -> ConfigError {
        match &self.origin {
            Some((path, text)) => error_at(path, text, span, message.into()),
            None => ConfigError {
                path: PathBuf::from("(defaults)"),
                at: None,
                message: message.into(),
            },
        }
    }
}

/// `$XDG_CONFIG_HOME/bulletin/config.toml`, or `~/.config/bulletin/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let dirs = etcetera::choose_base_strategy().ok()?;
    Some(dirs.config_dir().join("bulletin").join("config.toml"))
}

fn error_at(path: &Path, text: &str, span: Span, message: String) -> ConfigError {
    let start = span.start.min(text.len());
    let start = (0..=start)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[..start].matches('\n').count() + 1;
    let column = text[line_start..start].chars().count() + 1;
    let line_text = text[line_start..line_end].trim_end_matches('\r').to_owned();
    ConfigError {
        path: path.to_owned(),
        at: Some((line, column, line_text)),
        message,
    }
}

#[cfg(test)]
mod tests;
