//! Serving a router on a listener with the limits a public-facing server
//! needs even on loopback: a header timeout (a client that sends half its
//! request head is cut off), a body limit (413), and the Host check
//! ([`crate::hosts`]) in front of every route. hyper's own HTTP/1
//! connections, so the header timeout is hyper's.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::middleware::from_fn_with_state;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower_http::limit::RequestBodyLimitLayer;

use crate::hosts::{AllowedHosts, check_host};

/// A request head must arrive whole within this.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Request bodies over this get 413. Cognito's JSON requests and the API's
/// are a few KB; the site takes no bodies.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone)]
pub struct Limits {
    pub header_timeout: Duration,
    pub max_body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: HEADER_TIMEOUT,
            max_body_bytes: MAX_BODY_BYTES,
        }
    }
}

/// Accepts connections until `shutdown` turns true, then waits for the open
/// ones to finish (the caller bounds that wait).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    hosts: AllowedHosts,
    limits: Limits,
    mut shutdown: watch::Receiver<bool>,
) -> std::io::Result<()> {
    // Outermost last: the Host check runs first (on every route, the
    // fallback and 405s too), then the body limit.
    let service = router
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
        .layer(from_fn_with_state(Arc::new(hosts), check_host));
    let graceful = GracefulShutdown::new();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            // An error means the sender is gone: shut down as well.
            _ = shutdown.wait_for(|stop| *stop) => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait a moment, go on.
            Err(e) if is_transient(&e) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
            Err(e) => return Err(e),
        };
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout);
        let connection = builder.serve_connection(
            TokioIo::new(stream),
            TowerToHyperService::new(service.clone()),
        );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client going away mid-request is its business, not ours.
            let _ = connection.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

fn is_transient(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionAborted | ConnectionReset | Interrupted | WouldBlock
    ) || e
        .raw_os_error()
        .is_some_and(|code| code == libc::EMFILE || code == libc::ENFILE)
}
