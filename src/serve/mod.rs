//! `bulletin serve`: the reader as an SSH service. `ssh -p 2222 host` and the reader opens,
//! the same one as on a terminal, for as many people at once as the machine holds.
//!
//! The only place with an async runtime (tokio, for russh): the accept loop and its limits
//! (`limits`), the PROXY protocol header (`proxy`), the SSH connection (`handler`), one
//! reader per session (`session`, on a thread of its own, driven by the channel's bytes),
//! what sessions share (`shared`: the archive, the day they open on, the server's fetches)
//! and each visitor's read state (`visit`). The host key is `keys`.

mod guard;
mod handler;
mod keys;
mod limits;
mod proxy;
mod session;
mod shared;
mod visit;

pub use handler::rates_table;

use crate::archive::Archive;
use crate::config::ServeConfig;
use crate::tui::app::Settings;
use crate::tui::keymap::Keymap;
use anyhow::{anyhow, Context};
use shared::Shared;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Key exchanges offered: elliptic curves only (with the post-quantum hybrid first). The
/// finite-field Diffie-Hellman groups russh also offers cost the server tens of
/// milliseconds each, which any client could ask for a thousand times over; every OpenSSH
/// since 6.5 speaks curve25519.
const KEX: &[russh::kex::Name] = &[
    russh::kex::MLKEM768X25519_SHA256,
    russh::kex::CURVE25519,
    russh::kex::CURVE25519_PRE_RFC_8731,
    russh::kex::EXTENSION_SUPPORT_AS_SERVER,
    russh::kex::EXTENSION_OPENSSH_STRICT_KEX_AS_SERVER,
];

/// What `bulletin serve` is given.
pub struct Options {
    pub config: ServeConfig,
    pub settings: Settings,
    pub keymap: Keymap,
    pub sources: Vec<crate::sync::Target>,
    /// The archive the server fills and its sessions read.
    pub archive: PathBuf,
    /// The host key; made there at first start when missing.
    pub host_key: PathBuf,
    /// How long one fetch may take.
    pub timeout: Duration,
}

/// How long the sessions have to give their screens back when the service stops.
const STOP_WAIT: Duration = Duration::from_secs(5);
/// How long a balancer has to send its PROXY header.
const HEADER_WAIT: Duration = Duration::from_secs(5);

/// A connection's figures, for its line in the log.
pub struct Stats {
    pub id: u64,
    bytes_in: AtomicU64,
    bytes_out: AtomicU64,
    who: Mutex<String>,
    ended: Mutex<Option<String>>,
}

impl Stats {
    fn new(id: u64) -> Stats {
        Stats {
            id,
            bytes_in: AtomicU64::new(0),
            bytes_out: AtomicU64::new(0),
            who: Mutex::new("-".into()),
            ended: Mutex::new(None),
        }
    }

    pub fn add_in(&self, n: u64) {
        self.bytes_in.fetch_add(n, Ordering::Relaxed);
    }

    pub fn add_out(&self, n: u64) {
        self.bytes_out.fetch_add(n, Ordering::Relaxed);
    }

    pub fn set_who(&self, who: String) {
        if let Ok(mut w) = self.who.lock() {
            *w = who;
        }
    }

    /// Why the connection ended (the first reason given stands).
    pub fn set_ended(&self, why: String) {
        if let Ok(mut e) = self.ended.lock() {
            e.get_or_insert(why);
        }
    }

    fn line(&self, peer: SocketAddr, lasted: Duration) -> String {
        let who = self.who.lock().map(|w| w.clone()).unwrap_or_default();
        let why = self
            .ended
            .lock()
            .ok()
            .and_then(|e| e.clone())
            .unwrap_or_else(|| "the connection ended".into());
        format!(
            "session {peer} {who} {:.1}s in={} out={}: {why}",
            lasted.as_secs_f64(),
            self.bytes_in.load(Ordering::Relaxed),
            self.bytes_out.load(Ordering::Relaxed),
        )
    }
}

/// One line on standard error, with the time.
pub fn log(line: &str) {
    let when = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ");
    let _ = writeln!(std::io::stderr(), "{when} bulletin serve: {line}");
}

/// Runs the service until SIGTERM or SIGINT; 0 once every session has its screen back.
pub fn run(options: Options) -> anyhow::Result<u8> {
    let key = keys::load_or_make(&options.host_key)?;
    let fingerprint = key.public_key().fingerprint(russh::keys::HashAlg::Sha256);
    let archive = Archive::open(&options.archive)?;
    // Anonymous visitors' read state lasts their session: any left by a server that
    // stopped is forgotten.
    archive.forget_anonymous()?;
    let config = options.config.clone();
    let listen: SocketAddr = config
        .listen
        .parse()
        .map_err(|_| anyhow!("`{}` is not an address and port", config.listen))?;
    let shared = Arc::new(Shared::new(
        archive,
        config.clone(),
        options.settings,
        options.keymap,
        options.sources.len(),
    ));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("serve")
        .build()
        .context("cannot start the server's runtime")?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(listen))
        .with_context(|| format!("cannot listen on {listen}"))?;
    let bound = listener.local_addr()?;
    // The address bound, on standard output: with port 0, how tests and scripts find it.
    println!("bulletin serve: listening on {bound} (host key {fingerprint})");
    let _ = std::io::stdout().flush();
    shared.start_fetching(options.archive.clone(), options.sources, options.timeout)?;
    let ssh = Arc::new(russh::server::Config {
        server_id: russh::SshId::Standard(
            concat!("SSH-2.0-bulletin_", env!("CARGO_PKG_VERSION")).into(),
        ),
        keys: vec![key],
        // `none` refused at once (OpenSSH always tries it first); other rejections
        // never happen, every key and the anonymous way are let in.
        auth_rejection_time: Duration::from_millis(100),
        auth_rejection_time_initial: Some(Duration::ZERO),
        // The session's own clock keeps time on input; dead links are found by the
        // kernel's TCP keepalive (see `keep_alive`), which wakes no thread of ours.
        inactivity_timeout: None,
        keepalive_interval: None,
        nodelay: true,
        max_auth_attempts: 6,
        preferred: russh::Preferred {
            kex: KEX.into(),
            ..Default::default()
        },
        ..Default::default()
    });
    let stopped = runtime.block_on(serve(listener, ssh, Arc::clone(&shared)));
    log(&format!(
        "stopping ({stopped}): {} sessions to close",
        shared.readers()
    ));
    shared.stop("the service is restarting; connect again in a moment");
    let deadline = Instant::now() + STOP_WAIT;
    while shared.readers() > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    // What the sessions wrote last, on its way out.
    std::thread::sleep(Duration::from_millis(100));
    runtime.shutdown_timeout(Duration::from_millis(500));
    Ok(0)
}

/// Accepts connections until a signal to stop: the signal's name.
async fn serve(
    listener: tokio::net::TcpListener,
    ssh: Arc<russh::server::Config>,
    shared: Arc<Shared>,
) -> &'static str {
    use tokio::signal::unix::{signal, SignalKind};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        return "no signal handlers";
    };
    let mut tidy = tokio::time::interval(Duration::from_secs(60));
    let ids = AtomicU64::new(1);
    loop {
        tokio::select! {
            _ = term.recv() => return "SIGTERM",
            _ = int.recv() => return "SIGINT",
            _ = tidy.tick() => shared.limits.tidy(),
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else { continue };
                let id = ids.fetch_add(1, Ordering::Relaxed);
                tokio::spawn(connection(stream, peer, id, Arc::clone(&ssh), Arc::clone(&shared)));
            }
        }
    }
}

/// TCP keepalive on a connection: a peer gone without a word (a laptop closed, a link cut)
/// is found by the kernel after about two minutes of silence, and its session ends; an idle
/// session that is there costs no wake-up of the server's.
fn keep_alive(stream: &tokio::net::TcpStream) {
    use std::os::fd::AsRawFd;
    let fd = stream.as_raw_fd();
    let set = |level: libc::c_int, name: libc::c_int, value: libc::c_int| {
        // SAFETY: setsockopt reads an int we own, on a socket that is open.
        unsafe {
            libc::setsockopt(
                fd,
                level,
                name,
                (&value as *const libc::c_int).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            )
        }
    };
    set(libc::SOL_SOCKET, libc::SO_KEEPALIVE, 1);
    set(libc::IPPROTO_TCP, libc::TCP_KEEPIDLE, 60);
    set(libc::IPPROTO_TCP, libc::TCP_KEEPINTVL, 20);
    set(libc::IPPROTO_TCP, libc::TCP_KEEPCNT, 3);
}

/// One connection, from its first byte to its line in the log.
async fn connection(
    mut stream: tokio::net::TcpStream,
    peer: SocketAddr,
    id: u64,
    ssh: Arc<russh::server::Config>,
    shared: Arc<Shared>,
) {
    let started = Instant::now();
    let _ = stream.set_nodelay(true);
    keep_alive(&stream);
    let peer = if shared.config.proxy_protocol {
        match tokio::time::timeout(HEADER_WAIT, proxy::read_header(&mut stream)).await {
            Ok(Ok(Some(client))) => client,
            Ok(Ok(None)) => return, // the balancer's health check
            Ok(Err(why)) => {
                log(&format!("connection {peer} refused: {why}"));
                return;
            }
            Err(_) => {
                log(&format!(
                    "connection {peer} refused: no PROXY header in time"
                ));
                return;
            }
        }
    } else {
        peer
    };
    let admitted = shared.limits.admit(peer.ip());
    let stats = Arc::new(Stats::new(id));
    let client = handler::Client::new(
        Arc::clone(&shared),
        admitted,
        Arc::clone(&stats),
        tokio::runtime::Handle::current(),
    );
    let authenticated: Arc<AtomicBool> = Arc::clone(&client.authenticated);
    // Authentication must finish in time, from the first byte (russh's own timer counts
    // output as activity, and starts only once the client has said who it is).
    let timed_out = Arc::clone(&stats);
    let stream = guard::Guarded::new(
        stream,
        shared.config.auth_timeout,
        authenticated,
        move || timed_out.set_ended("authentication took too long".into()),
    );
    let result = match russh::server::run_stream(ssh, stream, client).await {
        Ok(running) => running.await,
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        stats.set_ended(format!("{e}"));
    }
    log(&stats.line(peer, started.elapsed()));
}
