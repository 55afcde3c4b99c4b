//! The journey in the page: pages send what Cognito answered and the
//! journey moves them on, the address bar and the back and forward
//! buttons follow, and what is on screen follows a language switch.

use cognito_signin::config::AppConfig;
use cognito_signin::flow::identity;
use cognito_signin::i18n::{self, LanguagePicker, languages};
use cognito_signin::ui::app::Pages;
use cognito_signin::web::storage;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlButtonElement, HtmlInputElement};

use crate::pages::{
    CONFIG, find, mount_at, mount_view_at, path, submit_button, submit_sign_in, text,
    tokens_answer, type_into,
};
use crate::support::*;

fn history() -> web_sys::History {
    web_sys::window().unwrap().history().unwrap()
}

fn email_value() -> String {
    find("#email")
        .unwrap()
        .unchecked_into::<HtmlInputElement>()
        .value()
}

#[wasm_bindgen_test]
async fn a_language_switch_re_renders_every_alert_and_notice_on_screen() {
    storage::clear();
    install_fetch_stub();
    let config: &'static AppConfig = Box::leak(Box::new(AppConfig::parse(CONFIG).unwrap()));
    let _app = mount_view_at("/two-step", move || {
        view! { <LanguagePicker/> <Pages config/> }
    })
    .await;
    let (en, fr) = (&languages()[0], &languages()[1]);
    assert_eq!(path(), "/signin");
    assert_eq!(
        text("[role=status]"),
        identity::fill_noun(en, en.two_step_no_challenge)
    );

    // A form's own check, in the alert.
    submit_button().click();
    settle().await;
    assert_eq!(text("[role=alert]"), en.email_missing);
    i18n::choose(1);
    settle().await;
    assert_eq!(
        text("[role=status]"),
        identity::fill_noun(fr, fr.two_step_no_challenge)
    );
    assert_eq!(text("[role=alert]"), fr.email_missing);

    // Cognito's refusal, in the alert; then back to English.
    type_into("email", "ana@example.com");
    type_into("password", "Passw0rd!");
    submit_button().click();
    wait_for("the sign-in request", || waiting_count() == 1).await;
    answer_next(
        400,
        r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#,
        None,
    );
    wait_for("the alert", || {
        text("[role=alert]") == identity::fill_noun(fr, fr.incorrect_credentials)
    })
    .await;
    i18n::choose(0);
    settle().await;
    assert_eq!(
        text("[role=alert]"),
        identity::fill_noun(en, en.incorrect_credentials)
    );
    assert_eq!(
        text("[role=status]"),
        identity::fill_noun(en, en.two_step_no_challenge)
    );
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item("cognito-signin.language")
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_filled_message_re_renders_with_its_value() {
    storage::clear();
    install_fetch_stub();
    let _app = mount_at("/confirm").await;
    type_into("email", "ana@example.com");
    find("#resend")
        .unwrap()
        .unchecked_into::<HtmlButtonElement>()
        .click();
    wait_for("ResendConfirmationCode", || waiting_count() == 1).await;
    answer_next(
        200,
        r#"{"CodeDeliveryDetails":{"Destination":"a***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}}"#,
        None,
    );
    let (en, fr) = (&languages()[0], &languages()[1]);
    let notice = |m: &cognito_signin::i18n::Messages| m.code_resent.replace("{}", "a***@e***");
    wait_for("the notice", || text("[role=status]") == notice(en)).await;
    i18n::choose(1);
    settle().await;
    assert_eq!(text("[role=status]"), notice(fr));
    i18n::choose(0);
    settle().await;
    assert_eq!(text("[role=status]"), notice(en));
}

#[wasm_bindgen_test]
async fn back_from_the_code_page_forgets_the_challenge_and_forward_says_so() {
    let _app = submit_sign_in().await;
    answer_next(
        200,
        r#"{"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"mfa-session","ChallengeParameters":{}}"#,
        None,
    );
    wait_for("the two-step page", || path() == "/two-step").await;
    history().back().unwrap();
    wait_for("the sign-in page", || {
        path() == "/signin" && find("#password").is_some()
    })
    .await;
    assert_eq!(
        email_value(),
        "ana@example.com",
        "the email is carried back"
    );
    history().forward().unwrap();
    wait_for("the notice", || {
        text("[role=status]")
            == identity::fill_noun(&languages()[0], languages()[0].two_step_no_challenge)
    })
    .await;
    assert_eq!(
        path(),
        "/signin",
        "the challenge is gone: back to the password"
    );
    assert!(find("#code").is_none());
}

#[wasm_bindgen_test]
async fn signed_in_back_to_the_sign_in_address_stays_on_the_account() {
    let _app = submit_sign_in().await;
    answer_next(200, &tokens_answer("ana@example.com"), None);
    wait_for("the account page", || {
        path() == "/" && find("#account-email").is_some()
    })
    .await;
    // The account page calls the API; leave that call waiting.
    history()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/signin"))
        .unwrap();
    let pop = web_sys::PopStateEvent::new("popstate").unwrap();
    web_sys::window().unwrap().dispatch_event(&pop).unwrap();
    wait_for("the address put back", || path() == "/").await;
    assert!(find("#account-email").is_some(), "still the account page");
    storage::clear();
}

#[wasm_bindgen_test]
async fn a_required_reset_goes_to_the_reset_with_the_email_and_a_notice() {
    let _app = submit_sign_in().await;
    answer_next(
        400,
        r#"{"__type":"PasswordResetRequiredException","message":"Password reset required for the user"}"#,
        None,
    );
    wait_for("the reset page", || path() == "/forgot-password").await;
    assert_eq!(
        text("[role=status]"),
        languages()[0].password_reset_required
    );
    assert_eq!(email_value(), "ana@example.com");
}

#[wasm_bindgen_test]
async fn a_code_challenge_after_the_new_password_goes_to_the_code() {
    let _app = submit_sign_in().await;
    answer_next(
        200,
        r#"{"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"first","ChallengeParameters":{"USERNAME":"6c1b8a9e"}}"#,
        None,
    );
    wait_for("the new-password page", || path() == "/new-password").await;
    type_into("password", "N3w-password!");
    type_into("confirm-password", "N3w-password!");
    submit_button().click();
    wait_for("RespondToAuthChallenge", || waiting_count() == 1).await;
    answer_next(
        200,
        r#"{"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"second","ChallengeParameters":{"USERNAME":"6c1b8a9e"}}"#,
        None,
    );
    wait_for("the two-step page", || path() == "/two-step").await;
    type_into("code", "123456");
    submit_button().click();
    wait_for("the code's answer", || waiting_count() == 1).await;
    let body: serde_json::Value = serde_json::from_str(&field(&fetch_call(2), "body")).unwrap();
    assert_eq!(body["Session"], "second");
    assert_eq!(body["ChallengeResponses"]["USERNAME"], "6c1b8a9e");
    answer_next(200, &tokens_answer("ana@example.com"), None);
    wait_for("the account page", || path() == "/").await;
    assert!(storage::load().is_some());
    storage::clear();
}

#[wasm_bindgen_test]
async fn resending_to_a_confirmed_account_goes_to_the_password() {
    storage::clear();
    install_fetch_stub();
    let _app = mount_at("/confirm").await;
    type_into("email", "ana@example.com");
    find("#resend")
        .unwrap()
        .unchecked_into::<HtmlButtonElement>()
        .click();
    wait_for("ResendConfirmationCode", || waiting_count() == 1).await;
    answer_next(
        400,
        r#"{"__type":"InvalidParameterException","message":"User is already confirmed."}"#,
        None,
    );
    wait_for("the sign-in page", || path() == "/signin").await;
    assert_eq!(
        text("[role=status]"),
        languages()[0].already_confirmed_sign_in
    );
    assert_eq!(email_value(), "ana@example.com");
}
