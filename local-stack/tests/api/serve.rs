//! The limits every listener has: a client that sends half its request
//! head is cut off after the header timeout, whole requests are served,
//! and a foreign Host gets 400 before any route.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::get;
use local_stack::hosts::AllowedHosts;
use local_stack::serve::{HEADER_TIMEOUT, Limits, serve};
use tokio::sync::watch;

async fn start(limits: Limits) -> (u16, watch::Sender<bool>, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let router = Router::new().route("/", get(|| async { "ok" }));
    let (stop, stopped) = watch::channel(false);
    let server = tokio::spawn(async move {
        serve(
            listener,
            router,
            AllowedHosts::for_port(port, &[]),
            limits,
            stopped,
        )
        .await
        .expect("serves");
    });
    (port, stop, server)
}

/// Reads until the server closes, on a blocking thread; how long it took.
async fn time_until_closed(mut stream: TcpStream, limit: Duration) -> (Duration, Vec<u8>) {
    tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        stream.set_read_timeout(Some(limit)).expect("timeout");
        let mut got = Vec::new();
        // An error (the read timeout) counts as "still open": the caller
        // compares the time with `limit`.
        let _ = stream.read_to_end(&mut got);
        (started.elapsed(), got)
    })
    .await
    .expect("reader")
}

#[tokio::test]
async fn half_a_request_head_is_cut_off_after_the_header_timeout() {
    let limits = Limits {
        header_timeout: Duration::from_millis(300),
        ..Limits::default()
    };
    let (port, stop, server) = start(limits).await;
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .write_all(format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: ").as_bytes())
        .expect("write");
    let (waited, _) = time_until_closed(stream, Duration::from_secs(5)).await;
    assert!(
        waited < Duration::from_secs(3),
        "the half-sent request was held for {waited:?}"
    );
    let _ = stop.send(true);
    server.await.expect("stops");
}

#[tokio::test]
async fn whole_requests_are_served_and_foreign_hosts_refused() {
    let (port, stop, server) = start(Limits::default()).await;
    for (host, status) in [
        (format!("127.0.0.1:{port}"), "200"),
        (format!("localhost:{port}"), "200"),
        (format!("rebound.example:{port}"), "400"),
    ] {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .write_all(
                format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
            )
            .expect("write");
        let (_, answer) = time_until_closed(stream, Duration::from_secs(5)).await;
        let answer = String::from_utf8_lossy(&answer);
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{host}: {answer}"
        );
    }
    let _ = stop.send(true);
    server.await.expect("stops");
}

#[test]
fn the_header_timeout_is_short() {
    assert!(HEADER_TIMEOUT <= Duration::from_secs(10));
}
