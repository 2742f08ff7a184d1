//! The parser against what terminals send, and against hostile bytes.

use super::*;
use proptest::prelude::*;

fn parse(bytes: &[u8]) -> Vec<Input> {
    let mut p = Parser::new();
    let mut out = Vec::new();
    p.feed(bytes, &mut out);
    p.timeout(&mut out);
    out
}

fn key(name: &str) -> Input {
    Input::Key(name.parse().unwrap())
}

fn keys(names: &[&str]) -> Vec<Input> {
    names.iter().map(|n| key(n)).collect()
}

#[test]
fn characters_and_control_keys() {
    assert_eq!(parse(b"jK/ "), keys(&["j", "K", "/", "Space"]));
    assert_eq!(
        parse(b"\x03\x0c\x1a\r\t\x7f\x08"),
        keys(&[
            "C-c",
            "C-l",
            "C-z",
            "Enter",
            "Tab",
            "Backspace",
            "Backspace"
        ])
    );
    assert_eq!(parse("é中".as_bytes()), keys(&["é", "中"]));
}

#[test]
fn arrows_pages_and_function_keys_in_their_several_forms() {
    assert_eq!(
        parse(b"\x1b[A\x1b[B\x1bOC\x1bOD\x1b[5~\x1b[6~\x1b[H\x1b[4~\x1b[Z\x1bOP\x1b[15~\x1b[24~"),
        keys(&[
            "Up", "Down", "Right", "Left", "PgUp", "PgDn", "Home", "End", "BackTab", "F1", "F5",
            "F12"
        ])
    );
    assert_eq!(parse(b"\x1b[1;5B\x1b[1;2A"), keys(&["C-Down", "S-Up"]));
    assert_eq!(parse(b"\x1b[106;5u\x1b[74u"), keys(&["C-j", "J"]));
}

#[test]
fn a_lone_escape_is_the_escape_key_after_the_wait_and_alt_is_escape_then_a_key() {
    let mut p = Parser::new();
    let mut out = Vec::new();
    p.feed(b"\x1b", &mut out);
    assert!(out.is_empty());
    assert_eq!(p.wait(), Wait::For(SEQUENCE_WAIT));
    p.timeout(&mut out);
    assert_eq!(out, keys(&["Esc"]));
    assert_eq!(p.wait(), Wait::Forever);
    assert_eq!(parse(b"\x1bx\x1b\x1b"), keys(&["M-x", "Esc", "Esc"]));
    assert_eq!(parse(b"\x1b["), keys(&["M-["]));
}

#[test]
fn sgr_and_x10_mouse_reports() {
    let m = |kind, column, row| Input::Mouse(Mouse { kind, column, row });
    assert_eq!(
        parse(b"\x1b[<0;10;5M\x1b[<0;10;5m\x1b[<65;1;1M\x1b[<64;2;3M\x1b[<32;4;4M"),
        vec![
            m(MouseKind::Press(Button::Left), 9, 4),
            m(MouseKind::Release, 9, 4),
            m(MouseKind::WheelDown, 0, 0),
            m(MouseKind::WheelUp, 1, 2),
            m(MouseKind::Drag, 3, 3),
        ]
    );
    assert_eq!(
        parse(b"\x1b[M *("),
        vec![m(MouseKind::Press(Button::Left), 9, 7)]
    );
}

#[test]
fn a_bracketed_paste_is_one_input() {
    assert_eq!(
        parse(b"a\x1b[200~hello \x1b[2 world\x1b[201~b"),
        vec![
            key("a"),
            Input::Paste("hello \x1b[2 world".into()),
            key("b")
        ]
    );
}

#[test]
fn an_unterminated_paste_is_bounded_and_ends_when_no_byte_comes() {
    let mut p = Parser::new();
    let mut out = Vec::new();
    p.feed(b"\x1b[200~", &mut out);
    let chunk = vec![b'x'; 1 << 16];
    for _ in 0..64 {
        p.feed(&chunk, &mut out); // 4 MiB typed into the paste
    }
    assert!(p.held() <= MAX_PASTE + MAX_SEQUENCE, "{} held", p.held());
    assert!(out.is_empty());
    assert_eq!(p.wait(), Wait::For(PASTE_WAIT));
    p.timeout(&mut out);
    assert!(matches!(&out[..], [Input::Paste(t)] if t.len() == MAX_PASTE));
    out.clear();
    p.feed(b"\x03q", &mut out);
    assert_eq!(out, keys(&["C-c", "q"]));
}

#[test]
fn unterminated_mouse_and_private_sequences_are_dropped_and_the_next_keys_read() {
    for start in [
        &b"\x1b[<"[..],
        b"\x1b[?",
        b"\x1b[<1;2",
        b"\x1b]52;c;",
        b"\x1bP1$r",
    ] {
        let mut p = Parser::new();
        let mut out = Vec::new();
        p.feed(start, &mut out);
        p.feed(&[b'9'; 10_000], &mut out);
        assert!(p.held() <= MAX_SEQUENCE, "{start:?}: {} held", p.held());
        p.timeout(&mut out);
        out.clear();
        p.feed(b"q", &mut out);
        assert_eq!(out, keys(&["q"]), "after {start:?}");
    }
}

#[test]
fn a_broken_sequence_gives_back_the_byte_that_broke_it() {
    assert_eq!(parse(b"\x1b[1\x03"), keys(&["C-c"]));
    assert_eq!(parse(b"\x1b[1\x1b[A"), keys(&["Up"]));
    assert_eq!(parse(b"\xc3q"), keys(&["q"]));
}

#[test]
fn a_status_report_is_its_own_input() {
    assert_eq!(parse(b"\x1b[0nj"), vec![Input::StatusReport, key("j")]);
}

#[test]
fn volunteered_reports_are_not_keys() {
    assert!(parse(b"\x1b[?62;22c\x1b[>1;2c\x1b]11;rgb:0/0/0\x07\x1b[I\x1b[O").is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any bytes: no panic, bounded memory, and a `q` typed after a pause is a `q`.
    #[test]
    fn any_bytes_then_a_pause_then_q_is_q(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut p = Parser::new();
        let mut out = Vec::new();
        p.feed(&bytes, &mut out);
        prop_assert!(p.held() <= MAX_PASTE + MAX_SEQUENCE);
        p.timeout(&mut out);
        prop_assert_eq!(p.wait(), Wait::Forever);
        out.clear();
        p.feed(b"q", &mut out);
        prop_assert_eq!(out, keys(&["q"]));
    }

    /// Bytes split anywhere read the same as bytes in one piece.
    #[test]
    fn splitting_the_bytes_changes_nothing(bytes in proptest::collection::vec(any::<u8>(), 0..200), cut in 0usize..200) {
        let cut = cut.min(bytes.len());
        let mut whole = Vec::new();
        let mut p = Parser::new();
        p.feed(&bytes, &mut whole);
        let mut split = Vec::new();
        let mut p = Parser::new();
        p.feed(&bytes[..cut], &mut split);
        p.feed(&bytes[cut..], &mut split);
        prop_assert_eq!(whole, split);
    }
}
