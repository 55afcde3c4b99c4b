//! Forgot password and NEW_PASSWORD_REQUIRED, with `fetch` stubbed.

use cognito_signin::web::storage;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::pages::{
    label_texts, mount_at, path, submit_button, submit_sign_in, text, tokens_answer, type_into,
};
use crate::support::*;

/// Requests a code and gets to the second step.
async fn request_code() -> impl Drop {
    storage::clear();
    install_fetch_stub();
    let app = mount_at("/forgot-password").await;
    assert_eq!(label_texts(), ["Email"]);
    type_into("email", "ana@example.com");
    submit_button().click();
    wait_for("ForgotPassword", || waiting_count() == 1).await;
    assert_eq!(
        field(&fetch_call(0), "target"),
        "AWSCognitoIdentityProviderService.ForgotPassword"
    );
    assert_eq!(body(0)["Username"], "ana@example.com");
    answer_next(
        200,
        r#"{"CodeDeliveryDetails":{"Destination":"a***@e***.com","DeliveryMedium":"EMAIL","AttributeName":"email"}}"#,
        None,
    );
    wait_for("the second step", || {
        text(".hint").contains("a***@e***.com")
    })
    .await;
    assert_eq!(
        label_texts(),
        ["Confirmation code", "New password", "Confirm new password"]
    );
    app
}

fn submit_reset(code: &str, password: &str) {
    type_into("code", code);
    type_into("password", password);
    type_into("confirm-password", password);
    submit_button().click();
}

#[wasm_bindgen_test]
async fn a_forgotten_password_is_reset_with_the_emailed_code() {
    let _app = request_code().await;
    submit_reset("123456", "N3w-password!");
    wait_for("ConfirmForgotPassword", || waiting_count() == 1).await;
    assert_eq!(body(1)["ConfirmationCode"], "123456");
    assert_eq!(body(1)["Password"], "N3w-password!");
    answer_next(200, "{}", None);
    wait_for("the sign-in page", || path() == "/signin").await;
    assert_eq!(
        text("[role=status]"),
        "Your password is changed. Sign in with the new one."
    );
}

#[wasm_bindgen_test]
async fn wrong_and_expired_codes_are_explained() {
    let _app = request_code().await;
    submit_reset("111111", "N3w-password!");
    wait_for("the request", || waiting_count() == 1).await;
    answer_next(
        400,
        r#"{"__type":"CodeMismatchException","message":"Invalid code"}"#,
        None,
    );
    let wrong = "That code is not right. Check the email we sent and try again.";
    wait_for(wrong, || text("[role=alert]") == wrong).await;

    submit_button().click();
    wait_for("the retry", || waiting_count() == 1).await;
    answer_next(
        400,
        r#"{"__type":"ExpiredCodeException","message":"Expired"}"#,
        None,
    );
    let expired = "That code has expired. Ask for a new one.";
    wait_for(expired, || text("[role=alert]") == expired).await;
    assert_eq!(path(), "/forgot-password");
}

#[wasm_bindgen_test]
async fn a_new_password_must_meet_the_policy() {
    let _app = request_code().await;
    submit_reset("123456", "weakpass");
    crate::support::settle().await;
    assert_eq!(
        text("[role=alert]"),
        "The password does not meet all the rules in the checklist."
    );
    assert_eq!(fetch_calls(), 1, "nothing sent");
}

#[wasm_bindgen_test]
async fn new_password_required_is_answered_and_signs_in() {
    let _app = submit_sign_in().await;
    answer_next(
        200,
        r#"{"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"challenge-session","ChallengeParameters":{}}"#,
        None,
    );
    wait_for("the new-password page", || path() == "/new-password").await;
    assert_eq!(label_texts(), ["New password", "Confirm new password"]);
    type_into("password", "N3w-password!");
    type_into("confirm-password", "N3w-password!");
    submit_button().click();
    wait_for("RespondToAuthChallenge", || waiting_count() == 1).await;
    assert_eq!(
        field(&fetch_call(1), "target"),
        "AWSCognitoIdentityProviderService.RespondToAuthChallenge"
    );
    assert_eq!(body(1)["Session"], "challenge-session");
    assert_eq!(body(1)["ChallengeResponses"]["USERNAME"], "ana@example.com");
    assert_eq!(
        body(1)["ChallengeResponses"]["NEW_PASSWORD"],
        "N3w-password!"
    );
    answer_next(200, &tokens_answer("ana@example.com"), None);
    wait_for("the account page", || path() == "/").await;
    assert!(storage::load().is_some());
}

#[wasm_bindgen_test]
async fn the_new_password_page_without_a_challenge_goes_back_to_the_password() {
    storage::clear();
    let _app = mount_at("/new-password").await;
    assert_eq!(path(), "/signin", "the challenge lived only in memory");
    assert_eq!(
        text("[role=status]"),
        "Sign in with your temporary password first."
    );
}
