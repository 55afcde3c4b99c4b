//! Tokens for sign-ins moto cannot run: a code by email or SMS, a passkey,
//! the session of a confirmed passwordless sign-up, and a rotated refresh
//! token. moto looks access tokens up by value (GetUser, GlobalSignOut)
//! and refresh tokens too, so tokens the front minted itself would be
//! refused everywhere moto answers. Instead moto's guard
//! (`python/moto_guard.py`, in moto's own process) signs the person in the
//! way moto's password sign-in ends: the tokens are moto's, and GetUser,
//! GlobalSignOut, RevokeToken, refresh and the local API take them.
//!
//! Chosen over setting a random password with AdminSetUserPassword and
//! signing in with it: that would replace the password of a person who has
//! one and signs in with a code or a passkey this time.

use axum::response::Response;
use hyper::Method;
use serde_json::{Value, json};

use super::pools::PoolRules;
use super::{CognitoFront, answer};
use crate::http_client;

/// The guard's path (see `SIGN_IN_PATH` in `moto_guard.py`).
const SIGN_IN_PATH: &str = "_front/sign-in";

/// A fresh sign-in for this person (moto's username, or an email in email
/// pools): `{"AuthenticationResult": {...}, "ChallengeParameters": {}}`.
pub async fn sign_in(
    front: &CognitoFront,
    pool: &PoolRules,
    username: &str,
) -> Result<Value, Response> {
    let request =
        json!({"UserPoolId": pool.pool_id, "ClientId": pool.client_id, "Username": username});
    // Nobody by that name: as a wrong password.
    call(front, request)
        .await?
        .ok_or_else(super::users::incorrect_credentials)
}

/// A fresh sign-in, a new refresh token with it, for whoever this refresh
/// token was issued to; `None` if moto no longer has the token (signed out
/// everywhere). The old token stays valid in moto: the front decides how
/// long ([`super::rotation`]).
pub async fn rotate(
    front: &CognitoFront,
    pool: &PoolRules,
    refresh_token: &str,
) -> Result<Option<Value>, Response> {
    let request = json!({"UserPoolId": pool.pool_id, "ClientId": pool.client_id,
                         "RefreshToken": refresh_token});
    call(front, request).await
}

/// The guard's sign-in, or `None` where it refused.
async fn call(front: &CognitoFront, request: Value) -> Result<Option<Value>, Response> {
    let url = format!("{}{SIGN_IN_PATH}", front.moto);
    let answer = http_client::send(
        Method::POST,
        &url,
        &[("Content-Type", "application/json")],
        request.to_string().into_bytes(),
    )
    .await
    .map_err(answer::moto_unreachable)?;
    let output = answer.json();
    let signed_in =
        answer.status.is_success() && output["AuthenticationResult"]["AccessToken"].is_string();
    Ok(signed_in.then_some(output))
}
