//! A typed client for the Cognito user-pool operations the app calls, over
//! Cognito's JSON protocol. Unauthenticated calls only: the user pool's
//! public API needs no AWS signature, just the app client's id.

mod error;
pub mod jwt;
mod passkeys;
mod user_auth;
pub mod wire;

pub use error::{CognitoError, Stage, sanitize_code};
pub use passkeys::Passkey;
pub use user_auth::{FirstFactor, PasskeyFailure};
use wire::*;

use crate::flow::forms::NewAccount;
use crate::web::http::{self, FetchError};
use crate::web::json::ObjectWriter;
use crate::web::text;

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

/// The base32 key Cognito gave for a new authenticator app
/// (AssociateSoftwareToken's `SecretCode`): a credential, so `Debug` never
/// shows it. It is shown on screen only, as the person needs it.
#[derive(Clone, PartialEq, Eq)]
pub struct AppKey(pub String);

impl std::fmt::Debug for AppKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AppKey(<redacted>)")
    }
}

/// A second factor: what proves the person after the password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Factor {
    /// An authenticator app's code (TOTP).
    App,
    /// A code sent by text message.
    Sms,
    /// A code sent by email.
    Email,
    /// A code by text message as the way in, with no password before it
    /// (SMS_OTP; the code by email is EMAIL_OTP either way).
    SmsSignIn,
}

impl Factor {
    const ALL: [Self; 3] = [Self::App, Self::Sms, Self::Email];

    /// Its challenge's `ChallengeName`, also its name in `MFAS_CAN_*`.
    pub fn challenge_name(self) -> &'static str {
        match self {
            Self::App => "SOFTWARE_TOKEN_MFA",
            Self::Sms => "SMS_MFA",
            Self::Email => "EMAIL_OTP",
            Self::SmsSignIn => "SMS_OTP",
        }
    }

    /// The `ChallengeResponses` key its code goes under.
    fn code_key(self) -> &'static str {
        match self {
            Self::App => "SOFTWARE_TOKEN_MFA_CODE",
            Self::Sms => "SMS_MFA_CODE",
            Self::Email => "EMAIL_OTP_CODE",
            Self::SmsSignIn => "SMS_OTP_CODE",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        [Self::App, Self::Sms, Self::Email, Self::SmsSignIn]
            .into_iter()
            .find(|f| f.challenge_name() == name)
    }

    /// The factors a challenge parameter lists (`MFAS_CAN_CHOOSE`,
    /// `MFAS_CAN_SETUP`: a JSON array inside a string), in the app's order.
    pub fn listed_in(list: &str) -> Vec<Self> {
        Self::ALL
            .into_iter()
            .filter(|f| text::contains(list, &["\"", f.challenge_name(), "\""].concat()))
            .collect()
    }
}

/// The signed-in person's second factors: those turned on, and the one
/// Cognito asks for first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactorSettings {
    pub enabled: Vec<Factor>,
    pub preferred: Option<Factor>,
}

/// The challenges the app answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Challenge {
    /// A new password must be set before signing in (users created by an
    /// administrator).
    NewPasswordRequired,
    /// A second factor's code; `sent_to` is where a texted or emailed code
    /// went, masked (`CODE_DELIVERY_DESTINATION`).
    Code {
        factor: Factor,
        sent_to: Option<String>,
    },
    /// Several second factors are set up: the person picks one
    /// (SELECT_MFA_TYPE, `MFAS_CAN_CHOOSE`).
    SelectFactor(Vec<Factor>),
    /// The pool requires a second factor and none is set up: one of these
    /// must be set up now (MFA_SETUP, `MFAS_CAN_SETUP`).
    SetUpFactor(Vec<Factor>),
    /// Choice-based sign-in: the ways this person can sign in with
    /// (SELECT_CHALLENGE, `AvailableChallenges`).
    ChooseWay(Vec<FirstFactor>),
    /// A passkey's answer to these options (WEB_AUTHN,
    /// `CREDENTIAL_REQUEST_OPTIONS`: the JSON that
    /// `navigator.credentials.get` takes).
    Passkey(String),
}

impl Challenge {
    fn from_wire(name: &str, answer: &mut InitiateAuthResponse) -> Option<Self> {
        Some(match name {
            "NEW_PASSWORD_REQUIRED" => Self::NewPasswordRequired,
            "SELECT_MFA_TYPE" | "MFA_SETUP" => {
                let factors = Factor::listed_in(answer.factors.as_deref().unwrap_or_default());
                match name {
                    "MFA_SETUP" => Self::SetUpFactor(factors),
                    _ => Self::SelectFactor(factors),
                }
            }
            "SELECT_CHALLENGE" => Self::ChooseWay(FirstFactor::listed(&answer.available)),
            "WEB_AUTHN" => Self::Passkey(answer.credential_options.take()?),
            name => Self::Code {
                factor: Factor::from_name(name)?,
                sent_to: answer.code_destination.take(),
            },
        })
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

    /// Registers `account`: its username, with its attributes (the email
    /// or phone number that is the username among them).
    pub fn sign_up(
        &self,
        account: &NewAccount,
        password: Option<&str>,
    ) -> impl Future<Output = Result<SignUpResponse, CognitoError>> {
        let request = SignUpRequest {
            client_id: self.client_id,
            username: &account.username,
            password,
            user_attributes: account
                .attributes
                .iter()
                .map(|(name, value)| AttributeType { name, value })
                .collect(),
        };
        self.send("SignUp", Stage::SignUp, request.to_json())
    }

    /// Confirms a sign-up with its code; with SignUp's `session`, the
    /// answer's session signs the person in at once.
    pub fn confirm_sign_up(
        &self,
        email: &str,
        code: &str,
        session: Option<&SessionToken>,
    ) -> impl Future<Output = Result<ConfirmSignUpResponse, CognitoError>> {
        let request = ConfirmSignUpRequest {
            client_id: self.client_id,
            username: email,
            confirmation_code: code,
            session,
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

    /// New ID and access tokens. Where the app client rotates refresh
    /// tokens (`rotates`), `GetTokensFromRefreshToken`, which also gives
    /// a new refresh token (the old one stops working after a grace
    /// period; Cognito refuses `REFRESH_TOKEN_AUTH` there); elsewhere
    /// `InitiateAuth` with `REFRESH_TOKEN_AUTH`.
    pub async fn refresh(
        &self,
        refresh_token: &str,
        rotates: bool,
    ) -> Result<AuthenticationResult, CognitoError> {
        let (operation, request) = if rotates {
            let request = ObjectWriter::new()
                .string("ClientId", self.client_id)
                .string("RefreshToken", refresh_token)
                .finish();
            ("GetTokensFromRefreshToken", request)
        } else {
            let request = InitiateAuthRequest {
                auth_flow: "REFRESH_TOKEN_AUTH",
                client_id: self.client_id,
                auth_parameters: RefreshParameters { refresh_token },
            };
            ("InitiateAuth", request.to_json())
        };
        let response: InitiateAuthResponse = self.send(operation, Stage::SignIn, request).await?;
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
        self.answer_challenge(
            "NEW_PASSWORD_REQUIRED",
            session,
            &[("NEW_PASSWORD", new_password)],
        )
    }

    /// Answers a second factor's challenge with its code.
    pub fn answer_code(
        &self,
        factor: Factor,
        session: &ChallengeSession,
        code: &str,
    ) -> impl Future<Output = Result<SignInOutcome, CognitoError>> {
        self.answer_challenge(
            factor.challenge_name(),
            session,
            &[(factor.code_key(), code)],
        )
    }

    /// Answers SELECT_MFA_TYPE: Cognito then sends that factor's challenge.
    pub fn select_factor(
        &self,
        session: &ChallengeSession,
        factor: Factor,
    ) -> impl Future<Output = Result<SignInOutcome, CognitoError>> {
        self.answer_challenge(
            "SELECT_MFA_TYPE",
            session,
            &[("ANSWER", factor.challenge_name())],
        )
    }

    /// MFA_SETUP with codes by email: the address they go to. Cognito
    /// answers with an EMAIL_OTP challenge for the first code.
    pub fn set_up_email(
        &self,
        session: &ChallengeSession,
        email: &str,
    ) -> impl Future<Output = Result<SignInOutcome, CognitoError>> {
        self.answer_challenge("MFA_SETUP", session, &[("EMAIL", email)])
    }

    /// MFA_SETUP with an authenticator app, first half: a new key for the
    /// app (AssociateSoftwareToken with the challenge's session).
    pub async fn new_app_key(
        &self,
        session: &ChallengeSession,
    ) -> Result<(AppKey, ChallengeSession), CognitoError> {
        let answer = self
            .associate_app(("Session", &session.session), Stage::SignIn)
            .await?;
        let next = ChallengeSession {
            username: session.username.clone(),
            session: answer.session.ok_or(CognitoError::Malformed)?,
        };
        Ok((AppKey(answer.secret_code), next))
    }

    /// MFA_SETUP, second half: the app's first code proves it holds the key
    /// (VerifySoftwareToken), then the challenge is answered with the
    /// session that proof returns.
    pub async fn finish_app_setup(
        &self,
        session: &ChallengeSession,
        code: &str,
    ) -> Result<SignInOutcome, CognitoError> {
        let verified = self
            .verify_app(("Session", &session.session), code, Stage::SignIn)
            .await?;
        let next = ChallengeSession {
            username: session.username.clone(),
            session: verified.ok_or(CognitoError::Malformed)?,
        };
        self.answer_challenge("MFA_SETUP", &next, &[]).await
    }

    /// RespondToAuthChallenge. The request is written before the future
    /// starts, so the future borrows none of the answer's values.
    fn answer_challenge(
        &self,
        challenge_name: &'static str,
        session: &ChallengeSession,
        values: &[(&'static str, &str)],
    ) -> impl Future<Output = Result<SignInOutcome, CognitoError>> + use<> {
        let username = session.username.clone();
        let request = RespondToAuthChallengeRequest {
            challenge_name,
            client_id: self.client_id,
            session: &session.session,
            challenge_responses: ChallengeResponses {
                username: &username,
                values,
            },
        }
        .to_json();
        let answer = self.send("RespondToAuthChallenge", Stage::SignIn, request);
        async move { sign_in_outcome(answer.await?, &username) }
    }

    /// Changes the signed-in person's password.
    pub fn change_password(
        &self,
        access_token: &str,
        current: &str,
        new: &str,
    ) -> impl Future<Output = Result<(), CognitoError>> {
        let request = ObjectWriter::new()
            .string("PreviousPassword", current)
            .string("ProposedPassword", new)
            .string("AccessToken", access_token)
            .finish();
        self.send("ChangePassword", Stage::Account, request)
    }

    /// Asks to change the signed-in person's email: Cognito sends a code to
    /// the new address, and the old one stays in use until it is verified
    /// (on pools that keep the original value while an update is pending).
    pub fn change_email(
        &self,
        access_token: &str,
        email: &str,
    ) -> impl Future<Output = Result<UpdateUserAttributesResponse, CognitoError>> {
        let attribute = AttributeType {
            name: "email",
            value: email,
        };
        let request = ObjectWriter::new()
            .raw("UserAttributes", &["[", &attribute.to_json(), "]"].concat())
            .string("AccessToken", access_token)
            .finish();
        self.send("UpdateUserAttributes", Stage::Account, request)
    }

    /// Verifies the signed-in person's email with the code sent to it.
    pub fn verify_email(
        &self,
        access_token: &str,
        code: &str,
    ) -> impl Future<Output = Result<(), CognitoError>> {
        let request = ObjectWriter::new()
            .string("AccessToken", access_token)
            .string("AttributeName", "email")
            .string("Code", code)
            .finish();
        self.send("VerifyUserAttribute", Stage::Account, request)
    }

    /// Sends a code to the signed-in person's email, to verify it
    /// (GetUserAttributeVerificationCode).
    pub fn send_email_verification(
        &self,
        access_token: &str,
    ) -> impl Future<Output = Result<ForgotPasswordResponse, CognitoError>> {
        let request = ObjectWriter::new()
            .string("AccessToken", access_token)
            .string("AttributeName", "email")
            .finish();
        self.send("GetUserAttributeVerificationCode", Stage::Account, request)
    }

    /// The signed-in person's second factors (GetUser).
    pub async fn second_factors(&self, access_token: &str) -> Result<FactorSettings, CognitoError> {
        let request = ObjectWriter::new()
            .string("AccessToken", access_token)
            .finish();
        let answer: GetUserMfa = self.send("GetUser", Stage::Account, request).await?;
        let named = |name: &str| Factor::from_name(name);
        Ok(FactorSettings {
            enabled: answer.enabled.iter().filter_map(|n| named(n)).collect(),
            preferred: answer.preferred.as_deref().and_then(named),
        })
    }

    /// A new authenticator app's key for the signed-in person
    /// (AssociateSoftwareToken with the access token).
    pub async fn new_app_key_signed_in(&self, access_token: &str) -> Result<AppKey, CognitoError> {
        let answer = self
            .associate_app(("AccessToken", access_token), Stage::Account)
            .await?;
        Ok(AppKey(answer.secret_code))
    }

    /// The app's first code proves it holds the key (VerifySoftwareToken);
    /// then it is turned on and preferred (SetUserMFAPreference).
    pub async fn turn_on_app(&self, access_token: &str, code: &str) -> Result<(), CognitoError> {
        self.verify_app(("AccessToken", access_token), code, Stage::Account)
            .await?;
        self.set_factor(access_token, Factor::App, true, true).await
    }

    /// AssociateSoftwareToken, proved by `credential`: a challenge's
    /// `Session` during sign-in, or the signed-in person's `AccessToken`.
    fn associate_app(
        &self,
        credential: (&str, &str),
        stage: Stage,
    ) -> impl Future<Output = Result<AssociateSoftwareTokenResponse, CognitoError>> {
        let request = ObjectWriter::new()
            .string(credential.0, credential.1)
            .finish();
        self.send("AssociateSoftwareToken", stage, request)
    }

    /// VerifySoftwareToken, proved as [`Self::associate_app`] is: `Ok` with
    /// the session that goes on (during sign-in) once the app's code
    /// matched; a status other than SUCCESS is a mismatch.
    async fn verify_app(
        &self,
        credential: (&str, &str),
        code: &str,
        stage: Stage,
    ) -> Result<Option<String>, CognitoError> {
        let request = ObjectWriter::new()
            .string(credential.0, credential.1)
            .string("UserCode", code)
            .finish();
        let verified: VerifySoftwareTokenResponse =
            self.send("VerifySoftwareToken", stage, request).await?;
        if verified.status.as_deref() != Some("SUCCESS") {
            return Err(CognitoError::CodeMismatch);
        }
        Ok(verified.session)
    }

    /// Turns `factor` on or off, and makes it the preferred one or not
    /// (SetUserMFAPreference).
    pub fn set_factor(
        &self,
        access_token: &str,
        factor: Factor,
        enabled: bool,
        preferred: bool,
    ) -> impl Future<Output = Result<(), CognitoError>> {
        let flag = |on: bool| if on { "true" } else { "false" };
        let settings = [
            "{\"Enabled\":",
            flag(enabled),
            ",\"PreferredMfa\":",
            flag(preferred),
            "}",
        ]
        .concat();
        let key = match factor {
            Factor::App => "SoftwareTokenMfaSettings",
            Factor::Sms | Factor::SmsSignIn => "SMSMfaSettings",
            Factor::Email => "EmailMfaSettings",
        };
        let request = ObjectWriter::new()
            .string("AccessToken", access_token)
            .raw(key, &settings)
            .finish();
        self.send("SetUserMFAPreference", Stage::Account, request)
    }

    /// Deletes the signed-in person's account; its tokens stop working.
    pub fn delete_user(
        &self,
        access_token: &str,
    ) -> impl Future<Output = Result<(), CognitoError>> {
        let request = ObjectWriter::new()
            .string("AccessToken", access_token)
            .finish();
        self.send("DeleteUser", Stage::Account, request)
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
    mut response: InitiateAuthResponse,
    sent_as: &str,
) -> Result<SignInOutcome, CognitoError> {
    match (
        response.authentication_result.take(),
        response.challenge_name.take(),
    ) {
        (_, Some(name)) => {
            let challenge = Challenge::from_wire(&name, &mut response);
            match (challenge, response.session) {
                (Some(challenge), Some(session)) => {
                    let username = response
                        .challenge_username
                        .unwrap_or_else(|| sent_as.to_owned());
                    let session = ChallengeSession { username, session };
                    Ok(SignInOutcome::Challenged { challenge, session })
                }
                (Some(_), None) => Err(CognitoError::Malformed),
                (None, _) => Ok(SignInOutcome::Challenge(name)),
            }
        }
        (Some(tokens), None) => Ok(SignInOutcome::Tokens(tokens)),
        (None, None) => Err(CognitoError::Malformed),
    }
}
