//! Faults of Cognito and the API, as the browser sees them: each ends in a
//! sentence, the form stays usable, nothing typed is lost, and a retry
//! works once the fault is gone.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

use crate::pages::{find, mount_at, path, store_session, submit_button, submit_sign_in, text};
use crate::support::*;

/// Answers the held sign-in with `fault`, checks the message and that the
/// form is intact, then retries against a healthy service.
async fn sign_in_survives(fault: impl FnOnce(), expected: &str) {
    let _app = submit_sign_in().await;
    fault();
    wait_for(expected, || text("[role=alert]") == expected).await;
    assert!(!submit_button().disabled(), "the form is usable again");
    let email: HtmlInputElement = find("#email").unwrap().unchecked_into();
    let password: HtmlInputElement = find("#password").unwrap().unchecked_into();
    assert_eq!(email.value(), "ana@example.com");
    assert_eq!(password.value(), "Passw0rd!", "nothing typed is lost");

    submit_button().click();
    wait_for("the retry", || waiting_count() == 1).await;
    answer_next(
        400,
        r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#,
        None,
    );
    wait_for("the retry's answer", || {
        text("[role=alert]") == "Incorrect email or password."
    })
    .await;
}

#[wasm_bindgen_test]
async fn cognito_unreachable() {
    sign_in_survives(
        fail_next,
        "Could not reach the sign-in service. Check your connection and try again.",
    )
    .await;
}

#[wasm_bindgen_test]
async fn cognito_answers_500_with_html() {
    sign_in_survives(
        || answer_next(500, "<html><body>Internal Server Error</body></html>", None),
        "The sign-in service had a problem (HTTP 500). Try again in a moment.",
    )
    .await;
}

#[wasm_bindgen_test]
async fn cognito_answers_malformed_json() {
    sign_in_survives(
        || answer_next(200, r#"{"AuthenticationResult": {"IdToken": 5"#, None),
        "The sign-in service sent an answer the app could not read.",
    )
    .await;
}

#[wasm_bindgen_test]
async fn cognito_throttles() {
    sign_in_survives(
        || {
            answer_next(
                400,
                r#"{"__type":"TooManyRequestsException","message":"Rate exceeded"}"#,
                None,
            )
        },
        "Too many requests right now. Wait a moment and try again.",
    )
    .await;
}

#[wasm_bindgen_test]
async fn cognito_error_only_in_the_header() {
    sign_in_survives(
        || answer_next(400, "", Some("LimitExceededException:".into())),
        "You have tried this too often. Wait a while and try again.",
    )
    .await;
}

#[wasm_bindgen_test]
async fn the_api_failing_keeps_the_session_and_a_retry_works() {
    cognito_signin::web::storage::clear();
    install_fetch_stub();
    store_session(epoch_in(3600));
    let _app = mount_at("/").await;
    let call_again =
        || -> web_sys::HtmlButtonElement { find("button[type=button]").unwrap().unchecked_into() };

    wait_for("the API call", || waiting_count() == 1).await;
    fail_next();
    let offline = "Could not reach the API. Check your connection and try again.";
    wait_for(offline, || text("[role=alert]") == offline).await;
    assert_eq!(path(), "/", "a network failure never signs anyone out");
    assert!(cognito_signin::web::storage::load().is_some());

    call_again().click();
    wait_for("the second call", || waiting_count() == 1).await;
    answer_next(502, "Bad Gateway", None);
    let broken = "The API had a problem (HTTP 502). Try again in a moment.";
    wait_for(broken, || text("[role=alert]") == broken).await;

    call_again().click();
    wait_for("the third call", || waiting_count() == 1).await;
    answer_next(200, "<html>Gateway page</html>", None);
    let unreadable = "The API sent an answer the app could not read.";
    wait_for(unreadable, || text("[role=alert]") == unreadable).await;

    call_again().click();
    wait_for("the fourth call", || waiting_count() == 1).await;
    answer_next(429, r#"{"message":"Too Many Requests"}"#, None);
    let busy = "The API is busy right now. Wait a moment and try again.";
    wait_for(busy, || text("[role=alert]") == busy).await;
    assert!(
        cognito_signin::web::storage::load().is_some(),
        "still signed in"
    );

    call_again().click();
    wait_for("the last call", || waiting_count() == 1).await;
    answer_next(200, r#""Hello from Lambda!""#, None);
    wait_for_greeting().await;
    assert_eq!(text("[role=alert]"), "", "the old error is gone");
}

#[wasm_bindgen_test]
async fn a_request_that_never_answers_times_out() {
    // The stub honours the request's abort signal, as fetch does; the app
    // gives every request 15 s.
    let _app = submit_sign_in().await;
    let expected = "The sign-in service did not answer in time. Try again.";
    wait_for_within(expected, 25_000.0, || text("[role=alert]") == expected).await;
    assert!(!submit_button().disabled(), "the form is usable again");
}

/// Holds the oldest request for `ms` of real time: a slow service.
async fn hold_for(ms: f64) {
    let since = js_sys::Date::now();
    wait_for_within("the slow answer's delay", ms + 5_000.0, || {
        js_sys::Date::now() - since >= ms
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_slow_cognito_keeps_the_form_busy_then_answers() {
    let _app = submit_sign_in().await;
    hold_for(10_000.0).await;
    assert!(submit_button().disabled(), "still waiting, not failed");
    assert_eq!(text("[role=alert]"), "");
    answer_next(
        400,
        r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#,
        None,
    );
    let expected = "Incorrect email or password.";
    wait_for(expected, || text("[role=alert]") == expected).await;
    assert!(!submit_button().disabled());
}

#[wasm_bindgen_test]
async fn a_slow_api_still_shows_its_answer() {
    cognito_signin::web::storage::clear();
    install_fetch_stub();
    store_session(epoch_in(3600));
    let _app = mount_at("/").await;
    wait_for("the API call", || waiting_count() == 1).await;
    hold_for(10_000.0).await;
    assert_eq!(text("#api-result"), "Calling the API…");
    answer_next(200, r#""Hello from Lambda!""#, None);
    wait_for_greeting().await;
}
