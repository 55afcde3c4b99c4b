//! Signing in by an alias. On a pool with `AliasAttributes: ["email"]`,
//! Cognito takes a person's verified email wherever it takes their
//! username (InitiateAuth, ForgotPassword, ConfirmForgotPassword). moto
//! knows people by username only, so the front finds whose verified
//! email it is and hands moto that person's username.

use axum::response::Response;
use serde_json::Value;

use super::pools::{self, PoolRules};
use super::{CognitoFront, users};

/// Where each operation that takes an alias has its username.
fn username_path(target: &str) -> Option<&'static str> {
    match target {
        "InitiateAuth" => Some("/AuthParameters/USERNAME"),
        "ForgotPassword" | "ConfirmForgotPassword" => Some("/Username"),
        _ => None,
    }
}

/// The request with a verified email alias replaced by its person's
/// username; `None` where nothing changes.
pub async fn resolved(
    front: &CognitoFront,
    target: &str,
    input: &Value,
) -> Result<Option<Value>, Response> {
    let Some(path) = username_path(target) else {
        return Ok(None);
    };
    let Some(pool) = pools::of_client(front, input).filter(|p| p.email_alias) else {
        return Ok(None);
    };
    let typed = input
        .pointer(path)
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !typed.contains('@') {
        return Ok(None);
    }
    let Some(username) = verified_owner(front, pool, typed).await? else {
        return Ok(None);
    };
    let mut rewritten = input.clone();
    if let Some(slot) = rewritten.pointer_mut(path) {
        *slot = Value::String(username);
    }
    Ok(Some(rewritten))
}

/// The username of the one person whose verified email this is.
async fn verified_owner(
    front: &CognitoFront,
    pool: &PoolRules,
    email: &str,
) -> Result<Option<String>, Response> {
    let users = users::with_email(front, pool, email).await?;
    let verified = |user: &Value| {
        user["Attributes"].as_array().is_some_and(|attributes| {
            attributes
                .iter()
                .any(|a| a["Name"] == "email_verified" && a["Value"] == "true")
        })
    };
    Ok(users
        .iter()
        .find(|user| verified(user))
        .and_then(|user| user["Username"].as_str())
        .map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::username_path;

    #[test]
    fn only_the_operations_that_take_an_alias_are_rewritten() {
        assert_eq!(
            username_path("InitiateAuth"),
            Some("/AuthParameters/USERNAME")
        );
        assert_eq!(username_path("ForgotPassword"), Some("/Username"));
        assert_eq!(username_path("ConfirmSignUp"), None);
        assert_eq!(username_path("SignUp"), None);
    }
}
