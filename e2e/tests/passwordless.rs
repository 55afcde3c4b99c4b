//! Choice-based sign-in through the UI, on the local stack's `essentials`
//! pool (its own site on `http://localhost:PORT`, as a passkey's relying
//! party must be a domain): passkeys made and used by Chromium's virtual
//! authenticator, codes by email, sign-up without a password.

use e2e::a11y::assert_accessible;
use e2e::browser::*;
use e2e::flows::{CHOICE_TITLE, choose_password, identify};
use e2e::http::{code_sent_to, cognito, confirmed_user};
use e2e::passkey::{self, Authenticator};
use e2e::stack::Stack;
use e2e::{PASSWORD, eventually, unique_email};
use fantoccini::Client;

const PASSKEY_ITEMS: &str = "#passkey-list li";

fn essentials() -> Stack {
    Stack::from_env().pool("essentials")
}

/// Another code than `code`, as a mistyped one.
fn other_than(code: &str) -> &'static str {
    if code == "000000" { "000001" } else { "000000" }
}

/// Chooses the password on the choice page and lands signed in.
async fn sign_in_with_password(client: &Client, stack: &Stack, email: &str) {
    choose_password(client, stack, email, PASSWORD).await;
    see_the_greeting(client).await;
}

async fn see_the_greeting(client: &Client) {
    wait_for_path(client, "/").await;
    wait_for_text(client, "#api-result", "Hello from Lambda!").await;
    assert!(stored_session(client).await.is_some(), "signed in");
}

async fn sign_out(client: &Client, stack: &Stack) {
    if path(client).await != "/" {
        client.goto(&stack.url("/")).await.unwrap();
    }
    click_button(client, "Sign out").await;
    wait_for_path(client, "/signin").await;
    assert!(session_storage(client).await.is_empty());
}

/// From the account page: "Passkeys", then "Add a passkey"; the
/// authenticator then holds one more, and the list shows it.
async fn add_passkey(client: &Client, authenticator: &Authenticator) {
    click_link(client, "Passkeys").await;
    wait_for_path(client, "/account/passkeys").await;
    wait_for_text(client, "#add-passkey", "Add a passkey").await;
    // Enabled once the list is loaded.
    wait_enabled(client, "#add-passkey").await;
    let held = authenticator.credentials(client).await.len();
    let listed = count(client, PASSKEY_ITEMS).await;
    click_css(client, "#add-passkey").await;
    wait_for_text(client, "[role=status]", "Passkey added.").await;
    eventually("the new passkey in the list", || async {
        (count(client, PASSKEY_ITEMS).await == listed + 1).then_some(())
    })
    .await;
    assert_eq!(authenticator.credentials(client).await.len(), held + 1);
}

/// Still on the choice page, the other ways offered.
async fn still_choosing(client: &Client) {
    assert_eq!(path(client).await, "/signin");
    wait_for_text(client, "h1", CHOICE_TITLE).await;
    assert!(is_displayed(client, "#way-EMAIL_OTP").await);
    assert!(is_displayed(client, "#password").await);
    assert!(stored_session(client).await.is_none(), "not signed in");
}

/// The harness itself, before any of the app: a passkey made in the page
/// on the site's origin is held by the virtual authenticator and signs;
/// an unverified person's prompt is refused at once, as a closed one.
#[tokio::test]
async fn the_virtual_authenticator_holds_a_passkey_made_in_the_page() {
    let stack = essentials();
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        let authenticator = Authenticator::add(&client).await;
        assert!(authenticator.credentials(&client).await.is_empty());

        let made = passkey::create_in_page(&client, "localhost").await;
        assert_eq!(made["ok"], true, "{made}");
        let held = authenticator.credentials(&client).await;
        assert_eq!(held.len(), 1);
        assert_eq!(held[0]["rpId"], "localhost");
        assert_eq!(held[0]["isResidentCredential"], true);

        // Kept across a navigation in the same tab.
        client.goto(&stack.url("/signup")).await.unwrap();
        let signed = passkey::get_in_page(&client, "localhost").await;
        assert_eq!(signed["ok"], true, "{signed}");
        assert_eq!(signed["id"], made["id"]);

        authenticator.set_user_verified(&client, false).await;
        let closed = passkey::get_in_page(&client, "localhost").await;
        assert_eq!(closed["name"], "NotAllowedError", "{closed}");
        assert!(closed["ms"].as_u64().unwrap() < 5000, "{closed}");
    })
    .await;
}

#[tokio::test]
async fn a_passkey_added_after_a_password_sign_in_signs_in_without_a_password() {
    let stack = essentials();
    let email = unique_email("passkey");
    confirmed_user(&stack, &email, PASSWORD);
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        let authenticator = Authenticator::add(&client).await;

        identify(&client, &stack, &email).await;
        screenshot(&client, "choose-a-way").await;
        assert_accessible(&client, "the choice of ways").await;
        assert!(is_displayed(&client, "#way-EMAIL_OTP").await);
        assert!(
            !is_displayed(&client, "#way-WEB_AUTHN").await,
            "no passkey yet"
        );
        assert!(
            !is_displayed(&client, "#way-SMS_OTP").await,
            "no phone number"
        );
        fill(&client, "password", PASSWORD).await;
        click_css(&client, "form:has(#password) button[type=submit]").await;
        see_the_greeting(&client).await;

        add_passkey(&client, &authenticator).await;
        screenshot(&client, "passkeys").await;
        assert_accessible(&client, "the passkeys page with one").await;
        let held = authenticator.credentials(&client).await;
        assert_eq!(held[0]["rpId"], "localhost");
        assert_eq!(held[0]["userName"], email.as_str());
        let uses = held[0]["signCount"].as_u64().unwrap();

        sign_out(&client, &stack).await;
        fill(&client, "email", &email).await;
        click_css(&client, "#passkey-sign-in").await;
        see_the_greeting(&client).await;
        let used = authenticator.credentials(&client).await;
        assert!(
            used[0]["signCount"].as_u64().unwrap() > uses,
            "the passkey signed"
        );
        assert_clean(&client, &[PASSWORD]).await;
    })
    .await;
}

/// Deleted on the passkeys page (in another tab) while this tab's prompt
/// is open: the authenticator still holds the passkey and signs, and the
/// sign-in is refused; the other ways stay. Once it is gone, a passkey is
/// no longer offered.
#[tokio::test]
async fn a_deleted_passkey_is_refused_and_the_other_ways_are_still_offered() {
    let stack = essentials();
    let email = unique_email("deleted");
    confirmed_user(&stack, &email, PASSWORD);
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        let authenticator = Authenticator::add(&client).await;
        sign_in_with_password(&client, &stack, &email).await;
        add_passkey(&client, &authenticator).await;
        let uses = authenticator.credentials(&client).await[0]["signCount"]
            .as_u64()
            .unwrap();
        sign_out(&client, &stack).await;

        identify(&client, &stack, &email).await;
        passkey::hold_prompts(&client).await;
        click_css(&client, "#way-WEB_AUTHN").await;
        eventually("the passkey prompt", || async {
            (passkey::held_prompts(&client).await == 1).then_some(())
        })
        .await;

        // Meanwhile, in another tab: signed in, the passkey deleted.
        let this_tab = client.window().await.unwrap();
        let other = client.new_window(true).await.unwrap();
        client.switch_to_window(other.handle).await.unwrap();
        sign_in_with_password(&client, &stack, &email).await;
        click_link(&client, "Passkeys").await;
        wait_for_path(&client, "/account/passkeys").await;
        eventually("the passkey listed", || async {
            (count(&client, PASSKEY_ITEMS).await == 1).then_some(())
        })
        .await;
        click_css(&client, "button.delete-passkey").await;
        eventually("the passkey gone from the list", || async {
            (count(&client, PASSKEY_ITEMS).await == 0).then_some(())
        })
        .await;
        client.close_window().await.unwrap();
        client.switch_to_window(this_tab).await.unwrap();

        passkey::release_prompts(&client).await;
        wait_for_text(&client, "[role=alert]", "This passkey was not accepted").await;
        screenshot(&client, "passkey-refused").await;
        assert_accessible(&client, "a refused passkey").await;
        let used = authenticator.credentials(&client).await;
        assert_eq!(used.len(), 1, "the authenticator still holds it");
        assert!(
            used[0]["signCount"].as_u64().unwrap() > uses,
            "and signed with it"
        );
        still_choosing(&client).await;
        assert!(
            !is_displayed(&client, "#way-WEB_AUTHN").await,
            "the new choice offers no passkey: none is left"
        );

        // Asked for again from the start: no passkey to use.
        client.goto(&stack.url("/signin")).await.unwrap();
        fill(&client, "email", &email).await;
        click_css(&client, "#passkey-sign-in").await;
        wait_for_text(&client, "[role=status]", "This account has no passkey yet.").await;
        still_choosing(&client).await;
        assert!(!is_displayed(&client, "#way-WEB_AUTHN").await);
    })
    .await;
}

#[tokio::test]
async fn an_email_code_signs_in_after_a_wrong_one() {
    let stack = essentials();
    let email = unique_email("email-code");
    confirmed_user(&stack, &email, PASSWORD);
    with_browser(move |client| async move {
        identify(&client, &stack, &email).await;
        click_css(&client, "#way-EMAIL_OTP").await;
        wait_for_path(&client, "/two-step").await;
        let code = code_sent_to(&stack, &email);

        fill(&client, "code", other_than(&code)).await;
        click_css(&client, "form:has(#code) button[type=submit]").await;
        wait_for_text(&client, "[role=alert]", "That code is not right").await;
        assert_eq!(path(&client).await, "/two-step");
        assert!(stored_session(&client).await.is_none());
        screenshot(&client, "email-code").await;
        assert_accessible(&client, "a wrong email code").await;

        fill(&client, "code", &code).await;
        click_css(&client, "form:has(#code) button[type=submit]").await;
        see_the_greeting(&client).await;
        assert_clean(&client, &[&code]).await;
    })
    .await;
}

#[tokio::test]
async fn a_sign_up_without_a_password_is_confirmed_and_signed_in() {
    let stack = essentials();
    let email = unique_email("code-only");
    with_browser(move |client| async move {
        client.goto(&stack.url("/signup")).await.unwrap();
        fill(&client, "email", &email).await;
        wait_for_text(&client, "body", "optional").await;
        click_css(&client, "form:has(#email) button[type=submit]").await;
        wait_for_path(&client, "/confirm").await;
        let code = code_sent_to(&stack, &email);
        fill(&client, "code", &code).await;
        click_css(&client, "form:has(#code) button[type=submit]").await;

        // Signed in at once, offered a passkey (this browser has them).
        wait_for_path(&client, "/account/passkeys").await;
        wait_for_text(&client, "[role=status]", "signed in").await;
        assert!(stored_session(&client).await.is_some(), "signed in");
        screenshot(&client, "passkey-offer").await;
        assert_accessible(&client, "the passkey offer after sign-up").await;
        client.goto(&stack.url("/")).await.unwrap();
        see_the_greeting(&client).await;
        wait_for_text(&client, "#account-email", &email).await;

        // No password to choose: a code or nothing.
        sign_out(&client, &stack).await;
        identify(&client, &stack, &email).await;
        assert!(is_displayed(&client, "#way-EMAIL_OTP").await);
        assert!(!is_displayed(&client, "#password").await, "no password");
    })
    .await;
}

#[tokio::test]
async fn a_closed_passkey_prompt_leaves_the_other_ways() {
    let stack = essentials();
    let email = unique_email("closed");
    confirmed_user(&stack, &email, PASSWORD);
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        let authenticator = Authenticator::add(&client).await;
        sign_in_with_password(&client, &stack, &email).await;
        add_passkey(&client, &authenticator).await;
        sign_out(&client, &stack).await;

        identify(&client, &stack, &email).await;
        authenticator.set_user_verified(&client, false).await;
        click_css(&client, "#way-WEB_AUTHN").await;
        wait_for_text(&client, "[role=alert]", "The passkey prompt was closed").await;
        still_choosing(&client).await;
        assert!(is_displayed(&client, "#way-WEB_AUTHN").await);
        screenshot(&client, "passkey-closed").await;

        // Tried again, the prompt answered this time.
        authenticator.set_user_verified(&client, true).await;
        click_css(&client, "#way-WEB_AUTHN").await;
        see_the_greeting(&client).await;
    })
    .await;
}

/// Issue 17: a phone number that sign-up did not verify (its code went by
/// email) is verified from the account page with a code by text.
#[tokio::test]
async fn an_unverified_phone_number_is_verified_by_text_from_the_account_page() {
    let stack = essentials();
    let email = unique_email("phone");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let phone = format!("+1555{:07}", nanos % 10_000_000);
    let signed_up = cognito(
        &stack,
        "SignUp",
        serde_json::json!({
            "ClientId": stack.user_pool_client_id,
            "Username": email,
            "Password": PASSWORD,
            "UserAttributes": [{"Name": "email", "Value": email},
                               {"Name": "phone_number", "Value": phone}]
        }),
    );
    assert_eq!(signed_up.status, 200, "SignUp: {}", signed_up.body);
    let confirmed = cognito(
        &stack,
        "ConfirmSignUp",
        serde_json::json!({"ClientId": stack.user_pool_client_id, "Username": email,
                           "ConfirmationCode": code_sent_to(&stack, &email)}),
    );
    assert_eq!(confirmed.status, 200, "ConfirmSignUp: {}", confirmed.body);
    with_browser(move |client| async move {
        sign_in_with_password(&client, &stack, &email).await;
        wait_for_text(&client, "#account-phone", &phone).await;
        assert!(text(&client, ".account").await.contains("not verified"));
        click_button(&client, "Verify your phone number").await;
        wait_for_path(&client, "/account/email").await;
        wait_for_text(&client, "h1", "Verify your phone number").await;
        let code = code_sent_to(&stack, &phone);
        fill(&client, "code", &code).await;
        click_css(&client, "form:has(#code) button[type=submit]").await;
        wait_for_text(&client, "[role=status]", "Your phone number is verified.").await;
        assert_eq!(path(&client).await, "/");
        // The renewed ID token says so: nothing left to verify.
        eventually("the phone number shown verified", || async {
            (!text(&client, ".account").await.contains("not verified")).then_some(())
        })
        .await;
        assert_clean(&client, &[&code]).await;
    })
    .await;
}
