//! The account's settings through the UI against the local stack: a wrong
//! current password, then a changed one that works at the next sign-in;
//! deleting the account, after which it cannot sign in; the signed-in
//! pages' own module, and the words when it cannot load.

use e2e::a11y::assert_accessible;
use e2e::browser::*;
use e2e::cdp;
use e2e::flows::{shown_app_key, submit_sign_in};
use e2e::http::{code_sent_to, confirmed_user_id_token};
use e2e::stack::Stack;
use e2e::{PASSWORD, unique_email};
use serde_json::json;

const NEW_PASSWORD: &str = "Changed-N3w-pass!";

#[tokio::test]
async fn a_password_is_changed_after_a_wrong_current_one() {
    let stack = Stack::from_env();
    // Not "password": the stack-log check refuses any line with that word.
    let email = unique_email("changed-login");
    confirmed_user_id_token(&stack, &email, PASSWORD);
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        click_link(&client, "Change your password").await;
        wait_for_path(&client, "/account/password").await;
        fill(&client, "current-password", "Not-the-Passw0rd!").await;
        fill(&client, "password", NEW_PASSWORD).await;
        fill(&client, "confirm-password", NEW_PASSWORD).await;
        click_button(&client, "Change password").await;
        wait_for_text(&client, "[role=alert]", "current password is not right").await;
        assert_accessible(&client, "change password, error shown").await;
        fill(&client, "current-password", PASSWORD).await;
        click_button(&client, "Change password").await;
        wait_for_path(&client, "/").await;
        wait_for_text(&client, "[role=status]", "Your password is changed").await;

        click_button(&client, "Sign out").await;
        wait_for_path(&client, "/signin").await;
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_text(&client, "[role=alert]", "Incorrect email or password").await;
        submit_sign_in(&client, &email, NEW_PASSWORD).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
    })
    .await;
}

#[tokio::test]
async fn a_deleted_account_cannot_sign_in() {
    let stack = Stack::from_env();
    let email = unique_email("delete");
    confirmed_user_id_token(&stack, &email, PASSWORD);
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        click_link(&client, "Delete your account").await;
        wait_for_path(&client, "/account/delete").await;
        click_button(&client, "Delete my account").await;
        wait_for_text(&client, "[role=alert]", "Tick the box").await;
        assert_accessible(&client, "delete account, error shown").await;
        client
            .find(fantoccini::Locator::Css("#confirm-delete"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        click_button(&client, "Delete my account").await;
        wait_for_path(&client, "/signin").await;
        wait_for_text(&client, "[role=status]", "Your account is deleted").await;
        assert!(session_storage(&client).await.is_empty());
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_text(&client, "[role=alert]", "Incorrect email or password").await;
    })
    .await;
}

#[tokio::test]
async fn an_email_is_changed_once_its_code_is_in_and_a_taken_one_is_refused() {
    let stack = Stack::from_env();
    let email = unique_email("change-email");
    let taken = unique_email("taken");
    let new_email = unique_email("changed-email");
    confirmed_user_id_token(&stack, &email, PASSWORD);
    confirmed_user_id_token(&stack, &taken, PASSWORD);
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        click_link(&client, "Change your email").await;
        wait_for_path(&client, "/account/email").await;
        fill(&client, "email", &taken).await;
        click_button(&client, "Send code").await;
        wait_for_text(&client, "[role=alert]", "already used by another account").await;
        assert_accessible(&client, "change email, error shown").await;

        fill(&client, "email", &new_email).await;
        click_button(&client, "Send code").await;
        wait_for_text(&client, ".hint", "Enter it to start using this email").await;
        fill(&client, "code", &code_sent_to(&stack, &new_email)).await;
        click_button(&client, "Verify email").await;
        wait_for_path(&client, "/").await;
        wait_for_text(&client, "[role=status]", "Your email is changed").await;

        click_button(&client, "Sign out").await;
        wait_for_path(&client, "/signin").await;
        submit_sign_in(&client, &new_email, PASSWORD).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        wait_for_text(&client, "#account-email", &new_email).await;
    })
    .await;
}

#[tokio::test]
async fn an_authenticator_app_set_up_from_the_account_is_asked_for_at_sign_in() {
    let stack = Stack::from_env();
    let email = unique_email("account-app");
    confirmed_user_id_token(&stack, &email, PASSWORD);
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        click_link(&client, "Two-step sign-in").await;
        wait_for_text(&client, "#app-status", "No authenticator app").await;
        click_button(&client, "Set up an authenticator app").await;
        let key = shown_app_key(&client).await;
        assert_accessible(&client, "two-step settings, setting up an app").await;
        fill(&client, "code", &stack_contract::totp::code_now(&key)).await;
        click_button(&client, "Turn on").await;
        wait_for_text(&client, "#app-status", "ask for your authenticator app").await;

        click_link(&client, "Back to your account").await;
        click_button(&client, "Sign out").await;
        wait_for_path(&client, "/signin").await;
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_path(&client, "/two-step").await;
        fill(&client, "code", &stack_contract::totp::code_now(&key)).await;
        click_button(&client, "Continue").await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;

        click_link(&client, "Two-step sign-in").await;
        click_button(&client, "Turn off the authenticator app").await;
        wait_for_text(&client, "#app-status", "No authenticator app").await;
        click_link(&client, "Back to your account").await;
        click_button(&client, "Sign out").await;
        wait_for_path(&client, "/signin").await;
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
    })
    .await;
}

/// The release build loads every page but the sign-in form's as a module
/// of its own (and would add `chunk*` parts for code shared between split
/// points): with every such part blocked, the form still signs in, and the
/// account page says in words that it could not load; once they can be
/// fetched, a reload shows it.
#[tokio::test]
async fn the_sign_in_form_works_without_the_later_pages_modules() {
    let stack = Stack::from_env();
    let email = unique_email("split");
    confirmed_user_id_token(&stack, &email, PASSWORD);
    with_browser(move |client| async move {
        let block = |urls: serde_json::Value| {
            let client = client.clone();
            async move {
                cdp::execute(&client, "Network.setBlockedURLs", json!({ "urls": urls })).await;
            }
        };
        cdp::execute(&client, "Network.enable", json!({})).await;
        block(json!(["*/later-*.wasm", "*/chunk*.wasm"])).await;
        client.goto(&stack.url("/signin")).await.unwrap();
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_text(&client, "[role=alert]", "This page could not load").await;
        assert_accessible(&client, "signed-in pages unavailable").await;
        assert!(
            stored_id_token(&client).await.is_some(),
            "the sign-in is kept"
        );

        block(json!([])).await;
        client.refresh().await.unwrap();
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        let fetched: Vec<String> = serde_json::from_value(
            client
                .execute(
                    "return performance.getEntriesByType('resource').map(e => e.name)",
                    vec![],
                )
                .await
                .unwrap(),
        )
        .unwrap();
        assert!(
            fetched.iter().any(|url| url.contains("/later-")),
            "the account page came from the later pages' module: {fetched:?}"
        );
    })
    .await;
}
