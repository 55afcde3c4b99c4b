//! The JWKS cache against a real HTTP server on 127.0.0.1 that counts its
//! hits and can rotate keys.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::*;
use axum::Router;
use axum::routing::get;
use local_stack::authorizer::{authorize_cached, unix_now};
use local_stack::jwks::JwksCache;
use serde_json::Value;

struct JwksServer {
    url: String,
    hits: Arc<AtomicUsize>,
    document: Arc<Mutex<Value>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for JwksServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve_jwks(document: Value) -> JwksServer {
    let hits = Arc::new(AtomicUsize::new(0));
    let document = Arc::new(Mutex::new(document));
    let (h, d) = (Arc::clone(&hits), Arc::clone(&document));
    let router = Router::new().route(
        "/pool/.well-known/jwks.json",
        get(move || {
            h.fetch_add(1, Ordering::SeqCst);
            let body = d.lock().expect("not poisoned").to_string();
            async move { body }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    JwksServer {
        url: format!("http://127.0.0.1:{port}/pool/.well-known/jwks.json"),
        hits,
        document,
        task,
    }
}

#[tokio::test]
async fn unknown_kid_refetches_and_picks_up_a_rotated_key() {
    let server = serve_jwks(jwks_json(&keys().pool.to_public_key(), KID)).await;
    let cache = JwksCache::fetch_with_interval(server.url.clone(), Duration::ZERO)
        .await
        .expect("initial fetch");
    assert_eq!(server.hits.load(Ordering::SeqCst), 1);
    assert_eq!(cache.fetches(), 1, "the counter includes the initial fetch");

    // A known kid never causes a fetch.
    let token = valid_token();
    let header = token.parse().expect("header value");
    let verdict = authorize_cached(Some(&header), &cache, &expectations()).await;
    assert!(verdict.is_ok(), "{verdict:?}");
    assert_eq!(server.hits.load(Ordering::SeqCst), 1);
    assert_eq!(cache.fetches(), 1);

    // The pool rotates to a new key: the first token with its kid refetches.
    *server.document.lock().expect("not poisoned") =
        jwks_json(&keys().stranger.to_public_key(), "rotated");
    let rotated = sign_rs256(&id_claims(unix_now()), "rotated", &keys().stranger);
    let header = rotated.parse().expect("header value");
    let verdict = authorize_cached(Some(&header), &cache, &expectations()).await;
    assert!(verdict.is_ok(), "{verdict:?}");
    assert_eq!(server.hits.load(Ordering::SeqCst), 2);
    assert_eq!(cache.fetches(), 2, "the counter follows the server's hits");
}

#[tokio::test]
async fn unknown_kids_are_rate_limited() {
    let server = serve_jwks(jwks_json(&keys().pool.to_public_key(), KID)).await;
    let cache = JwksCache::fetch_with_interval(server.url.clone(), Duration::from_secs(3600))
        .await
        .expect("initial fetch");
    for n in 0..20 {
        let token = sign_rs256(&id_claims(unix_now()), &format!("junk-{n}"), &keys().pool);
        let header = token.parse().expect("header value");
        let verdict = authorize_cached(Some(&header), &cache, &expectations()).await;
        assert!(verdict.is_err());
    }
    assert_eq!(server.hits.load(Ordering::SeqCst), 1, "no refetch storm");
    assert_eq!(cache.fetches(), 1);
}

#[test]
fn the_fetch_count_line_is_what_xtask_bench_parses() {
    assert_eq!(
        local_stack::jwks::fetches_line(3),
        "local-stack: jwks fetches: 3"
    );
}

#[tokio::test]
async fn a_jwks_without_usable_keys_fails_at_start() {
    let server = serve_jwks(serde_json::json!({"keys": []})).await;
    let error = JwksCache::fetch(server.url.clone())
        .await
        .expect_err("an empty key set is refused");
    assert!(error.to_string().contains("no RS256 key"), "{error}");
}
