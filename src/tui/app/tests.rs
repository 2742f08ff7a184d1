//! Every action's effect on the state, and the clamping of every index.

use super::*;
use crate::config::TickerMode;
use crate::model::parse_str;
use crate::term::input::{Button, Mouse};
use std::time::Duration;

const SAMPLE: &[u8] = include_bytes!("../../../assets/central-asia-2025-12-08.txt");

fn options() -> Settings {
    Settings::default()
}

fn new(b: Bulletin, settings: Settings, width: u16, height: u16) -> App {
    App::new(b, settings, Keymap::default(), width, height)
}

fn sample(width: u16, height: u16) -> App {
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    new(b, options(), width, height)
}

fn run(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.act(*a);
    }
}

fn resize(app: &mut App, width: u16, height: u16) {
    app.update(Event::Resize { width, height });
}

fn key(app: &mut App, name: &str) -> Vec<Effect> {
    app.update(Event::Input(Input::Key(name.parse().unwrap())))
}

fn mouse(app: &mut App, kind: MouseKind, column: u16, row: u16) {
    app.update(Event::Input(Input::Mouse(Mouse { kind, column, row })));
}

fn typed(app: &mut App, text: &str) {
    run(app, &[Action::Search]);
    for c in text.chars() {
        key(app, &c.to_string());
    }
}

#[test]
fn j_and_k_move_the_selection_and_stop_at_the_ends() {
    let mut app = sample(120, 40);
    run(&mut app, &[Action::NextStory, Action::NextStory]);
    assert_eq!(app.selected, 2);
    run(&mut app, &[Action::PrevStory; 5]);
    assert_eq!(app.selected, 0);
    run(&mut app, &[Action::NextStory; 20]);
    assert_eq!(app.selected, 5);
    run(&mut app, &[Action::Top]);
    assert_eq!(app.selected, 0);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.selected, 5);
}

#[test]
fn in_the_story_j_and_k_scroll_and_clamp() {
    let mut app = sample(80, 24);
    run(&mut app, &[Action::Bottom, Action::Open]);
    assert_eq!(app.focus, Focus::Story);
    run(&mut app, &[Action::NextStory, Action::NextStory]);
    assert_eq!(app.selected, 5, "j scrolls, it does not change story");
    assert_eq!(app.scroll, 2);
    run(&mut app, &[Action::PrevStory; 5]);
    assert_eq!(app.scroll, 0);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.scroll, app.max_scroll());
    assert!(app.max_scroll() > 0);
    assert_eq!(app.percent_read(), Some(100));
    run(&mut app, &[Action::NextStory]);
    assert_eq!(app.scroll, app.max_scroll(), "no scrolling past the end");
    run(&mut app, &[Action::Top]);
    assert_eq!(app.scroll, 0);
}

#[test]
fn pages_move_a_pane_less_a_line_of_context() {
    let mut app = sample(80, 24);
    run(&mut app, &[Action::Bottom]);
    let rows = app.story_rows();
    run(&mut app, &[Action::PageDown]);
    assert_eq!(app.scroll, rows - 1);
    run(&mut app, &[Action::PageDown, Action::PageUp]);
    assert_eq!(app.scroll, rows - 1);
    run(&mut app, &[Action::PageUp, Action::PageUp]);
    assert_eq!(app.scroll, 0);
}

#[test]
fn next_story_from_anywhere_opens_it_at_its_top() {
    let mut app = sample(80, 24);
    run(&mut app, &[Action::Open, Action::PageDown]);
    assert!(app.scroll > 0);
    run(&mut app, &[Action::OpenNextStory]);
    assert_eq!((app.selected, app.scroll, app.focus), (1, 0, Focus::Story));
    run(&mut app, &[Action::OpenPrevStory, Action::OpenPrevStory]);
    assert_eq!(app.selected, 0);
}

#[test]
fn half_pages_move_half_as_far_as_pages() {
    let mut app = sample(80, 24);
    run(
        &mut app,
        &[Action::Bottom, Action::Open, Action::HalfPageDown],
    );
    let half = app.scroll;
    run(&mut app, &[Action::Top, Action::PageDown]);
    assert!(half > 0 && half < app.scroll, "{half} {}", app.scroll);
    run(
        &mut app,
        &[Action::HalfPageUp, Action::HalfPageUp, Action::HalfPageUp],
    );
    assert_eq!(app.scroll, 0);
}

#[test]
fn focus_moves_with_enter_tab_and_esc() {
    let mut app = sample(120, 40);
    run(&mut app, &[Action::Open]);
    assert_eq!(app.focus, Focus::Story);
    run(&mut app, &[Action::Back]);
    assert_eq!(app.focus, Focus::List);
    run(&mut app, &[Action::ToggleFocus]);
    assert_eq!(app.focus, Focus::Story);
    run(&mut app, &[Action::ToggleFocus]);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn narrow_screens_show_the_list_or_the_story() {
    let mut app = sample(50, 20);
    assert_eq!(app.areas().story.width, 0);
    run(&mut app, &[Action::NextStory, Action::Open]);
    assert_eq!(app.areas().list.width, 0);
    assert_eq!(app.areas().story.width, 50);
    // The story is laid out at the narrow pane's width.
    assert!(app
        .story_lines()
        .iter()
        .all(|l| crate::text::wrap::width(app.line_text(l)) <= 46));
    run(&mut app, &[Action::Back]);
    assert_eq!(app.areas().list.width, 50);
}

#[test]
fn the_list_keeps_the_selection_in_view() {
    let text: String = (0..50)
        .map(|i| format!("Story Number {i}\n\nText.\n\n"))
        .collect();
    let mut app = new(parse_str(&text), options(), 80, 12);
    let rows = 12 - 2 - 1; // borders and the status line; no ticker without rates
    run(&mut app, &[Action::NextStory; 20]);
    assert_eq!(app.selected, 20);
    assert!(app.list_offset <= 20 && 20 < app.list_offset + rows);
    run(&mut app, &[Action::Top]);
    assert_eq!(app.list_offset, 0);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.list_offset, 50 - rows);
}

/// Lets the scans of a search run to their end, as the loop does between events.
fn settle(app: &mut App) {
    while app.busy() {
        app.work();
    }
}

fn query(app: &App) -> Option<&str> {
    app.search.needle().map(|n| n.text())
}

#[test]
fn search_finds_brings_into_view_and_cycles() {
    let mut app = sample(80, 24);
    typed(&mut app, "ferris wheel");
    key(&mut app, "Enter");
    settle(&mut app);
    assert_eq!(query(&app), Some("ferris wheel"));
    assert_eq!(app.mode, Mode::Reading);
    assert_eq!(app.selected, 5);
    assert_eq!(app.message(), Some("match 1/1"));
    let hit = app.search.current().unwrap();
    let line = app
        .story_layout()
        .line_of(hit.at.block(), hit.at.offset)
        .unwrap();
    assert!(app.scroll <= line && line < app.scroll + app.story_rows());
    run(&mut app, &[Action::NextMatch]);
    settle(&mut app);
    assert_eq!(app.message(), Some("match 1/1, wrapped around"));
    assert_eq!(app.search.current(), Some(hit));
}

#[test]
fn search_matches_every_story_and_n_goes_through_them() {
    let mut app = sample(120, 40);
    typed(&mut app, "UN");
    key(&mut app, "Backspace");
    typed_more(&mut app, "ndp");
    key(&mut app, "Enter");
    settle(&mut app);
    assert_eq!(query(&app), Some("Undp"));
    assert_eq!(app.selected, 2);
    let total: usize = app
        .message()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(total > 3, "{:?}", app.message());
    let mut stories = vec![app.selected];
    for i in 2..=total {
        run(&mut app, &[Action::NextMatch]);
        settle(&mut app);
        assert_eq!(app.message(), Some(format!("match {i}/{total}").as_str()));
        stories.push(app.selected);
    }
    assert!(stories.contains(&2) && stories.contains(&5), "{stories:?}");
    assert!(
        stories.windows(2).all(|w| w[0] <= w[1]),
        "in order: {stories:?}"
    );
    run(&mut app, &[Action::NextMatch]);
    settle(&mut app);
    assert_eq!(
        app.message(),
        Some(format!("match 1/{total}, wrapped around").as_str())
    );
    assert_eq!(app.selected, 2);
    run(&mut app, &[Action::PrevMatch]);
    settle(&mut app);
    assert_eq!(app.selected, 5);
    assert_eq!(
        app.message(),
        Some(format!("match {total}/{total}, wrapped around").as_str())
    );
    run(&mut app, &[Action::PrevMatch]);
    settle(&mut app);
    assert_eq!(
        app.message(),
        Some(format!("match {}/{total}", total - 1).as_str())
    );
}

#[test]
fn a_search_over_a_big_bulletin_runs_in_slices_that_esc_stops() {
    let para = "a".repeat(search::SLICE / 4);
    let text: String = (0..8)
        .map(|i| format!("Story Number {i}\n\n{para}\n\n"))
        .collect();
    let mut app = new(parse_str(&text), options(), 80, 24);
    typed(&mut app, "zz");
    key(&mut app, "Enter");
    assert!(app.busy(), "one slice does not cover twice its size");
    key(&mut app, "Esc");
    assert!(!app.busy());
    assert_eq!(app.message(), Some("search stopped"));
    // A match on every byte: nothing is kept but the place, and the count comes in slices.
    typed(&mut app, "a");
    key(&mut app, "Enter");
    let mut slices = 0;
    while app.busy() {
        app.work();
        slices += 1;
    }
    assert!(slices >= 2, "{slices} slices");
    let total = crate::text::wrap::thousands(8 * para.len());
    assert_eq!(app.message(), Some(format!("match 1/{total}").as_str()));
    assert!(std::mem::size_of_val(&app.search) < 1024);
}

fn typed_more(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, &c.to_string());
    }
}

#[test]
fn a_first_match_found_past_the_end_is_numbered_and_says_it_wrapped() {
    let mut app = sample(120, 40);
    run(&mut app, &[Action::Bottom]);
    typed(&mut app, "uzbekistan's");
    key(&mut app, "Enter");
    settle(&mut app);
    assert_eq!(app.selected, 1, "found in the second story, going round");
    assert!(
        app.message().unwrap().ends_with(", wrapped around"),
        "{:?}",
        app.message()
    );
    assert!(
        app.message().unwrap().starts_with("match 1/"),
        "{:?}",
        app.message()
    );
}

#[test]
fn a_search_with_no_match_says_so_and_esc_cancels_typing() {
    let mut app = sample(120, 40);
    typed(&mut app, "zq");
    key(&mut app, "Enter");
    settle(&mut app);
    assert_eq!(app.message(), Some("no match for “zq”"));
    assert_eq!(app.selected, 0);
    typed(&mut app, "x");
    key(&mut app, "Esc");
    assert_eq!(app.mode, Mode::Reading);
    run(&mut app, &[Action::Back]);
    assert_eq!(query(&app), None);
}

#[test]
fn while_typing_command_letters_are_text() {
    let mut app = sample(120, 40);
    typed(&mut app, "q?jn");
    assert!(key(&mut app, "q").is_empty(), "q is typed, not quit");
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("still typing")
    };
    assert_eq!(prompt.text(), "q?jnq");
    assert_eq!(key(&mut app, "C-c"), [Effect::Quit], "Ctrl-C still quits");
}

#[test]
fn the_prompt_edits_like_a_shells() {
    let mut app = sample(120, 40);
    typed(&mut app, "gold sales");
    let text = |app: &App| match &app.mode {
        Mode::Prompt(p) => (p.text().to_owned(), p.cursor()),
        _ => panic!("not typing"),
    };
    key(&mut app, "C-w");
    assert_eq!(text(&app), ("gold ".into(), 5));
    key(&mut app, "Left");
    key(&mut app, "Left");
    key(&mut app, "x");
    assert_eq!(text(&app), ("golxd ".into(), 4));
    key(&mut app, "Home");
    key(&mut app, "Delete");
    assert_eq!(text(&app), ("olxd ".into(), 0));
    key(&mut app, "End");
    key(&mut app, "Backspace");
    assert_eq!(text(&app), ("olxd".into(), 4));
    key(&mut app, "Left");
    key(&mut app, "C-u");
    assert_eq!(text(&app), ("d".into(), 0));
}

#[test]
fn typed_and_pasted_text_is_cleaned_before_it_is_shown() {
    let mut app = sample(120, 40);
    typed(&mut app, "a\u{202e}b");
    key(&mut app, "\u{2066}");
    app.update(Event::Input(Input::Paste("c\u{1b}[31md\ne\u{202e}".into())));
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("typing")
    };
    assert_eq!(prompt.text(), "abcd e");
}

#[test]
fn an_empty_search_repeats_the_last_and_up_recalls_earlier_ones() {
    let mut app = sample(120, 40);
    typed(&mut app, "gold");
    key(&mut app, "Enter");
    typed(&mut app, "UNDP");
    key(&mut app, "Enter");
    run(&mut app, &[Action::Search]);
    key(&mut app, "Enter");
    assert_eq!(
        query(&app),
        Some("UNDP"),
        "nothing typed: the last search again"
    );
    run(&mut app, &[Action::Search]);
    key(&mut app, "Up");
    key(&mut app, "Up");
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("typing")
    };
    assert_eq!(prompt.text(), "gold");
    key(&mut app, "Down");
    key(&mut app, "Down");
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("typing")
    };
    assert_eq!(prompt.text(), "", "back to what was typed");
}

#[test]
fn messages_last_until_the_next_key() {
    let mut app = sample(120, 40);
    run(&mut app, &[Action::ToggleTicker]);
    assert_eq!(app.message(), Some("ticker paused"));
    app.update(Event::Tick);
    assert_eq!(app.message(), Some("ticker paused"));
    key(&mut app, "j");
    assert_eq!(app.message(), None);
}

#[test]
fn resize_rewraps_keeps_the_place_and_clamps() {
    let mut app = sample(120, 40);
    run(&mut app, &[Action::Bottom, Action::Open, Action::PageDown]);
    let top = app.story_lines()[app.scroll..]
        .iter()
        .find_map(|l| l.origin())
        .unwrap();
    resize(&mut app, 90, 30);
    let now = app.story_lines()[app.scroll].origin().unwrap();
    assert_eq!(now.block, top.block, "the same block stays at the top");
    assert!(now.start <= top.start);
    assert!(app
        .story_lines()
        .iter()
        .all(|l| crate::text::wrap::width(app.line_text(l)) <= 90));
    resize(&mut app, 1, 1);
    assert!(app.scroll <= app.max_scroll());
    resize(&mut app, 0, 0);
    run(&mut app, &[Action::NextStory, Action::PageDown]);
    resize(&mut app, 200, 60);
    assert!(app.scroll <= app.max_scroll());
}

#[test]
fn the_story_keeps_a_readable_measure_on_wide_screens() {
    let mut app = sample(240, 60);
    assert_eq!(app.story_area().width, 100);
    assert!(app
        .story_lines()
        .iter()
        .all(|l| crate::text::wrap::width(app.line_text(l)) <= 100));
    let narrow = Settings {
        max_width: 60,
        ..options()
    };
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    assert_eq!(new(b, narrow, 240, 60).story_area().width, 60);
    resize(&mut app, 80, 24);
    assert!(app.story_area().width < 100);
}

#[test]
fn the_ticker_scrolls_at_every_width_and_pauses_on_a_rates_start() {
    use ticker::TickerView::*;
    let mut app = sample(200, 60);
    assert!(
        app.ticker_moves(),
        "the rates fit 200 columns, and still move"
    );
    assert_eq!(app.tick_interval(), Some(Duration::from_millis(125)));
    for _ in 0..30 {
        app.update(Event::Tick);
    }
    assert_eq!(app.ticker_view(), Scrolling(30));
    // Paused with KGS/USD half gone at the left edge: the first whole rate shows first.
    run(&mut app, &[Action::ToggleTicker]);
    assert_eq!(app.message(), Some("ticker paused"));
    assert_eq!(app.tick_interval(), None);
    assert_eq!(
        app.ticker_view(),
        Still(2),
        "KGS and KZT had gone past the edge"
    );
    app.update(Event::Tick);
    assert_eq!(app.ticker_view(), Still(2));
    run(&mut app, &[Action::ToggleTicker]);
    assert_eq!(
        app.ticker_view(),
        Scrolling(app.marquee.starts()[2]),
        "on from there"
    );
    assert_eq!(app.message(), Some("ticker running"));
}

#[test]
fn step_static_and_speed() {
    use ticker::TickerView::*;
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    let with = |mode, speed| Settings {
        ticker: crate::config::TickerConfig { mode, speed },
        ..options()
    };
    let mut step = new(b.clone(), with(TickerMode::Step, 8), 80, 24);
    assert_eq!(step.tick_interval(), Some(ticker::STEP_EVERY));
    step.update(Event::Tick);
    assert_eq!(step.ticker_view(), Still(1));
    run(&mut step, &[Action::ToggleTicker]);
    step.update(Event::Tick);
    assert_eq!(step.ticker_view(), Still(1), "paused");
    let mut still = new(b.clone(), with(TickerMode::Static, 8), 80, 24);
    assert_eq!(still.tick_interval(), None);
    assert_eq!(still.ticker_view(), Still(0));
    run(&mut still, &[Action::ToggleTicker]);
    assert_eq!(
        still.message(),
        Some("the ticker stands still (ticker mode static)"),
        "t says why nothing moves"
    );
    let fast = new(b, with(TickerMode::Scroll, 20), 80, 24);
    assert_eq!(fast.tick_interval(), Some(Duration::from_millis(50)));
    let mut none = new(parse_str("Just A Headline\n"), options(), 80, 24);
    assert_eq!(none.tick_interval(), None);
    run(&mut none, &[Action::ToggleTicker]);
    assert_eq!(none.message(), Some("no rates in this bulletin"));
}

#[test]
fn help_opens_scrolls_and_closes_and_q_there_closes_it() {
    let mut app = sample(80, 14);
    run(&mut app, &[Action::Help]);
    assert_eq!(app.mode, Mode::Help { scroll: 0 });
    key(&mut app, "j");
    key(&mut app, "j");
    assert_eq!(app.mode, Mode::Help { scroll: 2 });
    key(&mut app, "G");
    let Mode::Help { scroll } = app.mode else {
        panic!("help")
    };
    assert_eq!(scroll, app.help_last_scroll());
    assert!(scroll > 0, "the help is longer than 14 rows");
    assert!(key(&mut app, "q").is_empty(), "q closes the help");
    assert_eq!(app.mode, Mode::Reading);
    assert_eq!(app.selected, 0, "keys in the help do not move the list");
    run(&mut app, &[Action::Help]);
    assert_eq!(key(&mut app, "C-c"), [Effect::Quit]);
}

#[test]
fn quit_redraw_and_suspend_are_effects_for_the_loop() {
    let mut app = sample(80, 24);
    assert_eq!(key(&mut app, "q"), [Effect::Quit]);
    assert_eq!(key(&mut app, "C-l"), [Effect::RedrawAll]);
    assert_eq!(key(&mut app, "C-z"), [Effect::Suspend]);
    assert_eq!(app.update(Event::Suspend), [Effect::Suspend]);
    assert_eq!(app.update(Event::Resume), [Effect::RedrawAll]);
}

#[test]
fn remapped_keys_act_and_the_old_ones_do_not() {
    let config = crate::config::Config::parse(
        "[keys]\nnext_story = [\"x\"]\n",
        std::path::Path::new("c.toml"),
    )
    .unwrap();
    let keymap = Keymap::new(&config.keys).unwrap();
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    let mut app = App::new(b, options(), keymap, 120, 40);
    key(&mut app, "j");
    assert_eq!(app.selected, 0);
    key(&mut app, "x");
    assert_eq!(app.selected, 1);
}

#[test]
fn wheel_scrolls_the_pane_under_it_and_click_selects() {
    let mut app = sample(120, 40);
    run(&mut app, &[Action::Bottom]);
    let story = app.areas().story;
    mouse(&mut app, MouseKind::WheelDown, story.x + 5, story.y + 5);
    assert_eq!((app.selected, app.scroll), (5, 3));
    let list = app.areas().list;
    mouse(&mut app, MouseKind::WheelUp, list.x + 2, list.y + 2);
    assert_eq!((app.selected, app.scroll), (4, 0));
    let click = MouseKind::Press(Button::Left);
    // The rows of the headlines before the fourth: some take two lines.
    let shape = app.list_shape();
    let above: usize = (0..3)
        .map(|i| shape.height(&app.bulletin.articles[i].headline))
        .sum();
    assert!(above > 3, "two-line headlines at 120 columns");
    let fourth = list.y + 1 + above as u16;
    mouse(&mut app, click, list.x + 3, fourth + 1);
    assert_eq!(
        (app.selected, app.focus),
        (3, Focus::List),
        "its second line"
    );
    mouse(&mut app, click, list.x + 3, fourth);
    assert_eq!(
        app.focus,
        Focus::Story,
        "a click on the selected headline opens it"
    );
    mouse(&mut app, click, list.x + 3, list.y + 1 + 36);
    assert_eq!(
        app.selected, 3,
        "a click below the last headline selects nothing"
    );
    run(&mut app, &[Action::Help]);
    mouse(&mut app, MouseKind::WheelDown, story.x + 5, story.y + 5);
    assert_eq!(app.scroll, 0, "the mouse does nothing under the help");
}

#[test]
fn an_empty_bulletin_is_safe_to_drive() {
    let mut app = new(Bulletin::default(), options(), 80, 24);
    run(
        &mut app,
        &[
            Action::NextStory,
            Action::PrevStory,
            Action::Open,
            Action::PageDown,
            Action::Bottom,
            Action::OpenNextStory,
            Action::NextMatch,
        ],
    );
    app.update(Event::Tick);
    typed(&mut app, "a");
    key(&mut app, "Enter");
    mouse(&mut app, MouseKind::Press(Button::Left), 3, 3);
    assert_eq!((app.selected, app.scroll, app.focus), (0, 0, Focus::List));
}

#[test]
fn stories_are_laid_out_once_per_width_and_kept() {
    let mut app = sample(120, 40);
    run(
        &mut app,
        &[
            Action::NextStory,
            Action::PrevStory,
            Action::NextStory,
            Action::PrevStory,
        ],
    );
    assert_eq!(app.layouts.len(), 2, "two stories seen at one width");
    resize(&mut app, 100, 40);
    run(&mut app, &[Action::NextStory]);
    assert_eq!(app.layouts.len(), 4, "each seen again at the new width");
    let text: String = (0..50)
        .map(|i| format!("Story Number {i}\n\nText.\n\n"))
        .collect();
    let mut many = new(parse_str(&text), options(), 80, 24);
    run(&mut many, &[Action::NextStory; 49]);
    assert_eq!(many.layouts.len(), 50, "small stories are all kept");
    assert_eq!(many.line_text(&many.story_lines()[0]), "Story Number 49");
}

#[test]
fn a_story_far_too_long_is_laid_out_around_what_is_shown_and_the_rest_between_events() {
    let para = "word ".repeat(400_000); // 2 MB in one paragraph
    let text = format!("A Very Long Story\n\n{para}\n\nA Short One\n\nText.\n");
    let mut app = new(parse_str(&text), options(), 80, 24);
    run(&mut app, &[Action::Open]);
    assert!(!app.story_layout().is_done(), "not laid out at once");
    assert!(app.story_lines().len() >= app.story_rows());
    assert_eq!(app.percent_read(), None);
    assert!(app.busy(), "the rest is laid out between events");
    run(&mut app, &[Action::PageDown, Action::PageDown]);
    assert_eq!(app.scroll, 2 * (app.story_rows() - 1));
    while app.busy() {
        app.work();
    }
    assert!(app.story_layout().is_done());
    assert!(app.percent_read().is_some());
    // The end of the story, asked for at once, lays it out to the end.
    let mut other = new(parse_str(&text), options(), 80, 24);
    run(&mut other, &[Action::Open, Action::Bottom]);
    assert!(other.story_layout().is_done());
    assert_eq!(other.scroll, other.max_scroll());
    assert_eq!(other.percent_read(), Some(100));
}

#[test]
fn space_reads_straight_through_and_the_end_of_the_bulletin_is_said() {
    let mut app = sample(80, 24);
    run(&mut app, &[Action::Open]);
    // Page down the first story to its end, then once more: the second story, at its top.
    while app.scroll < app.max_scroll() {
        run(&mut app, &[Action::PageDown]);
    }
    assert_eq!(app.selected, 0);
    run(&mut app, &[Action::PageDown]);
    assert_eq!((app.selected, app.scroll, app.focus), (1, 0, Focus::Story));
    // At the last story: space at its end, j at its end, J, all say so.
    run(&mut app, &[Action::Back, Action::Bottom, Action::Open]);
    assert_eq!(app.selected, 5);
    run(&mut app, &[Action::OpenNextStory]);
    assert_eq!(app.message(), Some("end of the bulletin"), "J");
    run(&mut app, &[Action::Bottom]);
    for action in [Action::PageDown, Action::NextStory, Action::OpenNextStory] {
        key(&mut app, "Left"); // a key clears the message
        run(&mut app, &[Action::Open, Action::Bottom, action]);
        assert_eq!(app.message(), Some("end of the bulletin"), "{action:?}");
        assert_eq!(app.selected, 5);
    }
    run(&mut app, &[Action::Back, Action::NextStory]);
    assert_eq!(app.message(), Some("end of the bulletin"), "j in the list");
}

#[test]
fn a_terminal_larger_than_what_is_drawn_is_clipped_and_known_to_be() {
    let mut app = sample(65535, 65535);
    assert_eq!(app.size(), (MAX_DRAWN, MAX_DRAWN));
    assert_eq!(app.clipped(), Some((65535, 65535)));
    resize(&mut app, 120, 40);
    assert_eq!((app.size(), app.clipped()), ((120, 40), None));
    resize(&mut app, 1001, 40);
    assert_eq!((app.size(), app.clipped()), ((1000, 40), Some((1001, 40))));
    resize(&mut app, 1000, 1000);
    assert_eq!(app.clipped(), None);
}

#[test]
fn a_bulletin_without_a_date_says_where_it_is_kept() {
    let b = parse_str("A Headline Here\n\nText.\n");
    let mut app = new(b.clone(), options(), 100, 30);
    app.set_archive_view(ArchiveView {
        has_archive: true,
        record: Some((Box::new(b), "x.txt".into())),
        ..ArchiveView::default()
    });
    let effects = app.update(Event::Opened);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Archive(crate::tui::asks::Request::Record { .. })]
    ));
    assert_eq!(app.message(), Some("no date: kept under the day it came"));
    // A dated one says nothing of it.
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    let mut app = new(b.clone(), options(), 100, 30);
    app.set_archive_view(ArchiveView {
        has_archive: true,
        record: Some((Box::new(b), "x.txt".into())),
        ..ArchiveView::default()
    });
    app.update(Event::Opened);
    assert_eq!(app.message(), None);
}

#[test]
fn esc_and_a_key_read_together_are_esc_then_the_key_unless_the_alt_key_is_bound() {
    let mut app = sample(120, 40);
    key(&mut app, "Enter");
    assert_eq!(app.focus(), Focus::Story);
    // `ESC j` in one read: the parser's M-j, bound to nothing.
    key(&mut app, "M-j");
    assert_eq!(
        (app.focus(), app.selected()),
        (Focus::List, 1),
        "back to the list, then down"
    );
    // In the prompt M-Backspace deletes a word: it is bound, so it stays itself.
    key(&mut app, "/");
    typed(&mut app, "gold sales");
    key(&mut app, "M-Backspace");
    match app.mode() {
        Mode::Prompt(p) => assert_eq!(p.text(), "gold "),
        other => panic!("{other:?}"),
    }
    // A config that binds M-j keeps it.
    let config = crate::config::Config::parse(
        "[keys]\nopen_next_story = [\"M-j\"]\n",
        std::path::Path::new("c.toml"),
    )
    .unwrap();
    let keymap = Keymap::new(&config.keys).unwrap();
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    let mut app = App::new(b, options(), keymap, 120, 40);
    key(&mut app, "Enter");
    key(&mut app, "M-j");
    assert_eq!((app.focus(), app.selected()), (Focus::Story, 1));
}

#[test]
fn the_sample_beside_an_archive_says_how_to_reach_the_archive() {
    let mut app = sample(100, 30);
    app.set_archive_view(ArchiveView {
        sample_beside_archive: true,
        ..ArchiveView::default()
    });
    key(&mut app, "D");
    assert_eq!(
        app.message(),
        Some("the sample is not part of the archive: `bulletin` alone opens the archive")
    );
    let mut app = sample(100, 30);
    key(&mut app, "D");
    assert_eq!(
        app.message(),
        Some("no archive: `bulletin import FILE` starts one")
    );
}

#[test]
fn a_file_read_again_says_what_changed() {
    let text = "KZT/USD = 0.00196 0%\n08 December 2025\n\nGold Sales Fall\n\nGold fell.\n";
    let reload = |app: &mut App, text: &str| {
        app.update(Event::Reloaded {
            bulletin: Box::new(parse_str(text)),
            source: "f.txt".into(),
        });
        app.message().unwrap_or("").to_owned()
    };
    let mut app = new(parse_str(text), options(), 100, 30);
    assert_eq!(
        reload(&mut app, text),
        "the file was written again, unchanged"
    );
    let rate = text.replace("0.00196 0%", "0.00199 +1.5%");
    assert_eq!(reload(&mut app, &rate), "rates updated");
    let more = format!("{rate}\nRail Link Opens\n\nA railway.\n\nCotton Ends\n\nIt ended.\n");
    assert_eq!(reload(&mut app, &more), "2 new stories");
    let edited = more.replace("Gold fell.", "Gold fell again.");
    assert_eq!(reload(&mut app, &edited), "1 story updated");
    let fewer = edited.replace("\nCotton Ends\n\nIt ended.\n", "");
    assert_eq!(reload(&mut app, &fewer), "1 story gone");
}

#[test]
fn a_search_lights_its_matches_as_it_is_typed_and_esc_goes_back() {
    let mut app = sample(100, 30);
    key(&mut app, "/");
    typed(&mut app, "gold");
    assert!(matches!(app.mode(), Mode::Prompt(_)), "still typing");
    assert_eq!(app.selected(), 1, "the first story with gold, before Enter");
    assert!(!app.highlights().is_empty(), "its matches lit as typed");
    // A word that narrows it further moves on, from where the prompt opened.
    typed(&mut app, " reserves");
    assert_eq!(app.selected(), 1);
    key(&mut app, "Esc");
    assert_eq!(app.selected(), 0, "Esc: back where the prompt opened");
    assert!(app.highlights().is_empty() && app.search().needle().is_none());
    // Enter keeps the search, and n goes on from it.
    key(&mut app, "/");
    typed(&mut app, "gold");
    key(&mut app, "Enter");
    assert_eq!(app.selected(), 1);
    assert!(app.search().needle().is_some());
}

#[test]
fn every_message_is_kept_whole_and_an_address_over_ssh_is_shown_whole() {
    let mut app = sample(80, 24);
    app.set_clock("14:05:09".into());
    key(&mut app, "x"); // bound to nothing: no message
    key(&mut app, "G");
    key(&mut app, "j");
    assert_eq!(app.message(), Some("end of the bulletin"));
    let url = format!(
        "https://news.example.org/{}",
        "tajik-somoni-holds-steady-".repeat(4)
    );
    app.update(Event::ShowAddress(url.clone()));
    assert!(matches!(app.mode(), Mode::Messages { .. }));
    assert!(
        app.leaves_mouse(),
        "the mouse is the terminal's while it is shown"
    );
    let lines = app.messages_lines();
    assert!(
        lines[0].starts_with("14:05:09  end of the bulletin"),
        "{lines:?}"
    );
    let joined: String = lines[1..].concat();
    assert!(joined.contains(&url), "the address whole: {lines:?}");
    assert!(lines.iter().all(|l| l.chars().count() <= 74), "{lines:?}");
    key(&mut app, "Esc");
    assert!(matches!(app.mode(), Mode::Reading));
    assert!(!app.leaves_mouse());
    key(&mut app, "M");
    assert!(matches!(app.mode(), Mode::Messages { .. }));
    key(&mut app, "q");
    assert!(
        matches!(app.mode(), Mode::Reading),
        "q closes it as other overlays"
    );
}

#[test]
fn a_fetch_says_it_runs_until_it_ends_and_each_failure_is_kept_whole() {
    let mut app = sample(100, 30);
    assert_eq!(key(&mut app, "R"), vec![Effect::Fetch]);
    key(&mut app, "j");
    assert!(app.fetching(), "still running after other keys");
    app.update(Event::Fetched(crate::tui::event::FetchReport {
        sources: 3,
        new_stories: 0,
        failed: vec![
            "cannot fetch 'https://a.example/': the connection was refused".into(),
            "cannot fetch 'https://b.example/': the server answered 503".into(),
        ],
        results: vec![
            "a: failed".into(),
            "b: failed".into(),
            "c: not modified since the last fetch".into(),
        ],
    }));
    assert!(!app.fetching());
    assert_eq!(
        app.message(),
        Some(
            "fetched: nothing new; 2 failed (M: each): cannot fetch 'https://a.example/': the \
             connection was refused"
        )
    );
    let said: Vec<&str> = app.said().iter().map(|s| s.text.as_str()).collect();
    assert!(said.contains(&"fetch: cannot fetch 'https://b.example/': the server answered 503"));
    assert!(said.contains(&"fetch: cannot fetch 'https://a.example/': the connection was refused"));
    assert!(said.contains(&"fetch: c: not modified since the last fetch"));
}
