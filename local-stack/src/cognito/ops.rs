//! The operations the front handles itself, before or after moto: sign-up
//! and its confirmation here, recovery and sessions in their own modules.

use std::time::Instant;

use axum::response::Response;
use serde_json::Value;

use super::codes::{CodeError, Purpose};
use super::{CognitoFront, answer, recovery, relay, sessions, users};

pub async fn dispatch(front: &CognitoFront, target: &str, input: &Value, raw: Vec<u8>) -> Response {
    if let Some(refused) = sessions::revoked_access(front, input) {
        return refused;
    }
    match target {
        "SignUp" => sign_up(front, input, raw).await,
        "ConfirmSignUp" => confirm_sign_up(front, input, raw).await,
        "ResendConfirmationCode" => resend_confirmation_code(front, input).await,
        "ForgotPassword" => recovery::forgot_password(front, input, raw).await,
        "ConfirmForgotPassword" => recovery::confirm_forgot_password(front, input, raw).await,
        "RevokeToken" => sessions::revoke_token(front, input),
        "InitiateAuth" => sessions::initiate_auth(front, input, raw).await,
        "RespondToAuthChallenge" => {
            sessions::signed_in(front, input, front.moto(target, raw).await)
        }
        _ => forward(front, target, raw).await,
    }
}

pub fn text<'a>(input: &'a Value, key: &str) -> &'a str {
    input[key].as_str().unwrap_or_default()
}

pub async fn forward(front: &CognitoFront, target: &str, raw: Vec<u8>) -> Response {
    match front.moto(target, raw).await {
        Ok(answer) => relay(answer),
        Err(response) => response,
    }
}

/// moto signs the person up; the front sends the code and reports where,
/// masked as Cognito masks it.
async fn sign_up(front: &CognitoFront, input: &Value, raw: Vec<u8>) -> Response {
    let answer = match front.moto("SignUp", raw).await {
        Ok(answer) if answer.status.is_success() => answer,
        Ok(answer) => return relay(answer),
        Err(response) => return response,
    };
    let mut output = answer.json();
    if !output.is_object() {
        return relay(answer);
    }
    let username = text(input, "Username");
    if output["UserConfirmed"] != Value::Bool(true) {
        send_code(front, Purpose::SignUp, username);
        output["CodeDeliveryDetails"] = answer::emailed_to(username);
    }
    answer::ok(&output)
}

pub fn send_code(front: &CognitoFront, purpose: Purpose, username: &str) {
    let code = front.codes.issue(purpose, username, Instant::now());
    front.outbox.send(username, purpose, code);
}

pub fn code_error(error: CodeError) -> Response {
    match error {
        CodeError::Expired => users::expired_code(),
        CodeError::Mismatch | CodeError::NoneSent => answer::error(
            "CodeMismatchException",
            "Invalid verification code provided, please try again.",
        ),
        CodeError::TooManyAttempts => answer::error(
            "LimitExceededException",
            "Attempt limit exceeded, please try after some time.",
        ),
    }
}

/// Only an unconfirmed person with the live code is confirmed: a confirmed
/// one is refused as Cognito refuses it, and with no code on record (none
/// sent, or sent before a restart) every code is wrong.
async fn confirm_sign_up(front: &CognitoFront, input: &Value, raw: Vec<u8>) -> Response {
    if let Some(refused) = users::wrong_client(front, input) {
        return refused;
    }
    let username = text(input, "Username");
    let user = match users::lookup(front, username).await {
        Ok(Some(user)) => user,
        Ok(None) if front.prevent_existence_errors => return users::expired_code(),
        Ok(None) => return users::not_found(),
        Err(response) => return response,
    };
    let status = user["UserStatus"].as_str().unwrap_or("UNKNOWN");
    if status != "UNCONFIRMED" {
        return answer::error(
            "NotAuthorizedException",
            &format!("User cannot be confirmed. Current status is {status}"),
        );
    }
    let code = text(input, "ConfirmationCode");
    match front
        .codes
        .redeem(Purpose::SignUp, username, code, Instant::now())
    {
        Ok(()) => forward(front, "ConfirmSignUp", raw).await,
        Err(error) => code_error(error),
    }
}

async fn resend_confirmation_code(front: &CognitoFront, input: &Value) -> Response {
    if let Some(refused) = users::wrong_client(front, input) {
        return refused;
    }
    let username = text(input, "Username");
    let user = match users::lookup(front, username).await {
        Ok(Some(user)) => user,
        Ok(None) if front.prevent_existence_errors => {
            return users::code_emailed_to(username);
        }
        Ok(None) => return users::not_found(),
        Err(response) => return response,
    };
    if user["UserStatus"] == "CONFIRMED" {
        return answer::error("InvalidParameterException", "User is already confirmed.");
    }
    send_code(front, Purpose::SignUp, username);
    users::code_emailed_to(username)
}
