//! Shared pieces of the end-to-end tests: the stack under test, a browser
//! session owned by a guard, and a plain HTTP client for the API.
//!
//! The stack is started by `cargo xtask test`, which passes its state file in
//! `E2E_STATE_FILE`; run these tests through it.

pub mod a11y;
pub mod browser;
pub mod cdp;
pub mod flows;
pub mod http;
pub mod passkey;
pub mod perf;
pub mod stack;

use std::time::{Duration, Instant};

/// How long any awaited condition may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// Polls `condition` until it returns `Some`, failing after [`DEADLINE`].
pub async fn eventually<T, F, Fut>(what: &str, condition: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    eventually_within(what, DEADLINE, condition).await
}

/// Polls `condition` every 50 ms until it returns `Some`, failing after
/// `limit`.
pub async fn eventually_within<T, F, Fut>(what: &str, limit: Duration, mut condition: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + limit;
    loop {
        if let Some(value) = condition().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A fresh address per test run, so tests never collide on a username.
pub fn unique_email(tag: &str) -> String {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    format!("{tag}-{nanos:x}-{n}@example.com")
}

/// A password that meets the local pool's policy.
pub const PASSWORD: &str = "Corr3ct-Horse!";
