//! Choice-based sign-in (`USER_AUTH`): the identifier first, then one of
//! the ways in the pool allows and the person can use: a password, a code
//! by email or text message, or a passkey.

use super::wire::{InitiateAuthResponse, SessionToken};
use super::{
    Challenge, ChallengeSession, CognitoClient, CognitoError, SignInOutcome, Stage, sign_in_outcome,
};
use crate::web::json::ObjectWriter;
use crate::web::passkey::{self, PasskeyError};

/// A way in: one of a pool's `AllowedFirstAuthFactors`, and of a person's
/// `AvailableChallenges`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstFactor {
    Password,
    /// A code by email (EMAIL_OTP).
    Email,
    /// A code by text message (SMS_OTP).
    Sms,
    /// A passkey (WEB_AUTHN).
    Passkey,
}

impl FirstFactor {
    /// In the order the choice shows them.
    pub const ALL: [Self; 4] = [Self::Password, Self::Passkey, Self::Email, Self::Sms];

    /// Cognito's name for it: a challenge name, and `PREFERRED_CHALLENGE`'s
    /// and SELECT_CHALLENGE's `ANSWER`'s value.
    pub fn name(self) -> &'static str {
        match self {
            Self::Password => "PASSWORD",
            Self::Email => "EMAIL_OTP",
            Self::Sms => "SMS_OTP",
            Self::Passkey => "WEB_AUTHN",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|way| way.name() == name)
    }

    /// The ways among `names`, in the app's order. `PASSWORD_SRP` (the
    /// password by a protocol the app does not speak) is left out; the
    /// plain `PASSWORD` comes with it.
    pub fn listed(names: &[String]) -> Vec<Self> {
        Self::ALL
            .into_iter()
            .filter(|way| names.iter().any(|name| name == way.name()))
            .collect()
    }
}

impl CognitoClient {
    /// `InitiateAuth` with `USER_AUTH` for `username`: the ways the person
    /// can sign in with (SELECT_CHALLENGE), or, with `preferred`, that
    /// way's challenge at once where the person can use it. With a
    /// sign-up's confirmed `session`, the tokens at once.
    pub async fn start_sign_in(
        &self,
        username: &str,
        preferred: Option<FirstFactor>,
        session: Option<&SessionToken>,
    ) -> Result<SignInOutcome, CognitoError> {
        let parameters = ObjectWriter::new()
            .string("USERNAME", username)
            .some_string("PREFERRED_CHALLENGE", preferred.map(FirstFactor::name))
            .finish();
        let request = ObjectWriter::new()
            .string("AuthFlow", "USER_AUTH")
            .string("ClientId", self.client_id)
            .raw("AuthParameters", &parameters)
            .some_string("Session", session.map(|s| s.0.as_str()))
            .finish();
        let response: InitiateAuthResponse =
            self.send("InitiateAuth", Stage::SignIn, request).await?;
        sign_in_outcome(response, username)
    }

    /// Answers SELECT_CHALLENGE with `way`: the password itself, or that
    /// way's challenge (a code sent, a passkey asked for).
    pub fn choose_way(
        &self,
        session: &ChallengeSession,
        way: FirstFactor,
        password: &str,
    ) -> impl Future<Output = Result<SignInOutcome, CognitoError>> + use<> {
        let values = [("ANSWER", way.name()), ("PASSWORD", password)];
        let values = match way {
            FirstFactor::Password => &values[..],
            _ => &values[..1],
        };
        self.answer_challenge("SELECT_CHALLENGE", session, values)
    }

    /// Answers WEB_AUTHN with the passkey's signed answer (the
    /// `PublicKeyCredential` as JSON).
    pub fn answer_passkey(
        &self,
        session: &ChallengeSession,
        credential: &str,
    ) -> impl Future<Output = Result<SignInOutcome, CognitoError>> + use<> {
        self.answer_challenge("WEB_AUTHN", session, &[("CREDENTIAL", credential)])
    }
}

/// Why a passkey gave no sign-in: the browser's prompt failed, or Cognito
/// refused what it signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasskeyFailure {
    Browser(PasskeyError),
    Cognito(CognitoError),
}

impl CognitoClient {
    /// Where Cognito asks for a passkey (WEB_AUTHN): the browser's prompt,
    /// then Cognito's answer to what it signed. Any other outcome passes as
    /// it is; `Err` is the passkey's failure.
    pub async fn with_passkey(
        &self,
        answer: Result<SignInOutcome, CognitoError>,
    ) -> Result<Result<SignInOutcome, CognitoError>, PasskeyFailure> {
        let Ok(SignInOutcome::Challenged {
            challenge: Challenge::Passkey(options),
            session,
        }) = answer
        else {
            return Ok(answer);
        };
        let credential = passkey::sign(options)
            .await
            .map_err(PasskeyFailure::Browser)?;
        self.answer_passkey(&session, &credential)
            .await
            .map(Ok)
            .map_err(PasskeyFailure::Cognito)
    }
}
