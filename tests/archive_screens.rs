//! The reader on a real archive (a SQLite file in a scratch folder, a year and more of
//! generated daily bulletins), driven through the real loop: days, read state, places,
//! the rates panel and charts, the archive's search. Snapshots of the screens at 120×40 and
//! 80×24.

mod support;

#[path = "../benches/support/gen.rs"]
#[allow(dead_code)] // the large bulletin is for the benchmarks
mod gen;

use bulletin::archive::Archive;
use bulletin::text::glyphs::Glyphs;
use bulletin::tui::app::{App, ArchiveView, Mode, Settings};
use bulletin::tui::archivist::Keeper;
use bulletin::tui::keymap::Keymap;
use bulletin::tui::terminal::run_loop;
use bulletin::{Bulletin, Date};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use support::*;

/// Days in the archive: 400, ending on 2025-12-08.
const DAYS: i64 = 400;

fn last_day() -> Date {
    Date::new(2025, 12, 8).unwrap()
}

/// A fresh copy of the archive (made once, then copied: each test changes its own).
fn archive(name: &str) -> PathBuf {
    static MADE: OnceLock<PathBuf> = OnceLock::new();
    let original = MADE.get_or_init(|| {
        let dir = scratch(&format!("archive-screens-{}", std::process::id()));
        let path = dir.join("archive.sqlite3");
        let mut archive = Archive::open(&path).unwrap();
        let mut days = gen::Days::default();
        let bulletins: Vec<Bulletin> = (0..DAYS)
            .rev()
            .map(|n| {
                let mut text = Vec::new();
                days.write_day(last_day().plus_days(-n).unwrap(), &mut text)
                    .unwrap();
                Bulletin::from_bytes(text).unwrap()
            })
            .collect();
        let batch: Vec<(&Bulletin, &str)> = bulletins.iter().map(|b| (b, "generated")).collect();
        archive.import_many(&batch, last_day()).unwrap();
        drop(archive); // the log folded into the file: one file to copy
        path
    });
    let dir = scratch(&format!("archive-screens-{name}-{}", std::process::id()));
    let copy = dir.join("archive.sqlite3");
    std::fs::copy(original, &copy).unwrap();
    copy
}

/// The reader opened on a day of the archive (the latest when `None`), as `bulletin --day`
/// opens it.
fn open(path: &Path, date: Option<Date>, width: u16, height: u16, glyphs: Glyphs) -> (App, Keeper) {
    let archive = Archive::open_existing(path).unwrap().unwrap();
    let date = date.unwrap_or_else(|| archive.latest_day().unwrap().unwrap());
    let day = archive.day(date).unwrap().unwrap();
    let settings = Settings {
        glyphs,
        ..Settings::default()
    };
    let mut app = App::new(day.bulletin, settings, Keymap::default(), width, height);
    app.set_archive_view(ArchiveView::of_day(
        date,
        day.stories,
        archive.place(date).unwrap(),
    ));
    (app, Keeper::new(Some(archive), None))
}

/// Runs the real loop with the archive as its host until the keys (names separated by
/// spaces; `2s` for the loop's wait running out, as when a story is dwelt on) are spent;
/// the screen.
fn keys(app: &mut App, keeper: &mut Keeper, keys: &str) -> Buffer {
    let (width, height) = app.size();
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let mut term = Terminal::with_options(
        TestBackend::new(width, height),
        TerminalOptions { viewport },
    )
    .unwrap();
    let mut script = Script::new(keys.split_whitespace().map(|k| (k != "2s").then(|| key(k))));
    run_loop(&mut term, app, &mut script, keeper).unwrap();
    term.backend().buffer().clone()
}

fn row(buf: &Buffer, y: u16) -> String {
    text(buf).lines().nth(usize::from(y)).unwrap().to_owned()
}

/// The screen after keys, on a fresh archive at a size.
fn screen(name: &str, width: u16, height: u16, glyphs: Glyphs, k: &str) -> String {
    let path = archive(name);
    let (mut app, mut keeper) = open(&path, None, width, height, glyphs);
    text(&keys(&mut app, &mut keeper, k))
}

#[test]
fn days_list_at_120x40() {
    insta::assert_snapshot!(screen("days120", 120, 40, Glyphs::Unicode, "< D"));
}

#[test]
fn days_list_at_80x24() {
    insta::assert_snapshot!(screen("days80", 80, 24, Glyphs::Unicode, "D j j"));
}

#[test]
fn rates_panel_at_120x40() {
    insta::assert_snapshot!(screen("rates120", 120, 40, Glyphs::Unicode, "r"));
}

#[test]
fn rates_panel_at_80x24_a_quarter() {
    insta::assert_snapshot!(screen("rates80", 80, 24, Glyphs::Unicode, "r 2 j"));
}

#[test]
fn chart_of_every_day_at_120x40() {
    insta::assert_snapshot!(screen("chart120", 120, 40, Glyphs::Unicode, "r j Enter 4"));
}

#[test]
fn chart_of_a_month_at_80x24_in_ascii() {
    insta::assert_snapshot!(screen("chart80", 80, 24, Glyphs::Ascii, "r Enter"));
}

#[test]
fn archive_search_results_at_80x24() {
    let mut k = String::from("S ");
    for c in "railway council".chars() {
        k.push_str(if c == ' ' { "Space " } else { "" });
        if c != ' ' {
            k.push(c);
            k.push(' ');
        }
    }
    k.push_str("Enter");
    insta::assert_snapshot!(screen("found80", 80, 24, Glyphs::Unicode, &k));
}

#[test]
fn a_story_is_read_when_dwelt_on_opened_or_scrolled_not_when_passed() {
    let path = archive("read");
    let (mut app, mut keeper) = open(&path, None, 120, 40, Glyphs::Unicode);
    let title = |buf: &Buffer| row(buf, 1);
    // The ticker paused (`t`): the loop's wait is then the dwell's alone.
    let buf = keys(&mut app, &mut keeper, "t");
    assert!(
        title(&buf).contains("08 Dec 2025 · 6 stories · 6 unread"),
        "{}",
        title(&buf)
    );
    // Moving down the list and back marks nothing (every headline passed was marked).
    let buf = keys(&mut app, &mut keeper, "j j j k k k");
    assert!(title(&buf).contains("6 unread"), "{}", title(&buf));
    // Shown for a while: read.
    let bold = |buf: &Buffer, y: u16| buf[(4, y)].modifier.contains(Modifier::BOLD);
    let second = 3;
    assert!(bold(&buf, second), "an unread headline stands out");
    let buf = keys(&mut app, &mut keeper, "2s");
    assert!(title(&buf).contains("5 unread"), "{}", title(&buf));
    // Opened with Enter: read at once; a read headline does not stand out.
    let buf = keys(&mut app, &mut keeper, "j Enter Esc k");
    assert!(title(&buf).contains("4 unread"), "{}", title(&buf));
    assert!(!bold(&buf, second), "a read headline does not stand out");
    // Paged: read at once.
    let buf = keys(&mut app, &mut keeper, "j j Space");
    assert!(title(&buf).contains("3 unread"), "{}", title(&buf));
    // `m` marks it unread again, and dwelling on it does not undo that.
    let buf = keys(&mut app, &mut keeper, "m 2s");
    assert!(title(&buf).contains("4 unread"), "{}", title(&buf));
    assert!(row(&buf, 39).contains("marked unread"));
    // The read state is in the archive, for the next reader.
    let archive = Archive::open_existing(&path).unwrap().unwrap();
    let days = archive.days().unwrap();
    assert_eq!(days[0].unread, 4);
}

#[test]
fn the_next_unread_story_is_found_across_days() {
    let path = archive("unread");
    let (mut app, mut keeper) = open(&path, None, 120, 40, Glyphs::Unicode);
    // The six stories of the last day, each dwelt on and left by `u`, then the day
    // before's first.
    let buf = keys(&mut app, &mut keeper, "t 2s u 2s u 2s u 2s u 2s u 2s");
    assert!(
        row(&buf, 1).contains("08 Dec 2025 · 6 stories · all read"),
        "{}",
        row(&buf, 1)
    );
    let buf = keys(&mut app, &mut keeper, "u");
    assert_eq!(
        app.day(),
        Date::new(2025, 12, 7),
        "the day before, today being read"
    );
    assert!(row(&buf, 1).contains("07 Dec"), "{}", row(&buf, 1));
    assert_eq!(app.selected(), 0);
}

#[test]
fn days_before_and_after_and_the_place_in_each_is_kept() {
    let path = archive("places");
    let (mut app, mut keeper) = open(&path, None, 80, 24, Glyphs::Unicode);
    let buf = keys(&mut app, &mut keeper, "j j j Tab Space");
    assert!(row(&buf, 1).starts_with("┌ 08 Dec 2025"));
    let scroll = app.scroll();
    assert!(scroll > 0);
    let buf = keys(&mut app, &mut keeper, "<");
    assert!(
        row(&buf, 1).starts_with("┌ 07 Dec 2025"),
        "{}",
        row(&buf, 1)
    );
    assert_eq!(app.selected(), 0);
    let buf = keys(&mut app, &mut keeper, ">");
    assert!(row(&buf, 1).starts_with("┌ 08 Dec 2025"));
    assert_eq!(
        (app.selected(), app.scroll()),
        (3, scroll),
        "back where it was"
    );
    let buf = keys(&mut app, &mut keeper, ">");
    assert!(row(&buf, 23).contains("no later day"), "{}", row(&buf, 23));
    // And a reader opened afterwards comes back to the same story and scroll.
    drop(keeper);
    let (mut again, mut keeper) = open(&path, None, 80, 24, Glyphs::Unicode);
    keys(&mut again, &mut keeper, "");
    assert_eq!((again.selected(), again.scroll()), (3, scroll));
}

#[test]
fn a_day_picked_from_the_list_opens() {
    let path = archive("pick");
    let (mut app, mut keeper) = open(&path, None, 120, 40, Glyphs::Unicode);
    let buf = keys(&mut app, &mut keeper, "D j j j Enter");
    assert!(matches!(app.mode(), Mode::Reading));
    assert!(
        row(&buf, 1).starts_with("┌ 05 Dec 2025"),
        "{}",
        row(&buf, 1)
    );
}

#[test]
fn a_search_result_opens_its_story_with_the_words_in_view() {
    let path = archive("open-found");
    let (mut app, mut keeper) = open(&path, None, 100, 30, Glyphs::Unicode);
    keys(&mut app, &mut keeper, "S m e a n s Enter");
    let Mode::Found { results, .. } = app.mode() else {
        panic!("results shown");
    };
    let first = results[0].clone();
    let buf = keys(&mut app, &mut keeper, "Enter");
    assert!(matches!(app.mode(), Mode::Reading));
    assert_eq!(app.day(), Some(first.date));
    assert_eq!(
        app.bulletin().articles[app.selected()].headline,
        first.headline
    );
    assert!(text(&buf).contains("means"), "the match is on the screen");
    // The words are the search in force: lit, and n goes through them (it said "no
    // search").
    assert!(!app.highlights().is_empty(), "the words lit");
    assert!(app.search().needle().is_some());
    let buf = keys(&mut app, &mut keeper, "n");
    assert!(row(&buf, 29).contains("match "), "{}", row(&buf, 29));
}

#[test]
fn a_day_without_a_rate_is_a_gap_in_the_sparkline_not_a_low() {
    let path = archive("gap");
    let spark = || {
        // Wide enough for a column a day: 30 days, 30 columns.
        let (mut app, mut keeper) = open(&path, None, 150, 40, Glyphs::Unicode);
        let line = row(&keys(&mut app, &mut keeper, "r"), 3);
        assert!(line.contains("USD/KZT"), "{line}");
        // The sparkline starts after the computed change's column.
        let at = line.rfind("%  ").expect("a computed change");
        line[at..].chars().skip(3).take(30).collect::<Vec<char>>()
    };
    let bars = "▁▂▃▄▅▆▇█";
    let before = spark();
    // 30 days, 09 Nov to 08 Dec: 01 Dec is the 23rd.
    assert!(bars.contains(before[22]), "{before:?}");
    // Take the rate out of the archive on that day.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "DELETE FROM rates WHERE pair = 'USD/KZT' AND date = '2025-12-01'",
        [],
    )
    .unwrap();
    drop(conn);
    let after = spark();
    assert_eq!(after[22], ' ', "{after:?}");
    let changed: Vec<usize> = (0..30).filter(|i| before[*i] != after[*i]).collect();
    assert!(changed.contains(&22));
    // The others may be drawn higher or lower (the range's low and high changed) but are
    // still bars, and none became a gap.
    for i in (0..30).filter(|i| *i != 22) {
        assert_eq!(bars.contains(before[i]), bars.contains(after[i]), "day {i}");
    }
}

/// The app drawn once as the reader opens a day of 8 December whose stories the archive
/// does not know (a recording that failed, or none yet).
fn drawn_as_unrecorded(app: &mut App) -> Buffer {
    app.set_archive_view(ArchiveView::of_day(
        Date::new(2025, 12, 8).unwrap(),
        Vec::new(),
        None,
    ));
    let (width, height) = app.size();
    let mut term = Terminal::with_options(
        TestBackend::new(width, height),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )
    .unwrap();
    term.draw(|f| bulletin::tui::ui::render(app, f)).unwrap();
    term.backend().buffer().clone()
}

#[test]
fn a_bulletin_the_archive_could_not_record_says_nothing_of_read_state() {
    // A full disk: the archive opens, the recording fails, and the title read "6 stories ·
    // all read" of stories the archive never knew.
    let mut app = support::sample(120, 40, false);
    let buf = drawn_as_unrecorded(&mut app);
    let title = row(&buf, 1);
    assert!(title.contains("08 December 2025 · 6 stories ─"), "{title}");
    assert!(!title.contains("read"), "{title}");
}

#[test]
fn a_marks_the_day_read_a_again_undoes_and_u_lists_only_the_unread() {
    let path = archive("day-read");
    let (mut app, mut keeper) = open(&path, None, 120, 40, Glyphs::Unicode);
    let title = |buf: &Buffer| row(buf, 1);
    // Two stories read by opening them, then the whole day.
    let buf = keys(&mut app, &mut keeper, "t Enter Esc j Enter Esc");
    assert!(title(&buf).contains("4 unread"), "{}", title(&buf));
    let buf = keys(&mut app, &mut keeper, "A");
    assert!(title(&buf).contains("all read"), "{}", title(&buf));
    assert!(row(&buf, 39).contains("4 stories marked read (A again: undo)"));
    let archive = || Archive::open_existing(&path).unwrap().unwrap();
    assert_eq!(archive().days().unwrap()[0].unread, 0);
    // Undone: the two read before stay read, the rest are unread again.
    let buf = keys(&mut app, &mut keeper, "A");
    assert!(title(&buf).contains("4 unread"), "{}", title(&buf));
    assert!(row(&buf, 39).contains("the day as it was: 4 unread stories"));
    assert_eq!(archive().days().unwrap()[0].unread, 4);
    // Only the unread listed, and the title says so; U again lists every story.
    let buf = keys(&mut app, &mut keeper, "U");
    assert!(title(&buf).contains("4 unread only"), "{}", title(&buf));
    let listed = text(&buf);
    let headlines = app.bulletin().articles.len();
    assert_eq!(headlines, 4, "{listed}");
    let buf = keys(&mut app, &mut keeper, "U");
    assert!(
        title(&buf).contains("6 stories · 4 unread"),
        "{}",
        title(&buf)
    );
    assert_eq!(app.bulletin().articles.len(), 6);
}

#[test]
fn a_day_without_rates_keeps_the_tickers_row_and_says_so() {
    let b = Bulletin::from_bytes(b"08 December 2025\n\nGold Sales Fall\n\nGold fell.\n".to_vec())
        .unwrap();
    let mut app = App::new(b, Settings::default(), Keymap::default(), 80, 24);
    let buf = drawn_as_unrecorded(&mut app);
    assert_eq!(row(&buf, 0).trim(), "no rates this day");
    assert!(
        row(&buf, 1).starts_with("┌ 08 Dec 2025"),
        "{}",
        row(&buf, 1)
    );
}

#[test]
fn the_rates_panel_shows_every_pair_on_any_day_with_both_changes_labelled() {
    let dir = scratch(&format!("rates-every-day-{}", std::process::id()));
    let path = dir.join("archive.sqlite3");
    let mut archive = Archive::open(&path).unwrap();
    for text in [
        "KZT/USD = 0.00200 0%\nUSD/UZS = 12000 +0.1%\n05 December 2025\n\nA Story Of Five\n\nText.\n",
        "KZT/USD = 0.00193 -0%\n08 December 2025\n\nA Story Of Eight\n\nText.\n",
        "09 December 2025\n\nA Story Of Nine\n\nNo rates this day.\n",
    ] {
        let b = Bulletin::from_bytes(text.as_bytes().to_vec()).unwrap();
        archive.import(&b, "x", last_day().plus_days(30).unwrap()).unwrap();
    }
    drop(archive);
    // A day without rates of its own: every pair of the range, with its last day.
    let (mut app, mut keeper) = open(&path, Date::new(2025, 12, 9), 120, 30, Glyphs::Unicode);
    let buf = keys(&mut app, &mut keeper, "r");
    let screen = text(&buf);
    assert!(!screen.contains("no rates in this bulletin"), "{screen}");
    let kzt = screen
        .lines()
        .find(|l| l.contains("│ KZT/USD"))
        .unwrap_or("");
    assert!(
        kzt.contains("0.00193") && kzt.contains("on 08 Dec"),
        "{screen}"
    );
    let uzs = screen
        .lines()
        .find(|l| l.contains("│ USD/UZS"))
        .unwrap_or("");
    assert!(
        uzs.contains("12000") && uzs.contains("on 05 Dec"),
        "{screen}"
    );
    assert_eq!(row(&buf, 0).trim(), "no rates this day");
    // On the 8th: the written change and the computed one, from three days before.
    let (mut app, mut keeper) = open(&path, Date::new(2025, 12, 8), 120, 30, Glyphs::Unicode);
    let screen = text(&keys(&mut app, &mut keeper, "r"));
    let kzt = screen
        .lines()
        .find(|l| l.contains("│ KZT/USD"))
        .unwrap_or("");
    assert!(
        kzt.contains("-0%") && kzt.contains("-3.50% vs 05 Dec"),
        "{screen}"
    );
    // The chart of a pair seen on two days: each day marked, first, last, low and high
    // written under it.
    let (mut app, mut keeper) = open(&path, Date::new(2025, 12, 8), 120, 30, Glyphs::Unicode);
    let screen = text(&keys(&mut app, &mut keeper, "r Enter"));
    assert!(
        screen.contains("first 0.00200 on 05 Dec · last 0.00193 on 08 Dec"),
        "{screen}"
    );
    assert!(
        screen.contains("low 0.00193 on 08 Dec · high 0.00200 on 05 Dec"),
        "{screen}"
    );
    assert!(screen.matches('•').count() >= 2, "a mark a point: {screen}");
    // Left and Right move a cursor through the days, its value and date said.
    let screen = text(&keys(&mut app, &mut keeper, "Left"));
    assert!(
        screen.contains("at the cursor 0.00193 on 08 Dec"),
        "{screen}"
    );
    let screen = text(&keys(&mut app, &mut keeper, "Left Left"));
    assert!(
        screen.contains("at the cursor 0.00200 on 05 Dec"),
        "{screen}"
    );
    assert!(screen.contains("←/→ day"), "the border says how: {screen}");
    let screen = text(&keys(&mut app, &mut keeper, "Right"));
    assert!(
        screen.contains("at the cursor 0.00193 on 08 Dec"),
        "{screen}"
    );
    assert!(
        matches!(app.mode(), Mode::Rates(v) if v.chart),
        "still the chart"
    );
    // On the 5th, the first day: nothing to compute from, and never the written change.
    let (mut app, mut keeper) = open(&path, Date::new(2025, 12, 5), 120, 30, Glyphs::Unicode);
    let screen = text(&keys(&mut app, &mut keeper, "r"));
    let uzs = screen
        .lines()
        .find(|l| l.contains("│ USD/UZS"))
        .unwrap_or("");
    assert!(uzs.contains("+0.1%") && uzs.contains("—"), "{screen}");
}
