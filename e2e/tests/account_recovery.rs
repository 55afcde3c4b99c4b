//! Confirmation codes, forgot password, an administrator-created user's
//! first sign-in and two-step sign-in, through the UI against the local
//! stack.

use e2e::browser::*;
use e2e::flows::submit_sign_in;
use e2e::http::{
    admin_create_user, code_sent_to, confirmed_user_id_token, local_control, sign_in_tokens,
    sign_up, token, turn_on_two_step,
};
use e2e::stack::Stack;
use e2e::{PASSWORD, unique_email};

const NEW_PASSWORD: &str = "Brand-N3w-pass!";

#[tokio::test]
async fn a_forgotten_password_is_reset_and_the_new_one_works() {
    let stack = Stack::from_env();
    let email = unique_email("forgot");
    confirmed_user_id_token(&stack, &email, PASSWORD);
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        click_link(&client, "Forgot your password?").await;
        wait_for_path(&client, "/forgot-password").await;
        fill(&client, "email", &email).await;
        click_button(&client, "Send code").await;
        // Cognito masks the address it sent the code to.
        wait_for_text(&client, ".hint", "We sent a code to").await;
        screenshot(&client, "reset-password").await;
        fill(&client, "code", &code_sent_to(&stack, &email)).await;
        fill(&client, "password", NEW_PASSWORD).await;
        fill(&client, "confirm-password", NEW_PASSWORD).await;
        click_button(&client, "Reset password").await;
        wait_for_path(&client, "/signin").await;
        wait_for_text(&client, "[role=status]", "Your password is changed").await;
        submit_sign_in(&client, &email, NEW_PASSWORD).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        click_button(&client, "Sign out").await;
        wait_for_path(&client, "/signin").await;

        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_text(&client, "[role=alert]", "Incorrect email or password").await;
    })
    .await;
}

#[tokio::test]
async fn an_admin_created_user_chooses_a_new_password() {
    let stack = Stack::from_env();
    let email = unique_email("admin-created");
    admin_create_user(&stack, &email, "Temp-Pass-1!");
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        submit_sign_in(&client, &email, "Temp-Pass-1!").await;
        wait_for_path(&client, "/new-password").await;
        fill(&client, "password", "weakpass").await;
        fill(&client, "confirm-password", "weakpass").await;
        click_button(&client, "Set password").await;
        wait_for_text(&client, "[role=alert]", "does not meet").await;
        fill(&client, "password", NEW_PASSWORD).await;
        fill(&client, "confirm-password", NEW_PASSWORD).await;
        click_button(&client, "Set password").await;
        wait_for_path(&client, "/").await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        assert!(session_storage(&client).await.contains_key(SESSION_KEY));
    })
    .await;
}

#[tokio::test]
async fn wrong_and_expired_codes_are_explained_and_a_new_code_confirms() {
    let stack = Stack::from_env();
    let email = unique_email("codes");
    sign_up(&stack, &email, PASSWORD);
    let first = code_sent_to(&stack, &email);
    let wrong = if first == "000000" {
        "000001"
    } else {
        "000000"
    };
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_path(&client, "/confirm").await;

        fill(&client, "code", wrong).await;
        click_button(&client, "Confirm").await;
        wait_for_text(&client, "[role=alert]", "That code is not right").await;

        local_control(
            &stack,
            "expire-codes",
            serde_json::json!({ "username": email }),
        );
        fill(&client, "code", &first).await;
        click_button(&client, "Confirm").await;
        wait_for_text(&client, "[role=alert]", "That code has expired").await;
        assert_eq!(path(&client).await, "/confirm");

        click_button(&client, "Send a new code").await;
        wait_for_text(&client, "[role=status]", "We sent a new code to").await;
        // A visible wait before the next one can be asked for.
        wait_for_text(&client, "#resend", " s)").await;
        let disabled = client
            .execute("return document.getElementById('resend').disabled;", vec![])
            .await
            .unwrap();
        assert_eq!(disabled, serde_json::json!(true));
        screenshot(&client, "resent-code").await;

        let second = code_sent_to(&stack, &email);
        assert_ne!(second, first);
        fill(&client, "code", &second).await;
        click_button(&client, "Confirm").await;
        wait_for_path(&client, "/signin").await;
        wait_for_text(&client, "[role=status]", "Your account is confirmed").await;
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
    })
    .await;
}

#[tokio::test]
async fn two_step_sign_in_takes_the_authenticator_apps_code() {
    let stack = Stack::from_env();
    let email = unique_email("two-step");
    confirmed_user_id_token(&stack, &email, PASSWORD);
    let tokens = sign_in_tokens(&stack, &email, PASSWORD);
    let secret = turn_on_two_step(&stack, &token(&tokens, "AccessToken"));
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_path(&client, "/two-step").await;
        assert!(session_storage(&client).await.is_empty());

        let right = stack_contract::totp::code_now(&secret);
        let wrong = if right == "000000" {
            "000001"
        } else {
            "000000"
        };
        fill(&client, "code", wrong).await;
        click_button(&client, "Continue").await;
        wait_for_text(&client, "[role=alert]", "Check your authenticator app").await;
        screenshot(&client, "two-step").await;

        fill(&client, "code", &stack_contract::totp::code_now(&secret)).await;
        click_button(&client, "Continue").await;
        wait_for_path(&client, "/").await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
    })
    .await;
}
