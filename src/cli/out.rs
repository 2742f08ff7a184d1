//! Standard output for every command: written whole, a reader that went away not an error.

use std::io::Write;

/// Writes bytes to standard output; see [`write_out`].
pub fn print(bytes: &[u8]) -> anyhow::Result<u8> {
    write_out(|out| out.write_all(bytes))
}

/// Writes to standard output with `write`, then flushes. A reader that went away (`| head`)
/// is not an error: the exit is quiet and 0, as with cat and git.
pub fn write_out(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> anyhow::Result<u8> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(anyhow::anyhow!(
            "cannot write to standard output: {}",
            crate::source::io_reason(&e)
        )),
        Ok(()) => Ok(0),
    }
}
