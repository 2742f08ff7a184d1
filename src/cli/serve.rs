//! `bulletin serve`: the config and the command line made into the service's options.

use super::Cli;
use crate::config::Config;
use crate::text::glyphs::Glyphs;
use crate::tui::keymap::Keymap;
use anyhow::{anyhow, bail};
use std::path::PathBuf;

pub fn run(
    cli: &Cli,
    config: &Config,
    keymap: Keymap,
    listen: Option<&str>,
    host_key: Option<PathBuf>,
    proxy_protocol: bool,
) -> anyhow::Result<u8> {
    let mut serve = config.serve.clone();
    if let Some(listen) = listen {
        if listen.parse::<std::net::SocketAddr>().is_err() {
            bail!("--listen '{listen}' is not an address and port, like 127.0.0.1:2222");
        }
        serve.listen = listen.to_owned();
    }
    serve.proxy_protocol |= proxy_protocol;
    let data = crate::archive::default_path()
        .and_then(|p| p.parent().map(PathBuf::from))
        .ok_or_else(|| anyhow!("no home directory for the archive and the host key"))?;
    let host_key = host_key
        .or_else(|| serve.host_key.clone())
        .unwrap_or_else(|| data.join("host_key"));
    let archive = super::archive::path()?;
    let (mut settings, _) = super::read::reader_settings(cli, config);
    // Each session's own, from the client's locale; colour whatever the server's NO_COLOR.
    settings.glyphs = Glyphs::Unicode;
    settings.color = true;
    crate::serve::run(crate::serve::Options {
        config: serve,
        settings,
        keymap,
        sources: config
            .sources
            .iter()
            .map(crate::sync::Target::from)
            .collect(),
        archive,
        host_key,
        timeout: cli.timeout(),
    })
}
