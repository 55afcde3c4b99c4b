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

use axum::http::StatusCode;
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
    call(
        front,
        json!({"UserPoolId": pool.pool_id, "ClientId": pool.client_id, "Username": username}),
    )
    .await
}

async fn call(front: &CognitoFront, request: Value) -> Result<Value, Response> {
    let url = format!("{}{SIGN_IN_PATH}", front.moto);
    let answer = http_client::send(
        Method::POST,
        &url,
        &[("Content-Type", "application/json")],
        request.to_string().into_bytes(),
    )
    .await
    .map_err(|e| {
        answer::error_with_status(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalErrorException",
            &format!("The local Cognito (moto) did not answer: {e}"),
        )
    })?;
    let output = answer.json();
    if answer.status.is_success() && output["AuthenticationResult"]["AccessToken"].is_string() {
        Ok(output)
    } else {
        // Nobody by that name, or a refresh token moto no longer has.
        Err(answer::error(
            "NotAuthorizedException",
            "Incorrect username or password.",
        ))
    }
}
