//! Listeners and connections. The accept loops are hand-written (rather than `axum::serve`) so that the
//! simulator can do what a well-behaved server never does: drop a connection mid-request with a TCP
//! reset, or keep one open without answering. Every connection holds a permit from a fixed pool and
//! ends when the simulator stops, so nothing grows without bound and shutdown never waits on a client.

use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch, OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

/// At most this many connections (plain and TLS together) are open at once; further clients wait in the
/// kernel's accept backlog.
pub const MAX_CONNECTIONS: usize = 1024;
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// What a fault handler asks the connection it runs on to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ConnAction {
    /// Close at once with a TCP reset, without any response.
    Reset,
    /// Never answer; keep the socket open until the client leaves or the sim stops.
    Hang,
}

/// Request extension through which a handler reaches its connection.
#[derive(Clone, Debug)]
pub(crate) struct ConnControl(mpsc::Sender<ConnAction>);

impl ConnControl {
    pub(crate) async fn request(&self, action: ConnAction) {
        // A closed channel means the connection is already gone, which is what was asked for anyway.
        let _ = self.0.send(action).await;
    }
}

/// Resolves once the stop flag is set or its sender is gone.
pub(crate) async fn stopped(stop: &mut watch::Receiver<bool>) {
    while !*stop.borrow_and_update() {
        if stop.changed().await.is_err() {
            return;
        }
    }
}

/// Accepts connections until stopped, then aborts the ones still open.
pub(crate) async fn accept_loop(
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    router: Router,
    stop: watch::Receiver<bool>,
    permits: Arc<Semaphore>,
) {
    let mut connections = JoinSet::new();
    let mut watch_stop = stop.clone();
    loop {
        while connections.try_join_next().is_some() {}
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = stopped(&mut watch_stop) => break,
        };
        let tcp = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((tcp, _)) => tcp,
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = stopped(&mut watch_stop) => break,
        };
        let _ = tcp.set_nodelay(true);
        connections.spawn(connection(tcp, tls.clone(), router.clone(), stop.clone(), permit));
    }
    connections.shutdown().await;
}

async fn connection(
    tcp: TcpStream,
    tls: Option<TlsAcceptor>,
    router: Router,
    stop: watch::Receiver<bool>,
    _permit: OwnedSemaphorePermit,
) {
    match tls {
        None => match with_raw_handle(tcp) {
            Ok((io, raw)) => serve(io, Some(raw), router, stop).await,
            Err(e) => tracing::debug!(error = %e, "could not duplicate socket"),
        },
        Some(acceptor) => match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp)).await {
            Ok(Ok(stream)) => serve(stream, None, router, stop).await,
            Ok(Err(e)) => tracing::debug!(error = %e, "TLS handshake failed"),
            Err(_) => tracing::debug!("TLS handshake timed out"),
        },
    }
}

/// Splits off a second handle to the same socket, kept outside hyper so the connection can still be
/// reset or held open after hyper's side of it has been dropped.
fn with_raw_handle(tcp: TcpStream) -> io::Result<(TcpStream, TcpStream)> {
    let std = tcp.into_std()?;
    let raw = std.try_clone()?;
    Ok((TcpStream::from_std(std)?, TcpStream::from_std(raw)?))
}

async fn serve<I>(io: I, raw: Option<TcpStream>, router: Router, mut stop: watch::Receiver<bool>)
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (control, mut actions) = mpsc::channel(1);
    let control = ConnControl(control);
    let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
        request.extensions_mut().insert(control.clone());
        router.clone().oneshot(request)
    });
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(HEADER_READ_TIMEOUT);
    let mut conn = Box::pin(builder.serve_connection(TokioIo::new(io), service));
    let action = tokio::select! {
        result = &mut conn => {
            if let Err(e) = result {
                tracing::debug!(error = %e, "connection ended with an error");
            }
            return;
        }
        action = actions.recv() => action,
        () = stopped(&mut stop) => return,
    };
    match (action, raw) {
        (Some(ConnAction::Reset), Some(raw)) => {
            // Dropping both handles now closes the socket; zero linger turns the close into a reset.
            let _ = raw.set_zero_linger();
        }
        (Some(ConnAction::Hang), Some(raw)) => {
            drop(conn);
            hold_open(raw, stop).await;
        }
        (Some(ConnAction::Hang), None) => {
            tokio::select! {
                _ = &mut conn => {}
                () = stopped(&mut stop) => {}
            }
        }
        _ => {}
    }
}

/// Keeps a socket open without ever writing, discarding what the client sends, until it hangs up.
async fn hold_open(raw: TcpStream, mut stop: watch::Receiver<bool>) {
    let mut sink = [0u8; 1024];
    loop {
        tokio::select! {
            ready = raw.readable() => {
                if ready.is_err() {
                    return;
                }
                match raw.try_read(&mut sink) {
                    Ok(0) => return,
                    Ok(_) => {}
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(_) => return,
                }
            }
            () = stopped(&mut stop) => return,
        }
    }
}
