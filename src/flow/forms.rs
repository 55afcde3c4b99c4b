//! What the forms check before anything is sent, on plain strings so it can
//! be tested without a browser page.

use super::attributes::SignUpAttribute;
use super::identity::{self, SignInWith};
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
    PhoneMissing,
    PhoneInvalid,
    UsernameMissing,
    UsernameInvalid,
    /// Nothing typed where several identifiers are allowed; the message
    /// names them.
    IdentifierMissing,
    AttributeMissing,
    DateInvalid,
    UrlInvalid,
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
            Self::PhoneMissing => m.phone_missing,
            Self::PhoneInvalid => m.phone_invalid,
            Self::UsernameMissing => m.username_missing,
            Self::UsernameInvalid => m.username_invalid,
            Self::IdentifierMissing => return identity::fill_noun(m, m.identifier_missing),
            Self::AttributeMissing => m.attribute_missing,
            Self::DateInvalid => m.date_invalid,
            Self::UrlInvalid => m.url_invalid,
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

/// A phone number as Cognito takes it: E.164, `+` and up to 15 digits.
/// Spaces, dashes, dots and brackets from the way people write numbers
/// are dropped.
pub fn phone_number(raw: &str) -> Result<String, FormError> {
    let number: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '(' | ')'))
        .collect();
    if number.is_empty() {
        return Err(FormError::PhoneMissing);
    }
    let digits = number.strip_prefix('+').unwrap_or_default();
    let valid = (7..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    valid.then_some(number).ok_or(FormError::PhoneInvalid)
}

/// A username: Cognito's allow letters, digits, symbols and punctuation,
/// never spaces, at most 128 of them.
pub fn username(raw: &str) -> Result<String, FormError> {
    let username = raw.trim();
    if username.is_empty() {
        return Err(FormError::UsernameMissing);
    }
    let valid = username.chars().count() <= 128
        && !username
            .chars()
            .any(|c| c.is_whitespace() || c.is_control());
    valid
        .then(|| username.to_owned())
        .ok_or(FormError::UsernameInvalid)
}

/// A date as `YYYY-MM-DD` (what a date input gives, and what Cognito's
/// `birthdate` wants).
pub fn date(raw: &str) -> Result<String, FormError> {
    let date = raw.trim();
    let parts = text::pieces(date, b'-');
    // By hand: `str::parse` links integer parsing for this one use.
    let number = |part: &str, len: usize, max: u32| {
        let value = part.bytes().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        });
        part.len() == len && value.is_some_and(|n| (1..=max).contains(&n))
    };
    let valid = matches!(parts[..], [year, month, day]
        if number(year, 4, 9999) && number(month, 2, 12) && number(day, 2, 31));
    valid.then(|| date.to_owned()).ok_or(FormError::DateInvalid)
}

/// A web address (`website`, `profile`, `picture`).
pub fn url(raw: &str) -> Result<String, FormError> {
    let url = raw.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or_default();
    let valid = !rest.is_empty() && !url.chars().any(char::is_whitespace);
    valid.then(|| url.to_owned()).ok_or(FormError::UrlInvalid)
}

/// What the sign-in form sends: who, as the pool takes it, once a
/// password is typed.
pub fn sign_in(with: SignInWith, raw_who: &str, password: &str) -> Result<String, FormError> {
    let who = with.check(raw_who)?;
    self::password(password)?;
    Ok(who)
}

/// A password to sign in with: anything typed (the pool judges it).
pub fn password(password: &str) -> Result<(), FormError> {
    if password.is_empty() {
        return Err(FormError::PasswordMissing);
    }
    Ok(())
}

/// A new account, checked: the `Username` and the attributes Cognito is
/// sent, as it takes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub username: String,
    pub attributes: Vec<(String, String)>,
}

/// What the sign-up form holds: the username (`with`'s
/// [`SignInWith::sign_up_username`]), each asked attribute with its value
/// (the config's, a username pool's aliases among them), and the password
/// twice.
pub struct SignUpForm<'a> {
    pub with: SignInWith,
    pub username: &'a str,
    pub attributes: &'a [(&'a SignUpAttribute, String)],
    pub password: &'a str,
    pub confirm: &'a str,
    /// The pool signs people in with codes: a password left out (with
    /// its confirmation) signs up without one.
    pub password_optional: bool,
}

pub fn sign_up(form: &SignUpForm, policy: &PasswordPolicy) -> Result<NewAccount, FormError> {
    let who = form.with.sign_up_username();
    let username = who.check(form.username)?;
    let mut attributes = Vec::new();
    // An email or phone number that is the username is its attribute too.
    if let Some(name) = who.attribute() {
        attributes.push((name.to_owned(), username.clone()));
    }
    for (attribute, raw) in form.attributes {
        attributes.push((attribute.name.clone(), attribute.check(raw)?));
    }
    let without_password =
        form.password_optional && form.password.is_empty() && form.confirm.is_empty();
    if !without_password {
        new_password(form.password, form.confirm, policy)?;
    }
    Ok(NewAccount {
        username,
        attributes,
    })
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
