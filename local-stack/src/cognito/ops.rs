//! The operations the front handles itself, before or after moto: sign-up
//! and its confirmation here, recovery and sessions in their own modules.

use std::time::Instant;

use axum::response::Response;
use serde_json::Value;

use super::challenges::{Pending, Stage};
use super::codes::{CodeError, Purpose};
use super::pools::{self, PoolRules};
use super::{
    CognitoFront, account, aliases, answer, attributes, delivery, passkeys, passwordless, recovery,
    relay, rotation, sessions, sign_in, software_token, user_auth, users,
};

pub async fn dispatch(front: &CognitoFront, target: &str, input: &Value, raw: Vec<u8>) -> Response {
    if let Some(refused) = sessions::revoked_access(front, input) {
        return refused;
    }
    let rewritten = match aliases::resolved(front, target, input).await {
        Ok(rewritten) => rewritten,
        Err(response) => return response,
    };
    let (input, raw) = match &rewritten {
        Some(input) => (input, input.to_string().into_bytes()),
        None => (input, raw),
    };
    match target {
        "SignUp" => sign_up(front, input, raw).await,
        "ConfirmSignUp" => confirm_sign_up(front, input, raw).await,
        "ResendConfirmationCode" => resend_confirmation_code(front, input).await,
        "ForgotPassword" => recovery::forgot_password(front, input, raw).await,
        "ConfirmForgotPassword" => recovery::confirm_forgot_password(front, input, raw).await,
        "RevokeToken" => sessions::revoke_token(front, input),
        "InitiateAuth" => sessions::initiate_auth(front, input, raw).await,
        "RespondToAuthChallenge" => sign_in::respond_to_auth_challenge(front, input, raw).await,
        "AssociateSoftwareToken" => software_token::associate(front, input).await,
        "VerifySoftwareToken" => software_token::verify(front, input).await,
        "SetUserMFAPreference" => account::set_user_mfa_preference(front, input).await,
        "AdminSetUserMFAPreference" => account::admin_set_user_mfa_preference(front, input).await,
        "GetUser" => account::get_user(front, input).await,
        "AdminGetUser" => account::admin_get_user(front, input, raw).await,
        "ChangePassword" => account::change_password(front, input, raw).await,
        "DeleteUser" => account::delete_user(front, input).await,
        "UpdateUserAttributes" => attributes::update(front, input).await,
        "VerifyUserAttribute" => attributes::verify(front, input).await,
        "GetUserAttributeVerificationCode" => attributes::get_code(front, input).await,
        "StartWebAuthnRegistration" => passkeys::start_registration(front, input).await,
        "CompleteWebAuthnRegistration" => passkeys::complete_registration(front, input).await,
        "ListWebAuthnCredentials" => passkeys::list(front, input).await,
        "DeleteWebAuthnCredential" => passkeys::delete(front, input).await,
        "GetTokensFromRefreshToken" => rotation::get_tokens_from_refresh_token(front, input).await,
        "GetUserAuthFactors" => user_auth::get_user_auth_factors(front, input).await,
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

/// The front checks the attributes against the pool's schema (moto does
/// not); moto
/// signs the person up; the front sends the code and reports where, masked
/// as Cognito masks it.
async fn sign_up(front: &CognitoFront, input: &Value, raw: Vec<u8>) -> Response {
    let Some(pool) = pools::of_client(front, input) else {
        return pools::unknown_client();
    };
    if let Some(refused) = pool.refused_attributes(input) {
        return refused;
    }
    // Without a password where the pool signs people in without one: moto
    // wants one, so it gets a password nobody knows.
    let passwordless = pool.passwordless() && text(input, "Password").is_empty();
    let raw = if passwordless {
        let Ok(password) = passwordless::unknown_password() else {
            return sign_in::no_randomness();
        };
        let mut with_password = input.clone();
        with_password["Password"] = Value::from(password);
        with_password.to_string().into_bytes()
    } else {
        raw
    };
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
    if passwordless {
        match users::lookup(front, pool, username).await {
            Ok(Some(user)) => front
                .passwordless
                .mark(&pool.pool_id, text(&user, "Username")),
            Ok(None) => return users::not_found(),
            Err(response) => return response,
        }
    }
    let to = delivery::destination(pool, username, &input["UserAttributes"]);
    match to {
        Some(to) if output["UserConfirmed"] != Value::Bool(true) => {
            delivery::send(front, pool, Purpose::SignUp, username, &to);
            output["CodeDeliveryDetails"] = delivery::details(&to);
            // Choice-based sign-in: ConfirmSignUp with this session
            // answers one that signs in at once.
            if !pool.first_factors.is_empty() {
                let Ok(session) =
                    front
                        .sign_up_sessions
                        .open(&pool.pool_id, username, Instant::now())
                else {
                    return sign_in::no_randomness();
                };
                output["Session"] = Value::from(session);
            }
        }
        // Nowhere to send a code: Cognito reports none.
        _ => {
            if let Some(output) = output.as_object_mut() {
                output.remove("CodeDeliveryDetails");
            }
        }
    }
    answer::ok(&output)
}

/// Sends a fresh code to where the person's record says.
pub fn send_code(
    front: &CognitoFront,
    pool: &PoolRules,
    purpose: Purpose,
    username: &str,
    user: &Value,
) -> Response {
    match delivery::destination(pool, username, &user["UserAttributes"]) {
        Some(to) => {
            delivery::send(front, pool, purpose, username, &to);
            users::code_sent(delivery::details(&to))
        }
        None => answer::error(
            "InvalidParameterException",
            "There is no verified contact to send a code to.",
        ),
    }
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
    let Some(pool) = pools::of_client(front, input) else {
        return pools::unknown_client();
    };
    let username = text(input, "Username");
    let user = match users::someone(front, pool, username, users::expired_code).await {
        Ok(user) => user,
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
    match front.codes.redeem(
        Purpose::SignUp,
        &pool.pool_id,
        username,
        code,
        Instant::now(),
    ) {
        Ok(()) => {
            let confirmed = forward(front, "ConfirmSignUp", raw).await;
            if !confirmed.status().is_success() {
                return confirmed;
            }
            mark_verified(front, pool, text(&user, "Username"), &user).await;
            let session = text(input, "Session");
            let signs_in = !session.is_empty()
                && front
                    .sign_up_sessions
                    .take(session, &pool.pool_id, username, Instant::now());
            if !signs_in {
                return confirmed;
            }
            // SignUp's session given back: one to sign in with at once.
            let mut step = Pending::new(
                &pool.pool_id,
                &pool.client_id,
                text(&user, "Username"),
                Value::Null,
            );
            step.identifier = username.to_string();
            match front.challenges.issue(step.next(Stage::SignedUp)) {
                Ok(session) => answer::ok(&serde_json::json!({ "Session": session })),
                Err(_) => sign_in::no_randomness(),
            }
        }
        Err(error) => code_error(error),
    }
}

/// The code went to the attribute the pool verifies, so it is verified
/// now, as Cognito marks it (moto marks nothing). Any other email or
/// phone number given at sign-up is not verified yet: Cognito says so
/// (`false`) in the user's attributes and ID tokens, which let the app
/// offer to verify it.
async fn mark_verified(front: &CognitoFront, pool: &PoolRules, username: &str, user: &Value) {
    let marks: Vec<Value> = ["email", "phone_number"]
        .into_iter()
        .filter(|contact| account::attribute(user, contact).is_some())
        .map(|contact| {
            let verified = contact == pool.auto_verified;
            serde_json::json!({"Name": format!("{contact}_verified"), "Value": verified.to_string()})
        })
        .collect();
    if marks.is_empty() {
        return;
    }
    let change = serde_json::json!({
        "UserPoolId": pool.pool_id,
        "Username": username,
        "UserAttributes": marks,
    });
    // Best effort: the person is confirmed either way.
    let _ = front
        .moto("AdminUpdateUserAttributes", change.to_string().into_bytes())
        .await;
}

async fn resend_confirmation_code(front: &CognitoFront, input: &Value) -> Response {
    let Some(pool) = pools::of_client(front, input) else {
        return pools::unknown_client();
    };
    let username = text(input, "Username");
    let user = match users::someone(front, pool, username, || {
        users::code_sent(delivery::made_up(pool, username))
    })
    .await
    {
        Ok(user) => user,
        Err(response) => return response,
    };
    if user["UserStatus"] == "CONFIRMED" {
        return answer::error("InvalidParameterException", "User is already confirmed.");
    }
    send_code(front, pool, Purpose::SignUp, username, &user)
}
