//! The reading rules of FORMAT.md, one small function a rule, in one pass over the lines.

use super::date::Date;
use super::rates::Ticker;
use super::sanitize::{clean_line, split_lines};
use super::{Article, Block, Bulletin, Direction, Rate};
use std::borrow::Cow;

/// Parses the text of a bulletin. Never fails: text that is not a bulletin parses to an
/// empty model.
pub fn parse_str(text: &str) -> Bulletin {
    let mut reader = Reader::default();
    for line in split_lines(text) {
        reader.line(line);
    }
    reader.finish()
}

/// A block read before the first Title Case headline. It is no story (rule 6) unless the
/// whole bulletin has no Title Case heading (rule 5's sentence-case publisher), which is
/// known only at the end.
struct RawBlock {
    text: String,
    kind: Kind,
    date: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Paragraph,
    Heading { title_case: bool },
}

#[derive(Default)]
struct Reader<'a> {
    date: Option<Date>,
    current_date: Option<Date>,
    rates: Ticker,
    /// The stories so far, started by Title Case headlines.
    articles: Vec<Article>,
    /// The blocks before the first Title Case headline; dropped when it comes.
    preamble: Vec<RawBlock>,
    /// The lines of the block being read, borrowed from the input where they needed no
    /// cleaning; joined into one exact allocation when the block ends.
    open: Vec<Cow<'a, str>>,
    /// The date in force when the open block began.
    open_date: Option<Date>,
}

impl<'a> Reader<'a> {
    fn line(&mut self, raw: &'a str) {
        let Some(line) = clean_line(raw) else {
            self.close_block();
            return;
        };
        if let Some(rate) = rate_from_line(&line) {
            self.close_block();
            self.rates.add(rate);
        } else if let Some(date) = Date::from_line(&line) {
            self.close_block();
            self.date.get_or_insert(date);
            self.current_date = Some(date);
        } else {
            self.add_to_block(line);
        }
    }

    /// Rule 4: consecutive non-blank lines are one block, joined with a space.
    fn add_to_block(&mut self, line: Cow<'a, str>) {
        if self.open.is_empty() {
            self.open_date = self.current_date;
        }
        self.open.push(line);
    }

    fn close_block(&mut self) {
        let open = match self.open.as_mut_slice() {
            [] => return,
            [only] => std::mem::take(only).into_owned(),
            lines => {
                let len = lines.iter().map(|l| l.len() + 1).sum::<usize>() - 1;
                let mut text = String::with_capacity(len);
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        text.push(' ');
                    }
                    text.push_str(line);
                }
                text
            }
        };
        let lines = self.open.len();
        self.open.clear();
        let open = OpenBlock {
            text: open,
            lines,
            date: self.open_date,
        };
        let kind = if open.lines == 1 && is_heading(&open.text) {
            Kind::Heading {
                title_case: title_case(&open.text),
            }
        } else {
            Kind::Paragraph
        };
        let block = RawBlock {
            text: open.text,
            kind,
            date: open.date,
        };
        if kind == (Kind::Heading { title_case: true }) {
            self.preamble = Vec::new(); // rule 6: not a story
            self.articles.push(headline(block));
        } else if let Some(article) = self.articles.last_mut() {
            article.blocks.push(inner_block(block));
        } else {
            self.preamble.push(block);
        }
    }

    fn finish(mut self) -> Bulletin {
        self.close_block();
        if self.articles.is_empty() {
            self.articles = sentence_case_stories(self.preamble);
        }
        Bulletin {
            date: self.date,
            rates: self.rates.into_rates(),
            articles: self.articles,
        }
    }
}

/// A block as it ends: its text, how many lines it had, the date in force.
struct OpenBlock {
    text: String,
    lines: usize,
    date: Option<Date>,
}

/// A story started by a headline block.
fn headline(block: RawBlock) -> Article {
    Article {
        headline: block.text,
        date: block.date,
        blocks: Vec::new(),
        url: None,
    }
}

/// A block inside a story: a heading there is a subheading.
fn inner_block(block: RawBlock) -> Block {
    match block.kind {
        Kind::Heading { .. } => Block::Subheading { text: block.text },
        Kind::Paragraph => Block::Paragraph { text: block.text },
    }
}

/// Rule 5's sentence-case publisher: with no Title Case heading anywhere, every heading is a
/// headline; rule 6 still drops what stands before the first.
fn sentence_case_stories(blocks: Vec<RawBlock>) -> Vec<Article> {
    let mut articles: Vec<Article> = Vec::new();
    for block in blocks {
        if matches!(block.kind, Kind::Heading { .. }) {
            articles.push(headline(block));
        } else if let Some(article) = articles.last_mut() {
            article.blocks.push(inner_block(block));
        }
    }
    articles
}

/// Rule 5: a single line of at most 150 characters and 20 words that does not end like a
/// sentence part (`.`, `,`, `;`, `:` or their full-width forms).
fn is_heading(text: &str) -> bool {
    // 150 characters are at most 600 bytes: longer text is a paragraph, uncounted.
    if text.len() > 600 {
        return false;
    }
    let ends_open = text
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | ',' | ';' | ':' | '。' | '，' | '；' | '：'));
    !ends_open && text.chars().count() <= 150 && text.split(' ').count() <= 20
}

const FUNCTION_WORDS: [&str; 27] = [
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
    "off", "on", "per", "to", "up", "via", "from", "into", "onto", "with", "over", "vs",
];

/// Rule 5's Title Case: of the words that count, three in four or more are capitalised.
pub fn title_case(text: &str) -> bool {
    let (mut counted, mut capitalised) = (0usize, 0usize);
    for (i, word) in text.split(' ').enumerate() {
        let Some(first) = word.chars().find(|c| c.is_alphabetic()) else {
            continue; // no letters
        };
        if i > 0 && is_function_word(word) {
            continue;
        }
        if !first.is_uppercase() && !first.is_lowercase() {
            continue; // a script without case
        }
        counted += 1;
        if first.is_uppercase() || word.chars().any(char::is_uppercase) {
            capitalised += 1;
        }
    }
    capitalised * 4 >= counted * 3
}

fn is_function_word(word: &str) -> bool {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(bare))
}

const BULLETS: [char; 7] = ['•', '*', '-', '·', '▪', '►', '\u{FFFD}'];

/// Rule 2: `[bullet] AAA/BBB = number [change%]`, or `None`.
pub(crate) fn rate_from_line(line: &str) -> Option<Rate> {
    // Cheap rejection: every rate line has a slash and is short.
    if line.len() > 80 || !line.contains('/') {
        return None;
    }
    let mut s = line;
    if let Some(rest) = s.strip_prefix(BULLETS) {
        s = rest.trim_start();
    }
    let (base, s) = currency_code(s)?;
    let s = s.trim_start().strip_prefix('/')?.trim_start();
    let (quote, s) = currency_code(s)?;
    let s = s.trim_start();
    let s = s.strip_prefix(['=', ':'])?.trim_start();
    let (value, s) = number(s)?;
    let s = s.trim_start();
    let (change, direction) = if s.is_empty() {
        (None, None)
    } else {
        let (change, direction) = change(s)?;
        (Some(change.to_owned()), Some(direction))
    };
    Some(Rate {
        pair: format!("{base}/{quote}"),
        base: base.to_owned(),
        quote: quote.to_owned(),
        value: value.to_owned(),
        change,
        direction,
    })
}

/// Three ASCII capital letters, and the rest.
fn currency_code(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    if b.len() < 3 || !b[..3].iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    let (code, rest) = s.split_at(3);
    // `KZTX/USD` is not a pair of three-letter codes.
    (!rest.starts_with(|c: char| c.is_alphanumeric())).then_some((code, rest))
}

/// Digits and commas, starting with a digit, then one optional `.digits`; and the rest.
fn number(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    if !b.first()?.is_ascii_digit() {
        return None;
    }
    let mut end = b
        .iter()
        .position(|c| !(c.is_ascii_digit() || *c == b','))
        .unwrap_or(b.len());
    if b.get(end) == Some(&b'.') {
        let decimals = b[end + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if decimals == 0 {
            return None;
        }
        end += 1 + decimals;
    }
    let rest = &s[end..];
    // A number runs into nothing but a space, a percent sign or the end.
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '.' || c == ',') {
        return None;
    }
    Some(s.split_at(end))
}

/// The change: an optional sign (`+`, `-`, `−`), a number, `%` (a space before it allowed,
/// as some pages set it), and nothing after it.
fn change(s: &str) -> Option<(&str, Direction)> {
    let (sign, digits) = match s.chars().next()? {
        c @ ('+' | '-' | '−') => (Some(c), &s[c.len_utf8()..]),
        _ => (None, s),
    };
    let (figure, rest) = number(digits)?;
    if rest.trim_start() != "%" {
        return None;
    }
    let direction = match sign {
        Some('+') => Direction::Up,
        Some(_) => Direction::Down,
        None if figure.bytes().any(|b| (b'1'..=b'9').contains(&b)) => Direction::Up,
        None => Direction::Flat,
    };
    Some((s, direction))
}

/// A line of several rates run together, as a page's ticker shows them when its items are
/// inline elements (`KGS/USD = 0.01144 0% • KZT/USD = 0.00196 -0%`): each rate, when every
/// piece of the line between one pair and the next is a rate line (rule 2) and there are at
/// least two. A line of one rate is [`rate_from_line`]'s.
pub(crate) fn rates_in_line(line: &str) -> Option<Vec<Rate>> {
    let b = line.as_bytes();
    let mut starts = Vec::new();
    let mut i = 0;
    while i + 7 <= b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric());
        if boundary && pair_at(&b[i..]) {
            starts.push(i);
            i += 7;
        } else {
            i += 1;
        }
    }
    if starts.len() < 2
        || !line[..starts[0]]
            .trim_matches(|c: char| BULLETS.contains(&c) || c.is_whitespace() || c == '|')
            .is_empty()
    {
        return None;
    }
    let mut rates = Vec::with_capacity(starts.len());
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(line.len());
        let piece = line[start..end]
            .trim_end_matches(|c: char| BULLETS.contains(&c) || c.is_whitespace() || c == '|');
        rates.push(rate_from_line(piece)?);
    }
    Some(rates)
}

/// `AAA/BBB` (spaces around the slash allowed) at the start of `b`, not followed by a letter.
fn pair_at(b: &[u8]) -> bool {
    if b.len() < 7 || !b[..3].iter().all(u8::is_ascii_uppercase) {
        return false;
    }
    let mut i = 3;
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    if b.get(i) != Some(&b'/') {
        return false;
    }
    i += 1;
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    b.len() >= i + 3
        && b[i..i + 3].iter().all(u8::is_ascii_uppercase)
        && !b.get(i + 3).is_some_and(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests;
