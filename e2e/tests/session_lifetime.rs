//! Sessions that outlive their ID token: the local Cognito issues this
//! person's tokens for a few seconds only (its `/_local/token-lifetime`
//! control), so real expiry happens within the test.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use e2e::browser::*;
use e2e::flows::{choose_password, submit_sign_in};
use e2e::http::{cognito, confirmed_user_id_token, local_control, refresh};
use e2e::stack::Stack;
use e2e::{PASSWORD, cdp, eventually, eventually_within, unique_email};
use fantoccini::Client;

const TOKEN_SECONDS: u64 = 5;

/// A confirmed person whose tokens live `TOKEN_SECONDS`.
fn short_lived_user(stack: &Stack, tag: &str) -> String {
    let email = unique_email(tag);
    confirmed_user_id_token(stack, &email, PASSWORD);
    local_control(
        stack,
        "token-lifetime",
        serde_json::json!({"username": email, "seconds": TOKEN_SECONDS}),
    );
    email
}

async fn sign_in_and_see_the_greeting(client: &Client, stack: &Stack, email: &str) {
    client.goto(&stack.url("/signin")).await.unwrap();
    submit_sign_in(client, email, PASSWORD).await;
    see_the_greeting(client).await;
}

/// On a pool with choice-based sign-in (`essentials`): the email, then the
/// password among the ways.
async fn choose_the_password_and_see_the_greeting(client: &Client, stack: &Stack, email: &str) {
    choose_password(client, stack, email, PASSWORD).await;
    see_the_greeting(client).await;
}

async fn see_the_greeting(client: &Client) {
    wait_for_path(client, "/").await;
    wait_for_text(client, "#api-result", "Hello from Lambda!").await;
}

/// The stored ID token's `exp`, read in the page.
async fn stored_token_expiry(client: &Client) -> u64 {
    let exp = client
        .execute(
            "const s = JSON.parse(sessionStorage.getItem(arguments[0]));
             const p = s.idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
             return JSON.parse(atob(p)).exp;",
            vec![serde_json::json!(SESSION_KEY)],
        )
        .await
        .unwrap();
    exp.as_u64().expect("an exp claim")
}

/// Waits (polling the real clock) until the stored ID token has expired.
async fn wait_until_the_token_expires(client: &Client) {
    let exp = stored_token_expiry(client).await;
    eventually_within(
        "the ID token to expire",
        Duration::from_secs(TOKEN_SECONDS + 10),
        || async {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
            (now > exp).then_some(())
        },
    )
    .await;
}

/// How many `/hello` requests the page has made.
async fn hello_requests(client: &Client) -> u64 {
    client
        .execute(
            "return performance.getEntriesByType('resource')
                .filter(e => new URL(e.name).pathname === '/hello').length;",
            vec![],
        )
        .await
        .unwrap()
        .as_u64()
        .unwrap()
}

/// Clicks "Call the API again" and waits for the call to finish: a new
/// `/hello` request answered or a new alert, and the button enabled again.
/// (The greeting stays while a second call runs, so it says nothing.)
async fn call_the_api_again(client: &Client) {
    let calls = hello_requests(client).await;
    let alert = text(client, "[role=alert]").await;
    click_button(client, "Call the API again").await;
    eventually("the API call to finish", || async {
        let answered = hello_requests(client).await > calls;
        let said = text(client, "[role=alert]").await;
        let alerted = !said.is_empty() && said != alert;
        let idle = client
            .execute(
                "return [...document.querySelectorAll('button')].some(
                   (b) => b.textContent.trim() === 'Call the API again' && !b.disabled);",
                vec![],
            )
            .await
            .ok()?
            .as_bool()?;
        ((answered || alerted) && idle).then_some(())
    })
    .await;
}

#[tokio::test]
async fn an_expired_id_token_is_refreshed_without_the_person_noticing() {
    let stack = Stack::from_env();
    let email = short_lived_user(&stack, "expired");
    with_browser(move |client| async move {
        sign_in_and_see_the_greeting(&client, &stack, &email).await;
        let before = stored_id_token(&client).await.expect("a session");
        let calls = hello_requests(&client).await;
        wait_until_the_token_expires(&client).await;

        call_the_api_again(&client).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        let after = stored_id_token(&client).await.expect("still signed in");
        assert_ne!(after, before, "the token was refreshed");
        assert_eq!(path(&client).await, "/");
        assert_eq!(text(&client, "[role=alert]").await, "");
        // Refreshed before the call: the expired token was never sent.
        assert_eq!(hello_requests(&client).await, calls + 1);
    })
    .await;
}

#[tokio::test]
async fn a_token_the_api_finds_expired_is_refreshed_and_the_call_retried_once() {
    let stack = Stack::from_env();
    let email = short_lived_user(&stack, "skewed");
    with_browser(move |client| async move {
        sign_in_and_see_the_greeting(&client, &stack, &email).await;
        // The browser's clock runs ten minutes slow, so the app believes
        // the token is fresh and sends it; the API knows better.
        client
            .execute(
                "const now = Date.now.bind(Date); Date.now = () => now() - 600000;",
                vec![],
            )
            .await
            .unwrap();
        let before = stored_id_token(&client).await.expect("a session");
        let calls = hello_requests(&client).await;
        wait_until_the_token_expires(&client).await;

        call_the_api_again(&client).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        assert_eq!(
            hello_requests(&client).await,
            calls + 2,
            "one call refused as expired, one retried after the refresh"
        );
        assert_ne!(stored_id_token(&client).await.expect("a session"), before);
        assert_eq!(text(&client, "[role=alert]").await, "");
    })
    .await;
}

#[tokio::test]
async fn a_network_failure_during_refresh_keeps_the_person_signed_in() {
    let stack = Stack::from_env();
    let email = short_lived_user(&stack, "offline");
    with_browser(move |client| async move {
        sign_in_and_see_the_greeting(&client, &stack, &email).await;
        wait_until_the_token_expires(&client).await;

        let offline = |offline: bool| {
            serde_json::json!({"offline": offline, "latency": 0,
                               "downloadThroughput": -1, "uploadThroughput": -1})
        };
        cdp::execute(&client, "Network.enable", serde_json::json!({})).await;
        cdp::execute(&client, "Network.emulateNetworkConditions", offline(true)).await;
        call_the_api_again(&client).await;
        wait_for_text(&client, "[role=alert]", "still signed in").await;
        assert_eq!(path(&client).await, "/");
        assert!(session_storage(&client).await.contains_key(SESSION_KEY));
        screenshot(&client, "refresh-offline").await;

        cdp::execute(&client, "Network.emulateNetworkConditions", offline(false)).await;
        call_the_api_again(&client).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        assert_eq!(text(&client, "[role=alert]").await, "");
    })
    .await;
}

#[tokio::test]
async fn a_refresh_refused_after_a_global_sign_out_ends_the_session() {
    let stack = Stack::from_env();
    let email = short_lived_user(&stack, "global");
    with_browser(move |client| async move {
        sign_in_and_see_the_greeting(&client, &stack, &email).await;
        let access_token = stored_token(&client, "accessToken").await.unwrap();
        // Signed out everywhere from another device.
        let signed_out = cognito(
            &stack,
            "GlobalSignOut",
            serde_json::json!({"AccessToken": access_token}),
        );
        // (Not the body: moto's errors repeat the token.)
        assert_eq!(signed_out.status, 200, "GlobalSignOut failed");
        wait_until_the_token_expires(&client).await;

        click_button(&client, "Call the API again").await;
        wait_for_path(&client, "/signin").await;
        wait_for_text(
            &client,
            "[role=status]",
            "Your session has expired. Please sign in again.",
        )
        .await;
        assert!(session_storage(&client).await.is_empty());
    })
    .await;
}

#[tokio::test]
async fn signing_out_revokes_this_devices_refresh_token() {
    let stack = Stack::from_env();
    let email = unique_email("revoke");
    confirmed_user_id_token(&stack, &email, PASSWORD);
    with_browser(move |client| async move {
        sign_in_and_see_the_greeting(&client, &stack, &email).await;
        let refresh_token = stored_token(&client, "refreshToken").await.unwrap();

        click_button(&client, "Sign out").await;
        wait_for_path(&client, "/signin").await;
        assert!(session_storage(&client).await.is_empty());
        // The revocation is sent in the background: wait for it to land.
        eventually("the refresh token to be revoked", || {
            let refused = refresh(&stack, &refresh_token)
                .body
                .contains("Refresh Token has been revoked");
            async move { refused.then_some(()) }
        })
        .await;
    })
    .await;
}

/// On the `essentials` pool, whose app client rotates refresh tokens
/// (its config.json says so): the refresh goes through
/// GetTokensFromRefreshToken and the new refresh token is kept; the one
/// it replaced is refused once its grace period is over.
#[tokio::test]
async fn a_rotating_client_keeps_the_new_refresh_token_and_the_old_one_is_refused() {
    let stack = Stack::from_env().pool("essentials");
    let email = short_lived_user(&stack, "rotation");
    with_browser(move |client| async move {
        choose_the_password_and_see_the_greeting(&client, &stack, &email).await;
        let first = stored_token(&client, "refreshToken")
            .await
            .expect("a refresh token");
        wait_until_the_token_expires(&client).await;

        call_the_api_again(&client).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        assert_eq!(text(&client, "[role=alert]").await, "");
        let second = stored_token(&client, "refreshToken")
            .await
            .expect("still signed in");
        assert_ne!(second, first, "the rotated refresh token is kept");

        // The grace period ends now (the stack's control): the replaced
        // token is refused, the kept one still renews.
        local_control(
            &stack,
            "expire-codes",
            serde_json::json!({"username": email}),
        );
        let refresh_with = |token: &str| {
            cognito(
                &stack,
                "GetTokensFromRefreshToken",
                serde_json::json!({"ClientId": stack.user_pool_client_id, "RefreshToken": token}),
            )
        };
        let old = refresh_with(&first);
        assert_eq!(old.status, 400, "{}", old.body);
        assert!(
            old.body.contains("RefreshTokenReuseException"),
            "{}",
            old.body
        );
        let kept = refresh_with(&second);
        assert_eq!(kept.status, 200, "{}", kept.body);
    })
    .await;
}
