//! Who is in the pool, as the front needs to know before it answers for
//! moto: moto's AdminGetUser, and Cognito's answers for people who are not
//! there, which depend on the client's `PreventUserExistenceErrors`.

use axum::response::Response;
use serde_json::{Value, json};

use super::pools::PoolRules;
use super::{CognitoFront, answer, relay};

/// The person's record (`UserStatus` and all), or `None` if moto has no
/// such person; moto's other failures as the answer to give.
pub async fn lookup(
    front: &CognitoFront,
    pool: &PoolRules,
    username: &str,
) -> Result<Option<Value>, Response> {
    let query = json!({ "UserPoolId": pool.pool_id, "Username": username });
    let answer = front
        .moto("AdminGetUser", query.to_string().into_bytes())
        .await?;
    if answer.status.is_success() {
        return Ok(Some(answer.json()));
    }
    if answer.json()["__type"] == "UserNotFoundException" {
        return Ok(None);
    }
    Err(relay(answer))
}

/// The person asked for. For nobody: with existence errors prevented,
/// `as_if_someone()`, the answer a real person would get (a code "sent",
/// a code that ran out); otherwise UserNotFoundException.
pub async fn someone(
    front: &CognitoFront,
    pool: &PoolRules,
    username: &str,
    as_if_someone: impl FnOnce() -> Response,
) -> Result<Value, Response> {
    match lookup(front, pool, username).await? {
        Some(user) => Ok(user),
        None if pool.prevent_existence_errors => Err(as_if_someone()),
        None => Err(not_found()),
    }
}

/// The people whose `email` is this address (moto's ListUsers records),
/// whether verified or not.
pub async fn with_email(
    front: &CognitoFront,
    pool: &PoolRules,
    email: &str,
) -> Result<Vec<Value>, Response> {
    if email.contains('"') {
        return Ok(Vec::new());
    }
    let query = json!({"UserPoolId": pool.pool_id, "Filter": format!("email = \"{email}\"")});
    let answer = front
        .moto("ListUsers", query.to_string().into_bytes())
        .await?;
    if !answer.status.is_success() {
        return Err(relay(answer));
    }
    Ok(answer.json()["Users"]
        .as_array()
        .cloned()
        .unwrap_or_default())
}

/// LEGACY clients say who is missing.
pub fn not_found() -> Response {
    answer::error(
        "UserNotFoundException",
        "Username/client id combination not found.",
    )
}

/// Signing in as nobody, with existence errors prevented: the same answer
/// as a wrong password.
pub fn incorrect_credentials() -> Response {
    answer::error("NotAuthorizedException", "Incorrect username or password.")
}

/// Confirming a code for nobody, with existence errors prevented: as if
/// the code had run out.
pub fn expired_code() -> Response {
    answer::error(
        "ExpiredCodeException",
        "Invalid code provided, please request a code again.",
    )
}

/// The answer to a code sent, with its CodeDeliveryDetails.
pub fn code_sent(details: Value) -> Response {
    answer::ok(&json!({ "CodeDeliveryDetails": details }))
}
