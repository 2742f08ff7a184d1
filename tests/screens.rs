//! Whole screens: the real app on a TestBackend at several sizes, after sequences of actions,
//! snapshotted with insta (tests/snapshots/), and the styles that carry meaning.

use bulletin::text::marquee::Glyphs;
use bulletin::tui::action::Action;
use bulletin::tui::app::{App, Options, TickerMode};
use bulletin::Bulletin;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

const SAMPLE: &[u8] = include_bytes!("../assets/central-asia-2025-12-08.txt");

fn app(width: u16, height: u16, color: bool) -> App {
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    let options = Options {
        ticker: TickerMode::Scroll,
        glyphs: Glyphs::Unicode,
        color,
    };
    App::new(b, options, width, height)
}

fn buffer(app: &App) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    term.draw(|f| bulletin::tui::ui::render(app, f)).unwrap();
    term.backend().buffer().clone()
}

/// The screen as text, one line a row (wide characters once, their second cell skipped).
fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            out.push_str(sym);
        }
        out.push('\n');
    }
    out
}

fn screen_after(width: u16, height: u16, actions: &[Action]) -> String {
    let mut a = app(width, height, true);
    for action in actions {
        a.update(*action);
    }
    text(&buffer(&a))
}

fn typed(query: &str) -> Vec<Action> {
    let mut v = vec![Action::StartSearch];
    v.extend(query.chars().map(Action::SearchInput));
    v.push(Action::SearchSubmit);
    v
}

#[test]
fn sample_at_120x40() {
    insta::assert_snapshot!(screen_after(120, 40, &[]));
}

#[test]
fn sample_at_80x24_third_story_paged() {
    use Action::*;
    insta::assert_snapshot!(screen_after(80, 24, &[Down, Down, OpenStory, PageDown]));
}

#[test]
fn sample_at_50x20_narrow_list() {
    insta::assert_snapshot!(screen_after(50, 20, &[Action::Down]));
}

#[test]
fn sample_at_50x20_narrow_story() {
    insta::assert_snapshot!(screen_after(50, 20, &[Action::Down, Action::OpenStory]));
}

#[test]
fn help_overlay_at_80x24() {
    insta::assert_snapshot!(screen_after(80, 24, &[Action::ToggleHelp]));
}

#[test]
fn search_typed_at_80x24() {
    let mut actions = vec![Action::StartSearch];
    actions.extend("gold".chars().map(Action::SearchInput));
    insta::assert_snapshot!(screen_after(80, 24, &actions));
}

#[test]
fn search_found_at_80x24() {
    insta::assert_snapshot!(screen_after(80, 24, &typed("ferris wheel")));
}

#[test]
fn ticker_at_several_steps() {
    let mut a = app(80, 24, true);
    let mut rows = String::new();
    for step in 0..=120u64 {
        if [0, 1, 2, 40, 79, 80, 115, 116, 120].contains(&step) {
            let first_row = text(&buffer(&a)).lines().next().unwrap().to_owned();
            rows.push_str(&format!("{step:>3} |{first_row}|\n"));
        }
        a.update(Action::Tick);
    }
    insta::assert_snapshot!(rows);
}

#[test]
fn tiny_screens_draw_what_fits() {
    for (w, h) in [
        (0, 0),
        (1, 1),
        (2, 1),
        (1, 3),
        (3, 2),
        (10, 3),
        (20, 5),
        (30, 10),
        (69, 8),
    ] {
        let mut a = app(w, h, true);
        for action in [
            Action::Down,
            Action::OpenStory,
            Action::PageDown,
            Action::ToggleHelp,
        ] {
            a.update(action);
            let buf = buffer(&a);
            assert_eq!(buf.area.area(), u32::from(w) * u32::from(h));
        }
    }
    insta::assert_snapshot!(screen_after(20, 5, &[]));
}

#[test]
fn selected_headline_is_reversed_in_the_focused_list_and_bold_elsewhere() {
    let mut a = app(120, 40, true);
    a.update(Action::Down);
    let buf = buffer(&a);
    let list_row = a.areas().list.y + 1 + 1;
    let cell = &buf[(5, list_row)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    assert!(!buf[(5, list_row - 1)].modifier.contains(Modifier::REVERSED));
    a.update(Action::OpenStory);
    let cell = &buffer(&a)[(5, list_row)];
    assert!(cell.modifier.contains(Modifier::BOLD));
    assert!(!cell.modifier.contains(Modifier::REVERSED));
}

/// The cell of the first occurrence of `needle` on row `y`.
fn find(buf: &Buffer, y: u16, needle: &str) -> Option<u16> {
    let row: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
    let first = needle.chars().next()?.to_string();
    (0..buf.area.width).find(|&x| {
        row[usize::from(x)] == first
            && needle.chars().enumerate().all(|(i, c)| {
                row.get(usize::from(x) + i)
                    .is_some_and(|s| *s == c.to_string())
            })
    })
}

#[test]
fn a_falling_rate_is_red_and_a_flat_one_is_not() {
    let a = app(120, 40, true);
    let buf = buffer(&a);
    let down = find(&buf, 0, "▼").unwrap();
    assert_eq!(buf[(down, 0)].fg, Color::Red);
    let flat = find(&buf, 0, "●").unwrap();
    assert_eq!(buf[(flat, 0)].fg, Color::Reset);
    let pair = find(&buf, 0, "KZT/USD").unwrap();
    assert_eq!(buf[(pair, 0)].fg, Color::Reset);
}

#[test]
fn without_colour_no_cell_has_a_colour_and_the_selection_still_shows() {
    let mut a = app(120, 40, false);
    a.update(Action::ToggleHelp);
    a.update(Action::ToggleHelp);
    for action in typed("gold") {
        a.update(action);
    }
    let buf = buffer(&a);
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    let highlighted = buf
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .count();
    assert!(highlighted > 0);
}

#[test]
fn search_hits_are_highlighted_in_the_story() {
    let mut a = app(80, 24, true);
    for action in typed("gold") {
        a.update(action);
    }
    let buf = buffer(&a);
    let lit: String = buf
        .content()
        .iter()
        .filter(|c| c.bg == Color::Yellow)
        .map(|c| c.symbol())
        .collect();
    assert!(lit.to_lowercase().contains("goldgold"), "{lit}");
    assert!(
        lit.to_lowercase().chars().all(|c| "gold".contains(c)),
        "{lit}"
    );
}

#[test]
fn long_headlines_are_cut_with_an_ellipsis_never_through_a_wide_character() {
    let text = "中国与哈萨克斯坦签署了一项新的合作协议以促进贸易\n\nText.\n";
    let b = bulletin::model::parse_str(text);
    let options = Options {
        ticker: TickerMode::Scroll,
        glyphs: Glyphs::Unicode,
        color: true,
    };
    for width in 70..80 {
        let a = App::new(b.clone(), options, width, 10);
        let screen = text_of(&a);
        let row = screen.lines().nth(1).unwrap();
        assert!(row.contains('…'), "{row}");
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(row),
            usize::from(width),
            "{row}"
        );
    }
}

fn text_of(a: &App) -> String {
    text(&buffer(a))
}

#[test]
fn outside_a_utf8_locale_the_reader_draws_in_ascii() {
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    let options = Options {
        ticker: TickerMode::Scroll,
        glyphs: Glyphs::Ascii,
        color: false,
    };
    let mut a = App::new(b, options, 80, 24);
    a.update(Action::ToggleHelp);
    let with_help = text_of(&a);
    a.update(Action::ToggleHelp);
    let screen = text_of(&a);
    for drawn in ["┌", "│", "─", "▶", "…", "·", "▼", "▲", "●"] {
        assert!(!screen.contains(drawn), "{drawn} in\n{screen}");
        assert!(!with_help.contains(drawn), "{drawn} in\n{with_help}");
    }
    assert!(screen.starts_with(" KGS/USD 0.01144 = 0%   KZT/USD 0.00196 - -0%"));
    assert!(screen
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("+ 08 Dec 2025 - 6 stories -"));
    assert!(screen.contains("|> China Seeks to Import"));
}
