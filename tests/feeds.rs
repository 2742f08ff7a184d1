//! Feeds as the web writes them (issue 16), read from files and fetched from a server on
//! 127.0.0.1: each fixture is written the way real feeds are, and each is read whole, with
//! what was recovered said once on standard error.

mod support;

use support::home::Home;
use support::http::{Reply, Server};

const FEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/feeds/");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FEEDS}{name}")).unwrap()
}

/// `bulletin --json FILE`: the bulletin and what was said on standard error.
fn json_of(home: &Home, name: &str) -> (serde_json::Value, String) {
    let path = home.files.join(name);
    std::fs::write(&path, fixture(name)).unwrap();
    let out = home
        .cmd()
        .current_dir(&home.files)
        .args(["--json", name])
        .output()
        .unwrap();
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{name}: {said}");
    (serde_json::from_slice(&out.stdout).unwrap(), said)
}

fn headlines(b: &serde_json::Value) -> Vec<String> {
    b["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["headline"].as_str().unwrap().to_owned())
        .collect()
}

fn text_of(article: &serde_json::Value) -> String {
    article["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["text"].as_str().unwrap_or_default().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_wordpress_feed_with_nbsp_and_a_bare_ampersand_is_read_and_said_once() {
    let home = Home::new("feeds-wp");
    let (b, said) = json_of(&home, "wordpress-nbsp.xml");
    assert_eq!(
        headlines(&b),
        [
            "Rates & More: The Tenge Holds Steady",
            "Som Gains Against the Rouble"
        ]
    );
    assert!(text_of(&b["articles"][1]).contains("demand & supply evened out by Friday…"));
    assert_eq!(
        said,
        "bulletin: 'wordpress-nbsp.xml': not well-formed (line 10): read leniently\n"
    );
}

#[test]
fn a_feed_declared_utf8_and_written_in_windows_1252_is_read() {
    let home = Home::new("feeds-1252");
    let (b, said) = json_of(&home, "declared-utf8-cp1252.xml");
    assert_eq!(
        headlines(&b),
        ["Café Opens on Abay Avenue", "Second Café Planned"]
    );
    assert_eq!(
        text_of(&b["articles"][0]),
        "The café serves “real” coffee – and crème brûlée."
    );
    assert!(
        said.contains("declared UTF-8 but written otherwise: read as Windows-1252"),
        "{said}"
    );
    assert_eq!(said.lines().count(), 1);
}

#[test]
fn atom_03_rss_without_a_version_and_a_podcast_feed_are_read() {
    let home = Home::new("feeds-dialects");
    let (b, said) = json_of(&home, "atom03.xml");
    assert!(said.is_empty(), "well formed: nothing said ({said})");
    assert_eq!(
        headlines(&b),
        [
            "Ferry Service Resumes to Baku",
            "Port Figures for November",
            "Inline Note"
        ]
    );
    assert_eq!(b["articles"][0]["date"], "2025-12-09");
    assert_eq!(
        text_of(&b["articles"][0]),
        "The ferry from Aktau sails again.\nTickets are on sale."
    );
    assert_eq!(text_of(&b["articles"][1]), "Cargo up 12% on the year.");
    assert_eq!(
        b["articles"][1]["date"], "2025-12-01",
        "created, before modified"
    );
    assert_eq!(text_of(&b["articles"][2]), "Written inline.");
    let (b, _) = json_of(&home, "rss-no-version.xml");
    assert_eq!(headlines(&b), ["Cotton Harvest Ends Early"]);
    assert_eq!(
        b["articles"][0]["date"], "2025-12-08",
        "a two-digit year, a named zone"
    );
    let (b, _) = json_of(&home, "podcast-itunes.xml");
    assert_eq!(
        headlines(&b),
        ["Episode 12: Trade Corridors", "Episode 11: Water"]
    );
    assert!(text_of(&b["articles"][0]).starts_with("We talk about the middle corridor"));
    assert_eq!(
        b["articles"][0]["url"], "https://talks.example/episodes/12",
        "a permalink guid"
    );
}

#[test]
fn a_feed_cut_off_mid_item_keeps_the_items_before_the_break() {
    let home = Home::new("feeds-cut");
    let (b, said) = json_of(&home, "truncated.xml");
    assert_eq!(
        headlines(&b),
        [
            "Pass Reopens After Snowfall",
            "Avalanche Warning for the South"
        ]
    );
    assert_eq!(
        text_of(&b["articles"][0]),
        "The Too-Ashuu pass reopened on Tuesday morning."
    );
    assert!(
        said.contains("'truncated.xml': not well-formed (line 16): read leniently"),
        "{said}"
    );
}

#[test]
fn relative_links_resolve_under_xml_base() {
    let home = Home::new("feeds-base");
    let (b, _) = json_of(&home, "xml-base.xml");
    assert_eq!(
        b["articles"][0]["url"],
        "https://oasis.example/blog/2025/12/dates-harvest"
    );
    assert_eq!(b["articles"][1]["url"], "https://oasis.example/about");
}

#[test]
fn fetched_feeds_are_read_the_same_and_fetch_says_what_was_recovered() {
    let web = Server::start(|hit| {
        let name = hit.path.trim_start_matches('/');
        match std::fs::read(format!("{FEEDS}{name}")) {
            // A server that says nothing of the charset, as most do.
            Ok(body) => Reply::ok("application/rss+xml", body),
            Err(_) => Reply::status(404),
        }
    });
    let home = Home::new("feeds-fetch");
    for (name, stories, note) in [
        (
            "wordpress-nbsp.xml",
            2,
            Some("not well-formed (line 10): read leniently"),
        ),
        ("declared-utf8-cp1252.xml", 2, Some("read as Windows-1252")),
        ("atom03.xml", 3, None),
        ("truncated.xml", 2, Some("not well-formed (line 16)")),
        ("podcast-itunes.xml", 2, None),
    ] {
        let url = web.url(&format!("/{name}"));
        let out = home.cmd().args(["fetch", &url]).output().unwrap();
        let said = String::from_utf8(out.stderr).unwrap();
        let printed = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success(), "{name}: {said}");
        assert!(
            printed.contains(&format!("{stories} stories")),
            "{name}: {printed}"
        );
        match note {
            Some(note) => {
                assert!(said.contains(note), "{name}: {said}");
                assert_eq!(said.lines().count(), 1, "said once: {said}");
            }
            None => assert!(said.is_empty(), "{name}: {said}"),
        }
    }
    // The feed's own address resolves a relative link, as a browser would.
    let relative = Server::start(|_| {
        Reply::ok(
            "application/atom+xml",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>Here</title>\
             <link href=\"/posts/here\"/><content>Text.</content></entry></feed>",
        )
    });
    let out = home
        .cmd()
        .args(["--json", &relative.url("/feeds/main.atom")])
        .output()
        .unwrap();
    let b: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(b["articles"][0]["url"], relative.url("/posts/here"));
    // Its Content-Location, when the server gives one, is its own address.
    let moved = Server::start(|_| {
        Reply::ok(
            "application/atom+xml",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>There</title>\
             <link href=\"post\"/><content>Text.</content></entry></feed>",
        )
        .header("Content-Location", "/archive/2025/feed.atom")
    });
    let out = home
        .cmd()
        .args(["--json", &moved.url("/feed")])
        .output()
        .unwrap();
    let b: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(b["articles"][0]["url"], moved.url("/archive/2025/post"));
}

#[test]
fn the_servers_charset_wins_over_the_declaration() {
    let web = Server::start(|_| {
        Reply::ok(
            "application/rss+xml; charset=windows-1251",
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><item><title>\xcd\xee\xe2\xee\xf1\xf2\xe8</title></item></channel></rss>".to_vec(),
        )
    });
    let home = Home::new("feeds-charset");
    let out = home
        .cmd()
        .args(["--json", &web.url("/ru")])
        .output()
        .unwrap();
    let b: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(b["articles"][0]["headline"], "Новости");
}
