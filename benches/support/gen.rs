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
