//! Each person's second factors, kept by the front: moto gives everyone
//! the same authenticator-app secret and knows nothing of email MFA, so
//! the front holds the verified secret, which methods are on and which is
//! preferred (what SetUserMFAPreference sets and GetUser shows). moto's
//! own MFA flags stay off, so moto signs every right password straight in
//! and the front decides the challenge (see [`super::sign_in`]).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::person_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Totp,
    Sms,
    Email,
}

impl Method {
    /// The name in challenges, `MFAS_CAN_SETUP`, `MFAS_CAN_CHOOSE` and
    /// `UserMFASettingList`.
    pub fn name(self) -> &'static str {
        match self {
            Method::Totp => "SOFTWARE_TOKEN_MFA",
            Method::Sms => "SMS_MFA",
            Method::Email => "EMAIL_OTP",
        }
    }

    /// A `SELECT_MFA_TYPE` answer; the API reference spells email
    /// `EMAIL_MFA` there, the challenge is `EMAIL_OTP`: both are taken.
    pub fn parse(answer: &str) -> Option<Method> {
        match answer {
            "SOFTWARE_TOKEN_MFA" => Some(Method::Totp),
            "SMS_MFA" => Some(Method::Sms),
            "EMAIL_OTP" | "EMAIL_MFA" => Some(Method::Email),
            _ => None,
        }
    }
}

/// A JSON array as a string, as Cognito sends `MFAS_CAN_SETUP` and
/// `MFAS_CAN_CHOOSE`.
pub fn names_json(methods: &[Method]) -> String {
    serde_json::Value::from(methods.iter().map(|m| m.name()).collect::<Vec<_>>()).to_string()
}

/// Secrets inside: Debug shows none.
#[derive(Default, Clone)]
pub struct UserMfa {
    /// The authenticator-app secret, once a code from it was verified.
    pub totp_secret: Option<String>,
    /// Associated with an access token, not verified yet.
    pub pending_totp_secret: Option<String>,
    totp: bool,
    sms: bool,
    email: bool,
    pub preferred: Option<Method>,
}

impl std::fmt::Debug for UserMfa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserMfa")
            .field("totp", &self.totp)
            .field("sms", &self.sms)
            .field("email", &self.email)
            .field("preferred", &self.preferred)
            .finish_non_exhaustive()
    }
}

impl UserMfa {
    pub fn is_enabled(&self, method: Method) -> bool {
        match method {
            Method::Totp => self.totp,
            Method::Sms => self.sms,
            Method::Email => self.email,
        }
    }

    /// The methods turned on, among those the pool allows, in its order.
    pub fn enabled(&self, allowed: &[Method]) -> Vec<Method> {
        allowed
            .iter()
            .copied()
            .filter(|m| self.is_enabled(*m))
            .collect()
    }

    /// As one `*MfaSettings` of SetUserMFAPreference: a method turned off
    /// or no longer preferred stops being the preferred one.
    pub fn set(&mut self, method: Method, enabled: bool, preferred: bool) {
        match method {
            Method::Totp => self.totp = enabled,
            Method::Sms => self.sms = enabled,
            Method::Email => self.email = enabled,
        }
        if enabled && preferred {
            self.preferred = Some(method);
        } else if self.preferred == Some(method) {
            self.preferred = None;
        }
    }

    /// Turned on during sign-in (MFA_SETUP), preferred if nothing else is.
    pub fn set_up(&mut self, method: Method) {
        let preferred = self.preferred.is_none();
        self.set(method, true, preferred || self.preferred == Some(method));
    }
}

/// By pool and person (moto's username, which in email pools is the `sub`).
#[derive(Default)]
pub struct MfaStore {
    users: Mutex<HashMap<(String, String), UserMfa>>,
}

impl std::fmt::Debug for MfaStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MfaStore(<redacted>)")
    }
}

impl MfaStore {
    fn lock(&self) -> MutexGuard<'_, HashMap<(String, String), UserMfa>> {
        self.users.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn get(&self, pool: &str, username: &str) -> UserMfa {
        self.lock()
            .get(&(pool.to_string(), person_key(username)))
            .cloned()
            .unwrap_or_default()
    }

    pub fn update<R>(&self, pool: &str, username: &str, f: impl FnOnce(&mut UserMfa) -> R) -> R {
        f(self
            .lock()
            .entry((pool.to_string(), person_key(username)))
            .or_default())
    }

    pub fn forget(&self, pool: &str, username: &str) {
        self.lock()
            .remove(&(pool.to_string(), person_key(username)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preference_follows_what_is_enabled() {
        let mut mfa = UserMfa::default();
        mfa.set(Method::Sms, true, true);
        mfa.set(Method::Totp, true, false);
        assert_eq!(mfa.preferred, Some(Method::Sms));
        assert_eq!(
            mfa.enabled(&[Method::Totp, Method::Sms]),
            [Method::Totp, Method::Sms]
        );
        assert_eq!(mfa.enabled(&[Method::Totp]), [Method::Totp]);
        mfa.set(Method::Sms, false, true);
        assert_eq!(mfa.preferred, None);
        mfa.set_up(Method::Email);
        assert_eq!(mfa.preferred, Some(Method::Email));
        mfa.set_up(Method::Totp);
        assert_eq!(
            mfa.preferred,
            Some(Method::Email),
            "set-up keeps a preference"
        );
    }

    #[test]
    fn names_go_as_a_json_string() {
        assert_eq!(
            names_json(&[Method::Totp, Method::Email]),
            r#"["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]"#
        );
        assert_eq!(Method::parse("EMAIL_MFA"), Some(Method::Email));
        assert_eq!(Method::parse("PASSWORD"), None);
    }

    #[test]
    fn debug_hides_secrets() {
        let store = MfaStore::default();
        store.update("p", "ana", |m| m.totp_secret = Some("SECRETSECRET".into()));
        assert!(!format!("{:?}", store.get("p", "ANA")).contains("SECRET"));
        assert!(store.get("p", "ana").totp_secret.is_some());
    }
}
