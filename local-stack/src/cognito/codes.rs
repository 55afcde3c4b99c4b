//! The one-time codes Cognito sends: one live code per pool, person and
//! purpose (an SMS MFA code per challenge session),
//! replaced when a new one is sent, used up when accepted, and refused once
//! its lifetime has passed. moto accepts any code, so the front keeps them.

use std::collections::HashMap;
use std::io::Read;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::person_key;

/// Cognito's lifetimes: 24 hours to confirm an account, 1 hour to reset a
/// password.
///
/// Wrong codes count: after [`MAX_WRONG_CODES`] of them the code is dead
/// (every try, the right code too, is [`CodeError::TooManyAttempts`])
/// until a new one is sent, as Cognito answers LimitExceededException.
pub const SIGN_UP_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);
pub const RESET_LIFETIME: Duration = Duration::from_secs(60 * 60);
/// Cognito's SMS MFA codes live 3 minutes (email MFA codes too, locally:
/// the challenge's session does not live longer).
pub const SMS_MFA_LIFETIME: Duration = Duration::from_secs(3 * 60);
/// Codes to verify an email or phone number live 24 hours, as Cognito's.
pub const VERIFY_ATTRIBUTE_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);
/// Wrong codes accepted before the code is dead.
pub const MAX_WRONG_CODES: u32 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    SignUp,
    PasswordReset,
    /// Kept under the challenge's session, not the person.
    SmsMfa,
    /// Kept under the challenge's session, not the person.
    EmailMfa,
    /// Kept under the person and the attribute.
    VerifyAttribute,
}

impl Purpose {
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::SignUp => SIGN_UP_LIFETIME,
            Purpose::PasswordReset => RESET_LIFETIME,
            Purpose::SmsMfa | Purpose::EmailMfa => SMS_MFA_LIFETIME,
            Purpose::VerifyAttribute => VERIFY_ATTRIBUTE_LIFETIME,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::SignUp => "sign-up",
            Purpose::PasswordReset => "recovery",
            Purpose::SmsMfa | Purpose::EmailMfa => "sign-in",
            Purpose::VerifyAttribute => "verification",
        }
    }

    /// Codes that may be printed on the terminal: those a developer needs
    /// by hand to get an account going. Sign-in and verification codes
    /// only ever leave through the outbox, behind the secret.
    pub fn printed(self) -> bool {
        matches!(self, Purpose::SignUp | Purpose::PasswordReset)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeError {
    /// No code was sent to this person for this purpose (or it was used).
    NoneSent,
    Mismatch,
    Expired,
    /// Too many wrong codes for the live one.
    TooManyAttempts,
}

/// A code as sent. Debug hides the code: it is as good as a password until
/// it is used.
#[derive(Clone)]
struct Issued {
    code: String,
    expires_at: Instant,
    wrong: u32,
}

type Key = (Purpose, String, String);

#[derive(Default)]
pub struct CodeStore {
    /// By purpose, pool id and person (or session).
    issued: Mutex<HashMap<Key, Issued>>,
}

impl std::fmt::Debug for CodeStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CodeStore(<redacted>)")
    }
}

impl CodeStore {
    /// Sends (records) a fresh code, replacing any earlier one.
    pub fn issue(&self, purpose: Purpose, pool: &str, username: &str, now: Instant) -> String {
        let code = six_digits();
        let issued = Issued {
            code: code.clone(),
            expires_at: now + purpose.lifetime(),
            wrong: 0,
        };
        self.lock()
            .insert((purpose, pool.to_string(), person_key(username)), issued);
        code
    }

    /// Accepts the live code once; a wrong code leaves it live, until too
    /// many wrong ones have been tried.
    pub fn redeem(
        &self,
        purpose: Purpose,
        pool: &str,
        username: &str,
        code: &str,
        now: Instant,
    ) -> Result<(), CodeError> {
        let mut issued = self.lock();
        let entry = (purpose, pool.to_string(), person_key(username));
        let live = issued.get_mut(&entry).ok_or(CodeError::NoneSent)?;
        if live.wrong >= MAX_WRONG_CODES {
            return Err(CodeError::TooManyAttempts);
        }
        if live.code != code.trim() {
            live.wrong += 1;
            return Err(CodeError::Mismatch);
        }
        if now >= live.expires_at {
            return Err(CodeError::Expired);
        }
        issued.remove(&entry);
        Ok(())
    }

    /// Makes every code sent to this person (in any pool) so far out of
    /// date, as if their
    /// lifetime had passed (tests use it instead of waiting a day).
    pub fn expire(&self, username: &str, now: Instant) -> usize {
        let username = person_key(username);
        let mut expired = 0;
        for ((_, _, who), issued) in self.lock().iter_mut() {
            if *who == username {
                issued.expires_at = now;
                expired += 1;
            }
        }
        expired
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Issued>> {
        self.issued
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A uniformly random six-digit code, like Cognito's.
fn six_digits() -> String {
    let mut bytes = [0u8; 4];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    let random = match read {
        Ok(()) => u32::from_le_bytes(bytes),
        // Still unpredictable enough for a local stand-in.
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos()),
    };
    format!("{:06}", random % 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_sent_is_accepted_once() {
        let store = CodeStore::default();
        let now = Instant::now();
        let code = store.issue(Purpose::SignUp, "p", "Ana@Example.com", now);
        assert_eq!(code.len(), 6);
        assert!(code.chars().all(|c| c.is_ascii_digit()));
        assert_eq!(
            store.redeem(Purpose::SignUp, "p", "ana@example.com", &code, now),
            Ok(())
        );
        assert_eq!(
            store.redeem(Purpose::SignUp, "p", "ana@example.com", &code, now),
            Err(CodeError::NoneSent)
        );
    }

    #[test]
    fn a_wrong_code_is_refused_and_the_right_one_still_works() {
        let store = CodeStore::default();
        let now = Instant::now();
        let code = store.issue(Purpose::SignUp, "p", "a@example.com", now);
        let wrong = if code == "000000" { "000001" } else { "000000" };
        assert_eq!(
            store.redeem(Purpose::SignUp, "p", "a@example.com", wrong, now),
            Err(CodeError::Mismatch)
        );
        assert_eq!(
            store.redeem(Purpose::SignUp, "p", "a@example.com", &code, now),
            Ok(())
        );
    }

    #[test]
    fn too_many_wrong_codes_kill_the_code_until_a_new_one_is_sent() {
        let store = CodeStore::default();
        let now = Instant::now();
        let code = store.issue(Purpose::SignUp, "p", "a@example.com", now);
        let wrong = if code == "000000" { "000001" } else { "000000" };
        for _ in 0..MAX_WRONG_CODES {
            assert_eq!(
                store.redeem(Purpose::SignUp, "p", "a@example.com", wrong, now),
                Err(CodeError::Mismatch)
            );
        }
        assert_eq!(
            store.redeem(Purpose::SignUp, "p", "a@example.com", &code, now),
            Err(CodeError::TooManyAttempts)
        );
        let fresh = store.issue(Purpose::SignUp, "p", "a@example.com", now);
        assert_eq!(
            store.redeem(Purpose::SignUp, "p", "a@example.com", &fresh, now),
            Ok(())
        );
    }

    #[test]
    fn codes_expire_after_their_lifetime() {
        let store = CodeStore::default();
        let now = Instant::now();
        let code = store.issue(Purpose::PasswordReset, "p", "a@example.com", now);
        let later = now + RESET_LIFETIME;
        assert_eq!(
            store.redeem(Purpose::PasswordReset, "p", "a@example.com", &code, later),
            Err(CodeError::Expired)
        );
    }

    #[test]
    fn a_new_code_replaces_the_old_one() {
        let store = CodeStore::default();
        let now = Instant::now();
        let first = store.issue(Purpose::SignUp, "p", "a@example.com", now);
        let mut second = store.issue(Purpose::SignUp, "p", "a@example.com", now);
        while second == first {
            second = store.issue(Purpose::SignUp, "p", "a@example.com", now);
        }
        assert_eq!(
            store.redeem(Purpose::SignUp, "p", "a@example.com", &first, now),
            Err(CodeError::Mismatch)
        );
        assert_eq!(
            store.redeem(Purpose::SignUp, "p", "a@example.com", &second, now),
            Ok(())
        );
    }

    #[test]
    fn purposes_and_people_are_kept_apart() {
        let store = CodeStore::default();
        let now = Instant::now();
        let code = store.issue(Purpose::SignUp, "p", "a@example.com", now);
        assert_eq!(
            store.redeem(Purpose::PasswordReset, "p", "a@example.com", &code, now),
            Err(CodeError::NoneSent)
        );
        assert_eq!(
            store.redeem(Purpose::SignUp, "p", "b@example.com", &code, now),
            Err(CodeError::NoneSent)
        );
    }

    #[test]
    fn pools_are_kept_apart() {
        let store = CodeStore::default();
        let now = Instant::now();
        let code = store.issue(Purpose::SignUp, "p", "a@example.com", now);
        assert_eq!(
            store.redeem(Purpose::SignUp, "q", "a@example.com", &code, now),
            Err(CodeError::NoneSent)
        );
    }

    #[test]
    fn expiring_by_hand_affects_only_that_person() {
        let store = CodeStore::default();
        let now = Instant::now();
        let a = store.issue(Purpose::SignUp, "p", "a@example.com", now);
        let b = store.issue(Purpose::SignUp, "p", "b@example.com", now);
        assert_eq!(store.expire("A@example.com", now), 1);
        assert_eq!(
            store.redeem(Purpose::SignUp, "p", "a@example.com", &a, now),
            Err(CodeError::Expired)
        );
        assert_eq!(
            store.redeem(Purpose::SignUp, "p", "b@example.com", &b, now),
            Ok(())
        );
    }

    #[test]
    fn debug_hides_codes() {
        let store = CodeStore::default();
        let code = store.issue(Purpose::SignUp, "p", "a@example.com", Instant::now());
        assert!(!format!("{store:?}").contains(&code));
    }
}
