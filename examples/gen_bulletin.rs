//! Writes a large bulletin in the real format, deterministically, for benchmarks.
//!
//! `cargo run --release --example gen_bulletin -- --stories 200000 > big.txt`

use std::io::{BufWriter, Write};

#[path = "../benches/support/gen.rs"]
mod gen;

fn main() -> std::io::Result<()> {
    let mut stories = 1000usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next().and_then(|n| n.parse().ok())) {
            ("--stories", Some(n)) => stories = n,
            _ => {
                eprintln!("usage: gen_bulletin --stories N");
                std::process::exit(2);
            }
        }
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    gen::generate(stories, &mut out)?;
    out.flush()
}
