//! A deterministic generator of large bulletins in the real format, shared by the
//! `gen_bulletin` example and the benchmarks: a repeated ticker (eight pairs, too many for
//! 120 columns, so it scrolls), date lines, Title Case headlines, paragraphs (some
//! hard-wrapped), sentence-case subheadings, no-break-space separators and wide characters.

use std::io::Write;

const WORDS: [&str; 24] = [
    "government",
    "market",
    "region",
    "border",
    "trade",
    "water",
    "energy",
    "university",
    "ministry",
    "price",
    "export",
    "harvest",
    "railway",
    "agreement",
    "delegation",
    "report",
    "growth",
    "investment",
    "citizens",
    "council",
    "project",
    "season",
    "capital",
    "record",
];
const TITLE: [&str; 12] = [
    "Kazakhstan",
    "Uzbekistan",
    "Kyrgyzstan",
    "Tajikistan",
    "Turkmenistan",
    "China",
    "Launches",
    "Expands",
    "Signs",
    "Builds",
    "Record",
    "Talks",
];
const WIDE: [&str; 4] = ["中国", "哈萨克斯坦", "合作", "東京"];
const RATES: [&str; 8] = [
    "• KGS/USD = 0.01144 0%",
    "  • KZT/USD = 0.00196 -0%",
    "  • TJS/USD = 0.10899 +0.25%",
    "  • UZS/USD = 0.00008 0%",
    "  • TMT/USD = 0.28490 −0.5%",
    "  • CNY/USD = 0.14100 +0.1%",
    "  • RUB/USD = 0.01270 -1.2%",
    "  • AZN/USD = 0.58820 0%",
];

/// A small deterministic generator (xorshift), so every run writes the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 33) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

/// Writes a bulletin of `stories` stories.
pub fn generate(stories: usize, out: &mut impl Write) -> std::io::Result<()> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..8 {
        for rate in RATES {
            writeln!(out, "{rate}")?;
        }
    }
    for i in 0..stories {
        if i % 50 == 0 {
            let day = 1 + (i / 50) % 28;
            let month = 1 + (i / 1400) % 12;
            let date = bulletin::Date::new(2025, month as u8, day as u8).expect("a real date");
            writeln!(out, "{}\n", date.long())?;
        }
        write!(out, "{} {} ", rng.pick(&TITLE), rng.pick(&TITLE))?;
        if i % 7 == 0 {
            write!(out, "and {} ", rng.pick(&WIDE))?;
        }
        writeln!(out, "{} Story {i}\n", rng.pick(&TITLE))?;
        let paragraphs = 2 + rng.next() % 2;
        for p in 0..paragraphs {
            if p == 1 && i % 3 == 0 {
                writeln!(
                    out,
                    "What the {} {} means\n",
                    rng.pick(&WORDS),
                    rng.pick(&WORDS)
                )?;
            }
            let words = 12 + rng.next() % 24;
            let hard_wrap = i % 5 == 0;
            write!(out, "The")?;
            for w in 0..words {
                let sep = if hard_wrap && w % 12 == 11 { "\n" } else { " " };
                write!(out, "{sep}{}", rng.pick(&WORDS))?;
            }
            writeln!(out, ".\n")?;
        }
        writeln!(out, "\u{a0}\n")?;
    }
    Ok(())
}

/// The pairs of the daily bulletins and their values on the first day.
const DAILY_PAIRS: [(&str, f64, usize); 6] = [
    ("USD/KZT", 470.5, 2),
    ("USD/UZS", 12_050.0, 2),
    ("USD/KGS", 87.45, 4),
    ("USD/TJS", 10.93, 4),
    ("EUR/KZT", 508.2, 2),
    ("KZT/USD", 0.002_125, 6),
];

/// The state of a run of daily bulletins: the rates as they wander.
pub struct Days {
    rng: Rng,
    values: Vec<f64>,
}

impl Default for Days {
    fn default() -> Days {
        Days {
            rng: Rng(0x2545_F491_4F6C_DD1D),
            values: DAILY_PAIRS.iter().map(|p| p.1).collect(),
        }
    }
}

impl Days {
    /// Writes the bulletin of one day: the ticker (each rate repeated, as the page does),
    /// the date line, six stories. Now and then a pair is missing from the day, so the
    /// history has gaps.
    pub fn write_day(&mut self, date: bulletin::Date, out: &mut impl Write) -> std::io::Result<()> {
        let mut ticker = Vec::new();
        for (i, (pair, _, decimals)) in DAILY_PAIRS.iter().enumerate() {
            let step = (self.rng.next() % 2001) as f64 / 1000.0 - 1.0; // -1..1
            let before = self.values[i];
            self.values[i] = before * (1.0 + step * 0.004);
            if self.rng.next().is_multiple_of(40) {
                continue;
            }
            let change = (self.values[i] - before) / before * 100.0;
            let change = format!("{change:+.2}%")
                .replace("+0.00%", "0%")
                .replace("-0.00%", "-0%");
            ticker.push(format!("{pair} = {:.decimals$} {change}", self.values[i]));
        }
        for _ in 0..4 {
            for rate in &ticker {
                writeln!(out, "  • {rate}")?;
            }
        }
        writeln!(out, "\n{}\n", date.long())?;
        for s in 0..6 {
            writeln!(
                out,
                "{} {} {} {}\n",
                self.rng.pick(&TITLE),
                self.rng.pick(&TITLE),
                self.rng.pick(&TITLE),
                [
                    "Today",
                    "Again",
                    "This Week",
                    "At Last",
                    "For Now",
                    "In Brief"
                ][s]
            )?;
            for p in 0..3 {
                if p == 1 && s % 2 == 0 {
                    writeln!(out, "What the {} means\n", self.rng.pick(&WORDS))?;
                }
                write!(out, "The")?;
                for _ in 0..(40 + self.rng.next() % 40) {
                    write!(out, " {}", self.rng.pick(&WORDS))?;
                }
                writeln!(out, ".\n")?;
            }
        }
        Ok(())
    }
}

/// A bulletin as the web serves it: a listing page of `<article>` cards under a ticker and
/// menus, and an RSS feed with each story's full text in `content:encoded`.
#[allow(dead_code)] // the benchmarks and web_cost use it; the other users of this file do not
pub fn page_and_feed(b: &bulletin::Bulletin) -> (String, String) {
    let esc = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut page = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Latest</title>\
         <script>var x = 1;</script></head><body><header><div class=\"ticker\"><marquee>",
    );
    for _ in 0..10 {
        for r in &b.rates {
            page.push_str(&format!(
                "<span>&bull; {} = {} {}</span>",
                r.pair,
                r.value,
                r.change.as_deref().unwrap_or("")
            ));
        }
    }
    page.push_str(
        "</marquee></div><nav><ul><li><a href=\"/\">Home</a></li></ul></nav></header><main>",
    );
    let mut feed = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Latest</title>",
    );
    for (i, a) in b.articles.iter().enumerate() {
        let mut body = String::new();
        for block in &a.blocks {
            match block {
                bulletin::Block::Paragraph { text } => {
                    body.push_str(&format!("<p>{}</p>", esc(text)))
                }
                bulletin::Block::Subheading { text } => {
                    body.push_str(&format!("<h3>{}</h3>", esc(text)))
                }
            }
        }
        let date = a.date.map(|d| d.to_string()).unwrap_or_default();
        page.push_str(&format!(
            "<article><header><h2><a href=\"/story/{i}/\">{}</a></h2><time datetime=\"{date}T09:00:00+05:00\">{date}</time></header><div class=\"entry-content\">{body}</div><footer>Posted in News</footer></article>",
            esc(&a.headline)
        ));
        feed.push_str(&format!(
            "<item><title>{}</title><link>https://example.org/story/{i}/</link><pubDate>Mon, 08 Dec 2025 09:00:00 +0500</pubDate><content:encoded><![CDATA[{body}]]></content:encoded></item>",
            esc(&a.headline)
        ));
    }
    page.push_str("</main><aside class=\"sidebar\"><h2>Most Read</h2></aside></body></html>");
    feed.push_str("</channel></rss>");
    (page, feed)
}

/// A page and a feed of at least `bytes` each (from `stories` stories up, a twentieth more
/// at a time: just over the size, not half as much again).
#[allow(dead_code)] // the benchmarks and web_cost use it; the other users of this file do not
pub fn page_and_feed_of(bytes: usize, mut stories: usize) -> (String, String) {
    loop {
        let mut text = Vec::new();
        generate(stories, &mut text).expect("writing to memory");
        let b = bulletin::Bulletin::from_bytes(text).expect("generated text");
        let (page, feed) = page_and_feed(&b);
        if page.len() >= bytes && feed.len() >= bytes {
            return (page, feed);
        }
        stories += (stories / 20).max(1);
    }
}
