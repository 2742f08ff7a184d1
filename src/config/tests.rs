//! The file's settings, and an error at the right place for each kind of mistake.

use super::theme::{Color, Element, StyleSpec, ThemeName};
use super::*;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(text, Path::new("config.toml"))
}

/// The error's line, column and message.
fn error(text: &str) -> (usize, usize, String) {
    let e = parse(text).unwrap_err();
    let (line, column, _) = e.at.clone().expect("a place");
    (line, column, e.message)
}

#[test]
fn an_empty_file_is_the_defaults() {
    let c = parse("").unwrap();
    assert_eq!(c.reader, ReaderConfig::default());
    assert_eq!(c.ticker, TickerConfig::default());
    assert_eq!(c.theme, ThemeConfig::default());
    assert!(c.keys.is_empty());
    assert_eq!(c.reader.max_width, 100);
    assert!(c.reader.mouse);
}

#[test]
fn every_setting_is_read() {
    let c = parse(
        "[keys]\nnext_story = [\"j\", \"Down\", \"x\"]\nquit = \"q\"\nhelp = []\n\
         [theme]\nname = \"light\"\nselection = { fg = \"black\", bg = \"cyan\", bold = true }\n\
         falling = { fg = \"#ff0000\" }\n\
         [ticker]\nmode = \"step\"\nspeed = 12\n[reader]\nmouse = false\nmax_width = 72\n",
    )
    .unwrap();
    let keys: Vec<(&str, Vec<&str>)> = c
        .keys
        .iter()
        .map(|b| {
            let names = b.keys.iter().map(|k| k.0.as_str()).collect();
            (b.action.0.as_str(), names)
        })
        .collect();
    assert_eq!(
        keys,
        [
            ("next_story", vec!["j", "Down", "x"]),
            ("quit", vec!["q"]),
            ("help", vec![])
        ]
    );
    assert_eq!(c.theme.name, ThemeName::Light);
    assert_eq!(
        c.theme.style(Element::Selection),
        StyleSpec {
            fg: Some(Color::Ansi(0)),
            bg: Some(Color::Ansi(6)),
            bold: true,
            ..StyleSpec::default()
        }
    );
    assert_eq!(
        c.theme.style(Element::Falling).fg,
        Some(Color::Rgb(255, 0, 0))
    );
    assert_eq!(
        c.theme.style(Element::Rising),
        ThemeName::Light.style(Element::Rising)
    );
    assert_eq!(
        c.ticker,
        TickerConfig {
            mode: TickerMode::Step,
            speed: 12
        }
    );
    assert_eq!(
        c.reader,
        ReaderConfig {
            mouse: false,
            max_width: 72,
            links: true,
        }
    );
}

#[test]
fn a_syntax_error_points_at_its_line() {
    let (line, _, message) = error("[reader]\nmouse = \n");
    assert_eq!(line, 2);
    assert!(
        message.contains("string values must be quoted") || message.contains("expected"),
        "{message}"
    );
}

#[test]
fn unknown_settings_and_sections_suggest_the_nearest_name() {
    assert_eq!(
        error("[reader]\nmax_widht = 90\n"),
        (
            2,
            1,
            "unknown setting `max_widht`; did you mean `max_width`?".into()
        )
    );
    assert_eq!(
        error("\n[readr]\n"),
        (
            2,
            2,
            "unknown setting `readr`; did you mean `reader`?".into()
        )
    );
    assert_eq!(
        error("[theme]\nselection = { fg = \"red\", bld = true }\n"),
        (2, 27, "unknown setting `bld`; did you mean `bold`?".into())
    );
    let (_, _, message) = error("[ticker]\ncolour = 3\n");
    assert_eq!(
        message,
        "unknown setting `colour`; the settings here are mode, speed"
    );
}

#[test]
fn bad_values_name_what_is_allowed() {
    assert_eq!(
        error("[reader]\nmax_width = 5\n"),
        (2, 13, "max_width is 5: it must be from 20 to 1000".into())
    );
    assert_eq!(
        error("[ticker]\nspeed = -3\n"),
        (2, 9, "speed is -3: it must be from 1 to 60".into())
    );
    assert_eq!(
        error("[ticker]\nmode = \"fast\"\n"),
        (
            2,
            8,
            "unknown ticker mode `fast`: it is scroll, step or static".into()
        )
    );
    assert_eq!(
        error("[theme]\nname = \"dark\"\n"),
        (
            2,
            8,
            "unknown theme `dark`: the themes are default, mono, light".into()
        )
    );
    let (line, column, message) = error("[theme]\nfalling = { fg = \"redish\" }\n");
    assert_eq!((line, column), (2, 18));
    assert!(
        message.starts_with("`redish` is not a colour: use black, red"),
        "{message}"
    );
    let (_, _, message) = error("[reader]\nmouse = \"yes\"\n");
    assert!(message.contains("expected true or false"), "{message}");
    let (line, column, message) = error("[keys]\nquit = 5\n");
    assert_eq!((line, column), (2, 8));
    assert!(message.contains("a list of key names"), "{message}");
}

#[test]
fn the_message_shows_the_line_and_a_caret_under_the_column() {
    let e = parse("[reader]\n  max_widht = 90\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "config file 'config.toml', line 2, column 3: unknown setting `max_widht`; did you mean \
         `max_width`?\n  2 |   max_widht = 90\n    |   ^"
    );
}

#[test]
fn a_missing_default_file_is_the_defaults_a_missing_named_one_an_error() {
    let dir = std::env::temp_dir().join(format!("bulletin-config-{}", std::process::id()));
    let missing = dir.join("nope.toml");
    let e = Config::load(Some(&missing)).unwrap_err();
    assert_eq!(e.message, "No such file or directory");
    assert_eq!(e.path, missing);
}

#[test]
fn the_written_config_reads_back_as_the_same_config() {
    let c = parse(
        "[theme]\nname = \"mono\"\nmatch = { fg = \"bright_white\", underline = true }\n\
         [ticker]\nmode = \"static\"\nspeed = 3\n[reader]\nmouse = false\nmax_width = 64\n",
    )
    .unwrap();
    let keys = [write::KeysLine {
        name: "quit",
        keys: vec!["x".into(), "C-c".into()],
        does: "quit",
    }];
    let text = render(&c, &keys);
    let back = parse(&text).unwrap();
    assert_eq!(back.reader, c.reader);
    assert_eq!(back.ticker, c.ticker);
    assert_eq!(back.theme.name, c.theme.name);
    for e in Element::ALL {
        assert_eq!(back.theme.style(e), c.theme.style(e), "{e:?}");
    }
    assert_eq!(back.keys.len(), 1);
    assert_eq!(back.keys[0].keys[0].0, "x");
}

#[test]
fn a_value_of_the_wrong_kind_is_explained_in_the_users_words_not_rusts_types() {
    let message = |text: &str| {
        Config::parse(text, Path::new("c.toml"))
            .unwrap_err()
            .message
    };
    assert_eq!(
        message("[theme]\nselection = \"reverse\"\n"),
        "invalid type: string \"reverse\", expected a style: { fg = \"…\", bg = \"…\", bold = true }"
    );
    let keys = message("[keys]\nquit = 5\n");
    assert!(keys.contains("expected a list of key names"), "{keys}");
    for text in [
        "[theme]\nselection = \"reverse\"\n",
        "[keys]\nquit = 5\n",
        "[reader]\nmax_width = \"wide\"\n",
        "[[source]]\nname = 5\nurl = \"https://e.example/\"\n",
        "source = 5\n",
        "reader = 5\n",
    ] {
        let m = message(text);
        for rust in ["struct", "enum", "File", "i64", "untagged", "variant"] {
            assert!(!m.contains(rust), "{text}: {m}");
        }
    }
}

#[test]
fn the_written_configs_comments_stand_in_one_column_whatever_the_values() {
    let c = parse(
        "[theme]\nmatch = { fg = \"#123456\", bg = \"#abcdef\", bold = true, italic = true, \
         underline = true }\n",
    )
    .unwrap();
    let keys = [
        write::KeysLine {
            name: "quit",
            keys: vec!["q".into()],
            does: "quit",
        },
        write::KeysLine {
            name: "next_story",
            keys: ["j", "Down", "C-n", "S-Down", "M-Down", "F12"]
                .iter()
                .map(|k| k.to_string())
                .collect(),
            does: "next story",
        },
    ];
    let text = render(&c, &keys);
    let column = |section: &str| -> Vec<usize> {
        let start = text.find(section).unwrap();
        text[start..]
            .lines()
            .skip(1)
            .take_while(|l| !l.is_empty())
            .filter(|l| !l.starts_with('#') && l.contains(" # "))
            .map(|l| l[..l.find(" # ").unwrap()].chars().count())
            .collect()
    };
    for section in ["[theme]", "[keys]"] {
        let at = column(section);
        assert!(at.len() >= 2, "{section}: {text}");
        assert!(at.iter().all(|c| *c == at[0]), "{section}: {at:?}\n{text}");
    }
}

#[test]
fn serve_settings_are_read_and_bad_ones_point_at_their_line() {
    let c = parse(
        "[serve]\nlisten = \"0.0.0.0:22\"\nmax_per_address = 3\nidle_timeout = \"2m\"\n\
         refresh = \"1h\"\nproxy_protocol = true\n",
    )
    .unwrap();
    assert_eq!(c.serve.listen, "0.0.0.0:22");
    assert_eq!(c.serve.max_per_address, 3);
    assert_eq!(c.serve.max_sessions, 1000, "a default kept");
    assert_eq!(c.serve.idle_timeout, std::time::Duration::from_secs(120));
    assert_eq!(c.serve.refresh, std::time::Duration::from_secs(3600));
    assert!(c.serve.proxy_protocol);
    let e = parse("[serve]\nidle_timeout = \"soon\"\n").unwrap_err();
    assert!(
        e.message.contains("idle_timeout is `soon`"),
        "{}",
        e.message
    );
    let e = parse("[serve]\nlisten = \"somewhere\"\n").unwrap_err();
    assert!(
        e.message.contains("not an address and port"),
        "{}",
        e.message
    );
    let e = parse("[serve]\nmax_sessions = 0\n").unwrap_err();
    assert!(e.message.contains("max_sessions is 0"), "{}", e.message);
}

#[test]
fn durations_read_as_written_and_write_back_the_same() {
    use crate::config::{format_duration, parse_duration};
    for (text, secs) in [
        ("90s", 90),
        ("30m", 1800),
        ("12h", 43_200),
        ("1d", 86_400),
        ("45", 45),
    ] {
        let d = parse_duration(text).unwrap();
        assert_eq!(d.as_secs(), secs, "{text}");
    }
    assert_eq!(format_duration(parse_duration("30m").unwrap()), "30m");
    assert_eq!(format_duration(parse_duration("90s").unwrap()), "90s");
    assert!(parse_duration("m").is_none());
    assert!(parse_duration("3 weeks").is_none());
    assert!(parse_duration("99999999999999999999d").is_none());
}
