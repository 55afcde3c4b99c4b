//! Answers shaped like Cognito's JSON API: `application/x-amz-json-1.1`,
//! errors as HTTP 400 `{"__type": …, "message": …}` with the type repeated in
//! `x-amzn-ErrorType`, and CORS open to every origin as the real endpoint is,
//! except that the preflight does not allow `Authorization` (see
//! [`super::access`]).

use axum::body::Body;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
/// No `Authorization`: admin operations are for the AWS CLI and SDKs, which
/// send no preflight, never for a web page.
pub const ALLOW_HEADERS: &str =
    "Content-Type,X-Amz-Target,X-Amz-User-Agent,X-Amz-Date,Cache-Control";
const EXPOSE_HEADERS: &str = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";

pub fn ok(body: &Value) -> Response {
    json_response(StatusCode::OK, body.to_string())
}

pub fn error(kind: &str, message: &str) -> Response {
    error_with_status(StatusCode::BAD_REQUEST, kind, message)
}

pub fn error_with_status(status: StatusCode, kind: &str, message: &str) -> Response {
    let body = json!({ "__type": kind, "message": message });
    let mut response = json_response(status, body.to_string());
    if let Ok(value) = HeaderValue::from_str(&format!("{kind}:")) {
        response.headers_mut().insert("x-amzn-errortype", value);
    }
    response
}

/// moto did not answer (it died, or its port is gone): Cognito's word for
/// a failure on its side.
pub fn moto_unreachable(why: impl std::fmt::Display) -> Response {
    error_with_status(
        StatusCode::INTERNAL_SERVER_ERROR,
        "InternalErrorException",
        &format!("The local Cognito (moto) did not answer: {why}"),
    )
}

pub fn json_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE))],
        body,
    )
        .into_response()
}

/// Preflights answered before anything else; every other answer, errors
/// included, readable from any origin.
pub async fn cors(request: Request<Body>, next: Next) -> Response {
    if request.method() == Method::OPTIONS {
        return (
            StatusCode::OK,
            [
                (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
                (header::ACCESS_CONTROL_ALLOW_METHODS, "POST,GET,OPTIONS"),
                (header::ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS),
                (header::ACCESS_CONTROL_MAX_AGE, "600"),
            ],
        )
            .into_response();
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
    response
}

/// Cognito shows where a code went without the whole address: `a***@e***`.
pub fn mask_email(email: &str) -> String {
    let (local, domain) = email.trim().split_once('@').unwrap_or((email, ""));
    let first = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
    format!("{}***@{}***", first(local), first(domain))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_like_cognito() {
        assert_eq!(mask_email("ana@example.com"), "a***@e***");
        assert_eq!(mask_email("weird"), "w***@***");
    }

    #[test]
    fn errors_carry_the_type_in_body_and_header() {
        let response = error("CodeMismatchException", "Invalid code.");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            response.headers()["x-amzn-errortype"],
            "CodeMismatchException:"
        );
        assert_eq!(response.headers()[header::CONTENT_TYPE], CONTENT_TYPE);
    }
}
