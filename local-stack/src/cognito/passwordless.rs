//! People without a password of their own. moto wants a password for
//! everyone, so a passwordless sign-up gets a random one that nobody is
//! told (kept nowhere, not even here); the front remembers only that the
//! person has none, so `USER_AUTH` does not offer them `PASSWORD`. Also
//! SignUp's `Session`, which ConfirmSignUp trades for one that signs in at
//! once.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::person_key;

/// By pool and moto's username.
#[derive(Debug, Default)]
pub struct NoPassword {
    people: Mutex<HashSet<(String, String)>>,
}

impl NoPassword {
    fn lock(&self) -> MutexGuard<'_, HashSet<(String, String)>> {
        self.people.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn has_none(&self, pool: &str, username: &str) -> bool {
        self.lock()
            .contains(&(pool.to_string(), person_key(username)))
    }

    pub fn mark(&self, pool: &str, username: &str) {
        self.lock().insert((pool.to_string(), person_key(username)));
    }

    /// They chose a password after all (a password reset).
    pub fn forget(&self, pool: &str, username: &str) {
        self.lock()
            .remove(&(pool.to_string(), person_key(username)));
    }
}

/// SignUp's `Session` on pools with choice-based sign-in, by session: the
/// pool and person it is for, and when it was given. It lives as long as
/// the sign-up code ([`super::codes::SIGN_UP_LIFETIME`]).
#[derive(Default)]
pub struct SignUpSessions {
    open: Mutex<HashMap<String, (String, String, Instant)>>,
}

/// Sessions are secrets: Debug shows none.
impl std::fmt::Debug for SignUpSessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SignUpSessions(<redacted>)")
    }
}

impl SignUpSessions {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, (String, String, Instant)>> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn open(
        &self,
        pool: &str,
        username: &str,
        now: Instant,
    ) -> Result<String, getrandom::Error> {
        let mut bytes = [0u8; 48];
        getrandom::getrandom(&mut bytes)?;
        let session = URL_SAFE_NO_PAD.encode(bytes);
        let mut open = self.lock();
        open.retain(|_, (_, _, given)| now.duration_since(*given) < super::codes::SIGN_UP_LIFETIME);
        open.insert(
            session.clone(),
            (pool.to_string(), person_key(username), now),
        );
        Ok(session)
    }

    /// Uses the session up; true if it was this person's and alive.
    pub fn take(&self, session: &str, pool: &str, username: &str, now: Instant) -> bool {
        self.lock()
            .remove(session)
            .is_some_and(|(for_pool, person, given)| {
                for_pool == pool
                    && person == person_key(username)
                    && now.duration_since(given) < super::codes::SIGN_UP_LIFETIME
            })
    }
}

/// A password nobody knows, for moto: 256 random bits, plus one of each
/// kind of character any policy may ask for.
pub fn unknown_password() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)?;
    Ok(format!("{}aA1!", URL_SAFE_NO_PAD.encode(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_passwords_meet_the_policy_and_differ() {
        let first = unknown_password().unwrap();
        assert_eq!(
            super::super::policy::violation(&crate::seed::PASSWORD_POLICY, &first),
            None
        );
        assert_ne!(first, unknown_password().unwrap());
    }

    #[test]
    fn a_sign_up_session_is_for_its_person_once_and_a_day() {
        let sessions = SignUpSessions::default();
        let now = Instant::now();
        let session = sessions.open("p", "Ana@example.com", now).unwrap();
        assert!(!format!("{sessions:?}").contains(&session));
        assert!(!sessions.take(&session, "p", "bo@example.com", now));
        let session = sessions.open("p", "ana@example.com", now).unwrap();
        assert!(sessions.take(&session, "p", "ANA@example.com", now));
        assert!(!sessions.take(&session, "p", "ana@example.com", now));
        let session = sessions.open("p", "ana@example.com", now).unwrap();
        let later = now + super::super::codes::SIGN_UP_LIFETIME;
        assert!(!sessions.take(&session, "p", "ana@example.com", later));
    }

    #[test]
    fn people_are_kept_per_pool() {
        let none = NoPassword::default();
        none.mark("p", "Ana");
        assert!(none.has_none("p", "ana"));
        assert!(!none.has_none("q", "ana"));
        none.forget("p", "ANA");
        assert!(!none.has_none("p", "ana"));
    }
}
