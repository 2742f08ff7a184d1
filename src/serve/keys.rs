//! The host key: ed25519, made at first start (mode 0600) and read again after, so that
//! clients' `known_hosts` accept every later start; several servers behind one balancer
//! share one with `--host-key`.

use anyhow::{anyhow, bail, Context};
use russh::keys::ssh_key::{private::Ed25519Keypair, LineEnding, PrivateKey};
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// A host key file is a few hundred bytes; anything much larger is not one.
const MAX_KEY_BYTES: u64 = 64 * 1024;

/// The key at `path`, made there first when there is none.
pub fn load_or_make(path: &Path) -> anyhow::Result<PrivateKey> {
    match std::fs::symlink_metadata(path) {
        Ok(_) => load(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => make(path),
        Err(e) => Err(anyhow!(
            "host key '{}': {}",
            path.display(),
            crate::source::io_reason(&e)
        )),
    }
}

fn load(path: &Path) -> anyhow::Result<PrivateKey> {
    let named = || format!("host key '{}'", path.display());
    let bytes = crate::source::read_regular_file(path, MAX_KEY_BYTES)
        .map_err(|e| anyhow!("{}: {e}", named()))?;
    let text = String::from_utf8(bytes).map_err(|_| anyhow!("{}: not a text file", named()))?;
    let key = PrivateKey::from_openssh(text.trim_start())
        .map_err(|e| anyhow!("{}: not an OpenSSH private key ({e})", named()))?;
    if key.is_encrypted() {
        bail!(
            "{}: it is encrypted; the server needs it without a passphrase",
            named()
        );
    }
    Ok(key)
}

fn make(path: &Path) -> anyhow::Result<PrivateKey> {
    let named = || format!("host key '{}'", path.display());
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(named)?;
    }
    let mut seed = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut seed))
        .context("no random numbers for a host key (/dev/urandom)")?;
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    seed.fill(0);
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| anyhow!("{}: cannot write the key ({e})", named()))?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(named)?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(named)?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_key_is_made_private_once_and_read_back_the_same() {
        let dir = std::env::temp_dir().join(format!("bulletin-hostkey-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("deep").join("host_key");
        let made = load_or_make(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let again = load_or_make(&path).unwrap();
        assert_eq!(made.public_key(), again.public_key());
        std::fs::write(dir.join("junk"), "not a key").unwrap();
        let e = load_or_make(&dir.join("junk")).unwrap_err().to_string();
        assert!(e.contains("not an OpenSSH private key"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
