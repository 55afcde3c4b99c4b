//! A message as data: which catalogue entry, and what fills it. Alerts and
//! notices keep a [`Message`], not its words, and render it in the chosen
//! language each time, so a language switch re-renders what is on screen.

use super::{Messages, Text, fill};
use crate::api::ApiError;
use crate::cognito::{CognitoError, PasskeyFailure};
use crate::flow::forms::FormError;
use crate::flow::identity;
use crate::web::passkey::PasskeyError;

/// No `PartialEq`: catalogue entries are function pointers, which do not
/// compare reliably; tests compare what a message renders.
#[derive(Debug, Clone)]
pub enum Message {
    /// A catalogue entry as it is.
    Text(Text),
    /// A catalogue entry whose `{}` the value fills. One value: every
    /// entry with more is an error's, which fills its own.
    Fill(Text, Box<Message>),
    /// A catalogue entry whose `{}` names what the pool signs in with
    /// ("email", "username or email").
    Who(Text),
    /// Words that come from outside the app, shown as they are: an
    /// address a code went to, a server's own message.
    Plain(String),
    /// The errors carry what their entries need; each knows its entry.
    Cognito(CognitoError),
    Form(FormError),
    Api(ApiError),
}

impl Message {
    /// A catalogue entry filled with a value from outside the app.
    pub fn fill(template: Text, value: String) -> Self {
        Self::Fill(template, Box::new(Self::Plain(value)))
    }

    /// The words, in the language of `m`.
    pub fn render(&self, m: &Messages) -> String {
        match self {
            Self::Text(text) => text(m).to_owned(),
            Self::Fill(template, value) => fill(template(m), &[&value.render(m)]),
            Self::Who(template) => identity::fill_noun(m, template(m)),
            Self::Plain(words) => words.clone(),
            Self::Cognito(error) => error.message(m),
            Self::Form(error) => error.message(m),
            Self::Api(error) => error.message(m),
        }
    }
}

impl From<CognitoError> for Message {
    fn from(error: CognitoError) -> Self {
        Self::Cognito(error)
    }
}

impl From<FormError> for Message {
    fn from(error: FormError) -> Self {
        Self::Form(error)
    }
}

impl From<ApiError> for Message {
    fn from(error: ApiError) -> Self {
        Self::Api(error)
    }
}

impl From<PasskeyError> for Message {
    fn from(error: PasskeyError) -> Self {
        Self::Text(match error {
            PasskeyError::Unsupported => |m| m.passkey_unsupported,
            PasskeyError::Cancelled => |m| m.passkey_cancelled,
            PasskeyError::AlreadyRegistered => |m| m.passkey_already_registered,
            PasskeyError::Refused => |m| m.passkey_browser_refused,
        })
    }
}

impl From<PasskeyFailure> for Message {
    fn from(failure: PasskeyFailure) -> Self {
        match failure {
            PasskeyFailure::Browser(error) => error.into(),
            // Cognito's words are a password's ("Incorrect username or
            // password"): a deleted passkey, most likely.
            PasskeyFailure::Cognito(CognitoError::NotAuthorized(_)) => {
                Self::Text(|m| m.passkey_not_accepted)
            }
            PasskeyFailure::Cognito(error) => error.into(),
        }
    }
}
