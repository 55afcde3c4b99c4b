//! Forgot password and an administrator-created user's first sign-in,
//! through the UI against moto.

use e2e::browser::*;
use e2e::flows::submit_sign_in;
use e2e::http::{cognito, confirmed_user_id_token};
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
        // moto accepts any code here (the README says so).
        fill(&client, "code", "123456").await;
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
    let created = cognito(
        &stack,
        "AdminCreateUser",
        serde_json::json!({
            "UserPoolId": stack.user_pool_id,
            "Username": email,
            "TemporaryPassword": "Temp-Pass-1!",
            "MessageAction": "SUPPRESS",
            "UserAttributes": [{"Name": "email", "Value": email}]
        }),
    );
    assert_eq!(created.status, 200, "AdminCreateUser: {}", created.body);
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
        assert!(
            session_storage(&client)
                .await
                .contains_key("cognito-signin.session.v1")
        );
    })
    .await;
}
