//! The operations the front handles itself, before or after moto.

use std::time::Instant;

use axum::response::Response;
use serde_json::{Value, json};

use super::codes::{CodeError, Purpose};
use super::{CognitoFront, answer, person_key, policy, relay, signer};

pub async fn dispatch(front: &CognitoFront, target: &str, input: &Value, raw: Vec<u8>) -> Response {
    match target {
        "SignUp" => sign_up(front, input, raw).await,
        "ConfirmSignUp" => confirm_sign_up(front, input, raw).await,
        "ResendConfirmationCode" => resend_confirmation_code(front, input).await,
        "ForgotPassword" => forgot_password(front, input, raw).await,
        "ConfirmForgotPassword" => confirm_forgot_password(front, input, raw).await,
        "RevokeToken" => revoke_token(front, input),
        "InitiateAuth" => initiate_auth(front, input, raw).await,
        "RespondToAuthChallenge" => with_token_lifetime(front, front.moto(target, raw).await),
        _ => forward(front, target, raw).await,
    }
}

fn text<'a>(input: &'a Value, key: &str) -> &'a str {
    input[key].as_str().unwrap_or_default()
}

async fn forward(front: &CognitoFront, target: &str, raw: Vec<u8>) -> Response {
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
    let Ok(mut output) = serde_json::from_slice::<Value>(&answer.body) else {
        return relay(answer);
    };
    let username = text(input, "Username");
    if output["UserConfirmed"] != Value::Bool(true) {
        send_code(front, Purpose::SignUp, username);
        output["CodeDeliveryDetails"] = answer::emailed_to(username);
    }
    answer::ok(&output)
}

fn send_code(front: &CognitoFront, purpose: Purpose, username: &str) {
    let code = front.codes.issue(purpose, username, Instant::now());
    front.outbox.send(username, purpose, code);
}

fn code_error(error: CodeError) -> Response {
    match error {
        CodeError::Expired => answer::error(
            "ExpiredCodeException",
            "Invalid code provided, please request a code again.",
        ),
        CodeError::Mismatch | CodeError::NoneSent => answer::error(
            "CodeMismatchException",
            "Invalid verification code provided, please try again.",
        ),
    }
}

async fn confirm_sign_up(front: &CognitoFront, input: &Value, raw: Vec<u8>) -> Response {
    let username = text(input, "Username");
    let code = text(input, "ConfirmationCode");
    match front
        .codes
        .redeem(Purpose::SignUp, username, code, Instant::now())
    {
        // No code on record (an unknown person, or one confirmed already):
        // moto gives Cognito's answer for those.
        Ok(()) | Err(CodeError::NoneSent) => forward(front, "ConfirmSignUp", raw).await,
        Err(error) => code_error(error),
    }
}

async fn resend_confirmation_code(front: &CognitoFront, input: &Value) -> Response {
    if text(input, "ClientId") != front.client_id {
        return answer::error(
            "ResourceNotFoundException",
            "User pool client does not exist.",
        );
    }
    let username = text(input, "Username");
    let lookup = json!({ "UserPoolId": front.pool_id, "Username": username });
    let answer = match front
        .moto("AdminGetUser", lookup.to_string().into_bytes())
        .await
    {
        Ok(answer) if answer.status.is_success() => answer,
        // UserNotFoundException and the like, as moto words them.
        Ok(answer) => return relay(answer),
        Err(response) => return response,
    };
    let user: Value = serde_json::from_slice(&answer.body).unwrap_or_default();
    if user["UserStatus"] == "CONFIRMED" {
        return answer::error("InvalidParameterException", "User is already confirmed.");
    }
    send_code(front, Purpose::SignUp, username);
    answer::ok(&json!({ "CodeDeliveryDetails": answer::emailed_to(username) }))
}

/// moto makes up a code only for people it knows (and says nothing either
/// way, as Cognito does); the front sends its own in that case.
async fn forgot_password(front: &CognitoFront, input: &Value, raw: Vec<u8>) -> Response {
    let answer = match front.moto("ForgotPassword", raw).await {
        Ok(answer) if answer.status.is_success() => answer,
        Ok(answer) => return relay(answer),
        Err(response) => return response,
    };
    let username = text(input, "Username");
    if answer
        .headers
        .contains_key("x-moto-forgot-password-confirmation-code")
    {
        send_code(front, Purpose::PasswordReset, username);
    }
    answer::ok(&json!({ "CodeDeliveryDetails": answer::emailed_to(username) }))
}

async fn confirm_forgot_password(front: &CognitoFront, input: &Value, raw: Vec<u8>) -> Response {
    if let Some(message) = policy::violation(&front.policy, text(input, "Password")) {
        return answer::error("InvalidPasswordException", message);
    }
    let username = text(input, "Username");
    let code = text(input, "ConfirmationCode");
    match front
        .codes
        .redeem(Purpose::PasswordReset, username, code, Instant::now())
    {
        Ok(()) => forward(front, "ConfirmForgotPassword", raw).await,
        Err(error) => code_error(error),
    }
}

/// Revokes a refresh token: later REFRESH_TOKEN_AUTH with it is refused.
fn revoke_token(front: &CognitoFront, input: &Value) -> Response {
    let token = text(input, "Token");
    if text(input, "ClientId") != front.client_id {
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
    front.revoked().insert(token.to_string());
    answer::ok(&json!({}))
}

async fn initiate_auth(front: &CognitoFront, input: &Value, raw: Vec<u8>) -> Response {
    let refresh_token = input["AuthParameters"]["REFRESH_TOKEN"]
        .as_str()
        .unwrap_or_default();
    if !refresh_token.is_empty() && front.revoked().contains(refresh_token) {
        return answer::error("NotAuthorizedException", "Refresh Token has been revoked");
    }
    with_token_lifetime(front, front.moto("InitiateAuth", raw).await)
}

/// Re-signs the ID token in an AuthenticationResult with the lifetime a test
/// asked for this person, if any; otherwise moto's answer as it is. The
/// access token stays moto's own: moto looks it up by value (GlobalSignOut).
fn with_token_lifetime(
    front: &CognitoFront,
    answer: Result<crate::http_client::Answer, Response>,
) -> Response {
    let answer = match answer {
        Ok(answer) if answer.status.is_success() => answer,
        Ok(answer) => return relay(answer),
        Err(response) => return response,
    };
    let Ok(mut output) = serde_json::from_slice::<Value>(&answer.body) else {
        return relay(answer);
    };
    let result = &mut output["AuthenticationResult"];
    let Some(id_token) = result["IdToken"].as_str() else {
        return relay(answer);
    };
    let email =
        signer::claims(id_token).and_then(|claims| Some(person_key(claims["email"].as_str()?)));
    let lifetime = email.and_then(|email| front.lifetimes().get(&email).copied());
    let (Some(lifetime), Ok(signer)) = (lifetime, &front.signer) else {
        return relay(answer);
    };
    match signer.with_lifetime(id_token, lifetime) {
        Ok(token) => result["IdToken"] = Value::from(token),
        Err(_) => return relay(answer),
    }
    answer::ok(&output)
}
