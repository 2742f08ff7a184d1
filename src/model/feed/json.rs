//! JSON Feed 1.0 and 1.1: each item's title (else its text's first words), its
//! `content_html` (else `content_text`, else `summary`), its `url` (else `external_url`),
//! and its `date_published` (else `date_modified`).

use super::{bulletin_of, feed_date, first_words, xml::resolve_url};
use crate::model::html::{read_fragment, text_paragraphs, title_text};
use crate::model::{Article, Bulletin};
use serde_json::Value;

pub fn read(text: &str, base: Option<&str>) -> Result<Bulletin, String> {
    let feed: Value = serde_json::from_str(text).map_err(|e| format!("not a JSON Feed: {e}"))?;
    let items = feed
        .get("items")
        .and_then(Value::as_array)
        .ok_or_else(|| "not a JSON Feed: it has no \"items\"".to_owned())?;
    let base = feed
        .get("feed_url")
        .and_then(Value::as_str)
        .filter(|u| crate::model::clean_url(u).is_some())
        .or(base);
    let string = |item: &Value, key: &str| {
        item.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned)
    };
    let mut articles = Vec::with_capacity(items.len());
    for item in items {
        let (blocks, date_inside) = if let Some(html) = string(item, "content_html") {
            read_fragment(&html, base)
        } else if let Some(text) = string(item, "content_text").or_else(|| string(item, "summary"))
        {
            (text_paragraphs(&text), None)
        } else {
            (Vec::new(), None)
        };
        let Some(headline) = string(item, "title")
            .and_then(|t| title_text(&t))
            .or_else(|| first_words(&blocks))
        else {
            continue;
        };
        let url = string(item, "url")
            .or_else(|| string(item, "external_url"))
            .and_then(|u| crate::model::clean_url(&resolve_url(base, &u)));
        let date = string(item, "date_published")
            .or_else(|| string(item, "date_modified"))
            .and_then(|d| feed_date(&d));
        articles.push(Article {
            headline,
            date: date.or(date_inside),
            blocks,
            url,
        });
    }
    Ok(bulletin_of(articles))
}
