//! Cognito's JSON request and answer shapes, with its PascalCase names.
//! Anything holding a password or token redacts it in `Debug`.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignUpRequest<'a> {
    pub client_id: &'a str,
    pub username: &'a str,
    pub password: &'a str,
    pub user_attributes: Vec<AttributeType<'a>>,
}

impl fmt::Debug for SignUpRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignUpRequest")
            .field("client_id", &self.client_id)
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("user_attributes", &self.user_attributes)
            .finish()
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttributeType<'a> {
    pub name: &'a str,
    pub value: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignUpResponse {
    #[serde(default)]
    pub user_confirmed: bool,
    #[serde(default)]
    pub code_delivery_details: Option<CodeDeliveryDetails>,
}

/// Where Cognito sent a code: a masked destination such as `a***@e***.com`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CodeDeliveryDetails {
    #[serde(default)]
    pub destination: Option<String>,
    #[serde(default)]
    pub delivery_medium: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConfirmSignUpRequest<'a> {
    pub client_id: &'a str,
    pub username: &'a str,
    pub confirmation_code: &'a str,
}

/// Answers with no fields the app reads (ConfirmSignUp's is `{}`).
#[derive(Debug, Deserialize)]
pub struct Empty {}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InitiateAuthRequest<'a, P> {
    pub auth_flow: &'static str,
    pub client_id: &'a str,
    pub auth_parameters: P,
}

impl<P> fmt::Debug for InitiateAuthRequest<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InitiateAuthRequest")
            .field("auth_flow", &self.auth_flow)
            .field("client_id", &self.client_id)
            .field("auth_parameters", &"<redacted>")
            .finish()
    }
}

#[derive(Serialize)]
pub struct AuthParameters<'a> {
    #[serde(rename = "USERNAME")]
    pub username: &'a str,
    #[serde(rename = "PASSWORD")]
    pub password: &'a str,
}

/// `REFRESH_TOKEN_AUTH`'s parameters.
#[derive(Serialize)]
pub struct RefreshParameters<'a> {
    #[serde(rename = "REFRESH_TOKEN")]
    pub refresh_token: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GlobalSignOutRequest<'a> {
    pub access_token: &'a str,
}

impl fmt::Debug for GlobalSignOutRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("GlobalSignOutRequest { access_token: <redacted> }")
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RevokeTokenRequest<'a> {
    pub token: &'a str,
    pub client_id: &'a str,
}

impl fmt::Debug for RevokeTokenRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RevokeTokenRequest")
            .field("token", &"<redacted>")
            .field("client_id", &self.client_id)
            .finish()
    }
}

#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InitiateAuthResponse {
    #[serde(default)]
    pub authentication_result: Option<AuthenticationResult>,
    #[serde(default)]
    pub challenge_name: Option<String>,
    /// Proves the first step to the challenge answer; a credential.
    #[serde(default)]
    pub session: Option<String>,
}

impl fmt::Debug for InitiateAuthResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InitiateAuthResponse")
            .field("authentication_result", &self.authentication_result)
            .field("challenge_name", &self.challenge_name)
            .field("session", &self.session.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// Also ResendConfirmationCode's request: the same two fields.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ForgotPasswordRequest<'a> {
    pub client_id: &'a str,
    pub username: &'a str,
}

/// Also ResendConfirmationCode's answer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ForgotPasswordResponse {
    #[serde(default)]
    pub code_delivery_details: Option<CodeDeliveryDetails>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConfirmForgotPasswordRequest<'a> {
    pub client_id: &'a str,
    pub username: &'a str,
    pub confirmation_code: &'a str,
    pub password: &'a str,
}

impl fmt::Debug for ConfirmForgotPasswordRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfirmForgotPasswordRequest")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RespondToAuthChallengeRequest<'a> {
    pub challenge_name: &'static str,
    pub client_id: &'a str,
    pub session: &'a str,
    pub challenge_responses: NewPasswordResponses<'a>,
}

impl fmt::Debug for RespondToAuthChallengeRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RespondToAuthChallengeRequest")
            .field("challenge_name", &self.challenge_name)
            .field("session", &"<redacted>")
            .field("challenge_responses", &"<redacted>")
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
pub struct NewPasswordResponses<'a> {
    #[serde(rename = "USERNAME")]
    pub username: &'a str,
    #[serde(rename = "NEW_PASSWORD")]
    pub new_password: &'a str,
}

#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuthenticationResult {
    pub id_token: String,
    pub access_token: String,
    #[serde(default)]
    pub refresh_token: Option<String>,
    #[serde(default)]
    pub expires_in: Option<u32>,
}

impl fmt::Debug for AuthenticationResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthenticationResult")
            .field("id_token", &"<redacted>")
            .field("access_token", &"<redacted>")
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "<redacted>"),
            )
            .field("expires_in", &self.expires_in)
            .finish()
    }
}
