//! Fetching a page or a feed over HTTP(S): a blocking client made for command-line tools
//! (ureq with rustls: no OpenSSL, no async runtime), with limits on everything a server
//! could make unbounded, and a message for each way it can fail that names the address.

use std::fmt;
use std::io;
use std::time::Duration;

/// The most a body may hold, after decompression: a larger one (or a gzip bomb) is refused
/// when the limit is reached, not read to its end.
pub const MAX_BODY: u64 = 32 * 1024 * 1024;
/// Redirects followed before giving up.
pub const MAX_REDIRECTS: u32 = 5;
/// The whole request's default time limit.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// What to fetch, and what is known of it from the last time.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    pub url: &'a str,
    /// The whole request, body included (connecting has at most 10 s of it).
    pub timeout: Option<Duration>,
    /// The validators of the copy already held, for a conditional request.
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
}

/// What a server gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// `304 Not Modified`: the copy held is current.
    NotModified,
    Body(Page),
}

/// A body and what the server said of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The address it came from at last, after redirects.
    pub url: String,
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// Why a fetch failed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    pub url: String,
    pub failure: Failure,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Not an http or https address.
    NotWeb,
    /// The host name was not found.
    NotResolved,
    /// Nothing listens there.
    Refused,
    /// No answer in time; the time limit in seconds.
    Timeout(u64),
    /// The secure connection failed; the reason.
    Tls(String),
    /// The server answered with an error status.
    Status(u16),
    /// More redirects than [`MAX_REDIRECTS`].
    Redirects,
    /// A body over [`MAX_BODY`].
    TooLarge,
    /// Anything else the connection did; the reason.
    Other(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = crate::source::escape(&self.url);
        match &self.failure {
            Failure::NotWeb => write!(f, "cannot fetch '{url}': only http and https addresses"),
            Failure::NotResolved => {
                write!(f, "cannot fetch '{url}': the host name was not found")
            }
            Failure::Refused => write!(f, "cannot fetch '{url}': the connection was refused"),
            Failure::Timeout(secs) => write!(
                f,
                "cannot fetch '{url}': no complete answer within {secs} s (--timeout)"
            ),
            Failure::Tls(why) => {
                write!(
                    f,
                    "cannot fetch '{url}': the secure connection failed: {why}"
                )
            }
            Failure::Status(code) => write!(
                f,
                "cannot fetch '{url}': the server answered {code} {}",
                status_text(*code)
            ),
            Failure::Redirects => write!(
                f,
                "cannot fetch '{url}': more than {MAX_REDIRECTS} redirects (a redirect loop?)"
            ),
            Failure::TooLarge => write!(
                f,
                "cannot fetch '{url}': the page is too large (over {} MiB)",
                MAX_BODY / (1024 * 1024)
            ),
            Failure::Other(why) => write!(f, "cannot fetch '{url}': {why}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// Whether a command-line argument is a web address rather than a file.
pub fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetches one address.
pub fn fetch(req: &Request) -> Result<Fetched, FetchError> {
    let error = |failure| FetchError {
        url: req.url.to_owned(),
        failure,
    };
    match url::Url::parse(req.url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => {}
        Ok(_) => return Err(error(Failure::NotWeb)),
        Err(e) => return Err(error(Failure::Other(format!("not an address ({e})")))),
    }
    let timeout = req.timeout.unwrap_or(DEFAULT_TIMEOUT);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .timeout_connect(Some(timeout.min(Duration::from_secs(10))))
        .max_redirects(MAX_REDIRECTS)
        .max_redirects_will_error(true)
        .http_status_as_error(false)
        .user_agent(concat!(
            "bulletin/",
            env!("CARGO_PKG_VERSION"),
            " (terminal news reader)"
        ))
        .build()
        .into();
    let mut request = agent.get(req.url).header(
        "Accept",
        "text/html, application/rss+xml, application/atom+xml, application/feed+json, \
         application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5",
    );
    if let Some(etag) = req.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(lm) = req.last_modified {
        request = request.header("If-Modified-Since", lm);
    }
    let secs = timeout.as_secs().max(1);
    let https = req
        .url
        .get(..6)
        .is_some_and(|s| s.eq_ignore_ascii_case("https:"));
    // Until the answer's head has come, an https connection that ends is a handshake cut
    // short (a plain http server, say).
    let mut response = request.call().map_err(|e| error(failure(e, secs, https)))?;
    let status = response.status().as_u16();
    if status == 304 {
        return Ok(Fetched::NotModified);
    }
    if !(200..300).contains(&status) {
        return Err(error(Failure::Status(status)));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header("content-type");
    let etag = header("etag");
    let last_modified = header("last-modified");
    let url = {
        use ureq::ResponseExt;
        response.get_uri().to_string()
    };
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY)
        .read_to_vec()
        .map_err(|e| error(failure(e, secs, false)))?;
    Ok(Fetched::Body(Page {
        url,
        body,
        content_type,
        etag,
        last_modified,
    }))
}

/// What went wrong, as a person reads it. `handshake`: an https connection's answer had
/// not begun.
fn failure(e: ureq::Error, secs: u64, handshake: bool) -> Failure {
    match e {
        ureq::Error::HostNotFound => Failure::NotResolved,
        ureq::Error::Timeout(_) => Failure::Timeout(secs),
        ureq::Error::TooManyRedirects => Failure::Redirects,
        ureq::Error::BodyExceedsLimit(_) => Failure::TooLarge,
        ureq::Error::StatusCode(code) => Failure::Status(code),
        ureq::Error::Tls(why) => Failure::Tls(why.to_owned()),
        ureq::Error::Rustls(e) => Failure::Tls(e.to_string()),
        ureq::Error::ConnectionFailed => Failure::Refused,
        ureq::Error::Io(e) => io_failure(&e, secs, handshake),
        ureq::Error::BadUri(why) => Failure::Other(format!("not an address ({why})")),
        other => Failure::Other(other.to_string()),
    }
}

fn io_failure(e: &io::Error, secs: u64, handshake: bool) -> Failure {
    match e.kind() {
        io::ErrorKind::ConnectionRefused => Failure::Refused,
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Failure::Timeout(secs),
        io::ErrorKind::UnexpectedEof if handshake => {
            Failure::Tls("the server hung up in the handshake (is it an https server?)".to_owned())
        }
        io::ErrorKind::UnexpectedEof => {
            Failure::Other("the server closed the connection before the end".to_owned())
        }
        io::ErrorKind::InvalidData => Failure::Tls(crate::source::io_reason(e)),
        // std's resolver says so in its message only (getaddrinfo's error has no kind)
        _ if e.to_string().contains("lookup address") => Failure::NotResolved,
        _ => Failure::Other(crate::source::io_reason(e)),
    }
}

fn status_text(code: u16) -> &'static str {
    const KNOWN: [(u16, &str); 10] = [
        (400, "Bad Request"),
        (401, "Unauthorized"),
        (403, "Forbidden"),
        (404, "Not Found"),
        (410, "Gone"),
        (429, "Too Many Requests"),
        (500, "Internal Server Error"),
        (502, "Bad Gateway"),
        (503, "Service Unavailable"),
        (504, "Gateway Timeout"),
    ];
    match KNOWN.iter().find(|(c, _)| *c == code) {
        Some((_, text)) => text,
        None if (300..400).contains(&code) => "(a redirect without a place to go)",
        None if (400..500).contains(&code) => "(the request was refused)",
        None => "(the server failed)",
    }
}
