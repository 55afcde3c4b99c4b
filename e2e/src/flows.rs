//! Scenarios used by more than one test target.

use fantoccini::Client;

use crate::browser::*;
use crate::http::code_sent_to;
use crate::stack::Stack;
use crate::{PASSWORD, unique_email};

/// The original example's flow through the UI: sign up, confirm, sign in and
/// see the protected API's answer. Returns the email used.
pub async fn sign_up_confirm_sign_in(client: &Client, stack: &Stack, screenshots: bool) -> String {
    let email = unique_email("flow");
    client.goto(&stack.url("/")).await.unwrap();
    wait_for_path(client, "/signin").await;
    if screenshots {
        screenshot(client, "sign-in").await;
    }
    click_link(client, "Create an account").await;
    wait_for_path(client, "/signup").await;
    fill(client, "email", &email).await;
    fill(client, "password", PASSWORD).await;
    fill(client, "confirm-password", PASSWORD).await;
    if screenshots {
        screenshot(client, "sign-up").await;
    }
    click_button(client, "Sign up").await;

    wait_for_path(client, "/confirm").await;
    fill(client, "code", &code_sent_to(stack, &email)).await;
    if screenshots {
        screenshot(client, "confirm").await;
    }
    click_button(client, "Confirm").await;

    wait_for_path(client, "/signin").await;
    wait_for_text(client, "[role=status]", "Your account is confirmed").await;
    fill(client, "password", PASSWORD).await;
    click_button(client, "Sign in").await;

    wait_for_path(client, "/").await;
    wait_for_text(client, "#api-result", "Hello from Lambda!").await;
    wait_for_text(client, "#account-email", &email).await;
    if screenshots {
        screenshot(client, "signed-in").await;
    }
    email
}

/// The choice page's heading (choice-based sign-in, the `essentials` pool).
pub const CHOICE_TITLE: &str = "How do you want to sign in?";

/// Choice-based sign-in: types the email on `/signin` and presses
/// "Continue", then waits for the choice of ways (still on `/signin`).
pub async fn identify(client: &Client, stack: &Stack, email: &str) {
    client.goto(&stack.url("/signin")).await.unwrap();
    fill(client, "email", email).await;
    click_css(client, "form:has(#email) button[type=submit]").await;
    wait_for_text(client, "h1", CHOICE_TITLE).await;
    assert_eq!(path(client).await, "/signin");
}

/// Choice-based sign-in with the password; the caller waits for what
/// should follow.
pub async fn choose_password(client: &Client, stack: &Stack, email: &str, password: &str) {
    identify(client, stack, email).await;
    fill(client, "password", password).await;
    click_css(client, "form:has(#password) button[type=submit]").await;
}

/// Fills the sign-in form and presses "Sign in"; the caller waits for what
/// should follow.
pub async fn submit_sign_in(client: &Client, email: &str, password: &str) {
    submit_sign_in_labelled(client, email, password, "Sign in").await;
}

/// The same in another language: the button is found by its label.
pub async fn submit_sign_in_labelled(client: &Client, email: &str, password: &str, button: &str) {
    fill(client, "email", email).await;
    fill(client, "password", password).await;
    click_button(client, button).await;
}

/// The authenticator app's key the set-up shows (`#app-key`, in groups of
/// four), as an app takes it: without the spaces.
pub async fn shown_app_key(client: &Client) -> String {
    wait_for_text(client, "#app-key", " ").await;
    text(client, "#app-key")
        .await
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}
