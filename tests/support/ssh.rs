//! `bulletin serve` started in a scratch home on 127.0.0.1 port 0, and a real OpenSSH
//! client (`ssh`) to reach it: for a command's output, or in a pty for the reader.

use super::home::Home;
use super::pty::Session;
use portable_pty::CommandBuilder;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A server running, its log on a file of its own.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub log: PathBuf,
}

impl Server {
    /// `bulletin serve --listen 127.0.0.1:0` in `home`, with `args`; waits for the address
    /// it prints.
    pub fn start(home: &Home, args: &[&str]) -> Server {
        Server::start_on(home, "127.0.0.1:0", args)
    }

    pub fn start_on(home: &Home, listen: &str, args: &[&str]) -> Server {
        let log = home
            .files
            .join(format!("serve-{}.log", listen.replace(':', "_")));
        let mut child = home
            .std_cmd()
            .args(["serve", "--listen", listen])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let port = first
            .split("listening on 127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| {
                let log = std::fs::read_to_string(&log).unwrap_or_default();
                panic!("no address printed: {first:?}\n{log}")
            });
        Server { child, port, log }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the server logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits for the log to hold `text`.
    pub fn wait_for_log(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let log = self.log();
            if log.contains(text) {
                return log;
            }
            assert!(
                start.elapsed() < super::pty::WAIT,
                "the log never said {text:?}:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Resident memory now, in KiB.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    /// The OpenSSH options that reach this server from `home`: no config file, the
    /// scratch home's known_hosts, `key` or no key at all.
    pub fn ssh_args(&self, home: &Home, key: Option<&std::path::Path>) -> Vec<String> {
        let known = home.files.join("known_hosts");
        let mut args: Vec<String> = vec![
            "-F".into(),
            "/dev/null".into(),
            "-o".into(),
            "StrictHostKeyChecking=accept-new".into(),
            "-o".into(),
            format!("UserKnownHostsFile={}", known.display()),
            "-o".into(),
            "IdentitiesOnly=yes".into(),
            "-o".into(),
            "BatchMode=no".into(),
            "-o".into(),
            "LogLevel=ERROR".into(),
            "-o".into(),
            "ConnectTimeout=10".into(),
            "-p".into(),
            self.port.to_string(),
        ];
        match key {
            Some(key) => args.extend(["-i".into(), key.display().to_string()]),
            None => args.extend(["-o".into(), "IdentityFile=none".into()]),
        }
        args
    }

    /// `ssh` in the scratch home, for a command's output.
    pub fn ssh(&self, home: &Home, key: Option<&std::path::Path>) -> std::process::Command {
        let mut cmd = home.program("ssh");
        cmd.args(self.ssh_args(home, key)).stdin(Stdio::null());
        cmd
    }

    /// `ssh -t` in a pty of `cols`×`rows`: the reader, as a person sees it.
    pub fn ssh_in_pty(
        &self,
        home: &Home,
        key: Option<&std::path::Path>,
        cols: u16,
        rows: u16,
        extra: &[&str],
    ) -> Session {
        let mut cmd = CommandBuilder::new("ssh");
        cmd.args(self.ssh_args(home, key));
        cmd.args(extra);
        cmd.args(["-t", "127.0.0.1"]);
        let env = home.env();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Session::spawn(cmd, cols, rows, &env)
    }

    /// SIGTERM, and the exit code within `limit`.
    pub fn terminate(&mut self, limit: Duration) -> Option<i32> {
        super::signal(self.pid(), libc::SIGTERM);
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A key made by `ssh-keygen` in the home's folder: its path and its SHA-256 fingerprint.
pub fn keygen(home: &Home, name: &str) -> (PathBuf, String) {
    let path = home.files.join(name);
    let made = home
        .program("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&path)
        .status()
        .unwrap();
    assert!(made.success());
    let out = home
        .program("ssh-keygen")
        .args(["-l", "-E", "sha256", "-f"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let fingerprint = text.split_whitespace().nth(1).unwrap().to_owned();
    (path, fingerprint)
}
