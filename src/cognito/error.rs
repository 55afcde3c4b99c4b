//! Every error Cognito documents for the operations the app calls, mapped to
//! words a person understands. The code comes from the body's `__type` (or
//! the `x-amzn-ErrorType` header), without any `namespace#` prefix or
//! `:...` suffix; an unknown code keeps its name and message.

use crate::json;

use crate::i18n::{Messages, fill};
use crate::text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CognitoError {
    UsernameExists,
    InvalidPassword(String),
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
    Trigger(String),
    ResourceNotFound,
    InvalidConfiguration,
    InternalError,
    Forbidden,
    Unknown { code: String, message: String },
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
        m.incorrect_credentials
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
            Self::UsernameExists => m.username_exists,
            Self::InvalidPassword(detail) => return password_message(m, detail),
            Self::InvalidParameter(detail) => return fill(m.invalid_parameter, &[detail]),
            Self::CodeMismatch => m.code_mismatch,
            Self::ExpiredCode => m.expired_code,
            Self::NotAuthorized(detail) => return not_authorized_message(m, detail),
            Self::UserNotFound => m.user_not_found,
            Self::UserNotConfirmed => m.user_not_confirmed,
            Self::PasswordResetRequired => m.password_reset_required,
            Self::TooManyRequests => m.too_many_requests,
            Self::TooManyFailedAttempts => m.too_many_failed_attempts,
            Self::LimitExceeded => m.limit_exceeded,
            Self::CodeDeliveryFailure => m.code_delivery_failure,
            Self::AliasExists => m.alias_exists,
            Self::MessagingNotSetUp => m.messaging_not_set_up,
            Self::Trigger(detail) => return fill(m.trigger_refused, &[detail]),
            Self::ResourceNotFound => m.resource_not_found,
            Self::InvalidConfiguration => m.invalid_configuration,
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

    /// Whether, answering a refresh, this means the session is over (the
    /// token was revoked or expired, the user is gone) rather than a
    /// passing failure after which the session should be kept.
    pub fn ends_session(&self) -> bool {
        matches!(
            self,
            Self::NotAuthorized(_)
                | Self::UserNotFound
                | Self::UserNotConfirmed
                | Self::PasswordResetRequired
                | Self::ResourceNotFound
        )
    }

    /// Maps a failed answer to an error. `header_type` is `x-amzn-ErrorType`.
    pub fn from_response(status: u16, header_type: Option<&str>, body: &str) -> Self {
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
                Self::from_code(sanitize_code(raw), message)
            }
            _ if status >= 500 => Self::Http(status),
            _ => Self::Malformed,
        }
    }

    pub fn from_code(code: &str, message: String) -> Self {
        match code {
            "UsernameExistsException" => Self::UsernameExists,
            "InvalidPasswordException" => Self::InvalidPassword(message),
            "InvalidParameterException" => Self::InvalidParameter(message),
            "CodeMismatchException" => Self::CodeMismatch,
            "ExpiredCodeException" => Self::ExpiredCode,
            "NotAuthorizedException" => Self::NotAuthorized(message),
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
            | "InvalidLambdaResponseException" => Self::Trigger(message),
            "ResourceNotFoundException" => Self::ResourceNotFound,
            "InvalidUserPoolConfigurationException" => Self::InvalidConfiguration,
            "InternalErrorException" => Self::InternalError,
            "ForbiddenException" => Self::Forbidden,
            other => Self::Unknown {
                code: other.to_owned(),
                message,
            },
        }
    }
}
