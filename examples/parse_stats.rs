//! Parses bulletins once each and reports time, throughput and peak memory (VmHWM):
//! the figures of BENCHMARKS.md for parse speed, linearity and memory.
//!
//! `cargo run --release --example parse_stats -- big.txt [more.txt …]`
//! Each file is parsed in a process of its own (this one re-runs itself), so that peak
//! memory is that file's alone.

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, path] if flag == "--one" => one(path),
        [] => {
            eprintln!("usage: parse_stats FILE [FILE …]");
            std::process::exit(2);
        }
        paths => {
            println!("| file | size | read | parse (decode+parse) | MB/s | stories | peak RSS | RSS / size |");
            println!("|---|---|---|---|---|---|---|---|");
            let me = std::env::current_exe().expect("own path");
            for path in paths {
                let out = std::process::Command::new(&me)
                    .args(["--one", path])
                    .output()
                    .expect("re-run");
                print!("{}", String::from_utf8_lossy(&out.stdout));
                eprint!("{}", String::from_utf8_lossy(&out.stderr));
            }
        }
    }
}

fn one(path: &str) {
    let t0 = Instant::now();
    let bytes = std::fs::read(path).expect("readable file");
    let read = t0.elapsed();
    let size = bytes.len();
    let t1 = Instant::now();
    let bulletin = bulletin::Bulletin::from_bytes(bytes).expect("a bulletin");
    let parse = t1.elapsed();
    let peak_kb = peak_rss_kb();
    let mb = size as f64 / 1e6;
    println!(
        "| {} | {:.1} MB | {:.0} ms | {:.0} ms | {:.0} | {} | {:.1} MB | {:.2}× |",
        std::path::Path::new(path)
            .file_name()
            .unwrap()
            .to_string_lossy(),
        mb,
        read.as_secs_f64() * 1e3,
        parse.as_secs_f64() * 1e3,
        mb / parse.as_secs_f64(),
        bulletin.articles.len(),
        peak_kb as f64 / 1e3,
        peak_kb as f64 * 1e3 / size as f64,
    );
}

/// The process's peak resident set, in kB (Linux).
fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
