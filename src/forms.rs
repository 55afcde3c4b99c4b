//! What the forms check before anything is sent, on plain strings so it can
//! be tested without a browser page.

use crate::password::PasswordPolicy;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    #[error("Enter your email address.")]
    EmailMissing,
    #[error("Enter a valid email address, like name@example.com.")]
    EmailInvalid,
    #[error("Enter your password.")]
    PasswordMissing,
    #[error("The password does not meet all the rules in the checklist.")]
    PasswordWeak,
    #[error("The passwords do not match.")]
    PasswordMismatch,
    #[error("Enter the confirmation code from the email.")]
    CodeMissing,
    #[error("The confirmation code is the 6 digits from the email.")]
    CodeInvalid,
}

/// Emails are the username; surrounding spaces from a paste are never meant.
pub fn email(raw: &str) -> Result<String, FormError> {
    let email = raw.trim();
    if email.is_empty() {
        return Err(FormError::EmailMissing);
    }
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.contains(char::is_whitespace)
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
    if password.is_empty() {
        return Err(FormError::PasswordMissing);
    }
    if !policy.is_met_by(password) {
        return Err(FormError::PasswordWeak);
    }
    if password != confirm {
        return Err(FormError::PasswordMismatch);
    }
    Ok(email)
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
