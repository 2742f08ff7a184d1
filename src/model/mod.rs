//! The model of a bulletin and the reading of it from bytes.
//!
//! Everything here is pure: bytes in, a [`Bulletin`] out, no I/O and no terminal.

mod date;
mod decode;
mod feed;
mod html;
mod nesting;
mod parse;
mod rates;
mod sanitize;

use serde::{Deserialize, Serialize};

pub use date::Date;
pub use decode::{decode, NotText};
pub use feed::{read_feed, FeedError};
pub use html::{decode_page, read_page};
pub use parse::{parse_str, title_case};
pub use sanitize::{clean_line, clean_text, escape, is_dropped, split_lines};

/// A parsed bulletin: its date, its deduplicated rates and its stories.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Bulletin {
    /// The first date line of the bulletin, if any.
    pub date: Option<Date>,
    /// Each currency pair once, in the order of its first appearance.
    pub rates: Vec<Rate>,
    /// The stories, in the order they stand in.
    pub articles: Vec<Article>,
}

/// One currency rate of the ticker, its figures kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rate {
    /// `BASE/QUOTE`, e.g. `KZT/USD`.
    pub pair: String,
    pub base: String,
    pub quote: String,
    /// The value as written, e.g. `0.00196`.
    pub value: String,
    /// The change in percent as written, e.g. `-0%`, if the source gave one.
    pub change: Option<String>,
    /// Which way the rate moved, if the source gave a change.
    pub direction: Option<Direction>,
}

/// Which way a rate moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
    Flat,
}

/// One story: a headline, the date it is dated by, and its blocks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Article {
    pub headline: String,
    pub date: Option<Date>,
    pub blocks: Vec<Block>,
    /// Where the story can be read on the web, when its source says (a page or a feed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A block of a story: a paragraph or a subheading.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Paragraph { text: String },
    Subheading { text: String },
}

impl Block {
    /// The text of the block, whatever its kind.
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph { text } | Block::Subheading { text } => text,
        }
    }
}

/// A bulletin read from a source: what it was, and what was read leniently.
#[derive(Debug)]
pub struct Sourced {
    pub bulletin: Bulletin,
    pub kind: Kind,
    /// `not well-formed (line 3): read leniently`: said once, with the source's name.
    pub lenient: Option<String>,
}

/// Why bytes could not be read as a bulletin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The bytes are not text (FORMAT.md rule 1).
    NotText(NotText),
    /// The bytes look like JSON but do not match the model; the message says where.
    BadJson(String),
    /// The bytes look like a feed (XML, or a JSON Feed) that could not be read.
    BadFeed(String),
}

/// What a source's bytes are, from their content first and from the `Content-Type` a
/// server gave where the content does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The text form of FORMAT.md.
    Text,
    /// The JSON form written by `--json`.
    Json,
    /// A web page.
    Html,
    /// RSS, RDF, Atom or JSON Feed.
    Feed,
}

impl Kind {
    /// Tells what the bytes are: markup and JSON say so in their first bytes; plain text
    /// with a `text/html` type is still read as a page.
    pub fn sniff(bytes: &[u8], content_type: Option<&str>) -> Kind {
        let ct = content_type.unwrap_or("").to_ascii_lowercase();
        let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let start = &start[start
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(start.len())..];
        let head: Vec<u8> = start[..start.len().min(2048)]
            .iter()
            .map(u8::to_ascii_lowercase)
            .collect();
        let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
        if head.starts_with(b"{") {
            return if has(b"jsonfeed.org/version") {
                Kind::Feed
            } else {
                Kind::Json
            };
        }
        if head.starts_with(b"<") {
            let feed = has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf");
            let page = has(b"<html") || has(b"<!doctype html") || has(b"<body");
            return if feed && !page {
                Kind::Feed
            } else if page || !head.starts_with(b"<?xml") || ct.contains("html") {
                Kind::Html
            } else {
                Kind::Feed
            };
        }
        if ct.starts_with("text/html") || ct.starts_with("application/xhtml") {
            Kind::Html
        } else {
            Kind::Text
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotText(e) => write!(f, "{e}"),
            ReadError::BadJson(e) => write!(f, "is not a bulletin in JSON form: {e}"),
            ReadError::BadFeed(e) => write!(f, "is not a bulletin or a feed: {e}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl Bulletin {
    /// A digest of everything the bulletin holds, to tell cheaply whether a source gave
    /// the same again (64 bits of SipHash: a change is missed once in 2^64).
    pub fn digest(&self) -> String {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        self.hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    }

    /// Reads a bulletin from bytes: the JSON form written by `--json` when the content is a
    /// JSON object, else the text form of FORMAT.md.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Bulletin, ReadError> {
        Bulletin::from_source(bytes, None, None).map(|(b, _)| b)
    }

    /// Reads a bulletin from what a file or a server gave: a text or JSON bulletin, a web
    /// page or a feed, told apart by [`Kind::sniff`]. `content_type` is the server's, `url`
    /// the address the bytes came from (for the stories' links). Returns what it was, too.
    pub fn from_source(
        bytes: Vec<u8>,
        content_type: Option<&str>,
        url: Option<&str>,
    ) -> Result<(Bulletin, Kind), ReadError> {
        Bulletin::read_source(bytes, content_type, url).map(|s| (s.bulletin, s.kind))
    }

    /// [`Bulletin::from_source`], with what was read leniently (a feed not well formed, or
    /// not in the encoding it declared), to say once.
    pub fn read_source(
        bytes: Vec<u8>,
        content_type: Option<&str>,
        url: Option<&str>,
    ) -> Result<Sourced, ReadError> {
        let kind = Kind::sniff(&bytes, content_type);
        let sourced = |bulletin, kind| Sourced {
            bulletin,
            kind,
            lenient: None,
        };
        Ok(match kind {
            Kind::Feed => match read_feed(&bytes, content_type, url) {
                Ok(read) => Sourced {
                    bulletin: read.bulletin,
                    kind,
                    lenient: read.lenient,
                },
                Err(FeedError::NotText) => return Err(ReadError::NotText(NotText)),
                Err(FeedError::NotAFeed(why)) => return Err(ReadError::BadFeed(why)),
            },
            Kind::Html => {
                let text = decode_page(bytes, content_type).map_err(ReadError::NotText)?;
                sourced(read_page(&text, url), kind)
            }
            // What opens with a brace is JSON only when it reads as an object's start.
            Kind::Text | Kind::Json => {
                let text = decode(bytes).map_err(ReadError::NotText)?;
                if looks_like_json(&text) {
                    sourced(Bulletin::from_json(&text)?, Kind::Json)
                } else {
                    sourced(parse_str(&text), Kind::Text)
                }
            }
        })
    }

    /// Every text of the bulletin passed through `f`: headlines, blocks, and the rates'
    /// figures (for a terminal that shows only ASCII, say).
    pub fn map_texts(&mut self, f: impl Fn(&str) -> String) {
        for article in &mut self.articles {
            article.headline = f(&article.headline);
            for block in &mut article.blocks {
                match block {
                    Block::Paragraph { text } | Block::Subheading { text } => *text = f(text),
                }
            }
        }
        for rate in &mut self.rates {
            rate.value = f(&rate.value);
            rate.change = rate.change.as_deref().map(&f);
        }
    }

    /// Reads the JSON form and cleans every text in it as the text form would be cleaned, so
    /// that a JSON file can no more reach the terminal with control sequences than a text one.
    pub fn from_json(text: &str) -> Result<Bulletin, ReadError> {
        let raw: Bulletin =
            serde_json::from_str(text).map_err(|e| ReadError::BadJson(e.to_string()))?;
        raw.cleaned().map_err(ReadError::BadJson)
    }

    fn cleaned(self) -> Result<Bulletin, String> {
        let mut rates = rates::Ticker::default();
        for (i, rate) in self.rates.into_iter().enumerate() {
            let clean = Rate {
                pair: clean_text(&rate.pair),
                base: clean_text(&rate.base),
                quote: clean_text(&rate.quote),
                value: clean_text(&rate.value),
                change: rate.change.as_deref().map(clean_text),
                direction: rate.direction,
            };
            if clean.pair != format!("{}/{}", clean.base, clean.quote) {
                return Err(format!(
                    "rates[{i}]: pair {:?} is not base/quote ({:?}/{:?})",
                    clean.pair, clean.base, clean.quote
                ));
            }
            rates.add(clean);
        }
        let articles = self
            .articles
            .into_iter()
            .map(|a| Article {
                headline: clean_text(&a.headline),
                date: a.date,
                blocks: a
                    .blocks
                    .into_iter()
                    .map(|b| match b {
                        Block::Paragraph { text } => Block::Paragraph {
                            text: clean_text(&text),
                        },
                        Block::Subheading { text } => Block::Subheading {
                            text: clean_text(&text),
                        },
                    })
                    .collect(),
                url: a.url.as_deref().and_then(clean_url),
            })
            .collect();
        Ok(Bulletin {
            date: self.date,
            rates: rates.into_rates(),
            articles,
        })
    }
}

/// A story's link as the reader may use it: an `http` or `https` URL of printable ASCII,
/// nothing else (no other scheme, no space, no control character).
pub fn clean_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    let printable = url.bytes().all(|b| b.is_ascii_graphic());
    (web && printable && url.len() <= 2048).then(|| url.to_owned())
}

/// True when the text opens with a JSON object: `{` then a key's quote or the closing `}`.
/// (A text bulletin that happens to start with `{` is still read as text.)
fn looks_like_json(text: &str) -> bool {
    text.trim_start()
        .strip_prefix('{')
        .is_some_and(|rest| rest.trim_start().starts_with(['"', '}']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_told_apart_by_its_content() {
        assert!(looks_like_json("{\"date\": null}"));
        assert!(looks_like_json("\n  {\n  \"rates\": 5}"));
        assert!(looks_like_json("{}"));
        assert!(!looks_like_json("{Braced} Headline\n\nText."));
        assert!(!looks_like_json("Headline {\"x\"}"));
    }

    #[test]
    fn json_with_a_pair_twice_keeps_it_once_with_the_later_figures_as_text_does() {
        let rate = |value: &str| {
            format!(
                r#"{{"pair": "KZT/USD", "base": "KZT", "quote": "USD", "value": "{value}", "change": null, "direction": null}}"#
            )
        };
        let other = r#"{"pair": "KGS/USD", "base": "KGS", "quote": "USD", "value": "1", "change": null, "direction": null}"#;
        let json = format!(
            r#"{{"date": null, "rates": [{}, {other}, {}], "articles": []}}"#,
            rate("0.1"),
            rate("0.2")
        );
        let b = Bulletin::from_json(&json).unwrap();
        let pairs: Vec<(&str, &str)> = b
            .rates
            .iter()
            .map(|r| (r.pair.as_str(), r.value.as_str()))
            .collect();
        assert_eq!(pairs, [("KZT/USD", "0.2"), ("KGS/USD", "1")]);
        let text = parse_str("KZT/USD = 0.1\nKGS/USD = 1\nKZT/USD = 0.2\n");
        assert_eq!(text.rates, b.rates);
    }

    #[test]
    fn only_web_links_of_printable_ascii_are_kept() {
        assert_eq!(
            clean_url(" https://example.org/a?b=1 ").as_deref(),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(clean_url("HTTP://x.org").as_deref(), Some("HTTP://x.org"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://x.org/\u{1b}]8;;",
            "https://a b",
            "ftp://x",
        ] {
            assert_eq!(clean_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_text_bulletin_opening_with_a_brace_is_text() {
        let b = Bulletin::from_bytes(b"{Braced} Headline Here\n\nText.\n".to_vec()).unwrap();
        assert_eq!(b.articles[0].headline, "{Braced} Headline Here");
    }
}
