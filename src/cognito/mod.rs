//! A typed client for the Cognito user-pool operations the app calls, over
//! Cognito's JSON protocol. Unauthenticated calls only: the user pool's
//! public API needs no AWS signature, just the app client's id.

mod error;
pub mod jwt;
pub mod wire;

pub use error::{CognitoError, Stage, sanitize_code};
use wire::*;

use crate::web::http::{self, FetchError};

/// Borrows the page's config, which lives as long as the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CognitoClient {
    endpoint: &'static str,
    client_id: &'static str,
}

/// How a password sign-in ended.
#[derive(Clone, PartialEq, Eq)]
pub enum SignInOutcome {
    Tokens(AuthenticationResult),
    /// A further step the app answers; `session` goes back with the answer.
    Challenged {
        challenge: Challenge,
        session: ChallengeSession,
    },
    /// Cognito asked for a further step the app does not handle yet.
    Challenge(String),
}

/// The challenges the app answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Challenge {
    /// A new password must be set before signing in (users created by an
    /// administrator).
    NewPasswordRequired,
    /// The person turned on two-step sign-in: their authenticator app's code.
    SoftwareTokenMfa,
}

impl Challenge {
    const ALL: [Self; 2] = [Self::NewPasswordRequired, Self::SoftwareTokenMfa];

    /// Its `ChallengeName` on the wire.
    fn name(self) -> &'static str {
        match self {
            Self::NewPasswordRequired => "NEW_PASSWORD_REQUIRED",
            Self::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA",
        }
    }

    /// The `ChallengeResponses` key its answer goes under.
    fn response_key(self) -> &'static str {
        match self {
            Self::NewPasswordRequired => "NEW_PASSWORD",
            Self::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA_CODE",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// A challenge being answered, in memory only.
#[derive(Clone, PartialEq, Eq)]
pub struct ChallengeSession {
    /// Who answers: the username Cognito names in the challenge
    /// (`ChallengeParameters.USERNAME`: with an email alias, a UUID rather
    /// than the email), else the one the step was sent with.
    pub username: String,
    /// Cognito's `Session`, which proves the steps before; a credential.
    pub session: String,
}

/// The session is a credential: `Debug` never shows it.
impl std::fmt::Debug for ChallengeSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChallengeSession(<redacted>)")
    }
}

/// The challenge session is a credential: `Debug` never shows it.
impl std::fmt::Debug for SignInOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Tokens(tokens) => f.debug_tuple("Tokens").field(tokens).finish(),
            Self::Challenged { challenge, .. } => f
                .debug_struct("Challenged")
                .field("challenge", challenge)
                .field("session", &"<redacted>")
                .finish(),
            Self::Challenge(name) => f.debug_tuple("Challenge").field(name).finish(),
        }
    }
}

// The methods that only build a request return `send`'s future instead of
// being `async fn`s: each `async fn` is a state machine of its own, and
// these ten cost 1.0 KB of brotli before `send` took the request serialised.
impl CognitoClient {
    pub fn new(endpoint: &'static str, client_id: &'static str) -> Self {
        Self {
            endpoint,
            client_id,
        }
    }

    /// Registers `email` (the username, and its `email` attribute).
    pub fn sign_up(
        &self,
        email: &str,
        password: &str,
    ) -> impl Future<Output = Result<SignUpResponse, CognitoError>> {
        let request = SignUpRequest {
            client_id: self.client_id,
            username: email,
            password,
            user_attributes: vec![AttributeType {
                name: "email",
                value: email,
            }],
        };
        self.send("SignUp", Stage::SignUp, request.to_json())
    }

    pub fn confirm_sign_up(
        &self,
        email: &str,
        code: &str,
    ) -> impl Future<Output = Result<(), CognitoError>> {
        let request = ConfirmSignUpRequest {
            client_id: self.client_id,
            username: email,
            confirmation_code: code,
        };
        self.send("ConfirmSignUp", Stage::Confirmation, request.to_json())
    }

    /// Sends a new sign-up confirmation code; the old one stops working.
    pub fn resend_confirmation_code(
        &self,
        email: &str,
    ) -> impl Future<Output = Result<ForgotPasswordResponse, CognitoError>> {
        self.send_code("ResendConfirmationCode", Stage::Confirmation, email)
    }

    /// `InitiateAuth` with `USER_PASSWORD_AUTH`.
    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
    ) -> Result<SignInOutcome, CognitoError> {
        let request = InitiateAuthRequest {
            auth_flow: "USER_PASSWORD_AUTH",
            client_id: self.client_id,
            auth_parameters: AuthParameters {
                username: email,
                password,
            },
        };
        let response: InitiateAuthResponse = self
            .send("InitiateAuth", Stage::SignIn, request.to_json())
            .await?;
        sign_in_outcome(response, email)
    }

    /// `InitiateAuth` with `REFRESH_TOKEN_AUTH`: new ID and access tokens,
    /// and a new refresh token where the app client rotates them.
    pub async fn refresh(&self, refresh_token: &str) -> Result<AuthenticationResult, CognitoError> {
        let request = InitiateAuthRequest {
            auth_flow: "REFRESH_TOKEN_AUTH",
            client_id: self.client_id,
            auth_parameters: RefreshParameters { refresh_token },
        };
        let response: InitiateAuthResponse = self
            .send("InitiateAuth", Stage::SignIn, request.to_json())
            .await?;
        match sign_in_outcome(response, "")? {
            SignInOutcome::Tokens(tokens) => Ok(tokens),
            _ => Err(CognitoError::Malformed),
        }
    }

    /// Sends a reset code to the user's verified email.
    pub fn forgot_password(
        &self,
        email: &str,
    ) -> impl Future<Output = Result<ForgotPasswordResponse, CognitoError>> {
        self.send_code("ForgotPassword", Stage::PasswordReset, email)
    }

    /// The operations that email a code take and answer the same shapes.
    fn send_code(
        &self,
        operation: &'static str,
        step: Stage,
        email: &str,
    ) -> impl Future<Output = Result<ForgotPasswordResponse, CognitoError>> {
        let request = ForgotPasswordRequest {
            client_id: self.client_id,
            username: email,
        };
        self.send(operation, step, request.to_json())
    }

    pub fn confirm_forgot_password(
        &self,
        email: &str,
        code: &str,
        password: &str,
    ) -> impl Future<Output = Result<(), CognitoError>> {
        let request = ConfirmForgotPasswordRequest {
            client_id: self.client_id,
            username: email,
            confirmation_code: code,
            password,
        };
        self.send(
            "ConfirmForgotPassword",
            Stage::PasswordReset,
            request.to_json(),
        )
    }

    /// Answers NEW_PASSWORD_REQUIRED.
    pub fn set_new_password(
        &self,
        session: &ChallengeSession,
        new_password: &str,
    ) -> impl Future<Output = Result<SignInOutcome, CognitoError>> {
        self.answer_challenge(Challenge::NewPasswordRequired, session, new_password)
    }

    /// Answers SOFTWARE_TOKEN_MFA with the authenticator app's code.
    pub fn answer_mfa(
        &self,
        session: &ChallengeSession,
        code: &str,
    ) -> impl Future<Output = Result<SignInOutcome, CognitoError>> {
        self.answer_challenge(Challenge::SoftwareTokenMfa, session, code)
    }

    async fn answer_challenge(
        &self,
        challenge: Challenge,
        session: &ChallengeSession,
        answer: &str,
    ) -> Result<SignInOutcome, CognitoError> {
        let username = session.username.as_str();
        let request = RespondToAuthChallengeRequest {
            challenge_name: challenge.name(),
            client_id: self.client_id,
            session: &session.session,
            challenge_responses: ChallengeResponses {
                username,
                key: challenge.response_key(),
                value: answer,
            },
        };
        let response: InitiateAuthResponse = self
            .send("RespondToAuthChallenge", Stage::SignIn, request.to_json())
            .await?;
        sign_in_outcome(response, username)
    }

    /// Signs the user out on every device: all their refresh tokens stop
    /// working.
    pub fn global_sign_out(
        &self,
        access_token: &str,
    ) -> impl Future<Output = Result<(), CognitoError>> {
        self.send(
            "GlobalSignOut",
            Stage::SignIn,
            GlobalSignOutRequest { access_token }.to_json(),
        )
    }

    /// Revokes one refresh token (this device's sign-in).
    pub fn revoke(&self, refresh_token: &str) -> impl Future<Output = Result<(), CognitoError>> {
        let request = RevokeTokenRequest {
            token: refresh_token,
            client_id: self.client_id,
        };
        self.send("RevokeToken", Stage::SignIn, request.to_json())
    }

    /// Takes the request already serialised, so the future borrows nothing
    /// and the methods above can hand it on as it is.
    fn send<Resp: FromJson>(
        &self,
        operation: &'static str,
        step: Stage,
        body: String,
    ) -> impl Future<Output = Result<Resp, CognitoError>> + use<Resp> {
        let client = *self;
        async move {
            let body = client.call(operation, step, body).await?;
            Resp::from_json(&body).map_err(|_| CognitoError::Malformed)
        }
    }

    /// The one non-generic HTTP exchange behind every operation: the body
    /// of a success, else the error, mapped for `step`.
    async fn call(
        &self,
        operation: &str,
        step: Stage,
        body: String,
    ) -> Result<String, CognitoError> {
        let target = ["AWSCognitoIdentityProviderService.", operation].concat();
        let answer = http::post(
            self.endpoint,
            &[
                ("Content-Type", "application/x-amz-json-1.1"),
                ("X-Amz-Target", &target),
            ],
            body,
        )
        .await
        .map_err(|e| match e {
            FetchError::Timeout => CognitoError::Timeout,
            FetchError::Network => CognitoError::Network,
        })?;
        if (200..300).contains(&answer.status) {
            Ok(answer.body)
        } else {
            Err(CognitoError::from_response(
                step,
                answer.status,
                answer.error_type.as_deref(),
                &answer.body,
            ))
        }
    }
}

/// Turns a raw answer to an operation of `step` into its response or a
/// mapped error, as `send` does.
pub fn decode<Resp: FromJson>(
    step: Stage,
    status: u16,
    error_type_header: Option<&str>,
    body: &str,
) -> Result<Resp, CognitoError> {
    if (200..300).contains(&status) {
        Resp::from_json(body).map_err(|_| CognitoError::Malformed)
    } else {
        Err(CognitoError::from_response(
            step,
            status,
            error_type_header,
            body,
        ))
    }
}

/// A sign-in step's outcome. `sent_as` is the username the step was sent
/// with; a challenge is answered as the username Cognito names in it
/// (`ChallengeParameters.USERNAME`: with an email alias, a UUID rather than
/// the email), else as `sent_as`.
pub fn sign_in_outcome(
    response: InitiateAuthResponse,
    sent_as: &str,
) -> Result<SignInOutcome, CognitoError> {
    match (response.authentication_result, response.challenge_name) {
        (_, Some(name)) => match (Challenge::from_name(&name), response.session) {
            (Some(challenge), Some(session)) => {
                let username = response
                    .challenge_username
                    .unwrap_or_else(|| sent_as.to_owned());
                let session = ChallengeSession { username, session };
                Ok(SignInOutcome::Challenged { challenge, session })
            }
            (Some(_), None) => Err(CognitoError::Malformed),
            (None, _) => Ok(SignInOutcome::Challenge(name)),
        },
        (Some(tokens), None) => Ok(SignInOutcome::Tokens(tokens)),
        (None, None) => Err(CognitoError::Malformed),
    }
}
