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
    /// The `Content-Location` the server gave: the document's own address, against which
    /// its relative links resolve (else `url`).
    pub content_location: Option<String>,
}

impl Page {
    /// The address the document's relative links resolve against: its `Content-Location`
    /// (itself resolved against the address fetched), else the address fetched.
    pub fn base(&self) -> String {
        match &self.content_location {
            Some(location) => url::Url::parse(&self.url)
                .and_then(|u| u.join(location))
                .map(String::from)
                .unwrap_or_else(|_| self.url.clone()),
            None => self.url.clone(),
        }
    }
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
    let secs = timeout.as_secs().max(1);
    let deadline = std::time::Instant::now() + timeout;
    // Redirects are followed here, not by the client: each address is looked at before it
    // is asked (a `file:` or `javascript:` one is refused, not sent to the same host as a
    // path), and a failure is told for the address that failed (a redirect to https on a
    // plain port is a handshake that failed, not a time-out).
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(connect_limit(timeout)))
        .max_redirects(0)
        .max_redirects_will_error(false)
        .http_status_as_error(false)
        .user_agent(concat!(
            "bulletin/",
            env!("CARGO_PKG_VERSION"),
            " (terminal news reader)"
        ))
        .build()
        .into();
    let mut url = req.url.to_owned();
    let mut hops = 0;
    let mut response = loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(error(Failure::Timeout(secs)));
        }
        let mut request = agent
            .get(&url)
            .header(
                "Accept",
                "text/html, application/rss+xml, application/atom+xml, application/feed+json, \
                 application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5",
            )
            .config()
            .timeout_global(Some(left))
            .build();
        if let Some(etag) = req.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(lm) = req.last_modified {
            request = request.header("If-Modified-Since", lm);
        }
        let https = url
            .get(..6)
            .is_some_and(|s| s.eq_ignore_ascii_case("https:"));
        // Until the answer's head has come, an https connection that ends is a handshake cut
        // short (a plain http server, say).
        let response = request
            .call()
            .map_err(|e| error(failure(e, secs, https, redirected(req.url, &url))))?;
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok());
        match (status, location) {
            (301 | 302 | 303 | 307 | 308, Some(to)) => {
                if hops == MAX_REDIRECTS {
                    return Err(error(Failure::Redirects));
                }
                hops += 1;
                url = next_address(&url, to).map_err(error)?;
            }
            _ => break response,
        }
    };
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
    let content_location = header("content-location");
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY)
        .read_to_vec()
        .map_err(|e| error(failure(e, secs, false, None)))?;
    Ok(Fetched::Body(Page {
        url,
        body,
        content_type,
        etag,
        last_modified,
        content_location,
    }))
}

/// Connecting, the TLS handshake with it, has at most this much of the time limit.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The time connecting may take: 10 s, or three quarters of a shorter limit (so that a
/// handshake never answered is told as such, not as the whole request's time-out).
fn connect_limit(timeout: Duration) -> Duration {
    CONNECT_TIMEOUT.min(timeout * 3 / 4)
}

/// The address a redirect leads to, resolved against the one that answered; only http and
/// https are followed.
fn next_address(from: &str, location: &str) -> Result<String, Failure> {
    let base =
        url::Url::parse(from).map_err(|e| Failure::Other(format!("not an address ({e})")))?;
    let shown = crate::source::escape(location.get(..200).unwrap_or(location));
    let refused = || Failure::Other(format!("a redirect to a non-HTTP address ('{shown}')"));
    let next = base.join(location.trim()).map_err(|_| refused())?;
    if !matches!(next.scheme(), "http" | "https") || next.host_str().is_none_or(str::is_empty) {
        return Err(refused());
    }
    Ok(next.to_string())
}

/// The address asked last, when a redirect led away from the first.
fn redirected<'a>(first: &str, last: &'a str) -> Option<&'a str> {
    (first != last).then_some(last)
}

/// What went wrong, as a person reads it. `handshake`: an https connection's answer had
/// not begun; `via`: the address a redirect led to, where that is where it failed.
fn failure(e: ureq::Error, secs: u64, handshake: bool, via: Option<&str>) -> Failure {
    let at = via.map_or(String::new(), |v| {
        format!(" (redirected to '{}')", crate::source::escape(v))
    });
    match e {
        ureq::Error::HostNotFound => Failure::NotResolved,
        // A connection that does not come up within its limit, at an https address: the
        // handshake was never answered (a plain server waits for a request line).
        ureq::Error::Timeout(ureq::Timeout::Connect) if handshake => Failure::Tls(format!(
            "no answer to the handshake{at} (is it an https server?)"
        )),
        ureq::Error::Timeout(_) => Failure::Timeout(secs),
        ureq::Error::TooManyRedirects => Failure::Redirects,
        ureq::Error::BodyExceedsLimit(_) => Failure::TooLarge,
        ureq::Error::StatusCode(code) => Failure::Status(code),
        ureq::Error::Tls(why) => Failure::Tls(format!("{why}{at}")),
        ureq::Error::Rustls(e) => Failure::Tls(format!("{e}{at}")),
        ureq::Error::ConnectionFailed => Failure::Refused,
        ureq::Error::Io(e) => io_failure(&e, secs, handshake, &at),
        ureq::Error::BadUri(why) => Failure::Other(format!("not an address ({why})")),
        other => Failure::Other(other.to_string()),
    }
}

fn io_failure(e: &io::Error, secs: u64, handshake: bool, at: &str) -> Failure {
    match e.kind() {
        io::ErrorKind::ConnectionRefused => Failure::Refused,
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Failure::Timeout(secs),
        io::ErrorKind::UnexpectedEof if handshake => Failure::Tls(format!(
            "the server hung up in the handshake{at} (is it an https server?)"
        )),
        io::ErrorKind::UnexpectedEof => {
            Failure::Other("the server closed the connection before the end".to_owned())
        }
        io::ErrorKind::InvalidData => Failure::Tls(format!("{}{at}", crate::source::io_reason(e))),
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
