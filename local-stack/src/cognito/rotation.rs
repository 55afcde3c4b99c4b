//! `GetTokensFromRefreshToken` (moto lacks it) and refresh-token
//! rotation. Where the client rotates refresh tokens
//! (`RefreshTokenRotation`), each refresh answers a new refresh token
//! with the new ID and access tokens; the old one still works for the
//! client's `RetryGracePeriodSeconds` (for retries) and is refused after
//! with `RefreshTokenReuseException`; `REFRESH_TOKEN_AUTH` is refused
//! altogether, as Cognito refuses it for such clients. Without rotation it
//! refreshes as `REFRESH_TOKEN_AUTH` does (no new refresh token).
//!
//! The new tokens are moto's own ([`super::issue::rotate`]); moto keeps
//! the old refresh token valid, so the front is what ends it.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::response::Response;
use serde_json::{Value, json};

use super::ops::text;
use super::pools::{self, PoolRules};
use super::{CognitoFront, answer, issue, person_key, sessions, signer};

/// Refresh tokens replaced by rotation. Tokens inside: Debug shows none.
#[derive(Default)]
pub struct Rotations {
    replaced: Mutex<HashMap<String, Replaced>>,
}

impl std::fmt::Debug for Rotations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Rotations(<redacted>)")
    }
}

struct Replaced {
    /// Usable until then (the first rotation plus the grace period).
    until: Instant,
    /// Whose it was, for [`Rotations::end_grace`].
    person: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Use {
    /// Never rotated, or within its grace period.
    Allowed,
    /// Rotated and its grace period over.
    Reused,
}

impl Rotations {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Replaced>> {
        self.replaced.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn check(&self, refresh_token: &str, now: Instant) -> Use {
        match self.lock().get(refresh_token) {
            Some(replaced) if now >= replaced.until => Use::Reused,
            _ => Use::Allowed,
        }
    }

    /// The token was rotated now: its grace period starts with the first
    /// rotation only (a retry does not extend it).
    pub fn rotated(&self, refresh_token: &str, person: &str, grace: Duration, now: Instant) {
        self.lock()
            .entry(refresh_token.to_string())
            .or_insert_with(|| Replaced {
                until: now + grace,
                person: person_key(person),
            });
    }

    /// Ends the grace period of every refresh token of this person rotated
    /// so far, as if it had passed (tests use it instead of waiting).
    pub fn end_grace(&self, person: &str, now: Instant) -> usize {
        let who = person_key(person);
        let mut ended = 0;
        for replaced in self.lock().values_mut() {
            if replaced.person == who {
                replaced.until = now;
                ended += 1;
            }
        }
        ended
    }
}

/// `InitiateAuth` `REFRESH_TOKEN_AUTH` on a client that rotates: refused.
pub fn refresh_refused(front: &CognitoFront, input: &Value) -> Option<Response> {
    let flow = text(input, "AuthFlow");
    let rotates = pools::of_client(front, input).is_some_and(|p| p.rotation_grace.is_some());
    (rotates && matches!(flow, "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN")).then(|| {
        answer::error(
            "NotAuthorizedException",
            "Refresh token rotation is enabled for this client: refresh with GetTokensFromRefreshToken.",
        )
    })
}

pub async fn get_tokens_from_refresh_token(front: &CognitoFront, input: &Value) -> Response {
    let Some(pool) = pools::of_client(front, input) else {
        return pools::unknown_client();
    };
    let refresh_token = text(input, "RefreshToken");
    if refresh_token.is_empty() {
        return answer::error(
            "InvalidParameterException",
            "Missing required parameter RefreshToken",
        );
    }
    if front.sessions.refresh_revoked(refresh_token) {
        return answer::error("NotAuthorizedException", "Refresh Token has been revoked");
    }
    match pool.rotation_grace {
        Some(grace) => rotate(front, pool, input, refresh_token, grace).await,
        None => refresh(front, pool, refresh_token).await,
    }
}

async fn rotate(
    front: &CognitoFront,
    pool: &PoolRules,
    input: &Value,
    refresh_token: &str,
    grace: Duration,
) -> Response {
    let now = Instant::now();
    if front.rotations.check(refresh_token, now) == Use::Reused {
        return answer::error(
            "RefreshTokenReuseException",
            "The refresh token has been invalidated by rotation.",
        );
    }
    let output = match issue::rotate(front, pool, refresh_token).await {
        Ok(Some(output)) => output,
        Ok(None) => return invalid_refresh_token(),
        Err(response) => return response,
    };
    let person = signer::claims(text(&output["AuthenticationResult"], "IdToken"))
        .and_then(|claims| {
            claims["email"]
                .as_str()
                .or(claims["cognito:username"].as_str())
                .map(str::to_string)
        })
        .unwrap_or_default();
    front.rotations.rotated(refresh_token, &person, grace, now);
    sessions::signed_in_output(front, input, without_challenge_parameters(output))
}

/// As `REFRESH_TOKEN_AUTH`: new ID and access tokens, no refresh token.
async fn refresh(front: &CognitoFront, pool: &PoolRules, refresh_token: &str) -> Response {
    let request = json!({
        "ClientId": pool.client_id,
        "AuthFlow": "REFRESH_TOKEN_AUTH",
        "AuthParameters": {"REFRESH_TOKEN": refresh_token},
    });
    match front
        .moto("InitiateAuth", request.to_string().into_bytes())
        .await
    {
        Ok(answer) if answer.status.is_success() => {
            sessions::signed_in_output(front, &request, without_challenge_parameters(answer.json()))
        }
        Ok(_) => invalid_refresh_token(),
        Err(response) => response,
    }
}

/// GetTokensFromRefreshToken answers `AuthenticationResult` only.
fn without_challenge_parameters(output: Value) -> Value {
    json!({ "AuthenticationResult": output["AuthenticationResult"] })
}

fn invalid_refresh_token() -> Response {
    answer::error("NotAuthorizedException", "Invalid Refresh Token")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rotated_token_works_until_its_grace_period_ends() {
        let rotations = Rotations::default();
        let now = Instant::now();
        let grace = Duration::from_secs(10);
        assert_eq!(rotations.check("old", now), Use::Allowed);
        rotations.rotated("old", "Ana@example.com", grace, now);
        assert_eq!(rotations.check("old", now + grace / 2), Use::Allowed);
        // A retry within the grace period does not extend it.
        rotations.rotated("old", "ana@example.com", grace, now + grace / 2);
        assert_eq!(rotations.check("old", now + grace), Use::Reused);
        assert_eq!(rotations.check("new", now + grace), Use::Allowed);
    }

    #[test]
    fn the_grace_period_can_be_ended_by_hand_per_person() {
        let rotations = Rotations::default();
        let now = Instant::now();
        let grace = Duration::from_secs(60);
        rotations.rotated("ana's", "ana@example.com", grace, now);
        rotations.rotated("bo's", "bo@example.com", grace, now);
        assert_eq!(rotations.end_grace("ANA@example.com", now), 1);
        assert_eq!(rotations.check("ana's", now), Use::Reused);
        assert_eq!(rotations.check("bo's", now), Use::Allowed);
        assert!(!format!("{rotations:?}").contains("ana"));
    }

    #[test]
    fn no_grace_period_ends_it_at_once() {
        let rotations = Rotations::default();
        let now = Instant::now();
        rotations.rotated("old", "ana", Duration::ZERO, now);
        assert_eq!(rotations.check("old", now), Use::Reused);
    }
}
