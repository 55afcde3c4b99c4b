//! The protected API: `GET {apiUrl}/hello` with the raw ID token in
//! `Authorization`, as API Gateway's Cognito authorizer expects.

use crate::http::{self, FetchError};
use crate::json;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The API refused the token; the session is no longer usable.
    #[error("Your session has expired or is no longer valid. Please sign in again.")]
    Unauthorized,
    #[error("The API is busy right now. Wait a moment and try again.")]
    Throttled,
    #[error("The API did not answer in time. Try again.")]
    Timeout,
    #[error("Could not reach the API. Check your connection and try again.")]
    Network,
    #[error("The API had a problem (HTTP {0}). Try again in a moment.")]
    Http(u16),
    #[error("The API sent an answer the app could not read.")]
    Malformed,
}

/// Calls `/hello` and returns the greeting.
pub async fn hello(url: &str, id_token: &str) -> Result<String, ApiError> {
    let answer = http::get(url, &[("Authorization", id_token)])
        .await
        .map_err(|e| match e {
            FetchError::Timeout => ApiError::Timeout,
            FetchError::Network => ApiError::Network,
        })?;
    decode_hello(answer.status, &answer.body)
}

/// The greeting is a JSON string; 401 and 403 both mean the token is refused.
pub fn decode_hello(status: u16, body: &str) -> Result<String, ApiError> {
    match status {
        200 => match json::parse(body) {
            Ok(json::Value::String(greeting)) => Ok(greeting),
            _ => Err(ApiError::Malformed),
        },
        401 | 403 => Err(ApiError::Unauthorized),
        429 => Err(ApiError::Throttled),
        _ => Err(ApiError::Http(status)),
    }
}
