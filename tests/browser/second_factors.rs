//! Every second factor in the page, `fetch` stubbed: the code sent by text,
//! a choice between factors, and an authenticator app set up during sign-in
//! (MFA_SETUP).

use cognito_signin::web::storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlButtonElement;

use crate::pages::{find, path, submit_button, submit_sign_in, text, tokens_answer, type_into};
use crate::support::*;

fn target(index: u32) -> String {
    field(&fetch_call(index), "target")
}

fn buttons() -> Vec<HtmlButtonElement> {
    let found = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .query_selector_all("#app-under-test .actions button")
        .unwrap();
    (0..found.length())
        .map(|i| found.item(i).unwrap().unchecked_into())
        .collect()
}

#[wasm_bindgen_test]
async fn a_choice_of_factors_then_the_texted_code_signs_in() {
    let _app = submit_sign_in().await;
    answer_next(
        200,
        r#"{"ChallengeName":"SELECT_MFA_TYPE","Session":"choose","ChallengeParameters":{"USERNAME":"6c1b8a9e","MFAS_CAN_CHOOSE":"[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]"}}"#,
        None,
    );
    wait_for("the choice", || buttons().len() == 2).await;
    assert_eq!(path(), "/two-step");
    let labels: Vec<String> = buttons()
        .iter()
        .map(|b| b.text_content().unwrap_or_default().trim().to_owned())
        .collect();
    assert_eq!(labels, ["Authenticator app", "Text message"]);
    buttons()[1].click();
    wait_for("SELECT_MFA_TYPE's answer", || waiting_count() == 1).await;
    assert_eq!(body(1)["ChallengeName"], "SELECT_MFA_TYPE");
    assert_eq!(body(1)["Session"], "choose");
    assert_eq!(body(1)["ChallengeResponses"]["ANSWER"], "SMS_MFA");
    assert_eq!(body(1)["ChallengeResponses"]["USERNAME"], "6c1b8a9e");
    answer_next(
        200,
        r#"{"ChallengeName":"SMS_MFA","Session":"texted","ChallengeParameters":{"USERNAME":"6c1b8a9e","CODE_DELIVERY_DELIVERY_MEDIUM":"SMS","CODE_DELIVERY_DESTINATION":"+*******0100"}}"#,
        None,
    );
    wait_for("the code field", || find("#code").is_some()).await;
    assert_eq!(
        text(".hint"),
        "We texted a code to +*******0100. Enter it below."
    );
    type_into("code", "000000");
    submit_button().click();
    wait_for("SMS_MFA's answer", || waiting_count() == 1).await;
    assert_eq!(body(2)["ChallengeName"], "SMS_MFA");
    assert_eq!(body(2)["ChallengeResponses"]["SMS_MFA_CODE"], "000000");
    answer_next(
        400,
        r#"{"__type":"CodeMismatchException","message":"Invalid code or auth state for the user."}"#,
        None,
    );
    wait_for("the alert", || !text("[role=alert]").is_empty()).await;
    assert!(
        !text("[role=alert]").contains("authenticator app"),
        "a texted code is not the app's: {}",
        text("[role=alert]")
    );
    type_into("code", "123456");
    submit_button().click();
    wait_for("the second answer", || waiting_count() == 1).await;
    answer_next(200, &tokens_answer("ana@example.com"), None);
    wait_for("the account page", || path() == "/").await;
    assert!(storage::load().is_some());
    storage::clear();
}

#[wasm_bindgen_test]
async fn an_authenticator_app_is_set_up_during_sign_in() {
    let _app = submit_sign_in().await;
    answer_next(
        200,
        r#"{"ChallengeName":"MFA_SETUP","Session":"set-up","ChallengeParameters":{"USERNAME":"6c1b8a9e","MFAS_CAN_SETUP":"[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]"}}"#,
        None,
    );
    wait_for("AssociateSoftwareToken", || {
        waiting_count() == 1 && fetch_calls() == 2
    })
    .await;
    assert_eq!(path(), "/set-up-two-step");
    assert_eq!(
        target(1),
        "AWSCognitoIdentityProviderService.AssociateSoftwareToken"
    );
    assert_eq!(body(1)["Session"], "set-up");
    assert!(body(1).get("AccessToken").is_none());
    answer_next(
        200,
        r#"{"SecretCode":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP","Session":"associated"}"#,
        None,
    );
    wait_for("the key", || find("#app-key").is_some()).await;
    assert_eq!(text("#app-key"), "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");
    let qr = find(".qr").expect("the QR code");
    assert_eq!(
        qr.get_attribute("aria-label").as_deref(),
        Some("QR code for your authenticator app")
    );
    let path_data = find(".qr path").unwrap().get_attribute("d").unwrap();
    assert!(path_data.matches('M').count() > 100, "a QR code's modules");

    type_into("code", "111111");
    submit_button().click();
    wait_for("VerifySoftwareToken", || waiting_count() == 1).await;
    assert_eq!(
        target(2),
        "AWSCognitoIdentityProviderService.VerifySoftwareToken"
    );
    assert_eq!(body(2)["Session"], "associated");
    assert_eq!(body(2)["UserCode"], "111111");
    answer_next(
        400,
        r#"{"__type":"EnableSoftwareTokenMFAException","message":"Code mismatch and fail enable Software Token MFA"}"#,
        None,
    );
    wait_for("the alert", || {
        text("[role=alert]").contains("account you just added")
    })
    .await;

    type_into("code", "222222");
    submit_button().click();
    wait_for("the second VerifySoftwareToken", || waiting_count() == 1).await;
    answer_next(200, r#"{"Status":"SUCCESS","Session":"verified"}"#, None);
    wait_for("MFA_SETUP's answer", || {
        waiting_count() == 1 && fetch_calls() == 5
    })
    .await;
    assert_eq!(
        target(4),
        "AWSCognitoIdentityProviderService.RespondToAuthChallenge"
    );
    assert_eq!(body(4)["ChallengeName"], "MFA_SETUP");
    assert_eq!(body(4)["Session"], "verified");
    assert_eq!(
        body(4)["ChallengeResponses"],
        serde_json::json!({"USERNAME": "6c1b8a9e"})
    );
    answer_next(200, &tokens_answer("ana@example.com"), None);
    wait_for("the account page", || path() == "/").await;
    assert!(storage::load().is_some());
    storage::clear();
}

#[wasm_bindgen_test]
async fn a_key_that_could_not_be_had_can_be_asked_for_again() {
    let _app = submit_sign_in().await;
    answer_next(
        200,
        r#"{"ChallengeName":"MFA_SETUP","Session":"set-up","ChallengeParameters":{"MFAS_CAN_SETUP":"[\"SOFTWARE_TOKEN_MFA\"]"}}"#,
        None,
    );
    wait_for("AssociateSoftwareToken", || {
        waiting_count() == 1 && fetch_calls() == 2
    })
    .await;
    fail_next();
    wait_for("the alert", || !text("[role=alert]").is_empty()).await;
    assert!(find("#app-key").is_none());
    let again: HtmlButtonElement = find(".card > button").unwrap().unchecked_into();
    assert_eq!(again.text_content().unwrap().trim(), "Try again");
    again.click();
    wait_for("a second AssociateSoftwareToken", || waiting_count() == 1).await;
    assert_eq!(body(2)["Session"], "set-up");
    answer_next(
        200,
        r#"{"SecretCode":"JBSWY3DPEHPK3PXP","Session":"associated"}"#,
        None,
    );
    wait_for("the key", || find("#app-key").is_some()).await;
    assert!(text("[role=alert]").is_empty(), "the old alert is gone");
}

#[wasm_bindgen_test]
async fn codes_by_email_are_set_up_instead_of_an_app() {
    let _app = submit_sign_in().await;
    answer_next(
        200,
        r#"{"ChallengeName":"MFA_SETUP","Session":"set-up","ChallengeParameters":{"USERNAME":"6c1b8a9e","MFAS_CAN_SETUP":"[\"SOFTWARE_TOKEN_MFA\",\"EMAIL_OTP\"]"}}"#,
        None,
    );
    wait_for("AssociateSoftwareToken", || waiting_count() == 1).await;
    answer_next(
        200,
        r#"{"SecretCode":"JBSWY3DPEHPK3PXP","Session":"associated"}"#,
        None,
    );
    wait_for("the key", || find("#app-key").is_some()).await;
    crate::pages::button("Use codes by email instead").click();
    wait_for("the email form", || find("#email").is_some()).await;
    assert!(find("#app-key").is_none());
    assert!(
        text(".hint").contains("email you a code"),
        "{}",
        text(".hint")
    );
    // The address they signed in with is offered.
    let email: web_sys::HtmlInputElement = find("#email").unwrap().unchecked_into();
    assert_eq!(email.value(), "ana@example.com");
    submit_button().click();
    wait_for("MFA_SETUP's answer", || waiting_count() == 1).await;
    assert_eq!(
        target(2),
        "AWSCognitoIdentityProviderService.RespondToAuthChallenge"
    );
    assert_eq!(body(2)["ChallengeName"], "MFA_SETUP");
    assert_eq!(body(2)["Session"], "associated");
    assert_eq!(
        body(2)["ChallengeResponses"],
        serde_json::json!({"USERNAME": "6c1b8a9e", "EMAIL": "ana@example.com"})
    );
    answer_next(
        200,
        r#"{"ChallengeName":"EMAIL_OTP","Session":"first-code","ChallengeParameters":{"USERNAME":"6c1b8a9e","CODE_DELIVERY_DESTINATION":"a***@e***.com","CODE_DELIVERY_DELIVERY_MEDIUM":"EMAIL"}}"#,
        None,
    );
    wait_for("the code page", || path() == "/two-step").await;
    assert!(text(".hint").contains("a***@e***.com"), "{}", text(".hint"));
    type_into("code", "12345678");
    submit_button().click();
    wait_for("the first code's answer", || waiting_count() == 1).await;
    assert_eq!(body(3)["ChallengeName"], "EMAIL_OTP");
    assert_eq!(body(3)["ChallengeResponses"]["EMAIL_OTP_CODE"], "12345678");
    answer_next(200, &tokens_answer("ana@example.com"), None);
    wait_for("the account page", || path() == "/").await;
    storage::clear();
}
