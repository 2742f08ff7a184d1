//! What `bulletin serve` costs: it starts the release binary as a server in a scratch home
//! and loads it with a russh client of its own (many sessions from one process), then
//! reports, each in its own phase:
//!
//! - `first`: connect to first frame (the first headline drawn), N clients at once: median
//!   and p99;
//! - `cpu`: N sessions with the ticker scrolling, the server's CPU over a window (% of one
//!   core), and the bytes a session's ticker costs a step; then the same sessions paused
//!   (`t`): the server's context switches over the window (wake-ups);
//! - `memory`: N idle sessions held (static ticker): the server's resident memory above
//!   its own, per session;
//! - `load`: N sessions held for a time with the ticker scrolling, each reading and
//!   answering; none may drop, and the archive is checked after.
//!
//! ```text
//! cargo build --release --examples
//! target/release/examples/serve_cost [--phase first|cpu|memory|load|all] [--sessions N]
//!     [--seconds S] [--cols 80] [--rows 24] [--split: server and load on a core each]
//!     [--port P: `first` on a server started by hand]
//! ```

#[path = "../benches/support/home.rs"]
mod home;

use russh::client;
use russh::keys::PublicKeyOrCertificate;
use russh::ChannelMsg;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const FIRST: &[u8] = b"China Seeks";

static SPLIT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

struct Args {
    phase: String,
    sessions: Option<usize>,
    seconds: Option<u64>,
    cols: u32,
    rows: u32,
    /// A server already running, for `first`.
    port: Option<u16>,
}

fn args() -> Args {
    let mut a = Args {
        phase: "all".into(),
        sessions: None,
        seconds: None,
        cols: 80,
        rows: 24,
        port: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().expect("a value");
        match arg.as_str() {
            "--phase" => a.phase = value(),
            "--sessions" => a.sessions = Some(value().parse().expect("a number")),
            "--seconds" => a.seconds = Some(value().parse().expect("a number")),
            "--cols" => a.cols = value().parse().expect("a number"),
            "--rows" => a.rows = value().parse().expect("a number"),
            "--port" => a.port = Some(value().parse().expect("a port")),
            "--split" => SPLIT.store(true, Ordering::Relaxed),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

/// The release server in a scratch home with `config`; its pid and port.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(name: &str, config: &str) -> Server {
        let exe = std::env::current_exe().unwrap();
        let bin = exe.parent().unwrap().parent().unwrap().join("bulletin");
        let dirs = home::scratch_home(name);
        let config_dir = dirs[1].1.join("bulletin");
        std::fs::create_dir_all(&config_dir).unwrap();
        std::fs::write(config_dir.join("config.toml"), config).unwrap();
        // --split: the server on the first core, this load on the second, so that the
        // clients' own handshakes do not take the server's time.
        let mut cmd = if SPLIT.load(Ordering::Relaxed) {
            let mut c = Command::new("taskset");
            c.args(["-c", "0"]).arg(bin);
            c
        } else {
            Command::new(bin)
        };
        cmd.args(["serve", "--listen", "127.0.0.1:0"])
            .env("LANG", "C.UTF-8")
            .env_remove("BULLETIN_CONFIG")
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (var, dir) in &dirs {
            cmd.env(var, dir);
        }
        let mut child = cmd
            .spawn()
            .expect("the release binary: cargo build --release");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|p| p.parse().ok())
            .expect("the address");
        Server { child, port }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn status(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        status
            .lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }

    fn rss_kib(&self) -> u64 {
        self.status("VmRSS:")
    }

    /// User and system CPU time, in clock ticks.
    fn cpu_ticks(&self) -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap();
        let after = &stat[stat.rfind(')').unwrap() + 2..];
        let fields: Vec<&str> = after.split_whitespace().collect();
        fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
    }

    /// Context switches of every thread (each is a wake-up or a preemption).
    fn switches(&self) -> u64 {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{}/task", self.pid())) else {
            return 0;
        };
        tasks
            .flatten()
            .filter_map(|t| std::fs::read_to_string(t.path().join("status")).ok())
            .map(|s| {
                s.lines()
                    .filter(|l| l.contains("ctxt_switches:"))
                    .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                    .sum::<u64>()
            })
            .sum()
    }

    fn threads(&self) -> u64 {
        self.status("Threads:")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// What a session saw.
#[derive(Default)]
struct Seen {
    bytes: AtomicU64,
    first_frame_us: AtomicU64,
    ended: AtomicUsize,
}

/// One session: connected, anonymous, a pty, the reader; reads everything, answers the
/// reader's status requests as a terminal does, sends `keys` once the first frame is in,
/// and stays until `until`.
async fn session(
    port: u16,
    cols: u32,
    rows: u32,
    keys: &'static [u8],
    until: Instant,
    seen: Arc<Seen>,
) -> Result<(), String> {
    let started = Instant::now();
    let config = Arc::new(client::Config {
        inactivity_timeout: None,
        nodelay: true,
        ..Default::default()
    });
    let mut handle = client::connect(config, ("127.0.0.1", port), Client)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let auth = handle
        .authenticate_keyboard_interactive_start("reader", None)
        .await
        .map_err(|e| format!("auth: {e}"))?;
    if !matches!(auth, client::KeyboardInteractiveAuthResponse::Success) {
        return Err("not let in".into());
    }
    let mut channel = handle
        .channel_open_session()
        .await
        .map_err(|e| format!("channel: {e}"))?;
    channel
        .request_pty(false, "xterm-256color", cols, rows, 0, 0, &[])
        .await
        .map_err(|e| format!("pty: {e}"))?;
    channel
        .request_shell(false)
        .await
        .map_err(|e| format!("shell: {e}"))?;
    let mut first = false;
    let mut tail: Vec<u8> = Vec::new();
    loop {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let msg = match tokio::time::timeout(left, channel.wait()).await {
            Ok(Some(msg)) => msg,
            Ok(None) => {
                seen.ended.fetch_add(1, Ordering::Relaxed);
                return Err("the server ended the session".into());
            }
            Err(_) => break,
        };
        if let ChannelMsg::Data { data } = msg {
            seen.bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
            tail.extend_from_slice(&data);
            if !first && contains(&tail, FIRST) {
                first = true;
                seen.first_frame_us
                    .store(started.elapsed().as_micros() as u64, Ordering::Relaxed);
                if !keys.is_empty() {
                    let _ = channel.data_bytes(keys.to_vec()).await;
                }
            }
            if contains(&tail, b"\x1b[5n") {
                let _ = channel.data_bytes(&b"\x1b[0n"[..]).await;
            }
            let keep = tail.len().saturating_sub(16);
            tail.drain(..keep);
        }
    }
    let _ = channel.data_bytes(&b"q"[..]).await;
    Ok(())
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A session under way: how it ended.
type Task = tokio::task::JoinHandle<Result<(), String>>;

/// Starts `n` sessions at once; each one's record.
fn start_sessions(
    rt: &tokio::runtime::Runtime,
    port: u16,
    n: usize,
    a: &Args,
    keys: &'static [u8],
    hold: Duration,
) -> (Vec<Arc<Seen>>, Vec<Task>) {
    let until = Instant::now() + hold;
    let mut seen = Vec::new();
    let mut tasks = Vec::new();
    for _ in 0..n {
        let s = Arc::new(Seen::default());
        seen.push(Arc::clone(&s));
        tasks.push(rt.spawn(session(port, a.cols, a.rows, keys, until, s)));
    }
    (seen, tasks)
}

/// Waits until every session has its first frame (or `limit` passes); how many have.
fn wait_first_frames(seen: &[Arc<Seen>], limit: Duration) -> usize {
    let start = Instant::now();
    loop {
        let n = seen
            .iter()
            .filter(|s| s.first_frame_us.load(Ordering::Relaxed) > 0)
            .count();
        if n == seen.len() || start.elapsed() > limit {
            return n;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

const LIMITS: &str = "[serve]\nmax_sessions = 100000\nmax_per_address = 100000\n\
                      connections_per_minute = 1000000\n";

fn first(rt: &tokio::runtime::Runtime, a: &Args) {
    let n = a.sessions.unwrap_or(100);
    if let Some(port) = a.port {
        // A server started by hand (under a profiler, say).
        let (seen, _tasks) = start_sessions(rt, port, n, a, b"", Duration::from_secs(5));
        let got = wait_first_frames(&seen, Duration::from_secs(20));
        println!("{got}/{n} drawn on port {port}");
        return;
    }
    let server = Server::start("serve-first", LIMITS);
    let ticks = server.cpu_ticks();
    let (seen, tasks) = start_sessions(rt, server.port, n, a, b"", Duration::from_secs(20));
    let got = wait_first_frames(&seen, Duration::from_secs(20));
    let mut times: Vec<u64> = seen
        .iter()
        .map(|s| s.first_frame_us.load(Ordering::Relaxed))
        .filter(|t| *t > 0)
        .collect();
    times.sort_unstable();
    let cpu_ms = (server.cpu_ticks() - ticks) as f64 * 10.0;
    println!(
        "first frame, {n} clients connecting at once ({}x{}): {got} drawn; median {:.1} ms, p99 {:.1} ms, max {:.1} ms; server CPU {cpu_ms:.0} ms in all",
        a.cols,
        a.rows,
        percentile(&times, 0.5) as f64 / 1000.0,
        percentile(&times, 0.99) as f64 / 1000.0,
        times.last().copied().unwrap_or(0) as f64 / 1000.0,
    );
    for t in tasks {
        t.abort();
    }
}

fn cpu(rt: &tokio::runtime::Runtime, a: &Args) {
    let n = a.sessions.unwrap_or(100);
    let window = Duration::from_secs(a.seconds.unwrap_or(10));
    let config = format!("{LIMITS}[ticker]\nmode = \"scroll\"\nspeed = 8\n");
    let server = Server::start("serve-cpu", &config);
    let hold = window * 2 + Duration::from_secs(30);
    let (seen, tasks) = start_sessions(rt, server.port, n, a, b"", hold);
    let got = wait_first_frames(&seen, Duration::from_secs(30));
    std::thread::sleep(Duration::from_secs(3));
    let hz = 100.0; // clock ticks a second on Linux
    let (t0, b0) = (server.cpu_ticks(), total_bytes(&seen));
    std::thread::sleep(window);
    let (t1, b1) = (server.cpu_ticks(), total_bytes(&seen));
    let cpu = (t1 - t0) as f64 / hz / window.as_secs_f64() * 100.0;
    let per_session = (b1 - b0) as f64 / n as f64 / window.as_secs_f64();
    println!(
        "ticker scrolling, {got}/{n} sessions ({}x{}): server CPU {cpu:.1}% of one core; \
         {per_session:.0} bytes/s a session, {:.1} bytes a step at 8 steps/s (status requests included)",
        a.cols,
        a.rows,
        per_session / 8.0
    );
    for t in tasks {
        t.abort();
    }
    drop(server);
    // Paused: `t` pauses the ticker.
    let server = Server::start("serve-paused", &config);
    let (seen, tasks) = start_sessions(rt, server.port, n, a, b"t", hold);
    let got = wait_first_frames(&seen, Duration::from_secs(30));
    std::thread::sleep(Duration::from_secs(3));
    let (s0, t0, b0) = (server.switches(), server.cpu_ticks(), total_bytes(&seen));
    std::thread::sleep(window);
    let (s1, t1, b1) = (server.switches(), server.cpu_ticks(), total_bytes(&seen));
    println!(
        "ticker paused, {got}/{n} sessions: {} context switches in {:.0} s across {} threads, \
         {} clock ticks of CPU, {} bytes sent",
        s1 - s0,
        window.as_secs_f64(),
        server.threads(),
        t1 - t0,
        b1 - b0
    );
    for t in tasks {
        t.abort();
    }
}

fn total_bytes(seen: &[Arc<Seen>]) -> u64 {
    seen.iter().map(|s| s.bytes.load(Ordering::Relaxed)).sum()
}

fn memory(rt: &tokio::runtime::Runtime, a: &Args) {
    let n = a.sessions.unwrap_or(1000);
    let config = format!("{LIMITS}[ticker]\nmode = \"static\"\n");
    let server = Server::start("serve-memory", &config);
    // The server's own, with one session come and gone (its runtime and archive warm).
    let (seen, tasks) = start_sessions(rt, server.port, 1, a, b"", Duration::from_secs(2));
    wait_first_frames(&seen, Duration::from_secs(10));
    for t in tasks {
        let _ = rt.block_on(t);
    }
    std::thread::sleep(Duration::from_secs(1));
    let own = server.rss_kib();
    let hold = Duration::from_secs(a.seconds.unwrap_or(20) + 60);
    let (seen, tasks) = start_sessions(rt, server.port, n, a, b"", hold);
    let got = wait_first_frames(&seen, Duration::from_secs(60));
    std::thread::sleep(Duration::from_secs(a.seconds.unwrap_or(5)));
    let held = server.rss_kib();
    println!(
        "memory, {got}/{n} idle sessions ({}x{}): the server's own {:.1} MiB, with them {:.1} MiB: \
         {:.0} KiB a session ({} threads)",
        a.cols,
        a.rows,
        own as f64 / 1024.0,
        held as f64 / 1024.0,
        (held.saturating_sub(own)) as f64 / got.max(1) as f64,
        server.threads()
    );
    for t in tasks {
        t.abort();
    }
}

fn load(rt: &tokio::runtime::Runtime, a: &Args) {
    let n = a.sessions.unwrap_or(1000);
    let hold = Duration::from_secs(a.seconds.unwrap_or(300));
    let config = format!("{LIMITS}[ticker]\nmode = \"scroll\"\nspeed = 8\n");
    let server = Server::start("serve-load", &config);
    let started = Instant::now();
    let (seen, tasks) = start_sessions(rt, server.port, n, a, b"", hold);
    let got = wait_first_frames(&seen, Duration::from_secs(120));
    let mut peak = 0;
    while started.elapsed() < hold {
        peak = peak.max(server.rss_kib());
        std::thread::sleep(Duration::from_secs(1));
    }
    let mut dropped = 0;
    let mut errors = Vec::new();
    for t in tasks {
        match rt.block_on(t) {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                dropped += 1;
                if errors.len() < 3 {
                    errors.push(e);
                }
            }
            Err(e) => {
                dropped += 1;
                errors.push(e.to_string());
            }
        }
    }
    println!(
        "load: {got}/{n} sessions drew their first frame, held {:.0} s with the ticker scrolling; \
         {dropped} dropped {errors:?}; {:.1} MB sent to them; server peak RSS {:.1} MiB",
        hold.as_secs_f64(),
        total_bytes(&seen) as f64 / 1e6,
        peak as f64 / 1024.0
    );
}

fn main() {
    let a = args();
    raise_open_files();
    if SPLIT.load(Ordering::Relaxed) {
        // SAFETY: sets this process's CPU mask from a set we own.
        unsafe {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(1, &mut set);
            libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set);
        }
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let all = a.phase == "all";
    if all || a.phase == "first" {
        first(&rt, &a);
    }
    if all || a.phase == "cpu" {
        cpu(&rt, &a);
    }
    if all || a.phase == "memory" {
        memory(&rt, &a);
    }
    if a.phase == "load" {
        load(&rt, &a);
    }
}

/// As many open files as allowed: each session is a socket here and one on the server.
fn raise_open_files() {
    // SAFETY: getrlimit/setrlimit read and write a struct we own.
    unsafe {
        let mut limit: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}
