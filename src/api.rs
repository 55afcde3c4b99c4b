//! The protected API: `GET {apiUrl}/hello` with the raw ID token in
//! `Authorization`, as API Gateway's Cognito authorizer expects.

use crate::i18n::{Messages, fill};
use crate::web::http::{self, FetchError};
use crate::web::json;
use crate::web::text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The API refused the token; the session is no longer usable.
    Unauthorized,
    Throttled,
    Timeout,
    Network,
    Http(u16),
    Malformed,
}

impl ApiError {
    /// What to tell the person, in the chosen language.
    pub fn message(&self, m: &Messages) -> String {
        let text = match self {
            Self::Unauthorized => m.api_unauthorized,
            Self::Throttled => m.api_throttled,
            Self::Timeout => m.api_timeout,
            Self::Network => m.api_network,
            Self::Http(status) => return fill(m.api_http, &[&text::decimal((*status).into())]),
            Self::Malformed => m.api_malformed,
        };
        text.to_owned()
    }
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
        200 => json::read_string(body).map_err(|_| ApiError::Malformed),
        401 | 403 => Err(ApiError::Unauthorized),
        429 => Err(ApiError::Throttled),
        _ => Err(ApiError::Http(status)),
    }
}
