//! `bulletin serve` reached by a real OpenSSH client on 127.0.0.1: the reader in a pty,
//! commands without one, who is who, and every limit.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use support::home::Home;
use support::pty::LEAVE_ALT_SCREEN_SHOW_CURSOR;
use support::ssh::{keygen, Server};

const FIRST: &str = "China Seeks to Import 20,000";

/// `ssh` that says what OpenSSH says at its INFO level (a channel refused, a negotiation
/// failed), which the tests' usual ERROR level keeps quiet.
fn loud_ssh(server: &Server, home: &Home) -> std::process::Command {
    let args = server.ssh_args(home, None).into_iter().map(|a| {
        if a == "LogLevel=ERROR" {
            "LogLevel=INFO".to_owned()
        } else {
            a
        }
    });
    let mut cmd = home.program("ssh");
    cmd.args(args).stdin(std::process::Stdio::null());
    cmd
}

/// A home whose archive holds the sample's day (so read state is kept).
fn home_with_a_day(name: &str, config: &str) -> Home {
    let home = Home::with_config(name, config);
    let sample = home.files.join("sample.txt");
    std::fs::write(&sample, support::SAMPLE).unwrap();
    home.cmd().arg("import").arg(&sample).assert().success();
    home
}

#[test]
fn the_reader_opens_over_ssh_keys_move_a_resize_redraws_and_q_gives_the_terminal_back() {
    let home = Home::new("serve-reader");
    let server = Server::start(&home, &[]);
    let mut s = server.ssh_in_pty(&home, None, 100, 30, &[]);
    s.wait_for(FIRST);
    s.wait_for("KZT/USD");
    s.wait_for("q quit");
    assert!(s.alternate_screen());
    s.keys("j");
    s.wait_until("the second story selected", |s| {
        s.screen().contains("▶ Drop in Uzbekistan’s")
    });
    s.wait_for("2/6");
    s.resize(60, 20);
    s.wait_until("the screen drawn anew at 60 columns", |s| {
        // The story's frame closes at the new right edge.
        s.screen()
            .lines()
            .nth(1)
            .is_some_and(|l| l.chars().count() == 60 && l.ends_with('┐'))
    });
    s.keys("q");
    let (code, bytes) = s.finish();
    assert_eq!(code, 0, "ssh exits 0 after q");
    assert!(
        bytes.ends_with(LEAVE_ALT_SCREEN_SHOW_CURSOR),
        "last bytes: {:?}",
        String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(80)..])
    );
    let log = server.wait_for_log(": quit");
    assert!(log.contains("session 127.0.0.1:"), "{log}");
    assert!(log.contains(" anonymous "), "{log}");
}

#[test]
fn read_state_comes_back_for_a_key_and_not_for_an_anonymous_visitor() {
    let home = home_with_a_day("serve-who", "");
    let (key, fingerprint) = keygen(&home, "id_reader");
    let server = Server::start(&home, &[]);
    // With a key: every story of the day marked read, then gone.
    let mut s = server.ssh_in_pty(&home, Some(&key), 160, 30, &[]);
    s.wait_for("6 unread");
    s.keys("A");
    s.wait_for("all read");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
    // The same key again: read.
    let mut s = server.ssh_in_pty(&home, Some(&key), 160, 30, &[]);
    s.wait_for("all read");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
    // Anonymous: its own state, which lasts the session.
    let mut s = server.ssh_in_pty(&home, None, 160, 30, &[]);
    s.wait_for("6 unread");
    s.keys("A");
    s.wait_for("all read");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
    let mut s = server.ssh_in_pty(&home, None, 160, 30, &[]);
    s.wait_for("6 unread");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
    let log = server.log();
    assert!(
        log.contains(&fingerprint),
        "the key's fingerprint in the log:\n{log}"
    );
    // In the archive: the key's read state kept, the anonymous sessions' gone with them.
    let db =
        rusqlite::Connection::open(home.data().join("bulletin").join("archive.sqlite3")).unwrap();
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).unwrap() };
    let theirs = format!("SELECT COUNT(*) FROM visitor_read WHERE visitor = '{fingerprint}'");
    assert_eq!(count(&theirs), 6);
    assert_eq!(
        count("SELECT COUNT(*) FROM visitor_read WHERE visitor LIKE 'anonymous:%'"),
        0
    );
    // The local reader's own read state is not the visitors'.
    let days = home.cmd().arg("days").output().unwrap();
    let days = String::from_utf8(days.stdout).unwrap();
    let row: Vec<&str> = days.lines().nth(1).unwrap().split_whitespace().collect();
    assert_eq!(row[..3], ["2025-12-08", "6", "6"], "{days}");
}

#[test]
fn without_a_pty_the_plain_text_the_json_or_the_rates_and_any_other_command_is_refused() {
    let home = Home::new("serve-commands");
    let server = Server::start(&home, &[]);
    let plain = server.ssh(&home, None).arg("127.0.0.1").output().unwrap();
    assert_eq!(plain.status.code(), Some(0));
    let text = String::from_utf8(plain.stdout).unwrap();
    assert!(text.starts_with("08 December 2025\n"), "{text}");
    assert!(text.contains(FIRST));
    assert!(!text.contains('\x1b'), "plain text, no escapes");
    let json = server
        .ssh(&home, None)
        .args(["127.0.0.1", "json"])
        .output()
        .unwrap();
    assert_eq!(json.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["date"], "2025-12-08");
    assert_eq!(value["articles"].as_array().unwrap().len(), 6);
    let rates = server
        .ssh(&home, None)
        .args(["127.0.0.1", "rates"])
        .output()
        .unwrap();
    assert_eq!(rates.status.code(), Some(0));
    let text = String::from_utf8(rates.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("KZT/USD") && l.contains("0.00196")),
        "{text}"
    );
    let other = server
        .ssh(&home, None)
        .args(["127.0.0.1", "cat /etc/passwd"])
        .output()
        .unwrap();
    assert_eq!(other.status.code(), Some(1));
    let said = String::from_utf8(other.stderr).unwrap();
    assert!(
        said.starts_with("usage: ssh HOST [plain|json|rates]"),
        "{said}"
    );
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(other.stdout.is_empty());
    // A dumb terminal gets the plain text too.
    let dumb = server
        .ssh(&home, None)
        .env("TERM", "dumb")
        .args(["-tt", "127.0.0.1"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&dumb.stdout).into_owned();
    assert!(
        text.contains(FIRST) && !text.contains("\x1b[?1049h"),
        "{text}"
    );
}

#[test]
fn the_eleventh_connection_from_one_address_is_told_why_and_refused() {
    let home = Home::new("serve-per-address");
    let server = Server::start(&home, &[]);
    // Ten connections held open, each mid-handshake.
    let held: Vec<TcpStream> = (0..10)
        .map(|_| {
            let mut c = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            let mut banner = [0u8; 8];
            c.read_exact(&mut banner).unwrap();
            assert_eq!(&banner, b"SSH-2.0-");
            c
        })
        .collect();
    let out = server
        .ssh(&home, None)
        .args(["127.0.0.1", "rates"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("too many sessions from 127.0.0.1 (at most 10 at once)"),
        "{said}"
    );
    server.wait_for_log("refused: too many sessions from 127.0.0.1");
    drop(held);
    // Places given back: in again.
    let start = Instant::now();
    loop {
        let out = server
            .ssh(&home, None)
            .args(["127.0.0.1", "rates"])
            .output()
            .unwrap();
        if out.status.success() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "never let in again"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn new_connections_from_one_address_are_paced() {
    let home = Home::with_config("serve-pace", "[serve]\nconnections_per_minute = 3\n");
    let server = Server::start(&home, &[]);
    for _ in 0..3 {
        let out = server
            .ssh(&home, None)
            .args(["127.0.0.1", "rates"])
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let out = server
        .ssh(&home, None)
        .args(["127.0.0.1", "rates"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("at most 3 a minute"), "{said}");
}

#[test]
fn authentication_must_finish_in_time() {
    let home = Home::with_config("serve-auth", "[serve]\nauth_timeout = \"1s\"\n");
    let server = Server::start(&home, &[]);
    let mut c = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    c.write_all(b"SSH-2.0-OpenSSH_9.2\r\n").unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let start = Instant::now();
    let mut sink = Vec::new();
    let _ = c.read_to_end(&mut sink);
    let lasted = start.elapsed();
    assert!(
        lasted < Duration::from_secs(8),
        "a client that never authenticates is dropped (after {lasted:?})"
    );
    server.wait_for_log("authentication took too long");
}

#[test]
fn a_session_without_input_is_told_and_closed() {
    let home = Home::with_config("serve-idle", "[serve]\nidle_timeout = \"2s\"\n");
    let server = Server::start(&home, &[]);
    let mut s = server.ssh_in_pty(&home, None, 80, 24, &[]);
    s.wait_for(FIRST);
    s.keys("j"); // input resets the clock
    let code = s.exit_within(Duration::from_secs(15));
    assert_eq!(code, 1, "the server's exit status for a session it closed");
    let screen = s.screen();
    assert!(
        screen.contains("closed after 2s without a key typed"),
        "{screen}"
    );
    assert!(!s.alternate_screen());
    s.assert_cooked();
    server.wait_for_log(": idle");
}

#[test]
fn forwarding_of_ports_is_refused() {
    let home = Home::new("serve-forward");
    let server = Server::start(&home, &[]);
    // -R: the server says no, and with ExitOnForwardFailure the client gives up.
    let out = server
        .ssh(&home, None)
        .args([
            "-o",
            "ExitOnForwardFailure=yes",
            "-R",
            "0:127.0.0.1:9",
            "127.0.0.1",
            "rates",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("forwarding failed"), "{said}");
    // -L: the local end opens, the server refuses the channel, the connection closes.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let local = listener.local_addr().unwrap().port();
    drop(listener);
    // Said at INFO: the client's log level raised for this one.
    let args = server.ssh_args(&home, None).into_iter().map(|a| {
        if a == "LogLevel=ERROR" {
            "LogLevel=INFO".to_owned()
        } else {
            a
        }
    });
    let mut tunnel = home
        .program("ssh")
        .args(args)
        .args([
            "-N",
            "-L",
            &format!("{local}:127.0.0.1:{}", server.port),
            "127.0.0.1",
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut c = loop {
        if let Ok(c) = TcpStream::connect(("127.0.0.1", local)) {
            break c;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no local end");
        std::thread::sleep(Duration::from_millis(50));
    };
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut got = Vec::new();
    let _ = c.read_to_end(&mut got);
    assert!(got.is_empty(), "nothing came through: {got:?}");
    let _ = tunnel.kill();
    let out = tunnel.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("administratively prohibited"), "{said}");
}

#[test]
fn sigterm_gives_every_session_its_screen_back_and_the_server_exits_0() {
    let home = Home::new("serve-sigterm");
    let mut server = Server::start(&home, &[]);
    let mut sessions: Vec<_> = (0..2)
        .map(|_| server.ssh_in_pty(&home, None, 80, 24, &[]))
        .collect();
    for s in &sessions {
        s.wait_for(FIRST);
    }
    assert_eq!(server.terminate(Duration::from_secs(8)), Some(0));
    for s in &mut sessions {
        s.exit_within(Duration::from_secs(5));
        let screen = s.screen();
        assert!(screen.contains("the service is restarting"), "{screen}");
        assert!(!s.alternate_screen(), "the alternate screen left");
        s.assert_cooked();
    }
}

#[test]
fn the_host_key_is_kept_so_known_hosts_accepts_the_next_start() {
    let home = Home::new("serve-hostkey");
    let mut first = Server::start(&home, &[]);
    let port = first.port;
    let out = first
        .ssh(&home, None)
        .args(["127.0.0.1", "rates"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(first.terminate(Duration::from_secs(8)), Some(0));
    let second = Server::start_on(&home, &format!("127.0.0.1:{port}"), &[]);
    let out = second
        .ssh(&home, None)
        .args(["-o", "StrictHostKeyChecking=yes", "127.0.0.1", "rates"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let key = home.data().join("bulletin").join("host_key");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&key).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_client_that_stops_reading_leaves_the_servers_memory_flat() {
    let home = Home::with_config("serve-stall", "[ticker]\nspeed = 30\n");
    let server = Server::start(&home, &[]);
    let mut s = server.ssh_in_pty(&home, None, 200, 50, &[]);
    s.wait_for(FIRST);
    std::thread::sleep(Duration::from_secs(2));
    let before = server.rss_kib();
    s.pause_reading();
    std::thread::sleep(Duration::from_secs(20));
    let after = server.rss_kib();
    s.resume_reading();
    s.keys("q");
    let _ = s.exit_within(Duration::from_secs(15));
    assert!(
        after <= before + 2048,
        "memory grew from {before} KiB to {after} KiB while the client did not read"
    );
}

#[test]
fn behind_haproxy_two_nodes_share_a_host_key_and_log_the_real_client_address() {
    let home = Home::new("serve-haproxy");
    let work = home.files.join("balance");
    std::fs::create_dir_all(&work).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/balance/two-nodes.sh");
    let out = home
        .bash(&format!("bash {script}"))
        .env("WORK", &work)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    let errors = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}\n{errors}");
    assert!(
        said.lines()
            .any(|l| l.starts_with("KZT/USD") && l.contains("0.00196")),
        "read through the balancer:\n{said}\n{errors}"
    );
    let logs = ["a.log", "b.log"].map(|n| std::fs::read_to_string(work.join(n)).unwrap());
    let served: Vec<&String> = logs
        .iter()
        .filter(|l| l.contains("session 127.0.0.2:"))
        .collect();
    assert_eq!(
        served.len(),
        1,
        "one node served the client, by its real address:\n{said}"
    );
    for log in &logs {
        assert!(
            !log.contains("refused"),
            "health checks are not refusals:\n{log}"
        );
    }
}

#[test]
fn with_proxy_protocol_on_a_connection_without_a_header_is_refused() {
    let home = Home::new("serve-no-header");
    let server = Server::start(&home, &["--proxy-protocol"]);
    let out = server
        .ssh(&home, None)
        .args(["127.0.0.1", "rates"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    server.wait_for_log("refused: no PROXY protocol v2 header");
}

#[test]
fn only_elliptic_curve_key_exchanges_are_offered() {
    let home = Home::new("serve-kex");
    let server = Server::start(&home, &[]);
    // A finite-field group costs the server tens of milliseconds a connection: not offered.
    let out = loud_ssh(&server, &home)
        .args([
            "-o",
            "KexAlgorithms=diffie-hellman-group16-sha512",
            "127.0.0.1",
            "rates",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("no matching key exchange method"), "{said}");
    let out = server
        .ssh(&home, None)
        .args([
            "-o",
            "KexAlgorithms=curve25519-sha256",
            "127.0.0.1",
            "rates",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn the_server_fetches_its_sources_and_every_session_sees_the_day_arrive() {
    use std::sync::{Arc, Mutex};
    use support::http::{self, Reply};
    // Nothing to fetch at first; then the sample; then the sample with one story more.
    let body: Arc<Mutex<Option<Vec<u8>>>> = Arc::new(Mutex::new(None));
    let served = Arc::clone(&body);
    let web = http::Server::start(move |_| match served.lock().unwrap().clone() {
        Some(bytes) => Reply::ok("text/plain; charset=utf-8", bytes),
        None => Reply::status(503),
    });
    let config = format!(
        "[serve]\nrefresh = \"1s\"\n[[source]]\nname = \"latest\"\nurl = \"{}\"\n",
        web.url("/latest")
    );
    let home = Home::with_config("serve-live", &config);
    let server = Server::start(&home, &[]);
    let mut s = server.ssh_in_pty(&home, None, 160, 30, &[]);
    s.wait_for(FIRST);
    assert!(!s.screen().contains("unread"), "the sample, no read state");
    s.keys("R");
    s.wait_for("the server fetches its sources every 1s; last:");
    *body.lock().unwrap() = Some(support::SAMPLE.to_vec());
    s.wait_for("6 stories · 6 unread");
    let more = String::from_utf8(support::SAMPLE.to_vec()).unwrap()
        + "\n\nA Seventh Story Arrives Late\n\nIt came with the next fetch.\n";
    *body.lock().unwrap() = Some(more.into_bytes());
    s.wait_for("08 December 2025 · 7 stories · ");
    s.wait_for("A Seventh Story Arrives Late");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
    let log = server.log();
    assert!(log.contains("fetched: "), "{log}");
}

#[test]
fn a_session_lasts_at_most_max_session_and_subsystems_are_refused() {
    let home = Home::with_config("serve-max", "[serve]\nmax_session = \"2s\"\n");
    let server = Server::start(&home, &[]);
    let mut s = server.ssh_in_pty(&home, None, 80, 24, &[]);
    s.wait_for(FIRST);
    for _ in 0..5 {
        s.keys("j"); // busy, yet the session ends on time
        std::thread::sleep(Duration::from_millis(300));
    }
    s.exit_within(Duration::from_secs(15));
    let screen = s.screen();
    assert!(screen.contains("a session lasts at most 2s"), "{screen}");
    s.assert_cooked();
    let sftp = server
        .ssh(&home, None)
        .args(["-s", "127.0.0.1", "sftp"])
        .output()
        .unwrap();
    assert!(!sftp.status.success(), "no sftp");
    assert!(sftp.stdout.is_empty());
}

#[test]
fn a_client_whose_locale_is_not_utf8_gets_ascii() {
    let home = Home::new("serve-ascii");
    let server = Server::start(&home, &[]);
    let mut s = server.ssh_in_pty(&home, None, 100, 30, &["-o", "SendEnv=LANG"]);
    // The pty's own LANG is UTF-8: the client sends it, and the reader draws in Unicode.
    s.wait_for("▶ China Seeks");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
    let mut cmd = portable_pty::CommandBuilder::new("ssh");
    cmd.args(server.ssh_args(&home, None));
    cmd.args(["-o", "SendEnv=LANG", "-t", "127.0.0.1"]);
    let mut env = home.env();
    env.push(("LANG", "C".to_owned()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut s = support::pty::Session::spawn(cmd, 100, 30, &env);
    s.wait_for("> China Seeks");
    assert!(
        !s.screen().contains('▶') && !s.screen().contains('’'),
        "{}",
        s.screen()
    );
    s.keys("q");
    assert_eq!(s.finish().0, 0);
}

#[test]
fn o_shows_a_storys_address_and_c_copies_it_to_the_clients_clipboard() {
    let home = Home::new("serve-links");
    let feed = home.files.join("rss.xml");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/web/rss.xml"),
        &feed,
    )
    .unwrap();
    home.cmd().arg("import").arg(&feed).assert().success();
    let server = Server::start(&home, &[]);
    let mut s = server.ssh_in_pty(&home, None, 120, 30, &[]);
    s.wait_for("Kyrgyzstan Opens a New Border");
    s.keys("o");
    s.wait_for("https://courier.example/2025/12/09/kyrgyz-border/");
    s.keys("c");
    // OSC 52: the address, base64, for the client's terminal to put on its clipboard.
    let url = "https://courier.example/2025/12/09/kyrgyz-border/";
    let copy = bulletin::tui::terminal::osc52(url);
    assert!(
        copy.starts_with("\x1b]52;c;aHR0cHM6Ly9jb3VyaWVy"),
        "{copy:?}"
    );
    s.wait_until("the OSC 52 copy", |s| {
        String::from_utf8_lossy(&s.bytes()).contains(&copy)
    });
    s.keys("qq");
    assert_eq!(s.finish().0, 0);
}

#[test]
fn over_max_sessions_the_client_is_told_the_service_is_full() {
    let home = Home::with_config("serve-full", "[serve]\nmax_sessions = 2\n");
    let server = Server::start(&home, &[]);
    let held: Vec<TcpStream> = (0..2)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let out = server
        .ssh(&home, None)
        .args(["127.0.0.1", "rates"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("the service is full (2 sessions)"), "{said}");
    drop(held);
}

#[test]
fn x11_forwarding_is_refused() {
    let home = Home::new("serve-x11");
    let server = Server::start(&home, &[]);
    let out = server
        .ssh(&home, None)
        .env("DISPLAY", ":0")
        .args(["-o", "ForwardX11=yes", "-tt", "127.0.0.1", "rates"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("X11 forwarding request failed"), "{said}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("KZT/USD"));
}

#[test]
fn an_idle_session_lets_go_of_its_buffers_and_its_next_frame_still_writes_only_what_changed() {
    // The tty reader's bytes for one `j`, the ticker standing still: the reference.
    let home = Home::with_config("serve-idle-frames", "[ticker]\nmode = \"static\"\n");
    let env = home.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut local = support::pty::Session::start_with(&["--sample", "--no-archive"], 100, 30, &env);
    local.wait_for(FIRST);
    std::thread::sleep(Duration::from_millis(300));
    let before = local.bytes().len();
    local.keys("j");
    local.wait_for("2/6");
    std::thread::sleep(Duration::from_millis(300));
    let reference = local.bytes().len() - before;
    local.keys("q");
    local.finish();
    // A session of the server, idle (its buffers let go), then the same `j`.
    let server = Server::start(&home, &[]);
    let mut s = server.ssh_in_pty(&home, None, 100, 30, &[]);
    s.wait_for(FIRST);
    std::thread::sleep(Duration::from_millis(500));
    let before = s.bytes().len();
    s.keys("j");
    s.wait_for("2/6");
    std::thread::sleep(Duration::from_millis(300));
    let step = s.bytes().len() - before;
    assert!(
        step <= reference + 16,
        "after idling, a step cost {step} bytes against the tty reader's {reference}"
    );
    // And the screen is whole: the selected story, its text, the frame.
    let screen = s.screen();
    assert!(screen.contains("▶ Drop in Uzbekistan’s"), "{screen}");
    assert!(
        screen.contains("In April, Uzbekistan’s sales of gold"),
        "{screen}"
    );
    s.keys("jjq");
    assert_eq!(s.finish().0, 0);
}

#[test]
fn a_client_that_types_while_it_does_not_read_never_wedges_its_connection() {
    let home = Home::new("serve-wedge");
    let server = Server::start(&home, &[]);
    let mut s = server.ssh_in_pty(&home, None, 200, 50, &[]);
    s.wait_for(FIRST);
    s.pause_reading();
    // Keys that each redraw much, typed by a client whose screen no longer drains.
    for _ in 0..1500 {
        s.keys("jkjkjkjkjkjkjkjkjkjk");
        std::thread::sleep(Duration::from_millis(4));
    }
    std::thread::sleep(Duration::from_secs(2));
    s.resume_reading();
    s.keys("q");
    let code = s.exit_within(Duration::from_secs(20));
    assert_eq!(code, 0, "{}", s.screen());
    server.wait_for_log(": quit");
}
