//! Whole screens: the real loop on a TestBackend, driven by a script of events, at several
//! sizes; snapshotted with insta (tests/snapshots/), and the styles that carry meaning. The
//! loop's own behaviour too: when it sleeps, when it draws, resizes, effects.

mod support;

use bulletin::text::glyphs::Glyphs;
use bulletin::tui::app::{App, Settings, TickerView};
use bulletin::tui::event::Event;
use bulletin::tui::terminal::{run_loop, Exit};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::time::Duration;
use support::*;

/// Runs the real loop on the app until the script ends; the screen it leaves.
fn run(app: &mut App, script: &mut Script) -> (Exit, Buffer) {
    let (width, height) = app.size();
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let mut term = Terminal::with_options(
        TestBackend::new(width, height),
        TerminalOptions { viewport },
    )
    .unwrap();
    let exit = run_loop(&mut term, app, script, &mut Counting::default()).unwrap();
    (exit, term.backend().buffer().clone())
}

/// The sample at a size after keys, given by name and separated by spaces.
fn screen_after(width: u16, height: u16, keys: &str) -> String {
    let mut app = sample(width, height, true);
    let mut script = Script::events(keys.split_whitespace().map(key));
    text(&run(&mut app, &mut script).1)
}

fn buffer_after(app: &mut App, events: Vec<Event>) -> Buffer {
    run(app, &mut Script::events(events)).1
}

#[test]
fn sample_at_120x40() {
    insta::assert_snapshot!(screen_after(120, 40, ""));
}

#[test]
fn sample_at_80x24_third_story_paged() {
    insta::assert_snapshot!(screen_after(80, 24, "j j Enter Space"));
}

#[test]
fn sample_at_50x20_narrow_list() {
    insta::assert_snapshot!(screen_after(50, 20, "j"));
}

#[test]
fn sample_at_50x20_narrow_story() {
    insta::assert_snapshot!(screen_after(50, 20, "j Enter"));
}

#[test]
fn help_overlay_at_80x24() {
    insta::assert_snapshot!(screen_after(80, 24, "?"));
}

#[test]
fn help_scrolled_at_40x14() {
    insta::assert_snapshot!(screen_after(40, 14, "? j j j Space"));
}

#[test]
fn search_typed_at_80x24() {
    insta::assert_snapshot!(screen_after(80, 24, "/ g o l d Left"));
}

#[test]
fn search_found_at_80x24() {
    insta::assert_snapshot!(screen_after(80, 24, "/ f e r r i s Space w h e e l Enter"));
}

#[test]
fn a_remapped_key_moves_and_the_help_and_hints_show_it() {
    let config = "[keys]\nnext_story = [\"x\"]\nprev_story = [\"y\"]\n";
    let mut app = configured(config, 100, 30);
    let screen = text(&buffer_after(&mut app, vec![key("j"), key("x")]));
    assert!(screen.contains("▶ Drop in Uzbekistan"), "{screen}");
    assert!(screen.contains(" x/y story "), "the hints: {screen}");
    let mut app = configured(config, 100, 40);
    let help = text(&buffer_after(&mut app, vec![key("?")]));
    let row = help.lines().find(|l| l.contains("next story;")).unwrap();
    assert!(row.contains("│ x "), "{row}");
    assert!(!help.contains("j Down"), "{help}");
}

#[test]
fn ticker_at_several_steps() {
    let mut app = sample(80, 24, true);
    let mut rows = String::new();
    let mut done = 0;
    for step in [0u64, 1, 2, 40, 79, 80, 115, 116, 120] {
        let ticks = vec![Event::Tick; (step - done) as usize];
        done = step;
        let first_row = text(&buffer_after(&mut app, ticks))
            .lines()
            .next()
            .unwrap()
            .to_owned();
        rows.push_str(&format!("{step:>3} |{first_row}|\n"));
    }
    insta::assert_snapshot!(rows);
}

/// The sample with the ticker standing still.
fn still(width: u16, height: u16) -> App {
    configured("[ticker]\nmode = \"static\"\n", width, height)
}

#[test]
fn the_loop_sleeps_until_an_event_when_nothing_moves_and_ticks_when_the_ticker_scrolls() {
    // A still ticker: nothing moves, the loop waits for as long as it takes.
    let mut app = still(200, 50);
    let mut script = Script::events([key("j"), key("k")]);
    run(&mut app, &mut script);
    assert!(
        script.waits.iter().all(Option::is_none),
        "{:?}",
        script.waits
    );
    // Scrolling at 8 columns a second (at any width): the loop wakes every 125 ms, and a
    // wait that runs out is a step.
    let mut app = sample(200, 50, true);
    let mut script = Script::new([None, None, Some(key("t")), Some(key("j"))]);
    let (_, screen) = run(&mut app, &mut script);
    let first = script.waits[0].unwrap();
    assert!(
        first <= Duration::from_millis(125) && first > Duration::from_millis(100),
        "{first:?}"
    );
    assert_eq!(
        app.ticker_view(),
        TickerView::Still(1),
        "paused on the first whole rate"
    );
    // Paused with `t`: back to sleeping, the mark of a pause at the right.
    assert_eq!(script.waits.last().unwrap(), &None, "{:?}", script.waits);
    let top = text(&screen).lines().next().unwrap().to_owned();
    assert!(top.starts_with(" KZT/USD 0.00196 ▼ -0%"), "{top}");
    assert!(top.ends_with("‖ "), "{top}");
}

#[test]
fn a_resize_redraws_at_the_new_size() {
    let mut app = still(200, 50);
    let resize = Event::Resize {
        width: 60,
        height: 20,
    };
    let (_, screen) = run(&mut app, &mut Script::events([resize]));
    assert_eq!(screen.area, Rect::new(0, 0, 60, 20));
    let screen = text(&screen);
    assert!(
        screen
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("┌ 08 December 2025 · 6 stories"),
        "{screen}"
    );
    assert!(screen
        .lines()
        .all(|l| unicode_width::UnicodeWidthStr::width(l) == 60));
}

#[test]
fn a_still_ticker_shows_whole_rates_and_counts_the_others() {
    let mut app = still(60, 20);
    let top = text(&buffer_after(&mut app, vec![]))
        .lines()
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(
        top.trim_end(),
        " KGS/USD 0.01144 ● 0%   KZT/USD 0.00196 ▼ -0%   +3"
    );
}

#[test]
fn quit_ends_the_loop_and_a_lost_terminal_ends_it_as_a_hangup() {
    let mut app = sample(80, 24, true);
    let (exit, _) = run(
        &mut app,
        &mut Script::events([key("j"), key("q"), key("j")]),
    );
    assert_eq!(exit, Exit::Quit);
    assert_eq!(app.selected(), 1, "nothing after q was handled");
    let (exit, _) = run(&mut sample(80, 24, true), &mut Script::events([key("j")]));
    assert_eq!(exit, Exit::Hangup);
}

#[test]
fn suspend_asks_the_host_and_its_own_sigcont_is_not_answered_twice() {
    let mut app = sample(80, 24, true);
    let (width, height) = app.size();
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let mut term = Terminal::with_options(
        TestBackend::new(width, height),
        TerminalOptions { viewport },
    )
    .unwrap();
    let mut host = Counting::default();
    let mut script = Script::events([
        key("C-z"),
        Event::Resume,
        Event::Suspend,
        Event::Resume,
        Event::Resume,
    ]);
    run_loop(&mut term, &mut app, &mut script, &mut host).unwrap();
    assert_eq!(host.suspended, 2);
    assert_eq!(
        host.resumed, 1,
        "only a SIGCONT after a stop from outside takes the terminal again"
    );
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
        let mut app = sample(w, h, true);
        for keys in ["j", "Enter", "Space", "?", "j", "G", "?", "/ a Enter"] {
            let buf = buffer_after(&mut app, keys.split(' ').map(key).collect());
            assert_eq!(buf.area.area(), u32::from(w) * u32::from(h));
        }
    }
    insta::assert_snapshot!(screen_after(20, 5, ""));
}

#[test]
fn selected_headline_is_reversed_in_the_focused_list_and_bold_elsewhere() {
    let mut app = sample(120, 40, true);
    let buf = buffer_after(&mut app, vec![key("j")]);
    // The first headline takes two lines at 120 columns; the second starts below them.
    let first = app
        .list_shape()
        .height(&app.bulletin().articles[0].headline) as u16;
    let list_row = app.areas().list.y + 1 + first;
    let cell = &buf[(5, list_row)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    assert!(!buf[(5, list_row - 1)].modifier.contains(Modifier::REVERSED));
    let cell = buffer_after(&mut app, vec![key("Enter")])[(5, list_row)].clone();
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
fn a_falling_rate_is_red_a_fall_rounded_to_zero_dim_and_a_flat_one_plain() {
    let bulletin = "KGS/USD = 0.01144 0%\nKZT/USD = 0.00196 -0%\nTJS/USD = 0.10899 -1.5%\n\
                    08 December 2025\n\nA Story\n\nText.\n";
    let settings = Settings {
        ticker: bulletin::config::TickerConfig {
            mode: bulletin::config::TickerMode::Static,
            speed: 8,
        },
        ..Settings::default()
    };
    let mut app = app_with(bulletin.as_bytes(), 120, 20, settings);
    let buf = buffer_after(&mut app, vec![]);
    let fell = find(&buf, 0, "▼ -1.5%").unwrap();
    assert_eq!(buf[(fell, 0)].fg, Color::Red);
    let rounded = find(&buf, 0, "▼ -0%").unwrap();
    assert_eq!(
        buf[(rounded, 0)].fg,
        Color::DarkGray,
        "the sign kept, not the alarm red"
    );
    let flat = find(&buf, 0, "●").unwrap();
    assert_eq!(buf[(flat, 0)].fg, Color::Reset);
    let pair = find(&buf, 0, "KZT/USD").unwrap();
    assert_eq!(buf[(pair, 0)].fg, Color::Reset);
}

#[test]
fn a_theme_from_the_config_colours_the_screen() {
    let config =
        "[ticker]\nmode = \"static\"\n[theme]\nrounded_fall = { fg = \"bright_magenta\" }\n\
                  selection = { fg = \"black\", bg = \"cyan\", bold = true }\n";
    let mut app = configured(config, 120, 40);
    let buf = buffer_after(&mut app, vec![]);
    let down = find(&buf, 0, "▼").unwrap();
    assert_eq!(buf[(down, 0)].fg, Color::LightMagenta);
    let selected = &buf[(5, app.areas().list.y + 1)];
    assert_eq!((selected.fg, selected.bg), (Color::Black, Color::Cyan));
    assert!(!selected.modifier.contains(Modifier::REVERSED));
}

#[test]
fn without_colour_no_cell_has_a_colour_and_the_selection_still_shows() {
    let mut app = sample(120, 40, false);
    let mut events = vec![key("?"), key("?"), key("/")];
    events.extend(typing("gold"));
    events.push(key("Enter"));
    let buf = buffer_after(&mut app, events);
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
    let mut app = sample(80, 24, true);
    let mut events = vec![key("/")];
    events.extend(typing("gold"));
    events.push(key("Enter"));
    let buf = buffer_after(&mut app, events);
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
fn long_headlines_wrap_and_are_cut_never_through_a_wide_character() {
    let bulletin =
        "中国与哈萨克斯坦签署了一项新的合作协议以促进贸易和投资以及其他许多领域\n\nText.\n";
    for width in 70..80 {
        let mut a = app_with(bulletin.as_bytes(), width, 10, Settings::default());
        let screen = text(&buffer_after(&mut a, vec![]));
        let rows: Vec<&str> = screen.lines().skip(1).take(2).collect();
        for row in &rows {
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(*row),
                usize::from(width),
                "{row}"
            );
        }
        assert!(rows[0].contains("▶ 中国与"), "{}", rows[0]);
        assert!(
            rows[1].contains('…'),
            "two lines, the second cut: {}",
            rows[1]
        );
    }
}

#[test]
fn outside_a_utf8_locale_the_reader_draws_in_ascii() {
    let settings = Settings {
        glyphs: Glyphs::Ascii,
        color: false,
        ..Settings::default()
    };
    let mut a = app_with(SAMPLE, 80, 24, settings);
    let with_help = text(&buffer_after(&mut a, vec![key("?")]));
    let screen = text(&buffer_after(&mut a, vec![key("?")]));
    for drawn in ["┌", "│", "─", "▶", "…", "·", "▼", "▲", "●"] {
        assert!(!screen.contains(drawn), "{drawn} in\n{screen}");
        assert!(!with_help.contains(drawn), "{drawn} in\n{with_help}");
    }
    assert!(
        screen.starts_with(" KGS/USD 0.01144 = 0%   KZT/USD 0.00196 v -0%"),
        "{screen}"
    );
    let title = screen.lines().nth(1).unwrap();
    assert!(title.starts_with("+ 08 Dec 2025 - 6 stories -"), "{title}");
    assert!(screen.contains("|> China Seeks to Import"));
}

/// The texts of the cells of one colour of background, line by line.
fn lit(buf: &Buffer, bg: Color) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .filter(|&x| buf[(x, y)].bg == bg)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn the_current_match_has_its_own_style_and_a_phrase_split_by_wrapping_shows_on_both_lines() {
    let text =
        "A Story Of Gold\n\nThe sales of gold rose. Later the gold sales of the central banks \
                fell, and gold sales went on falling.\n";
    let settings = Settings {
        ticker: bulletin::config::TickerConfig {
            mode: bulletin::config::TickerMode::Static,
            speed: 8,
        },
        ..Settings::default()
    };
    // 70 columns: one pane at a time, the story 66 columns wide inside its border and margins.
    let mut app = app_with(text.as_bytes(), 70, 16, settings);
    let mut events = vec![key("Enter"), key("/")];
    events.extend(typing("gold sales"));
    events.push(key("Enter"));
    let buf = buffer_after(&mut app, events);
    let screen = text_of(&buf);
    // The first match is current, and wrapping split it: both its parts are lit.
    assert_eq!(lit(&buf, Color::Cyan), ["gold", "sales"], "{screen}");
    assert_eq!(lit(&buf, Color::Yellow), ["gold sales"], "{screen}");
    let buf = buffer_after(&mut app, vec![key("n")]);
    assert_eq!(
        lit(&buf, Color::Cyan),
        ["gold sales"],
        "n: the second is current"
    );
    assert_eq!(lit(&buf, Color::Yellow), ["gold", "sales"]);
}

fn text_of(buf: &Buffer) -> String {
    text(buf)
}

#[test]
fn measure_at_200x60() {
    insta::assert_snapshot!(text(&buffer_after(&mut still(200, 60), vec![key("Enter")])));
}

#[test]
fn still_ticker_with_the_others_counted_at_80x24() {
    insta::assert_snapshot!(text(&buffer_after(&mut still(80, 24), vec![])));
}

#[test]
fn current_match_at_80x24() {
    let mut app = still(80, 24);
    let mut events = vec![key("/")];
    events.extend(typing("gold"));
    events.extend([key("Enter"), key("n")]);
    let buf = buffer_after(&mut app, events);
    let styles = format!(
        "current match (cyan): {:?}\nother matches (yellow): {:?}",
        lit(&buf, Color::Cyan),
        lit(&buf, Color::Yellow)
    );
    insta::assert_snapshot!(format!("{}\n{styles}", text(&buf)));
}

#[test]
fn a_message_too_long_for_the_status_line_says_how_to_read_it_whole() {
    let url = format!(
        "https://news.example.org/{}",
        "tajik-somoni-holds-steady-".repeat(4)
    );
    let mut app = still(80, 24);
    let buf = buffer_after(
        &mut app,
        vec![Event::Said(format!("opened {url} in the browser"))],
    );
    let status = text(&buf).lines().nth(23).unwrap().to_owned();
    assert!(
        status.starts_with(" opened https://news.example.org/tajik"),
        "{status}"
    );
    assert!(status.trim_end().ends_with("… (M: all of it)"), "{status}");
    assert!(status.chars().count() <= 80);
    // M shows it whole, wrapped, in the messages.
    let buf = buffer_after(&mut app, vec![key("M")]);
    let screen = text(&buf);
    assert!(screen.contains(" Messages "), "{screen}");
    let joined: String = screen
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c == ' '))
        .collect();
    assert!(joined.contains(&url), "{screen}");
}
