//! People without a password of their own. moto wants a password for
//! everyone, so a passwordless sign-up gets a random one that nobody is
//! told (kept nowhere, not even here); the front remembers only that the
//! person has none, so `USER_AUTH` does not offer them `PASSWORD`.

use std::collections::HashSet;
use std::sync::{Mutex, MutexGuard, PoisonError};

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
    fn people_are_kept_per_pool() {
        let none = NoPassword::default();
        none.mark("p", "Ana");
        assert!(none.has_none("p", "ana"));
        assert!(!none.has_none("q", "ana"));
    }
}
