//! The local Cognito endpoint against a real moto: the codes it checks, the
//! operations moto lacks, short-lived tokens and CORS, all in Cognito's
//! shapes. Needs `MOTO_SERVER` (skipped with a notice without it).

#[path = "api/common.rs"]
mod common;
#[path = "support/front.rs"]
mod front;
#[path = "support/process.rs"]
mod process;

use std::time::{Duration, Instant};

use front::{PASSWORD, Stack, error_kind, other_code};
use hyper::Method;
use local_stack::http_client;
use serde_json::json;

#[tokio::test]
async fn sign_up_codes_are_checked_expire_and_can_be_resent() {
    let Some(stack) = Stack::start("the sign-up code test", &[]).await else {
        return;
    };
    let email = "codes@example.com";
    let signed_up = stack.sign_up(email).await;
    assert_eq!(signed_up["UserConfirmed"], false);
    assert_eq!(
        signed_up["CodeDeliveryDetails"],
        json!({"Destination": "c***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"})
    );
    let first = stack.code_sent_to(email).await;
    assert_eq!(
        error_kind(stack.confirm(email, &other_code(&first)).await),
        "CodeMismatchException"
    );

    let (status, expired) = stack
        .local(Method::POST, "expire-codes", json!({"username": email}))
        .await;
    assert_eq!((status, expired["expired"].as_u64()), (200, Some(1)));
    assert_eq!(
        error_kind(stack.confirm(email, &first).await),
        "ExpiredCodeException"
    );
    assert_eq!(
        error_kind(stack.sign_in(email, PASSWORD).await),
        "UserNotConfirmedException"
    );

    let resent = stack
        .call(
            "ResendConfirmationCode",
            json!({"ClientId": stack.client_id(), "Username": email}),
        )
        .await
        .expect("ResendConfirmationCode");
    assert_eq!(resent["CodeDeliveryDetails"]["Destination"], "c***@e***");
    let second = stack.code_sent_to(email).await;
    stack.confirm(email, &second).await.expect("the new code");
    stack.sign_in(email, PASSWORD).await.expect("signed in");
}

#[tokio::test]
async fn resending_refuses_confirmed_and_unknown_people() {
    let Some(stack) = Stack::start("the resend test", &[]).await else {
        return;
    };
    let email = "resend@example.com";
    stack.sign_up(email).await;
    let code = stack.code_sent_to(email).await;
    stack.confirm(email, &code).await.expect("confirmed");
    let resend = |username: &'static str| {
        stack.call(
            "ResendConfirmationCode",
            json!({"ClientId": stack.client_id(), "Username": username}),
        )
    };
    let (kind, message) = resend(email).await.expect_err("already confirmed");
    assert_eq!(
        (kind.as_str(), message.as_str()),
        ("InvalidParameterException", "User is already confirmed.")
    );
    // The client prevents user existence errors: nobody gets a "sent" too.
    let nobody = resend("nobody@example.com")
        .await
        .expect("a made-up delivery");
    assert_eq!(nobody["CodeDeliveryDetails"]["Destination"], "n***@e***");
}

#[tokio::test]
async fn a_password_reset_checks_the_code_and_the_policy() {
    let Some(stack) = Stack::start("the password reset test", &[]).await else {
        return;
    };
    let email = "reset@example.com";
    stack.sign_up(email).await;
    let code = stack.code_sent_to(email).await;
    stack.confirm(email, &code).await.expect("confirmed");

    let sent = stack
        .call(
            "ForgotPassword",
            json!({"ClientId": stack.client_id(), "Username": email}),
        )
        .await
        .expect("ForgotPassword");
    assert_eq!(sent["CodeDeliveryDetails"]["Destination"], "r***@e***");
    let code = stack.code_sent_to(email).await;
    let reset = |code: String, password: &'static str| {
        stack.call(
            "ConfirmForgotPassword",
            json!({"ClientId": stack.client_id(), "Username": email,
                   "ConfirmationCode": code, "Password": password}),
        )
    };
    let (kind, message) = reset(code.clone(), "nouppercase1!")
        .await
        .expect_err("weak");
    assert_eq!(kind, "InvalidPasswordException");
    assert!(message.contains("uppercase"), "{message}");
    assert_eq!(
        reset(other_code(&code), "New-Pass-word-1")
            .await
            .expect_err("wrong")
            .0,
        "CodeMismatchException"
    );
    reset(code, "New-Pass-word-1").await.expect("reset");
    stack
        .sign_in(email, "New-Pass-word-1")
        .await
        .expect("the new password works");
    assert_eq!(
        error_kind(stack.sign_in(email, PASSWORD).await),
        "NotAuthorizedException"
    );
}

#[tokio::test]
async fn a_revoked_refresh_token_is_refused() {
    let Some(stack) = Stack::start("the revocation test", &[]).await else {
        return;
    };
    let email = "revoke@example.com";
    stack.sign_up(email).await;
    let code = stack.code_sent_to(email).await;
    stack.confirm(email, &code).await.expect("confirmed");
    let tokens = stack.sign_in(email, PASSWORD).await.expect("signed in");
    let result = &tokens["AuthenticationResult"];
    let refresh_token = result["RefreshToken"].as_str().expect("a refresh token");
    let refresh = || {
        stack.call(
            "InitiateAuth",
            json!({"ClientId": stack.client_id(), "AuthFlow": "REFRESH_TOKEN_AUTH",
                   "AuthParameters": {"REFRESH_TOKEN": refresh_token}}),
        )
    };
    refresh().await.expect("refresh works before revocation");

    let id_token = result["IdToken"].as_str().expect("an ID token");
    assert_eq!(
        error_kind(
            stack
                .call(
                    "RevokeToken",
                    json!({"ClientId": stack.client_id(), "Token": id_token}),
                )
                .await
        ),
        "UnsupportedTokenTypeException"
    );
    let revoked = stack
        .call(
            "RevokeToken",
            json!({"ClientId": stack.client_id(), "Token": refresh_token}),
        )
        .await
        .expect("RevokeToken");
    assert_eq!(revoked, json!({}));
    let (kind, message) = refresh().await.expect_err("refused after revocation");
    assert_eq!(
        (kind.as_str(), message.as_str()),
        ("NotAuthorizedException", "Refresh Token has been revoked")
    );
}

#[tokio::test]
async fn id_tokens_can_be_made_short_lived_and_then_expire_at_the_api() {
    let Some(stack) = Stack::start("the token lifetime test", &[]).await else {
        return;
    };
    let email = "short@example.com";
    stack.sign_up(email).await;
    let code = stack.code_sent_to(email).await;
    stack.confirm(email, &code).await.expect("confirmed");
    let (status, _) = stack
        .local(
            Method::POST,
            "token-lifetime",
            json!({"username": email, "seconds": 2}),
        )
        .await;
    assert_eq!(status, 200);
    let tokens = stack.sign_in(email, PASSWORD).await.expect("signed in");
    let result = &tokens["AuthenticationResult"];
    let id_token = result["IdToken"].as_str().expect("an ID token");
    let claims = local_stack::cognito::signer::claims(id_token).expect("claims");
    assert_eq!(
        claims["exp"].as_u64(),
        claims["iat"].as_u64().map(|t| t + 2)
    );

    // Re-signed with moto's key: the API accepts it until it expires.
    assert_eq!(stack.hello(id_token).await.0, 200);
    let deadline = Instant::now() + Duration::from_secs(10);
    let refused = loop {
        let (status, body) = stack.hello(id_token).await;
        if status != 200 {
            break (status, body);
        }
        assert!(Instant::now() < deadline, "the token never expired");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(
        refused,
        (
            401,
            r#"{"message":"The incoming token has expired"}"#.to_string()
        )
    );
}

#[tokio::test]
async fn answers_cors_like_cognito_and_keeps_moto_secrets_in() {
    let Some(stack) = Stack::start("the CORS test", &[]).await else {
        return;
    };
    let preflight = http_client::send(
        Method::OPTIONS,
        stack.endpoint(),
        &[
            ("Origin", "http://127.0.0.1:9"),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "content-type,x-amz-target",
            ),
        ],
        Vec::new(),
    )
    .await
    .expect("preflight");
    assert_eq!(preflight.status.as_u16(), 200);
    assert_eq!(preflight.headers["access-control-allow-origin"], "*");
    let allowed = preflight.headers["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(allowed.contains("x-amz-target") && allowed.contains("content-type"));

    let answer = http_client::send(
        Method::POST,
        stack.endpoint(),
        &[
            (
                "X-Amz-Target",
                "AWSCognitoIdentityProviderService.ForgotPassword",
            ),
            ("Content-Type", "application/x-amz-json-1.1"),
        ],
        json!({"ClientId": stack.client_id(), "Username": "anyone@example.com"})
            .to_string()
            .into_bytes(),
    )
    .await
    .expect("ForgotPassword");
    assert_eq!(answer.status.as_u16(), 200);
    assert_eq!(answer.headers["access-control-allow-origin"], "*");
    assert!(
        answer
            .headers
            .keys()
            .all(|name| !name.as_str().starts_with("x-moto")),
        "{:?}",
        answer.headers.keys().collect::<Vec<_>>()
    );

    // Errors too, or the browser could not read them.
    let refused = http_client::send(
        Method::POST,
        stack.endpoint(),
        &[
            (
                "X-Amz-Target",
                "AWSCognitoIdentityProviderService.ConfirmSignUp",
            ),
            ("Content-Type", "application/x-amz-json-1.1"),
        ],
        json!({"ClientId": stack.client_id(), "Username": "x@example.com", "ConfirmationCode": "1"})
            .to_string()
            .into_bytes(),
    )
    .await
    .expect("ConfirmSignUp");
    assert_eq!(refused.status.as_u16(), 400);
    assert_eq!(refused.headers["access-control-allow-origin"], "*");
}
