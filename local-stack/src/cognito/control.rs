//! `/_local/…`: what the real service does by email and by the clock, made
//! reachable for people and tests. Local only: nothing like it is deployed.
//! Every request needs the per-run secret (the state file's `localSecret`,
//! in [`LOCAL_SECRET_HEADER`]); no answer carries CORS headers, so no web
//! page can read one.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Value, json};
use stack_contract::cognito::LOCAL_SECRET_HEADER;

use super::{CognitoFront, answer, person_key};
use crate::percent::percent_decode;
use crate::pools::Medium;

/// Refuses (403) a request without the secret, before any control runs.
pub async fn require_secret(
    State(front): State<Arc<CognitoFront>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let offered = request
        .headers()
        .get(LOCAL_SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if front.local_secret.matches(offered) {
        next.run(request).await
    } else {
        answer::error_with_status(
            StatusCode::FORBIDDEN,
            "AccessDeniedException",
            "The test controls need the secret from the state file.",
        )
    }
}

/// `GET /_local/outbox?to=EMAIL` (or `to=+15555550100`): the last code
/// sent to that address or phone number, and how (`EMAIL`, `SMS`).
pub async fn outbox(State(front): State<Arc<CognitoFront>>, RawQuery(query): RawQuery) -> Response {
    let to = query
        .as_deref()
        .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("to=")))
        .and_then(percent_decode)
        .unwrap_or_default();
    match front.outbox.latest(&to) {
        Some(message) => answer::ok(&json!({
            "to": to,
            "medium": match message.medium {
                Medium::Email => "EMAIL",
                Medium::Sms => "SMS",
            },
            "purpose": message.purpose.as_str(),
            "code": message.code,
        })),
        None => answer::error_with_status(
            StatusCode::NOT_FOUND,
            "NotFound",
            "No code has been sent to that address or number.",
        ),
    }
}

/// `POST /_local/token-lifetime {"username": EMAIL, "seconds": N}`: ID
/// tokens issued to that person from now on expire N seconds after issue.
pub async fn token_lifetime(State(front): State<Arc<CognitoFront>>, body: Bytes) -> Response {
    let input: Value = serde_json::from_slice(&body).unwrap_or_default();
    let (Some(username), Some(seconds)) = (input["username"].as_str(), input["seconds"].as_u64())
    else {
        return answer::error("InvalidParameterException", "Send username and seconds.");
    };
    if let Err(why) = &front.signer {
        return answer::error_with_status(
            StatusCode::SERVICE_UNAVAILABLE,
            "InternalErrorException",
            why,
        );
    }
    front
        .lifetimes()
        .insert(person_key(username), seconds.max(1));
    answer::ok(&json!({}))
}

/// `POST /_local/expire-codes {"username": EMAIL}`: the codes sent to that
/// person so far are out of date, as if a day had passed, and so are their
/// open sign-in challenges (as if 3 minutes had) and the grace periods of
/// their rotated refresh tokens.
pub async fn expire_codes(State(front): State<Arc<CognitoFront>>, body: Bytes) -> Response {
    let input: Value = serde_json::from_slice(&body).unwrap_or_default();
    let Some(username) = input["username"].as_str() else {
        return answer::error("InvalidParameterException", "Send username.");
    };
    let now = Instant::now();
    let expired = front.codes.expire(username, now)
        + front.challenges.expire(username)
        + front.rotations.end_grace(username, now);
    answer::ok(&json!({ "expired": expired }))
}
