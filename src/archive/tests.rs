//! The archive on real SQLite files in a temporary directory.

use super::*;
use crate::model::{parse_str, Date};

/// A fresh archive file in a directory of its own.
fn archive(name: &str) -> (Archive, PathBuf) {
    let dir = std::env::temp_dir().join(format!("bulletin-archive-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("data").join("archive.sqlite3");
    (Archive::open(&path).unwrap(), path)
}

fn day(d: u8) -> Date {
    Date::new(2025, 12, d).unwrap()
}

const TWO_DAYS: &str = "• KGS/USD = 0.01144 0%\n• KZT/USD = 0.00196 -0%\n08 December 2025\n\n\
    Drop in Uzbekistan’s Gold Sales\n\nIn April, Uzbekistan’s sales of gold dropped.\n\n\
    What the figures say\n\nMore gold.\n\n09 December 2025\n\nKyrgyzstan and Switzerland Agree\n\n\
    The two countries signed a café agreement.\n";

#[test]
fn a_new_file_gets_the_schema_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let (a, path) = archive("new");
    let version: i64 = a
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version as usize, schema::VERSION);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let wal: String = a
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(wal, "wal");
    drop(a);
    // Opened again: nothing to migrate, same version.
    Archive::open(&path).unwrap();
}

#[test]
fn stories_go_under_their_own_day_and_rates_under_the_bulletins() {
    let (mut a, _) = archive("days");
    let b = parse_str(TWO_DAYS);
    let s = a.import(&b, "two.txt", day(31)).unwrap();
    assert_eq!((s.days, s.stories, s.rates), (2, 2, 2));
    let days = a.days().unwrap();
    let listed: Vec<(Date, usize, usize, usize)> = days
        .iter()
        .map(|d| (d.date, d.stories, d.unread, d.rates))
        .collect();
    assert_eq!(
        listed,
        [(day(9), 1, 1, 0), (day(8), 1, 1, 2)],
        "newest first"
    );
    let eighth = a.day(day(8)).unwrap().unwrap();
    assert_eq!(eighth.bulletin.articles.len(), 1);
    assert_eq!(
        eighth.bulletin.articles[0].blocks, b.articles[0].blocks,
        "blocks kept as they were"
    );
    assert_eq!(
        eighth.bulletin.rates, b.rates,
        "rates in their order, figures as written"
    );
    assert_eq!(eighth.stories[0].source.as_deref(), Some("two.txt"));
    assert!(a.day(day(9)).unwrap().unwrap().bulletin.rates.is_empty());
    assert_eq!(a.day(day(7)).unwrap(), None);
    assert_eq!(a.latest_day().unwrap(), Some(day(9)));
    assert_eq!(a.next_day(day(9), false).unwrap(), Some(day(8)));
    assert_eq!(a.next_day(day(9), true).unwrap(), None);
}

#[test]
fn importing_again_changes_nothing_and_changed_text_or_figures_are_updated() {
    let (mut a, _) = archive("again");
    let b = parse_str(TWO_DAYS);
    a.import(&b, "two.txt", day(31)).unwrap();
    let again = a.import(&b, "two.txt", day(31)).unwrap();
    assert!(again.unchanged(), "{again:?}");
    let changed = TWO_DAYS
        .replace("0.00196 -0%", "0.00197 +1%")
        .replace("dropped.", "dropped sharply.");
    let s = a
        .import(&parse_str(&changed), "later.txt", day(31))
        .unwrap();
    assert_eq!(
        (s.updated_stories, s.updated_rates, s.stories, s.days),
        (1, 1, 0, 0)
    );
    let eighth = a.day(day(8)).unwrap().unwrap();
    assert!(eighth.bulletin.articles[0].blocks[0]
        .text()
        .ends_with("sharply."));
    assert_eq!(eighth.bulletin.rates[1].value, "0.00197");
    assert_eq!(eighth.stories[0].source.as_deref(), Some("later.txt"));
    assert_eq!(a.days().unwrap().len(), 2);
}

#[test]
fn a_bulletin_without_dates_goes_under_the_day_given() {
    let (mut a, _) = archive("undated");
    a.import(
        &parse_str("KGS/USD = 1 0%\nA Headline Here\n\nText.\n"),
        "x",
        day(3),
    )
    .unwrap();
    let d = a.day(day(3)).unwrap().unwrap();
    assert_eq!((d.bulletin.articles.len(), d.bulletin.rates.len()), (1, 1));
}

#[test]
fn a_date_before_1990_or_after_tomorrow_is_not_a_date() {
    let (mut a, _) = archive("implausible");
    let today = day(3);
    let text = "01 January 1970\n\nEpoch Story Here\n\nText.\n\n\
                09 December 2099\n\nFuture Story Here\n\nText.\n\n\
                04 December 2025\n\nTomorrow Story Here\n\nText.\n";
    a.import(&parse_str(text), "x", today).unwrap();
    let days: Vec<Date> = a.days().unwrap().iter().map(|d| d.date).collect();
    assert_eq!(days, vec![day(4), today], "no 1970, no 2099");
    let headlines = |d: Date| -> Vec<String> {
        a.day(d)
            .unwrap()
            .unwrap()
            .bulletin
            .articles
            .iter()
            .map(|a| a.headline.clone())
            .collect()
    };
    assert_eq!(
        headlines(today),
        vec!["Epoch Story Here", "Future Story Here"]
    );
    assert_eq!(headlines(day(4)), vec!["Tomorrow Story Here"]);
}

#[test]
fn the_change_from_the_previous_day_is_computed_in_percent_to_two_decimals() {
    let (mut a, _) = archive("rates");
    for (d, value, change) in [
        (1, "200.00", "0%"),
        (2, "199.00", "-0%"),
        (4, "1,000.5", "+402%"),
    ] {
        let text = format!(
            "{:02} December 2025\nKZT/USD = {value} {change}\nUZS/USD = 1 0%\n",
            d
        );
        a.import(&parse_str(&text), "r", day(31)).unwrap();
    }
    let all = a.history(&["KZT/USD".into()], None, None).unwrap();
    let points: Vec<(Date, &str, Option<&str>, Option<&str>)> = all[0]
        .days
        .iter()
        .map(|p| {
            (
                p.date,
                p.value.as_str(),
                p.change.as_deref(),
                p.change_from_previous.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        points,
        [
            (day(1), "200.00", Some("0%"), None),
            (day(2), "199.00", Some("-0%"), Some("-0.50")),
            (day(4), "1,000.5", Some("+402%"), Some("402.76")),
        ]
    );
    // A range keeps the change from the day before it.
    let from_2 = a
        .history(&["KZT/USD".into()], Some(day(2)), Some(day(3)))
        .unwrap();
    assert_eq!(from_2[0].days.len(), 1);
    assert_eq!(
        from_2[0].days[0].change_from_previous.as_deref(),
        Some("-0.50")
    );
    let every = a.history(&[], None, None).unwrap();
    let names: Vec<&str> = every.iter().map(|p| p.pair.as_str()).collect();
    assert_eq!(names, ["KZT/USD", "UZS/USD"]);
    assert_eq!(
        every[1].days[1].change_from_previous.as_deref(),
        Some("0.00")
    );
}

#[test]
fn search_folds_case_diacritics_and_quotes_ranks_and_takes_the_last_word_as_a_prefix() {
    let (mut a, _) = archive("search");
    a.import(&parse_str(TWO_DAYS), "two.txt", day(31)).unwrap();
    let found = a.search("UZBEKISTAN'S GOLD", 10).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].headline, "Drop in Uzbekistan’s Gold Sales");
    let (s, e) = found[0].matches[0];
    assert!(
        found[0].snippet[s..e]
            .to_lowercase()
            .starts_with("uzbekistan"),
        "{:?}",
        found[0]
    );
    assert_eq!(a.search("cafe", 10).unwrap().len(), 1, "diacritics folded");
    assert_eq!(
        a.search("switz", 10).unwrap().len(),
        1,
        "the last word is a prefix"
    );
    assert!(
        a.search("switz agree nothing", 10).unwrap().is_empty(),
        "every word counts"
    );
    assert!(
        a.search("\" OR * NEAR(", 10).unwrap().is_empty(),
        "no FTS syntax from the user"
    );
    assert!(a.search("", 10).unwrap().is_empty());
    // A headline match ranks above a match in the text alone.
    a.import(
        &parse_str("10 December 2025\n\nGold Reserves Rise\n\nCentral banks buy.\n"),
        "x",
        day(1),
    )
    .unwrap();
    let found = a.search("gold", 10).unwrap();
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|f| f.headline.contains("Gold")));
}

#[test]
fn read_state_the_next_unread_story_and_places() {
    let (mut a, _) = archive("read");
    a.import(&parse_str(TWO_DAYS), "two.txt", day(31)).unwrap();
    let first = a.day(day(8)).unwrap().unwrap().stories[0].id;
    let second = a.day(day(9)).unwrap().unwrap().stories[0].id;
    assert_eq!(
        a.next_unread(None).unwrap(),
        Some((day(9), second)),
        "the latest day first"
    );
    assert_eq!(
        a.next_unread(Some(first)).unwrap(),
        Some((day(9), second)),
        "then later days"
    );
    a.set_read(second, true).unwrap();
    assert!(a.day(day(9)).unwrap().unwrap().stories[0].read);
    assert_eq!(a.days().unwrap()[0].unread, 0);
    assert_eq!(
        a.next_unread(Some(second)).unwrap(),
        Some((day(8), first)),
        "then the past"
    );
    assert_eq!(
        a.next_unread(Some(first)).unwrap(),
        Some((day(8), first)),
        "round to itself"
    );
    a.set_read(first, true).unwrap();
    assert_eq!(a.next_unread(Some(first)).unwrap(), None);
    a.save_place(day(8), Some(first), 12).unwrap();
    assert_eq!(a.place(day(8)).unwrap(), Some((Some(first), 12)));
    assert_eq!(a.last_day().unwrap(), Some(day(8)));
    a.save_place(day(9), Some(second), 0).unwrap();
    assert_eq!(a.last_day().unwrap(), Some(day(9)));
}

#[test]
fn a_file_that_is_not_an_archive_is_refused_saying_so() {
    let dir = std::env::temp_dir().join(format!("bulletin-archive-{}-bad", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("archive.sqlite3");
    std::fs::write(&path, vec![b'x'; 4096]).unwrap();
    let e = Archive::open(&path).err().unwrap();
    assert_eq!(e.path, path);
    assert!(e.reason.contains("damaged or not an archive"), "{e}");
}

#[test]
fn a_newer_archive_is_not_written_to() {
    let (a, path) = archive("newer");
    a.conn.pragma_update(None, "user_version", 99).unwrap();
    drop(a);
    let e = Archive::open(&path).err().unwrap();
    assert!(e.reason.contains("newer bulletin"), "{e}");
}

/// FTS5's own check of the index against the stories it indexes.
fn index_is_sound(a: &Archive) -> bool {
    a.conn
        .execute(
            "INSERT INTO stories_fts(stories_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .is_ok()
}

#[test]
fn a_batch_with_a_story_twice_indexes_the_later_text_only() {
    let (mut a, _) = archive("batch");
    let first = parse_str("08 December 2025\n\nGold Sales Fall\n\nThe camels were sold.\n");
    let again = parse_str("08 December 2025\n\nGold Sales Fall\n\nThe horses were sold.\n");
    let other = parse_str("09 December 2025\n\nRail Link Opens\n\nThe railway opened.\n");
    let summaries = a
        .import_many(&[(&first, "a"), (&again, "b"), (&other, "c")], day(31))
        .unwrap();
    assert_eq!(summaries.iter().map(|s| s.stories).sum::<usize>(), 2);
    assert_eq!(summaries[1].updated_stories, 1);
    assert!(index_is_sound(&a));
    assert!(
        a.search("camels", 10).unwrap().is_empty(),
        "the earlier text is gone"
    );
    assert_eq!(a.search("horses", 10).unwrap().len(), 1);
    assert_eq!(a.search("railway", 10).unwrap().len(), 1);
    // And again, one bulletin at a time, as the reader records a file.
    a.import(&first, "a", day(31)).unwrap();
    assert!(index_is_sound(&a));
    assert_eq!(a.search("camels", 10).unwrap().len(), 1);
    assert!(a.search("horses", 10).unwrap().is_empty());
}

#[test]
fn an_archive_of_the_first_schema_is_brought_up_to_date_and_keeps_its_index() {
    let (a, path) = archive("v1");
    drop(a);
    // Back to version 1, as the first release left it: the trigger that indexed each story.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP INDEX stories_by_day_read;
         ALTER TABLE sources DROP COLUMN etag;
         ALTER TABLE sources DROP COLUMN last_modified;
         DROP TABLE visitor_read;
         DROP TABLE visitor_places;
         DROP TABLE visitor_days;
         CREATE TRIGGER stories_added AFTER INSERT ON stories BEGIN
             INSERT INTO stories_fts(rowid, headline, text) VALUES (new.id, new.headline, new.text);
         END;
         INSERT INTO stories(date, position, headline, text, kinds)
             VALUES ('2025-12-08', 0, 'Gold Sales Fall', 'Camels.', 'P');
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    let mut a = Archive::open(&path).unwrap();
    assert_eq!(a.search("camels", 10).unwrap().len(), 1);
    a.import(&parse_str(TWO_DAYS), "two.txt", day(31)).unwrap();
    assert!(index_is_sound(&a));
    assert_eq!(a.search("camels", 10).unwrap().len(), 1);
    assert_eq!(a.search("cafe", 10).unwrap().len(), 1);
    let version: i64 = a
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version as usize, schema::VERSION);
}

#[test]
fn the_same_bulletin_again_from_the_same_source_writes_nothing() {
    let (mut a, path) = archive("same-again");
    let b = parse_str(TWO_DAYS);
    a.import(&b, "two.txt", day(31)).unwrap();
    let other = Archive::open(&path).unwrap();
    let seen = other.data_version().unwrap();
    let again = a.import(&b, "two.txt", day(31)).unwrap();
    assert!(again.unchanged());
    assert_eq!(
        other.data_version().unwrap(),
        seen,
        "checked by its digest: no write at all"
    );
    // Another bulletin recorded in between: recorded again in full, the later winning.
    a.import(
        &parse_str("08 December 2025\n\nOther Story Here\n\nText.\n"),
        "o",
        day(31),
    )
    .unwrap();
    let seen = other.data_version().unwrap();
    assert!(a.import(&b, "two.txt", day(31)).unwrap().unchanged());
    assert_ne!(
        other.data_version().unwrap(),
        seen,
        "compared story by story"
    );
}
