//! The one place the app touches `fetch`: every request gets a timeout, and
//! failures are reduced to what callers can explain to a person.

use gloo_net::http::{Request, RequestBuilder};

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

pub async fn post(url: &str, headers: &[(&str, &str)], body: String) -> Result<Answer, FetchError> {
    let builder = headers
        .iter()
        .fold(Request::post(url), |b, (k, v)| b.header(k, v));
    send(builder, Some(body)).await
}

pub async fn get(url: &str, headers: &[(&str, &str)]) -> Result<Answer, FetchError> {
    let builder = headers
        .iter()
        .fold(Request::get(url), |b, (k, v)| b.header(k, v));
    send(builder, None).await
}

async fn send(builder: RequestBuilder, body: Option<String>) -> Result<Answer, FetchError> {
    let signal = web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let builder = builder.abort_signal(Some(&signal));
    let request = match body {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(|_| FetchError::Network)?;
    let classify = |e: gloo_net::Error| match e {
        gloo_net::Error::JsError(js) if js.name == "TimeoutError" => FetchError::Timeout,
        _ => FetchError::Network,
    };
    let response = request.send().await.map_err(classify)?;
    let status = response.status();
    let error_type = response.headers().get("x-amzn-ErrorType");
    let body = response.text().await.map_err(classify)?;
    Ok(Answer {
        status,
        error_type,
        body,
    })
}
