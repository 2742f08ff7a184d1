//! A scratch home for the binary's runs in one test: its XDG directories (config, data,
//! state) and a folder for the test's bulletins, under the target's scratch directory.
//! Every test that runs the binary runs it from here, so none reads or writes a real home.

use std::path::{Path, PathBuf};

pub struct Home {
    pub dirs: Vec<(&'static str, PathBuf)>,
    /// A folder for the test's own bulletins.
    pub files: PathBuf,
}

impl Home {
    pub fn new(name: &str) -> Home {
        let dirs = super::xdg_home(name);
        let files = dirs[0].1.parent().unwrap().join("bulletins");
        std::fs::create_dir_all(&files).unwrap();
        Home { dirs, files }
    }

    /// A home whose config file holds `config`.
    pub fn with_config(name: &str, config: &str) -> Home {
        let home = Home::new(name);
        let dir = home.dirs[0].1.join("bulletin");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.toml"), config).unwrap();
        home
    }

    pub fn data(&self) -> &Path {
        &self.dirs[1].1
    }

    /// The variables a run of the binary gets, as text (for a pty's environment).
    pub fn env(&self) -> Vec<(&'static str, String)> {
        self.dirs
            .iter()
            .map(|(k, v)| (*k, v.to_str().unwrap().to_owned()))
            .collect()
    }

    /// The binary in a UTF-8 locale, with this home and nothing named from outside (no
    /// config, no proxy, colour left to the flags).
    pub fn cmd(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.std_cmd())
    }

    /// The same as a standard command (to start in the background, say).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"));
        cmd.env("LANG", "C.UTF-8");
        for var in Home::CLEARED {
            cmd.env_remove(var);
        }
        for (var, dir) in &self.dirs {
            cmd.env(var, dir);
        }
        cmd
    }

    const CLEARED: [&'static str; 9] = [
        "LC_ALL",
        "LC_CTYPE",
        "BULLETIN_CONFIG",
        "NO_COLOR",
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ];
}
