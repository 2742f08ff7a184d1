//! Reading a feed (RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed) into a bulletin: each item a
//! story, its title the headline, its full content (else its summary) read as an article's
//! body, its date the published date as written in its own time zone, its link the story's
//! address. Parsing is the `feed-rs` crate's; the texts then go through rule 1.

use super::date::Date;
use super::html::{date_as_written, read_fragment, text_paragraphs, title_text};
use super::{Article, Block, Bulletin};
use chrono::{DateTime, NaiveDate, Utc};

/// Reads a feed, or says why it is not one.
pub fn read_feed(bytes: &[u8], base: Option<&str>) -> Result<Bulletin, String> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base)
        .sanitize_content(false)
        // The date as written in its own zone: feed-rs turns every timestamp into UTC, which
        // moves an item published at 01:30 +05:00 to the day before.
        .timestamp_parser(|stamp| {
            let date = date_as_written(stamp)?;
            let naive = NaiveDate::from_ymd_opt(
                i32::from(date.year()),
                u32::from(date.month()),
                u32::from(date.day()),
            )?;
            Some(DateTime::<Utc>::from_naive_utc_and_offset(
                naive.and_hms_opt(0, 0, 0)?,
                Utc,
            ))
        })
        .build();
    // Nested deeper than a browser builds: flattened first, so that no walk of it recurses
    // without bound.
    let bytes = super::nesting::cap_nesting(bytes, super::nesting::Markup::Xml);
    let feed = parser.parse(&*bytes).map_err(|e| e.to_string())?;
    let mut articles = Vec::with_capacity(feed.entries.len());
    for entry in feed.entries {
        let written = entry.published.or(entry.updated).and_then(|t| {
            use chrono::Datelike;
            Date::new(t.year() as u16, t.month() as u8, t.day() as u8)
        });
        let (blocks, date_inside) = match (&entry.content, &entry.summary) {
            (Some(content), _)
                if content
                    .body
                    .as_deref()
                    .is_some_and(|b| !b.trim().is_empty()) =>
            {
                let body = content.body.as_deref().unwrap_or("");
                if content.content_type.to_string().starts_with("text/plain") {
                    (text_paragraphs(body), None)
                } else {
                    read_fragment(body, base)
                }
            }
            (_, Some(summary)) => {
                if summary.content_type.to_string().starts_with("text/plain")
                    && !summary.content.contains('<')
                {
                    (text_paragraphs(&summary.content), None)
                } else {
                    read_fragment(&summary.content, base)
                }
            }
            _ => (Vec::new(), None),
        };
        let headline = entry
            .title
            .as_ref()
            .and_then(|t| title_text(&t.content))
            .or_else(|| first_words(&blocks));
        let Some(headline) = headline else {
            continue;
        };
        let url = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .and_then(|l| super::clean_url(&l.href));
        articles.push(Article {
            headline,
            date: written.or(date_inside),
            blocks,
            url,
        });
    }
    Ok(Bulletin {
        date: articles.iter().filter_map(|a| a.date).max(),
        rates: Vec::new(),
        articles,
    })
}

/// A headline for an item without a title (JSON Feed allows it): the first words of its
/// text.
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
    Some(out)
}
