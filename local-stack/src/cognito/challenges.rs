//! The sign-in sessions of the challenges the front runs itself (MFA set-up,
//! every second factor, and choice-based sign-in's first factors). After a
//! password, moto has already checked it and signed the person in; its
//! answer waits here, out of reach, until the challenge is passed (a first
//! factor has none yet: its tokens come once it is passed). Each step
//! hands out a new opaque `Session`, alive for 3 minutes as Cognito's are;
//! a wrong code keeps the same one, up to [`MAX_WRONG`] times.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

use super::factors::Factor;
use super::mfa::Method;

/// Cognito's default `AuthSessionValidity`.
pub const LIFETIME: Duration = Duration::from_secs(3 * 60);
/// Wrong answers accepted before the session is dead.
pub const MAX_WRONG: u32 = 5;

#[derive(Clone, PartialEq, Eq)]
pub enum Stage {
    /// `MFA_SETUP` sent; AssociateSoftwareToken (or an `EMAIL`) next.
    Setup,
    /// AssociateSoftwareToken gave this secret; VerifySoftwareToken next.
    SetupSecret(String),
    /// The app's code checked; `MFA_SETUP` answered next signs in.
    SetupVerified,
    /// `SOFTWARE_TOKEN_MFA`, `SMS_MFA` or `EMAIL_OTP` sent.
    Code(Method),
    /// `SELECT_MFA_TYPE` sent with these.
    Select(Vec<Method>),
    /// `SELECT_CHALLENGE` sent with these first factors (`USER_AUTH`).
    Choose(Vec<Factor>),
    /// `PASSWORD` sent: the password next.
    Password,
    /// A first factor's code sent (`EMAIL_OTP` or `SMS_OTP`).
    FirstCode(Factor),
    /// `WEB_AUTHN` sent; the assertion's challenge is kept with the
    /// passkeys, under the same session.
    Passkey,
    /// A passwordless sign-up confirmed (ConfirmSignUp's `Session`):
    /// InitiateAuth `USER_AUTH` with it signs in at once.
    SignedUp,
}

#[derive(Clone)]
pub struct Pending {
    pub pool_id: String,
    pub client_id: String,
    /// moto's username (the `sub` in email pools).
    pub username: String,
    /// What the person signed in with (an email, say).
    pub identifier: String,
    /// moto's sign-in answer, AuthenticationResult and all.
    pub signed_in: Value,
    pub stage: Stage,
    /// Turned on once the sign-in goes through (set up during it).
    pub setting_up: Option<Method>,
    pub wrong: u32,
    issued: Instant,
    /// Made out of date by hand ([`Challenges::expire`]).
    expired: bool,
}

impl Pending {
    pub fn new(pool_id: &str, client_id: &str, username: &str, signed_in: Value) -> Pending {
        Pending {
            pool_id: pool_id.to_string(),
            client_id: client_id.to_string(),
            username: username.to_string(),
            identifier: username.to_string(),
            signed_in,
            stage: Stage::Setup,
            setting_up: None,
            wrong: 0,
            issued: Instant::now(),
            expired: false,
        }
    }

    /// The next step, with the same sign-in behind it.
    pub fn next(&self, stage: Stage) -> Pending {
        Pending {
            stage,
            wrong: 0,
            issued: Instant::now(),
            ..self.clone()
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum SessionError {
    Unknown,
    Expired,
    TooManyWrong,
}

/// Tokens and secrets inside: Debug shows none.
#[derive(Default)]
pub struct Challenges {
    pending: Mutex<HashMap<String, Pending>>,
}

impl std::fmt::Debug for Challenges {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Challenges(<redacted>)")
    }
}

impl Challenges {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Pending>> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Files the step under a new session and returns the session.
    pub fn issue(&self, pending: Pending) -> Result<String, getrandom::Error> {
        let mut bytes = [0u8; 48];
        getrandom::getrandom(&mut bytes)?;
        let session = URL_SAFE_NO_PAD.encode(bytes);
        let mut all = self.lock();
        all.retain(|_, p| p.issued.elapsed() < LIFETIME);
        all.insert(session.clone(), pending);
        Ok(session)
    }

    /// Takes the step out: a step passed is used up. A wrong answer puts it
    /// back with [`Challenges::wrong_answer`].
    pub fn take(&self, session: &str) -> Result<Pending, SessionError> {
        let pending = self.lock().remove(session).ok_or(SessionError::Unknown)?;
        if pending.expired || pending.issued.elapsed() >= LIFETIME {
            return Err(SessionError::Expired);
        }
        if pending.wrong >= MAX_WRONG {
            return Err(SessionError::TooManyWrong);
        }
        Ok(pending)
    }

    /// Puts a step back under its session after a wrong answer.
    pub fn wrong_answer(&self, session: &str, mut pending: Pending) {
        pending.wrong += 1;
        self.lock().insert(session.to_string(), pending);
    }

    /// Makes every open step of this person (by what they signed in with
    /// or moto's username) out of date, as if 3 minutes had passed.
    pub fn expire(&self, username: &str) -> usize {
        let who = super::person_key(username);
        let mut expired = 0;
        for pending in self.lock().values_mut() {
            let names = [&pending.username, &pending.identifier];
            if names.iter().any(|name| super::person_key(name) == who) {
                pending.expired = true;
                expired += 1;
            }
        }
        expired
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending() -> Pending {
        Pending::new("p", "c", "ana", Value::Null)
    }

    #[test]
    fn a_step_is_taken_once_and_wrong_answers_are_counted() {
        let challenges = Challenges::default();
        let session = challenges.issue(pending()).unwrap();
        assert!(session.len() >= 60);
        let step = challenges.take(&session).unwrap();
        assert_eq!(challenges.take(&session).err(), Some(SessionError::Unknown));
        challenges.wrong_answer(&session, step);
        for _ in 1..MAX_WRONG {
            let step = challenges.take(&session).unwrap();
            challenges.wrong_answer(&session, step);
        }
        assert_eq!(
            challenges.take(&session).err(),
            Some(SessionError::TooManyWrong)
        );
    }

    #[test]
    fn steps_expire() {
        let challenges = Challenges::default();
        let session = challenges.issue(pending()).unwrap();
        assert_eq!(challenges.expire("ANA"), 1);
        assert_eq!(challenges.take(&session).err(), Some(SessionError::Expired));
    }
}
