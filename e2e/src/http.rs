//! A minimal HTTP/1.1 client over a plain TCP stream, for checking the API
//! and seeding users through Cognito's JSON API without a browser. Loopback
//! only, so no TLS.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

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
    let rest = url
        .strip_prefix("http://")
        .expect("loopback URLs are plain http");
    let (host, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_owned()), |(h, p)| (h, format!("/{p}")));
    let mut stream = TcpStream::connect(host).unwrap_or_else(|e| panic!("connect {host}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    parse(&String::from_utf8_lossy(&raw))
}

fn parse(raw: &str) -> Answer {
    let (head, body) = raw
        .split_once("\r\n\r\n")
        .expect("an HTTP answer has a head");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Answer {
        status,
        headers,
        body: body.to_owned(),
    }
}

/// Calls a Cognito operation on the local stack, as the app does.
pub fn cognito(stack: &Stack, operation: &str, payload: serde_json::Value) -> Answer {
    let target = format!("AWSCognitoIdentityProviderService.{operation}");
    request(
        "POST",
        &stack.cognito_endpoint,
        &[
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", &target),
        ],
        &payload.to_string(),
    )
}

/// Signs up, confirms and signs in `email`, returning its ID token.
pub fn confirmed_user_id_token(stack: &Stack, email: &str, password: &str) -> String {
    sign_up(stack, email, password);
    let confirmed = cognito(
        stack,
        "ConfirmSignUp",
        serde_json::json!({"ClientId": stack.user_pool_client_id, "Username": email, "ConfirmationCode": code_sent_to(stack, email)}),
    );
    assert_eq!(confirmed.status, 200, "ConfirmSignUp: {}", confirmed.body);
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
        serde_json::json!({"AccessToken": access_token, "UserCode": crate::totp::code_now(&secret), "FriendlyDeviceName": "e2e"}),
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
    let url = format!("{}_local/outbox?to={email}", stack.cognito_endpoint);
    let answer = request("GET", &url, &[], "");
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
    let url = format!("{}_local/{path}", stack.cognito_endpoint);
    let answer = request("POST", &url, &[], &payload.to_string());
    assert_eq!(answer.status, 200, "{path}: {}", answer.body);
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
