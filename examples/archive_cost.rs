//! What the archive's queries cost on an archive file: a day read, every pair's history
//! (30 days and all), a search (best 200 with snippets), each timed over several runs
//! (median), and the peak memory of the process.
//!
//! ```text
//! cargo run --release --example archive_cost -- ARCHIVE.sqlite3 [WORDS...]
//! ```

use bulletin::archive::Archive;
use std::time::{Duration, Instant};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: archive_cost ARCHIVE [WORDS...]");
        std::process::exit(2);
    };
    let words: Vec<String> = args.collect();
    let words = if words.is_empty() {
        "railway council".to_owned()
    } else {
        words.join(" ")
    };
    let t = Instant::now();
    let archive = Archive::open_existing(std::path::Path::new(&path))
        .unwrap()
        .unwrap();
    println!("open: {:.2?}", t.elapsed());
    let latest = archive.latest_day().unwrap().unwrap();
    println!(
        "latest day: {:.2?}",
        time(20, || archive.latest_day().unwrap())
    );
    println!(
        "a day read: {:.2?}",
        time(20, || archive.day(latest).unwrap())
    );
    println!("days listed: {:.2?}", time(5, || archive.days().unwrap()));
    let month = latest.plus_days(-29);
    println!(
        "every pair, 30 days: {:.2?}",
        time(20, || archive.history(&[], month, Some(latest)).unwrap())
    );
    let pair = vec![archive.history(&[], month, Some(latest)).unwrap()[0]
        .pair
        .clone()];
    println!(
        "one pair, every day: {:.2?}",
        time(10, || archive.history(&pair, None, Some(latest)).unwrap())
    );
    let found = archive.search(&words, 200).unwrap();
    println!(
        "search '{words}': {} results, {:.2?}",
        found.len(),
        time(10, || archive.search(&words, 200).unwrap())
    );
    println!(
        "search '{words}', best 20: {:.2?}",
        time(10, || archive.search(&words, 20).unwrap())
    );
    println!(
        "next unread: {:.2?}",
        time(10, || archive.next_unread(None).unwrap())
    );
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(peak) = status.lines().find(|l| l.starts_with("VmHWM")) {
        println!("peak memory: {}", peak.trim_start_matches("VmHWM:").trim());
    }
}
