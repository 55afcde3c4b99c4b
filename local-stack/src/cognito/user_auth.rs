//! Choice-based sign-in, `InitiateAuth` with `AuthFlow: USER_AUTH` (moto
//! lacks it), for clients of pools with `AllowedFirstAuthFactors`. Without
//! `PREFERRED_CHALLENGE` the person gets `SELECT_CHALLENGE` with the
//! factors the pool allows and they can use ([`super::factors`]); with
//! one, that factor's challenge at once. A password goes to moto as
//! `USER_PASSWORD_AUTH` and on to the second factors as any password
//! sign-in ([`super::sign_in::after_moto`]); a code by email (`EMAIL_OTP`)
//! or SMS (`SMS_OTP`) is the front's, sent through the outbox like every
//! other code; a passkey (`WEB_AUTHN`) is checked by [`super::passkeys`].
//! Passed without a password, the person gets moto's own tokens
//! ([`super::issue`]) and no second factor, as Cognito treats passwordless
//! sign-in.

use axum::response::Response;
use serde_json::{Value, json};

use super::challenges::{Pending, SessionError, Stage};
use super::factors::{self, Factor, Person};
use super::ops::text;
use super::pools::{self, PoolRules};
use super::sign_in::{self, no_randomness, session_refused};
use super::{CognitoFront, account, answer, issue, passkeys, sessions, users};
use crate::pools::Medium;

/// `InitiateAuth` with `AuthFlow: USER_AUTH`.
pub async fn initiate(front: &CognitoFront, input: &Value) -> Response {
    let Some(pool) = pools::of_client(front, input) else {
        return pools::unknown_client();
    };
    let parameters = &input["AuthParameters"];
    let typed = text(parameters, "USERNAME");
    if typed.is_empty() {
        return missing("USERNAME");
    }
    let session = text(input, "Session");
    if !session.is_empty() {
        return after_sign_up(front, pool, input, typed, session).await;
    }
    let user = match users::lookup(front, pool, typed).await {
        Ok(Some(user)) => user,
        Ok(None) if pool.prevent_existence_errors => return users::incorrect_credentials(),
        Ok(None) => return users::not_found(),
        Err(response) => return response,
    };
    if user["UserStatus"] == "UNCONFIRMED" {
        return answer::error("UserNotConfirmedException", "User is not confirmed.");
    }
    // The guard signs in whoever it is asked to: disabled people stop here.
    if user["Enabled"] == false {
        return answer::error("NotAuthorizedException", "User is disabled.");
    }
    let username = text(&user, "Username");
    let available = factors::available(&pool.first_factors, &person(front, pool, &user));
    let mut pending = Pending::new(&pool.pool_id, &pool.client_id, username, Value::Null);
    pending.identifier = typed.to_string();
    let preferred = Factor::parse(text(parameters, "PREFERRED_CHALLENGE"));
    match preferred.filter(|f| available.contains(f)) {
        Some(Factor::Password) => match parameters["PASSWORD"].as_str() {
            Some(password) => with_password(front, pool, &pending.identifier, password).await,
            None => missing("PASSWORD"),
        },
        Some(factor) => start(front, pool, pending, factor).await,
        // Not preferred, or not for this person: they choose.
        None => {
            let choices = factors::names(&available);
            match front
                .challenges
                .issue(pending.next(Stage::Choose(available)))
            {
                Ok(session) => answer::ok(&json!({
                    "ChallengeName": "SELECT_CHALLENGE",
                    "ChallengeParameters": {},
                    "AvailableChallenges": choices,
                    "Session": session,
                })),
                Err(_) => no_randomness(),
            }
        }
    }
}

/// `GetUserAuthFactors`: the factors `USER_AUTH` would offer this person
/// (`PASSWORD` alone on pools without a sign-in policy, as Cognito's
/// default), with their MFA settings as GetUser shows them.
pub async fn get_user_auth_factors(front: &CognitoFront, input: &Value) -> Response {
    let me = match account::whoami(front, input).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let allowed = if me.pool.first_factors.is_empty() {
        vec![Factor::Password]
    } else {
        me.pool.first_factors.clone()
    };
    let configured = factors::available(&allowed, &person(front, me.pool, &me.user));
    let mut output = json!({
        "Username": me.username,
        "ConfiguredUserAuthFactors": factors::names(&configured),
    });
    let mfa = front.mfa.get(&me.pool.pool_id, &me.username);
    account::show_mfa(&mfa, me.pool, &mut output);
    answer::ok(&output)
}

/// What decides which factors this person can use.
fn person(front: &CognitoFront, pool: &PoolRules, user: &Value) -> Person {
    let has = |name: &str| account::attribute(user, name).is_some_and(|v| !v.trim().is_empty());
    let username = text(user, "Username");
    Person {
        password: !front.passwordless.has_none(&pool.pool_id, username),
        email: has("email"),
        phone_number: has("phone_number"),
        passkey: front.passkeys.has_any(&pool.pool_id, username),
    }
}

/// The challenge of a factor other than the password.
async fn start(
    front: &CognitoFront,
    pool: &PoolRules,
    pending: Pending,
    factor: Factor,
) -> Response {
    match factor {
        Factor::EmailOtp | Factor::SmsOtp => {
            let medium = if factor == Factor::SmsOtp {
                Medium::Sms
            } else {
                Medium::Email
            };
            let step = pending.next(Stage::FirstCode(factor));
            sign_in::send_code(front, pool, step, factor.name(), medium).await
        }
        Factor::WebAuthn => passkeys::challenge(front, pool, pending.next(Stage::Passkey)),
        Factor::Password => {
            sign_in::challenge(front, "PASSWORD", json!({}), pending.next(Stage::Password))
        }
    }
}

/// The password, checked by moto, and on as any password sign-in (second
/// factors included).
async fn with_password(
    front: &CognitoFront,
    pool: &PoolRules,
    identifier: &str,
    password: &str,
) -> Response {
    let request = json!({
        "ClientId": pool.client_id,
        "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": identifier, "PASSWORD": password},
    });
    let answer = front
        .moto("InitiateAuth", request.to_string().into_bytes())
        .await;
    sign_in::after_moto(front, &request, answer).await
}

/// `RespondToAuthChallenge` to a step of this flow (the session is taken).
pub async fn respond(
    front: &CognitoFront,
    pool: &PoolRules,
    input: &Value,
    session: &str,
    pending: Pending,
) -> Response {
    let responses = &input["ChallengeResponses"];
    match (text(input, "ChallengeName"), pending.stage.clone()) {
        ("SELECT_CHALLENGE", Stage::Choose(choices)) => {
            let chosen = Factor::parse(text(responses, "ANSWER")).filter(|f| choices.contains(f));
            match (chosen, responses["PASSWORD"].as_str()) {
                (Some(Factor::Password), Some(password)) => {
                    with_password(front, pool, &pending.identifier, password).await
                }
                (Some(factor), _) => start(front, pool, pending, factor).await,
                (None, _) => {
                    front.challenges.wrong_answer(session, pending);
                    answer::error(
                        "InvalidParameterException",
                        "The ANSWER must be one of AvailableChallenges.",
                    )
                }
            }
        }
        ("PASSWORD", Stage::Password) => match responses["PASSWORD"].as_str() {
            Some(password) => with_password(front, pool, &pending.identifier, password).await,
            None => {
                front.challenges.wrong_answer(session, pending);
                missing("PASSWORD")
            }
        },
        ("EMAIL_OTP", Stage::FirstCode(Factor::EmailOtp)) => {
            let code = text(responses, "EMAIL_OTP_CODE");
            match sign_in::redeem(front, session, pending, Medium::Email, code) {
                Ok(pending) => signed_in(front, pool, input, &pending.username).await,
                Err(refused) => *refused,
            }
        }
        ("SMS_OTP", Stage::FirstCode(Factor::SmsOtp)) => {
            let code = text(responses, "SMS_OTP_CODE");
            match sign_in::redeem(front, session, pending, Medium::Sms, code) {
                Ok(pending) => signed_in(front, pool, input, &pending.username).await,
                Err(refused) => *refused,
            }
        }
        ("WEB_AUTHN", Stage::Passkey) => {
            let credential = text(responses, "CREDENTIAL");
            match passkeys::assert(front, pool, session, pending, credential) {
                Ok(pending) => signed_in(front, pool, input, &pending.username).await,
                Err(refused) => *refused,
            }
        }
        _ => {
            front.challenges.wrong_answer(session, pending);
            session_refused(SessionError::Unknown)
        }
    }
}

/// The factor is passed: moto's own tokens for the person.
async fn signed_in(
    front: &CognitoFront,
    pool: &PoolRules,
    input: &Value,
    username: &str,
) -> Response {
    match issue::sign_in(front, pool, username).await {
        Ok(output) => sessions::signed_in_output(front, input, output),
        Err(refused) => refused,
    }
}

/// `InitiateAuth` `USER_AUTH` with ConfirmSignUp's `Session`: signed in at
/// once, as the person just proved their email or phone number.
async fn after_sign_up(
    front: &CognitoFront,
    pool: &PoolRules,
    input: &Value,
    typed: &str,
    session: &str,
) -> Response {
    let pending = match front.challenges.take(session) {
        Ok(pending) if pending.stage == Stage::SignedUp && pending.client_id == pool.client_id => {
            pending
        }
        Ok(_) => return session_refused(SessionError::Unknown),
        Err(error) => return session_refused(error),
    };
    let same = [&pending.identifier, &pending.username]
        .iter()
        .any(|name| super::person_key(name) == super::person_key(typed));
    if !same {
        return session_refused(SessionError::Unknown);
    }
    signed_in(front, pool, input, &pending.username).await
}

fn missing(parameter: &str) -> Response {
    answer::error(
        "InvalidParameterException",
        &format!("Missing required parameter {parameter}"),
    )
}
