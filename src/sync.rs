//! Fetching sources into the archive: the one place where the network and the database
//! meet, used by `bulletin fetch` and by the reader's `R`.

use crate::archive::{Archive, Summary, Validators};
use crate::config::SourceConfig;
use crate::model::Date;
use crate::source::fetch::{self, Fetched};
use crate::source::{read_fetched, Source};
use std::time::Duration;

/// A source to fetch: the name the archive knows it by (the config's name, or the address
/// itself) and its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub name: String,
    pub url: String,
}

impl From<&SourceConfig> for Target {
    fn from(s: &SourceConfig) -> Target {
        Target {
            name: s.name.clone(),
            url: s.url.clone(),
        }
    }
}

/// What a fetch brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server said the copy held is current (a 304).
    NotModified,
    /// What the import added and changed (nothing, when the page is as it was).
    Added(Summary),
}

/// The targets named on a command line or asked for by the reader: addresses as they are,
/// names from the config; none named, every source of the config.
pub fn targets(names: &[String], sources: &[SourceConfig]) -> Result<Vec<Target>, String> {
    if names.is_empty() {
        return Ok(sources.iter().map(Target::from).collect());
    }
    names
        .iter()
        .map(|n| {
            if fetch::is_url(n) {
                Ok(Target {
                    name: n.clone(),
                    url: n.clone(),
                })
            } else {
                sources
                    .iter()
                    .find(|s| &s.name == n)
                    .map(Target::from)
                    .ok_or_else(|| {
                        let known: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
                        if known.is_empty() {
                            format!("no source is named `{n}`: the config has no [[source]]")
                        } else {
                            format!(
                                "no source is named `{n}`: the config's are {}",
                                known.join(", ")
                            )
                        }
                    })
            }
        })
        .collect()
}

/// Fetches one source into the archive: a conditional request with what the archive kept
/// of the last copy, the page or feed read and imported in one transaction, the new
/// validators kept once it is in. On any error the archive is as it was for that source.
pub fn fetch_into(
    archive: &mut Archive,
    target: &Target,
    timeout: Option<Duration>,
) -> Result<(Outcome, Option<String>), String> {
    let kept = archive.validators(&target.name).unwrap_or_default();
    let request = fetch::Request {
        url: &target.url,
        timeout,
        etag: kept.etag.as_deref(),
        last_modified: kept.last_modified.as_deref(),
    };
    let page = match fetch::fetch(&request).map_err(|e| e.to_string())? {
        Fetched::NotModified => return Ok((Outcome::NotModified, None)),
        Fetched::Body(page) => page,
    };
    let validators = Validators {
        etag: page.etag.clone(),
        last_modified: page.last_modified.clone(),
    };
    let source = Source::Url(target.url.clone());
    let (bulletin, lenient) = crate::source::contain::contained(|| read_fetched(&source, page))
        .map_err(|e| format!("cannot read '{}': {e}", crate::source::escape(&target.url)))?
        .map_err(|e| e.to_string())?;
    let summary = archive
        .import(&bulletin, &target.name, Date::today())
        .map_err(|e| e.to_string())?;
    archive
        .set_validators(&target.name, &validators)
        .map_err(|e| e.to_string())?;
    Ok((Outcome::Added(summary), lenient))
}

/// A summary as one line: `added 1 day, 6 stories, 5 rates`, `nothing new`.
/// A source's line in a fetch's report: its name, what came, and what was read leniently.
pub fn report_line(name: &str, outcome: &Outcome, lenient: Option<&str>) -> String {
    let said = describe(outcome);
    match lenient {
        Some(note) => format!("{name}: {said}; {note}"),
        None => format!("{name}: {said}"),
    }
}

pub fn describe(outcome: &Outcome) -> String {
    match outcome {
        Outcome::NotModified => "not modified since the last fetch".to_owned(),
        Outcome::Added(s) if s.unchanged() => "nothing new".to_owned(),
        Outcome::Added(s) => s.added(),
    }
}
