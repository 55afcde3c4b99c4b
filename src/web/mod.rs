//! The browser's plumbing, hand-written where a crate cost more bytes than
//! it saved: HTTP over `fetch`, JSON, `sessionStorage` and text helpers.

pub mod http;
pub mod json;
pub mod passkey;
pub mod storage;
pub mod text;

/// Milliseconds since the Unix epoch, by the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
