//! "Send a new code" on the confirm page, with `fetch` stubbed: the request,
//! the countdown that follows, and a refusal explained with the button
//! usable again.

use cognito_signin::web::storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlButtonElement;

use crate::pages::{find, mount_at, text, type_into};
use crate::support::*;

fn resend_button() -> HtmlButtonElement {
    find("#resend").unwrap().unchecked_into()
}

#[wasm_bindgen_test]
async fn a_new_code_is_sent_and_the_next_waits_with_a_countdown() {
    storage::clear();
    install_fetch_stub();
    let _app = mount_at("/confirm").await;
    assert!(!resend_button().disabled(), "no code was just sent");
    type_into("email", "ana@example.com");
    resend_button().click();
    wait_for("ResendConfirmationCode", || waiting_count() == 1).await;
    let call = fetch_call(0);
    assert_eq!(
        field(&call, "target"),
        "AWSCognitoIdentityProviderService.ResendConfirmationCode"
    );
    let body: serde_json::Value = serde_json::from_str(&field(&call, "body")).unwrap();
    assert_eq!(body["Username"], "ana@example.com");
    assert_eq!(body["ClientId"], "client123");
    answer_next(
        200,
        r#"{"CodeDeliveryDetails":{"Destination":"a***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}}"#,
        None,
    );
    wait_for("the notice", || {
        text("[role=status]").contains("We sent a new code to a***@e***")
    })
    .await;
    assert!(resend_button().disabled());
    let label = resend_button().text_content().unwrap_or_default();
    assert!(
        label.starts_with("Send a new code (") && label.ends_with(" s)"),
        "{label}"
    );

    // A second click during the countdown sends nothing.
    resend_button().click();
    settle().await;
    assert_eq!(fetch_calls(), 1);
}

#[wasm_bindgen_test]
async fn a_refused_resend_is_explained_and_can_be_tried_again() {
    storage::clear();
    install_fetch_stub();
    let _app = mount_at("/confirm").await;
    type_into("email", "ana@example.com");
    resend_button().click();
    wait_for("ResendConfirmationCode", || waiting_count() == 1).await;
    answer_next(
        400,
        r#"{"__type":"LimitExceededException","message":"Attempt limit exceeded, please try after some time."}"#,
        None,
    );
    wait_for("the alert", || {
        text("[role=alert]").contains("You have tried this too often")
    })
    .await;
    assert!(!resend_button().disabled(), "no countdown after a refusal");

    // Without an email there is nothing to send: said so, nothing sent.
    type_into("email", "");
    resend_button().click();
    settle().await;
    assert_eq!(fetch_calls(), 1);
    assert!(text("[role=alert]").contains("Enter your email address"));
}
