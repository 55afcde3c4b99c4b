//! CORS as the deployed API has it: API Gateway's generated OPTIONS method
//! (no authorizer) and gateway responses that put
//! `Access-Control-Allow-Origin: *` on every 4XX/5XX, so the browser can
//! read a 401 instead of seeing a network error.

use axum::body::Body;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub const ALLOW_ORIGIN: HeaderValue = HeaderValue::from_static("*");
pub const ALLOW_METHODS: &str = "GET,OPTIONS";
pub const ALLOW_HEADERS: &str =
    "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent";
pub const MAX_AGE_SECS: &str = "600";

/// The answer to any preflight, without looking at credentials.
pub fn preflight() -> Response {
    (
        StatusCode::NO_CONTENT,
        [
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, ALLOW_ORIGIN),
            (
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static(ALLOW_METHODS),
            ),
            (
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static(ALLOW_HEADERS),
            ),
            (
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static(MAX_AGE_SECS),
            ),
        ],
    )
        .into_response()
}

/// Middleware for API routes: answers OPTIONS itself (before any route or
/// authorizer runs) and makes sure every other answer, including errors and
/// panics turned into 500s further in, carries the allow-origin header.
pub async fn api_cors(request: Request<Body>, next: Next) -> Response {
    if request.method() == Method::OPTIONS {
        return preflight();
    }
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .entry(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .or_insert(ALLOW_ORIGIN);
    response
}
