//! `cargo bench`: parsing (sample, 1, 10 and 100 MB), laying out a long story at several
//! widths, drawing whole frames, a key handled and drawn on the sample and on the 100 MB
//! bulletin, and a ticker step. Figures and how they compare with the targets: BENCHMARKS.md.

use bulletin::term::backend::LeanBackend;
use bulletin::tui::action::Action;
use bulletin::tui::app::{App, Settings};
use bulletin::tui::event::Event;
use bulletin::tui::keymap::Keymap;
use bulletin::Bulletin;
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

criterion_group!(benches, parse, wrap, frames, keys, ticker);
criterion_main!(benches);
