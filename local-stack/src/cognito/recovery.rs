//! Password recovery: ForgotPassword sends a code to people in the pool
//! (the front's own, in place of the one moto makes up);
//! ConfirmForgotPassword checks the code and the pool's password policy,
//! which moto does not.

use std::time::Instant;

use axum::response::Response;
use serde_json::Value;

use super::codes::Purpose;
use super::ops::{code_error, forward, send_code, text};
use super::{CognitoFront, answer, policy, relay, users};

pub async fn forgot_password(front: &CognitoFront, input: &Value, raw: Vec<u8>) -> Response {
    if let Some(refused) = users::wrong_client(front, input) {
        return refused;
    }
    let username = text(input, "Username");
    // moto answers "sent" for nobody too; the front sends only to people.
    match users::lookup(front, username).await {
        Ok(Some(_)) => {}
        Ok(None) if front.prevent_existence_errors => return users::code_emailed_to(username),
        Ok(None) => return users::not_found(),
        Err(response) => return response,
    }
    let answer = match front.moto("ForgotPassword", raw).await {
        Ok(answer) if answer.status.is_success() => answer,
        Ok(answer) => return relay(answer),
        Err(response) => return response,
    };
    if answer
        .headers
        .contains_key("x-moto-forgot-password-confirmation-code")
    {
        send_code(front, Purpose::PasswordReset, username);
    }
    users::code_emailed_to(username)
}

pub async fn confirm_forgot_password(
    front: &CognitoFront,
    input: &Value,
    raw: Vec<u8>,
) -> Response {
    if let Some(refused) = users::wrong_client(front, input) {
        return refused;
    }
    let username = text(input, "Username");
    match users::lookup(front, username).await {
        Ok(Some(_)) => {}
        Ok(None) if front.prevent_existence_errors => return users::expired_code(),
        Ok(None) => return users::not_found(),
        Err(response) => return response,
    }
    if let Some(message) = policy::violation(&front.policy, text(input, "Password")) {
        return answer::error("InvalidPasswordException", message);
    }
    let code = text(input, "ConfirmationCode");
    match front
        .codes
        .redeem(Purpose::PasswordReset, username, code, Instant::now())
    {
        Ok(()) => forward(front, "ConfirmForgotPassword", raw).await,
        Err(error) => code_error(error),
    }
}
