//! The command line as a user meets it: outputs, and a clear message with exit 1 for each
//! kind of bad input (exit 2 for a bad command line), never anything on standard output.

mod support;

use assert_cmd::Command;

const SAMPLE_JSON: &str = include_str!("fixtures/central-asia-2025-12-08.json");

/// The binary, in a UTF-8 locale, with its XDG directories in a scratch home (no test
/// reads or writes a real home) and no config named from outside.
fn bulletin() -> Command {
    support::home::Home::new("cli").cmd()
}

use support::scratch;

/// Runs the command and checks: exit code, exact standard error, empty standard output.
fn fails_with(cmd: &mut Command, code: i32, stderr: &str) {
    let out = cmd.output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), stderr);
    assert_eq!(out.status.code(), Some(code));
    assert!(
        out.stdout.is_empty(),
        "stdout: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn json_of_the_built_in_sample_is_the_expected_parse() {
    let out = bulletin().arg("--json").output().unwrap();
    assert!(out.status.success());
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let want: serde_json::Value = serde_json::from_str(SAMPLE_JSON).unwrap();
    assert_eq!(got, want);
}

#[test]
fn piped_output_is_plain_text_at_80_columns() {
    let out = bulletin().output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("08 December 2025\nKGS/USD 0.01144 ● 0%   KZT/USD 0.00196 ▼ -0%"));
    assert!(text.contains("\nChina Seeks to Import 20,000 Tons of Pork from Kazakhstan\n====="));
    assert!(text.contains("\nWhen Mom and Dad are the murderers\n-----"));
    assert!(text
        .lines()
        .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80));
    assert!(text
        .lines()
        .any(|l| unicode_width::UnicodeWidthStr::width(l) > 70));
}

#[test]
fn plain_wraps_at_the_width_asked_for() {
    let out = bulletin()
        .args(["--plain", "--width", "30"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text
        .lines()
        .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 30));
    assert!(
        text.contains("\nDrop in Uzbekistan’s Gold\nSales\n=========================\n"),
        "{text}"
    );
}

#[test]
fn ascii_direction_signs_outside_a_utf8_locale() {
    let out = bulletin().env("LANG", "C").arg("--plain").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("KZT/USD 0.00196 v -0%"), "{text}");
}

#[test]
fn standard_input_and_json_files_read_back_to_the_same_bulletin() {
    let sample = std::fs::read("assets/central-asia-2025-12-08.txt").unwrap();
    let from_stdin = bulletin()
        .args(["--json", "-"])
        .write_stdin(sample)
        .output()
        .unwrap();
    assert!(from_stdin.status.success());
    let dir = scratch("json-back");
    let json_path = dir.join("saved.txt"); // told apart by content, not by name
    std::fs::write(&json_path, &from_stdin.stdout).unwrap();
    let again = bulletin().arg("--json").arg(&json_path).output().unwrap();
    assert!(again.status.success());
    assert_eq!(again.stdout, from_stdin.stdout);
}

#[test]
fn empty_input_is_no_stories_not_an_error() {
    let out = bulletin()
        .args(["--plain", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(out.stdout, b"No stories in this bulletin.\n");
    let out = bulletin()
        .args(["--json", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"date": null, "rates": [], "articles": []})
    );
}

#[test]
fn escape_sequences_never_reach_standard_output() {
    let text = "A \x1b[2J\x1b]0;owned\x07Bold Headline\u{9b}31m\n\nText \x1b]52;c;ZXZpbA==\n";
    for args in [&["--plain", "-"][..], &["--json", "-"][..]] {
        let out = bulletin().args(args).write_stdin(text).output().unwrap();
        assert!(out.status.success());
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
        assert!(s.contains("A Bold Headline"));
    }
}

#[test]
fn a_missing_file() {
    fails_with(
        bulletin().arg("no-such-file.txt"),
        1,
        "bulletin: cannot read 'no-such-file.txt': No such file or directory\n",
    );
}

#[test]
fn a_directory() {
    fails_with(
        bulletin().arg("src"),
        1,
        "bulletin: cannot read 'src': it is a directory\n",
    );
}

#[test]
fn a_fifo_is_refused_at_once() {
    let dir = scratch("fifo");
    let fifo = dir.join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // No writer ever comes: a reader that opened the FIFO would hang here.
    fails_with(
        bulletin()
            .arg(&fifo)
            .timeout(std::time::Duration::from_secs(20)),
        1,
        &format!(
            "bulletin: cannot read '{}': not a regular file (it is a FIFO)\n",
            fifo.display()
        ),
    );
}

#[test]
fn a_device_is_refused() {
    fails_with(
        bulletin().arg("/dev/zero"),
        1,
        "bulletin: cannot read '/dev/zero': not a regular file (it is a device)\n",
    );
}

#[test]
fn a_file_over_the_limit_is_refused_from_its_size() {
    let dir = scratch("huge");
    let path = dir.join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: the size is over the limit, the disk holds nothing.
    file.set_len(bulletin::source::MAX_BYTES + 1).unwrap();
    fails_with(
        bulletin().arg(&path),
        1,
        &format!(
            "bulletin: cannot read '{}': too large (536870913 bytes; the limit is 512 MiB)\n",
            path.display()
        ),
    );
}

#[test]
fn an_unreadable_file() {
    let dir = scratch("perm");
    let path = dir.join("secret.txt");
    std::fs::write(&path, "Title\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("bulletin");
    // Root reads anything: run as nobody then.
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .unwrap()
        .stdout
        == b"0\n";
    let home = support::home::Home::new("perm");
    let mut cmd = if is_root {
        let mut c = home.program("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin);
        Command::from_std(c)
    } else {
        home.cmd()
    };
    fails_with(
        cmd.arg(&path),
        1,
        &format!(
            "bulletin: cannot read '{}': Permission denied\n",
            path.display()
        ),
    );
}

#[test]
fn a_binary_file_does_not_look_like_a_bulletin() {
    let dir = scratch("binary");
    let path = dir.join("image.png");
    std::fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    fails_with(
        bulletin().arg(&path),
        1,
        &format!(
            "bulletin: '{}' does not look like a bulletin (it is not text)\n",
            path.display()
        ),
    );
}

#[test]
fn bad_json_says_where() {
    fails_with(
        bulletin()
            .arg("-")
            .write_stdin("{\n  \"date\": null,\n  \"rates\": 5\n}\n"),
        1,
        "bulletin: standard input is not a bulletin in JSON form: invalid type: integer `5`, \
         expected a sequence at line 3 column 12\n",
    );
}

#[test]
fn control_characters_in_a_path_are_escaped() {
    fails_with(
        bulletin().arg("evil\x1b]0;x\x07name"),
        1,
        "bulletin: cannot read 'evil\\u{1b}]0;x\\u{7}name': No such file or directory\n",
    );
}

#[test]
fn a_bad_command_line_exits_2() {
    let out = bulletin().arg("--no-such-flag").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--no-such-flag"));
    let out = bulletin().args(["--width", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bulletin().args(["--json", "--plain"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_and_version() {
    let out = bulletin().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in ["--json", "--plain", "--width"] {
        assert!(help.contains(flag), "{help}");
    }
    let out = bulletin().arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        concat!("bulletin ", env!("CARGO_PKG_VERSION"), "\n")
    );
}

/// Runs the binary through sh with a redirection of standard output.
fn through_sh(redirect: &str, args: &str) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("bulletin");
    let mut cmd = support::home::Home::new("sh").program("sh");
    cmd.arg("-c")
        .arg(format!("exec '{}' {args} {redirect}", bin.display()));
    cmd.output().unwrap()
}

#[test]
fn a_reader_that_goes_away_is_a_quiet_exit_for_json_and_plain_alike() {
    let dir = scratch("closed-pipe");
    let big = dir.join("big.txt");
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!(
            "Story Number {i}\n\n{}\n\n",
            "Some words of text. ".repeat(20)
        ));
    }
    std::fs::write(&big, text).unwrap();
    for format in ["--json", "--plain"] {
        let out = through_sh(
            "| head -c 10 > /dev/null",
            &format!("{format} '{}'", big.display()),
        );
        // sh's status is head's; the binary's own is checked through bash's PIPESTATUS below.
        assert!(
            out.stderr.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let status = support::home::Home::new("pipe")
            .bash(&format!(
                "\"$BULLETIN\" {format} '{}' | head -c 10 > /dev/null; exit ${{PIPESTATUS[0]}}",
                big.display()
            ))
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(0), "{format}");
    }
}

#[test]
fn a_closed_or_full_standard_output_is_an_error() {
    for format in ["--json", "--plain"] {
        let out = through_sh(">&-", format);
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "bulletin: cannot write to standard output: it is closed\n",
            "{format}"
        );
        assert_eq!(out.status.code(), Some(1), "{format}");
        let out = through_sh("> /dev/full", format);
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "bulletin: cannot write to standard output: No space left on device\n",
            "{format}"
        );
        assert_eq!(out.status.code(), Some(1), "{format}");
    }
    let out = through_sh("> /dev/null", "--json");
    assert_eq!(
        out.status.code(),
        Some(0),
        "/dev/null is a fine place to write"
    );
}
