//! Sessions as Cognito ends them: RevokeToken (moto lacks it) revokes a
//! refresh token and every access token issued with it, so later
//! REFRESH_TOKEN_AUTH, GetUser, GlobalSignOut and the other access-token
//! operations are refused; and ID tokens re-signed with the lifetime a test
//! asked for.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard, PoisonError};

use axum::response::Response;
use serde_json::{Value, json};

use super::{CognitoFront, answer, person_key, relay, signer};
use crate::http_client::Answer;

/// Refresh tokens and the access tokens issued with each.
#[derive(Default)]
pub struct Sessions {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    access_by_refresh: HashMap<String, Vec<String>>,
    revoked_refresh: HashSet<String>,
    revoked_access: HashSet<String>,
}

/// Tokens are secrets: Debug shows none.
impl std::fmt::Debug for Sessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sessions(<redacted>)")
    }
}

impl Sessions {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn issued(&self, refresh: &str, access: &str) {
        self.lock()
            .access_by_refresh
            .entry(refresh.to_string())
            .or_default()
            .push(access.to_string());
    }

    fn revoke(&self, refresh: &str) {
        let mut inner = self.lock();
        let access = inner.access_by_refresh.remove(refresh).unwrap_or_default();
        inner.revoked_access.extend(access);
        inner.revoked_refresh.insert(refresh.to_string());
    }

    pub fn refresh_revoked(&self, refresh: &str) -> bool {
        self.lock().revoked_refresh.contains(refresh)
    }

    pub fn access_revoked(&self, access: &str) -> bool {
        self.lock().revoked_access.contains(access)
    }
}

/// Operations that carry an `AccessToken` are refused for a revoked one.
pub fn revoked_access(front: &CognitoFront, input: &Value) -> Option<Response> {
    let access = input["AccessToken"].as_str()?;
    front
        .sessions
        .access_revoked(access)
        .then(|| answer::error("NotAuthorizedException", "Access Token has been revoked"))
}

/// Revokes a refresh token: later REFRESH_TOKEN_AUTH with it is refused,
/// and so are the access tokens issued with it.
pub fn revoke_token(front: &CognitoFront, input: &Value) -> Response {
    let token = input["Token"].as_str().unwrap_or_default();
    if super::pools::of_client(front, input).is_none() {
        return answer::error(
            "UnauthorizedException",
            "The client is not allowed to revoke this token.",
        );
    }
    if token.is_empty() {
        return answer::error("InvalidParameterException", "Token is required.");
    }
    // moto's refresh tokens are opaque; a JWT is an ID or access token.
    if signer::claims(token).is_some() {
        return answer::error(
            "UnsupportedTokenTypeException",
            "Only refresh tokens can be revoked.",
        );
    }
    front.sessions.revoke(token);
    answer::ok(&json!({}))
}

pub async fn initiate_auth(front: &CognitoFront, input: &Value, raw: Vec<u8>) -> Response {
    if let Some(refused) = super::flows::refused(front, input) {
        return refused;
    }
    if input["AuthFlow"] == "USER_AUTH" {
        return super::user_auth::initiate(front, input).await;
    }
    if let Some(refused) = super::rotation::refresh_refused(front, input) {
        return refused;
    }
    let refresh_token = input["AuthParameters"]["REFRESH_TOKEN"]
        .as_str()
        .unwrap_or_default();
    if !refresh_token.is_empty() && front.sessions.refresh_revoked(refresh_token) {
        return answer::error("NotAuthorizedException", "Refresh Token has been revoked");
    }
    let answer = match front.moto("InitiateAuth", raw).await {
        Ok(answer) => answer,
        Err(response) => return response,
    };
    let prevented =
        super::pools::of_client(front, input).is_some_and(|p| p.prevent_existence_errors);
    if prevented && answer.json()["__type"] == "UserNotFoundException" {
        return super::users::incorrect_credentials();
    }
    super::sign_in::after_moto(front, input, Ok(answer)).await
}

/// An answer that may hold an AuthenticationResult: its access token is
/// filed under its refresh token (the one issued, or the one sent), and its
/// ID token re-signed with the lifetime a test asked for this person, if
/// any. The access token stays moto's own: moto looks it up by value.
pub fn signed_in(
    front: &CognitoFront,
    input: &Value,
    answer: Result<Answer, Response>,
) -> Response {
    match answer {
        Ok(answer) if answer.status.is_success() => signed_in_output(front, input, answer.json()),
        Ok(answer) => relay(answer),
        Err(response) => response,
    }
}

/// [`signed_in`] for a successful answer already read.
pub fn signed_in_output(front: &CognitoFront, input: &Value, mut output: Value) -> Response {
    let result = &mut output["AuthenticationResult"];
    let refresh = result["RefreshToken"]
        .as_str()
        .or_else(|| input["AuthParameters"]["REFRESH_TOKEN"].as_str());
    if let (Some(refresh), Some(access)) = (refresh, result["AccessToken"].as_str()) {
        front.sessions.issued(refresh, access);
    }
    let Some(id_token) = result["IdToken"].as_str() else {
        return answer::ok(&output);
    };
    // Filed by email, or by username in pools without one.
    let person = signer::claims(id_token).and_then(|claims| {
        let name = claims["email"]
            .as_str()
            .or(claims["cognito:username"].as_str());
        Some(person_key(name?))
    });
    let lifetime = person.and_then(|person| front.lifetimes().get(&person).copied());
    let resigned = match (lifetime, &front.signer) {
        (Some(lifetime), Ok(signer)) => signer.with_lifetime(id_token, lifetime).ok(),
        _ => None,
    };
    if let Some(token) = resigned {
        result["IdToken"] = Value::from(token);
    }
    answer::ok(&output)
}
