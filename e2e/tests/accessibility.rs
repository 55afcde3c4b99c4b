//! Accessibility end to end: axe-core on every page and state, the whole
//! flow by keyboard alone, and narrow and zoomed screens. Runs against the
//! one-origin stack.

use e2e::a11y::{assert_accessible, assert_fits};
use e2e::browser::*;
use e2e::cdp;
use e2e::flows::submit_sign_in;
use e2e::http::{
    admin_create_user, code_sent_to, confirmed_user_id_token, sign_in_tokens, token,
    turn_on_two_step,
};
use e2e::stack::Stack;
use e2e::{PASSWORD, eventually, unique_email};
use fantoccini::Client;

const TAB: &str = "\u{e004}";
const ENTER: &str = "\u{e007}";

/// Presses keys on whatever has focus, as a keyboard user does.
async fn keys(client: &Client, keys: &str) {
    let focused = client.active_element().await.unwrap();
    focused.send_keys(keys).await.unwrap();
}

async fn focused_id(client: &Client) -> String {
    let focused = client.active_element().await.unwrap();
    focused.attr("id").await.unwrap().unwrap_or_default()
}

/// Waits until the new page's heading has focus (the app moves it there).
async fn wait_for_heading(client: &Client, title: &str) {
    wait_for_text(client, "h1", title).await;
    eventually(&format!("focus on the {title:?} heading"), || async {
        (focused_id(client).await == "title").then_some(())
    })
    .await;
}

#[tokio::test]
async fn every_page_and_state_passes_axe() {
    let stack = Stack::from_env();
    let email = unique_email("axe");
    confirmed_user_id_token(&stack, &email, PASSWORD);
    let admin_created = unique_email("axe-admin-created");
    admin_create_user(&stack, &admin_created, "Temp-Pass-1!");
    let two_step = unique_email("axe-two-step");
    confirmed_user_id_token(&stack, &two_step, PASSWORD);
    let tokens = sign_in_tokens(&stack, &two_step, PASSWORD);
    turn_on_two_step(&stack, &token(&tokens, "AccessToken"));
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        wait_for_heading(&client, "Sign in").await;
        assert_accessible(&client, "sign-in, empty").await;
        click_button(&client, "Sign in").await;
        wait_for_text(&client, "[role=alert]", "Enter your email address").await;
        assert_accessible(&client, "sign-in, error shown").await;

        click_link(&client, "Create an account").await;
        wait_for_heading(&client, "Create an account").await;
        fill(&client, "password", "short").await;
        click_button(&client, "Sign up").await;
        wait_for_text(&client, "[role=alert]", "Enter").await;
        assert_accessible(&client, "sign-up, checklist and error").await;

        client.goto(&stack.url("/confirm")).await.unwrap();
        wait_for_heading(&client, "Confirm your account").await;
        assert_accessible(&client, "confirm").await;

        client.goto(&stack.url("/forgot-password")).await.unwrap();
        wait_for_heading(&client, "Reset your password").await;
        assert_accessible(&client, "forgot password").await;

        // An address that needs a challenge in memory goes back to the
        // password, with a notice.
        client.goto(&stack.url("/two-step")).await.unwrap();
        wait_for_text(&client, "[role=status]", "email and password first").await;
        assert_eq!(path(&client).await, "/signin");
        assert_accessible(&client, "sign-in, with a notice").await;

        client.goto(&stack.url("/signin")).await.unwrap();
        submit_sign_in(&client, &admin_created, "Temp-Pass-1!").await;
        wait_for_heading(&client, "Choose a new password").await;
        assert_accessible(&client, "new password").await;

        client.goto(&stack.url("/signin")).await.unwrap();
        submit_sign_in(&client, &two_step, PASSWORD).await;
        wait_for_heading(&client, "Two-step sign-in").await;
        assert_accessible(&client, "two-step").await;

        client.goto(&stack.url("/nowhere")).await.unwrap();
        wait_for_heading(&client, "Page not found").await;
        assert_accessible(&client, "not found").await;

        client.goto(&stack.url("/signin")).await.unwrap();
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        assert_accessible(&client, "signed in").await;
    })
    .await;
}

#[tokio::test]
async fn the_whole_flow_works_by_keyboard_alone() {
    let stack = Stack::from_env();
    let email = unique_email("keyboard");
    with_browser(move |client| async move {
        client.goto(&stack.url("/signup")).await.unwrap();
        wait_for_heading(&client, "Create an account").await;
        keys(&client, TAB).await;
        assert_eq!(focused_id(&client).await, "email");
        keys(&client, &email).await;
        keys(&client, TAB).await;
        keys(&client, PASSWORD).await;
        keys(&client, TAB).await;
        assert_eq!(focused_id(&client).await, "confirm-password");
        keys(&client, &format!("{PASSWORD}{ENTER}")).await;

        wait_for_heading(&client, "Confirm your account").await;
        keys(&client, &format!("{TAB}{TAB}")).await;
        assert_eq!(focused_id(&client).await, "code");
        let code = code_sent_to(&stack, &email);
        keys(&client, &format!("{code}{ENTER}")).await;

        wait_for_heading(&client, "Sign in").await;
        keys(&client, &format!("{TAB}{TAB}")).await;
        assert_eq!(focused_id(&client).await, "password");
        keys(&client, &format!("{PASSWORD}{ENTER}")).await;

        wait_for_heading(&client, "You are signed in").await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        keys(&client, &format!("{TAB}{TAB}")).await;
        let focused = client.active_element().await.unwrap();
        assert_eq!(focused.text().await.unwrap(), "Sign out");
        keys(&client, ENTER).await;
        wait_for_heading(&client, "Sign in").await;
    })
    .await;
}

#[tokio::test]
async fn pages_fit_a_360px_screen_and_200_percent_zoom() {
    let stack = Stack::from_env();
    with_browser(move |client| async move {
        // 360 CSS pixels: a small phone. 640 at scale 2: a 1280 px window
        // zoomed to 200 %.
        for (width, scale) in [(360, 1), (640, 2)] {
            cdp::execute(
                &client,
                "Emulation.setDeviceMetricsOverride",
                serde_json::json!({"width": width, "height": 740, "deviceScaleFactor": scale, "mobile": false}),
            )
            .await;
            let state = format!("{width} px at {scale}x");
            client.goto(&stack.url("/signup")).await.unwrap();
            wait_for_heading(&client, "Create an account").await;
            fill(&client, "email", "someone-with-a-rather-long-address@example.com").await;
            fill(&client, "password", "short").await;
            click_button(&client, "Sign up").await;
            wait_for_text(&client, "[role=alert]", "rules").await;
            assert_fits(&client, &format!("sign-up, {state}")).await;
            client.goto(&stack.url("/signin")).await.unwrap();
            wait_for_heading(&client, "Sign in").await;
            assert_fits(&client, &format!("sign-in, {state}")).await;
            if width == 360 {
                screenshot(&client, "sign-in-360px").await;
            }
        }
    })
    .await;
}
