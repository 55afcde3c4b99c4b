//! What the forms check before anything is sent, on plain strings so it can
//! be tested without a browser page.

use crate::flow::password::PasswordPolicy;
use crate::i18n::Messages;
use crate::web::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormError {
    EmailMissing,
    EmailInvalid,
    PasswordMissing,
    PasswordWeak,
    PasswordMismatch,
    CodeMissing,
    CodeInvalid,
}

impl FormError {
    /// What to tell the person, in the chosen language.
    pub fn message(self, m: &Messages) -> String {
        match self {
            Self::EmailMissing => m.email_missing,
            Self::EmailInvalid => m.email_invalid,
            Self::PasswordMissing => m.password_missing,
            Self::PasswordWeak => m.password_weak,
            Self::PasswordMismatch => m.password_mismatch,
            Self::CodeMissing => m.code_missing,
            Self::CodeInvalid => m.code_invalid,
        }
        .to_owned()
    }
}

/// Emails are the username; surrounding spaces from a paste are never meant.
pub fn email(raw: &str) -> Result<String, FormError> {
    let email = raw.trim();
    if email.is_empty() {
        return Err(FormError::EmailMissing);
    }
    let valid = match text::split_once(email, b'@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.as_bytes().contains(&b'.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.as_bytes().contains(&b'@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    valid
        .then(|| email.to_owned())
        .ok_or(FormError::EmailInvalid)
}

pub fn sign_in(raw_email: &str, password: &str) -> Result<String, FormError> {
    let email = email(raw_email)?;
    if password.is_empty() {
        return Err(FormError::PasswordMissing);
    }
    Ok(email)
}

pub fn sign_up(
    raw_email: &str,
    password: &str,
    confirm: &str,
    policy: &PasswordPolicy,
) -> Result<String, FormError> {
    let email = email(raw_email)?;
    new_password(password, confirm, policy)?;
    Ok(email)
}

/// A password being chosen: present, within the pool's policy, and typed
/// the same twice.
pub fn new_password(
    password: &str,
    confirm: &str,
    policy: &PasswordPolicy,
) -> Result<(), FormError> {
    if password.is_empty() {
        return Err(FormError::PasswordMissing);
    }
    if !policy.is_met_by(password) {
        return Err(FormError::PasswordWeak);
    }
    if password != confirm {
        return Err(FormError::PasswordMismatch);
    }
    Ok(())
}

/// Cognito's codes are digits; spaces from a paste are dropped.
pub fn code(raw: &str) -> Result<String, FormError> {
    let code: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if code.is_empty() {
        return Err(FormError::CodeMissing);
    }
    if code.len() > 10 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FormError::CodeInvalid);
    }
    Ok(code)
}
