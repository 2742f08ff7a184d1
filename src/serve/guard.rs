//! A connection's stream with a deadline on authentication: until the client is in, its
//! reads fail once the deadline passes, whatever stage the handshake is at (a client that
//! connects and says nothing never gets as far as russh's own timers). Once in, it is the
//! plain stream.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

pub struct Guarded<S> {
    inner: S,
    deadline: Pin<Box<Sleep>>,
    authenticated: Arc<AtomicBool>,
    /// Said once when the deadline passes.
    on_timeout: Option<Box<dyn FnOnce() + Send>>,
}

impl<S> Guarded<S> {
    pub fn new(
        inner: S,
        within: std::time::Duration,
        authenticated: Arc<AtomicBool>,
        on_timeout: impl FnOnce() + Send + 'static,
    ) -> Guarded<S> {
        Guarded {
            inner,
            deadline: Box::pin(tokio::time::sleep(within)),
            authenticated,
            on_timeout: Some(Box::new(on_timeout)),
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Guarded<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if !self.authenticated.load(Ordering::SeqCst) && self.deadline.as_mut().poll(cx).is_ready()
        {
            if let Some(say) = self.on_timeout.take() {
                say();
            }
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "authentication took too long",
            )));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Guarded<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
