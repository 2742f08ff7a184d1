//! The reader never stops answering: each fault a pty fuzzer reproduced, reproduced here
//! against the real binary in a pseudo-terminal, and random sessions that must all end with
//! `q`, exit 0 and leave the terminal as they found it.

mod support;

use portable_pty::CommandBuilder;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use support::pty::{blocked_writing_stdout, peak_rss_kib, Session, WAIT};

#[path = "../benches/support/gen.rs"]
#[allow(dead_code)] // the daily bulletins are for the archive's benchmarks
mod gen;

/// A generated bulletin of about `mb` megabytes, written once per test run.
fn big_bulletin(mb: usize) -> PathBuf {
    let path = support::scratch(&format!("big-{mb}-{}", std::process::id())).join("big.txt");
    let mut out = Vec::new();
    gen::generate(mb * 2000, &mut out).unwrap();
    std::fs::write(&path, out).unwrap();
    path
}

fn static_ticker(extra: &[&str]) -> Vec<String> {
    let mut args = vec!["--ticker".to_owned(), "static".to_owned()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn start(args: &[String], cols: u16, rows: u16) -> Session {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Session::start(&args, cols, rows)
}

#[test]
fn a_burst_of_more_than_a_kilobyte_of_keys_is_read_to_its_end() {
    let mut s = start(&static_ticker(&[]), 100, 30);
    s.wait_for("6 stories");
    // 1,100 bytes of keys and a q, in one write: as a paste sends them.
    let mut burst = "jk".repeat(550);
    burst.push('q');
    s.keys(&burst);
    assert_eq!(
        s.exit_within(Duration::from_secs(10)),
        0,
        "the q after the burst"
    );
    let (code, _) = s.finish();
    assert_eq!(code, 0);
}

#[test]
fn two_thousand_bytes_of_moves_are_all_handled() {
    let mut s = start(&static_ticker(&[]), 100, 30);
    s.wait_for("6 stories");
    let mut moves = "JK".repeat(1000);
    moves.push_str("JJ");
    s.keys(&moves);
    s.wait_for("3/6");
    s.wait_for("▶ UNDP Launches");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
}

#[test]
fn typing_while_a_long_search_runs_and_the_window_resizes_never_stops_the_keys() {
    let big = big_bulletin(10);
    let mut s = start(&static_ticker(&[big.to_str().unwrap()]), 120, 40);
    s.wait_for("20,000");
    s.keys("/zzzz not there\r");
    s.resize(100, 30);
    s.keys(&"j".repeat(5000));
    s.resize(120, 40);
    s.keys("q");
    let code = s.exit_within(Duration::from_secs(30));
    assert_eq!(code, 0);
    s.finish();
}

#[test]
fn unterminated_pastes_and_sequences_are_given_up_and_hold_no_memory() {
    for (start_of, filler) in [
        (&b"\x1b[200~"[..], &b"pasted text "[..]),
        (b"\x1b[<", b"1;2;3;"),
        (b"\x1b[?", b"12;34"),
    ] {
        let mut s = start(&static_ticker(&[]), 100, 30);
        s.wait_for("6 stories");
        s.write(start_of);
        let chunk = filler.repeat(65536 / filler.len());
        for _ in 0..64 {
            s.write(&chunk); // 4 MiB typed into the sequence
        }
        let peak = peak_rss_kib(s.pid());
        // Ctrl-C right after the flood, then q after a pause: one of them ends it.
        s.keys("\x03");
        std::thread::sleep(Duration::from_millis(700));
        if s.exited().is_none() {
            s.keys("q");
        }
        let (code, _) = s.finish();
        assert_eq!(code, 0, "after {start_of:?}");
        assert!(
            peak < 32 * 1024,
            "peak {peak} KiB after {start_of:?} and 4 MiB"
        );
    }
}

#[test]
fn characters_typed_into_the_search_are_cleaned_before_they_are_shown() {
    let mut s = start(&static_ticker(&[]), 100, 30);
    s.wait_for("6 stories");
    s.keys("/\u{202e}ab\u{2066}c");
    s.wait_for("/abc");
    s.keys("\r");
    s.wait_for("no match for “abc”");
    s.keys("q");
    let (code, bytes) = s.finish();
    assert_eq!(code, 0);
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains('\u{202e}') && !text.contains('\u{2066}'));
}

#[test]
fn a_lost_terminal_that_sends_no_sighup_ends_the_reader_with_129() {
    // In a session of its own the pty is not the reader's controlling terminal: closing it
    // sends no SIGHUP, the reader only sees end of file and EIO: on reading, and (with a
    // scrolling ticker) on writing too.
    for ticker in ["static", "scroll"] {
        let dir = support::scratch(&format!("lost-{ticker}-{}", std::process::id()));
        let status = dir.join("status");
        let mut cmd = CommandBuilder::new("setsid");
        cmd.args([
            "--wait",
            "sh",
            "-c",
            "\"$0\" --ticker \"$2\"; echo $? > \"$1.part\"; mv \"$1.part\" \"$1\"",
            env!("CARGO_BIN_EXE_bulletin"),
            status.to_str().unwrap(),
            ticker,
        ]);
        let s = Session::spawn(cmd, 60, 20, &[]);
        s.wait_for("6 stories");
        let closed = Instant::now();
        s.close_terminal();
        while !status.exists() {
            assert!(
                closed.elapsed() < Duration::from_secs(10),
                "{ticker}: the reader did not end after its terminal went away"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(
            std::fs::read_to_string(&status).unwrap().trim(),
            "129",
            "{ticker}"
        );
    }
}

#[test]
fn a_signal_ends_the_reader_at_once_while_its_output_is_blocked() {
    for (name, number) in [("TERM", 15), ("INT", 2), ("HUP", 1)] {
        let mut s = start(&static_ticker(&[]), 120, 40);
        s.wait_for("6 stories");
        s.pause_reading();
        // Full redraws until the terminal's buffer is full and the reader blocks writing.
        let start = Instant::now();
        while !blocked_writing_stdout(s.pid()) {
            assert!(start.elapsed() < WAIT, "the output never blocked");
            s.keys("\x0c");
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(100));
        assert!(blocked_writing_stdout(s.pid()), "still blocked");
        support::signal(s.pid(), number as i32);
        let code = s.exit_within(Duration::from_millis(1000));
        assert_eq!(code, 128 + number, "SIG{name}");
        assert!(
            s.is_cooked(),
            "SIG{name}: the terminal's settings are restored"
        );
        // The terminal reads again: the screen is given back, whatever the blocked write
        // held (the restore bytes were lost in 7 of 7 runs).
        let (_, bytes) = s.finish();
        let text = String::from_utf8_lossy(&bytes);
        let entered = text.rfind("\x1b[?1049h").unwrap();
        let back = &text[entered..];
        assert!(
            back.contains("\x1b[?1049l"),
            "SIG{name}: the alternate screen left"
        );
        assert!(
            back.contains("\x1b[?1000l"),
            "SIG{name}: mouse reporting off"
        );
        let shown = back.rfind("\x1b[?25h").expect("the cursor shown");
        assert!(
            !back[shown..].contains("\x1b[?25l") && !back[shown..].contains("\x1b[?1049h"),
            "SIG{name}: nothing of the reader's after the restore"
        );
    }
}

#[test]
fn a_panic_while_drawing_gives_the_terminal_back_and_exits_101() {
    let args = ["--ticker", "static"];
    let mut s = Session::start_with(
        &args,
        100,
        30,
        &[
            ("BULLETIN_TEST_PANIC_IN_DRAW", "2"),
            ("RUST_BACKTRACE", "0"),
        ],
    );
    s.wait_for("6 stories");
    s.keys("j");
    std::thread::sleep(Duration::from_millis(100));
    s.keys("j");
    assert_eq!(s.exit_within(Duration::from_secs(5)), 101);
    s.wait_until("the panic message shown on the main screen", |s| {
        !s.alternate_screen() && s.screen().contains("injected by a test")
    });
    let (code, bytes) = s.finish();
    assert_eq!(code, 101);
    let text = String::from_utf8_lossy(&bytes);
    let entered = text.rfind("\x1b[?1049h").unwrap();
    assert!(
        text[entered..].contains("\x1b[?1049l\x1b[?25h"),
        "the screen given back"
    );
    assert!(
        text[entered..].contains("\x1b[?1000l"),
        "mouse reporting off"
    );
}

/// bash with job control in a pty, lines read cooked (no line editor of its own), so the
/// terminal's modes at the prompt are the ones the reader left.
fn shell() -> Session {
    let mut cmd = CommandBuilder::new("bash");
    cmd.args(["--norc", "--noprofile", "--noediting", "-i"]);
    let s = Session::spawn(cmd, 100, 30, &[("PS1", "prompt$ ")]);
    s.wait_for("prompt$");
    s
}

/// The pid of the shell's child running the reader.
fn reader_under(shell: u32) -> u32 {
    let start = Instant::now();
    loop {
        let out = std::process::Command::new("pgrep")
            .args(["-P", &shell.to_string(), "bulletin"])
            .output()
            .unwrap();
        if let Some(pid) = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .next()
        {
            return pid.parse().unwrap();
        }
        assert!(start.elapsed() < WAIT, "no reader under the shell");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn ctrl_z_and_sigtstp_give_the_terminal_back_and_fg_takes_it_again() {
    let mut s = shell();
    s.keys(&format!(
        "{} --ticker static\r",
        env!("CARGO_BIN_EXE_bulletin")
    ));
    s.wait_for("6 stories");
    let reader = reader_under(s.pid());
    for how in ["Ctrl-Z", "SIGTSTP"] {
        assert!(s.alternate_screen() && !s.is_cooked(), "{how}: reading");
        if how == "Ctrl-Z" {
            s.keys("\x1a");
        } else {
            support::signal(reader, libc::SIGTSTP);
        }
        s.wait_until(
            &format!("{how}: the shell's prompt on the main screen"),
            |s| !s.alternate_screen() && s.screen().contains("Stopped"),
        );
        assert!(s.is_cooked(), "{how}: cooked mode for the shell");
        s.keys("fg\r");
        s.wait_until(&format!("{how}: the reader back, raw"), |s| {
            s.alternate_screen() && s.screen().contains("6 stories") && !s.is_cooked()
        });
        // It answers keys again.
        s.keys("j");
        s.wait_for("2/6");
        s.keys("k");
        s.wait_for("1/6");
    }
    s.keys("q");
    s.wait_until("the prompt after quitting", |s| {
        !s.alternate_screen() && s.screen().contains("prompt$")
    });
    s.keys("exit\r");
    s.finish();
}

mod any_session {
    //! Random sessions against the real binary: keys (raw bytes, escape sequences, mouse
    //! reports, pastes), resizes; each must end with q, exit 0 and leave the terminal cooked.
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Step {
        Bytes(Vec<u8>),
        Resize(u16, u16),
        Pause,
    }

    fn step() -> impl Strategy<Value = Step> {
        let keys = prop::sample::select(vec![
            "j",
            "k",
            "J",
            "K",
            "g",
            "G",
            "\r",
            " ",
            "b",
            "/",
            "?",
            "t",
            "n",
            "N",
            "\t",
            "\x1b",
            "\x04",
            "\x15",
            "\x0c",
            "\x1b[A",
            "\x1b[B",
            "\x1b[5~",
            "\x1b[6~",
            "\x1b[<64;10;5M",
            "\x1b[<0;5;5M",
            "\x1b[200~",
            "\x1b[201~",
            "\x1b[<",
            "\x1b[?",
            "\x1b]52;",
            "gold",
            "\u{202e}",
            "中",
        ]);
        prop_oneof![
            4 => keys.prop_map(|k| Step::Bytes(k.as_bytes().to_vec())),
            1 => proptest::collection::vec(any::<u8>(), 1..40).prop_map(|mut b| {
                // Not the keys that end or stop a session: quit, Ctrl-C, Ctrl-Z.
                b.retain(|c| !b"q\x03\x1a".contains(c));
                Step::Bytes(b)
            }),
            1 => (10u16..160, 3u16..60).prop_map(|(c, r)| Step::Resize(c, r)),
            1 => Just(Step::Pause),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 10,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn every_session_ends_with_q(steps in proptest::collection::vec(step(), 1..60)) {
            let mut s = Session::start(&[], 80, 24);
            s.wait_for("6 stories");
            for step in &steps {
                match step {
                    Step::Bytes(b) => s.write(b),
                    Step::Resize(c, r) => s.resize(*c, *r),
                    Step::Pause => std::thread::sleep(Duration::from_millis(30)),
                }
            }
            // Let any partial sequence or paste time out, leave the prompt or help with two
            // lone Escapes, then quit.
            std::thread::sleep(Duration::from_millis(700));
            for _ in 0..2 {
                s.keys("\x1b");
                std::thread::sleep(Duration::from_millis(200));
            }
            s.keys("q");
            let (code, bytes) = s.finish();
            prop_assert_eq!(code, 0);
            let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(80)..]).into_owned();
            prop_assert!(bytes.ends_with(support::pty::LEAVE_ALT_SCREEN_SHOW_CURSOR), "ends {:?}", tail);
        }
    }
}

#[test]
fn a_giant_terminal_is_drawn_clipped_in_bounded_memory_and_says_so() {
    // 65535×65535 aborted (a 171 GB allocation) and left the terminal raw; 2000×2000
    // peaked at 632 MB.
    let mut s = start(&static_ticker(&[]), 100, 30);
    s.wait_for("6 stories");
    s.resize_claiming(65535, 65535, 1000, 1000);
    s.wait_for("the terminal is 65535x65535: only 1000x1000 is drawn");
    s.keys("j");
    s.wait_for("▶ Drop in Uzbekistan");
    let peak_mib = peak_rss_kib(s.pid()) / 1024;
    assert!(peak_mib < 400, "peak {peak_mib} MiB");
    s.resize(100, 30);
    s.wait_until("the normal status line again", |s| {
        let screen = s.screen();
        screen.contains("q quit") && !screen.contains("is drawn")
    });
    s.keys("q");
    let (code, _) = s.finish();
    assert_eq!(code, 0);
}
