//! Every error Cognito documents for the operations the app calls, mapped to
//! words a person understands. The code comes from the body's `__type` (or
//! the `x-amzn-ErrorType` header), without any `namespace#` prefix or
//! `:...` suffix; an unknown code keeps its name and message. A native
//! test (`tests/cognito_model.rs`) holds this table against the errors
//! botocore's model of Cognito lists for each operation the app calls.

use crate::web::json;

use crate::flow::identity;
use crate::i18n::{Messages, fill};
use crate::web::text;

/// The stage of the journey an operation belongs to, which a trigger
/// error names: the same Lambda triggers refuse sign-ups, sign-ins, ...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    SignUp,
    /// `ConfirmSignUp`, `ResendConfirmationCode`.
    Confirmation,
    /// `InitiateAuth`, `RespondToAuthChallenge`; also the sign-out
    /// operations, for which the model lists no trigger errors.
    SignIn,
    /// `ForgotPassword`, `ConfirmForgotPassword`.
    PasswordReset,
    /// The signed-in person's own account: `ChangePassword`, `DeleteUser`.
    Account,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CognitoError {
    UsernameExists,
    InvalidPassword(String),
    /// The new password is one the person used before.
    PasswordHistory,
    InvalidParameter(String),
    CodeMismatch,
    ExpiredCode,
    NotAuthorized(String),
    UserNotFound,
    UserNotConfirmed,
    PasswordResetRequired,
    TooManyRequests,
    TooManyFailedAttempts,
    LimitExceeded,
    CodeDeliveryFailure,
    AliasExists,
    MessagingNotSetUp,
    /// A Lambda trigger refused or failed, with its message.
    Trigger(Stage, String),
    ResourceNotFound,
    InvalidConfiguration,
    /// Not available in this region or with this pool's configuration.
    OperationNotEnabled,
    /// Not enabled for the app client (such as token revocation, or the
    /// sign-in flow the app uses).
    UnsupportedOperation,
    /// Not in the user pool's feature plan.
    FeatureUnavailable,
    MfaMethodNotFound,
    SoftwareTokenMfaNotFound,
    /// Another change to the same user was under way.
    ConcurrentModification,
    /// A rotated refresh token was used again after its grace period:
    /// another tab or device renewed the session first.
    RefreshTokenReused,
    /// The pool does not offer passkeys (not enabled, or no relying party
    /// set up).
    PasskeysUnavailable,
    /// Cognito refused a passkey: its request expired, or the passkey is
    /// for another site, app client or origin, or of a kind it does not
    /// take.
    PasskeyRefused,
    InternalError,
    Forbidden,
    Unknown {
        code: String,
        message: String,
    },
    Timeout,
    Network,
    Http(u16),
    Malformed,
}

fn password_message(m: &Messages, detail: &str) -> String {
    // Cognito says "Password did not conform with policy: Password must have
    // uppercase characters"; the part after the colon is the useful one.
    let detail = text::rfind(detail, ": ")
        .map_or(detail, |at| &detail[at + 2..])
        .trim();
    if detail.is_empty() {
        m.invalid_password.to_owned()
    } else {
        fill(
            m.invalid_password_detail,
            &[text::trim_end_byte(detail, b'.')],
        )
    }
}

fn not_authorized_message(m: &Messages, detail: &str) -> String {
    let lower = detail.to_ascii_lowercase();
    let text = if text::contains(&lower, "incorrect username or password") || detail.is_empty() {
        return identity::fill_noun(m, m.incorrect_credentials);
    } else if text::contains(&lower, "attempts exceeded") {
        m.too_many_failed_attempts
    } else if text::contains(&lower, "current status is confirmed") {
        m.already_confirmed_sign_in
    } else if text::contains(&lower, "token") {
        m.session_expired
    } else {
        return fill(m.not_allowed, &[detail]);
    };
    text.to_owned()
}

/// `aws.cognito#NotAuthorizedException:http://...` → `NotAuthorizedException`.
pub fn sanitize_code(raw: &str) -> &str {
    let code = text::pieces(raw, b':')[0];
    text::pieces(code, b'#').last().unwrap_or(&code).trim()
}

impl CognitoError {
    /// What to tell the person, in the chosen language.
    pub fn message(&self, m: &Messages) -> String {
        let text = match self {
            Self::UsernameExists => return identity::fill_username_noun(m, m.username_exists),
            Self::InvalidPassword(detail) => return password_message(m, detail),
            Self::PasswordHistory => m.password_history,
            Self::InvalidParameter(detail) => return fill(m.invalid_parameter, &[detail]),
            Self::CodeMismatch => m.code_mismatch,
            Self::ExpiredCode => m.expired_code,
            Self::NotAuthorized(detail) => return not_authorized_message(m, detail),
            Self::UserNotFound => return identity::fill_noun(m, m.user_not_found),
            Self::UserNotConfirmed => m.user_not_confirmed,
            Self::PasswordResetRequired => m.password_reset_required,
            Self::TooManyRequests => m.too_many_requests,
            Self::TooManyFailedAttempts => m.too_many_failed_attempts,
            Self::LimitExceeded => m.limit_exceeded,
            Self::CodeDeliveryFailure => m.code_delivery_failure,
            Self::AliasExists => m.alias_exists,
            Self::MessagingNotSetUp => m.messaging_not_set_up,
            Self::Trigger(step, detail) => {
                let step = match step {
                    Stage::SignUp => m.step_sign_up,
                    Stage::Confirmation => m.step_confirmation,
                    Stage::SignIn => m.step_sign_in,
                    Stage::PasswordReset => m.step_password_reset,
                    Stage::Account => m.step_account,
                };
                return fill(m.trigger_refused, &[step, detail]);
            }
            Self::ResourceNotFound => m.resource_not_found,
            Self::InvalidConfiguration => m.invalid_configuration,
            Self::OperationNotEnabled => m.operation_not_enabled,
            Self::UnsupportedOperation => m.unsupported_operation,
            Self::FeatureUnavailable => m.feature_unavailable,
            Self::MfaMethodNotFound => m.mfa_method_not_found,
            Self::SoftwareTokenMfaNotFound => m.software_token_mfa_not_found,
            Self::ConcurrentModification => m.concurrent_modification,
            Self::RefreshTokenReused => m.refresh_token_reused,
            Self::PasskeysUnavailable => m.passkeys_unavailable,
            Self::PasskeyRefused => m.passkey_refused,
            Self::InternalError => m.internal_error,
            Self::Forbidden => m.forbidden,
            Self::Unknown { code, message } => return fill(m.unknown_error, &[code, message]),
            Self::Timeout => m.cognito_timeout,
            Self::Network => m.cognito_network,
            Self::Http(status) => return fill(m.cognito_http, &[&text::decimal((*status).into())]),
            Self::Malformed => m.cognito_malformed,
        };
        text.to_owned()
    }

    /// Whether this says the account was confirmed before: ConfirmSignUp's
    /// "Current status is CONFIRMED", ResendConfirmationCode's "User is
    /// already confirmed."
    pub fn is_already_confirmed(&self) -> bool {
        match self {
            Self::NotAuthorized(detail) | Self::InvalidParameter(detail) => {
                let lower = detail.to_ascii_lowercase();
                text::contains(&lower, "current status is confirmed")
                    || text::contains(&lower, "already confirmed")
            }
            _ => false,
        }
    }

    /// Whether, answering a refresh, this means the session is over (the
    /// token was revoked or expired, the user is gone) rather than a
    /// passing failure after which the session should be kept.
    pub fn ends_session(&self) -> bool {
        matches!(
            self,
            Self::NotAuthorized(_)
                | Self::RefreshTokenReused
                | Self::UserNotFound
                | Self::UserNotConfirmed
                | Self::PasswordResetRequired
                | Self::ResourceNotFound
        )
    }

    /// Maps a failed answer of an operation of `step` to an error.
    /// `header_type` is `x-amzn-ErrorType`.
    pub fn from_response(step: Stage, status: u16, header_type: Option<&str>, body: &str) -> Self {
        // The body's `__type` and `message` (or `Message`); a body that is
        // not such an object counts as absent.
        let parsed = json::read(body, |f| {
            let message = match f.string("message")? {
                Some(message) => Some(message),
                None => f.string("Message")?,
            };
            Ok((f.string("__type")?, message))
        });
        let (body_type, message) = match parsed {
            Ok((error_type, message)) => (error_type, message.unwrap_or_default()),
            Err(_) => (None, String::new()),
        };
        match body_type.as_deref().or(header_type) {
            Some(raw) if !sanitize_code(raw).is_empty() => {
                Self::from_code(step, sanitize_code(raw), message)
            }
            _ if status >= 500 => Self::Http(status),
            _ => Self::Malformed,
        }
    }

    /// The error for Cognito's code (sanitised), answering an operation of
    /// `step`.
    pub fn from_code(step: Stage, code: &str, message: String) -> Self {
        match code {
            "UsernameExistsException" => Self::UsernameExists,
            "InvalidPasswordException" => Self::InvalidPassword(message),
            // InitiateAuth's word for a flow the app client does not allow
            // ("USER_PASSWORD_AUTH flow not enabled for this client"): not
            // the person's mistake, the pool's set-up.
            "InvalidParameterException" if text::contains(&message, "flow not enabled") => {
                Self::UnsupportedOperation
            }
            "InvalidParameterException" => Self::InvalidParameter(message),
            // VerifySoftwareToken's word for an app code that did not match.
            "CodeMismatchException" | "EnableSoftwareTokenMFAException" => Self::CodeMismatch,
            "ExpiredCodeException" => Self::ExpiredCode,
            "PasswordHistoryPolicyViolationException" => Self::PasswordHistory,
            // RevokeToken's names for a token refused or of the wrong kind.
            "NotAuthorizedException" | "UnauthorizedException" => Self::NotAuthorized(message),
            "UnsupportedTokenTypeException" => Self::InvalidParameter(message),
            "UserNotFoundException" => Self::UserNotFound,
            "UserNotConfirmedException" => Self::UserNotConfirmed,
            "PasswordResetRequiredException" => Self::PasswordResetRequired,
            "TooManyRequestsException" => Self::TooManyRequests,
            "TooManyFailedAttemptsException" => Self::TooManyFailedAttempts,
            "LimitExceededException" => Self::LimitExceeded,
            "CodeDeliveryFailureException" => Self::CodeDeliveryFailure,
            "AliasExistsException" => Self::AliasExists,
            "InvalidEmailRoleAccessPolicyException"
            | "InvalidSmsRoleAccessPolicyException"
            | "InvalidSmsRoleTrustRelationshipException" => Self::MessagingNotSetUp,
            "UnexpectedLambdaException"
            | "UserLambdaValidationException"
            | "InvalidLambdaResponseException" => Self::Trigger(step, message),
            "ResourceNotFoundException" => Self::ResourceNotFound,
            "InvalidUserPoolConfigurationException" => Self::InvalidConfiguration,
            "OperationNotEnabledException" => Self::OperationNotEnabled,
            "UnsupportedOperationException" => Self::UnsupportedOperation,
            "FeatureUnavailableInTierException" => Self::FeatureUnavailable,
            "MFAMethodNotFoundException" => Self::MfaMethodNotFound,
            "SoftwareTokenMFANotFoundException" => Self::SoftwareTokenMfaNotFound,
            "ConcurrentModificationException" => Self::ConcurrentModification,
            "RefreshTokenReuseException" => Self::RefreshTokenReused,
            "WebAuthnNotEnabledException" | "WebAuthnConfigurationMissingException" => {
                Self::PasskeysUnavailable
            }
            "WebAuthnChallengeNotFoundException"
            | "WebAuthnRelyingPartyMismatchException"
            | "WebAuthnClientMismatchException"
            | "WebAuthnOriginNotAllowedException"
            | "WebAuthnCredentialNotSupportedException" => Self::PasskeyRefused,
            "InternalErrorException" => Self::InternalError,
            "ForbiddenException" => Self::Forbidden,
            other => Self::Unknown {
                code: other.to_owned(),
                message,
            },
        }
    }
}
