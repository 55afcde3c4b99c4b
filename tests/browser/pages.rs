//! The pages mounted in a real browser, with `fetch` replaced by a stub that
//! holds each request until the test answers it.

use cognito_signin::config::AppConfig;
use cognito_signin::ui::app::Pages;
use cognito_signin::web::storage::{self, STORAGE_KEY};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement};

use crate::support::*;

/// The config the mounted pages run with.
pub(crate) const CONFIG: &str = r#"{"region":"us-east-1","userPoolId":"us-east-1_abc123","userPoolClientId":"client123","apiUrl":"http://127.0.0.1:9/api","cognitoEndpoint":"http://127.0.0.1:9/cognito/"}"#;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the routed app at `path` in a fresh container.
pub(crate) async fn mount_at(path: &str) -> impl Drop {
    let config: &'static AppConfig = Box::leak(Box::new(AppConfig::parse(CONFIG).unwrap()));
    mount_view_at(path, move || view! { <Pages config/> }).await
}

/// Mounts `app` at `path` in a fresh container.
pub(crate) async fn mount_view_at<V: IntoView + 'static>(
    path: &str,
    app: impl FnOnce() -> V + 'static,
) -> impl Drop {
    let history = web_sys::window().unwrap().history().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
    // Only our own container is replaced: the test runner reports through
    // its own element in the body.
    if let Some(old) = document().get_element_by_id("app-under-test") {
        old.remove();
    }
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    container.set_id("app-under-test");
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container, app);
    settle().await;
    handle
}

pub(crate) fn find(selector: &str) -> Option<Element> {
    document()
        .query_selector(&format!("#app-under-test {selector}"))
        .unwrap()
}

pub(crate) fn text(selector: &str) -> String {
    find(selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

pub(crate) fn label_texts() -> Vec<String> {
    let labels = document()
        .query_selector_all("#app-under-test label")
        .unwrap();
    (0..labels.length())
        .map(|i| labels.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

/// Types `value` into the input with this id, as a person would.
pub(crate) fn type_into(id: &str, value: &str) {
    let input: HtmlInputElement = find(&format!("#{id}")).unwrap().unchecked_into();
    input.set_value(value);
    let event = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
}

/// The button whose text is `label`.
pub(crate) fn button(label: &str) -> web_sys::HtmlButtonElement {
    let buttons = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .query_selector_all("#app-under-test button")
        .unwrap();
    (0..buttons.length())
        .map(|i| buttons.item(i).unwrap())
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no button {label:?}"))
        .unchecked_into()
}

pub(crate) fn submit_button() -> HtmlButtonElement {
    find("button[type=submit]").unwrap().unchecked_into()
}

pub(crate) fn path() -> String {
    web_sys::window().unwrap().location().pathname().unwrap()
}

pub(crate) fn tokens_answer(email: &str) -> String {
    serde_json::json!({
        "AuthenticationResult": {
            "IdToken": id_token(email, epoch_in(3600), "id"),
            "AccessToken": "access-token",
            "RefreshToken": "refresh-token",
            "ExpiresIn": 3600,
            "TokenType": "Bearer"
        },
        "ChallengeParameters": {}
    })
    .to_string()
}

/// Mounts the sign-in page with `fetch` stubbed, submits it and waits for
/// the (held) InitiateAuth request.
pub(crate) async fn submit_sign_in() -> impl Drop {
    storage::clear();
    install_fetch_stub();
    let app = mount_at("/signin").await;
    type_into("email", "ana@example.com");
    type_into("password", "Passw0rd!");
    submit_button().click();
    wait_for("the sign-in request", || waiting_count() == 1).await;
    app
}

pub(crate) fn store_session(expires_at: u64) {
    let stored = cognito_signin::flow::session::Session::from_tokens(
        id_token("ana@example.com", expires_at, "id"),
        "access".into(),
        None,
    )
    .unwrap();
    storage::save(&stored);
}

#[wasm_bindgen_test]
async fn sign_in_page_has_labelled_fields_and_links() {
    storage::clear();
    let _app = mount_at("/signin").await;
    assert_eq!(label_texts(), ["Email", "Password"]);
    assert_eq!(submit_button().text_content().unwrap().trim(), "Sign in");
    assert!(find("a[href='/signup']").is_some(), "link to sign-up");
    assert!(find("[role=alert]").is_some(), "an alert region exists");
}

#[wasm_bindgen_test]
async fn sign_up_page_shows_a_live_password_checklist() {
    storage::clear();
    let _app = mount_at("/signup").await;
    assert_eq!(label_texts(), ["Email", "Password", "Confirm password"]);
    assert_eq!(submit_button().text_content().unwrap().trim(), "Sign up");
    assert!(find("a[href='/signin']").is_some(), "link to sign-in");
    let met = || {
        document()
            .query_selector_all("#app-under-test #password-rules li.met")
            .unwrap()
            .length()
    };
    let all = || {
        document()
            .query_selector_all("#app-under-test #password-rules li")
            .unwrap()
            .length()
    };
    assert_eq!((met(), all()), (0, 5));
    type_into("password", "abc");
    settle().await;
    assert_eq!(met(), 1, "only the lowercase rule");
    type_into("password", "Abcdefg1!");
    settle().await;
    assert_eq!(met(), 5);
}

#[wasm_bindgen_test]
async fn sign_up_refuses_mismatched_passwords_without_a_request() {
    storage::clear();
    install_fetch_stub();
    let _app = mount_at("/signup").await;
    type_into("email", "ana@example.com");
    type_into("password", "Passw0rd!");
    type_into("confirm-password", "Passw0rd?");
    submit_button().click();
    settle().await;
    assert_eq!(text("[role=alert]"), "The passwords do not match.");
    assert_eq!(fetch_calls(), 0);
}

#[wasm_bindgen_test]
async fn confirm_page_has_its_fields() {
    storage::clear();
    let _app = mount_at("/confirm").await;
    assert_eq!(label_texts(), ["Email", "Confirmation code"]);
    assert_eq!(submit_button().text_content().unwrap().trim(), "Confirm");
}

#[wasm_bindgen_test]
async fn a_double_click_sends_one_request_and_the_button_waits() {
    storage::clear();
    install_fetch_stub();
    let _app = mount_at("/signin").await;
    type_into("email", " ana@example.com ");
    type_into("password", "Passw0rd!");
    submit_button().click();
    submit_button().click();
    wait_for("the request", || waiting_count() == 1).await;
    settle().await;
    assert_eq!(fetch_calls(), 1, "one request for two clicks");
    assert!(submit_button().disabled(), "busy while the request runs");

    let call = fetch_call(0);
    assert_eq!(
        field(&call, "target"),
        "AWSCognitoIdentityProviderService.InitiateAuth"
    );
    assert_eq!(field(&call, "contentType"), "application/x-amz-json-1.1");
    assert_eq!(field(&call, "url"), "http://127.0.0.1:9/cognito/");
    let body: serde_json::Value = serde_json::from_str(&field(&call, "body")).unwrap();
    assert_eq!(body["AuthParameters"]["USERNAME"], "ana@example.com");

    answer_next(
        400,
        r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#,
        None,
    );
    wait_for("the error", || {
        text("[role=alert]") == "Incorrect email or password."
    })
    .await;
    assert!(!submit_button().disabled());
    let password: HtmlInputElement = find("#password").unwrap().unchecked_into();
    assert_eq!(password.value(), "Passw0rd!", "nothing typed is lost");
}

#[wasm_bindgen_test]
async fn signing_in_stores_the_session_and_opens_the_account_page() {
    let _app = submit_sign_in().await;
    answer_next(200, &tokens_answer("ana@example.com"), None);
    wait_for("the account page", || path() == "/").await;
    wait_for("the email", || text("#account-email") == "ana@example.com").await;
    assert_eq!(storage::load().unwrap().email, "ana@example.com");

    // The account page calls the API with the raw ID token.
    wait_for("the API call", || waiting_count() == 1).await;
    let call = fetch_call(1);
    assert_eq!(field(&call, "url"), "http://127.0.0.1:9/api/hello");
    assert_eq!(
        field(&call, "authorization"),
        storage::load().unwrap().id_token
    );
    answer_next(200, r#""Hello from Lambda!""#, None);
    wait_for_greeting().await;
}

#[wasm_bindgen_test]
async fn an_unhandled_challenge_ends_in_a_message() {
    let _app = submit_sign_in().await;
    answer_next(
        200,
        r#"{"ChallengeName":"CUSTOM_CHALLENGE","Session":"s","ChallengeParameters":{}}"#,
        None,
    );
    wait_for("the message", || {
        text("[role=alert]").contains("CUSTOM_CHALLENGE")
    })
    .await;
    assert!(!submit_button().disabled());
    assert_eq!(storage::load(), None);
}

#[wasm_bindgen_test]
async fn an_unconfirmed_user_is_sent_to_confirm() {
    let _app = submit_sign_in().await;
    answer_next(
        400,
        r#"{"__type":"UserNotConfirmedException","message":"User is not confirmed."}"#,
        None,
    );
    wait_for("the confirm page", || path() == "/confirm").await;
    let email: HtmlInputElement = find("#email").unwrap().unchecked_into();
    assert_eq!(email.value(), "ana@example.com");
}

#[wasm_bindgen_test]
async fn a_refused_token_signs_out_with_a_message() {
    storage::clear();
    install_fetch_stub();
    store_session(epoch_in(3600));
    let _app = mount_at("/").await;
    wait_for("the API call", || waiting_count() == 1).await;
    answer_next(401, r#"{"message":"Unauthorized"}"#, None);
    wait_for("the sign-in page", || path() == "/signin").await;
    wait_for("the notice", || {
        text("[role=status]").contains("sign in again")
    })
    .await;
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    assert_eq!(storage.get_item(STORAGE_KEY).unwrap(), None);
}

#[wasm_bindgen_test]
async fn an_expired_session_is_never_sent() {
    storage::clear();
    install_fetch_stub();
    store_session(epoch_in(-10));
    let _app = mount_at("/").await;
    wait_for("the sign-in page", || path() == "/signin").await;
    assert_eq!(fetch_calls(), 0, "no request with an expired token");
}

#[wasm_bindgen_test]
async fn links_navigate_without_reloading_and_back_works() {
    storage::clear();
    let _app = mount_at("/signin").await;
    let link: HtmlElement = find("a[href='/signup']").unwrap().unchecked_into();
    link.click();
    settle().await;
    assert_eq!(path(), "/signup");
    assert_eq!(label_texts(), ["Email", "Password", "Confirm password"]);
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .back()
        .unwrap();
    wait_for("the sign-in page again", || {
        label_texts() == ["Email", "Password"]
    })
    .await;
    assert_eq!(path(), "/signin");
}

#[wasm_bindgen_test]
async fn an_unknown_path_says_so() {
    storage::clear();
    let _app = mount_at("/no-such-page").await;
    assert_eq!(text("h1"), "Page not found");
    assert_eq!(path(), "/no-such-page", "the address is left as typed");
}

fn focused_id() -> String {
    document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn focus_moves_to_the_new_heading_and_to_errors() {
    storage::clear();
    install_fetch_stub();
    let _app = mount_at("/signin").await;
    wait_for("the heading to take focus", || focused_id() == "title").await;

    submit_button().click();
    wait_for("the error to take focus", || focused_id() == "alert").await;
    assert_eq!(text("#alert"), "Enter your email address.");

    let link: HtmlElement = find("a[href='/signup']").unwrap().unchecked_into();
    link.click();
    wait_for("the sign-up heading", || {
        focused_id() == "title" && text("h1") == "Create an account"
    })
    .await;
}
