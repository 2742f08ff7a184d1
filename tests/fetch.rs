//! Fetching from the web, against a real HTTP server on 127.0.0.1 that each test starts:
//! a WordPress-style listing page, an RSS feed with full content, an Atom feed and a JSON
//! Feed fill the archive and open in the reader; each way a server can fail or misbehave
//! has its own message and exit 1, the archive untouched for that source and the other
//! sources still fetched; an unchanged page costs a 304.

mod support;

use support::http::{Reply, Server};

const LISTING: &str = include_str!("fixtures/web/listing.html");
const RSS: &str = include_str!("fixtures/web/rss.xml");
const ATOM: &str = include_str!("fixtures/web/atom.xml");
const JSON_FEED: &str = include_str!("fixtures/web/feed.json");

use support::home::Home;

/// What these tests ask of their home.
trait Runs {
    fn run(&self, args: &[&str]) -> (i32, String, String);
}

impl Runs for Home {
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd().args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// The publisher's site: its listing page and its three feeds, with ETags.
fn site() -> Server {
    Server::start(|hit| {
        let (ctype, body, etag) = match hit.path.as_str() {
            "/latest/" => ("text/html; charset=UTF-8", LISTING, "\"page-1\""),
            "/feed/" => ("application/rss+xml; charset=UTF-8", RSS, "\"rss-1\""),
            "/atom.xml" => {
                // a server that knows only Last-Modified
                const STAMP: &str = "Tue, 09 Dec 2025 04:00:00 GMT";
                if hit.header("if-modified-since") == Some(STAMP) {
                    return Reply::Full {
                        status: 304,
                        headers: Vec::new(),
                        body: Vec::new(),
                    };
                }
                return Reply::ok("application/atom+xml", ATOM).header("Last-Modified", STAMP);
            }
            "/feed.json" => ("application/feed+json", JSON_FEED, "\"json-1\""),
            _ => return Reply::status(404),
        };
        if hit.header("if-none-match") == Some(etag) {
            return Reply::Full {
                status: 304,
                headers: vec![("ETag".into(), etag.into())],
                body: Vec::new(),
            };
        }
        Reply::ok(ctype, body).header("ETag", etag)
    })
}

fn config_for(server: &Server) -> String {
    format!(
        "[[source]]\nname = \"latest\"\nurl = \"{}\"\n\n\
         [[source]]\nname = \"rss\"\nurl = \"{}\"\n\n\
         [[source]]\nname = \"atom\"\nurl = \"{}\"\n\n\
         [[source]]\nname = \"json\"\nurl = \"{}\"\n",
        server.url("/latest/"),
        server.url("/feed/"),
        server.url("/atom.xml"),
        server.url("/feed.json")
    )
}

#[test]
fn fetch_fills_the_archive_from_a_page_and_each_kind_of_feed() {
    let server = site();
    let home = Home::with_config("fetch-all", &config_for(&server));
    let (code, out, err) = home.run(&["fetch"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err, "",
        "nothing on standard error when it is not a terminal"
    );
    assert_eq!(
        out,
        "latest: added 2 days, 2 stories, 3 rates\n\
         rss: added 0 days, 2 stories, 0 rates\n\
         atom: added 0 days, 2 stories, 0 rates\n\
         json: added 0 days, 2 stories, 0 rates\n"
    );
    let (_, days, _) = home.run(&["days", "--json"]);
    let days: serde_json::Value = serde_json::from_str(&days).unwrap();
    let stories: Vec<(String, u64)> = days
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["date"].as_str().unwrap().to_owned(),
                d["stories"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        stories,
        [("2025-12-09".to_owned(), 4), ("2025-12-08".to_owned(), 4)],
        "each story under its own date, as written in its own zone"
    );
    let (_, found, _) = home.run(&["search", "Irkeshtam", "--json"]);
    let found: serde_json::Value = serde_json::from_str(&found).unwrap();
    assert_eq!(
        found[0]["headline"],
        "Kyrgyzstan Opens a New Border Crossing With China"
    );
    let (_, day, _) = home.run(&["--day", "2025-12-09", "--json"]);
    let day: serde_json::Value = serde_json::from_str(&day).unwrap();
    let wheat = day["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["headline"] == "Kazakhstan Raises Wheat Exports to Afghanistan")
        .expect("the page's story is in the archive");
    assert_eq!(
        wheat["url"],
        server.url("/2025/12/09/kazakhstan-wheat-exports/"),
        "its link kept, resolved against the page"
    );
    assert_eq!(day["rates"].as_array().unwrap().len(), 3);
}

#[test]
fn an_unchanged_source_costs_a_304_and_nothing_else() {
    let server = site();
    let home = Home::with_config("fetch-304", &config_for(&server));
    assert_eq!(home.run(&["fetch", "latest"]).0, 0);
    let (code, out, err) = home.run(&["fetch", "latest"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, "latest: not modified since the last fetch\n");
    let hits = server.hits();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].header("if-none-match"), None);
    assert_eq!(hits[1].header("if-none-match"), Some("\"page-1\""));
    let agent = hits[0].header("user-agent").unwrap();
    assert!(agent.starts_with("bulletin/"), "{agent}");
    // Last-Modified alone does as well
    assert_eq!(
        home.run(&["fetch", "atom"]).1,
        "atom: added 0 days, 2 stories, 0 rates\n"
    );
    assert_eq!(
        home.run(&["fetch", "atom"]).1,
        "atom: not modified since the last fetch\n"
    );
}

#[test]
fn an_address_opens_as_a_file_does_in_each_output() {
    let server = site();
    let home = Home::new("open-url");
    for (path, first) in [
        ("/latest/", "Kazakhstan Raises Wheat Exports to Afghanistan"),
        (
            "/feed/",
            "Kyrgyzstan Opens a New Border Crossing With China",
        ),
        ("/atom.xml", "Turkmenistan & Azerbaijan Sign a Gas Deal"),
        ("/feed.json", "Water Returns to the Northern Aral"),
    ] {
        let (code, out, err) = home.run(&[&server.url(path), "--json", "--no-archive"]);
        assert_eq!(code, 0, "{path}: {err}");
        let b: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(b["articles"][0]["headline"], first, "{path}");
        assert!(
            b["articles"][0]["url"]
                .as_str()
                .unwrap()
                .starts_with("http"),
            "{path}: the story's link"
        );
        let (code, plain, _) = home.run(&[&server.url(path), "--plain", "--no-archive"]);
        assert_eq!(code, 0);
        assert!(plain.contains(first), "{path}");
    }
}

/// A server that answers every request the same way.
fn serving(reply: impl Fn() -> Reply + Send + Sync + 'static) -> Server {
    Server::start(move |_| reply())
}

fn fetch_fails(home: &Home, url: &str, extra: &[&str], message: &str) {
    let mut args = vec!["fetch", url];
    args.extend_from_slice(extra);
    let (code, out, err) = home.run(&args);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (1, "", format!("bulletin: {message}\n").as_str()),
        "{url}"
    );
    // the same message opening it
    let mut args = vec![url, "--plain"];
    args.extend_from_slice(extra);
    let (code, out, err) = home.run(&args);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (1, "", format!("bulletin: {message}\n").as_str()),
        "open {url}"
    );
}

#[test]
fn each_failure_has_its_own_message_naming_the_address() {
    let home = Home::new("failures");

    let missing = serving(|| Reply::status(404));
    let url = missing.url("/gone");
    fetch_fails(
        &home,
        &url,
        &[],
        &format!("cannot fetch '{url}': the server answered 404 Not Found"),
    );

    let broken = serving(|| Reply::status(500));
    let url = broken.url("/");
    fetch_fails(
        &home,
        &url,
        &[],
        &format!("cannot fetch '{url}': the server answered 500 Internal Server Error"),
    );

    let looping = Server::start(|hit| {
        if hit.path == "/a" {
            Reply::redirect("/b")
        } else {
            Reply::redirect("/a")
        }
    });
    let url = looping.url("/a");
    fetch_fails(
        &home,
        &url,
        &[],
        &format!("cannot fetch '{url}': more than 5 redirects (a redirect loop?)"),
    );

    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let url = format!("http://{closed}/");
    fetch_fails(
        &home,
        &url,
        &[],
        &format!("cannot fetch '{url}': the connection was refused"),
    );

    let url = "http://no-such-host.invalid/latest/".to_owned();
    fetch_fails(
        &home,
        &url,
        &[],
        &format!("cannot fetch '{url}': the host name was not found"),
    );

    // a plain http server at an https address: it answers the handshake in plain text
    let plain = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("https://{}/", plain.local_addr().unwrap());
    std::thread::spawn(move || {
        use std::io::Write;
        for mut s in plain.incoming().flatten() {
            let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    });
    let (code, _, err) = home.run(&["fetch", &url]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!(
            "bulletin: cannot fetch '{url}': the secure connection failed"
        )),
        "{err}"
    );

    let login = serving(|| {
        Reply::ok(
            "text/html",
            "<html><body><form><input name=user><button>Log in</button></form></body></html>",
        )
    });
    let url = login.url("/");
    fetch_fails(
        &home,
        &url,
        &[],
        &format!("'{url}' is not a bulletin or a feed: a page with no stories and no rates"),
    );

    let image = serving(|| Reply::ok("text/html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0".to_vec()));
    let url = image.url("/");
    fetch_fails(
        &home,
        &url,
        &[],
        &format!("'{url}' does not look like a bulletin (it is not text)"),
    );

    let not_web = "ftp://example.org/x";
    let (code, _, err) = home.run(&["fetch", not_web]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no source is named `ftp://example.org/x`"),
        "{err}"
    );
}

#[test]
fn a_redirect_is_followed_only_to_the_web_and_a_failed_handshake_is_named() {
    let home = Home::new("redirects");
    for to in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "unix:/run/x.sock",
        "http:///",
        "ftp://example.org/",
    ] {
        let target = to.to_owned();
        let server = Server::start(move |hit| match hit.path.as_str() {
            "/a" => Reply::redirect(&target),
            _ => Reply::ok("text/html", LISTING),
        });
        let url = server.url("/a");
        fetch_fails(
            &home,
            &url,
            &[],
            &format!("cannot fetch '{url}': a redirect to a non-HTTP address ('{to}')"),
        );
        assert_eq!(
            server.hits().len(),
            2,
            "{to}: once a run, nothing more asked"
        );
    }
    // A redirect to https at a plain port: a server that closes on the handshake, and one
    // that waits for a request line and never answers it. The latter was 'no complete
    // answer within 30 s', after 10 s.
    let server = Server::start(|hit| match hit.path.as_str() {
        "/a" => Reply::redirect("/b"),
        _ => Reply::ok("text/html", LISTING),
    });
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let waiting = format!("https://{}/b", silent.local_addr().unwrap());
    std::thread::spawn(move || {
        let held: Vec<_> = silent.incoming().take(2).flatten().collect();
        std::thread::sleep(std::time::Duration::from_secs(30));
        drop(held);
    });
    let closing = server.url("/b").replacen("http:", "https:", 1);
    for (to, why) in [
        (closing, "the server hung up in the handshake"),
        (waiting, "no answer to the handshake"),
    ] {
        let target = to.clone();
        let redirecting = Server::start(move |_| Reply::redirect(&target));
        let url = redirecting.url("/a");
        let started = std::time::Instant::now();
        let (code, _, err) = home.run(&["fetch", "--timeout", "4", &url]);
        assert_eq!(code, 1);
        assert_eq!(
            err,
            format!(
                "bulletin: cannot fetch '{url}': the secure connection failed: {why} \
                 (redirected to '{to}') (is it an https server?)\n"
            )
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(4));
    }
    // Redirects within the web are followed, relative ones too.
    let (code, out, err) = home.run(&["fetch", &server.url("/a")]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("added"), "{out}");
}

#[test]
fn slow_servers_and_endless_bodies_are_given_up_in_time() {
    let home = Home::new("slow");
    let silent = serving(|| Reply::Hang);
    let url = silent.url("/");
    let started = std::time::Instant::now();
    fetch_fails(
        &home,
        &url,
        &["--timeout", "1"],
        &format!("cannot fetch '{url}': no complete answer within 1 s (--timeout)"),
    );
    let unfinished = serving(|| Reply::Unfinished {
        sent: LISTING.as_bytes()[..500].to_vec(),
        length: LISTING.len(),
    });
    let url = unfinished.url("/");
    fetch_fails(
        &home,
        &url,
        &["--timeout", "1"],
        &format!("cannot fetch '{url}': no complete answer within 1 s (--timeout)"),
    );
    // four fetches of a second each, not two minutes of a server that never finishes
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn a_body_too_large_or_a_gzip_bomb_is_refused_not_read_to_its_end() {
    let home = Home::new("large");
    let huge = serving(|| Reply::Huge(100 * 1024 * 1024));
    let url = huge.url("/");
    fetch_fails(
        &home,
        &url,
        &[],
        &format!("cannot fetch '{url}': the page is too large (over 32 MiB)"),
    );
    let bomb = {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut gz = GzEncoder::new(Vec::new(), Compression::best());
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..40 {
            gz.write_all(&zeros).unwrap();
        }
        gz.finish().unwrap()
    };
    assert!(bomb.len() < 200_000, "{} bytes on the wire", bomb.len());
    let server =
        serving(move || Reply::ok("text/html", bomb.clone()).header("Content-Encoding", "gzip"));
    let url = server.url("/");
    fetch_fails(
        &home,
        &url,
        &[],
        &format!("cannot fetch '{url}': the page is too large (over 32 MiB)"),
    );
}

#[test]
fn a_feed_served_with_the_wrong_type_is_read_by_its_content() {
    let server = serving(|| Reply::ok("text/html", RSS));
    let home = Home::new("wrong-type");
    let (code, out, err) = home.run(&[&server.url("/feed"), "--json", "--no-archive"]);
    assert_eq!(code, 0, "{err}");
    let b: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(b["articles"].as_array().unwrap().len(), 2);
}

#[test]
fn a_failing_source_leaves_the_archive_as_it_was_and_the_others_are_fetched() {
    let server = site();
    let down = serving(|| Reply::status(503));
    let config = format!(
        "[[source]]\nname = \"down\"\nurl = \"{}\"\n\n[[source]]\nname = \"rss\"\nurl = \"{}\"\n",
        down.url("/feed/"),
        server.url("/feed/")
    );
    let home = Home::with_config("partial", &config);
    let (code, out, err) = home.run(&["fetch"]);
    assert_eq!(code, 1);
    assert_eq!(out, "rss: added 2 days, 2 stories, 0 rates\n");
    assert_eq!(
        err,
        format!(
            "bulletin: cannot fetch '{}': the server answered 503 Service Unavailable\n",
            down.url("/feed/")
        )
    );
    let (_, days, _) = home.run(&["days", "--json"]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&days)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

/// A page whose one story holds `n` nested `<tag>`: what crashed the process by overflowing
/// its stack.
fn deep_page(tag: &str, n: usize) -> String {
    format!(
        "<html><body><article><h2>Deep Story Of {tag}</h2><p>It reads.</p>{}</article>\
         </body></html>",
        format!("<{tag}>").repeat(n)
    )
}

#[test]
fn deeply_nested_pages_and_feeds_are_fetched_and_the_sources_after_them_too() {
    let deep_feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item>\
         <title>Deep Feed Story</title><pubDate>Wed, 10 Dec 2025 08:00:00 GMT</pubDate>\
         <description><![CDATA[<p>Feed text.</p>{}]]></description></item></channel></rss>",
        "<b>".repeat(30_000)
    );
    let server = Server::start(move |hit| match hit.path.as_str() {
        "/div" => Reply::ok("text/html", deep_page("div", 100_000)),
        "/table" => Reply::ok("text/html", deep_page("table", 10_000)),
        "/feed" => Reply::ok("application/rss+xml", deep_feed.clone()),
        "/rss" => Reply::ok("application/rss+xml", RSS),
        _ => Reply::status(404),
    });
    let config: String = ["div", "table", "feed", "rss"]
        .iter()
        .map(|name| {
            format!(
                "[[source]]\nname = \"{name}\"\nurl = \"{}\"\n",
                server.url(&format!("/{name}"))
            )
        })
        .collect();
    let home = Home::with_config("deep", &config);
    let (code, out, err) = home.run(&["fetch"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(out.starts_with("div: added 1 day, 1 story"), "{out}");
    assert!(out.contains("\nrss: added 2 days, 2 stories"), "{out}");
    let (_, found, _) = home.run(&["search", "reads"]);
    assert!(found.contains("Deep Story Of div"), "{found}");
    assert!(found.contains("Deep Story Of table"), "{found}");
    let (_, found, _) = home.run(&["search", "feed", "text"]);
    assert!(found.contains("Deep Feed Story"), "{found}");
}

#[test]
fn nothing_to_fetch_and_an_unknown_name_are_explained() {
    let home = Home::new("no-sources");
    let (code, out, err) = home.run(&["fetch"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.starts_with("bulletin: nothing to fetch: name an address, or add a [[source]]"),
        "{err}"
    );
    let home = Home::with_config(
        "unknown-name",
        "[[source]]\nname = \"latest\"\nurl = \"https://example.org/latest/\"\n",
    );
    let (code, _, err) = home.run(&["fetch", "lates"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "bulletin: no source is named `lates`: the config's are latest\n"
    );
}

#[test]
fn a_bad_source_in_the_config_is_refused_before_anything_runs() {
    let home = Home::with_config(
        "bad-source",
        "[[source]]\nname = \"latest\"\nurl = \"ftp://example.org/\"\n",
    );
    let (code, _, err) = home.run(&["fetch"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("line 3, column 7: `ftp://example.org/` is not an http or https address"),
        "{err}"
    );
    let home = Home::with_config(
        "bad-source-2",
        "[[source]]\nname = \"latest\"\nurl = \"https://a.example/\"\nurl2 = 1\n",
    );
    let (code, _, err) = home.run(&["fetch"]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown setting `url2`"), "{err}");
}

mod in_the_reader {
    use super::*;
    use std::time::Duration;
    use support::pty::Session;

    /// A home for a reader in a pty, its config naming the sources.
    fn env_with_config(name: &str, config: &str) -> Vec<(&'static str, String)> {
        Home::with_config(name, config).env()
    }

    fn start(args: &[&str], env: &[(&'static str, String)]) -> Session {
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Session::start_with(args, 120, 40, &env)
    }

    #[test]
    fn r_fetches_in_the_background_while_keys_are_answered() {
        let server = Server::start(|hit| match hit.path.as_str() {
            "/latest/" => Reply::ok("text/html", LISTING),
            "/feed/" => {
                // a slow source: the reader must answer keys meanwhile
                std::thread::sleep(Duration::from_millis(1500));
                Reply::ok("application/rss+xml", RSS)
            }
            _ => Reply::status(404),
        });
        let config = format!(
            "[[source]]\nname = \"latest\"\nurl = \"{}\"\n[[source]]\nname = \"rss\"\nurl = \"{}\"\n",
            server.url("/latest/"),
            server.url("/feed/")
        );
        let env = env_with_config("reader-fetch", &config);
        let mut s = start(&["--ticker", "static"], &env);
        s.wait_for("6 stories");
        s.keys("R");
        s.wait_for("fetching the sources");
        s.keys("j");
        s.wait_until("the selection moved", |s| {
            s.screen().contains("▶ Drop in Uzbekistan")
        });
        assert!(
            !s.screen().contains("fetched"),
            "the key was answered while the slow source was still being fetched"
        );
        s.wait_for("fetched 2 sources: 4 new stories");
        // Each source's result is kept in the messages.
        s.keys("M");
        s.wait_for("fetch: latest: added");
        s.wait_for("fetch: rss: added 0 days, 2 stories");
        s.keys("\x1b");
        s.wait_until("the messages closed", |s| {
            !s.screen().contains(" Messages ")
        });
        s.keys("D");
        s.wait_for("9 December 2025");
        s.keys("q");
        s.keys("q");
        assert_eq!(s.exit_within(Duration::from_secs(5)), 0);
    }

    #[test]
    fn r_on_a_deeply_nested_page_neither_crashes_the_reader_nor_leaves_the_terminal_raw() {
        // 7,000 <b> were enough to overflow the fetch thread's stack: the reader aborted on
        // the alternate screen, mouse reporting on, the terminal raw.
        let server = Server::start(|hit| match hit.path.as_str() {
            "/b" => Reply::ok("text/html", deep_page("b", 30_000)),
            "/div" => Reply::ok("text/html", deep_page("div", 100_000)),
            _ => Reply::status(404),
        });
        let config = format!(
            "[[source]]\nname = \"b\"\nurl = \"{}\"\n[[source]]\nname = \"div\"\nurl = \"{}\"\n",
            server.url("/b"),
            server.url("/div")
        );
        let env = env_with_config("reader-deep", &config);
        let mut s = start(&["--ticker", "static"], &env);
        s.wait_for("6 stories");
        s.keys("R");
        s.wait_for("fetched 2 sources: 2 new stories");
        s.keys("q");
        let (code, bytes) = s.finish();
        assert_eq!(code, 0);
        let text = String::from_utf8_lossy(&bytes);
        let left = text
            .rfind("\x1b[?1049l")
            .expect("the alternate screen left");
        assert!(text[left..].contains("\x1b[?25h"), "the cursor shown");
        assert!(text.contains("\x1b[?1000l"), "mouse reporting off");
    }

    #[test]
    fn fetch_in_a_terminal_shows_a_spinner_while_it_waits_and_clears_it() {
        let server = Server::start(|_| {
            std::thread::sleep(Duration::from_millis(1200));
            Reply::ok("application/rss+xml", RSS)
        });
        let config = format!(
            "[[source]]\nname = \"slow\"\nurl = \"{}\"\n",
            server.url("/feed/")
        );
        let env = env_with_config("spinner", &config);
        let mut s = start(&["fetch"], &env);
        s.wait_for("fetching slow");
        s.wait_for("slow: added 2 days, 2 stories, 0 rates");
        assert_eq!(s.exit_within(Duration::from_secs(5)), 0);
        assert!(
            !s.screen().contains("fetching slow"),
            "the spinner's line is cleared"
        );
    }

    #[test]
    fn a_fetched_storys_headline_is_a_link_and_c_copies_its_address() {
        let server = serving(|| Reply::ok("text/html", LISTING));
        let page = server.url("/latest/");
        let story = server.url("/2025/12/09/kazakhstan-wheat-exports/");
        let env = env_with_config("reader-links", "");
        let mut s = start(&[&page, "--ticker", "static"], &env);
        s.wait_for("Kazakhstan Raises Wheat");
        let host = page
            .trim_start_matches("http://")
            .trim_end_matches("/latest/")
            .to_owned();
        s.wait_for(&format!("9 December 2025 · {host}"));
        let link = format!("\x1b]8;;{story}\x1b\\");
        s.wait_until("the headline written inside an OSC 8 link", |s| {
            String::from_utf8_lossy(&s.bytes()).contains(&link)
        });
        s.keys("c");
        s.wait_for("copied http");
        let clip = format!("\x1b]52;c;{}\x07", base64(&story));
        s.wait_until("the address on the clipboard (OSC 52)", |s| {
            String::from_utf8_lossy(&s.bytes()).contains(&clip)
        });
        s.keys("q");
        let (code, _) = s.finish();
        assert_eq!(code, 0);

        // --no-links: the headline is plain text
        let s = start(&[&page, "--ticker", "static", "--no-links"], &env);
        s.wait_for("Kazakhstan Raises Wheat");
        std::thread::sleep(Duration::from_millis(300));
        assert!(!String::from_utf8_lossy(&s.bytes()).contains("\x1b]8;;"));
    }

    fn base64(s: &str) -> String {
        const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let bytes = s.as_bytes();
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}
