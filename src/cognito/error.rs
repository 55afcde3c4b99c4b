//! Every error Cognito documents for the operations the app calls, mapped to
//! words a person understands. The code comes from the body's `__type` (or
//! the `x-amzn-ErrorType` header), without any `namespace#` prefix or
//! `:...` suffix; an unknown code keeps its name and message.

use crate::json;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CognitoError {
    #[error("An account with this email already exists. Sign in instead.")]
    UsernameExists,
    #[error("{}", password_message(.0))]
    InvalidPassword(String),
    #[error("Some of the details are not valid: {0}")]
    InvalidParameter(String),
    #[error("That code is not right. Check the email we sent and try again.")]
    CodeMismatch,
    #[error("That code has expired. Ask for a new one.")]
    ExpiredCode,
    #[error("{}", not_authorized_message(.0))]
    NotAuthorized(String),
    #[error("No account uses this email. Check it, or sign up.")]
    UserNotFound,
    #[error("This account is not confirmed yet. Enter the code we emailed you.")]
    UserNotConfirmed,
    #[error("You need to reset your password before you can sign in.")]
    PasswordResetRequired,
    #[error("Too many requests right now. Wait a moment and try again.")]
    TooManyRequests,
    #[error("Too many failed attempts. Wait a few minutes and try again.")]
    TooManyFailedAttempts,
    #[error("You have tried this too often. Wait a while and try again.")]
    LimitExceeded,
    #[error("We could not send the code. Check the email address and try again.")]
    CodeDeliveryFailure,
    #[error("This email is already used by another account.")]
    AliasExists,
    #[error("The user pool cannot send messages right now. Try again later.")]
    MessagingNotSetUp,
    #[error("A check during sign-up refused the request: {0}")]
    Trigger(String),
    #[error(
        "The app's user pool or client was not found. The site's configuration may be out of date."
    )]
    ResourceNotFound,
    #[error("The user pool is not set up for this kind of sign-in.")]
    InvalidConfiguration,
    #[error("Amazon Cognito had an internal error. Try again in a moment.")]
    InternalError,
    #[error("The request was blocked by the service's firewall.")]
    Forbidden,
    #[error("The sign-in service refused the request ({code}): {message}")]
    Unknown { code: String, message: String },
    #[error("The sign-in service did not answer in time. Try again.")]
    Timeout,
    #[error("Could not reach the sign-in service. Check your connection and try again.")]
    Network,
    #[error("The sign-in service had a problem (HTTP {0}). Try again in a moment.")]
    Http(u16),
    #[error("The sign-in service sent an answer the app could not read.")]
    Malformed,
}

fn password_message(detail: &str) -> String {
    // Cognito says "Password did not conform with policy: Password must have
    // uppercase characters"; the part after the colon is the useful one.
    let detail = detail.rsplit(": ").next().unwrap_or(detail).trim();
    if detail.is_empty() {
        "The password does not meet the requirements.".to_owned()
    } else {
        format!("The password does not meet the requirements: {detail}.").replace("..", ".")
    }
}

fn not_authorized_message(detail: &str) -> String {
    let lower = detail.to_ascii_lowercase();
    if lower.contains("incorrect username or password") || detail.is_empty() {
        "Incorrect email or password.".to_owned()
    } else if lower.contains("attempts exceeded") {
        "Too many failed attempts. Wait a few minutes and try again.".to_owned()
    } else if lower.contains("current status is confirmed") {
        "This account is already confirmed. Sign in.".to_owned()
    } else if lower.contains("token") {
        "Your session has expired. Please sign in again.".to_owned()
    } else {
        format!("The request was not allowed: {detail}")
    }
}

/// `aws.cognito#NotAuthorizedException:http://...` → `NotAuthorizedException`.
pub fn sanitize_code(raw: &str) -> &str {
    let code = raw.split(':').next().unwrap_or(raw);
    code.rsplit('#').next().unwrap_or(code).trim()
}

impl CognitoError {
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
