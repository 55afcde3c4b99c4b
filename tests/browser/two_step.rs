//! Two-step sign-in (SOFTWARE_TOKEN_MFA) with `fetch` stubbed: the code
//! answered with the challenge's session, a wrong code explained, an expired
//! challenge sent back to the password.

use cognito_signin::web::storage;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::pages::{
    label_texts, mount_at, path, submit_button, submit_sign_in, text, tokens_answer, type_into,
};
use crate::support::*;

/// Signs in with a password and gets the SOFTWARE_TOKEN_MFA challenge.
async fn to_the_code_page() -> impl Drop {
    to_the_code_page_with(r#"{}"#).await
}

/// The same, the challenge coming with these `ChallengeParameters`.
async fn to_the_code_page_with(parameters: &str) -> impl Drop {
    let app = submit_sign_in().await;
    answer_next(
        200,
        &format!(
            r#"{{"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"mfa-session","ChallengeParameters":{parameters}}}"#
        ),
        None,
    );
    wait_for("the two-step page", || path() == "/two-step").await;
    assert_eq!(label_texts(), ["Code"]);
    assert!(text(".hint").contains("authenticator app"));
    app
}

#[wasm_bindgen_test]
async fn the_apps_code_completes_the_sign_in() {
    let _app = to_the_code_page().await;
    type_into("code", "123 456");
    submit_button().click();
    wait_for("RespondToAuthChallenge", || waiting_count() == 1).await;
    assert_eq!(
        field(&fetch_call(1), "target"),
        "AWSCognitoIdentityProviderService.RespondToAuthChallenge"
    );
    let sent = body(1);
    assert_eq!(sent["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    assert_eq!(sent["Session"], "mfa-session");
    assert_eq!(sent["ChallengeResponses"]["USERNAME"], "ana@example.com");
    assert_eq!(
        sent["ChallengeResponses"]["SOFTWARE_TOKEN_MFA_CODE"],
        "123456"
    );
    answer_next(200, &tokens_answer("ana@example.com"), None);
    wait_for("the account page", || path() == "/").await;
    assert!(storage::load().is_some());
}

#[wasm_bindgen_test]
async fn the_answer_names_the_username_cognito_gave() {
    // Signed in with the email, an alias: Cognito's username is a UUID, and
    // the answer must use it, on a retry too.
    let _app = to_the_code_page_with(r#"{"USERNAME":"6c1b8a9e-uuid"}"#).await;
    for (attempt, call) in [(0, 1), (1, 2)] {
        type_into("code", "123456");
        submit_button().click();
        wait_for("RespondToAuthChallenge", || waiting_count() == 1).await;
        assert_eq!(
            body(call)["ChallengeResponses"]["USERNAME"],
            "6c1b8a9e-uuid",
            "attempt {attempt}"
        );
        if attempt == 0 {
            answer_next(
                400,
                r#"{"__type":"CodeMismatchException","message":"Invalid code received for user"}"#,
                None,
            );
            wait_for("the alert", || text("[role=alert]").contains("not right")).await;
        }
    }
    answer_next(200, &tokens_answer("ana@example.com"), None);
    wait_for("the account page", || path() == "/").await;
    assert!(storage::load().is_some());
}

#[wasm_bindgen_test]
async fn a_trigger_refusing_the_code_step_names_the_sign_in() {
    let _app = to_the_code_page().await;
    type_into("code", "123456");
    submit_button().click();
    wait_for("RespondToAuthChallenge", || waiting_count() == 1).await;
    answer_next(
        400,
        r#"{"__type":"UserLambdaValidationException","message":"PostAuthentication failed with error Account locked."}"#,
        None,
    );
    wait_for("the alert", || !text("[role=alert]").is_empty()).await;
    assert_eq!(
        text("[role=alert]"),
        "A check during sign-in refused the request: PostAuthentication failed with error Account locked."
    );
    assert_eq!(path(), "/two-step");
}

#[wasm_bindgen_test]
async fn a_wrong_code_is_explained_and_another_can_be_tried() {
    let _app = to_the_code_page().await;
    type_into("code", "abc");
    submit_button().click();
    settle().await;
    assert_eq!(fetch_calls(), 1, "letters are refused before sending");
    assert!(text("[role=alert]").contains("6 digits"));

    type_into("code", "000000");
    submit_button().click();
    wait_for("RespondToAuthChallenge", || waiting_count() == 1).await;
    answer_next(
        400,
        r#"{"__type":"CodeMismatchException","message":"Invalid code received for user"}"#,
        None,
    );
    wait_for("the alert", || {
        text("[role=alert]").contains("Check your authenticator app")
    })
    .await;
    assert_eq!(path(), "/two-step");
    assert!(!submit_button().disabled());
    assert!(storage::load().is_none());
}

#[wasm_bindgen_test]
async fn an_expired_challenge_goes_back_to_the_password() {
    let _app = to_the_code_page().await;
    type_into("code", "123456");
    submit_button().click();
    wait_for("RespondToAuthChallenge", || waiting_count() == 1).await;
    answer_next(
        400,
        r#"{"__type":"NotAuthorizedException","message":"Invalid session for the user, session is expired."}"#,
        None,
    );
    wait_for("the sign-in page", || path() == "/signin").await;
    assert!(text("[role=status]").contains("took too long"));
    assert!(storage::load().is_none());
}

#[wasm_bindgen_test]
async fn the_code_page_without_a_challenge_goes_back_to_the_password() {
    storage::clear();
    let _app = mount_at("/two-step").await;
    assert_eq!(path(), "/signin", "the challenge lived only in memory");
    assert_eq!(
        text("[role=status]"),
        "Sign in with your email and password first."
    );
}
