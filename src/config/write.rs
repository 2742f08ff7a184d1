//! The effective configuration written out as a config file: every setting with its value
//! and a comment, a valid file to start from.

use super::theme::Element;
use super::Config;
use std::fmt::Write as _;

/// One action of `[keys]` as it is written: its name, its keys, what it does.
pub struct KeysLine<'a> {
    pub name: &'a str,
    pub keys: Vec<String>,
    pub does: &'a str,
}

/// The config as TOML, with a comment for each setting. `keys` is the key table in force
/// (the reader owns the actions; the config only writes them).
pub fn render(config: &Config, keys: &[KeysLine]) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "# bulletin's settings. Save this as ~/.config/bulletin/config.toml (precisely:\n\
         # $XDG_CONFIG_HOME/bulletin/config.toml), or name a file with --config FILE or\n\
         # $BULLETIN_CONFIG, and change what you like; a setting left out takes its default."
    );
    let reader = config.reader;
    let _ = write!(
        w,
        "\n[reader]\n\
         # The mouse wheel scrolls and a click selects; false leaves the mouse to the\n\
         # terminal, so that text can be selected.\n\
         mouse = {}\n\
         # The widest a story's lines run on a wide terminal, in columns (20 to 1000).\n\
         max_width = {}\n\
         # A story's headline is a link to its page (OSC 8) in terminals that show links;\n\
         # false (or --no-links) writes it as plain text.\n\
         links = {}\n",
        reader.mouse, reader.max_width, reader.links
    );
    let _ = write!(
        w,
        "\n[archive]\n\
         # A file opened in the reader is recorded in the archive, as a browser keeps\n\
         # history (the built-in sample never is; --no-archive for once).\n\
         record = {}\n",
        config.archive.record
    );
    let serve = &config.serve;
    let _ = write!(
        w,
        "\n[serve]\n\
         # `bulletin serve`: the reader as an SSH service (`ssh -p 2222 host`). Where it\n\
         # listens (port 0: any free port, printed at start).\n\
         listen = \"{}\"\n\
         # The host key (ed25519); left out, one is made at first start in the data folder.\n\
         {}\n\
         # Sessions at once, and at once from one client address.\n\
         max_sessions = {}\n\
         max_per_address = {}\n\
         # New connections a minute from one address (a burst of as many at once).\n\
         connections_per_minute = {}\n\
         # Authentication must finish within this; a session without a key typed for\n\
         # idle_timeout is closed, and any after max_session (90s, 30m, 12h, 1d).\n\
         auth_timeout = \"{}\"\n\
         idle_timeout = \"{}\"\n\
         max_session = \"{}\"\n\
         # How often the server fetches the [[source]]s below.\n\
         refresh = \"{}\"\n\
         # Behind a load balancer that sends a PROXY protocol v2 header (HAProxy's\n\
         # send-proxy-v2): the real client address; a connection without one is refused.\n\
         proxy_protocol = {}\n",
        serve.listen,
        match &serve.host_key {
            Some(p) => format!("host_key = {}", quoted(&p.to_string_lossy())),
            None => "# host_key = \"/etc/bulletin/host_key\"".to_owned(),
        },
        serve.max_sessions,
        serve.max_per_address,
        serve.connections_per_minute,
        super::format_duration(serve.auth_timeout),
        super::format_duration(serve.idle_timeout),
        super::format_duration(serve.max_session),
        super::format_duration(serve.refresh),
        serve.proxy_protocol,
    );
    let _ = write!(
        w,
        "\n# Pages and feeds to fetch: `bulletin fetch` fetches them all into the archive\n\
         # (`bulletin fetch NAME` one), as does R in the reader. A listing page, or an RSS,\n\
         # Atom or JSON feed; one [[source]] each.\n"
    );
    if config.sources.is_empty() {
        let _ = write!(
            w,
            "# [[source]]\n\
             # name = \"latest\"\n\
             # url = \"https://example.org/latest/\"\n"
        );
    }
    for source in &config.sources {
        let _ = write!(
            w,
            "[[source]]\nname = {}\nurl = {}\n",
            quoted(&source.name),
            quoted(&source.url)
        );
    }
    let ticker = config.ticker;
    let _ = write!(
        w,
        "\n[ticker]\n\
         # How the ticker moves: \"scroll\" (a column at a time), \"step\" (a rate at a time)\n\
         # or \"static\".\n\
         mode = \"{}\"\n\
         # Columns a second when scrolling (1 to 60).\n\
         speed = {}\n",
        ticker.mode.name(),
        ticker.speed
    );
    let _ = write!(
        w,
        "\n[theme]\n\
         # The built-in theme: \"default\", \"mono\" (no colour: bold and reverse alone) or\n\
         # \"light\" (for light backgrounds). Each element below replaces the theme's style\n\
         # for it: fg and bg take black, red, green, yellow, blue, magenta, cyan, white,\n\
         # bright_black to bright_white, default, or \"#rrggbb\"; bold, dim, italic,\n\
         # underline and reverse take true or false. NO_COLOR still turns colour off.\n\
         name = \"{}\"\n",
        config.theme.name.name()
    );
    let width = Element::ALL
        .iter()
        .map(|e| e.name().len())
        .max()
        .unwrap_or(0);
    // The comments in one column, after the longest value (a long colour list stays put).
    let styles: Vec<String> = Element::ALL
        .iter()
        .map(|e| config.theme.style(*e).to_toml())
        .collect();
    let values = styles.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    for (element, style) in Element::ALL.iter().zip(&styles) {
        let (name, what) = element.describe();
        let _ = writeln!(w, "{:<width$} = {style:<values$} # {what}", toml_key(name));
    }
    let _ = write!(
        w,
        "\n[keys]\n\
         # action = [keys]: the action's keys, replacing its defaults; [] unbinds it.\n\
         # Keys are written like \"j\", \"J\", \"C-f\" (Control), \"M-x\" (Alt), \"S-Tab\",\n\
         # \"Enter\", \"Esc\", \"Space\", \"PgDn\", \"Down\", \"F1\". `bulletin keys` lists them.\n"
    );
    let width = keys.iter().map(|k| k.name.len()).max().unwrap_or(0);
    let lists: Vec<String> = keys
        .iter()
        .map(|line| {
            let list: Vec<String> = line.keys.iter().map(|k| quoted(k)).collect();
            format!("[{}]", list.join(", "))
        })
        .collect();
    let values = lists.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    for (line, list) in keys.iter().zip(&lists) {
        let _ = writeln!(w, "{:<width$} = {list:<values$} # {}", line.name, line.does);
    }
    out
}

/// A key of a table, quoted when it is not a bare key.
fn toml_key(name: &str) -> String {
    if name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        name.to_owned()
    } else {
        quoted(name)
    }
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}
