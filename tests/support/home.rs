//! A scratch home for the binary's runs in one test: its XDG directories (config, data,
//! state) and a folder for the test's bulletins, under the target's scratch directory.
//! Every test that runs the binary runs it from here, so none reads or writes a real home:
//! `HOME` and every `XDG_*_HOME` point into the scratch directory, for the binary and for
//! anything a test starts it through (`sh -c`, `bash -c`, `setsid`, a pty), since children
//! inherit them. `scratch_only` is the check each way of starting a program makes.

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
        self.program(env!("CARGO_BIN_EXE_bulletin"))
    }

    /// Any program (a shell that runs the binary, `setpriv`) with this home and the
    /// binary's environment.
    pub fn program(&self, program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        cmd.env("LANG", "C.UTF-8");
        for var in Home::CLEARED {
            cmd.env_remove(var);
        }
        for (var, dir) in &self.dirs {
            cmd.env(var, dir);
        }
        scratch_only(
            cmd.get_envs()
                .filter_map(|(k, v)| Some((k.to_str()?, v?.to_str()?))),
        );
        cmd
    }

    /// `bash -c SCRIPT` with this home; `$BULLETIN` in the script is the binary.
    pub fn bash(&self, script: &str) -> std::process::Command {
        let mut cmd = self.program("bash");
        cmd.arg("-c")
            .arg(script)
            .env("BULLETIN", env!("CARGO_BIN_EXE_bulletin"));
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

/// The variables that name a home: each must point into the tests' scratch directory.
pub const HOME_VARS: [&str; 6] = [
    "HOME",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_STATE_HOME",
    "XDG_CACHE_HOME",
    "XDG_RUNTIME_DIR",
];

/// Refuses (panics) unless the environment a program is given sets every one of
/// `HOME_VARS` to a folder inside the tests' scratch directory: a run that would reach a
/// real home never starts.
pub fn scratch_only<'a>(env: impl IntoIterator<Item = (&'a str, &'a str)>) {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let env: Vec<(&str, &str)> = env.into_iter().collect();
    for var in HOME_VARS {
        let value = env.iter().rev().find(|(k, _)| *k == var).map(|(_, v)| *v);
        match value {
            Some(dir) if Path::new(dir).starts_with(scratch) => {}
            Some(dir) => {
                panic!("{var}={dir} is not a scratch home: the test would touch a real one")
            }
            None => panic!("{var} is not set to a scratch home: the test would touch a real one"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_without_a_scratch_home_is_refused() {
        let home = Home::new("guard");
        let env = home.env();
        let all: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        scratch_only(all.iter().copied());
        for var in HOME_VARS {
            let without: Vec<(&str, &str)> =
                all.iter().copied().filter(|(k, _)| *k != var).collect();
            let missing = std::panic::catch_unwind(|| scratch_only(without.iter().copied()));
            assert!(missing.is_err(), "{var} missing was let through");
            let mut real = all.clone();
            real.push((var, "/root"));
            let elsewhere = std::panic::catch_unwind(|| scratch_only(real.iter().copied()));
            assert!(elsewhere.is_err(), "{var}=/root was let through");
        }
    }
}
