//! The one place the app touches `fetch`: every request gets a timeout, and
//! failures are reduced to what callers can explain to a person. Straight
//! `web_sys` calls: a wrapper crate cost bytes for nothing the app needs.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, Response};

/// Long enough for a slow mobile network, short enough that nobody waits
/// on a dead connection forever.
const TIMEOUT_MS: u32 = 15_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchError {
    Network,
    Timeout,
}

/// A finished HTTP exchange, whatever its status.
pub struct Answer {
    pub status: u16,
    /// `x-amzn-ErrorType`, which AWS services set on errors.
    pub error_type: Option<String>,
    pub body: String,
}

// `send`'s future itself rather than an `async` wrapper around it: each
// wrapper is a state machine of its own (0.3 KB of brotli for the two).
pub fn post<'a>(
    url: &'a str,
    headers: &'a [(&'a str, &'a str)],
    body: String,
) -> impl Future<Output = Result<Answer, FetchError>> + 'a {
    send("POST", url, headers, Some(body))
}

pub fn get<'a>(
    url: &'a str,
    headers: &'a [(&'a str, &'a str)],
) -> impl Future<Output = Result<Answer, FetchError>> + 'a {
    send("GET", url, headers, None)
}

/// A rejection is a timeout when the abort signal fired (`TimeoutError`),
/// anything else a network failure.
fn classify(error: JsValue) -> FetchError {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) if error.name() == "TimeoutError" => FetchError::Timeout,
        _ => FetchError::Network,
    }
}

async fn send(
    method: &'static str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<String>,
) -> Result<Answer, FetchError> {
    let init = RequestInit::new();
    init.set_method(method);
    let header_map = Headers::new().map_err(classify)?;
    for (name, value) in headers {
        header_map.set(name, value).map_err(classify)?;
    }
    init.set_headers(&header_map);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(&body));
    }
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    let request = Request::new_with_str_and_init(url, &init).map_err(classify)?;
    let window = web_sys::window().ok_or(FetchError::Network)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(classify)?
        .unchecked_into();
    let status = response.status();
    let error_type = response.headers().get("x-amzn-ErrorType").ok().flatten();
    let text = JsFuture::from(response.text().map_err(classify)?)
        .await
        .map_err(classify)?;
    Ok(Answer {
        status,
        error_type,
        body: text.as_string().unwrap_or_default(),
    })
}
