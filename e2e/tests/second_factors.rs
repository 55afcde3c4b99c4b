//! Second factors through the UI, on the local stack's pool that requires
//! one (`mfa`, with its own site and API): a new person sets up an
//! authenticator app during their first sign-in (MFA_SETUP, a QR code and
//! the key as text), a wrong code first; then signs in again with the
//! app's code.

use e2e::a11y::assert_accessible;
use e2e::browser::*;
use e2e::flows::{shown_app_key, submit_sign_in};
use e2e::http::confirmed_user;
use e2e::stack::Stack;
use e2e::{PASSWORD, unique_email};

#[tokio::test]
async fn a_required_authenticator_app_is_set_up_at_the_first_sign_in() {
    let stack = Stack::from_env().pool("mfa");
    let email = unique_email("mfa-set-up");
    // Not signed in here: on this pool the first sign-in is the set-up.
    confirmed_user(&stack, &email, PASSWORD);

    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_path(&client, "/set-up-two-step").await;
        wait_for_text(&client, "h1", "Set up two-step sign-in").await;
        let key = shown_app_key(&client).await;
        assert!(key.len() >= 16, "a base32 key: {} characters", key.len());
        let modules = client
            .execute(
                "return document.querySelector('.qr path').getAttribute('d').split('M').length;",
                vec![],
            )
            .await
            .unwrap();
        assert!(modules.as_u64().unwrap() > 100, "a QR code is drawn");
        screenshot(&client, "set-up-two-step").await;
        assert_accessible(&client, "set up an authenticator app").await;

        let right = stack_contract::totp::code_now(&key);
        let wrong = if right == "000000" {
            "000001"
        } else {
            "000000"
        };
        fill(&client, "code", wrong).await;
        click_button(&client, "Turn on and sign in").await;
        wait_for_text(&client, "[role=alert]", "account you just added").await;
        assert!(session_storage(&client).await.is_empty());

        fill(&client, "code", &stack_contract::totp::code_now(&key)).await;
        click_button(&client, "Turn on and sign in").await;
        wait_for_path(&client, "/").await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;

        click_button(&client, "Sign out").await;
        wait_for_path(&client, "/signin").await;
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_path(&client, "/two-step").await;
        wait_for_text(&client, ".hint", "authenticator app").await;
        fill(&client, "code", &stack_contract::totp::code_now(&key)).await;
        click_button(&client, "Continue").await;
        wait_for_path(&client, "/").await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
    })
    .await;
}
