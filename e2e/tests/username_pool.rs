//! A pool shaped unlike the app's own, through the UI: the local stack's
//! `username` pool (people sign in with a username, with an email alias;
//! name, phone number and birth date are required, and a custom company
//! is asked) on its own site. Sign-up asks for each with the input its
//! kind needs, the code goes by text message, and the person signs in
//! with the username, verifies the email from the account page, and then
//! signs in with the email. A taken username is refused in words.

use e2e::a11y::assert_accessible;
use e2e::browser::*;
use e2e::http::code_sent_to;
use e2e::stack::Stack;
use e2e::{PASSWORD, unique_email};
use fantoccini::Client;

/// The value of a date input, set as a date picker sets it (typing into
/// one follows the browser's locale).
async fn pick_date(client: &Client, id: &str, date: &str) {
    client
        .execute(
            "const input = document.getElementById(arguments[0]);
             input.value = arguments[1];
             input.dispatchEvent(new Event('input', {bubbles: true}));",
            vec![id.into(), date.into()],
        )
        .await
        .unwrap();
}

async fn labels_and_types(client: &Client) -> Vec<(String, String)> {
    let found = client
        .execute(
            "return [...document.querySelectorAll('form label')].map(label =>
                 [label.textContent, document.getElementById(label.htmlFor).type]);",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

async fn fill_sign_up(client: &Client, username: &str, email: &str, phone: &str) {
    fill(client, "username", username).await;
    fill(client, "attr-email", email).await;
    fill(client, "attr-name", "Ana Lopez").await;
    fill(client, "attr-phone_number", phone).await;
    pick_date(client, "attr-birthdate", "1990-04-01").await;
    fill(client, "attr-custom-company", "Example Ltd").await;
    fill(client, "password", PASSWORD).await;
    fill(client, "confirm-password", PASSWORD).await;
    click_button(client, "Sign up").await;
}

#[tokio::test]
async fn a_username_pool_signs_up_with_its_attributes_and_signs_in_by_username() {
    let stack = Stack::from_env().pool("username");
    let email = unique_email("username-pool");
    // The unique part of the address makes the username and phone number
    // unique too.
    let tag = email.split('@').next().unwrap().replace('-', "_");
    let username = format!("ana_{tag}");
    let digits: String = tag.chars().filter(char::is_ascii_digit).collect();
    let phone = format!("+1415{:0>7}", &digits[digits.len().saturating_sub(7)..]);

    with_browser(move |client| async move {
        client.goto(&stack.url("/signup")).await.unwrap();
        wait_for_text(&client, "h1", "Create an account").await;
        let expected = [
            ("Username", "text"),
            ("Email", "email"),
            ("Full name", "text"),
            ("Phone number", "tel"),
            ("Date of birth", "date"),
            ("Company", "text"),
            ("Password", "password"),
        ];
        let shown = labels_and_types(&client).await;
        for (i, (label, kind)) in expected.iter().enumerate() {
            assert_eq!(
                (shown[i].0.as_str(), shown[i].1.as_str()),
                (*label, *kind),
                "{shown:?}"
            );
        }
        assert_accessible(&client, "sign-up on a username pool").await;

        fill_sign_up(&client, &username, &email, &phone).await;
        wait_for_path(&client, "/confirm").await;
        // The code went by text message to the phone number.
        let last_digits = &phone[phone.len() - 4..];
        wait_for_text(&client, ".hint", last_digits).await;
        fill(&client, "code", &code_sent_to(&stack, &phone)).await;
        click_button(&client, "Confirm").await;

        wait_for_path(&client, "/signin").await;
        wait_for_text(&client, "[role=status]", "Your account is confirmed").await;
        wait_for_text(&client, "label[for=username]", "Username or email").await;
        fill(&client, "username", &username).await;
        fill(&client, "password", PASSWORD).await;
        click_button(&client, "Sign in").await;
        wait_for_path(&client, "/").await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        wait_for_text(&client, "#account-email", &email).await;

        // The email alias was given at sign-up but not verified (the code
        // went to the phone): the account page offers its code.
        wait_for_text(&client, ".account dd", "(not verified)").await;
        click_button(&client, "Verify your email").await;
        wait_for_path(&client, "/account/email").await;
        fill(&client, "code", &code_sent_to(&stack, &email)).await;
        click_button(&client, "Verify email").await;
        wait_for_path(&client, "/").await;
        wait_for_text(&client, "[role=status]", "Your email is verified.").await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;

        // Verified, the email signs in as the username does.
        click_button(&client, "Sign out").await;
        wait_for_path(&client, "/signin").await;
        fill(&client, "username", &email).await;
        fill(&client, "password", PASSWORD).await;
        click_button(&client, "Sign in").await;
        wait_for_path(&client, "/").await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        assert!(text(&client, ".account dd").await.contains(&email));
        assert!(!text(&client, ".account dd").await.contains("not verified"));

        click_button(&client, "Sign out").await;
        wait_for_path(&client, "/signin").await;
        click_link(&client, "Create an account").await;
        wait_for_path(&client, "/signup").await;
        let other_email = unique_email("username-pool-taken");
        fill_sign_up(&client, &username, &other_email, &phone).await;
        wait_for_text(
            &client,
            "[role=alert]",
            "An account with this username already exists. Sign in instead.",
        )
        .await;
        assert_eq!(path(&client).await, "/signup");
    })
    .await;
}
