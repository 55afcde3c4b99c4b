//! Creates the user pools and app clients in moto through the Cognito JSON
//! API, the same calls the real service takes (moto checks no
//! credentials, but admin calls carry the shape the front asks for).

use hyper::Method;
use serde_json::Value;

use stack_contract::cognito;

use crate::http_client::{self, Answer as HttpResponse, HttpError};
use crate::pools::{self, Shape};

pub const POOL_NAME: &str = pools::MAIN.pool_name;
pub const CLIENT_NAME: &str = pools::MAIN.client_name;

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

#[derive(Debug, Clone)]
pub struct SeededPool {
    pub shape: &'static Shape,
    pub user_pool_id: String,
    pub client_id: String,
    /// The client's `PreventUserExistenceErrors` is `ENABLED`.
    pub prevent_user_existence_errors: bool,
}

/// Seeds every pool of [`pools::ALL`], the main one first.
pub async fn seed(endpoint: &str) -> Result<Vec<SeededPool>, CognitoError> {
    let mut seeded = Vec::new();
    for shape in pools::ALL {
        seeded.push(seed_pool(endpoint, shape).await?);
    }
    Ok(seeded)
}

/// Creates one pool and its public (secretless) client.
pub async fn seed_pool(endpoint: &str, shape: &'static Shape) -> Result<SeededPool, CognitoError> {
    let pool = call(endpoint, "CreateUserPool", &shape.create_user_pool()).await?;
    let user_pool_id = string_at(&pool, "/UserPool/Id", "CreateUserPool")?;
    let client = call(
        endpoint,
        "CreateUserPoolClient",
        &shape.create_user_pool_client(&user_pool_id),
    )
    .await?;
    let client_id = string_at(&client, "/UserPoolClient/ClientId", "CreateUserPoolClient")?;
    call(
        endpoint,
        "SetUserPoolMfaConfig",
        &shape.set_mfa_config(&user_pool_id),
    )
    .await?;
    // As configured, read back: the front answers for unknown people as
    // this setting says, since moto does not.
    let prevent_user_existence_errors = client
        .pointer("/UserPoolClient/PreventUserExistenceErrors")
        .and_then(Value::as_str)
        == Some("ENABLED");
    Ok(SeededPool {
        shape,
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
