//! `cargo bench`: parsing (sample, 1, 10 and 100 MB), laying out a long story at several
//! widths, drawing whole frames, a key handled and drawn on the sample and on the 100 MB
//! bulletin, a ticker step; and on an archive of ten years: importing, the first frame, a
//! day switch, the rates panel, a chart of every day, a search; and reading a 1 MB web
//! page and a 1 MB feed. Figures and how they compare with the targets: BENCHMARKS.md.

use bulletin::archive::Archive;
use bulletin::term::backend::LeanBackend;
use bulletin::tui::action::Action;
use bulletin::tui::app::{App, ArchiveView, Settings};
use bulletin::tui::archivist::Keeper;
use bulletin::tui::event::Event;
use bulletin::tui::keymap::Keymap;
use bulletin::tui::terminal::carry_out;
use bulletin::Bulletin;
use bulletin::Date;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::Duration;

#[path = "support/gen.rs"]
mod gen;

const SAMPLE: &[u8] = include_bytes!("../assets/central-asia-2025-12-08.txt");

fn generated(stories: usize) -> Vec<u8> {
    let mut out = Vec::new();
    gen::generate(stories, &mut out).expect("writing to memory");
    out
}

/// The reader as it opens by default, at a size.
fn reader(bulletin: Bulletin, width: u16, height: u16) -> App {
    App::new(
        bulletin,
        Settings::default(),
        Keymap::default(),
        width,
        height,
    )
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.warm_up_time(Duration::from_secs(1));
    let inputs = [
        ("sample", SAMPLE.to_vec()),
        ("1MB", generated(2_000)),
        ("10MB", generated(20_000)),
        ("100MB", generated(200_000)),
    ];
    for (name, bytes) in inputs {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        if bytes.len() > 50_000_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(8));
        }
        group.bench_function(name, |b| {
            // The input is moved into the parser: copy it outside the timing.
            b.iter_batched(
                || bytes.clone(),
                |bytes| Bulletin::from_bytes(bytes).expect("a bulletin"),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

fn wrap(c: &mut Criterion) {
    let b = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    let longest = b.articles.iter().max_by_key(|a| a.blocks.len()).unwrap();
    let mut group = c.benchmark_group("lay_out_longest_story");
    for width in [40usize, 80, 120, 200] {
        group.bench_with_input(BenchmarkId::from_parameter(width), &width, |bench, &w| {
            bench.iter(|| {
                bulletin::text::layout::StoryLayout::new(longest, Some("08 December 2025"), w)
            })
        });
    }
    group.finish();
}

fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).unwrap()
}

/// The reader's own backend, writing the escape sequences it would send to a terminal into
/// a sink: the whole cost of a frame but the write system call.
fn lean_terminal(width: u16, height: u16) -> Terminal<LeanBackend<std::io::Sink>> {
    let size = ratatui::layout::Size::new(width, height);
    Terminal::new(LeanBackend::new(std::io::sink(), size)).unwrap()
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("render_frame");
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let app = reader(Bulletin::from_bytes(SAMPLE.to_vec()).unwrap(), w, h);
        let mut term = terminal(w, h);
        group.bench_function(format!("{w}x{h}"), |b| {
            b.iter(|| {
                // Every widget drawn into the buffer and diffed with the last frame (the
                // same here, so nothing goes to the backend): the view's own cost.
                term.draw(|f| bulletin::tui::ui::render(&app, f)).unwrap();
            })
        });
    }
    group.finish();
}

/// One key (`j`, then `k`) handled by the app and drawn through the lean backend: the work
/// a keypress costs.
fn keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("key_handled_and_drawn");
    group.warm_up_time(Duration::from_secs(1));
    let inputs = [("sample", SAMPLE.to_vec()), ("100MB", generated(200_000))];
    for (name, bytes) in inputs {
        let mut app = reader(Bulletin::from_bytes(bytes).unwrap(), 120, 40);
        app.act(Action::Bottom); // the far end of a big list
        app.act(Action::PrevStory);
        let mut term = lean_terminal(120, 40);
        let mut down = true;
        group.bench_function(name, |b| {
            b.iter(|| {
                app.act(if down {
                    Action::NextStory
                } else {
                    Action::PrevStory
                });
                down = !down;
                term.draw(|f| bulletin::tui::ui::render(&app, f)).unwrap();
            })
        });
    }
    // A line scrolled in the story pane, down then up: the backend finds the shift.
    let sample = Bulletin::from_bytes(SAMPLE.to_vec()).unwrap();
    for (w, h) in [(120u16, 40u16), (50, 20)] {
        let mut app = reader(sample.clone(), w, h);
        app.act(Action::Bottom);
        app.act(Action::Open);
        app.act(Action::NextStory);
        let mut term = lean_terminal(w, h);
        let mut down = true;
        group.bench_function(format!("scroll_a_line_{w}x{h}"), |b| {
            b.iter(|| {
                app.act(if down {
                    Action::NextStory
                } else {
                    Action::PrevStory
                });
                down = !down;
                term.draw(|f| bulletin::tui::ui::render(&app, f)).unwrap();
            })
        });
    }
    group.finish();
}

fn ticker(c: &mut Criterion) {
    let bulletin = Bulletin::from_bytes(generated(10)).unwrap();
    let mut app = reader(bulletin, 120, 40);
    assert!(
        app.ticker_moves(),
        "the generated ticker scrolls at 120 columns"
    );
    let mut term = terminal(120, 40);
    c.bench_function("ticker_step_120_columns", |b| {
        b.iter(|| {
            app.update(Event::Tick);
            term.draw(|f| bulletin::tui::ui::render(&app, f)).unwrap();
        })
    });
}

/// Ten years of daily bulletins (3,650 days, six stories each), imported into an archive
/// in a scratch folder once for all the archive's benchmarks: its path, and the bytes of
/// bulletin text it holds.
fn ten_years() -> (std::path::PathBuf, u64) {
    let dir = std::env::temp_dir().join(format!("bulletin-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("archive.sqlite3");
    let mut archive = Archive::open(&path).expect("an archive");
    let (bulletins, bytes) = daily_bulletins(3650);
    for chunk in bulletins.chunks(256) {
        let batch: Vec<(&Bulletin, &str)> = chunk.iter().map(|b| (b, "bench")).collect();
        archive
            .import_many(&batch, Date::today())
            .expect("imported");
    }
    (path, bytes)
}

/// `days` daily bulletins ending on 2025-12-08, parsed, and their size as text.
fn daily_bulletins(days: i64) -> (Vec<Bulletin>, u64) {
    let last = Date::new(2025, 12, 8).unwrap();
    let mut state = gen::Days::default();
    let mut bytes = 0;
    let bulletins = (0..days)
        .rev()
        .map(|n| {
            let mut text = Vec::new();
            state
                .write_day(last.plus_days(-n).unwrap(), &mut text)
                .unwrap();
            bytes += text.len() as u64;
            Bulletin::from_bytes(text).unwrap()
        })
        .collect();
    (bulletins, bytes)
}

/// The reader opened on the archive's latest day, as `bulletin` with no file opens it.
fn reader_on(path: &std::path::Path, width: u16, height: u16) -> (App, Keeper) {
    let archive = Archive::open_existing(path).unwrap().unwrap();
    let date = archive.latest_day().unwrap().unwrap();
    let day = archive.day(date).unwrap().unwrap();
    let mut app = reader(day.bulletin, width, height);
    app.set_archive_view(ArchiveView::of_day(
        date,
        day.stories,
        archive.place(date).unwrap(),
    ));
    (app, Keeper::new(Some(archive), None))
}

/// Actions handled, their requests carried out against the archive, and the screen drawn.
fn press(
    app: &mut App,
    keeper: &mut Keeper,
    term: &mut Terminal<LeanBackend<std::io::Sink>>,
    actions: &[Action],
) {
    for action in actions {
        let effects = app.act(*action);
        carry_out(app, keeper, effects).unwrap();
    }
    term.draw(|f| bulletin::tui::ui::render(app, f)).unwrap();
}

fn archive(c: &mut Criterion) {
    let mut group = c.benchmark_group("archive");
    group.warm_up_time(Duration::from_secs(1));
    // Importing a year: the ten years' rate, a tenth of the time.
    let (year, bytes) = daily_bulletins(365);
    group.throughput(Throughput::Bytes(bytes));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("import_a_year", |b| {
        b.iter_batched(
            || {
                let dir = std::env::temp_dir()
                    .join(format!("bulletin-bench-year-{}", std::process::id()));
                let _ = std::fs::remove_dir_all(&dir);
                Archive::open(&dir.join("archive.sqlite3")).unwrap()
            },
            |mut archive| {
                for chunk in year.chunks(256) {
                    let batch: Vec<(&Bulletin, &str)> =
                        chunk.iter().map(|b| (b, "bench")).collect();
                    archive.import_many(&batch, Date::today()).unwrap();
                }
            },
            BatchSize::PerIteration,
        )
    });
    let (path, _) = ten_years();
    group.throughput(Throughput::Elements(1));
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(5));
    // The first frame: the archive opened, its latest day read, the reader drawn.
    group.bench_function("first_frame_ten_years", |b| {
        b.iter(|| {
            let (app, _keeper) = reader_on(&path, 120, 40);
            let mut term = lean_terminal(120, 40);
            term.draw(|f| bulletin::tui::ui::render(&app, f)).unwrap();
        })
    });
    let (mut app, mut keeper) = reader_on(&path, 120, 40);
    let mut term = lean_terminal(120, 40);
    let mut back = true;
    group.bench_function("day_switch", |b| {
        b.iter(|| {
            let action = if back {
                Action::PrevDay
            } else {
                Action::NextDay
            };
            back = !back;
            press(&mut app, &mut keeper, &mut term, &[action]);
        })
    });
    // The rates panel opened (its 30 days of every pair read) and closed.
    group.bench_function("rates_panel", |b| {
        b.iter(|| {
            press(&mut app, &mut keeper, &mut term, &[Action::Rates]);
            press(&mut app, &mut keeper, &mut term, &[Action::Back]);
        })
    });
    // A pair's chart of every day of the ten years, the next pair's, and back.
    press(
        &mut app,
        &mut keeper,
        &mut term,
        &[Action::Rates, Action::Open, Action::RangeAll],
    );
    let mut down = true;
    group.bench_function("chart_ten_years", |b| {
        b.iter(|| {
            let action = if down {
                Action::NextStory
            } else {
                Action::PrevStory
            };
            down = !down;
            press(&mut app, &mut keeper, &mut term, &[action]);
        })
    });
    press(
        &mut app,
        &mut keeper,
        &mut term,
        &[Action::Back, Action::Back],
    );
    // A search of every day for two common words, to its first screen of results.
    group.bench_function("search_two_common_words", |b| {
        b.iter(|| {
            app.act(Action::SearchArchive);
            for c in "railway council".chars() {
                app.update(Event::Input(bulletin::term::input::Input::Key(
                    bulletin::term::key::Key::char(c),
                )));
            }
            press(&mut app, &mut keeper, &mut term, &[Action::PromptSubmit]);
            press(&mut app, &mut keeper, &mut term, &[Action::Back]);
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

/// Reading a 1 MB page and a 1 MB feed into the model (target: 20 ms each).
fn web(c: &mut Criterion) {
    let mut group = c.benchmark_group("web");
    let (page, feed) = gen::page_and_feed_of(1 << 20, 100);
    for (name, bytes) in [("page_1mb", page), ("feed_1mb", feed)] {
        let bytes = bytes.into_bytes();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let (read, _) =
                    Bulletin::from_source(bytes.clone(), None, Some("https://example.org/latest/"))
                        .expect("a page or a feed");
                assert!(!read.articles.is_empty());
                read
            })
        });
    }
    group.finish();
}

/// Reading a page whose story holds N nested elements (`<div>`, and `<b>` left open): the
/// time must grow with N, not N² (issue 18: 100,000 `<div>` took 13.7 s, then overflowed).
fn nested(c: &mut Criterion) {
    let mut group = c.benchmark_group("web/nested");
    group.warm_up_time(Duration::from_secs(1));
    for tag in ["div", "b"] {
        for n in [25_000usize, 50_000, 100_000] {
            let page = format!(
                "<html><body><article><h2>Deep</h2><p>Text.</p>{}deep</article></body></html>",
                format!("<{tag}>").repeat(n)
            )
            .into_bytes();
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::new(tag, n), &page, |b, page| {
                b.iter(|| {
                    let (read, _) =
                        Bulletin::from_source(page.clone(), None, None).expect("a page");
                    assert_eq!(read.articles.len(), 1);
                    read
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, parse, wrap, frames, keys, ticker, archive, web, nested);
criterion_main!(benches);
