//! The config file as a user meets it: every bad config refused before the screen opens,
//! with the file, line, column and problem; `bulletin keys` and `bulletin config`; where the
//! file is found.

mod support;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

/// The binary with a scratch home; returns it and the home's config directory.
fn bulletin() -> (Command, PathBuf) {
    let home = support::home::Home::new("config");
    let config_home = home.dirs[0].1.clone();
    (home.cmd(), config_home)
}

/// Runs with `--config FIXTURE` and checks the exit code 1, the message, and nothing on
/// standard output. The file is named as given, so the message is the same on any machine.
fn refused(name: &str, message: &str) {
    let (mut cmd, _) = bulletin();
    let out = cmd
        .current_dir(fixture(""))
        .args(["--config", name, "--plain"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), message, "{name}");
    assert_eq!(out.status.code(), Some(1), "{name}");
    assert!(out.stdout.is_empty(), "{name}");
}

#[test]
fn a_syntax_error() {
    refused(
        "syntax.toml",
        "bulletin: config file 'syntax.toml', line 2, column 9: string values must be quoted, \
         expected literal string\n  2 | mouse = \n    |         ^\n",
    );
}

#[test]
fn an_unknown_setting_or_section_with_the_nearest_name() {
    refused(
        "unknown_setting.toml",
        "bulletin: config file 'unknown_setting.toml', line 3, column 1: unknown setting \
         `max_widht`; did you mean `max_width`?\n  3 | max_widht = 90\n    | ^\n",
    );
    refused(
        "unknown_section.toml",
        "bulletin: config file 'unknown_section.toml', line 1, column 2: unknown setting \
         `keyz`; did you mean `keys`?\n  1 | [keyz]\n    |  ^\n",
    );
}

#[test]
fn an_unknown_action() {
    refused(
        "unknown_action.toml",
        "bulletin: config file 'unknown_action.toml', line 2, column 1: unknown action \
         `nxt_story`; did you mean `next_story`?\n  2 | nxt_story = [\"j\"]\n    | ^\n",
    );
}

#[test]
fn an_unknown_key_name() {
    refused(
        "unknown_key.toml",
        "bulletin: config file 'unknown_key.toml', line 2, column 14: unknown key name \
         `Ctrl-Qq` (keys are written like `j`, `J`, `C-f`, `M-x`, `S-Tab`, `Enter`, `Esc`, \
         `Space`, `PgDn`, `Down`, `F1`)\n  2 | quit = [\"q\", \"Ctrl-Qq\"]\n    |              ^\n",
    );
}

#[test]
fn a_key_bound_to_two_actions() {
    refused(
        "conflict.toml",
        "bulletin: config file 'conflict.toml', line 3, column 9: `j` is bound to both \
         `next_story` and `quit` in the reader; give one of them other keys\n  \
         3 | quit = [\"j\", \"q\"]\n    |         ^\n",
    );
}

#[test]
fn a_colour_that_is_not_one() {
    refused(
        "bad_colour.toml",
        "bulletin: config file 'bad_colour.toml', line 2, column 20: `blu` is not a colour: \
         use black, red, green, yellow, blue, magenta, cyan, white, bright_black … \
         bright_white, default, or \"#rrggbb\"\n  \
         2 | selection = { fg = \"blu\", bold = true }\n    |                    ^\n",
    );
}

#[test]
fn numbers_out_of_range_and_values_of_the_wrong_kind() {
    refused(
        "out_of_range.toml",
        "bulletin: config file 'out_of_range.toml', line 2, column 13: max_width is 5000: it \
         must be from 20 to 1000\n  2 | max_width = 5000\n    |             ^\n",
    );
    refused(
        "bad_type.toml",
        "bulletin: config file 'bad_type.toml', line 2, column 9: invalid type: string \
         \"fast\", expected a whole number\n  2 | speed = \"fast\"\n    |         ^\n",
    );
    refused(
        "unknown_theme.toml",
        "bulletin: config file 'unknown_theme.toml', line 2, column 8: unknown theme \
         `solarized`: the themes are default, mono, light\n  2 | name = \"solarized\"\n    \
         |        ^\n",
    );
    refused(
        "unknown_mode.toml",
        "bulletin: config file 'unknown_mode.toml', line 2, column 8: unknown ticker mode \
         `bounce`: it is scroll, step or static\n  2 | mode = \"bounce\"\n    |        ^\n",
    );
}

#[test]
fn a_missing_named_file_is_an_error_a_missing_default_one_is_not() {
    refused(
        "nowhere.toml",
        "bulletin: config file 'nowhere.toml': No such file or directory\n",
    );
    let (mut cmd, _) = bulletin();
    let out = cmd
        .env("BULLETIN_CONFIG", "/nonexistent/bulletin.toml")
        .arg("keys")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "bulletin: config file '/nonexistent/bulletin.toml': No such file or directory\n"
    );
    let (mut cmd, _) = bulletin();
    cmd.arg("--plain").assert().success();
}

#[test]
fn the_default_file_is_read_from_the_xdg_config_home() {
    let (mut cmd, config_home) = bulletin();
    std::fs::create_dir_all(config_home.join("bulletin")).unwrap();
    std::fs::copy(
        fixture("remap.toml"),
        config_home.join("bulletin/config.toml"),
    )
    .unwrap();
    let out = cmd.arg("keys").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with("  next_story "))
        .unwrap();
    assert_eq!(row.split_whitespace().nth(1), Some("x"), "{row}");
}

#[test]
fn bulletin_keys_prints_the_table_in_force() {
    let (mut cmd, _) = bulletin();
    let out = cmd
        .args(["--config"])
        .arg(fixture("remap.toml"))
        .arg("keys")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with("  next_story "))
        .unwrap();
    assert_eq!(row.split_whitespace().nth(1), Some("x"), "{row}");
    assert!(text.contains("  quit "), "{text}");
    assert!(text.contains("Search prompt:"), "{text}");
}

/// `bulletin config` written to a file and read back: the same config, and the same keys.
#[test]
fn the_printed_config_loads_back_to_the_same_behaviour() {
    let dir = support::scratch("config-round-trip");
    let start = dir.join("start.toml");
    std::fs::write(
        &start,
        "[keys]\nnext_story = [\"x\", \"Down\"]\nquit = [\"Q\"]\n[theme]\nname = \"light\"\n\
         falling = { fg = \"#aa0000\", bold = true }\n[ticker]\nmode = \"step\"\nspeed = 3\n\
         [reader]\nmouse = false\nmax_width = 80\n",
    )
    .unwrap();
    let print = |config: &Path, what: &str| {
        let (mut cmd, _) = bulletin();
        let out = cmd.arg("--config").arg(config).arg(what).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let first = print(&start, "config");
    assert!(first.contains("mode = \"step\""), "{first}");
    assert!(first.contains("max_width = 80"), "{first}");
    assert!(first.contains("falling "), "{first}");
    assert!(first.contains("fg = \"#aa0000\", bold = true"), "{first}");
    assert!(first.contains("next_story "), "{first}");
    let saved = dir.join("saved.toml");
    std::fs::write(&saved, &first).unwrap();
    assert_eq!(print(&saved, "config"), first);
    assert_eq!(print(&saved, "keys"), print(&start, "keys"));
    // The defaults printed are a valid file too.
    let (mut cmd, _) = bulletin();
    let defaults = String::from_utf8(cmd.arg("config").output().unwrap().stdout).unwrap();
    std::fs::write(dir.join("defaults.toml"), &defaults).unwrap();
    assert_eq!(print(&dir.join("defaults.toml"), "config"), defaults);
}

#[test]
fn the_readme_shows_the_key_table_that_bulletin_keys_prints() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("$ bulletin keys\n")
        .expect("the README shows `bulletin keys`");
    let block = &readme[start + "$ bulletin keys\n".len()..];
    let block = &block[..block.find("```").unwrap()];
    let (mut cmd, _) = bulletin();
    let out = cmd.arg("keys").output().unwrap();
    assert_eq!(
        block,
        String::from_utf8(out.stdout).unwrap(),
        "README.md's key table is not `bulletin keys`: paste it again"
    );
}

/// Runs `bulletin keys` with the config at `path` named as `how` (`--config`, the variable,
/// or the default place); exit code and standard error, within 20 s.
fn keys_with_config(how: &str, path: &Path) -> (Option<i32>, String) {
    let (mut cmd, config_home) = bulletin();
    match how {
        "--config" => {
            cmd.arg("--config").arg(path);
        }
        "BULLETIN_CONFIG" => {
            cmd.env("BULLETIN_CONFIG", path);
        }
        _ => {
            std::fs::create_dir_all(config_home.join("bulletin")).unwrap();
            std::fs::rename(path, config_home.join("bulletin/config.toml")).unwrap();
        }
    }
    let out = cmd
        .arg("keys")
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_fifo_or_a_device_as_the_config_is_refused_not_waited_on() {
    // A FIFO with no writer blocked forever; /dev/zero grew to 20 GB.
    for how in ["--config", "BULLETIN_CONFIG", "default"] {
        let dir = support::scratch(&format!("config-fifo-{how}"));
        let fifo = dir.join("c.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let (code, err) = keys_with_config(how, &fifo);
        assert_eq!(code, Some(1), "{how}: {err}");
        assert!(err.starts_with("bulletin: config file '"), "{how}: {err}");
        assert!(
            err.ends_with("c.toml': not a regular file (it is a FIFO)\n")
                || err.ends_with("config.toml': not a regular file (it is a FIFO)\n"),
            "{how}: {err}"
        );
    }
    let (code, err) = keys_with_config("--config", Path::new("/dev/zero"));
    assert_eq!(code, Some(1));
    assert_eq!(
        err,
        "bulletin: config file '/dev/zero': not a regular file (it is a device)\n"
    );
}

#[test]
fn a_config_too_large_or_with_too_many_sources_is_refused() {
    let dir = support::scratch("config-huge");
    let huge = dir.join("huge.toml");
    std::fs::write(&huge, "# padding\n".repeat(200_000)).unwrap();
    let (code, err) = keys_with_config("--config", &huge);
    assert_eq!(code, Some(1));
    assert!(
        err.ends_with("huge.toml': too large (2000000 bytes; the limit is 1 MiB)\n"),
        "{err}"
    );
    let many = dir.join("many.toml");
    let sources: String = (0..1001)
        .map(|i| format!("[[source]]\nname = \"s{i}\"\nurl = \"https://e.example/{i}\"\n"))
        .collect();
    std::fs::write(&many, sources).unwrap();
    let (code, err) = keys_with_config("--config", &many);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("line 3002, column 8: at most 1000 sources: this is one more"),
        "{err}"
    );
}
