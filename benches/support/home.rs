//! A scratch home for the programs the benchmarks start: `HOME` and every `XDG_*_HOME` in a
//! folder of this process under the system's temporary directory (kept between its runs, as a
//! user's is), so that a measured run of the
//! reader never reads the user's config or records into the user's archive.

use std::path::PathBuf;

/// The variables and the folders they name, made empty for this process.
pub fn scratch_home(name: &str) -> Vec<(&'static str, PathBuf)> {
    let root = std::env::temp_dir().join(format!("bulletin-{name}-{}", std::process::id()));
    let vars = [
        ("HOME", "home"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ];
    vars.iter()
        .map(|(var, dir)| {
            let dir = root.join(dir);
            std::fs::create_dir_all(&dir).expect("a scratch home");
            (*var, dir)
        })
        .collect()
}
