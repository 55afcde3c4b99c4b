//! Choice-based sign-in (`USER_AUTH`) in the page, `fetch` stubbed: the
//! identifier first, then the person's ways; a way that fails brings the
//! choice back on a new session; sign-up without a password, signed in by
//! the confirmation's session; the passkeys page.

use cognito_signin::config::AppConfig;
use cognito_signin::ui::app::Pages;
use cognito_signin::web::{passkey, storage};
use js_sys::Reflect;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::pages::{find, mount_view_at, path, submit_button, text, tokens_answer, type_into};
use crate::support::*;

/// A pool with every way in, its app client with `ALLOW_USER_AUTH`.
const CHOICE: &str = r#"{"region":"us-east-1","userPoolId":"us-east-1_abc123","userPoolClientId":"client123","apiUrl":"http://127.0.0.1:9/api","cognitoEndpoint":"http://127.0.0.1:9/cognito/","firstAuthFactors":["PASSWORD","EMAIL_OTP","WEB_AUTHN"]}"#;

const SELECT: &str = r#"{"ChallengeName":"SELECT_CHALLENGE","Session":"choose-1","AvailableChallenges":["PASSWORD","PASSWORD_SRP","EMAIL_OTP","WEB_AUTHN"],"ChallengeParameters":{"USERNAME":"6c1b8a9e"}}"#;

async fn mount(at: &str) -> impl Drop {
    storage::clear();
    install_fetch_stub();
    let config: &'static AppConfig = Box::leak(Box::new(AppConfig::parse(CHOICE).unwrap()));
    mount_view_at(at, move || view! { <Pages config/> }).await
}

fn target(index: u32) -> String {
    field(&fetch_call(index), "target")
}

/// Whether the element is in the page and shown (the choice hides the
/// ways a new session does not offer).
fn offered(selector: &str) -> bool {
    find(selector).is_some_and(|e| {
        !e.has_attribute("hidden") && e.closest("[hidden]").ok().flatten().is_none()
    })
}

fn alert() -> String {
    text("[role=alert]")
}

/// Mounted, the identifier given and the choice answered with [`SELECT`].
async fn at_the_choice() -> impl Drop {
    let app = mount("/signin").await;
    assert!(find("#password").is_none(), "the identifier comes first");
    type_into("email", "ana@example.com");
    submit_button().click();
    wait_for("InitiateAuth", || waiting_count() == 1).await;
    assert_eq!(target(0), "AWSCognitoIdentityProviderService.InitiateAuth");
    assert_eq!(body(0)["AuthFlow"], "USER_AUTH");
    assert_eq!(body(0)["AuthParameters"]["USERNAME"], "ana@example.com");
    assert!(body(0)["AuthParameters"].get("PASSWORD").is_none());
    answer_next(200, SELECT, None);
    wait_for("the choice", || offered("#password")).await;
    app
}

#[wasm_bindgen_test]
async fn the_ways_offered_are_the_persons_and_a_wrong_password_brings_a_new_choice() {
    let _app = at_the_choice().await;
    assert_eq!(path(), "/signin");
    assert_eq!(text("h1"), "How do you want to sign in?");
    assert!(offered("#way-EMAIL_OTP"));
    assert!(offered("#way-WEB_AUTHN"));
    assert!(find("#way-SMS_OTP").is_none(), "not among the pool's");

    type_into("password", "Wr0ng-password");
    submit_button().click();
    wait_for("SELECT_CHALLENGE's answer", || waiting_count() == 1).await;
    assert_eq!(body(1)["ChallengeName"], "SELECT_CHALLENGE");
    assert_eq!(body(1)["Session"], "choose-1");
    let responses = &body(1)["ChallengeResponses"];
    assert_eq!(responses["ANSWER"], "PASSWORD");
    assert_eq!(responses["PASSWORD"], "Wr0ng-password");
    assert_eq!(responses["USERNAME"], "6c1b8a9e");
    answer_next(
        400,
        r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#,
        None,
    );
    // The session is spent: the choice again, on a new one.
    wait_for("a new InitiateAuth", || waiting_count() == 1).await;
    assert_eq!(body(2)["AuthFlow"], "USER_AUTH");
    // The new choice's ways are shown, not the old one's (a passkey
    // deleted meanwhile).
    let fewer = SELECT
        .replace("choose-1", "choose-2")
        .replace(r#","WEB_AUTHN""#, "");
    answer_next(200, &fewer, None);
    wait_for("the alert", || !alert().is_empty()).await;
    assert_eq!(alert(), "Incorrect email or password.");
    assert!(offered("#way-EMAIL_OTP"), "the other ways stay");
    assert!(!offered("#way-WEB_AUTHN"), "no longer offered");

    type_into("password", "Passw0rd!");
    submit_button().click();
    wait_for("the second answer", || waiting_count() == 1).await;
    assert_eq!(body(3)["Session"], "choose-2");
    answer_next(200, &tokens_answer("ana@example.com"), None);
    wait_for("the account page", || path() == "/").await;
    assert!(storage::load().is_some());
    storage::clear();
}

#[wasm_bindgen_test]
async fn a_code_by_email_signs_in_without_a_password() {
    let _app = at_the_choice().await;
    crate::pages::button("Email me a code").click();
    wait_for("SELECT_CHALLENGE's answer", || waiting_count() == 1).await;
    assert_eq!(body(1)["ChallengeResponses"]["ANSWER"], "EMAIL_OTP");
    assert!(body(1)["ChallengeResponses"].get("PASSWORD").is_none());
    answer_next(
        200,
        r#"{"ChallengeName":"EMAIL_OTP","Session":"code","ChallengeParameters":{"USERNAME":"6c1b8a9e","CODE_DELIVERY_DELIVERY_MEDIUM":"EMAIL","CODE_DELIVERY_DESTINATION":"a***@e***"}}"#,
        None,
    );
    wait_for("the code field", || find("#code").is_some()).await;
    assert_eq!(path(), "/two-step");
    assert!(text(".hint").contains("a***@e***"), "{}", text(".hint"));
    type_into("code", "12345678");
    submit_button().click();
    wait_for("EMAIL_OTP's answer", || waiting_count() == 1).await;
    assert_eq!(body(2)["ChallengeName"], "EMAIL_OTP");
    assert_eq!(body(2)["ChallengeResponses"]["EMAIL_OTP_CODE"], "12345678");
    answer_next(200, &tokens_answer("ana@example.com"), None);
    wait_for("the account page", || path() == "/").await;
    storage::clear();
}

/// Hides `PublicKeyCredential` as a browser without passkeys would, until
/// dropped.
struct NoPasskeys(JsValue);

impl NoPasskeys {
    fn new() -> Self {
        let global = js_sys::global();
        let class = Reflect::get(&global, &"PublicKeyCredential".into()).unwrap();
        Reflect::set(&global, &"PublicKeyCredential".into(), &JsValue::UNDEFINED).unwrap();
        assert!(!passkey::supported());
        Self(class)
    }
}

impl Drop for NoPasskeys {
    fn drop(&mut self) {
        let _ = Reflect::set(&js_sys::global(), &"PublicKeyCredential".into(), &self.0);
    }
}

#[wasm_bindgen_test]
async fn a_passkey_in_a_browser_without_them_says_so_and_keeps_the_other_ways() {
    let _app = at_the_choice().await;
    let _hidden = NoPasskeys::new();
    crate::pages::button("Use a passkey").click();
    wait_for("SELECT_CHALLENGE's answer", || waiting_count() == 1).await;
    assert_eq!(body(1)["ChallengeResponses"]["ANSWER"], "WEB_AUTHN");
    answer_next(
        200,
        r#"{"ChallengeName":"WEB_AUTHN","Session":"passkey","ChallengeParameters":{"USERNAME":"6c1b8a9e","CREDENTIAL_REQUEST_OPTIONS":"{\"challenge\":\"AAAA\",\"rpId\":\"localhost\",\"allowCredentials\":[],\"userVerification\":\"required\"}"}}"#,
        None,
    );
    wait_for("a new InitiateAuth", || waiting_count() == 1).await;
    assert_eq!(target(2), "AWSCognitoIdentityProviderService.InitiateAuth");
    answer_next(200, &SELECT.replace("choose-1", "choose-2"), None);
    wait_for("the alert", || !alert().is_empty()).await;
    assert!(alert().contains("cannot use passkeys"), "{}", alert());
    assert!(offered("#password") && offered("#way-EMAIL_OTP"));
    assert_eq!(fetch_calls(), 3, "nothing was answered with a passkey");
}

#[wasm_bindgen_test]
async fn a_passkey_preferred_that_the_person_lacks_offers_the_other_ways() {
    let _app = mount("/signin").await;
    type_into("email", "ana@example.com");
    crate::pages::button("Sign in with a passkey").click();
    wait_for("InitiateAuth", || waiting_count() == 1).await;
    assert_eq!(
        body(0)["AuthParameters"]["PREFERRED_CHALLENGE"],
        "WEB_AUTHN"
    );
    answer_next(200, SELECT, None);
    wait_for("the choice", || offered("#password")).await;
    assert!(
        text("[role=status]").contains("no passkey"),
        "{}",
        text("[role=status]")
    );
}

#[wasm_bindgen_test]
async fn sign_up_without_a_password_is_signed_in_by_the_confirmation() {
    let _app = mount("/signup").await;
    assert!(text("#password-optional").contains("optional"));
    type_into("email", "ana@example.com");
    submit_button().click();
    wait_for("SignUp", || waiting_count() == 1).await;
    assert_eq!(target(0), "AWSCognitoIdentityProviderService.SignUp");
    assert!(body(0).get("Password").is_none(), "{}", body(0));
    answer_next(
        200,
        r#"{"UserConfirmed":false,"UserSub":"6c1b8a9e","Session":"signed-up","CodeDeliveryDetails":{"Destination":"a***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}}"#,
        None,
    );
    wait_for("the code page", || path() == "/confirm").await;
    type_into("code", "123456");
    submit_button().click();
    wait_for("ConfirmSignUp", || waiting_count() == 1).await;
    assert_eq!(body(1)["Session"], "signed-up");
    answer_next(200, r#"{"Session":"confirmed"}"#, None);
    wait_for("the sign-in with it", || waiting_count() == 1).await;
    assert_eq!(body(2)["AuthFlow"], "USER_AUTH");
    assert_eq!(body(2)["Session"], "confirmed");
    assert_eq!(body(2)["AuthParameters"]["USERNAME"], "ana@example.com");
    answer_next(200, &tokens_answer("ana@example.com"), None);
    // Offered a passkey at once, the page listing none yet.
    wait_for("the passkeys page", || path() == "/account/passkeys").await;
    assert!(storage::load().is_some());
    assert!(text("[role=status]").contains("Add a passkey"));
    wait_for("the list", || waiting_count() == 1).await;
    assert_eq!(
        target(3),
        "AWSCognitoIdentityProviderService.ListWebAuthnCredentials"
    );
    assert_eq!(body(3)["AccessToken"], "access-token");
    answer_next(
        200,
        r#"{"Credentials":[{"CredentialId":"cred-1","FriendlyCredentialName":"Laptop","RelyingPartyId":"localhost","AuthenticatorTransports":["internal"],"CreatedAt":1764720000}]}"#,
        None,
    );
    wait_for("the passkey listed", || {
        text("#passkey-list").contains("Laptop")
    })
    .await;
    crate::pages::button("Delete").click();
    wait_for("DeleteWebAuthnCredential", || waiting_count() == 1).await;
    assert_eq!(body(4)["CredentialId"], "cred-1");
    answer_next(200, "{}", None);
    wait_for("the list again", || waiting_count() == 1).await;
    answer_next(200, r#"{"Credentials":[]}"#, None);
    wait_for("the list emptied", || {
        !text("#passkey-list").contains("Laptop")
    })
    .await;
    assert_eq!(text("[role=status]"), "Passkey deleted.");
    storage::clear();
}
