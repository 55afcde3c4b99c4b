//! The Cognito user-pools authorizer of API Gateway, as far as a client can
//! observe it: the ID token in `Authorization`, raw or after `Bearer `
//! (API Gateway takes both: its console's authorizer test and AWS's own
//! workshops send `Bearer <token>`, the original example sends it raw),
//! RS256 signatures from the pool's JWKS, issuer and `token_use` checked,
//! `aud` matched against the identity validation expression the CDK stack
//! sets (the app client's id), and the two 401 bodies API Gateway sends.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jsonwebtoken::{Algorithm, Validation};
use serde::Deserialize;

use crate::cors;
use crate::jwks::{JwksCache, KeySet};

/// A Cognito ID token is 1-2 KB; a much longer header is rejected before
/// any base64 or JSON parsing.
pub const MAX_TOKEN_BYTES: usize = 10 * 1024;
/// The scheme API Gateway's Cognito authorizer strips when present.
pub const BEARER: &str = "Bearer ";
/// Allowed clock skew for `nbf` and `iat`.
pub const LEEWAY_SECS: u64 = 5;

/// Why a request was refused. Both answer 401; only the body differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    Unauthorized,
    Expired,
}

impl Rejection {
    pub fn message(self) -> &'static str {
        match self {
            Rejection::Unauthorized => "Unauthorized",
            Rejection::Expired => "The incoming token has expired",
        }
    }

    /// The exact body API Gateway sends.
    pub fn body(self) -> String {
        serde_json::json!({ "message": self.message() }).to_string()
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        (
            StatusCode::UNAUTHORIZED,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                ),
                (header::ACCESS_CONTROL_ALLOW_ORIGIN, cors::ALLOW_ORIGIN),
            ],
            self.body(),
        )
            .into_response()
    }
}

/// What a token must name to be accepted for this pool and client:
/// `issuer` as the authorizer's user pool, `audience` as its identity
/// validation expression (CDK sets it to the app client's id, which has no
/// regex metacharacters, so a match is equality).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectations {
    pub issuer: String,
    pub audience: String,
}

impl Expectations {
    pub fn for_pool(region: &str, user_pool_id: &str, client_id: &str) -> Expectations {
        Expectations {
            issuer: format!("https://cognito-idp.{region}.amazonaws.com/{user_pool_id}"),
            audience: client_id.to_string(),
        }
    }
}

/// The claims we check (plus `sub`, for callers). Strict types: Cognito's
/// `aud` and `iss` are single strings and its times are integers.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct IdClaims {
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub token_use: String,
    pub exp: u64,
    pub iat: u64,
    #[serde(default)]
    pub nbf: Option<u64>,
}

/// Takes the token out of the header value and reads its `kid`, without
/// trusting anything yet.
pub fn token_and_kid(value: Option<&HeaderValue>) -> Result<(&str, String), Rejection> {
    let value = value.ok_or(Rejection::Unauthorized)?;
    if value.len() > MAX_TOKEN_BYTES || value.is_empty() {
        return Err(Rejection::Unauthorized);
    }
    let token = value.to_str().map_err(|_| Rejection::Unauthorized)?;
    let token = token.strip_prefix(BEARER).unwrap_or(token);
    let header = jsonwebtoken::decode_header(token).map_err(|_| Rejection::Unauthorized)?;
    if header.alg != Algorithm::RS256 {
        return Err(Rejection::Unauthorized);
    }
    let kid = header.kid.ok_or(Rejection::Unauthorized)?;
    Ok((token, kid))
}

/// Verifies signature and claims at time `now` (seconds since the epoch).
/// Expiry is checked last, so "expired" is only said of an otherwise valid
/// token, as API Gateway does.
pub fn verify(
    token: &str,
    kid: &str,
    keys: &KeySet,
    expect: &Expectations,
    now: u64,
) -> Result<IdClaims, Rejection> {
    let key = keys.get(kid).ok_or(Rejection::Unauthorized)?;
    let mut validation = Validation::new(Algorithm::RS256);
    // Time claims are checked below against `now`, which tests control.
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.set_required_spec_claims(&["exp", "iss", "aud"]);
    validation.set_issuer(&[&expect.issuer]);
    validation.set_audience(&[&expect.audience]);
    let claims = jsonwebtoken::decode::<IdClaims>(token, key, &validation)
        .map_err(|_| Rejection::Unauthorized)?
        .claims;
    // Belt and braces: jsonwebtoken accepts an issuer list too.
    if claims.iss != expect.issuer || claims.aud != expect.audience {
        return Err(Rejection::Unauthorized);
    }
    // Access tokens are signed by the same key but are not accepted here.
    if claims.token_use != "id" {
        return Err(Rejection::Unauthorized);
    }
    if claims.iat > now.saturating_add(LEEWAY_SECS)
        || claims
            .nbf
            .is_some_and(|nbf| nbf > now.saturating_add(LEEWAY_SECS))
    {
        return Err(Rejection::Unauthorized);
    }
    if claims.exp <= now {
        return Err(Rejection::Expired);
    }
    Ok(claims)
}

/// Both steps against a fixed key set.
pub fn authorize(
    value: Option<&HeaderValue>,
    keys: &KeySet,
    expect: &Expectations,
    now: u64,
) -> Result<IdClaims, Rejection> {
    let (token, kid) = token_and_kid(value)?;
    verify(token, &kid, keys, expect, now)
}

/// Both steps against the live cache, which may refetch on an unknown kid.
pub async fn authorize_cached(
    value: Option<&HeaderValue>,
    cache: &JwksCache,
    expect: &Expectations,
) -> Result<IdClaims, Rejection> {
    let (token, kid) = token_and_kid(value)?;
    let keys = cache.keys_for(&kid).await;
    verify(token, &kid, &keys, expect, unix_now())
}

pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}
