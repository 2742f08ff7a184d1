//! Every action's effect on the state, and the clamping of every index.

use super::*;
use crate::model::parse_str;

const SAMPLE: &[u8] = include_bytes!("../../../assets/central-asia-2025-12-08.txt");

fn options() -> Options {
    Options {
        ticker: TickerMode::Scroll,
        glyphs: Glyphs::Unicode,
        color: true,
    }
}

fn sample(width: u16, height: u16) -> App {
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    App::new(b, options(), width, height)
}

fn run(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(*a);
    }
}

#[test]
fn j_and_k_move_the_selection_and_stop_at_the_ends() {
    let mut app = sample(120, 40);
    run(&mut app, &[Action::Down, Action::Down]);
    assert_eq!(app.selected, 2);
    run(&mut app, &[Action::Up; 5]);
    assert_eq!(app.selected, 0);
    run(&mut app, &[Action::Down; 20]);
    assert_eq!(app.selected, 5);
    run(&mut app, &[Action::Top]);
    assert_eq!(app.selected, 0);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.selected, 5);
}

#[test]
fn in_the_story_j_and_k_scroll_and_clamp() {
    let mut app = sample(80, 24);
    run(&mut app, &[Action::Bottom, Action::OpenStory]);
    assert_eq!(app.focus, Focus::Story);
    run(&mut app, &[Action::Down, Action::Down]);
    assert_eq!(app.selected, 5, "j scrolls, it does not change story");
    assert_eq!(app.scroll, 2);
    run(&mut app, &[Action::Up; 5]);
    assert_eq!(app.scroll, 0);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.scroll, app.max_scroll());
    assert!(app.max_scroll() > 0);
    assert_eq!(app.percent_read(), 100);
    run(&mut app, &[Action::Down]);
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
    run(&mut app, &[Action::OpenStory, Action::PageDown]);
    assert!(app.scroll > 0);
    run(&mut app, &[Action::NextStory]);
    assert_eq!((app.selected, app.scroll, app.focus), (1, 0, Focus::Story));
    run(&mut app, &[Action::PrevStory, Action::PrevStory]);
    assert_eq!(app.selected, 0);
}

#[test]
fn focus_moves_with_enter_tab_and_esc() {
    let mut app = sample(120, 40);
    run(&mut app, &[Action::OpenStory]);
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
    run(&mut app, &[Action::Down, Action::OpenStory]);
    assert_eq!(app.areas().list.width, 0);
    assert_eq!(app.areas().story.width, 50);
    // The story is laid out at the narrow pane's width.
    assert!(app
        .story_lines()
        .iter()
        .all(|l| crate::text::wrap::width(&l.text) <= 46));
    run(&mut app, &[Action::Back]);
    assert_eq!(app.areas().list.width, 50);
}

#[test]
fn the_list_keeps_the_selection_in_view() {
    let text: String = (0..50)
        .map(|i| format!("Story Number {i}\n\nText.\n\n"))
        .collect();
    let mut app = App::new(parse_str(&text), options(), 80, 12);
    let rows = 12 - 2 - 1; // borders and the status line; no ticker without rates
    run(&mut app, &[Action::Down; 20]);
    assert_eq!(app.selected, 20);
    assert!(app.list_offset <= 20 && 20 < app.list_offset + rows);
    run(&mut app, &[Action::Top]);
    assert_eq!(app.list_offset, 0);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.list_offset, 50 - rows);
}

#[test]
fn search_finds_brings_into_view_and_cycles() {
    let mut app = sample(80, 24);
    run(&mut app, &[Action::StartSearch]);
    for c in "ferris wheel".chars() {
        app.update(Action::SearchInput(c));
    }
    run(&mut app, &[Action::SearchSubmit]);
    assert_eq!(app.search.query, "ferris wheel");
    assert_eq!(app.selected, 5);
    assert_eq!(app.message.as_deref(), Some("match 1/1"));
    let hit = app.search.hits[0];
    let line = line_of(app.story_lines(), hit.block, hit.start).unwrap();
    assert!(app.scroll <= line && line < app.scroll + app.story_rows());
    run(&mut app, &[Action::NextMatch]);
    assert_eq!(app.message.as_deref(), Some("search wrapped around"));
}

#[test]
fn search_matches_every_story_and_n_goes_through_them() {
    let mut app = sample(120, 40);
    run(
        &mut app,
        &[
            Action::StartSearch,
            Action::SearchInput('U'),
            Action::SearchInput('N'),
        ],
    );
    run(
        &mut app,
        &[
            Action::SearchBackspace,
            Action::SearchInput('n'),
            Action::SearchInput('d'),
        ],
    );
    run(&mut app, &[Action::SearchInput('p'), Action::SearchSubmit]);
    assert_eq!(app.search.query, "Undp");
    let stories: Vec<usize> = app.search.hits.iter().map(|h| h.article).collect();
    assert!(stories.contains(&2) && stories.contains(&5), "{stories:?}");
    assert_eq!(app.selected, 2);
    let n = app.search.hits.len();
    run(&mut app, &vec![Action::NextMatch; n - 1]);
    assert_eq!(app.selected, 5);
    run(&mut app, &[Action::PrevMatch]);
    assert_eq!(app.search.current, Some(n - 2));
}

#[test]
fn a_search_with_no_match_says_so_and_esc_cancels_typing() {
    let mut app = sample(120, 40);
    run(
        &mut app,
        &[
            Action::StartSearch,
            Action::SearchInput('z'),
            Action::SearchInput('q'),
        ],
    );
    run(&mut app, &[Action::SearchSubmit]);
    assert_eq!(app.message.as_deref(), Some("no match for “zq”"));
    assert_eq!(app.selected, 0);
    run(
        &mut app,
        &[
            Action::StartSearch,
            Action::SearchInput('x'),
            Action::SearchCancel,
        ],
    );
    assert_eq!(app.search.typing, None);
    run(&mut app, &[Action::Back]);
    assert!(app.search.query.is_empty());
}

#[test]
fn messages_last_until_the_next_action() {
    let mut app = sample(120, 40);
    run(&mut app, &[Action::ToggleTicker]);
    assert_eq!(app.message.as_deref(), Some("ticker paused"));
    assert!(app.update(Action::Down));
    assert_eq!(app.message, None);
}

#[test]
fn resize_rewraps_keeps_the_place_and_clamps() {
    let mut app = sample(120, 40);
    run(
        &mut app,
        &[Action::Bottom, Action::OpenStory, Action::PageDown],
    );
    let top = app.story_lines()[app.scroll..]
        .iter()
        .find_map(|l| l.origin)
        .unwrap();
    run(
        &mut app,
        &[Action::Resize {
            width: 90,
            height: 30,
        }],
    );
    let now = app.story_lines()[app.scroll].origin.unwrap();
    assert_eq!(now.block, top.block, "the same block stays at the top");
    assert!(now.start <= top.start);
    assert!(app
        .story_lines()
        .iter()
        .all(|l| crate::text::wrap::width(&l.text) <= 90));
    run(
        &mut app,
        &[Action::Resize {
            width: 1,
            height: 1,
        }],
    );
    assert!(app.scroll <= app.max_scroll());
    run(
        &mut app,
        &[
            Action::Resize {
                width: 0,
                height: 0,
            },
            Action::Down,
            Action::PageDown,
        ],
    );
    run(
        &mut app,
        &[Action::Resize {
            width: 200,
            height: 60,
        }],
    );
    assert!(app.scroll <= app.max_scroll());
}

#[test]
fn the_ticker_scrolls_only_when_the_rates_do_not_fit() {
    let mut app = sample(200, 60);
    assert!(!app.ticker_moves());
    assert_eq!(app.tick_interval(), None);
    assert!(!app.update(Action::Tick), "nothing to redraw");
    run(
        &mut app,
        &[Action::Resize {
            width: 80,
            height: 24,
        }],
    );
    assert_eq!(app.tick_interval(), Some(Duration::from_millis(125)));
    assert!(app.update(Action::Tick));
    assert_eq!(app.ticker_offset(), 1);
    run(&mut app, &[Action::ToggleTicker]);
    assert_eq!(app.tick_interval(), None);
    assert!(!app.update(Action::Tick));
}

#[test]
fn step_and_static_modes() {
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    let mut step = App::new(
        b.clone(),
        Options {
            ticker: TickerMode::Step,
            ..options()
        },
        80,
        24,
    );
    assert_eq!(step.tick_interval(), Some(STEP_EVERY));
    step.update(Action::Tick);
    assert_eq!(step.ticker_offset(), step.marquee.starts()[1]);
    let still = App::new(
        b,
        Options {
            ticker: TickerMode::Static,
            ..options()
        },
        80,
        24,
    );
    assert_eq!(still.tick_interval(), None);
}

#[test]
fn help_toggles_and_quit_quits() {
    let mut app = sample(80, 24);
    run(&mut app, &[Action::ToggleHelp]);
    assert!(app.help);
    run(&mut app, &[Action::ToggleHelp, Action::Quit]);
    assert!(!app.help && app.quit);
}

#[test]
fn wheel_scrolls_the_pane_under_it_and_click_selects() {
    let mut app = sample(120, 40);
    app.update(Action::Bottom);
    let story = app.areas().story;
    app.update(Action::Wheel {
        column: story.x + 5,
        row: story.y + 5,
        delta: 3,
    });
    assert_eq!((app.selected, app.scroll), (5, 3));
    let list = app.areas().list;
    app.update(Action::Wheel {
        column: list.x + 2,
        row: list.y + 2,
        delta: -3,
    });
    assert_eq!((app.selected, app.scroll), (4, 0));
    app.update(Action::Click {
        column: list.x + 3,
        row: list.y + 1 + 3,
    });
    assert_eq!((app.selected, app.focus), (3, Focus::List));
    app.update(Action::Click {
        column: list.x + 3,
        row: list.y + 1 + 3,
    });
    assert_eq!(
        app.focus,
        Focus::Story,
        "a click on the selected headline opens it"
    );
    app.update(Action::Click {
        column: list.x + 3,
        row: list.y + 1 + 30,
    });
    assert_eq!(
        app.selected, 3,
        "a click below the last headline selects nothing"
    );
}

#[test]
fn an_empty_bulletin_is_safe_to_drive() {
    let mut app = App::new(Bulletin::default(), options(), 80, 24);
    run(
        &mut app,
        &[
            Action::Down,
            Action::Up,
            Action::OpenStory,
            Action::PageDown,
            Action::Bottom,
            Action::NextStory,
            Action::NextMatch,
            Action::Tick,
            Action::StartSearch,
            Action::SearchInput('a'),
            Action::SearchSubmit,
            Action::Click { column: 3, row: 3 },
        ],
    );
    assert_eq!((app.selected, app.scroll, app.focus), (0, 0, Focus::List));
}

#[test]
fn stories_are_laid_out_once_per_width_and_kept() {
    let mut app = sample(120, 40);
    run(
        &mut app,
        &[Action::Down, Action::Up, Action::Down, Action::Up],
    );
    assert_eq!(app.layouts.len(), 2, "two stories seen at one width");
    assert_eq!(app.layouts[0].article, app.selected);
    run(
        &mut app,
        &[
            Action::Resize {
                width: 100,
                height: 40,
            },
            Action::Down,
        ],
    );
    assert_eq!(app.layouts.len(), 4, "each seen again at the new width");
    let text: String = (0..50)
        .map(|i| format!("Story Number {i}\n\nText.\n\n"))
        .collect();
    let mut many = App::new(parse_str(&text), options(), 80, 24);
    run(&mut many, &[Action::Down; 49]);
    assert_eq!(many.layouts.len(), LAYOUT_CACHE);
    assert_eq!(many.story_lines()[0].text, "Story Number 49");
}
