//! The account's settings in the page, `fetch` stubbed: changing the
//! password with the access token, and deleting the account once
//! confirmed.

use cognito_signin::web::storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

use crate::pages::{find, mount_at, path, store_session, submit_button, text, type_into};
use crate::support::*;

/// Signed in on `page`, the account page's API call left waiting.
async fn signed_in_at(page: &str) -> impl Drop {
    storage::clear();
    store_session(epoch_in(3600));
    install_fetch_stub();
    mount_at(page).await
}

#[wasm_bindgen_test]
async fn a_wrong_current_password_is_said_then_the_right_one_changes_it() {
    let _app = signed_in_at("/account/password").await;
    assert_eq!(text("h1"), "Change your password");
    type_into("current-password", "Passw0rd!");
    type_into("password", "short");
    type_into("confirm-password", "short");
    submit_button().click();
    settle().await;
    assert!(
        text("[role=alert]").contains("rules"),
        "{}",
        text("[role=alert]")
    );
    assert_eq!(fetch_calls(), 0, "nothing sent");

    type_into("password", "N3w-password!");
    type_into("confirm-password", "N3w-password!");
    submit_button().click();
    wait_for("ChangePassword", || waiting_count() == 1).await;
    assert_eq!(
        field(&fetch_call(0), "target"),
        "AWSCognitoIdentityProviderService.ChangePassword"
    );
    assert_eq!(body(0)["PreviousPassword"], "Passw0rd!");
    assert_eq!(body(0)["ProposedPassword"], "N3w-password!");
    assert_eq!(body(0)["AccessToken"], "access");
    answer_next(
        400,
        r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#,
        None,
    );
    wait_for("the alert", || {
        text("[role=alert]") == "Your current password is not right."
    })
    .await;
    assert_eq!(path(), "/account/password");

    submit_button().click();
    wait_for("a second ChangePassword", || waiting_count() == 1).await;
    answer_next(200, "{}", None);
    wait_for("the account page", || path() == "/").await;
    wait_for("the notice", || {
        text("[role=status]").contains("password is changed")
    })
    .await;
    assert!(storage::load().is_some(), "still signed in");
    storage::clear();
}

#[wasm_bindgen_test]
async fn the_account_is_deleted_only_once_confirmed() {
    let _app = signed_in_at("/account/delete").await;
    submit_button().click();
    settle().await;
    assert!(text("[role=alert]").contains("Tick the box"));
    assert_eq!(fetch_calls(), 0, "nothing sent");
    let tick: HtmlInputElement = find("#confirm-delete").unwrap().unchecked_into();
    tick.click();
    submit_button().click();
    wait_for("DeleteUser", || waiting_count() == 1).await;
    assert_eq!(
        field(&fetch_call(0), "target"),
        "AWSCognitoIdentityProviderService.DeleteUser"
    );
    assert_eq!(body(0)["AccessToken"], "access");
    answer_next(200, "", None);
    wait_for("the sign-in page", || path() == "/signin").await;
    assert_eq!(text("[role=status]"), "Your account is deleted.");
    assert!(storage::load().is_none());
}

#[wasm_bindgen_test]
async fn signed_out_the_settings_go_to_the_sign_in() {
    storage::clear();
    let _app = mount_at("/account/delete").await;
    assert_eq!(path(), "/signin");
}

#[wasm_bindgen_test]
async fn a_new_email_is_used_once_its_code_is_in() {
    let _app = signed_in_at("/account/email").await;
    type_into("email", "taken@example.com");
    submit_button().click();
    wait_for("UpdateUserAttributes", || waiting_count() == 1).await;
    assert_eq!(
        field(&fetch_call(0), "target"),
        "AWSCognitoIdentityProviderService.UpdateUserAttributes"
    );
    assert_eq!(
        body(0)["UserAttributes"],
        serde_json::json!([{"Name": "email", "Value": "taken@example.com"}])
    );
    assert_eq!(body(0)["AccessToken"], "access");
    answer_next(
        400,
        r#"{"__type":"AliasExistsException","message":"An account with the given email already exists."}"#,
        None,
    );
    wait_for("the alert", || {
        text("[role=alert]").contains("already used")
    })
    .await;

    type_into("email", "new@example.com");
    submit_button().click();
    wait_for("a second UpdateUserAttributes", || waiting_count() == 1).await;
    answer_next(
        200,
        r#"{"CodeDeliveryDetailsList":[{"Destination":"n***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}]}"#,
        None,
    );
    wait_for("the code field", || find("#code").is_some()).await;
    assert!(text(".hint").contains("n***@e***"));
    type_into("code", "123456");
    submit_button().click();
    wait_for("VerifyUserAttribute", || waiting_count() == 1).await;
    assert_eq!(
        field(&fetch_call(2), "target"),
        "AWSCognitoIdentityProviderService.VerifyUserAttribute"
    );
    assert_eq!(body(2)["AttributeName"], "email");
    assert_eq!(body(2)["Code"], "123456");
    answer_next(200, "{}", None);
    wait_for("the account page", || path() == "/").await;
    wait_for("the notice", || {
        text("[role=status]").contains("email is changed")
    })
    .await;
    storage::clear();
}

#[wasm_bindgen_test]
async fn an_unverified_phone_number_is_verified_by_text_from_the_account_page() {
    storage::clear();
    // A username pool's person: a verified email and a phone number not
    // verified yet.
    let header = base64url(br#"{"kid":"dummy","alg":"RS256"}"#);
    let claims = format!(
        r#"{{"sub":"6c1b8a9e","email":"ana@example.com","email_verified":true,"phone_number":"+14155550123","phone_number_verified":false,"token_use":"id","aud":"client123","exp":{}}}"#,
        epoch_in(3600)
    );
    let token = format!("{header}.{}.sig", base64url(claims.as_bytes()));
    let session =
        cognito_signin::flow::session::Session::from_tokens(token, "access".into(), None).unwrap();
    storage::save(&session);
    install_fetch_stub();
    let _app = mount_at("/").await;
    wait_for("the API call", || waiting_count() == 1).await;
    answer_next(200, r#""Hello from Lambda!""#, None);
    wait_for("the phone number", || {
        text("#account-phone") == "+14155550123"
    })
    .await;
    assert_eq!(text("#account-email"), "ana@example.com");
    crate::pages::button("Verify your phone number").click();
    wait_for("GetUserAttributeVerificationCode", || waiting_count() == 1).await;
    assert_eq!(body(1)["AttributeName"], "phone_number");
    answer_next(
        200,
        r#"{"CodeDeliveryDetails":{"Destination":"+*******0123","DeliveryMedium":"SMS","AttributeName":"phone_number"}}"#,
        None,
    );
    wait_for("the code field", || find("#code").is_some()).await;
    assert_eq!(text("h1"), "Verify your phone number");
    assert!(text(".hint").contains("texted"), "{}", text(".hint"));
    type_into("code", "123456");
    submit_button().click();
    wait_for("VerifyUserAttribute", || waiting_count() == 1).await;
    assert_eq!(body(2)["AttributeName"], "phone_number");
    assert_eq!(body(2)["Code"], "123456");
    answer_next(200, "{}", None);
    wait_for("the notice", || {
        text("[role=status]") == "Your phone number is verified."
    })
    .await;
    assert_eq!(path(), "/");
    storage::clear();
}

#[wasm_bindgen_test]
async fn an_unverified_email_is_verified_from_the_account_page() {
    storage::clear();
    let unverified = cognito_signin::flow::session::Session::from_tokens(
        id_token_verified("ana@example.com", epoch_in(3600), "id", false),
        "access".into(),
        None,
    )
    .unwrap();
    storage::save(&unverified);
    install_fetch_stub();
    let _app = mount_at("/").await;
    wait_for("the API call", || waiting_count() == 1).await;
    answer_next(200, r#""Hello from Lambda!""#, None);
    wait_for("the email's state", || {
        text(".account dd").contains("(not verified)")
    })
    .await;
    crate::pages::button("Verify your email").click();
    wait_for("GetUserAttributeVerificationCode", || waiting_count() == 1).await;
    assert_eq!(
        field(&fetch_call(1), "target"),
        "AWSCognitoIdentityProviderService.GetUserAttributeVerificationCode"
    );
    assert_eq!(body(1)["AttributeName"], "email");
    assert_eq!(body(1)["AccessToken"], "access");
    answer_next(
        200,
        r#"{"CodeDeliveryDetails":{"Destination":"a***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}}"#,
        None,
    );
    wait_for("the code field", || find("#code").is_some()).await;
    assert_eq!(path(), "/account/email");
    assert!(text(".hint").contains("a***@e***"));
    type_into("code", "123456");
    submit_button().click();
    wait_for("VerifyUserAttribute", || waiting_count() == 1).await;
    assert_eq!(body(2)["AttributeName"], "email");
    answer_next(200, "{}", None);
    wait_for("the notice", || {
        text("[role=status]") == "Your email is verified."
    })
    .await;
    assert_eq!(path(), "/");
    storage::clear();
}

#[wasm_bindgen_test]
async fn an_authenticator_app_is_set_up_from_the_account_and_turned_off() {
    let _app = signed_in_at("/account/two-step").await;
    wait_for("GetUser", || waiting_count() == 1).await;
    assert_eq!(
        field(&fetch_call(0), "target"),
        "AWSCognitoIdentityProviderService.GetUser"
    );
    answer_next(200, r#"{"Username":"u","UserAttributes":[]}"#, None);
    wait_for("the status", || {
        text("#app-status").contains("No authenticator app")
    })
    .await;
    crate::pages::button("Set up an authenticator app").click();
    wait_for("AssociateSoftwareToken", || waiting_count() == 1).await;
    assert_eq!(body(1)["AccessToken"], "access");
    answer_next(200, r#"{"SecretCode":"JBSWY3DPEHPK3PXP"}"#, None);
    wait_for("the key", || find("#app-key").is_some()).await;
    assert_eq!(text("#app-key"), "JBSW Y3DP EHPK 3PXP");
    type_into("code", "000000");
    submit_button().click();
    wait_for("VerifySoftwareToken", || waiting_count() == 1).await;
    assert_eq!(body(2)["UserCode"], "000000");
    answer_next(
        400,
        r#"{"__type":"EnableSoftwareTokenMFAException","message":"Code mismatch"}"#,
        None,
    );
    wait_for("the alert", || {
        text("[role=alert]").contains("account you just added")
    })
    .await;
    type_into("code", "123456");
    submit_button().click();
    wait_for("the second VerifySoftwareToken", || waiting_count() == 1).await;
    answer_next(200, r#"{"Status":"SUCCESS"}"#, None);
    wait_for("SetUserMFAPreference", || waiting_count() == 1).await;
    assert_eq!(
        body(4)["SoftwareTokenMfaSettings"],
        serde_json::json!({"Enabled": true, "PreferredMfa": true})
    );
    answer_next(200, "{}", None);
    wait_for("GetUser again", || waiting_count() == 1).await;
    answer_next(
        200,
        r#"{"UserMFASettingList":["SOFTWARE_TOKEN_MFA","EMAIL_OTP"],"PreferredMfaSetting":"SOFTWARE_TOKEN_MFA"}"#,
        None,
    );
    wait_for("the status", || {
        text("#app-status").contains("ask for your authenticator")
    })
    .await;
    assert!(text("[role=status]").contains("The authenticator app is on"));
    assert!(text(".factors").contains("(asked for first)"));
    crate::pages::button("Ask for this first").click();
    wait_for("SetUserMFAPreference for email", || waiting_count() == 1).await;
    assert_eq!(
        body(6)["EmailMfaSettings"],
        serde_json::json!({"Enabled": true, "PreferredMfa": true})
    );
    answer_next(200, "{}", None);
    wait_for("GetUser once more", || waiting_count() == 1).await;
    answer_next(
        200,
        r#"{"UserMFASettingList":["SOFTWARE_TOKEN_MFA","EMAIL_OTP"],"PreferredMfaSetting":"EMAIL_OTP"}"#,
        None,
    );
    wait_for("the saved notice", || {
        text("[role=status]").contains("Saved")
    })
    .await;
    // The settings reload after the notice: the buttons wait for it.
    let turn_off = || crate::pages::button("Turn off the authenticator app");
    wait_for("the settings reloaded", || !turn_off().disabled()).await;
    turn_off().click();
    wait_for("SetUserMFAPreference off", || waiting_count() == 1).await;
    assert_eq!(
        body(8)["SoftwareTokenMfaSettings"],
        serde_json::json!({"Enabled": false, "PreferredMfa": false})
    );
    storage::clear();
}
