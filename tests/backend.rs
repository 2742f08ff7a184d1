//! The lean backend draws what ratatui means: frames written through it into a vt100
//! terminal show, cell for cell and style for style, the frame ratatui rendered (its
//! completed buffer), over sequences of keys, ticker steps, help, search and scrolling, with
//! wide characters. (ratatui's TestBackend is not the oracle: it keeps the stale cells that
//! a wide character hides, which a real terminal erases.)

mod support;

use bulletin::term::backend::LeanBackend;
use bulletin::tui::action::Action;
use bulletin::tui::app::Settings;
use ratatui::layout::Size;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use support::{act, app_with, apply, key, tick, wheel, Step, SAMPLE};

const CJK: &str = "• KGS/USD = 0.01144 0%\n• KZT/USD = 0.00196 -0%\n• TJS/USD = 0.10899 +1%\n\
    • CNY/USD = 0.14100 +0.1%\n• RUB/USD = 0.01270 -1.2%\n\
    08 December 2025\n\n中国与哈萨克斯坦签署合作协议\n\n两国签署了一项新的合作协议，以促进贸易和投资。\
    协议涵盖能源、交通和农业等领域。\n\nSecond Story Here\n\nPlain text with “quotes” and 東京.\n";

fn vt_color(c: Color) -> vt100::Color {
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Black => vt100::Color::Idx(0),
        Color::Red => vt100::Color::Idx(1),
        Color::Green => vt100::Color::Idx(2),
        Color::Yellow => vt100::Color::Idx(3),
        Color::Blue => vt100::Color::Idx(4),
        Color::Magenta => vt100::Color::Idx(5),
        Color::Cyan => vt100::Color::Idx(6),
        Color::Gray => vt100::Color::Idx(7),
        Color::DarkGray => vt100::Color::Idx(8),
        Color::Indexed(n) => vt100::Color::Idx(n),
        other => panic!("colour {other:?} not expected from the theme"),
    }
}

/// Draws the actions' frames through the lean backend into vt100 and checks every frame
/// against the buffer ratatui rendered; returns the bytes each frame cost.
fn check(bytes: &[u8], width: u16, height: u16, actions: &[Step]) -> Vec<Vec<u8>> {
    let mut app = app_with(bytes, width, height, Settings::default());
    let size = Size::new(width, height);
    let mut lean = Terminal::new(LeanBackend::new(Vec::new(), size)).unwrap();
    let mut vt = vt100::Parser::new(height, width, 0);
    let mut seen = 0;
    let mut frames = Vec::new();
    for (step, action) in std::iter::once(None)
        .chain(actions.iter().map(Some))
        .enumerate()
    {
        if let Some(a) = action {
            apply(&mut app, a);
        }
        let want = lean
            .draw(|f| bulletin::tui::ui::render(&app, f))
            .unwrap()
            .buffer
            .clone();
        let written = lean.backend().writer();
        vt.process(&written[seen..]);
        frames.push(written[seen..].to_vec());
        seen = written.len();
        let screen = vt.screen();
        for y in 0..height {
            for x in 0..width {
                let cell = &want[(x, y)];
                let Some(got) = screen.cell(y, x) else {
                    continue;
                };
                if got.is_wide_continuation() {
                    continue;
                }
                let at = format!("step {step} ({action:?}) at {x},{y}");
                let shown = if got.contents().is_empty() {
                    " "
                } else {
                    got.contents()
                };
                assert_eq!(shown, cell.symbol(), "{at}");
                if cell.symbol() == " " {
                    // A blank: only the background shows.
                    assert_eq!(got.bgcolor(), vt_color(cell.bg), "{at}");
                    continue;
                }
                assert_eq!(got.fgcolor(), vt_color(cell.fg), "{at} fg");
                assert_eq!(got.bgcolor(), vt_color(cell.bg), "{at} bg");
                assert_eq!(
                    got.bold(),
                    cell.modifier.contains(Modifier::BOLD),
                    "{at} bold"
                );
                assert_eq!(
                    got.inverse(),
                    cell.modifier.contains(Modifier::REVERSED),
                    "{at} reverse"
                );
            }
        }
    }
    frames
}

fn keys(names: &str) -> Vec<Step> {
    names
        .split_whitespace()
        .map(|k| Step::Happen(key(k)))
        .collect()
}

fn session() -> Vec<Step> {
    use Action::*;
    let mut steps: Vec<Step> = [
        NextStory, NextStory, Open, PageDown, PageUp, Back, Bottom, Open,
    ]
    .into_iter()
    .map(act)
    .collect();
    steps.extend(std::iter::repeat_n(tick(), 40));
    steps.extend(keys("? ? / g o l d Enter"));
    steps.extend([NextMatch, NextMatch, Top, ToggleTicker].map(act));
    steps.push(tick());
    steps.extend([PrevStory, PrevStory].map(act));
    steps
}

/// Reading a long story line by line, a few lines, and back: what scrolling does.
fn reading() -> Vec<Step> {
    use Action::*;
    let mut steps = vec![act(Bottom), act(Open)];
    steps.extend(std::iter::repeat_n(act(NextStory), 6));
    steps.extend([wheel(30, 10, true), wheel(30, 10, false)]);
    steps.extend([PrevStory, PrevStory, PageDown, NextStory, Top, NextStory].map(act));
    steps
}

#[test]
fn the_sample_at_120x40() {
    check(SAMPLE, 120, 40, &session());
    check(SAMPLE, 120, 40, &reading());
}

#[test]
fn a_line_scrolled_in_a_full_width_pane_costs_a_scroll_and_one_new_line() {
    let frames = check(SAMPLE, 50, 20, &reading());
    // Frame 3 is the first `j` in the story: one line of text moves in.
    let scroll = &frames[3];
    let text = String::from_utf8_lossy(scroll);
    assert!(text.contains("r\x1b[1S\x1b[r"), "{text:?}");
    assert!(scroll.len() < 200, "{} bytes: {text:?}", scroll.len());
    // Scrolling back down by the wheel is a scroll the other way.
    let back = String::from_utf8_lossy(&frames[10]);
    assert!(back.contains("\x1b[3T"), "{back:?}");
}

#[test]
fn the_sample_at_80x24_with_a_scrolling_ticker() {
    check(SAMPLE, 80, 24, &session());
}

#[test]
fn the_sample_narrow() {
    // Reading at this size is checked by the line-scroll test above.
    check(SAMPLE, 50, 20, &session());
}

#[test]
fn the_help_box_over_wide_characters_keeps_its_border() {
    use Action::*;
    check(
        CJK.as_bytes(),
        64,
        5,
        &[Help, ToggleFocus, ToggleFocus, Help].map(act),
    );
    check(CJK.as_bytes(), 58, 3, &[Open, Help, Back].map(act));
    for width in 50..70 {
        check(
            CJK.as_bytes(),
            width,
            12,
            &[Help, NextStory, Open, PrevStory].map(act),
        );
    }
}

#[test]
fn wide_characters_through_the_ticker_and_text() {
    check(CJK.as_bytes(), 70, 16, &session());
    check(CJK.as_bytes(), 41, 12, &session());
    check(CJK.as_bytes(), 41, 12, &reading());
    check(CJK.as_bytes(), 30, 8, &reading());
}

mod any_session {
    //! Random sessions, at random sizes: the lean backend must leave the terminal showing
    //! exactly what ratatui's own crossterm backend leaves it showing, frame after frame.
    //! (Its contract is the same screen in fewer bytes. The rendered buffer is no oracle
    //! here: where the help box is drawn over half of a wide character, ratatui's buffer
    //! and diff disagree with any terminal, whichever backend writes the diff.)
    use super::*;
    use proptest::prelude::*;
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{TerminalOptions, Viewport};
    use std::cell::RefCell;
    use std::rc::Rc;
    use support::click;

    /// A writer whose bytes stay readable after it is handed to a backend.
    #[derive(Clone, Default)]
    struct Shared(Rc<RefCell<Vec<u8>>>);

    impl std::io::Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn step() -> impl Strategy<Value = Step> {
        use Action::*;
        prop_oneof![
            prop::sample::select(vec![
                NextStory,
                PrevStory,
                OpenNextStory,
                OpenPrevStory,
                PageDown,
                PageUp,
                HalfPageDown,
                Top,
                Bottom,
                Open,
                Back,
                ToggleFocus,
                Help,
                ToggleTicker,
            ])
            .prop_map(act),
            Just(tick()),
            (0u16..140, 0u16..50, any::<bool>()).prop_map(|(c, r, down)| wheel(c, r, down)),
            (0u16..140, 0u16..50).prop_map(|(c, r)| click(c, r)),
        ]
    }

    fn same_screens(bytes: &[u8], width: u16, height: u16, actions: &[Step]) {
        let mut app = app_with(bytes, width, height, Settings::default());
        let mut lean =
            Terminal::new(LeanBackend::new(Vec::new(), Size::new(width, height))).unwrap();
        let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
        let stock_bytes = Shared::default();
        let mut stock = Terminal::with_options(
            CrosstermBackend::new(stock_bytes.clone()),
            TerminalOptions { viewport },
        )
        .unwrap();
        let mut ours = vt100::Parser::new(height, width, 0);
        let mut theirs = vt100::Parser::new(height, width, 0);
        let (mut seen_ours, mut seen_theirs) = (0, 0);
        for (step, action) in std::iter::once(None)
            .chain(actions.iter().map(Some))
            .enumerate()
        {
            if let Some(a) = action {
                apply(&mut app, a);
            }
            lean.draw(|f| bulletin::tui::ui::render(&app, f)).unwrap();
            stock.draw(|f| bulletin::tui::ui::render(&app, f)).unwrap();
            let w = lean.backend().writer();
            ours.process(&w[seen_ours..]);
            seen_ours = w.len();
            let w = stock_bytes.0.borrow();
            theirs.process(&w[seen_theirs..]);
            seen_theirs = w.len();
            for y in 0..height {
                for x in 0..width {
                    let (a, b) = (ours.screen().cell(y, x), theirs.screen().cell(y, x));
                    let (Some(a), Some(b)) = (a, b) else { continue };
                    let at = format!("step {step} ({action:?}) at {x},{y}");
                    let blank = |s: &str| {
                        if s.is_empty() {
                            " ".to_owned()
                        } else {
                            s.to_owned()
                        }
                    };
                    assert_eq!(blank(a.contents()), blank(b.contents()), "{at}");
                    if a.contents().trim().is_empty() {
                        assert_eq!(a.bgcolor(), b.bgcolor(), "{at} bg");
                        continue;
                    }
                    assert_eq!(a.fgcolor(), b.fgcolor(), "{at} fg");
                    assert_eq!(a.bgcolor(), b.bgcolor(), "{at} bg");
                    assert_eq!(a.bold(), b.bold(), "{at} bold");
                    assert_eq!(a.inverse(), b.inverse(), "{at} reverse");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 96,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn the_screen_is_the_stock_backends_screen(
            width in 8u16..130,
            height in 3u16..45,
            cjk in any::<bool>(),
            actions in proptest::collection::vec(step(), 1..40),
        ) {
            let bytes = if cjk { CJK.as_bytes() } else { SAMPLE };
            same_screens(bytes, width, height, &actions);
        }
    }
}
