//! Second factors at sign-in, run by the front. moto checks the password
//! (and NEW_PASSWORD_REQUIRED) and signs the person in; when a second
//! factor is due, the front keeps moto's answer back ([`super::challenges`])
//! and sends the challenge Cognito would: `MFA_SETUP` when the pool
//! requires MFA and none is set up (moto signs such people straight in),
//! `SOFTWARE_TOKEN_MFA`, `SMS_MFA` or `EMAIL_OTP` for the preferred (or
//! only) method, `SELECT_MFA_TYPE` when several are on and none is
//! preferred. Codes by SMS or email go to the outbox, one per session.
//! The tokens are moto's own, so GetUser, GlobalSignOut, RevokeToken and
//! refresh work with them as with any other.

use axum::response::Response;
use serde_json::{Value, json};

use super::challenges::{Pending, SessionError, Stage};
use super::codes::{CodeError, Purpose};
use super::delivery::{self, Delivery};
use super::mfa::{self, Method};
use super::ops::text;
use super::pools::{self, PoolRules};
use super::{CognitoFront, answer, sessions, signer, totp, user_auth, users};
use crate::http_client::Answer;
use crate::pools::Medium;

/// The challenges whose sessions are the front's.
const FRONT_CHALLENGES: &[&str] = &[
    "MFA_SETUP",
    "SOFTWARE_TOKEN_MFA",
    "SMS_MFA",
    "EMAIL_OTP",
    "SELECT_MFA_TYPE",
    "SELECT_CHALLENGE",
    "PASSWORD",
    "SMS_OTP",
    "WEB_AUTHN",
];

/// moto's answer to InitiateAuth or RespondToAuthChallenge, with the second
/// factor it skipped put in front of the tokens.
pub async fn after_moto(
    front: &CognitoFront,
    input: &Value,
    answer: Result<Answer, Response>,
) -> Response {
    let answer = match answer {
        Ok(answer) if answer.status.is_success() => answer,
        other => return sessions::signed_in(front, input, other),
    };
    let mut output = answer.json();
    let Some(pool) = pools::of_client(front, input) else {
        return sessions::signed_in(front, input, Ok(answer));
    };
    // moto's own MFA_SETUP (after NEW_PASSWORD_REQUIRED) logs in when
    // answered, unchecked: take the tokens and decide as for any sign-in.
    if output["ChallengeName"] == "MFA_SETUP" {
        let finish = json!({
            "ClientId": pool.client_id,
            "ChallengeName": "MFA_SETUP",
            "Session": output["Session"],
            "ChallengeResponses": {"USERNAME": input["ChallengeResponses"]["USERNAME"]},
        });
        match front
            .moto("RespondToAuthChallenge", finish.to_string().into_bytes())
            .await
        {
            Ok(finished) if finished.status.is_success() => output = finished.json(),
            other => return sessions::signed_in(front, input, other),
        }
    }
    let refresh = matches!(
        text(input, "AuthFlow"),
        "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN"
    );
    let username = output["AuthenticationResult"]["IdToken"]
        .as_str()
        .and_then(signer::claims)
        .and_then(|claims| claims["cognito:username"].as_str().map(str::to_string));
    match username {
        Some(username) if !refresh => {
            let mut pending = Pending::new(&pool.pool_id, &pool.client_id, &username, output);
            let typed = [
                &input["AuthParameters"]["USERNAME"],
                &input["ChallengeResponses"]["USERNAME"],
            ];
            if let Some(typed) = typed.into_iter().find_map(Value::as_str) {
                pending.identifier = typed.to_string();
            }
            second_factor(front, pool, pending).await
        }
        _ => sessions::signed_in_output(front, input, output),
    }
}

/// The challenge due for this sign-in, or the tokens if none is.
async fn second_factor(front: &CognitoFront, pool: &PoolRules, pending: Pending) -> Response {
    let person = front.mfa.get(&pool.pool_id, &pending.username);
    let enabled = person.enabled(&pool.mfa_methods);
    let chosen = match person.preferred.filter(|m| enabled.contains(m)) {
        Some(preferred) => Some(preferred),
        None if enabled.len() == 1 => Some(enabled[0]),
        None => None,
    };
    if let Some(method) = chosen {
        return send_challenge(front, pool, pending, method).await;
    }
    if enabled.is_empty() {
        if !pool.mfa_required {
            return release(front, &Value::Null, pending);
        }
        let parameters = json!({"MFAS_CAN_SETUP": mfa::names_json(&pool.mfa_methods)});
        return challenge(front, "MFA_SETUP", parameters, pending.next(Stage::Setup));
    }
    let parameters = json!({"MFAS_CAN_CHOOSE": mfa::names_json(&enabled)});
    challenge(
        front,
        "SELECT_MFA_TYPE",
        parameters,
        pending.next(Stage::Select(enabled)),
    )
}

/// `SOFTWARE_TOKEN_MFA`, or a code sent by SMS or email and its challenge.
async fn send_challenge(
    front: &CognitoFront,
    pool: &PoolRules,
    pending: Pending,
    method: Method,
) -> Response {
    let step = pending.next(Stage::Code(method));
    let medium = match method {
        Method::Totp => return challenge(front, method.name(), json!({}), step),
        Method::Sms => Medium::Sms,
        Method::Email => Medium::Email,
    };
    send_code(front, pool, step, method.name(), medium).await
}

/// A code sent by SMS or email for this step (kept under its new
/// session), and the challenge `name` saying where it went.
pub async fn send_code(
    front: &CognitoFront,
    pool: &PoolRules,
    step: Pending,
    name: &str,
    medium: Medium,
) -> Response {
    let to = match destination(front, pool, &step.username, medium).await {
        Ok(to) => to,
        Err(response) => return response,
    };
    let session = match front.challenges.issue(step) {
        Ok(session) => session,
        Err(_) => return no_randomness(),
    };
    delivery::send(front, pool, code_purpose(medium), &session, &to);
    let shown = delivery::details(&to)["Destination"].clone();
    answer::ok(&json!({
        "ChallengeName": name,
        "ChallengeParameters": {
            "CODE_DELIVERY_DELIVERY_MEDIUM": if medium == Medium::Sms { "SMS" } else { "EMAIL" },
            "CODE_DELIVERY_DESTINATION": shown,
        },
        "Session": session,
    }))
}

/// Sign-in codes are kept under their challenge's session.
pub fn code_purpose(medium: Medium) -> Purpose {
    match medium {
        Medium::Email => Purpose::EmailMfa,
        Medium::Sms => Purpose::SmsMfa,
    }
}

pub fn challenge(front: &CognitoFront, name: &str, parameters: Value, step: Pending) -> Response {
    match front.challenges.issue(step) {
        Ok(session) => answer::ok(&json!({
            "ChallengeName": name,
            "ChallengeParameters": parameters,
            "Session": session,
        })),
        Err(_) => no_randomness(),
    }
}

/// The person's phone number or email, to send a code to.
pub async fn destination(
    front: &CognitoFront,
    pool: &PoolRules,
    username: &str,
    medium: Medium,
) -> Result<Delivery, Response> {
    let user = users::lookup(front, pool, username)
        .await?
        .ok_or_else(users::incorrect_credentials)?;
    let rules = PoolRules {
        medium,
        ..pool.clone()
    };
    delivery::destination(&rules, "", &user["UserAttributes"]).ok_or_else(|| {
        answer::error(
            "InvalidParameterException",
            "The user has nowhere to send the MFA code to.",
        )
    })
}

/// The tokens moto issued, as signed in (a method set up on the way is
/// turned on now).
fn release(front: &CognitoFront, input: &Value, pending: Pending) -> Response {
    if let Some(method) = pending.setting_up {
        front
            .mfa
            .update(&pending.pool_id, &pending.username, |m| m.set_up(method));
    }
    sessions::signed_in_output(front, input, pending.signed_in)
}

/// RespondToAuthChallenge: the front's challenges here, the others (such
/// as NEW_PASSWORD_REQUIRED) through moto and then [`after_moto`].
pub async fn respond_to_auth_challenge(
    front: &CognitoFront,
    input: &Value,
    raw: Vec<u8>,
) -> Response {
    let name = text(input, "ChallengeName");
    if super::flows::SRP_CHALLENGES.contains(&name) {
        // No SRP sign-in starts here, and moto would take any claim.
        return session_refused(SessionError::Unknown);
    }
    if !FRONT_CHALLENGES.contains(&name) {
        let answer = front.moto("RespondToAuthChallenge", raw).await;
        return after_moto(front, input, answer).await;
    }
    let Some(pool) = pools::of_client(front, input) else {
        return pools::unknown_client();
    };
    let responses = &input["ChallengeResponses"];
    if text(responses, "USERNAME").is_empty() {
        return answer::error(
            "InvalidParameterException",
            "Missing required parameter USERNAME",
        );
    }
    let session = text(input, "Session");
    let pending = match front.challenges.take(session) {
        Ok(pending) if pending.client_id == pool.client_id => pending,
        Ok(_) => return session_refused(SessionError::Unknown),
        Err(error) => return session_refused(error),
    };
    match (name, pending.stage.clone()) {
        ("MFA_SETUP", Stage::SetupVerified) => release(front, input, pending),
        ("MFA_SETUP", Stage::Setup | Stage::SetupSecret(_))
            if responses["EMAIL"].is_string() && pool.mfa_methods.contains(&Method::Email) =>
        {
            set_up_email(front, pool, session, pending, text(responses, "EMAIL")).await
        }
        ("SOFTWARE_TOKEN_MFA", Stage::Code(Method::Totp)) => {
            let secret = front.mfa.get(&pool.pool_id, &pending.username).totp_secret;
            let code = text(responses, "SOFTWARE_TOKEN_MFA_CODE");
            if secret.is_some_and(|s| totp::accepts(&s, code, totp::now_secs())) {
                return release(front, input, pending);
            }
            front.challenges.wrong_answer(session, pending);
            answer::error("CodeMismatchException", "Invalid code received for user")
        }
        ("SMS_MFA", Stage::Code(Method::Sms)) => {
            let code = text(responses, "SMS_MFA_CODE");
            match redeem(front, session, pending, Medium::Sms, code) {
                Ok(pending) => release(front, input, pending),
                Err(refused) => *refused,
            }
        }
        ("EMAIL_OTP", Stage::Code(Method::Email)) => {
            let code = text(responses, "EMAIL_OTP_CODE");
            match redeem(front, session, pending, Medium::Email, code) {
                Ok(pending) => release(front, input, pending),
                Err(refused) => *refused,
            }
        }
        ("SELECT_MFA_TYPE", Stage::Select(choices)) => {
            match Method::parse(text(responses, "ANSWER")).filter(|m| choices.contains(m)) {
                Some(method) => send_challenge(front, pool, pending, method).await,
                None => {
                    front.challenges.wrong_answer(session, pending);
                    answer::error(
                        "InvalidParameterException",
                        "The ANSWER must be one of MFAS_CAN_CHOOSE.",
                    )
                }
            }
        }
        (_, Stage::Choose(_) | Stage::Password | Stage::FirstCode(_) | Stage::Passkey) => {
            user_auth::respond(front, pool, input, session, pending).await
        }
        _ => {
            front.challenges.wrong_answer(session, pending);
            session_refused(SessionError::Unknown)
        }
    }
}

/// The SMS or email code of this session: the step back if it is right,
/// else Cognito's refusal (a wrong code keeps the session).
pub fn redeem(
    front: &CognitoFront,
    session: &str,
    pending: Pending,
    medium: Medium,
    code: &str,
) -> Result<Pending, Box<Response>> {
    let now = std::time::Instant::now();
    match front
        .codes
        .redeem(code_purpose(medium), &pending.pool_id, session, code, now)
    {
        Ok(()) => Ok(pending),
        Err(CodeError::Expired) => Err(Box::new(session_refused(SessionError::Expired))),
        Err(CodeError::TooManyAttempts) => {
            Err(Box::new(session_refused(SessionError::TooManyWrong)))
        }
        Err(CodeError::Mismatch | CodeError::NoneSent) => {
            front.challenges.wrong_answer(session, pending);
            Err(Box::new(answer::error(
                "CodeMismatchException",
                "Invalid code or auth state for the user.",
            )))
        }
    }
}

/// `MFA_SETUP` answered with `EMAIL`: email MFA, turned on once the code
/// sent there is given back (`EMAIL_OTP`). Only the person's own address
/// is taken locally.
async fn set_up_email(
    front: &CognitoFront,
    pool: &PoolRules,
    session: &str,
    pending: Pending,
    email: &str,
) -> Response {
    let own = match destination(front, pool, &pending.username, Medium::Email).await {
        Ok(own) => own,
        Err(response) => return response,
    };
    if !own.to.trim().eq_ignore_ascii_case(email.trim()) {
        front.challenges.wrong_answer(session, pending);
        return answer::error(
            "InvalidParameterException",
            "The EMAIL must be the user's email address.",
        );
    }
    let mut pending = pending;
    pending.setting_up = Some(Method::Email);
    send_challenge(front, pool, pending, Method::Email).await
}

/// Cognito's words for a session it no longer has.
pub fn session_refused(error: SessionError) -> Response {
    let message = match error {
        SessionError::Expired => "Invalid session for the user, session is expired.",
        SessionError::Unknown | SessionError::TooManyWrong => "Invalid session for the user.",
    };
    answer::error("NotAuthorizedException", message)
}

pub fn no_randomness() -> Response {
    answer::error_with_status(
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        "InternalErrorException",
        "The local stack could not draw random bytes.",
    )
}
