//! Day after day, as a user lives it, with the built binary in a pseudo-terminal: import a
//! few bulletins, read, quit, come back to the same place; a file that a daily job rewrites
//! under the open reader; another process importing while the reader is open. Every run
//! has its XDG directories in a scratch home of the test's own.

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use support::pty::Session;

use support::home::Home;

/// What these tests ask of their home.
trait Daily {
    fn reader(&self, args: &[&str], cols: u16, rows: u16) -> Session;
    fn run(&self, args: &[&str]) -> String;
    fn write(&self, name: &str, text: &str) -> PathBuf;
}

impl Daily for Home {
    /// The reader in a pty, the ticker still.
    fn reader(&self, args: &[&str], cols: u16, rows: u16) -> Session {
        let mut all = vec!["--ticker", "static"];
        all.extend_from_slice(args);
        let env = self.env();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Session::start_with(&all, cols, rows, &env)
    }

    /// The binary run to its end; its standard output.
    fn run(&self, args: &[&str]) -> String {
        let out = self.std_cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.files.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// A bulletin of a day with its stories (headline, text).
fn bulletin(date: &str, value: &str, stories: &[(&str, &str)]) -> String {
    let mut text = format!("  • KZT/USD = {value} 0%\n  • KZT/USD = {value} 0%\n\n{date}\n\n");
    for (headline, body) in stories {
        text.push_str(&format!("{headline}\n\n{body}\n\n"));
    }
    text
}

/// Replaces a file as daily jobs do: written aside, then renamed over it.
fn replace(path: &Path, text: &str) {
    let aside = path.with_extension("tmp");
    std::fs::write(&aside, text).unwrap();
    std::fs::rename(&aside, path).unwrap();
}

#[test]
fn a_new_user_imports_reads_quits_and_comes_back_to_the_same_place() {
    let home = Home::new("newuser");
    home.write(
        "2025-12-08.txt",
        &bulletin(
            "08 December 2025",
            "0.00196",
            &[
                ("Gold Sales Fall", "Gold fell."),
                ("Rail Link Opens", "A railway."),
            ],
        ),
    );
    home.write(
        "2025-12-09.txt",
        &bulletin(
            "09 December 2025",
            "0.00195",
            &[
                ("Gold Reserves Grow", "The bank bought gold."),
                (
                    "Cotton Harvest Ends Early",
                    "The harvest ended two weeks early.",
                ),
                ("Mayor Meets Café Owners", "They met."),
            ],
        ),
    );
    let out = home.run(&["import", home.files.to_str().unwrap()]);
    assert_eq!(out, "added 2 days, 5 stories, 2 rates\n");

    // `bulletin` alone: the latest day, its first story read on sight.
    let mut s = home.reader(&[], 100, 30);
    s.wait_for("09 Dec 2025 · 2 unread");
    s.wait_for("1/3 ·");
    s.keys("<");
    s.wait_for("08 Dec 2025 · 1 unread");
    s.keys(">");
    s.wait_for("09 Dec 2025");
    s.keys("j");
    s.wait_for("▶ Cotton Harvest Ends Early");
    s.wait_for("1 unread");
    // The reader's own writes to the archive wake nothing: it stays quiet.
    std::thread::sleep(Duration::from_millis(800));
    let before = s.bytes().len();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(s.bytes().len(), before, "an idle reader writes nothing");
    s.keys("q");
    assert_eq!(s.finish().0, 0);

    // What was read is in the archive.
    let days: serde_json::Value = serde_json::from_str(&home.run(&["days", "--json"])).unwrap();
    assert_eq!(days[0]["unread"], 1);

    // Back again: the same day and story.
    let mut s = home.reader(&[], 100, 30);
    s.wait_for("▶ Cotton Harvest Ends Early");
    s.wait_for("09 Dec 2025");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
}

#[test]
fn a_file_rewritten_under_the_reader_is_read_again_keeping_the_place() {
    let home = Home::new("reload");
    let first = bulletin(
        "08 December 2025",
        "0.00196",
        &[
            ("Gold Sales Fall", "Gold fell."),
            ("Rail Link Opens", "A railway opened."),
        ],
    );
    let file = home.write("today.txt", &first);
    let mut s = home.reader(&[file.to_str().unwrap()], 100, 30);
    s.wait_for("1/2 ·");
    s.keys("j");
    s.wait_for("▶ Rail Link Opens");
    // The daily job replaces the file with one more story, at the top.
    let second = bulletin(
        "08 December 2025",
        "0.00197",
        &[
            ("Breaking: Bridge Reopens", "The bridge reopened."),
            ("Gold Sales Fall", "Gold fell."),
            ("Rail Link Opens", "A railway opened."),
        ],
    );
    let written = Instant::now();
    replace(&file, &second);
    s.wait_for("1 new story");
    eprintln!(
        "reloaded {:?} after the file was replaced",
        written.elapsed()
    );
    s.wait_for("3/3 ·");
    assert!(
        s.screen().contains("▶ Rail Link Opens"),
        "the story kept:\n{}",
        s.screen()
    );
    assert!(s.screen().contains("0.00197"), "the new rate in the ticker");
    // Written in place too.
    let third = second.replace("The bridge reopened.", "The bridge reopened at noon.");
    std::fs::write(&file, &third).unwrap();
    s.wait_for("1 story updated");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
    // And recorded.
    let found: serde_json::Value =
        serde_json::from_str(&home.run(&["search", "noon", "--json"])).unwrap();
    assert_eq!(found[0]["headline"], "Breaking: Bridge Reopens");
}

#[test]
fn what_another_process_imports_shows_in_the_open_reader() {
    let home = Home::new("others");
    let day8 = home.write(
        "08.txt",
        &bulletin(
            "08 December 2025",
            "0.00196",
            &[("Gold Sales Fall", "Gold fell.")],
        ),
    );
    home.run(&["import", day8.to_str().unwrap()]);
    let mut s = home.reader(&[], 100, 30);
    s.wait_for("08 Dec 2025 · 1 story");
    // A story added to the day shown, by another process.
    let more = home.write(
        "08-more.txt",
        &bulletin(
            "08 December 2025",
            "0.00196",
            &[("Rail Link Opens", "A railway opened.")],
        ),
    );
    let imported = Instant::now();
    home.run(&["import", more.to_str().unwrap()]);
    s.wait_for("1/2 ·");
    eprintln!("shown {:?} after the import", imported.elapsed());
    assert!(s.screen().contains("1 new story"), "{}", s.screen());
    // A new day, while the list of days is open.
    s.keys("D");
    s.wait_for("Days · 1");
    let day9 = home.write(
        "09.txt",
        &bulletin(
            "09 December 2025",
            "0.00195",
            &[("Cotton Harvest Ends", "It ended.")],
        ),
    );
    home.run(&["import", day9.to_str().unwrap()]);
    s.wait_for("Days · 2");
    s.wait_for("09 December 2025");
    s.keys("q");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
    // Nothing of the new archive was lost when the reader let go of the old one.
    let days = home.run(&["days"]);
    assert!(days.contains("2025-12-09"), "{days}");
}

#[test]
fn a_damaged_archive_is_one_line_in_the_status_bar_and_the_file_still_opens() {
    let home = Home::new("damaged-reader");
    let data = home.data().to_path_buf();
    std::fs::create_dir_all(data.join("bulletin")).unwrap();
    std::fs::write(
        data.join("bulletin/archive.sqlite3"),
        "not a database\n".repeat(500),
    )
    .unwrap();
    let file = home.write(
        "today.txt",
        &bulletin(
            "08 December 2025",
            "0.00196",
            &[("Gold Sales Fall", "Gold fell.")],
        ),
    );
    let mut s = home.reader(&[file.to_str().unwrap()], 120, 30);
    s.wait_for("Gold fell.");
    s.wait_for("no archive: it is damaged or not an archive");
    // The archive's keys say there is none, and the reader goes on.
    s.keys("D");
    s.wait_for("no archive");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
}

#[test]
fn an_archive_deleted_and_made_again_shows_in_the_open_reader() {
    // The reader kept showing the deleted file's days.
    let home = Home::new("replaced");
    let day8 = home.write(
        "08.txt",
        &bulletin(
            "08 December 2025",
            "0.00196",
            &[("Gold Sales Fall", "Gold fell.")],
        ),
    );
    home.run(&["import", day8.to_str().unwrap()]);
    let mut s = home.reader(&[], 100, 30);
    s.wait_for("08 Dec 2025 · 1 story");
    // As a user does it: `rm archive.sqlite3*`, the log and its index with it.
    for entry in std::fs::read_dir(home.data().join("bulletin")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let day9 = home.write(
        "09.txt",
        &bulletin(
            "09 December 2025",
            "0.00195",
            &[("Cotton Harvest Ends", "It ended.")],
        ),
    );
    home.run(&["import", day9.to_str().unwrap()]);
    // The day shown is not in the new archive: said, and the days are the new file's.
    s.wait_for("the archive has nothing of 08 December 2025");
    s.keys("D");
    s.wait_for("Days · 1");
    s.wait_for("09 December 2025");
    s.keys("q");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
    // Nothing of the new archive was lost when the reader let go of the old one.
    let days = home.run(&["days"]);
    assert!(days.contains("2025-12-09"), "{days}");
}

#[test]
fn a_large_file_read_and_quit_at_once_is_recorded_whole() {
    // Recording runs beside the reader: a reader that quits before it ends gives the
    // terminal back, then waits for it, so nothing of the file is lost to the archive.
    let home = Home::new("large");
    let mut text = String::from("KZT/USD = 0.00196 0%\n08 December 2025\n\n");
    for i in 0..30_000 {
        text.push_str(&format!("Story Number {i}\n\nIts text, {i}.\n\n"));
    }
    let file = home.write("large.txt", &text);
    let mut s = home.reader(&[file.to_str().unwrap()], 100, 30);
    s.wait_for("▶ Story Number 0");
    s.keys("j");
    s.wait_for("▶ Story Number 1");
    s.keys("q");
    assert_eq!(s.finish().0, 0);
    let days = home.run(&["days"]);
    assert!(days.contains("2025-12-08    30000   "), "{days}");
}
