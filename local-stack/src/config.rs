//! `GET /config.json`: what the SPA needs to find Cognito and the API. The
//! deployed stack writes the same document next to the site.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::seed::PasswordPolicy;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicConfig {
    pub region: String,
    pub user_pool_id: String,
    pub user_pool_client_id: String,
    /// The API's origin as the browser sees it, without a trailing slash.
    pub api_url: String,
    /// moto's endpoint, with a trailing slash.
    pub cognito_endpoint: String,
    pub password_policy: PasswordPolicy,
    /// What people sign in with: `email`, `phone_number`, `username`.
    pub sign_in_with: Vec<String>,
    /// What sign-up asks for besides the username and password.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sign_up_attributes: Vec<String>,
    /// The client rotates refresh tokens: the app refreshes with
    /// GetTokensFromRefreshToken.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub refresh_token_rotation: bool,
    /// The pool's `AllowedFirstAuthFactors`, for a client with
    /// `ALLOW_USER_AUTH`: the app signs in by choice.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub first_auth_factors: Vec<String>,
}

impl PublicConfig {
    /// Serialised once at start; the values never change while we run.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }
}

/// The answer for `GET /config.json`; `no-store` so a restarted stack (new
/// ports, new pool) is never hidden by a cached copy. No CORS headers and
/// `Cross-Origin-Resource-Policy: same-origin`: only the site's own pages
/// may read it.
pub fn config_response(json: &str) -> Response {
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::HeaderName::from_static("cross-origin-resource-policy"),
                HeaderValue::from_static("same-origin"),
            ),
        ],
        json.to_string(),
    )
        .into_response()
}
