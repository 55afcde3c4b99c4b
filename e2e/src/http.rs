//! Checking the API and seeding users through Cognito's JSON API without a
//! browser, on the stack contract's HTTP client (hyper's) and its Cognito
//! requests: admin operations signed as the AWS CLI would, the test
//! controls with the state file's secret.

use stack_contract::cognito as contract;
use stack_contract::http::{HttpMethod, blocking};

use crate::stack::Stack;

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub fn request(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> Answer {
    let method = HttpMethod::from_bytes(method.as_bytes()).expect("an HTTP method");
    let answer = blocking::send(method, url, headers, body.to_owned())
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    Answer {
        status: answer.code(),
        headers: answer
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: answer.text(),
    }
}

/// Calls a Cognito operation on the local stack, as the app does (admin
/// operations as the AWS CLI does).
pub fn cognito(stack: &Stack, operation: &str, payload: serde_json::Value) -> Answer {
    let owned = contract::request_headers(operation, &stack.region);
    let headers: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
    request(
        "POST",
        &stack.cognito_endpoint,
        &headers,
        &payload.to_string(),
    )
}

/// Creates `email` as an administrator does, with a temporary password
/// (no invitation sent): the first sign-in asks for a new password.
pub fn admin_create_user(stack: &Stack, email: &str, temporary_password: &str) {
    let created = cognito(
        stack,
        "AdminCreateUser",
        serde_json::json!({
            "UserPoolId": stack.user_pool_id,
            "Username": email,
            "TemporaryPassword": temporary_password,
            "MessageAction": "SUPPRESS",
            "UserAttributes": [{"Name": "email", "Value": email}]
        }),
    );
    assert_eq!(created.status, 200, "AdminCreateUser: {}", created.body);
}

/// Signs up and confirms `email` with the code sent to it.
pub fn confirmed_user(stack: &Stack, email: &str, password: &str) {
    sign_up(stack, email, password);
    let confirmed = cognito(
        stack,
        "ConfirmSignUp",
        serde_json::json!({"ClientId": stack.user_pool_client_id, "Username": email, "ConfirmationCode": code_sent_to(stack, email)}),
    );
    assert_eq!(confirmed.status, 200, "ConfirmSignUp: {}", confirmed.body);
}

/// Signs up, confirms and signs in `email`, returning its ID token.
pub fn confirmed_user_id_token(stack: &Stack, email: &str, password: &str) -> String {
    confirmed_user(stack, email, password);
    token(&sign_in_tokens(stack, email, password), "IdToken")
}

/// USER_PASSWORD_AUTH for a confirmed person: the AuthenticationResult.
pub fn sign_in_tokens(stack: &Stack, email: &str, password: &str) -> serde_json::Value {
    let auth = cognito(
        stack,
        "InitiateAuth",
        serde_json::json!({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": stack.user_pool_client_id,
            "AuthParameters": {"USERNAME": email, "PASSWORD": password}
        }),
    );
    assert_eq!(auth.status, 200, "InitiateAuth failed");
    let json: serde_json::Value = serde_json::from_str(&auth.body).unwrap();
    json["AuthenticationResult"].clone()
}

/// One token from an AuthenticationResult.
pub fn token(result: &serde_json::Value, name: &str) -> String {
    result[name]
        .as_str()
        .unwrap_or_else(|| panic!("no {name}"))
        .to_owned()
}

/// Turns on two-step sign-in for the holder of `access_token`, as an
/// authenticator app would be set up: returns the app's secret.
pub fn turn_on_two_step(stack: &Stack, access_token: &str) -> String {
    // (Bodies are not printed on failure: moto's errors repeat the token.)
    let associated = cognito(
        stack,
        "AssociateSoftwareToken",
        serde_json::json!({"AccessToken": access_token}),
    );
    assert_eq!(associated.status, 200, "AssociateSoftwareToken failed");
    let json: serde_json::Value = serde_json::from_str(&associated.body).unwrap();
    let secret = json["SecretCode"].as_str().expect("a secret").to_owned();
    let verified = cognito(
        stack,
        "VerifySoftwareToken",
        serde_json::json!({"AccessToken": access_token, "UserCode": stack_contract::totp::code_now(&secret), "FriendlyDeviceName": "e2e"}),
    );
    assert_eq!(verified.status, 200, "VerifySoftwareToken failed");
    let preferred = cognito(
        stack,
        "SetUserMFAPreference",
        serde_json::json!({"AccessToken": access_token, "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": true}}),
    );
    assert_eq!(preferred.status, 200, "SetUserMFAPreference failed");
    secret
}

pub fn sign_up(stack: &Stack, email: &str, password: &str) {
    let answer = cognito(
        stack,
        "SignUp",
        serde_json::json!({
            "ClientId": stack.user_pool_client_id,
            "Username": email,
            "Password": password,
            "UserAttributes": [{"Name": "email", "Value": email}]
        }),
    );
    assert_eq!(answer.status, 200, "SignUp: {}", answer.body);
}

/// The last code the local stack "emailed" to `email` (its outbox stands in
/// for the inbox).
pub fn code_sent_to(stack: &Stack, email: &str) -> String {
    let answer = local(stack, "GET", &format!("outbox?to={email}"), "");
    assert_eq!(
        answer.status, 200,
        "no code sent to {email}: {}",
        answer.body
    );
    let message: serde_json::Value = serde_json::from_str(&answer.body).expect("JSON");
    message["code"].as_str().expect("a code").to_owned()
}

/// Test controls of the local Cognito: `expire-codes` or `token-lifetime`.
pub fn local_control(stack: &Stack, path: &str, payload: serde_json::Value) {
    let answer = local(stack, "POST", path, &payload.to_string());
    assert_eq!(answer.status, 200, "{path}: {}", answer.body);
}

/// A request to a test control, with the state file's secret.
fn local(stack: &Stack, method: &str, path_and_query: &str, body: &str) -> Answer {
    let url = format!("{}_local/{path_and_query}", stack.cognito_endpoint);
    let secret = [(contract::LOCAL_SECRET_HEADER, stack.local_secret.expose())];
    request(method, &url, &secret, body)
}

/// REFRESH_TOKEN_AUTH with `refresh_token`, as the app renews its session.
pub fn refresh(stack: &Stack, refresh_token: &str) -> Answer {
    cognito(
        stack,
        "InitiateAuth",
        serde_json::json!({
            "AuthFlow": "REFRESH_TOKEN_AUTH",
            "ClientId": stack.user_pool_client_id,
            "AuthParameters": {"REFRESH_TOKEN": refresh_token}
        }),
    )
}
