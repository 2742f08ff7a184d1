//! End to end: the built binary in a pseudo-terminal, driven by keys, read through a vt100
//! parser; and the terminal state it leaves behind.

mod support;

use std::time::{Duration, Instant};
use support::pty::{Session, LEAVE_ALT_SCREEN_SHOW_CURSOR, WAIT};

#[test]
fn open_the_sample_read_the_third_story_paged_and_quit() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for("China Seeks to Import 20,000 Tons of Pork");
    s.wait_for("6 stories");
    s.keys("jj\r ");
    s.wait_for("The course is expected to provide civil");
    let screen = s.screen();
    assert!(screen.contains("3/6"), "{screen}");
    assert!(
        !screen.contains("Turkmenportal has reported"),
        "the page moved on:\n{screen}"
    );
    s.keys("q");
    let (code, bytes) = s.finish();
    assert_eq!(code, 0);
    assert!(
        bytes.ends_with(LEAVE_ALT_SCREEN_SHOW_CURSOR),
        "last bytes: {:?}",
        String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(60)..])
    );
    assert!(
        bytes.windows(8).any(|w| w == b"\x1b[?1049h"),
        "entered the alternate screen"
    );
}

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal() {
    for (name, number) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let s = Session::start(&[], 80, 24);
        s.wait_for("6 stories");
        let pid = s.child.process_id().unwrap();
        support::signal(pid, number as i32);
        let (code, bytes) = s.finish();
        assert_eq!(code, 128 + number, "SIG{name}");
        assert!(bytes.ends_with(LEAVE_ALT_SCREEN_SHOW_CURSOR), "SIG{name}");
    }
}

#[test]
fn a_resize_to_30x10_and_back_leaves_a_correct_screen() {
    let mut s = Session::start(&["--ticker", "static"], 80, 24);
    // The status line is the frame's last row: once it shows, the whole frame has come.
    s.wait_for("q quit");
    let before = s.screen();
    s.resize(30, 10);
    s.wait_for("┌ 08 Dec 2025 · 6 stories ───┐");
    let small = s.screen();
    assert!(small
        .lines()
        .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 30));
    assert!(
        !small.contains("Representatives"),
        "narrow: the list only\n{small}"
    );
    s.resize(80, 24);
    let start = Instant::now();
    while s.screen() != before && start.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        s.screen(),
        before,
        "\nnow:\n{}\nbefore:\n{before}",
        s.screen()
    );
    s.keys("q");
    assert_eq!(s.finish().0, 0);
}

#[test]
fn reading_standard_input_still_takes_keys_from_the_terminal() {
    // `bulletin -` with the bulletin on stdin: here stdin is the pty, and an empty bulletin
    // arrives at end of input (Ctrl-D).
    let mut s = Session::start(&["-"], 80, 24);
    s.keys("Hello There Headline\n\nA paragraph.\n\x04");
    s.wait_for("1 story");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
}

#[test]
fn a_remapped_key_works_in_the_real_binary_and_the_help_shows_it() {
    let config =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config/remap.toml");
    let config = config.to_str().unwrap();
    let mut s = Session::start(&["--config", config, "--ticker", "static"], 100, 30);
    s.wait_for("6 stories");
    s.keys("j");
    s.keys("?");
    s.wait_for("Keys");
    let help = s.screen();
    let row = help.lines().find(|l| l.contains("next story;")).unwrap();
    assert!(row.contains("│ x "), "{row}");
    assert!(help.contains("▶ China Seeks"), "j moved nothing:\n{help}");
    s.keys("?x");
    s.wait_for("▶ Drop in Uzbekistan");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
}

#[test]
fn a_dumb_terminal_gets_the_plain_text() {
    let s = Session::start_with(&[], 80, 24, &[("TERM", "dumb")]);
    let (code, bytes) = s.finish();
    assert_eq!(code, 0);
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("China Seeks to Import 20,000 Tons of Pork from Kazakhstan\r\n====="),
        "{text}"
    );
    assert!(
        !text.contains("\x1b["),
        "no escape sequence at all: {text:?}"
    );
}

#[test]
fn the_mouse_is_asked_for_presses_and_the_wheel_only_never_motion() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for("6 stories");
    s.keys("q");
    let (_, bytes) = s.finish();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("\x1b[?1000h") && text.contains("\x1b[?1006h"),
        "{text:?}"
    );
    for motion in ["\x1b[?1002h", "\x1b[?1003h", "\x1b[?1015h"] {
        assert!(!text.contains(motion), "{motion:?} asked for");
    }
    let mut s = Session::start(&["--no-mouse"], 80, 24);
    s.wait_for("6 stories");
    s.keys("q");
    let (_, bytes) = s.finish();
    assert!(!String::from_utf8_lossy(&bytes).contains("\x1b[?1000h"));
}

#[test]
fn outside_a_utf8_locale_every_byte_written_is_ascii() {
    let mut s = Session::start_with(&[], 100, 30, &[("LANG", "C")]);
    s.wait_for("6 stories");
    s.keys("jj\r ");
    s.wait_for("3/6");
    s.keys("?");
    s.wait_for("Keys");
    s.keys("?/gold\r");
    s.wait_for("match");
    s.keys("G");
    s.keys("q");
    let (code, bytes) = s.finish();
    assert_eq!(code, 0);
    let high: Vec<u8> = bytes.iter().copied().filter(|b| *b >= 0x80).collect();
    assert!(
        high.is_empty(),
        "{} bytes outside ASCII: {:?}",
        high.len(),
        String::from_utf8_lossy(&high)
    );
}
