//! Cognito's JSON request and answer shapes, with its PascalCase names.
//! Anything holding a password or token redacts it in `Debug`.

use std::fmt;

use crate::web::json::{self, Error, Fields, ObjectWriter, required};

/// A request body, written as Cognito's JSON.
pub trait ToJson {
    fn to_json(&self) -> String;
}

/// An answer read from Cognito's JSON; unknown fields are ignored.
pub trait FromJson: Sized {
    fn from_fields(fields: Fields) -> Result<Self, Error>;

    fn from_json(text: &str) -> Result<Self, Error> {
        json::read(text, Self::from_fields)
    }
}

pub struct SignUpRequest<'a> {
    pub client_id: &'a str,
    pub username: &'a str,
    /// `None` signs up without a password, where the pool signs people in
    /// with codes (a passwordless first factor).
    pub password: Option<&'a str>,
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

#[derive(Debug)]
pub struct AttributeType<'a> {
    pub name: &'a str,
    pub value: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignUpResponse {
    pub user_confirmed: bool,
    pub code_delivery_details: Option<CodeDeliveryDetails>,
    /// Goes with the confirmation, whose answer then signs in at once.
    pub session: Option<SessionToken>,
}

/// A `Session` of the sign-up journey (SignUp's and ConfirmSignUp's): it
/// proves the steps before, so `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(pub String);

impl fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionToken(<redacted>)")
    }
}

/// Where Cognito sent a code: a masked destination such as `a***@e***.com`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeDeliveryDetails {
    pub destination: Option<String>,
    pub delivery_medium: Option<String>,
}

#[derive(Debug)]
pub struct ConfirmSignUpRequest<'a> {
    pub client_id: &'a str,
    pub username: &'a str,
    pub confirmation_code: &'a str,
    /// SignUp's, so the answer carries one to sign in with.
    pub session: Option<&'a SessionToken>,
}

/// ConfirmSignUp's answer: where the client signs people in by choice
/// (`USER_AUTH`), a session that signs the new person in at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmSignUpResponse {
    pub session: Option<SessionToken>,
}

impl FromJson for ConfirmSignUpResponse {
    fn from_fields(fields: Fields) -> Result<Self, Error> {
        Ok(Self {
            session: fields.string("Session")?.map(SessionToken),
        })
    }
}

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

pub struct AuthParameters<'a> {
    pub username: &'a str,
    pub password: &'a str,
}

/// `REFRESH_TOKEN_AUTH`'s parameters.
pub struct RefreshParameters<'a> {
    pub refresh_token: &'a str,
}

pub struct GlobalSignOutRequest<'a> {
    pub access_token: &'a str,
}

impl fmt::Debug for GlobalSignOutRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("GlobalSignOutRequest { access_token: <redacted> }")
    }
}

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

#[derive(Clone, PartialEq, Eq)]
pub struct InitiateAuthResponse {
    pub authentication_result: Option<AuthenticationResult>,
    pub challenge_name: Option<String>,
    /// Proves the first step to the challenge answer; a credential.
    pub session: Option<String>,
    /// The username a challenge's answer must name
    /// (`ChallengeParameters.USERNAME`): not an alias such as the email
    /// typed.
    pub challenge_username: Option<String>,
    /// Where a texted or emailed code went, masked
    /// (`ChallengeParameters.CODE_DELIVERY_DESTINATION`).
    pub code_destination: Option<String>,
    /// The factors to choose from or set up (`MFAS_CAN_CHOOSE`,
    /// `MFAS_CAN_SETUP`): a JSON array inside a string.
    pub factors: Option<String>,
    /// SELECT_CHALLENGE's ways in (`AvailableChallenges`).
    pub available: Vec<String>,
    /// WEB_AUTHN's request for a passkey (`CREDENTIAL_REQUEST_OPTIONS`,
    /// JSON inside a string).
    pub credential_options: Option<String>,
}

impl fmt::Debug for InitiateAuthResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InitiateAuthResponse")
            .field("authentication_result", &self.authentication_result)
            .field("challenge_name", &self.challenge_name)
            .field("session", &self.session.as_ref().map(|_| "<redacted>"))
            .field("challenge_username", &self.challenge_username)
            .field("code_destination", &self.code_destination)
            .field("factors", &self.factors)
            .field("available", &self.available)
            .finish_non_exhaustive()
    }
}

/// Also ResendConfirmationCode's request: the same two fields.
#[derive(Debug)]
pub struct ForgotPasswordRequest<'a> {
    pub client_id: &'a str,
    pub username: &'a str,
}

/// Also ResendConfirmationCode's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForgotPasswordResponse {
    pub code_delivery_details: Option<CodeDeliveryDetails>,
}

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

pub struct RespondToAuthChallengeRequest<'a> {
    pub challenge_name: &'static str,
    pub client_id: &'a str,
    pub session: &'a str,
    pub challenge_responses: ChallengeResponses<'a>,
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

/// The answer to a challenge: the username and the values under the keys
/// the challenge names (`NEW_PASSWORD`, `SOFTWARE_TOKEN_MFA_CODE`;
/// SELECT_CHALLENGE's `ANSWER` with a `PASSWORD`). MFA_SETUP's answer is
/// the username alone.
pub struct ChallengeResponses<'a> {
    pub username: &'a str,
    pub values: &'a [(&'static str, &'a str)],
}

#[derive(Clone, PartialEq, Eq)]
pub struct AuthenticationResult {
    pub id_token: String,
    pub access_token: String,
    pub refresh_token: Option<String>,
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

impl ToJson for SignUpRequest<'_> {
    fn to_json(&self) -> String {
        let mut attributes = String::from("[");
        for (i, attribute) in self.user_attributes.iter().enumerate() {
            if i > 0 {
                attributes.push(',');
            }
            attributes.push_str(&attribute.to_json());
        }
        attributes.push(']');
        ObjectWriter::new()
            .string("ClientId", self.client_id)
            .string("Username", self.username)
            .some_string("Password", self.password)
            .raw("UserAttributes", &attributes)
            .finish()
    }
}

impl ToJson for AttributeType<'_> {
    fn to_json(&self) -> String {
        ObjectWriter::new()
            .string("Name", self.name)
            .string("Value", self.value)
            .finish()
    }
}

impl ToJson for ConfirmSignUpRequest<'_> {
    fn to_json(&self) -> String {
        ObjectWriter::new()
            .string("ClientId", self.client_id)
            .string("Username", self.username)
            .string("ConfirmationCode", self.confirmation_code)
            .some_string("Session", self.session.map(|s| s.0.as_str()))
            .finish()
    }
}

impl<P: ToJson> ToJson for InitiateAuthRequest<'_, P> {
    fn to_json(&self) -> String {
        ObjectWriter::new()
            .string("AuthFlow", self.auth_flow)
            .string("ClientId", self.client_id)
            .raw("AuthParameters", &self.auth_parameters.to_json())
            .finish()
    }
}

impl ToJson for AuthParameters<'_> {
    fn to_json(&self) -> String {
        ObjectWriter::new()
            .string("USERNAME", self.username)
            .string("PASSWORD", self.password)
            .finish()
    }
}

impl ToJson for RefreshParameters<'_> {
    fn to_json(&self) -> String {
        ObjectWriter::new()
            .string("REFRESH_TOKEN", self.refresh_token)
            .finish()
    }
}

impl ToJson for GlobalSignOutRequest<'_> {
    fn to_json(&self) -> String {
        ObjectWriter::new()
            .string("AccessToken", self.access_token)
            .finish()
    }
}

impl ToJson for RevokeTokenRequest<'_> {
    fn to_json(&self) -> String {
        ObjectWriter::new()
            .string("Token", self.token)
            .string("ClientId", self.client_id)
            .finish()
    }
}

impl ToJson for ForgotPasswordRequest<'_> {
    fn to_json(&self) -> String {
        ObjectWriter::new()
            .string("ClientId", self.client_id)
            .string("Username", self.username)
            .finish()
    }
}

impl ToJson for ConfirmForgotPasswordRequest<'_> {
    fn to_json(&self) -> String {
        ObjectWriter::new()
            .string("ClientId", self.client_id)
            .string("Username", self.username)
            .string("ConfirmationCode", self.confirmation_code)
            .string("Password", self.password)
            .finish()
    }
}

impl ToJson for RespondToAuthChallengeRequest<'_> {
    fn to_json(&self) -> String {
        ObjectWriter::new()
            .string("ChallengeName", self.challenge_name)
            .string("ClientId", self.client_id)
            .string("Session", self.session)
            .raw("ChallengeResponses", &self.challenge_responses.to_json())
            .finish()
    }
}

impl ToJson for ChallengeResponses<'_> {
    fn to_json(&self) -> String {
        let mut responses = ObjectWriter::new().string("USERNAME", self.username);
        for (key, value) in self.values {
            responses = responses.string(key, value);
        }
        responses.finish()
    }
}

impl FromJson for SignUpResponse {
    fn from_fields(fields: Fields) -> Result<Self, Error> {
        Ok(Self {
            user_confirmed: fields.bool("UserConfirmed")?.unwrap_or_default(),
            code_delivery_details: code_delivery_details(fields.clone())?,
            session: fields.string("Session")?.map(SessionToken),
        })
    }
}

fn code_delivery_details(fields: Fields) -> Result<Option<CodeDeliveryDetails>, Error> {
    fields
        .object("CodeDeliveryDetails")?
        .map(|details| {
            Ok(CodeDeliveryDetails {
                destination: details.string("Destination")?,
                delivery_medium: details.string("DeliveryMedium")?,
            })
        })
        .transpose()
}

/// Answers with no fields the app reads (ConfirmSignUp's is `{}`): any
/// JSON object will do, and so will an empty body, which is how AWS
/// documents RevokeToken's success.
impl FromJson for () {
    fn from_fields(_: Fields) -> Result<Self, Error> {
        Ok(())
    }

    fn from_json(text: &str) -> Result<Self, Error> {
        if text.trim().is_empty() {
            return Ok(());
        }
        json::read(text, Self::from_fields)
    }
}

impl FromJson for InitiateAuthResponse {
    fn from_fields(fields: Fields) -> Result<Self, Error> {
        let authentication_result = fields
            .object("AuthenticationResult")?
            .map(|result| {
                Ok(AuthenticationResult {
                    id_token: required(result.string("IdToken")?)?,
                    access_token: required(result.string("AccessToken")?)?,
                    refresh_token: result.string("RefreshToken")?,
                    expires_in: result.u32("ExpiresIn")?,
                })
            })
            .transpose()?;
        let (challenge_username, code_destination, factors, credential_options) =
            match fields.object("ChallengeParameters")? {
                Some(parameters) => (
                    parameters.string("USERNAME")?,
                    parameters.string("CODE_DELIVERY_DESTINATION")?,
                    match parameters.string("MFAS_CAN_CHOOSE")? {
                        Some(factors) => Some(factors),
                        None => parameters.string("MFAS_CAN_SETUP")?,
                    },
                    parameters.string("CREDENTIAL_REQUEST_OPTIONS")?,
                ),
                None => (None, None, None, None),
            };
        Ok(Self {
            authentication_result,
            challenge_name: fields.string("ChallengeName")?,
            session: fields.string("Session")?,
            challenge_username,
            code_destination,
            factors,
            available: fields.strings("AvailableChallenges")?,
            credential_options,
        })
    }
}

impl FromJson for ForgotPasswordResponse {
    fn from_fields(fields: Fields) -> Result<Self, Error> {
        Ok(Self {
            code_delivery_details: code_delivery_details(fields)?,
        })
    }
}

/// AssociateSoftwareToken's answer: the new app's key, and (answering a
/// challenge) the session to verify it with.
pub struct AssociateSoftwareTokenResponse {
    pub secret_code: String,
    pub session: Option<String>,
}

impl fmt::Debug for AssociateSoftwareTokenResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AssociateSoftwareTokenResponse(<redacted>)")
    }
}

impl FromJson for AssociateSoftwareTokenResponse {
    fn from_fields(fields: Fields) -> Result<Self, Error> {
        Ok(Self {
            secret_code: required(fields.string("SecretCode")?)?,
            session: fields.string("Session")?,
        })
    }
}

/// VerifySoftwareToken's answer: `SUCCESS` or `ERROR`, and (answering a
/// challenge) the session that goes on to MFA_SETUP's answer.
pub struct VerifySoftwareTokenResponse {
    pub status: Option<String>,
    pub session: Option<String>,
}

impl fmt::Debug for VerifySoftwareTokenResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifySoftwareTokenResponse")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl FromJson for VerifySoftwareTokenResponse {
    fn from_fields(fields: Fields) -> Result<Self, Error> {
        Ok(Self {
            status: fields.string("Status")?,
            session: fields.string("Session")?,
        })
    }
}

/// UpdateUserAttributes' answer: where the codes to verify changed
/// contacts went (the first; the app changes one attribute at a time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateUserAttributesResponse {
    pub code_delivery_details: Option<CodeDeliveryDetails>,
}

impl FromJson for UpdateUserAttributesResponse {
    fn from_fields(fields: Fields) -> Result<Self, Error> {
        let code_delivery_details = fields
            .first_object("CodeDeliveryDetailsList")?
            .map(|details| {
                Ok(CodeDeliveryDetails {
                    destination: details.string("Destination")?,
                    delivery_medium: details.string("DeliveryMedium")?,
                })
            })
            .transpose()?;
        Ok(Self {
            code_delivery_details,
        })
    }
}

/// GetUser's second factors: those turned on (`UserMFASettingList`) and
/// the preferred one (`PreferredMfaSetting`), by their challenge names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetUserMfa {
    pub enabled: Vec<String>,
    pub preferred: Option<String>,
}

impl FromJson for GetUserMfa {
    fn from_fields(fields: Fields) -> Result<Self, Error> {
        Ok(Self {
            enabled: fields.strings("UserMFASettingList")?,
            preferred: fields.string("PreferredMfaSetting")?,
        })
    }
}
