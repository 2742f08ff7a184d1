//! The PROXY protocol, version 2 (what HAProxy's `send-proxy-v2` writes before the
//! client's bytes): the real client's address, for limits and logs. Parsed by `ppp`.

use ppp::v2::{Addresses, Command, Header};
use std::net::SocketAddr;
use tokio::io::AsyncReadExt;

/// The fixed part of a header: the signature (12 bytes), version and command, family and
/// protocol, and the length of what follows.
const FIXED: usize = 16;
/// The most a header may carry after its fixed part (addresses and TLVs).
const MAX_REST: usize = 1024;

/// Reads a header from the start of `stream`: the client's address (`None` for a LOCAL
/// header, the balancer's own health check), or why the connection is refused.
pub async fn read_header<S: tokio::io::AsyncRead + Unpin>(
    stream: &mut S,
) -> Result<Option<SocketAddr>, String> {
    let mut buf = vec![0u8; FIXED];
    stream
        .read_exact(&mut buf)
        .await
        .map_err(|_| "no PROXY protocol header (the connection ended first)".to_owned())?;
    if !buf.starts_with(ppp::v2::PROTOCOL_PREFIX) {
        return Err("no PROXY protocol v2 header".into());
    }
    let rest = usize::from(u16::from_be_bytes([buf[14], buf[15]]));
    if rest > MAX_REST {
        return Err(format!("a PROXY header of {rest} bytes is too long"));
    }
    buf.resize(FIXED + rest, 0);
    stream
        .read_exact(&mut buf[FIXED..])
        .await
        .map_err(|_| "a PROXY protocol header cut short".to_owned())?;
    let header = Header::try_from(&buf[..]).map_err(|e| format!("a bad PROXY header: {e}"))?;
    if header.command == Command::Local {
        return Ok(None);
    }
    match header.addresses {
        Addresses::IPv4(a) => Ok(Some(SocketAddr::from((a.source_address, a.source_port)))),
        Addresses::IPv6(a) => Ok(Some(SocketAddr::from((a.source_address, a.source_port)))),
        _ => Err("a PROXY header without an IP address".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(ip: [u8; 4], port: u16) -> Vec<u8> {
        let mut h = ppp::v2::PROTOCOL_PREFIX.to_vec();
        h.extend([0x21, 0x11, 0, 12]); // v2 PROXY, TCP over IPv4, 12 bytes
        h.extend(ip);
        h.extend([127, 0, 0, 1]);
        h.extend(port.to_be_bytes());
        h.extend(2222u16.to_be_bytes());
        h
    }

    fn read(bytes: Vec<u8>) -> Result<Option<SocketAddr>, String> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(async {
            let mut s = std::io::Cursor::new(bytes);
            read_header(&mut s).await
        })
    }

    #[test]
    fn the_client_address_comes_from_the_header_and_the_ssh_bytes_stay() {
        let mut bytes = header([203, 0, 113, 7], 50_000);
        bytes.extend(b"SSH-2.0-OpenSSH\r\n");
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let (addr, left) = rt.block_on(async {
            let mut s = std::io::Cursor::new(bytes);
            let addr = read_header(&mut s).await;
            let mut left = Vec::new();
            s.read_to_end(&mut left).await.unwrap();
            (addr, left)
        });
        assert_eq!(addr, Ok(Some("203.0.113.7:50000".parse().unwrap())));
        assert_eq!(
            left, b"SSH-2.0-OpenSSH\r\n",
            "nothing of the client's is eaten"
        );
    }

    #[test]
    fn a_connection_without_a_header_is_refused() {
        let e = read(b"SSH-2.0-OpenSSH_9.2p1 Debian\r\n".to_vec()).unwrap_err();
        assert!(e.contains("no PROXY protocol v2 header"), "{e}");
        assert!(read(b"\r\n".to_vec()).is_err());
        let mut long = header([1, 2, 3, 4], 1);
        long[14] = 0xff;
        assert!(read(long).unwrap_err().contains("too long"));
    }
}
