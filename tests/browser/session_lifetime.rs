//! Refreshing tokens and signing out, with `fetch` stubbed: a refresh is
//! silent when it works, ends the session when Cognito refuses it, and
//! never signs anyone out when the network fails.

use cognito_signin::flow::session::Session;
use cognito_signin::web::storage::{self, STORAGE_KEY};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::pages::{button, find, mount_at, path, text, tokens_answer};
use crate::support::*;

fn store(expires_in_secs: i64) -> Session {
    storage::clear();
    let stored = Session::from_tokens(
        id_token("ana@example.com", epoch_in(expires_in_secs), "id"),
        "old-access-token".into(),
        Some("the-refresh-token".into()),
    )
    .unwrap();
    storage::save(&stored);
    stored
}

fn storage_is_empty() -> bool {
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    storage.get_item(STORAGE_KEY).unwrap().is_none()
}

/// Answers the refresh the app just sent and checks its shape.
async fn answer_refresh(call: u32) {
    wait_for("the refresh", || {
        fetch_calls() == call + 1 && waiting_count() == 1
    })
    .await;
    assert_eq!(
        field(&fetch_call(call), "target"),
        "AWSCognitoIdentityProviderService.InitiateAuth"
    );
    assert_eq!(body(call)["AuthFlow"], "REFRESH_TOKEN_AUTH");
    assert_eq!(
        body(call)["AuthParameters"]["REFRESH_TOKEN"],
        "the-refresh-token"
    );
    // As Cognito answers a refresh for a client that does not rotate
    // refresh tokens: new ID and access tokens, no refresh token.
    let mut answer: serde_json::Value =
        serde_json::from_str(&tokens_answer("ana@example.com")).unwrap();
    answer["AuthenticationResult"]
        .as_object_mut()
        .unwrap()
        .remove("RefreshToken");
    answer_next(200, &answer.to_string(), None);
}

/// Answers the call to /hello, checking it carries the stored ID token.
async fn answer_hello(call: u32, status: u16, answer: &str) {
    wait_for("the API call", || {
        fetch_calls() == call + 1 && waiting_count() == 1
    })
    .await;
    assert!(field(&fetch_call(call), "url").ends_with("/hello"));
    let sent = field(&fetch_call(call), "authorization");
    assert_eq!(sent, storage::load().unwrap().id_token, "the current token");
    answer_next(status, answer, None);
}

#[wasm_bindgen_test]
async fn a_nearly_expired_token_is_refreshed_before_it_is_sent() {
    let old = store(60);
    install_fetch_stub();
    let _app = mount_at("/").await;
    answer_refresh(0).await;
    answer_hello(1, 200, r#""Hello from Lambda!""#).await;
    wait_for_greeting().await;
    let renewed = storage::load().unwrap();
    assert_ne!(renewed.id_token, old.id_token);
    assert_eq!(
        renewed.refresh_token.as_deref(),
        Some("the-refresh-token"),
        "kept"
    );
}

#[wasm_bindgen_test]
async fn an_expired_token_is_refreshed_without_the_person_noticing() {
    store(-600);
    install_fetch_stub();
    let _app = mount_at("/").await;
    answer_refresh(0).await;
    answer_hello(1, 200, r#""Hello from Lambda!""#).await;
    wait_for_greeting().await;
    assert_eq!(path(), "/");
}

#[wasm_bindgen_test]
async fn a_refused_token_is_refreshed_once_and_retried() {
    store(3600);
    install_fetch_stub();
    let _app = mount_at("/").await;
    answer_hello(0, 401, r#"{"message":"The incoming token has expired"}"#).await;
    answer_refresh(1).await;
    answer_hello(2, 200, r#""Hello from Lambda!""#).await;
    wait_for_greeting().await;
}

#[wasm_bindgen_test]
async fn a_refused_refresh_signs_out_with_a_message() {
    store(-600);
    install_fetch_stub();
    let _app = mount_at("/").await;
    wait_for("the refresh", || waiting_count() == 1).await;
    answer_next(
        400,
        r#"{"__type":"NotAuthorizedException","message":"Refresh Token has been revoked"}"#,
        None,
    );
    wait_for("the sign-in page", || path() == "/signin").await;
    wait_for("the notice", || {
        text("[role=status]") == "Your session has expired. Please sign in again."
    })
    .await;
    assert!(storage_is_empty());
}

#[wasm_bindgen_test]
async fn a_network_failure_during_refresh_keeps_the_person_signed_in() {
    store(-600);
    install_fetch_stub();
    let _app = mount_at("/").await;
    wait_for("the refresh", || waiting_count() == 1).await;
    fail_next();
    let message = "Could not reach the sign-in service. Check your connection and try again. \
                   You are still signed in.";
    wait_for("the message", || text("[role=alert]") == message).await;
    assert_eq!(path(), "/");
    assert!(
        !storage_is_empty(),
        "a network failure never signs anyone out"
    );

    button("Call the API again").click();
    answer_refresh(1).await;
    answer_hello(2, 200, r#""Hello from Lambda!""#).await;
    wait_for_greeting().await;
}

#[wasm_bindgen_test]
async fn sign_out_everywhere_leaves_no_token_even_when_it_fails() {
    store(3600);
    install_fetch_stub();
    let _app = mount_at("/").await;
    answer_hello(0, 200, r#""Hello from Lambda!""#).await;
    button("Sign out everywhere").click();
    wait_for("GlobalSignOut", || {
        fetch_calls() == 2 && waiting_count() == 1
    })
    .await;
    assert_eq!(
        field(&fetch_call(1), "target"),
        "AWSCognitoIdentityProviderService.GlobalSignOut"
    );
    assert_eq!(body(1)["AccessToken"], "old-access-token");
    fail_next();
    wait_for("the sign-in page", || path() == "/signin").await;
    assert!(storage_is_empty());
    assert!(text("[role=status]").contains("could not be signed out"));
}

#[wasm_bindgen_test]
async fn sign_out_clears_at_once_and_revokes_the_refresh_token() {
    store(3600);
    install_fetch_stub();
    let _app = mount_at("/").await;
    answer_hello(0, 200, r#""Hello from Lambda!""#).await;
    button("Sign out").click();
    wait_for("the sign-in page", || path() == "/signin").await;
    assert!(storage_is_empty(), "cleared before any answer");
    wait_for("RevokeToken", || fetch_calls() == 2).await;
    assert_eq!(
        field(&fetch_call(1), "target"),
        "AWSCognitoIdentityProviderService.RevokeToken"
    );
    assert_eq!(body(1)["Token"], "the-refresh-token");
    assert!(find("#email").is_some());
}

/// The pages' config, for an app client that rotates refresh tokens.
const ROTATING: &str = r#"{"region":"us-east-1","userPoolId":"us-east-1_abc123","userPoolClientId":"client123","apiUrl":"http://127.0.0.1:9/api","cognitoEndpoint":"http://127.0.0.1:9/cognito/","refreshTokenRotation":true}"#;

async fn mount_rotating() -> impl Drop {
    use cognito_signin::config::AppConfig;
    use cognito_signin::ui::app::Pages;
    use leptos::prelude::*;
    let config: &'static AppConfig = Box::leak(Box::new(AppConfig::parse(ROTATING).unwrap()));
    crate::pages::mount_view_at("/", move || view! { <Pages config/> }).await
}

#[wasm_bindgen_test]
async fn a_rotating_client_refreshes_with_get_tokens_and_keeps_the_new_refresh_token() {
    store(60);
    install_fetch_stub();
    let _app = mount_rotating().await;
    wait_for("the refresh", || waiting_count() == 1).await;
    assert_eq!(
        field(&fetch_call(0), "target"),
        "AWSCognitoIdentityProviderService.GetTokensFromRefreshToken"
    );
    assert_eq!(
        body(0),
        serde_json::json!({"ClientId": "client123", "RefreshToken": "the-refresh-token"})
    );
    let mut answer: serde_json::Value =
        serde_json::from_str(&tokens_answer("ana@example.com")).unwrap();
    answer["AuthenticationResult"]["RefreshToken"] = "the-next-refresh-token".into();
    answer_next(200, &answer.to_string(), None);
    answer_hello(1, 200, r#""Hello from Lambda!""#).await;
    wait_for_greeting().await;
    assert_eq!(
        storage::load().unwrap().refresh_token.as_deref(),
        Some("the-next-refresh-token")
    );
    storage::clear();
}

#[wasm_bindgen_test]
async fn a_refresh_token_used_after_its_replacement_ends_the_session_in_words() {
    store(-60);
    install_fetch_stub();
    let _app = mount_rotating().await;
    wait_for("the refresh", || waiting_count() == 1).await;
    answer_next(
        400,
        r#"{"__type":"RefreshTokenReuseException","message":"Refresh token has been reused."}"#,
        None,
    );
    wait_for("the sign-in page", || path() == "/signin").await;
    wait_for("the notice", || {
        text("[role=status]").contains("renewed in another tab")
    })
    .await;
    assert!(storage_is_empty());
}
