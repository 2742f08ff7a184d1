//! The archive from the command line, as a user meets it: `import`, `days`, `rates`,
//! `search`, `--day`, recording the files opened; a damaged archive or data folder; an
//! import killed half-way; imports and a reader at once. Every test has a home of its own
//! in a scratch directory, with a real SQLite file in it.

mod support;

use std::path::PathBuf;
use std::process::Stdio;

use support::home::Home;

/// What these tests ask of their home.
impl Home {
    fn archive(&self) -> PathBuf {
        self.data().join("bulletin").join("archive.sqlite3")
    }

    /// Runs the binary; standard output, and the exit code.
    fn run(&self, args: &[&str]) -> (String, String, i32) {
        let out = self.cmd().args(args).output().unwrap();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
            out.status.code().unwrap_or(-1),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (out, err, code) = self.run(args);
        assert_eq!(code, 0, "bulletin {args:?}: {err}");
        out
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Writes a bulletin file; its path.
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.files.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// A bulletin of one day: its rates (repeated, as the ticker does), its date line, stories.
fn bulletin(date: &str, rates: &[(&str, &str, &str)], stories: &[(&str, &str)]) -> String {
    let mut text = String::new();
    for _ in 0..3 {
        for (pair, value, change) in rates {
            text.push_str(&format!("  • {pair} = {value} {change}\n"));
        }
    }
    text.push_str(&format!("\n{date}\n\n"));
    for (headline, body) in stories {
        text.push_str(&format!("{headline}\n\n{body}\n\n"));
    }
    text
}

/// Three days of a bulletin: 08, 09 and 10 December 2025.
fn three_days(home: &Home) -> Vec<PathBuf> {
    vec![
        home.write(
            "dec/08.txt",
            &bulletin(
                "08 December 2025",
                &[
                    ("KZT/USD", "0.00196", "-0%"),
                    ("USD/UZS", "12,050.00", "+0.1%"),
                ],
                &[
                    (
                        "Drop in Uzbekistan’s Gold Sales",
                        "In April, sales of gold dropped.",
                    ),
                    (
                        "New Railway Opens in the South",
                        "The railway opened on Monday.",
                    ),
                ],
            ),
        ),
        home.write(
            "dec/09.txt",
            &bulletin(
                "09 December 2025",
                &[
                    ("KZT/USD", "0.00195", "-0.51%"),
                    ("USD/UZS", "12,100.00", "+0.41%"),
                ],
                &[
                    (
                        "Gold Reserves Reach a Record",
                        "The central bank’s gold reserves grew.",
                    ),
                    (
                        "Cotton Harvest Ends Early",
                        "The harvest ended two weeks early.",
                    ),
                ],
            ),
        ),
        home.write(
            "dec/sub/10.txt",
            &bulletin(
                "10 December 2025",
                &[("KZT/USD", "0.00197", "+1%")],
                &[(
                    "Café Owners Meet the Mayor",
                    "Owners of cafés met the mayor.",
                )],
            ),
        ),
    ]
}

#[test]
fn import_reads_folders_recursively_says_what_it_added_and_again_that_nothing_changed() {
    let home = Home::new("import");
    three_days(&home);
    let folder = home.files.join("dec");
    let out = home.ok(&["import", folder.to_str().unwrap()]);
    assert_eq!(out, "added 3 days, 5 stories, 5 rates\n");
    let out = home.ok(&["import", folder.to_str().unwrap()]);
    assert_eq!(out, "added 0 days, 0 stories, 0 rates; 3 unchanged\n");
    // The archive is its owner's alone.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(home.archive())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn a_story_or_rate_that_comes_again_changed_is_updated_and_said() {
    let home = Home::new("update");
    let files = three_days(&home);
    home.ok(&["import", files[0].to_str().unwrap()]);
    let changed = bulletin(
        "08 December 2025",
        &[
            ("KZT/USD", "0.00199", "+1%"),
            ("USD/UZS", "12,050.00", "+0.1%"),
        ],
        &[(
            "Drop in Uzbekistan’s Gold Sales",
            "In May, sales of gold dropped again.",
        )],
    );
    let path = home.write("08-again.txt", &changed);
    let out = home.ok(&["import", path.to_str().unwrap()]);
    assert_eq!(out, "added 0 days, 0 stories, 0 rates; 2 updated\n");
    let found = home.json(&["search", "may", "--json"]);
    assert_eq!(found[0]["headline"], "Drop in Uzbekistan’s Gold Sales");
    let rates = home.json(&["rates", "KZT/USD", "--json"]);
    assert_eq!(rates[0]["days"][0]["value"], "0.00199", "the later wins");
}

#[test]
fn what_is_not_a_bulletin_is_refused_by_name_after_the_rest_is_imported() {
    let home = Home::new("refused");
    let files = three_days(&home);
    let png = home.files.join("x.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let missing = home.files.join("missing.txt");
    let (out, err, code) = home.run(&[
        "import",
        files[0].to_str().unwrap(),
        png.to_str().unwrap(),
        missing.to_str().unwrap(),
        files[1].to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.starts_with("added 2 days, 4 stories, 4 rates; 2 refused: "),
        "{out}"
    );
    assert!(out.contains("x.png"), "{out}");
    assert!(out.contains("missing.txt"), "{out}");
    assert_eq!(home.json(&["days", "--json"]).as_array().unwrap().len(), 2);
}

#[test]
fn days_lists_newest_first_with_stories_unread_and_rates() {
    let home = Home::new("days");
    let (out, _, code) = home.run(&["days"]);
    assert_eq!(code, 0);
    assert!(out.contains("empty"), "an empty archive says so: {out}");
    three_days(&home);
    home.ok(&["import", home.files.to_str().unwrap()]);
    let out = home.ok(&["days"]);
    assert_eq!(
        out,
        "date        stories  unread  rates\n\
         2025-12-10        1       1      1\n\
         2025-12-09        2       2      2\n\
         2025-12-08        2       2      2\n"
    );
    let json = home.json(&["days", "--json"]);
    assert_eq!(
        json[0],
        serde_json::json!({"date": "2025-12-10", "stories": 1, "unread": 1, "rates": 1})
    );
}

#[test]
fn rates_give_each_pairs_history_with_the_change_computed_from_the_day_before() {
    let home = Home::new("rates");
    three_days(&home);
    home.ok(&["import", home.files.to_str().unwrap()]);
    let json = home.json(&["rates", "kzt/usd", "--json"]);
    let days = &json[0]["days"];
    assert_eq!(json[0]["pair"], "KZT/USD");
    assert_eq!(days[0]["value"], "0.00196");
    assert_eq!(days[0]["change_from_previous"], serde_json::Value::Null);
    assert_eq!(days[1]["change"], "-0.51%");
    assert_eq!(
        days[1]["change_from_previous"], "-0.51",
        "(0.00195 - 0.00196) / 0.00196"
    );
    assert_eq!(days[2]["change_from_previous"], "1.03");
    let csv = home.ok(&["rates", "USD/UZS", "--csv", "--from", "2025-12-09"]);
    assert_eq!(
        csv,
        "pair,date,value,change,change_from_previous\n\
         USD/UZS,2025-12-09,\"12,100.00\",+0.41%,0.41\n"
    );
    let text = home.ok(&["rates", "--to", "2025-12-08"]);
    assert!(
        text.starts_with("pair, date         value  as written    computed\n"),
        "a header row: {text}"
    );
    assert!(text.contains("KZT/USD\n  2025-12-08"), "{text}");
    // A pair the archive does not hold is named, with the pairs it does hold.
    let (out, err, code) = home.run(&["rates", "XXX/USD"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "bulletin: the archive holds no rate of XXX/USD: its pairs are KZT/USD, USD/UZS\n"
    );
    let (_, err, code) = home.run(&["rates", "--from", "yesterday"]);
    assert_eq!(
        (code, err.trim()),
        (1, "bulletin: 'yesterday' is not a date (YYYY-MM-DD)")
    );
}

#[test]
fn search_finds_across_days_best_first_folding_case_diacritics_and_quotes() {
    let home = Home::new("search");
    three_days(&home);
    home.ok(&["import", home.files.to_str().unwrap()]);
    let json = home.json(&["search", "GOLD", "--json"]);
    let headlines: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["headline"].as_str().unwrap())
        .collect();
    assert_eq!(headlines.len(), 2);
    assert!(headlines.contains(&"Gold Reserves Reach a Record"));
    assert_eq!(
        home.json(&["search", "cafe", "--json"])[0]["date"],
        "2025-12-10"
    );
    assert_eq!(
        home.json(&["search", "bank's", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        home.json(&["search", "railw", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1,
        "a prefix"
    );
    assert_eq!(
        home.json(&["search", "gold", "--limit", "1", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let text = home.ok(&["search", "harvest"]);
    assert!(
        text.starts_with("2025-12-09  Cotton Harvest Ends Early\n"),
        "{text}"
    );
    let (out, _, code) = home.run(&["search", "zebra"]);
    assert_eq!(code, 0);
    assert!(out.contains("No story matches"), "{out}");
}

#[test]
fn a_day_of_the_archive_prints_as_a_file_does_and_latest_is_the_newest() {
    let home = Home::new("day");
    let files = three_days(&home);
    home.ok(&["import", home.files.to_str().unwrap()]);
    let from_file = home.json(&["--json", "--no-archive", files[1].to_str().unwrap()]);
    let from_day = home.json(&["--day", "2025-12-09", "--json"]);
    assert_eq!(from_day["articles"], from_file["articles"]);
    assert_eq!(from_day["rates"], from_file["rates"]);
    let plain = home.ok(&["--day", "latest", "--plain"]);
    assert!(plain.starts_with("10 December 2025\n"), "{plain}");
    let (_, err, code) = home.run(&["--day", "2025-01-01"]);
    assert_eq!(
        (code, err.trim()),
        (1, "bulletin: the archive has nothing of 01 January 2025")
    );
}

/// The reader on `args` in a pty, in this home, quit as soon as it shows its day.
fn read_and_quit(home: &Home, args: &[&str]) {
    let env = home.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut all = vec!["--ticker", "static"];
    all.extend_from_slice(args);
    let mut s = support::pty::Session::start_with(&all, 100, 30, &env);
    s.wait_for("2025 ·");
    s.keys("q");
    assert_eq!(s.exit_within(support::pty::WAIT), 0);
}

#[test]
fn a_file_read_is_recorded_unless_asked_not_to_but_printing_and_the_sample_never() {
    let home = Home::new("record");
    let files = three_days(&home);
    let first = files[0].to_str().unwrap();
    // A print is not a visit: neither --json, --plain nor a pipe records.
    home.ok(&["--plain", first]);
    home.ok(&["--json", first]);
    home.ok(&[first]);
    assert!(!home.archive().exists(), "printing writes nothing");
    read_and_quit(&home, &["--no-archive", first]);
    assert!(!home.archive().exists(), "--no-archive writes nothing");
    read_and_quit(&home, &[]);
    read_and_quit(&home, &["--sample"]);
    assert!(!home.archive().exists(), "the sample is never recorded");
    // The reader records what it opens.
    read_and_quit(&home, &[first]);
    let days = home.json(&["days", "--json"]);
    assert_eq!(days.as_array().unwrap().len(), 1);
    // With no FILE, the archive's day, not the sample.
    let plain = home.ok(&["--plain"]);
    assert!(plain.starts_with("08 December 2025\nKZT/USD"), "{plain}");
    let plain = home.ok(&["--plain", "--sample"]);
    assert!(plain.contains("China Seeks to Import"), "{plain}");
    // The config can turn recording off.
    let config = home.dirs[0].1.join("bulletin");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[archive]\nrecord = false\n").unwrap();
    read_and_quit(&home, &[files[1].to_str().unwrap()]);
    assert_eq!(home.json(&["days", "--json"]).as_array().unwrap().len(), 1);
}

#[test]
fn a_damaged_archive_is_named_by_the_commands_and_the_file_still_opens() {
    let home = Home::new("damaged");
    let files = three_days(&home);
    std::fs::create_dir_all(home.archive().parent().unwrap()).unwrap();
    std::fs::write(
        home.archive(),
        "this is not a database, it is a shopping list\n".repeat(200),
    )
    .unwrap();
    let name = home.archive().display().to_string();
    for args in [
        vec!["days"],
        vec!["import", files[0].to_str().unwrap()],
        vec!["search", "gold"],
        vec!["rates"],
        vec!["--day", "latest"],
    ] {
        let (out, err, code) = home.run(&args);
        assert_eq!(code, 1, "{args:?}");
        assert!(out.is_empty());
        assert!(err.starts_with("bulletin: "), "{err}");
        assert!(err.contains(&name), "{args:?}: {err}");
        assert!(err.contains("damaged or not an archive"), "{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
    }
    // A file prints anyway: printing needs no archive, so says nothing of it.
    let (out, err, code) = home.run(&["--plain", files[0].to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("08 December 2025\n"));
    assert!(err.is_empty(), "{err}");
    let (out, _, code) = home.run(&["--plain"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("China Seeks to Import"),
        "no archive to read: the sample"
    );
    // Nothing was written over it.
    assert!(std::fs::read_to_string(home.archive())
        .unwrap()
        .starts_with("this is not"));
}

#[test]
fn a_data_folder_that_cannot_be_written_leaves_the_file_readable() {
    let home = Home::new("readonly");
    let files = three_days(&home);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(home.data(), std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::create_dir(home.data().join("probe")).is_ok() {
        // Root writes anywhere: nothing to see here.
        std::fs::set_permissions(home.data(), std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let (out, err, code) = home.run(&["--plain", files[0].to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("08 December 2025\n"));
    assert!(err.contains("archive"), "{err}");
    let (_, err, code) = home.run(&["import", files[0].to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("archive.sqlite3"), "{err}");
    std::fs::set_permissions(home.data(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Many days of bulletins written to a folder, for the tests that need a large import.
fn many_days(home: &Home, days: usize) -> PathBuf {
    let dir = home.files.join("many");
    std::fs::create_dir_all(&dir).unwrap();
    let start = bulletin::Date::new(2020, 1, 1).unwrap();
    let paragraph = "The council met the delegation and the ministry reported growth. ".repeat(20);
    for n in 0..days {
        let date = start.plus_days(n as i64).unwrap();
        let stories: Vec<(String, String)> = (0..6)
            .map(|s| (format!("Story {s} of Day {n} Is Told"), paragraph.clone()))
            .collect();
        let stories: Vec<(&str, &str)> = stories
            .iter()
            .map(|(h, b)| (h.as_str(), b.as_str()))
            .collect();
        let value = format!("{:.5}", 0.002 + n as f64 * 0.000_001);
        let text = bulletin(&date.long(), &[("KZT/USD", &value, "0%")], &stories);
        std::fs::write(dir.join(format!("{date}.txt")), text).unwrap();
    }
    dir
}

#[test]
fn an_import_killed_half_way_leaves_an_archive_that_opens_with_whole_days_only() {
    let home = Home::new("killed");
    let dir = many_days(&home, 1500);
    let mut child = home
        .std_cmd()
        .args(["import", dir.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed once some days are in, well before the end.
    let started = std::time::Instant::now();
    loop {
        let (out, _, _) = home.run(&["days", "--json"]);
        if serde_json::from_str::<serde_json::Value>(&out)
            .is_ok_and(|d| d.as_array().is_some_and(|d| !d.is_empty()))
        {
            break;
        }
        assert!(started.elapsed().as_secs() < 60, "the import never wrote");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before it was killed"
        );
    }
    support::signal(child.id(), libc::SIGKILL);
    child.wait().unwrap();
    let days = home.json(&["days", "--json"]);
    let days = days.as_array().unwrap();
    assert!(
        !days.is_empty() && days.len() < 1500,
        "killed half-way: {} days",
        days.len()
    );
    for day in days {
        assert_eq!(day["stories"], 6, "{day}");
        assert_eq!(day["rates"], 1, "{day}");
    }
    // And the import, run again, finishes the job.
    let out = home.ok(&["import", dir.to_str().unwrap()]);
    let left = bulletin::text::wrap::thousands(1500 - days.len());
    assert!(out.starts_with(&format!("added {left} days")), "{out}");
    assert_eq!(
        home.json(&["days", "--json"]).as_array().unwrap().len(),
        1500
    );
}

#[test]
fn two_imports_and_a_reader_at_once_lose_nothing() {
    let home = Home::new("together");
    let dir = many_days(&home, 300);
    let (first, second): (Vec<PathBuf>, Vec<PathBuf>) = {
        let mut all: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        all.sort();
        let (a, b) = all.split_at(150);
        (a.to_vec(), b.to_vec())
    };
    let import = |files: &[PathBuf]| {
        let mut cmd = home.std_cmd();
        cmd.arg("import")
            .args(files)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd.spawn().unwrap()
    };
    // The archive made first, so that both imports find it.
    home.ok(&["import", first[0].to_str().unwrap()]);
    let a = import(&first);
    let b = import(&second);
    // Meanwhile, a reader lists the days and opens files (each recorded: a write too).
    for i in 0..20 {
        let file = second[i * 7].to_str().unwrap();
        for args in [&["days", "--json"][..], &["--plain", file][..]] {
            let (_, err, code) = home.run(args);
            assert_eq!(code, 0, "{err}");
            assert!(err.is_empty(), "{args:?}: {err}");
        }
    }
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let days = home.json(&["days", "--json"]);
    assert_eq!(days.as_array().unwrap().len(), 300);
    let stories: u64 = days
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["stories"].as_u64().unwrap())
        .sum();
    assert_eq!(stories, 1800);
    assert_eq!(
        home.json(&["search", "Story 5 of Day 299", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_folder_holding_a_deeply_nested_page_is_imported_whole() {
    // One page of 100,000 nested <div> overflowed the stack: the import died and the
    // archive stayed empty.
    let home = Home::new("deep-import");
    three_days(&home);
    home.write(
        "dec/deep.html",
        &format!(
            "<html><body><article><h2>A Deep Page</h2><p>08 December 2025</p><p>Text.</p>{}\
             </article></body></html>",
            "<div>".repeat(100_000)
        ),
    );
    let out = home.ok(&["import", home.files.to_str().unwrap()]);
    assert!(out.starts_with("added 3 days, 6 stories"), "{out}");
    let found = home.ok(&["search", "deep", "page"]);
    assert!(found.contains("A Deep Page"), "{found}");
}

#[test]
fn an_archive_others_could_read_is_made_its_owners_when_opened_for_writing() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new("perms");
    let files = three_days(&home);
    home.ok(&["import", files[0].to_str().unwrap()]);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&home.archive()), 0o600);
    std::fs::set_permissions(home.archive(), std::fs::Permissions::from_mode(0o644)).unwrap();
    home.ok(&["import", files[1].to_str().unwrap()]);
    assert_eq!(mode(&home.archive()), 0o600, "stayed readable by others");
    std::fs::set_permissions(home.archive(), std::fs::Permissions::from_mode(0o666)).unwrap();
    home.ok(&["days"]);
    assert_eq!(mode(&home.archive()), 0o600);
}

#[test]
fn an_archive_in_a_folder_that_cannot_be_written_is_read_and_said_so_once() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new("read-only-folder");
    let files = three_days(&home);
    home.ok(&[
        "import",
        files[0].to_str().unwrap(),
        files[1].to_str().unwrap(),
    ]);
    let folder = home.archive().parent().unwrap().to_owned();
    // Root writes anywhere: the reading is then done as nobody, the archive made readable
    // to them; otherwise the folder is made read-only to its owner.
    let root = unsafe { libc::geteuid() } == 0;
    let run = |args: &[&str]| -> (String, String, i32) {
        let out = if root {
            std::fs::set_permissions(home.archive(), std::fs::Permissions::from_mode(0o644))
                .unwrap();
            let mut cmd = home.program("setpriv");
            cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(env!("CARGO_BIN_EXE_bulletin"))
                .args(args);
            cmd.output().unwrap()
        } else {
            home.cmd().args(args).output().unwrap()
        };
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
            out.status.code().unwrap_or(-1),
        )
    };
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let note = format!(
        "bulletin: archive '{}' cannot be written to: it is read as it is, and nothing is kept \
         (read state, places, bulletins)\n",
        home.archive().display()
    );
    let (out, err, code) = run(&["days"]);
    assert_eq!((code, err.as_str()), (0, note.as_str()));
    assert!(
        out.contains("2025-12-08") && out.contains("2025-12-09"),
        "{out}"
    );
    let (out, err, code) = run(&["--day", "latest", "--plain"]);
    assert_eq!((code, err.as_str()), (0, note.as_str()));
    assert!(out.starts_with("09 December 2025"), "{out}");
    let (out, _, code) = run(&["search", "gold"]);
    assert_eq!(code, 0);
    assert!(out.contains("Gold"), "{out}");
    // Writing is still refused, with the reason.
    let (_, err, code) = run(&["import", files[2].to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot be written to"), "{err}");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_data_folder_that_is_a_file_or_a_dangling_link_is_named_with_its_cause() {
    let home = Home::new("in-the-way");
    let files = three_days(&home);
    let folder = home.archive().parent().unwrap().to_owned();
    std::fs::write(&folder, "a file where the folder goes\n").unwrap();
    let (_, err, code) = home.run(&["import", files[0].to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "bulletin: archive '{}': its folder cannot be made: '{}' is a file, not a folder\n",
            home.archive().display(),
            folder.display()
        )
    );
    std::fs::remove_file(&folder).unwrap();
    std::fs::create_dir_all(&folder).unwrap();
    std::os::unix::fs::symlink("/nonexistent/archive.sqlite3", home.archive()).unwrap();
    let (_, err, code) = home.run(&["import", files[0].to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "bulletin: archive '{}': it is a symbolic link to '/nonexistent/archive.sqlite3', \
             which does not exist\n",
            home.archive().display()
        )
    );
}

#[test]
fn a_linked_folder_is_imported_once_and_a_link_loop_ends() {
    let home = Home::new("linked");
    three_days(&home);
    let outside = home.files.parent().unwrap().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        outside.join("10.txt"),
        bulletin("10 December 2025", &[], &[("Snow Falls", "It snowed.")]),
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, home.files.join("linked")).unwrap();
    // A loop: a link back up to the folder imported, and a second link to the same place.
    std::os::unix::fs::symlink(&home.files, home.files.join("dec/up")).unwrap();
    std::os::unix::fs::symlink(&outside, home.files.join("again")).unwrap();
    let (out, err, code) = home.run(&["import", home.files.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert_eq!(out, "added 3 days, 6 stories, 5 rates\n");
    let found = home.ok(&["search", "snowed"]);
    assert!(found.contains("Snow Falls"), "{found}");
}
