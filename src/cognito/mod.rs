//! A typed client for the Cognito user-pool operations the app calls, over
//! Cognito's JSON protocol. Unauthenticated calls only: the user pool's
//! public API needs no AWS signature, just the app client's id.

mod error;
pub mod wire;

pub use error::{CognitoError, sanitize_code};
use wire::*;

use crate::http::{self, FetchError};

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
        session: String,
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
        self.send("SignUp", request.to_json())
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
        self.send("ConfirmSignUp", request.to_json())
    }

    /// Sends a new sign-up confirmation code; the old one stops working.
    pub fn resend_confirmation_code(
        &self,
        email: &str,
    ) -> impl Future<Output = Result<ForgotPasswordResponse, CognitoError>> {
        self.send_code("ResendConfirmationCode", email)
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
        let response: InitiateAuthResponse = self.send("InitiateAuth", request.to_json()).await?;
        sign_in_outcome(response)
    }

    /// `InitiateAuth` with `REFRESH_TOKEN_AUTH`: new ID and access tokens
    /// (Cognito keeps the refresh token as it is).
    pub async fn refresh(&self, refresh_token: &str) -> Result<AuthenticationResult, CognitoError> {
        let request = InitiateAuthRequest {
            auth_flow: "REFRESH_TOKEN_AUTH",
            client_id: self.client_id,
            auth_parameters: RefreshParameters { refresh_token },
        };
        let response: InitiateAuthResponse = self.send("InitiateAuth", request.to_json()).await?;
        match sign_in_outcome(response)? {
            SignInOutcome::Tokens(tokens) => Ok(tokens),
            _ => Err(CognitoError::Malformed),
        }
    }

    /// Sends a reset code to the user's verified email.
    pub fn forgot_password(
        &self,
        email: &str,
    ) -> impl Future<Output = Result<ForgotPasswordResponse, CognitoError>> {
        self.send_code("ForgotPassword", email)
    }

    /// The operations that email a code take and answer the same shapes.
    fn send_code(
        &self,
        operation: &'static str,
        email: &str,
    ) -> impl Future<Output = Result<ForgotPasswordResponse, CognitoError>> {
        let request = ForgotPasswordRequest {
            client_id: self.client_id,
            username: email,
        };
        self.send(operation, request.to_json())
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
        self.send("ConfirmForgotPassword", request.to_json())
    }

    /// Answers NEW_PASSWORD_REQUIRED.
    pub fn set_new_password(
        &self,
        email: &str,
        session: &str,
        new_password: &str,
    ) -> impl Future<Output = Result<SignInOutcome, CognitoError>> {
        self.answer_challenge(Challenge::NewPasswordRequired, session, email, new_password)
    }

    /// Answers SOFTWARE_TOKEN_MFA with the authenticator app's code.
    pub fn answer_mfa(
        &self,
        email: &str,
        session: &str,
        code: &str,
    ) -> impl Future<Output = Result<SignInOutcome, CognitoError>> {
        self.answer_challenge(Challenge::SoftwareTokenMfa, session, email, code)
    }

    async fn answer_challenge(
        &self,
        challenge: Challenge,
        session: &str,
        email: &str,
        answer: &str,
    ) -> Result<SignInOutcome, CognitoError> {
        let request = RespondToAuthChallengeRequest {
            challenge_name: challenge.name(),
            client_id: self.client_id,
            session,
            challenge_responses: ChallengeResponses {
                username: email,
                key: challenge.response_key(),
                value: answer,
            },
        };
        let response: InitiateAuthResponse = self
            .send("RespondToAuthChallenge", request.to_json())
            .await?;
        sign_in_outcome(response)
    }

    /// Signs the user out on every device: all their refresh tokens stop
    /// working.
    pub fn global_sign_out(
        &self,
        access_token: &str,
    ) -> impl Future<Output = Result<(), CognitoError>> {
        self.send(
            "GlobalSignOut",
            GlobalSignOutRequest { access_token }.to_json(),
        )
    }

    /// Revokes one refresh token (this device's sign-in).
    pub fn revoke(&self, refresh_token: &str) -> impl Future<Output = Result<(), CognitoError>> {
        let request = RevokeTokenRequest {
            token: refresh_token,
            client_id: self.client_id,
        };
        self.send("RevokeToken", request.to_json())
    }

    /// Takes the request already serialised, so the future borrows nothing
    /// and the methods above can hand it on as it is.
    fn send<Resp: FromJson>(
        &self,
        operation: &'static str,
        body: String,
    ) -> impl Future<Output = Result<Resp, CognitoError>> + use<Resp> {
        let client = *self;
        async move {
            let answer = client.call(operation, body).await?;
            decode(answer.status, answer.error_type.as_deref(), &answer.body)
        }
    }

    /// The one non-generic HTTP exchange behind every operation.
    async fn call(&self, operation: &str, body: String) -> Result<http::Answer, CognitoError> {
        let target = ["AWSCognitoIdentityProviderService.", operation].concat();
        http::post(
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
        })
    }
}

/// Turns a raw answer into the operation's response or a mapped error.
pub fn decode<Resp: FromJson>(
    status: u16,
    error_type_header: Option<&str>,
    body: &str,
) -> Result<Resp, CognitoError> {
    if (200..300).contains(&status) {
        Resp::from_json(body).map_err(|_| CognitoError::Malformed)
    } else {
        Err(CognitoError::from_response(status, error_type_header, body))
    }
}

pub fn sign_in_outcome(response: InitiateAuthResponse) -> Result<SignInOutcome, CognitoError> {
    match (response.authentication_result, response.challenge_name) {
        (_, Some(name)) => match (Challenge::from_name(&name), response.session) {
            (Some(challenge), Some(session)) => {
                Ok(SignInOutcome::Challenged { challenge, session })
            }
            (Some(_), None) => Err(CognitoError::Malformed),
            (None, _) => Ok(SignInOutcome::Challenge(name)),
        },
        (Some(tokens), None) => Ok(SignInOutcome::Tokens(tokens)),
        (None, None) => Err(CognitoError::Malformed),
    }
}
