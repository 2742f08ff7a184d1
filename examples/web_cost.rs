//! What reading a web page and a feed into the model costs: a generated listing page and
//! RSS feed of at least 1 MB each (the bulletin generator's stories as `<article>` cards and
//! as items with full content), each read `--repeat` times; the median and the best.
//!
//! `--lenient` also reads the feed as the web often writes it: each item's title with a bare
//! `&` and its text with `&nbsp;`, so that every item goes the lenient way.
//!
//! `cargo run --release --example web_cost -- [--repeat N] [--stories N] [--lenient]`

#[path = "../benches/support/gen.rs"]
#[allow(dead_code)]
mod gen;

use bulletin::Bulletin;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let repeat = value("--repeat", 31);
    let (page, feed) = gen::page_and_feed_of(1 << 20, value("--stories", 100));
    let mut inputs = vec![("page", page), ("feed", feed.clone())];
    if args.iter().any(|a| a == "--lenient") {
        let ill_formed = feed
            .replace("<title>", "<title>R&D ")
            .replace("<![CDATA[", "&nbsp;<![CDATA[");
        inputs.push(("feed, ill-formed", ill_formed));
    }
    for (name, bytes) in inputs {
        let bytes = bytes.into_bytes();
        let mut times = Vec::with_capacity(repeat);
        let mut articles = 0;
        for _ in 0..repeat {
            let start = Instant::now();
            let (b, _) =
                Bulletin::from_source(bytes.clone(), None, Some("https://example.org/latest/"))
                    .expect("a page or a feed");
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            articles = b.articles.len();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{name}: {:.2} MB, {articles} stories: median {:.1} ms, best {:.1} ms",
            bytes.len() as f64 / 1e6,
            times[times.len() / 2],
            times[0]
        );
    }
}
