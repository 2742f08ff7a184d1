//! Reading a feed into a bulletin, as the web writes feeds: RSS 0.9x/2.0 (with or without a
//! `version`), RSS 1.0/RDF, Atom 1.0 and 0.3, JSON Feed 1.0/1.1. Each item a story: its
//! title the headline, its full content (else its summary) the body, read as an
//! `<article>` is; its date as written in its own time zone; its link the story's address.
//!
//! Feeds that are not well formed are read as far as they go (`xml`), in the encoding a
//! browser would decide (`charset`); what was recovered from is said once, as the note
//! [`Read::lenient`]. Only bytes with no recognisable feed are refused. The `feed-rs`
//! crate this replaced refused a whole feed over one stray `&` and knew neither Atom 0.3
//! nor RSS without a version, and could not be made lenient: its parser is strict XML.

mod charset;
mod dates;
mod json;
mod xml;

pub use dates::feed_date;

use super::html::{read_fragment, text_paragraphs, title_text};
use super::{Article, Block, Bulletin, Date};
use xml::{Document, Element};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const ATOM_03: &str = "http://purl.org/atom/ns#";
const RSS_10: &str = "http://purl.org/rss/1.0/";
const RSS_090: &str = "http://my.netscape.com/rdf/simple/0.9/";
const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const MEDIA: &str = "http://search.yahoo.com/mrss/";
const ITUNES: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// A feed read: the bulletin, and what was read leniently (said once to the user).
#[derive(Debug)]
pub struct Read {
    pub bulletin: Bulletin,
    /// `not well-formed (line 3): read leniently`, and what the encoding was not.
    pub lenient: Option<String>,
}

/// Why bytes are not a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedError {
    /// The bytes are not text.
    NotText,
    /// Nothing in them is a feed: why.
    NotAFeed(String),
}

/// Reads a feed. `content_type` is the server's (its charset first), `base` the feed's own
/// address, against which relative links resolve.
pub fn read_feed(
    bytes: &[u8],
    content_type: Option<&str>,
    base: Option<&str>,
) -> Result<Read, FeedError> {
    let (text, encoding_note) = charset::decode(bytes, content_type);
    if text.contains('\0') || crate::model::decode::mostly_unprintable(&text) {
        return Err(FeedError::NotText);
    }
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.starts_with('{') {
        let bulletin = json::read(trimmed, base).map_err(FeedError::NotAFeed)?;
        return Ok(Read {
            bulletin,
            lenient: encoding_note,
        });
    }
    // Nested deeper than a browser builds: flattened first (`model::nesting`).
    let text = super::nesting::cap_nesting_str(&text, super::nesting::Markup::Xml);
    let doc = xml::parse(&text, base);
    let articles = articles(&doc)?;
    let fault = doc
        .fault_line
        .map(|line| format!("not well-formed (line {line}): read leniently"));
    let lenient = match (fault, encoding_note) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    };
    Ok(Read {
        bulletin: bulletin_of(articles),
        lenient,
    })
}

fn bulletin_of(articles: Vec<Article>) -> Bulletin {
    Bulletin {
        date: articles.iter().filter_map(|a| a.date).max(),
        rates: Vec::new(),
        articles,
    }
}

/// The dialect a feed's root names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Rss,
    Atom,
    Atom03,
}

/// Every item of the feed as a story.
fn articles(doc: &Document) -> Result<Vec<Article>, FeedError> {
    let root = doc
        .root()
        .ok_or_else(|| FeedError::NotAFeed("no feed in it: no element at all".into()))?;
    let name = root.name.to_ascii_lowercase();
    let dialect = match name.as_str() {
        "rss" | "rdf" | "channel" => Dialect::Rss,
        "feed" if root.ns == ATOM_03 => Dialect::Atom03,
        "feed" => Dialect::Atom,
        _ => {
            return Err(FeedError::NotAFeed(format!(
                "no feed in it: its root element is <{}>, not rss, rdf:RDF or feed",
                super::escape(&root.name)
            )))
        }
    };
    let entries: Vec<&Element> = match dialect {
        Dialect::Atom | Dialect::Atom03 => {
            doc.children(root).filter(|e| named(e, "entry")).collect()
        }
        Dialect::Rss => {
            let mut items: Vec<&Element> =
                doc.children(root).filter(|e| named(e, "item")).collect();
            for channel in doc.children(root).filter(|e| named(e, "channel")) {
                items.extend(doc.children(channel).filter(|e| named(e, "item")));
            }
            if name == "channel" {
                items.extend(doc.children(root).filter(|e| named(e, "item")));
                items.dedup_by(|a, b| std::ptr::eq(*a, *b));
            }
            items
        }
    };
    Ok(entries
        .into_iter()
        .filter_map(|entry| article(doc, entry, dialect))
        .collect())
}

/// An element of the feed's own vocabulary (no namespace, or the dialect's).
fn named(e: &Element, name: &str) -> bool {
    e.name.eq_ignore_ascii_case(name)
        && matches!(e.ns.as_str(), "" | ATOM | ATOM_03 | RSS_10 | RSS_090)
}

fn article(doc: &Document, item: &Element, dialect: Dialect) -> Option<Article> {
    let kids: Vec<&Element> = doc.children(item).collect();
    let base = item.base.as_deref();
    // Everything inside the item, once: `media:` elements nest in groups, an `xhtml:body`
    // anywhere.
    let inside = doc.descendants(item);
    let (blocks, date_inside) = body(doc, &kids, &inside, dialect, base);
    let headline = title(doc, &kids, &inside, dialect).or_else(|| first_words(&blocks))?;
    let date = date(doc, &kids);
    Some(Article {
        headline,
        date: date.or(date_inside),
        blocks,
        url: link(doc, &kids),
    })
}

/// `title`, else `media:title`, else `dc:title`.
fn title(
    doc: &Document,
    kids: &[&Element],
    inside: &[&Element],
    dialect: Dialect,
) -> Option<String> {
    let own = kids.iter().find(|e| named(e, "title")).and_then(|t| {
        let text = doc.text(t);
        match (
            dialect,
            t.attr("type").map(str::to_ascii_lowercase).as_deref(),
            t.attr("mode"),
        ) {
            (Dialect::Rss, _, _) => title_text(&text),
            (_, Some("html" | "text/html"), _) | (_, _, Some("escaped")) => title_text(&text),
            (_, Some("xhtml"), _) => title_text(&doc.inner_markup(t)),
            // Atom's text: markup shown as written.
            _ => Some(crate::model::sanitize::clean_text(&text)).filter(|t| !t.is_empty()),
        }
    });
    own.or_else(|| {
        inside
            .iter()
            .find(|e| e.is(MEDIA, "title"))
            .and_then(|t| title_text(&doc.text(t)))
    })
    .or_else(|| {
        kids.iter()
            .find(|e| e.is(DC, "title"))
            .and_then(|t| title_text(&doc.text(t)))
    })
}

/// The full content, else the summary, else an `xhtml:body`; each as its type says.
fn body(
    doc: &Document,
    kids: &[&Element],
    inside: &[&Element],
    dialect: Dialect,
    base: Option<&str>,
) -> (Vec<Block>, Option<Date>) {
    let filled = |e: &&&Element| !doc.text(e).trim().is_empty() || has_elements(doc, e);
    let content = kids
        .iter()
        .filter(filled)
        .find(|e| e.is(CONTENT, "encoded"))
        .map(|e| html_or_text(&doc.text(e), base))
        .or_else(|| {
            kids.iter()
                .filter(filled)
                .find(|e| dialect != Dialect::Rss && named(e, "content") || e.is(ATOM, "content"))
                .and_then(|e| atom_text(doc, e, dialect, base))
        });
    if let Some(found) = content.filter(|(blocks, _)| !blocks.is_empty()) {
        return found;
    }
    let summaries = kids
        .iter()
        .copied()
        .filter(|e| {
            named(e, "description")
                || e.is(ATOM, "summary")
                || (dialect != Dialect::Rss && named(e, "summary"))
                || e.is(ITUNES, "summary")
                || e.is(DC, "description")
        })
        .chain(
            inside
                .iter()
                .copied()
                .filter(|e| e.is(MEDIA, "description")),
        )
        .chain(inside.iter().copied().filter(|e| e.is(XHTML, "body")));
    let mut order: Vec<(u8, &Element)> = summaries
        .map(|e| {
            let rank = if named(e, "description") || e.ns == ATOM || e.ns == ATOM_03 {
                0
            } else if e.ns == ITUNES {
                1
            } else if e.ns == DC {
                2
            } else if e.ns == MEDIA {
                3
            } else {
                4
            };
            (rank, e)
        })
        .collect();
    order.sort_by_key(|(rank, _)| *rank);
    for (_, e) in order {
        if doc.text(e).trim().is_empty() && !has_elements(doc, e) {
            continue;
        }
        let read = if e.ns == XHTML {
            read_fragment(&doc.inner_markup(e), base)
        } else if e.ns == ATOM || e.ns == ATOM_03 {
            match atom_text(doc, e, dialect, base) {
                Some(read) => read,
                None => continue,
            }
        } else if e.ns == MEDIA && e.attr("type").is_none_or(|t| t != "html") {
            (text_paragraphs(&doc.text(e)), None)
        } else {
            html_or_text(&doc.text(e), base)
        };
        if !read.0.is_empty() {
            return read;
        }
    }
    (Vec::new(), None)
}

fn has_elements(doc: &Document, e: &Element) -> bool {
    doc.children(e).next().is_some()
}

/// Text that may be HTML (an RSS description): HTML when it has markup or references.
fn html_or_text(text: &str, base: Option<&str>) -> (Vec<Block>, Option<Date>) {
    if text.contains('<') || text.contains('&') {
        read_fragment(text, base)
    } else {
        (text_paragraphs(text), None)
    }
}

/// An Atom text construct (`content`, `summary`) as its `type` (and Atom 0.3's `mode`)
/// says: text as written, HTML, inline XHTML, or base64 decoded first; `None` for content
/// that is elsewhere (`src`).
fn atom_text(
    doc: &Document,
    e: &Element,
    dialect: Dialect,
    base: Option<&str>,
) -> Option<(Vec<Block>, Option<Date>)> {
    if e.attr("src").is_some() && doc.text(e).trim().is_empty() {
        return None;
    }
    let kind = e.attr("type").map(|t| t.trim().to_ascii_lowercase());
    let mode = e.attr("mode").map(|m| m.trim().to_ascii_lowercase());
    let text = doc.text(e);
    let as_type = |text: &str, kind: Option<&str>| match kind {
        Some("html" | "text/html") => read_fragment(text, base),
        Some("text" | "text/plain") | None => (text_paragraphs(text), None),
        Some(_) => html_or_text(text, base),
    };
    if dialect == Dialect::Atom03 || mode.is_some() {
        return Some(match mode.as_deref() {
            Some("escaped") => read_fragment(&text, base),
            Some("base64") => as_type(&base64_text(&text)?, kind.as_deref()),
            _ if has_elements(doc, e) => read_fragment(&doc.inner_markup(e), base),
            _ => as_type(&text, kind.as_deref().or(Some("text/plain"))),
        });
    }
    Some(match kind.as_deref() {
        None | Some("text" | "text/plain") => (text_paragraphs(&text), None),
        Some("html" | "text/html") => read_fragment(&text, base),
        Some(k) if k == "xhtml" || k.ends_with("+xml") || k.ends_with("/xml") => {
            read_fragment(&doc.inner_markup(e), base)
        }
        Some(k) if k.starts_with("text/") => (text_paragraphs(&text), None),
        // Any other media type is base64.
        Some(_) => (text_paragraphs(&base64_text(&text)?), None),
    })
}

/// Base64 (whitespace allowed) decoded, as text; `None` when it is not.
fn base64_text(text: &str) -> Option<String> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for b in text.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            b if b.is_ascii_whitespace() => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(crate::model::decode::utf8_or_legacy(out))
}

/// The `alternate` link (else the first), else a `guid` that is a permalink; resolved
/// against `xml:base` and the feed's own address.
fn link(doc: &Document, kids: &[&Element]) -> Option<String> {
    let links: Vec<&&Element> = kids.iter().filter(|e| named(e, "link")).collect();
    let href = |e: &Element| -> Option<String> {
        match e.attr("href") {
            Some(h) => Some(xml::resolve_url(e.base.as_deref(), h)),
            None => {
                let text = doc.text(e);
                let text = text.trim();
                (!text.is_empty()).then(|| xml::resolve_url(e.base.as_deref(), text))
            }
        }
    };
    let alternate = links
        .iter()
        .find(|e| {
            e.attr("rel")
                .is_none_or(|r| r.eq_ignore_ascii_case("alternate"))
        })
        .and_then(|e| href(e));
    alternate
        .or_else(|| links.iter().find_map(|e| href(e)))
        .or_else(|| {
            kids.iter()
                .find(|e| named(e, "guid"))
                .filter(|g| {
                    g.attr("isPermaLink")
                        .is_none_or(|p| !p.eq_ignore_ascii_case("false"))
                })
                .and_then(|g| href(g))
        })
        .and_then(|url| super::clean_url(&url))
}

/// When it was published (else updated): `pubDate`, `published`, Atom 0.3's `issued` and
/// `created`, `dc:date`, `dcterms:*`; then `updated`, `modified`.
fn date(doc: &Document, kids: &[&Element]) -> Option<Date> {
    const FIRST: [&str; 6] = [
        "pubdate",
        "published",
        "issued",
        "created",
        "date",
        "available",
    ];
    const THEN: [&str; 3] = ["updated", "modified", "lastbuilddate"];
    let dated = |e: &&Element, names: &[&str]| {
        let name = e.name.to_ascii_lowercase();
        names.contains(&name.as_str())
            && matches!(
                e.ns.as_str(),
                "" | ATOM | ATOM_03 | RSS_10 | RSS_090 | DC | DCTERMS
            )
    };
    let stamp = |names: &[&str]| {
        kids.iter()
            .filter(|e| dated(e, names))
            .find_map(|e| feed_date(&doc.text(e)))
    };
    stamp(&FIRST).or_else(|| stamp(&THEN))
}

/// A headline for an item without a title: the first words of its text.
fn first_words(blocks: &[Block]) -> Option<String> {
    let text = blocks.first()?.text();
    let mut out = String::new();
    for word in text.split(' ') {
        if out.chars().count() + word.chars().count() > 70 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests;
