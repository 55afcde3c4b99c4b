//! The local Cognito endpoint: a thin front in front of moto that keeps
//! Cognito's documented shapes where moto falls short. It checks the
//! emailed codes (moto accepts any), implements ResendConfirmationCode and
//! RevokeToken (moto lacks both), checks the password policy on
//! ConfirmForgotPassword, answers CORS like the real endpoint, and can issue
//! short-lived tokens for tests. It runs what moto lacks of the newer
//! flows (issue 16): choice-based sign-in ([`user_auth`]), sign-up without
//! a password ([`passwordless`]), passkeys ([`passkeys`]) and refresh-token
//! rotation ([`rotation`]), with moto's own tokens at the end ([`issue`]).
//!
//! It is also what keeps other web pages out: only the operations a browser
//! may call without AWS credentials pass unsigned ([`access`]), nothing of
//! moto's own API is reachable (only the pool's JWKS passes through), and
//! the test controls under `/_local/` want the per-run secret and send no
//! CORS headers.

mod access;
mod account;
mod aliases;
mod answer;
mod attributes;
mod challenges;
pub mod codes;
mod control;
mod delivery;
mod factors;
mod flows;
mod issue;
pub mod mfa;
mod ops;
pub mod outbox;
mod passkeys;
mod passwordless;
mod policy;
pub mod pools;
mod recovery;
mod rotation;
mod sessions;
mod sign_in;
pub mod signer;
mod software_token;
mod totp;
mod user_auth;
mod users;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::from_fn;
use axum::middleware::from_fn_with_state;
use axum::response::Response;
use axum::routing::{get, post};
use http_body_util::BodyExt;
use serde_json::Value;

use crate::http_client::{self, Answer as HttpResponse};
use crate::seed::{self, TARGET_PREFIX};
use crate::state_file::LocalSecret;
use codes::CodeStore;
use outbox::Outbox;
use pools::PoolRules;
use signer::TokenSigner;

/// Requests larger than this are refused (413); the listener's own limit
/// ([`crate::serve::MAX_BODY_BYTES`]) is the same.
const MAX_REQUEST_BYTES: usize = crate::serve::MAX_BODY_BYTES;

pub struct CognitoFront {
    /// moto's endpoint, with a trailing slash.
    moto: String,
    /// The main pool first.
    pools: Vec<PoolRules>,
    codes: CodeStore,
    outbox: Outbox,
    /// Token lifetimes (seconds) asked for per person, by lowercase email.
    token_lifetimes: Mutex<HashMap<String, u64>>,
    signer: Result<TokenSigner, String>,
    local_secret: LocalSecret,
    sessions: sessions::Sessions,
    mfa: mfa::MfaStore,
    challenges: challenges::Challenges,
    attributes: attributes::PendingChanges,
    passwordless: passwordless::NoPassword,
    sign_up_sessions: passwordless::SignUpSessions,
    passkeys: passkeys::Passkeys,
    rotations: rotation::Rotations,
}

impl std::fmt::Debug for CognitoFront {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CognitoFront")
            .field("moto", &self.moto)
            .field("pools", &self.pools)
            .finish_non_exhaustive()
    }
}

impl CognitoFront {
    pub fn new(
        moto: String,
        pools: Vec<PoolRules>,
        signer: Result<TokenSigner, String>,
        local_secret: LocalSecret,
    ) -> CognitoFront {
        CognitoFront {
            moto,
            passkeys: passkeys::Passkeys::for_pools(&pools),
            pools,
            codes: CodeStore::default(),
            outbox: Outbox::default(),
            token_lifetimes: Mutex::default(),
            signer,
            local_secret,
            sessions: sessions::Sessions::default(),
            mfa: mfa::MfaStore::default(),
            challenges: challenges::Challenges::default(),
            attributes: attributes::PendingChanges::default(),
            passwordless: passwordless::NoPassword::default(),
            sign_up_sessions: passwordless::SignUpSessions::default(),
            rotations: rotation::Rotations::default(),
        }
    }

    async fn moto(&self, action: &str, body: Vec<u8>) -> Result<HttpResponse, Response> {
        seed::send_action(&self.moto, action, body)
            .await
            .map_err(answer::moto_unreachable)
    }

    fn lifetimes(&self) -> MutexGuard<'_, HashMap<String, u64>> {
        self.token_lifetimes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// How the front files what it keeps per person (codes, the outbox, token
/// lifetimes): emails, usernames and phone numbers, which Cognito matches
/// case-insensitively (as the CDK pool's usernames are).
pub fn person_key(username: &str) -> String {
    username.trim().to_lowercase()
}

/// `POST /` for the Cognito API and the pools' JWKS, with Cognito's CORS;
/// `/_local/…` for tests and people, with the secret and without CORS;
/// nothing else (moto's own `/moto-api/` least of all).
pub fn router(front: Arc<CognitoFront>) -> Router {
    let mut cognito = Router::new().route("/", post(operation));
    for pool in &front.pools {
        let jwks = format!("/{}/.well-known/jwks.json", pool.pool_id);
        cognito = cognito.route(&jwks, get(pass_through));
    }
    let cognito = cognito.layer(from_fn(answer::cors));
    let local = Router::new()
        .route("/_local/outbox", get(control::outbox))
        .route("/_local/token-lifetime", post(control::token_lifetime))
        .route("/_local/expire-codes", post(control::expire_codes))
        .layer(from_fn_with_state(
            Arc::clone(&front),
            control::require_secret,
        ));
    cognito.merge(local).fallback(not_found).with_state(front)
}

async fn not_found() -> Response {
    answer::error_with_status(StatusCode::NOT_FOUND, "NotFound", "Not found.")
}

async fn operation(
    State(front): State<Arc<CognitoFront>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let Some(target) = headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix(TARGET_PREFIX))
        .map(str::to_string)
    else {
        return answer::error("UnknownOperationException", "");
    };
    if let Some(refused) = access::refusal(&target, &headers) {
        return refused;
    }
    let body = match read_body(body).await {
        Ok(body) => body,
        Err(refused) => return refused,
    };
    let Ok(input) = serde_json::from_slice::<Value>(&body) else {
        return answer::error("SerializationException", "The request is not JSON.");
    };
    ops::dispatch(&front, &target, &input, body.to_vec()).await
}

async fn pass_through(State(front): State<Arc<CognitoFront>>, request: Request) -> Response {
    let method = request.method().clone();
    let path = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    let body = match read_body(request.into_body()).await {
        Ok(body) => body,
        Err(refused) => return refused,
    };
    let url = format!("{}{}", front.moto.trim_end_matches('/'), path);
    match http_client::send(method, &url, &[], body.to_vec()).await {
        Ok(answer) => relay(answer),
        Err(e) => answer::error_with_status(
            StatusCode::BAD_GATEWAY,
            "InternalErrorException",
            &e.to_string(),
        ),
    }
}

async fn read_body(body: Body) -> Result<Bytes, Response> {
    match http_body_util::Limited::new(body, MAX_REQUEST_BYTES)
        .collect()
        .await
    {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(answer::error_with_status(
            StatusCode::PAYLOAD_TOO_LARGE,
            "SerializationException",
            "The request is too large.",
        )),
        Err(_) => Err(answer::error(
            "SerializationException",
            "The request body could not be read.",
        )),
    }
}

/// moto's answer as ours: status, content type and body, none of moto's own
/// headers (its CORS and its `x-moto-…` secrets). moto's crashes (a 500
/// HTML page) become Cognito's InternalErrorException.
fn relay(answer: HttpResponse) -> Response {
    if answer.status.is_server_error() || !is_json(&answer) {
        return answer::error_with_status(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalErrorException",
            "The local Cognito (moto) failed on this request.",
        );
    }
    let mut response = Response::new(Body::from(answer.body));
    *response.status_mut() = answer.status;
    for name in ["content-type", "x-amzn-errortype"] {
        if let Some(value) = answer.headers.get(name) {
            response.headers_mut().insert(name, value.clone());
        }
    }
    response
}

/// moto labels some JSON answers text/html, so the body decides.
fn is_json(answer: &HttpResponse) -> bool {
    answer.body.is_empty() || serde_json::from_slice::<serde::de::IgnoredAny>(&answer.body).is_ok()
}
