//! Calling the local Cognito as the app, the AWS CLI and the tests do:
//! the JSON API's headers, the admin operations' authorization, the test
//! controls under `/_local/` and the request bodies seeding and tests use.

use hyper::Method;
use serde_json::{Value, json};

use crate::http::{self, Answer, HttpError};
use crate::state::StackState;

/// `X-Amz-Target` is this prefix and the operation's name.
pub const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
/// The header that carries [`StackState::local_secret`] to `/_local/…`.
pub const LOCAL_SECRET_HEADER: &str = "x-local-stack-secret";

pub fn target(operation: &str) -> String {
    format!("{TARGET_PREFIX}{operation}")
}

/// An `Authorization` value of the shape SigV4 gives (what the AWS CLI
/// sends with dummy credentials). The local front checks the shape only:
/// it holds no credentials to check a signature against, so this is not a
/// signature, just the proof that the caller is not a web page (a browser
/// cannot send `Authorization` cross-origin without the front's leave).
pub fn admin_authorization(region: &str) -> String {
    format!(
        "AWS4-HMAC-SHA256 Credential=local/20260101/{region}/cognito-idp/aws4_request, \
         SignedHeaders=content-type;host;x-amz-target, Signature={}",
        "0".repeat(64)
    )
}

/// The headers of a call to `operation`, as the app sends it, or as the
/// AWS CLI does for an admin operation (with an `Authorization`).
pub fn request_headers(operation: &str, region: &str) -> Vec<(&'static str, String)> {
    let mut headers = vec![
        ("Content-Type", CONTENT_TYPE.to_owned()),
        ("X-Amz-Target", target(operation)),
    ];
    if is_admin(operation) {
        headers.push(("Authorization", admin_authorization(region)));
    }
    headers
}

/// Operations that need AWS credentials (the admin ones and the pool's
/// management) versus those a browser may call.
pub fn is_admin(operation: &str) -> bool {
    !crate::cognito::BROWSER_OPERATIONS.contains(&operation)
}

/// The operations of the Cognito user pools API that take no AWS
/// credentials: exactly those botocore 1.44's `cognito-idp` model marks
/// `"authtype": "none"` (they are authorized by the user's access token, a
/// session or nothing). The only ones the local front lets through
/// unsigned.
pub const BROWSER_OPERATIONS: &[&str] = &[
    "AssociateSoftwareToken",
    "ChangePassword",
    "CompleteWebAuthnRegistration",
    "ConfirmDevice",
    "ConfirmForgotPassword",
    "ConfirmSignUp",
    "DeleteUser",
    "DeleteUserAttributes",
    "DeleteWebAuthnCredential",
    "ForgetDevice",
    "ForgotPassword",
    "GetDevice",
    "GetTokensFromRefreshToken",
    "GetUser",
    "GetUserAttributeVerificationCode",
    "GetUserAuthFactors",
    "GlobalSignOut",
    "InitiateAuth",
    "ListDevices",
    "ListUserSessions",
    "ListWebAuthnCredentials",
    "ResendConfirmationCode",
    "RespondToAuthChallenge",
    "RevokeToken",
    "RevokeUserSession",
    "SetUserMFAPreference",
    "SetUserSettings",
    "SignUp",
    "StartWebAuthnRegistration",
    "UpdateAuthEventFeedback",
    "UpdateDeviceStatus",
    "UpdateUserAttributes",
    "VerifySoftwareToken",
    "VerifyUserAttribute",
];

/// Posts one operation; `admin` adds [`admin_authorization`].
pub async fn send(state: &StackState, operation: &str, body: &Value) -> Result<Answer, HttpError> {
    let target = target(operation);
    let authorization = admin_authorization(&state.region);
    let mut headers = vec![("Content-Type", CONTENT_TYPE), ("X-Amz-Target", &target)];
    if is_admin(operation) {
        headers.push(("Authorization", &authorization));
    }
    http::send(
        Method::POST,
        &state.cognito_endpoint,
        &headers,
        body.to_string(),
    )
    .await
}

/// The URL of a test control, e.g. `outbox?to=…`.
pub fn local_url(state: &StackState, path_and_query: &str) -> String {
    format!("{}_local/{path_and_query}", state.cognito_endpoint)
}

/// Calls a test control with the secret.
pub async fn local(
    state: &StackState,
    method: Method,
    path_and_query: &str,
    body: &Value,
) -> Result<Answer, HttpError> {
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    http::send(
        method,
        &local_url(state, path_and_query),
        &[(LOCAL_SECRET_HEADER, state.local_secret.expose())],
        body,
    )
    .await
}

/// The request bodies the seeding, xtask and the tests send.
pub mod requests {
    use super::*;

    pub fn sign_up(client_id: &str, email: &str, password: &str) -> Value {
        json!({
            "ClientId": client_id,
            "Username": email,
            "Password": password,
            "UserAttributes": [{"Name": "email", "Value": email}],
        })
    }

    pub fn confirm_sign_up(client_id: &str, email: &str, code: &str) -> Value {
        json!({"ClientId": client_id, "Username": email, "ConfirmationCode": code})
    }

    pub fn admin_confirm_sign_up(pool_id: &str, email: &str) -> Value {
        json!({"UserPoolId": pool_id, "Username": email})
    }

    pub fn password_auth(client_id: &str, email: &str, password: &str) -> Value {
        json!({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": client_id,
            "AuthParameters": {"USERNAME": email, "PASSWORD": password},
        })
    }

    pub fn refresh(client_id: &str, refresh_token: &str) -> Value {
        json!({
            "AuthFlow": "REFRESH_TOKEN_AUTH",
            "ClientId": client_id,
            "AuthParameters": {"REFRESH_TOKEN": refresh_token},
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_operations_are_those_not_listed() {
        assert!(is_admin("AdminConfirmSignUp"));
        assert!(is_admin("ListUsers"));
        assert!(is_admin("CreateUserPool"));
        assert!(!is_admin("SignUp"));
        assert!(!is_admin("GetUser"));
    }

    #[test]
    fn only_admin_calls_carry_an_authorization() {
        let names = |operation| -> Vec<&str> {
            request_headers(operation, "eu-west-1")
                .into_iter()
                .map(|(name, _)| name)
                .collect()
        };
        assert_eq!(names("SignUp"), ["Content-Type", "X-Amz-Target"]);
        assert_eq!(
            names("AdminConfirmSignUp"),
            ["Content-Type", "X-Amz-Target", "Authorization"]
        );
        let headers = request_headers("AdminConfirmSignUp", "eu-west-1");
        assert_eq!(
            headers[1].1,
            "AWSCognitoIdentityProviderService.AdminConfirmSignUp"
        );
        assert!(headers[2].1.contains("/eu-west-1/cognito-idp/"));
    }

    #[test]
    fn the_admin_authorization_looks_like_sigv4() {
        let value = admin_authorization("us-east-1");
        assert!(value.starts_with("AWS4-HMAC-SHA256 Credential="), "{value}");
        assert!(value.contains("/us-east-1/cognito-idp/aws4_request"));
    }
}
