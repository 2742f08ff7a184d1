//! Writes bulletins in the real format, deterministically, for benchmarks.
//!
//! `cargo run --release --example gen_bulletin -- --stories 200000 > big.txt`: one large
//! bulletin on standard output.
//!
//! `cargo run --release --example gen_bulletin -- --days 3650 --out DIR`: a bulletin a day
//! for ten years (six stories each, rates that wander day by day), one file a day, ending
//! on 2025-12-08.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[path = "../benches/support/gen.rs"]
mod gen;

fn usage() -> ! {
    eprintln!("usage: gen_bulletin --stories N | --days N --out DIR");
    std::process::exit(2);
}

fn main() -> std::io::Result<()> {
    let mut stories = 1000usize;
    let mut days = None;
    let mut out_dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_else(|| usage());
        match arg.as_str() {
            "--stories" => stories = value.parse().unwrap_or_else(|_| usage()),
            "--days" => days = Some(value.parse::<i64>().unwrap_or_else(|_| usage())),
            "--out" => out_dir = Some(PathBuf::from(value)),
            _ => usage(),
        }
    }
    if let Some(days) = days {
        let dir = out_dir.unwrap_or_else(|| usage());
        std::fs::create_dir_all(&dir)?;
        let last = bulletin::Date::new(2025, 12, 8).expect("a real date");
        let mut state = gen::Days::default();
        for n in (0..days).rev() {
            let date = last.plus_days(-n).expect("a real date");
            let file = std::fs::File::create(dir.join(format!("{date}.txt")))?;
            let mut out = BufWriter::new(file);
            state.write_day(date, &mut out)?;
            out.flush()?;
        }
        return Ok(());
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    gen::generate(stories, &mut out)?;
    out.flush()
}
