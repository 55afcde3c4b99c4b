//! Creates the user pool and app client in moto through the Cognito JSON
//! API, the same calls the real service takes (moto checks no
//! credentials, but admin calls carry the shape the front asks for).

use hyper::Method;
use serde_json::{Value, json};

use stack_contract::cognito;

use crate::http_client::{self, Answer as HttpResponse, HttpError};

pub const POOL_NAME: &str = "cognito-signin-local";
pub const CLIENT_NAME: &str = "cognito-signin-web";

/// The password policy we seed; config.json repeats it so the SPA can check
/// passwords before Cognito does.
pub use stack_contract::{PASSWORD_POLICY, PasswordPolicy};

#[derive(Debug, thiserror::Error)]
pub enum CognitoError {
    #[error("calling Cognito {target}: {source}")]
    Http { target: String, source: HttpError },
    #[error("Cognito {target} failed with HTTP {status}: {kind}: {message}")]
    Service {
        target: String,
        status: u16,
        kind: String,
        message: String,
    },
    #[error("Cognito {target} answered something unexpected: {detail}")]
    BadAnswer { target: String, detail: String },
}

/// `X-Amz-Target` is this prefix and the action's name.
pub use stack_contract::cognito::TARGET_PREFIX;

/// Posts one Cognito action's JSON body to `endpoint` the way the JSON API
/// takes it (admin actions with the SigV4-shaped authorization the local
/// front asks for), and returns the answer as it came.
pub async fn send_action(
    endpoint: &str,
    action: &str,
    body: Vec<u8>,
) -> Result<HttpResponse, HttpError> {
    let owned = cognito::request_headers(action, crate::REGION);
    let headers: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
    http_client::send(Method::POST, endpoint, &headers, body).await
}

/// Calls one Cognito action, e.g. `CreateUserPool`, and returns the JSON
/// answer. Errors carry the service's `__type` and message.
pub async fn call(endpoint: &str, action: &str, body: &Value) -> Result<Value, CognitoError> {
    let response = send_action(endpoint, action, body.to_string().into_bytes())
        .await
        .map_err(|source| CognitoError::Http {
            target: action.to_string(),
            source,
        })?;
    let parsed: Result<Value, _> = serde_json::from_slice(&response.body);
    if !response.status.is_success() {
        let (kind, message) = match &parsed {
            Ok(v) => (
                v["__type"].as_str().unwrap_or("unknown error").to_string(),
                v["message"].as_str().unwrap_or("").to_string(),
            ),
            Err(_) => (
                "non-JSON answer".to_string(),
                String::from_utf8_lossy(&response.body)
                    .chars()
                    .take(200)
                    .collect(),
            ),
        };
        return Err(CognitoError::Service {
            target: action.to_string(),
            status: response.status.as_u16(),
            kind,
            message,
        });
    }
    parsed.map_err(|e| CognitoError::BadAnswer {
        target: action.to_string(),
        detail: format!("body is not JSON: {e}"),
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeededPool {
    pub user_pool_id: String,
    pub client_id: String,
    /// The client's `PreventUserExistenceErrors` is `ENABLED`.
    pub prevent_user_existence_errors: bool,
}

/// Creates the pool and a public (secretless) client for USER_PASSWORD_AUTH.
pub async fn seed(endpoint: &str) -> Result<SeededPool, CognitoError> {
    let p = PASSWORD_POLICY;
    let pool = call(
        endpoint,
        "CreateUserPool",
        &json!({
            "PoolName": POOL_NAME,
            "UsernameAttributes": ["email"],
            "AutoVerifiedAttributes": ["email"],
            "Policies": {"PasswordPolicy": {
                "MinimumLength": p.minimum_length,
                "RequireUppercase": p.require_uppercase,
                "RequireLowercase": p.require_lowercase,
                "RequireNumbers": p.require_numbers,
                "RequireSymbols": p.require_symbols,
            }},
            // Without it moto reports code delivery by SMS.
            "AccountRecoverySetting": {
                "RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]
            },
        }),
    )
    .await?;
    let user_pool_id = string_at(&pool, "/UserPool/Id", "CreateUserPool")?;
    let client = call(
        endpoint,
        "CreateUserPoolClient",
        &json!({
            "UserPoolId": user_pool_id,
            "ClientName": CLIENT_NAME,
            "GenerateSecret": false,
            "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            // As the CDK client. moto 5.2 stores it but still answers
            // UserNotFoundException; the front answers as Cognito would.
            "PreventUserExistenceErrors": "ENABLED",
        }),
    )
    .await?;
    let client_id = string_at(&client, "/UserPoolClient/ClientId", "CreateUserPoolClient")?;
    // Two-step sign-in with an authenticator app, for those who turn it on
    // (as the CDK pool: MFA optional, TOTP only).
    call(
        endpoint,
        "SetUserPoolMfaConfig",
        &json!({
            "UserPoolId": user_pool_id,
            "SoftwareTokenMfaConfiguration": {"Enabled": true},
            "MfaConfiguration": "OPTIONAL",
        }),
    )
    .await?;
    // As configured, read back: the front answers for unknown people as
    // this setting says, since moto does not.
    let prevent_user_existence_errors = client
        .pointer("/UserPoolClient/PreventUserExistenceErrors")
        .and_then(Value::as_str)
        == Some("ENABLED");
    Ok(SeededPool {
        user_pool_id,
        client_id,
        prevent_user_existence_errors,
    })
}

fn string_at(value: &Value, pointer: &str, action: &str) -> Result<String, CognitoError> {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| CognitoError::BadAnswer {
            target: action.to_string(),
            detail: format!("no string at {pointer}"),
        })
}
