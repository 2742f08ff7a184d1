//! The config file's shape (serde over the `toml` crate, every value with its span) and its
//! checks, each failing with the span of the value at fault.

use super::theme::{Color, Element, StyleSpec, ThemeName};
use super::{Config, KeyBinding, Span, TickerMode};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A problem found in the file: what, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Span,
    pub message: String,
}

fn problem(span: Span, message: impl Into<String>) -> Problem {
    Problem {
        span,
        message: message.into(),
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct File {
    keys: BTreeMap<Spanned<String>, Spanned<KeyList>>,
    theme: ThemeFile,
    ticker: TickerFile,
    reader: ReaderFile,
    archive: ArchiveFile,
    serve: ServeFile,
    source: Vec<SourceFile>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct ServeFile {
    listen: Option<Spanned<String>>,
    host_key: Option<Spanned<String>>,
    max_sessions: Option<Spanned<i64>>,
    max_per_address: Option<Spanned<i64>>,
    connections_per_minute: Option<Spanned<i64>>,
    auth_timeout: Option<Spanned<String>>,
    idle_timeout: Option<Spanned<String>>,
    max_session: Option<Spanned<String>>,
    refresh: Option<Spanned<String>>,
    proxy_protocol: Option<Spanned<bool>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    name: Spanned<String>,
    url: Spanned<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct ArchiveFile {
    record: Option<Spanned<bool>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct TickerFile {
    mode: Option<Spanned<String>>,
    speed: Option<Spanned<i64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct ReaderFile {
    mouse: Option<Spanned<bool>>,
    max_width: Option<Spanned<i64>>,
    links: Option<Spanned<bool>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct StyleFile {
    fg: Option<Spanned<String>>,
    bg: Option<Spanned<String>>,
    bold: Option<bool>,
    dim: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
    reverse: Option<bool>,
}

type StyleField = Option<Spanned<StyleFile>>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct ThemeFile {
    name: Option<Spanned<String>>,
    text: StyleField,
    headline: StyleField,
    subheading: StyleField,
    date: StyleField,
    list_date: StyleField,
    selection: StyleField,
    selection_unfocused: StyleField,
    border: StyleField,
    border_focused: StyleField,
    ticker: StyleField,
    rising: StyleField,
    falling: StyleField,
    flat: StyleField,
    rounded_fall: StyleField,
    #[serde(rename = "match")]
    matches: StyleField,
    current_match: StyleField,
    status: StyleField,
    hint: StyleField,
    key: StyleField,
    unread: StyleField,
    chart: StyleField,
}

impl ThemeFile {
    fn style(&self, element: Element) -> &StyleField {
        match element {
            Element::Text => &self.text,
            Element::Headline => &self.headline,
            Element::Subheading => &self.subheading,
            Element::Date => &self.date,
            Element::ListDate => &self.list_date,
            Element::Selection => &self.selection,
            Element::SelectionUnfocused => &self.selection_unfocused,
            Element::Border => &self.border,
            Element::BorderFocused => &self.border_focused,
            Element::Ticker => &self.ticker,
            Element::Rising => &self.rising,
            Element::Falling => &self.falling,
            Element::Flat => &self.flat,
            Element::RoundedFall => &self.rounded_fall,
            Element::Match => &self.matches,
            Element::CurrentMatch => &self.current_match,
            Element::Status => &self.status,
            Element::Hint => &self.hint,
            Element::Key => &self.key,
            Element::Unread => &self.unread,
            Element::Chart => &self.chart,
        }
    }
}

/// An action's keys: a list of names, or one name; `""` or `[]` unbinds.
enum KeyList {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KeyList, D::Error> {
        struct Names;
        impl<'de> Visitor<'de> for Names {
            type Value = KeyList;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of key names, like [\"j\", \"Down\", \"C-n\"]")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<KeyList, E> {
                Ok(KeyList::One(name.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyList, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<Spanned<String>>()? {
                    names.push(name);
                }
                Ok(KeyList::Many(names))
            }
        }
        d.deserialize_any(Names)
    }
}

/// Reads and checks the text of a config file.
pub fn parse(text: &str) -> Result<Config, Problem> {
    let file: File = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        problem(span.clone(), explain(e.message(), &text[span]))
    })?;
    let mut config = Config::default();
    for (action, keys) in &file.keys {
        let names = match keys.get_ref() {
            KeyList::One(name) => vec![(name.clone(), keys.span())],
            KeyList::Many(names) => names
                .iter()
                .map(|k| (k.get_ref().clone(), k.span()))
                .collect(),
        };
        config.keys.push(KeyBinding {
            action: (action.get_ref().clone(), action.span()),
            keys: names,
        });
    }
    config.keys.sort_by_key(|b| b.action.1.start);
    if let Some(name) = &file.theme.name {
        config.theme.name = ThemeName::from_name(name.get_ref()).ok_or_else(|| {
            let names: Vec<&str> = ThemeName::ALL.iter().map(|t| t.name()).collect();
            problem(
                name.span(),
                format!(
                    "unknown theme `{}`: the themes are {}",
                    name.get_ref(),
                    names.join(", ")
                ),
            )
        })?;
    }
    for element in Element::ALL {
        if let Some(style) = file.theme.style(element) {
            config
                .theme
                .overrides
                .insert(element, style_spec(style.get_ref())?);
        }
    }
    if let Some(mode) = &file.ticker.mode {
        config.ticker.mode = TickerMode::from_name(mode.get_ref()).ok_or_else(|| {
            problem(
                mode.span(),
                format!(
                    "unknown ticker mode `{}`: it is scroll, step or static",
                    mode.get_ref()
                ),
            )
        })?;
    }
    if let Some(speed) = &file.ticker.speed {
        config.ticker.speed = in_range(speed, "speed", 1, 60)?;
    }
    if let Some(mouse) = &file.reader.mouse {
        config.reader.mouse = *mouse.get_ref();
    }
    if let Some(record) = &file.archive.record {
        config.archive.record = *record.get_ref();
    }
    if let Some(links) = &file.reader.links {
        config.reader.links = *links.get_ref();
    }
    if let Some(over) = file.source.get(MAX_SOURCES) {
        return Err(problem(
            over.name.span(),
            format!("at most {MAX_SOURCES} sources: this is one more"),
        ));
    }
    let mut names = std::collections::HashSet::with_capacity(file.source.len());
    for source in &file.source {
        let name = source.name.get_ref().trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(problem(
                source.name.span(),
                "a source's name is a word or two, like \"latest\"",
            ));
        }
        if crate::source::fetch::is_url(name) {
            return Err(problem(
                source.name.span(),
                "a source's name is a word, not an address: the address is its url",
            ));
        }
        if !names.insert(name) {
            return Err(problem(
                source.name.span(),
                format!("two sources are named `{name}`"),
            ));
        }
        let url = source.url.get_ref().trim();
        if !crate::source::fetch::is_url(url) || url::Url::parse(url).is_err() {
            return Err(problem(
                source.url.span(),
                format!("`{url}` is not an http or https address"),
            ));
        }
        config.sources.push(super::SourceConfig {
            name: name.to_owned(),
            url: url.to_owned(),
        });
    }
    if let Some(width) = &file.reader.max_width {
        config.reader.max_width = in_range(width, "max_width", 20, 1000)?;
    }
    serve(&file.serve, &mut config.serve)?;
    Ok(config)
}

/// `[serve]` over its defaults.
fn serve(file: &ServeFile, serve: &mut super::ServeConfig) -> Result<(), Problem> {
    if let Some(listen) = &file.listen {
        let text = listen.get_ref().trim();
        if text.parse::<std::net::SocketAddr>().is_err() {
            return Err(problem(
                listen.span(),
                format!("`{text}` is not an address and port, like 127.0.0.1:2222 or [::]:22"),
            ));
        }
        serve.listen = text.to_owned();
    }
    if let Some(path) = &file.host_key {
        serve.host_key = Some(std::path::PathBuf::from(path.get_ref()));
    }
    let count = |value: &Spanned<i64>, name: &str, high: i64| -> Result<u32, Problem> {
        let v = *value.get_ref();
        if (1..=high).contains(&v) {
            Ok(v as u32)
        } else {
            Err(problem(
                value.span(),
                format!("{name} is {v}: it must be from 1 to {high}"),
            ))
        }
    };
    if let Some(v) = &file.max_sessions {
        serve.max_sessions = count(v, "max_sessions", 1_000_000)?;
    }
    if let Some(v) = &file.max_per_address {
        serve.max_per_address = count(v, "max_per_address", 1_000_000)?;
    }
    if let Some(v) = &file.connections_per_minute {
        serve.connections_per_minute = count(v, "connections_per_minute", 1_000_000)?;
    }
    let duration = |value: &Spanned<String>, name: &str| {
        super::parse_duration(value.get_ref())
            .filter(|d| !d.is_zero() && d.as_secs() <= 366 * 86_400)
            .ok_or_else(|| {
                problem(
                    value.span(),
                    format!(
                        "{name} is `{}`: a time like 90s, 30m, 12h or 1d, at most a year",
                        value.get_ref()
                    ),
                )
            })
    };
    if let Some(v) = &file.auth_timeout {
        serve.auth_timeout = duration(v, "auth_timeout")?;
    }
    if let Some(v) = &file.idle_timeout {
        serve.idle_timeout = duration(v, "idle_timeout")?;
    }
    if let Some(v) = &file.max_session {
        serve.max_session = duration(v, "max_session")?;
    }
    if let Some(v) = &file.refresh {
        serve.refresh = duration(v, "refresh")?;
    }
    if let Some(v) = &file.proxy_protocol {
        serve.proxy_protocol = *v.get_ref();
    }
    Ok(())
}

/// The most `[[source]]`s a config may name: each is fetched in turn at every refresh.
pub const MAX_SOURCES: usize = 1000;

fn style_spec(style: &StyleFile) -> Result<StyleSpec, Problem> {
    let color = |c: &Option<Spanned<String>>| -> Result<Option<Color>, Problem> {
        c.as_ref()
            .map(|c| {
                Color::parse(c.get_ref()).ok_or_else(|| {
                    problem(
                        c.span(),
                        format!(
                            "`{}` is not a colour: use {}",
                            c.get_ref(),
                            Color::NAMES_HELP
                        ),
                    )
                })
            })
            .transpose()
    };
    Ok(StyleSpec {
        fg: color(&style.fg)?,
        bg: color(&style.bg)?,
        bold: style.bold.unwrap_or(false),
        dim: style.dim.unwrap_or(false),
        italic: style.italic.unwrap_or(false),
        underline: style.underline.unwrap_or(false),
        reverse: style.reverse.unwrap_or(false),
    })
}

fn in_range(value: &Spanned<i64>, name: &str, low: u16, high: u16) -> Result<u16, Problem> {
    let v = *value.get_ref();
    u16::try_from(v)
        .ok()
        .filter(|v| (low..=high).contains(v))
        .ok_or_else(|| {
            problem(
                value.span(),
                format!("{name} is {v}: it must be from {low} to {high}"),
            )
        })
}

/// The `toml` crate's message made plainer: an unknown field becomes an unknown setting
/// with the nearest known name.
fn explain(message: &str, at: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or(at);
        // "…, expected `a` or `b`" / "…, expected one of `a`, `b`, `c`"
        let expected = rest.split_once("expected").map_or("", |(_, e)| e);
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let mut out = format!("unknown setting `{name}`");
        match crate::text::suggest::closest(name, known.iter().copied()) {
            Some(near) => out.push_str(&format!("; did you mean `{near}`?")),
            None if !known.is_empty() => {
                out.push_str(&format!("; the settings here are {}", known.join(", ")))
            }
            None => {}
        }
        return out;
    }
    // The user's words, not the types the file is read into.
    message
        .replace(
            "expected struct StyleFile",
            "expected a style: { fg = \"…\", bg = \"…\", bold = true }",
        )
        .replace(
            "expected struct SourceFile",
            "expected a source: name = \"…\", url = \"…\"",
        )
        .replace("expected i64", "expected a whole number")
        .replace("expected a boolean", "expected true or false")
        .split("expected struct ")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                return part.to_owned();
            }
            // `ReaderFile, …` is the [reader] section.
            let name_len = part
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(part.len());
            let section = part[..name_len].trim_end_matches("File").to_lowercase();
            format!("expected a [{section}] section{}", &part[name_len..])
        })
        .collect::<String>()
}
