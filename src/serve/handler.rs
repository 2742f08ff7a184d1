//! One SSH connection (russh's `Handler`): who the client is, what it may ask for, and the
//! one session channel it gets, a reader with a pty or a command's output without one.
//! Nothing else is ever run: no shell, no forwarding, no agent, no X11, no subsystem.

use super::limits::Ticket;
use super::session::{self, ToSession};
use super::shared::Shared;
use super::Stats;
use crate::text::glyphs::Glyphs;
use russh::keys::HashAlg;
use russh::server::{Auth, ChannelOpenHandle, Msg, Response, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, Disconnect, MethodKind, MethodSet, Pty};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::mpsc;

/// The commands a client without a pty may give (`ssh host json`).
pub const USAGE: &str =
    "usage: ssh HOST [plain|json|rates] (with a terminal, no command: the reader)";

/// One connection's state.
pub struct Client {
    pub shared: Arc<Shared>,
    /// The connection's place among the limits, or why it has none.
    pub admitted: Result<Ticket, String>,
    pub authenticated: Arc<AtomicBool>,
    pub stats: Arc<Stats>,
    pub runtime: tokio::runtime::Handle,
    /// The key's fingerprint, when the client offered one and proved it.
    fingerprint: Option<String>,
    channel: Option<ChannelId>,
    pty: Option<PtyAsked>,
    locale: Locale,
    reader: Option<mpsc::Sender<ToSession>>,
}

#[derive(Debug, Clone)]
struct PtyAsked {
    term: String,
    width: u16,
    height: u16,
}

/// The client's `LC_ALL`, `LC_CTYPE` and `LANG`, as its `env` requests gave them.
#[derive(Debug, Default, Clone)]
struct Locale([Option<String>; 3]);

impl Locale {
    /// UTF-8 unless the client says otherwise.
    fn glyphs(&self) -> Glyphs {
        Glyphs::locale_in(&self.0).map_or(Glyphs::Unicode, Glyphs::of_locale)
    }
}

impl Client {
    pub fn new(
        shared: Arc<Shared>,
        admitted: Result<Ticket, String>,
        stats: Arc<Stats>,
        runtime: tokio::runtime::Handle,
    ) -> Client {
        Client {
            shared,
            admitted,
            authenticated: Arc::new(AtomicBool::new(false)),
            stats,
            runtime,
            fingerprint: None,
            channel: None,
            pty: None,
            locale: Locale::default(),
            reader: None,
        }
    }

    /// The methods left after `none`: a key, else in without a word.
    fn methods() -> MethodSet {
        MethodSet::from(&[MethodKind::PublicKey, MethodKind::KeyboardInteractive][..])
    }

    /// Whose read state this session keeps: the key's, or its own for the session.
    fn visitor(&self) -> String {
        match &self.fingerprint {
            Some(f) => f.clone(),
            None => format!(
                "{}{}-{}",
                crate::archive::ANONYMOUS,
                std::process::id(),
                self.stats.id
            ),
        }
    }

    /// A command's output, then the channel closed with its status.
    fn reply(&self, session: &mut Session, channel: ChannelId, out: &str, err: &str, status: u32) {
        let crlf = |s: &str| match self.pty {
            // The client's terminal is raw: a new line needs its carriage return.
            Some(_) => s.replace('\n', "\r\n"),
            None => s.to_owned(),
        };
        if !out.is_empty() {
            self.stats.add_out(out.len() as u64);
            let _ = session.data(channel, crlf(out).into_bytes());
        }
        if !err.is_empty() {
            let _ = session.extended_data(channel, 1, crlf(err).into_bytes());
        }
        self.stats.set_ended(if status == 0 {
            "command done".to_owned()
        } else {
            "unknown command".to_owned()
        });
        let _ = session.exit_status_request(channel, status);
        let _ = session.eof(channel);
        let _ = session.close(channel);
    }

    /// What a command without the reader prints: the latest day as plain text, JSON, or
    /// its rates.
    fn command(&self, session: &mut Session, channel: ChannelId, command: &str) {
        let bulletin = self.shared.latest();
        let glyphs = self.locale.glyphs();
        let width = self
            .pty
            .as_ref()
            .map_or(80, |p| usize::from(p.width.max(20)));
        match command.trim() {
            "" | "plain" => {
                let text = crate::text::plain::render(&bulletin, width, glyphs);
                self.reply(session, channel, &text, "", 0);
            }
            "json" => match serde_json::to_string_pretty(&*bulletin) {
                Ok(json) => self.reply(session, channel, &(json + "\n"), "", 0),
                Err(e) => self.reply(session, channel, "", &format!("bulletin: {e}\n"), 1),
            },
            "rates" => {
                let text = rates_table(&bulletin);
                self.reply(session, channel, &text, "", 0);
            }
            _ => self.reply(session, channel, "", &format!("{USAGE}\n"), 1),
        }
    }
}

/// The day's rates as a table: pair, value, change.
pub fn rates_table(bulletin: &crate::model::Bulletin) -> String {
    if bulletin.rates.is_empty() {
        return "no rates this day\n".into();
    }
    let wide = bulletin
        .rates
        .iter()
        .map(|r| r.pair.len())
        .max()
        .unwrap_or(0);
    let value_wide = bulletin
        .rates
        .iter()
        .map(|r| r.value.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    if let Some(date) = bulletin.date {
        out.push_str(&format!("rates of {}\n", date.long()));
    }
    for rate in &bulletin.rates {
        let change = rate.change.as_deref().unwrap_or("");
        let line = format!("{:wide$}  {:>value_wide$}  {change}", rate.pair, rate.value);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

impl russh::server::Handler for Client {
    type Error = russh::Error;

    /// OpenSSH's client tries `none` first: the answer names what is left, so that a key
    /// offered is seen before the anonymous way in.
    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(Auth::Reject {
            proceed_with_methods: Some(Self::methods()),
            partial_success: false,
        })
    }

    async fn auth_password(&mut self, _user: &str, _password: &str) -> Result<Auth, Self::Error> {
        Ok(Auth::Reject {
            proceed_with_methods: Some(Self::methods()),
            partial_success: false,
        })
    }

    /// Any key: no account exists, a key only names a visitor.
    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        self.fingerprint = Some(key.public_key.fingerprint(HashAlg::Sha256).to_string());
        Ok(Auth::Accept)
    }

    /// The anonymous way in: no prompt, nothing asked.
    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        _user: &str,
        _submethods: &str,
        _response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        Ok(Auth::Accept)
    }

    /// In: over a limit, the client is told why in one line and disconnected.
    async fn auth_succeeded(&mut self, session: &mut Session) -> Result<(), Self::Error> {
        self.authenticated.store(true, Ordering::SeqCst);
        self.stats.set_who(
            self.fingerprint
                .clone()
                .unwrap_or_else(|| "anonymous".into()),
        );
        if let Err(why) = &self.admitted {
            self.stats.set_ended(format!("refused: {why}"));
            session.disconnect(Disconnect::TooManyConnections, why, "")?;
        }
        Ok(())
    }

    /// One session channel a connection.
    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.is_some() || self.admitted.is_err() {
            return Ok(()); // dropped: refused
        }
        self.channel = Some(channel.id());
        reply.accept().await;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.pty = Some(PtyAsked {
            term: term.to_owned(),
            width: clamp(col_width, 80),
            height: clamp(row_height, 24),
        });
        session.channel_success(channel)?;
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (width, height) = (clamp(col_width, 80), clamp(row_height, 24));
        if let Some(pty) = &mut self.pty {
            (pty.width, pty.height) = (width, height);
        }
        if let Some(reader) = &self.reader {
            let _ = reader.send(ToSession::Resize(width, height)).await;
        }
        Ok(())
    }

    /// Only what says how to show text: the locale and the terminal's name.
    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let value = Some(value.chars().take(64).collect::<String>());
        match name {
            "LC_ALL" => self.locale.0[0] = value,
            "LC_CTYPE" => self.locale.0[1] = value,
            "LANG" => self.locale.0[2] = value,
            "TERM" => {
                if let (Some(pty), Some(v)) = (&mut self.pty, value) {
                    pty.term = v;
                }
            }
            n if n.starts_with("LC_") => {}
            _ => {
                session.channel_failure(channel)?;
                return Ok(());
            }
        }
        session.channel_success(channel)?;
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)?;
        let Some(pty) = self
            .pty
            .clone()
            .filter(|p| p.term != "dumb" && !p.term.is_empty())
        else {
            // No terminal to draw on (or a dumb one): the plain text.
            self.command(session, channel, "plain");
            return Ok(());
        };
        let start = session::Start {
            shared: Arc::clone(&self.shared),
            visitor: self.visitor(),
            width: pty.width,
            height: pty.height,
            glyphs: self.locale.glyphs(),
            handle: session.handle(),
            channel,
            runtime: self.runtime.clone(),
            stats: Arc::clone(&self.stats),
        };
        match session::start(start) {
            Ok(reader) => self.reader = Some(reader),
            Err(e) => self.reply(
                session,
                channel,
                "",
                &format!("bulletin: cannot start the reader: {e}\n"),
                1,
            ),
        }
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)?;
        let command = String::from_utf8_lossy(data).into_owned();
        self.command(session, channel, &command);
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.stats.add_in(data.len() as u64);
        if let Some(reader) = &self.reader {
            // Waits while the reader is behind: SSH's flow control holds the client.
            let _ = reader.send(ToSession::Bytes(data.to_vec())).await;
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.gone().await;
        Ok(())
    }

    async fn channel_close(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.gone().await;
        Ok(())
    }
}

impl Client {
    /// The client closed its side: the reader ends.
    async fn gone(&mut self) {
        if let Some(reader) = self.reader.take() {
            let _ = reader.send(ToSession::Gone).await;
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Some(reader) = self.reader.take() {
            let _ = reader.try_send(ToSession::Gone);
        }
    }
}

/// A size the client claims, as the reader takes it (0 means "unknown": the default).
fn clamp(n: u32, default: u16) -> u16 {
    match n {
        0 => default,
        n => u16::try_from(n).unwrap_or(u16::MAX),
    }
}
