//! Authenticator-app set-up: AssociateSoftwareToken and VerifySoftwareToken,
//! with the `Session` of an `MFA_SETUP` challenge or with an access token.
//! moto hands everyone one fixed secret; the front makes a real one per
//! person and checks codes against it ([`super::totp`]).

use axum::response::Response;
use serde_json::{Value, json};

use super::challenges::{SessionError, Stage};
use super::mfa::Method;
use super::ops::text;
use super::sign_in::{no_randomness, session_refused};
use super::{CognitoFront, account, answer, totp};

pub async fn associate(front: &CognitoFront, input: &Value) -> Response {
    let Ok(secret) = totp::new_secret() else {
        return no_randomness();
    };
    let session = text(input, "Session");
    if !session.is_empty() {
        let pending = match front.challenges.take(session) {
            Ok(pending) => pending,
            Err(error) => return session_refused(error),
        };
        if !matches!(pending.stage, Stage::Setup | Stage::SetupSecret(_)) {
            front.challenges.wrong_answer(session, pending);
            return session_refused(SessionError::Unknown);
        }
        return match front
            .challenges
            .issue(pending.next(Stage::SetupSecret(secret.clone())))
        {
            Ok(session) => answer::ok(&json!({"SecretCode": secret, "Session": session})),
            Err(_) => no_randomness(),
        };
    }
    let me = match account::whoami(front, input).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    front.mfa.update(&me.pool.pool_id, &me.username, |m| {
        m.pending_totp_secret = Some(secret.clone());
    });
    answer::ok(&json!({"SecretCode": secret}))
}

pub async fn verify(front: &CognitoFront, input: &Value) -> Response {
    let code = text(input, "UserCode");
    let session = text(input, "Session");
    if !session.is_empty() {
        let pending = match front.challenges.take(session) {
            Ok(pending) => pending,
            Err(error) => return session_refused(error),
        };
        let Stage::SetupSecret(secret) = pending.stage.clone() else {
            front.challenges.wrong_answer(session, pending);
            return session_refused(SessionError::Unknown);
        };
        if !totp::accepts(&secret, code, totp::now_secs()) {
            front.challenges.wrong_answer(session, pending);
            return mismatch();
        }
        front.mfa.update(&pending.pool_id, &pending.username, |m| {
            m.totp_secret = Some(secret);
        });
        let mut next = pending.next(Stage::SetupVerified);
        next.setting_up = Some(Method::Totp);
        return match front.challenges.issue(next) {
            Ok(session) => answer::ok(&json!({"Status": "SUCCESS", "Session": session})),
            Err(_) => no_randomness(),
        };
    }
    let me = match account::whoami(front, input).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let person = front.mfa.get(&me.pool.pool_id, &me.username);
    let Some(secret) = person.pending_totp_secret else {
        return answer::error(
            "SoftwareTokenMFANotFoundException",
            "Software Token MFA not found for the user.",
        );
    };
    if !totp::accepts(&secret, code, totp::now_secs()) {
        return mismatch();
    }
    // Verified, not turned on: SetUserMFAPreference does that.
    front.mfa.update(&me.pool.pool_id, &me.username, |m| {
        m.totp_secret = m.pending_totp_secret.take();
    });
    answer::ok(&json!({"Status": "SUCCESS"}))
}

/// Cognito's answer to a wrong code from the app being set up.
fn mismatch() -> Response {
    answer::error(
        "EnableSoftwareTokenMFAException",
        "Code mismatch and fail enable Software Token MFA",
    )
}
