//! Faithful to Cognito where moto is not (issue 18, part 2): answers for
//! unknown people as `PreventUserExistenceErrors: ENABLED` gives them,
//! confirmation refused without a live code, wrong codes counted, revoked
//! sessions' access tokens refused, the client's auth flows enforced (and
//! no SRP, which moto does not check), moto's crashes in Cognito's shape, and
//! the local authorizer's `aud` and `Bearer ` as API Gateway's. Needs
//! `MOTO_SERVER`.

#[path = "api/common.rs"]
mod common;
#[path = "support/front.rs"]
mod front;
#[path = "support/process.rs"]
mod process;

use front::{PASSWORD, Stack, error_kind, other_code};
use hyper::Method;
use local_stack::cognito::codes::MAX_WRONG_CODES;
use serde_json::{Value, json};
use stack_contract::cognito::requests;

fn error(result: Result<Value, (String, String)>) -> (String, String) {
    result.expect_err("an error")
}

#[tokio::test]
async fn unknown_people_get_what_cognito_gives_when_existence_errors_are_prevented() {
    let Some(stack) = Stack::start("the user existence test", &[]).await else {
        return;
    };
    let nobody = "nobody@example.com";
    let client = stack.client_id().to_string();
    assert_eq!(
        error(stack.sign_in(nobody, PASSWORD).await),
        (
            "NotAuthorizedException".into(),
            "Incorrect username or password.".into()
        )
    );
    for action in ["ForgotPassword", "ResendConfirmationCode"] {
        let sent = stack
            .call(action, json!({"ClientId": client, "Username": nobody}))
            .await
            .unwrap_or_else(|e| panic!("{action}: {e:?}"));
        assert_eq!(sent["CodeDeliveryDetails"]["Destination"], "n***@e***");
    }
    let (status, _) = stack
        .local(Method::GET, &format!("outbox?to={nobody}"), Value::Null)
        .await;
    assert_eq!(status, 404, "nothing is really sent to nobody");
    assert_eq!(
        error_kind(stack.confirm(nobody, "123456").await),
        "ExpiredCodeException"
    );
    let reset = stack
        .call(
            "ConfirmForgotPassword",
            json!({"ClientId": client, "Username": nobody,
                   "ConfirmationCode": "123456", "Password": "New-Pass-word-1"}),
        )
        .await;
    assert_eq!(error_kind(reset), "ExpiredCodeException");
}

#[tokio::test]
async fn confirming_is_refused_when_confirmed_already_or_with_no_code_on_record() {
    let Some(mut stack) = Stack::start("the confirmation test", &[]).await else {
        return;
    };
    let email = "twice@example.com";
    stack.sign_up(email).await;
    let code = stack.code_sent_to(email).await;
    stack.confirm(email, &code).await.expect("confirmed");
    assert_eq!(
        error(stack.confirm(email, &code).await),
        (
            "NotAuthorizedException".into(),
            "User cannot be confirmed. Current status is CONFIRMED".into()
        )
    );

    // Signed up where the front never saw it (as after a restart of the
    // front alone): no code on record, so no code confirms.
    let moto = stack.moto_endpoint();
    let unseen = "unseen@example.com";
    local_stack::seed::call(
        &moto,
        "SignUp",
        &requests::sign_up(stack.client_id(), unseen, PASSWORD),
    )
    .await
    .expect("SignUp on moto");
    for guess in ["000000", "123456"] {
        assert_eq!(
            error_kind(stack.confirm(unseen, guess).await),
            "CodeMismatchException"
        );
    }
    assert_eq!(
        error_kind(stack.sign_in(unseen, PASSWORD).await),
        "UserNotConfirmedException"
    );
}

#[tokio::test]
async fn wrong_codes_are_counted_and_too_many_end_in_cognito_s_error() {
    let Some(stack) = Stack::start("the attempt limit test", &[]).await else {
        return;
    };
    let email = "guesser@example.com";
    stack.sign_up(email).await;
    let code = stack.code_sent_to(email).await;
    for _ in 0..MAX_WRONG_CODES {
        assert_eq!(
            error_kind(stack.confirm(email, &other_code(&code)).await),
            "CodeMismatchException"
        );
    }
    assert_eq!(
        error(stack.confirm(email, &code).await),
        (
            "LimitExceededException".into(),
            "Attempt limit exceeded, please try after some time.".into()
        )
    );
    stack
        .call(
            "ResendConfirmationCode",
            json!({"ClientId": stack.client_id(), "Username": email}),
        )
        .await
        .expect("resent");
    let fresh = stack.code_sent_to(email).await;
    stack
        .confirm(email, &fresh)
        .await
        .expect("the new code works");
}

/// moto keeps no `ExplicitAuthFlows` and signs anyone in by SRP whatever
/// the password claim: the front refuses what the client does not list, in
/// Cognito's words, and no SRP challenge gets past it.
#[tokio::test]
async fn flows_the_client_does_not_list_are_refused_and_srp_signs_nobody_in() {
    let Some(stack) = Stack::start("the auth flows test", &[]).await else {
        return;
    };
    let email = "flows@example.com";
    stack.confirmed(email).await;
    let client = stack.client_id().to_string();
    for (flow, parameters) in [
        (
            "USER_SRP_AUTH",
            json!({"USERNAME": email, "SRP_A": "abcdef"}),
        ),
        ("CUSTOM_AUTH", json!({"USERNAME": email})),
        ("USER_AUTH", json!({"USERNAME": email})),
    ] {
        let answer = stack
            .call(
                "InitiateAuth",
                json!({"ClientId": client, "AuthFlow": flow, "AuthParameters": parameters}),
            )
            .await;
        assert_eq!(
            error(answer),
            (
                "InvalidParameterException".into(),
                format!("{flow} flow not enabled for this client")
            ),
            "{flow}"
        );
    }
    for challenge in ["PASSWORD_VERIFIER", "DEVICE_PASSWORD_VERIFIER"] {
        let answer = stack
            .call(
                "RespondToAuthChallenge",
                json!({"ClientId": client, "ChallengeName": challenge, "Session": "s",
                       "ChallengeResponses": {"USERNAME": email, "PASSWORD_CLAIM_SIGNATURE": "x",
                       "PASSWORD_CLAIM_SECRET_BLOCK": "s", "TIMESTAMP": "Thu Dec 3 17:00:00 UTC 2026"}}),
            )
            .await;
        assert_eq!(
            error(answer),
            (
                "NotAuthorizedException".into(),
                "Invalid session for the user.".into()
            ),
            "{challenge}"
        );
    }
    // The flows the client lists still work.
    let tokens = stack.sign_in(email, PASSWORD).await.expect("signed in");
    let refresh = tokens["AuthenticationResult"]["RefreshToken"]
        .as_str()
        .expect("a refresh token");
    stack
        .call("InitiateAuth", requests::refresh(&client, refresh))
        .await
        .expect("refreshed");
}

#[tokio::test]
async fn a_revoked_refresh_token_s_access_tokens_stop_working() {
    let Some(stack) = Stack::start("the revoked session test", &[]).await else {
        return;
    };
    let email = "session@example.com";
    stack.confirmed(email).await;
    let first = stack.sign_in(email, PASSWORD).await.expect("signed in");
    let other = stack
        .sign_in(email, PASSWORD)
        .await
        .expect("signed in again");
    let token = |tokens: &Value, name: &str| {
        tokens["AuthenticationResult"][name]
            .as_str()
            .expect(name)
            .to_string()
    };
    let refresh = token(&first, "RefreshToken");
    let renewed = stack
        .call(
            "InitiateAuth",
            requests::refresh(stack.client_id(), &refresh),
        )
        .await
        .expect("refreshed");
    let access = [token(&first, "AccessToken"), token(&renewed, "AccessToken")];
    for access in &access {
        stack
            .call("GetUser", json!({"AccessToken": access}))
            .await
            .expect("GetUser before revocation");
    }
    stack
        .call(
            "RevokeToken",
            json!({"ClientId": stack.client_id(), "Token": refresh}),
        )
        .await
        .expect("revoked");
    for access in &access {
        for action in ["GetUser", "GlobalSignOut"] {
            assert_eq!(
                error(stack.call(action, json!({"AccessToken": access})).await),
                (
                    "NotAuthorizedException".into(),
                    "Access Token has been revoked".into()
                ),
                "{action}"
            );
        }
    }
    // Another session of the same person is not touched.
    stack
        .call(
            "GetUser",
            json!({"AccessToken": token(&other, "AccessToken")}),
        )
        .await
        .expect("the other session still works");
}

#[tokio::test]
async fn moto_crashes_come_back_in_cognito_s_shape() {
    let Some(stack) = Stack::start("the moto crash test", &[]).await else {
        return;
    };
    // moto 5.2.5 fails with a 500 HTML page on a SignUp without a password.
    let answer = stack
        .raw(
            "SignUp",
            &[("Origin", "http://127.0.0.1:9")],
            json!({"ClientId": stack.client_id(), "Username": "crash@example.com"}),
        )
        .await;
    assert!(answer.status.is_server_error(), "{}", answer.code());
    assert_eq!(
        answer.header("content-type"),
        Some(stack_contract::cognito::CONTENT_TYPE)
    );
    assert_eq!(answer.json()["__type"], "InternalErrorException");
    assert!(!answer.text().contains('<'), "{}", answer.text());
    assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
}

#[tokio::test]
async fn the_api_takes_bearer_and_only_this_client_s_tokens() {
    let Some(stack) = Stack::start("the authorizer test", &[]).await else {
        return;
    };
    let email = "audience@example.com";
    stack.confirmed(email).await;
    let tokens = stack.sign_in(email, PASSWORD).await.expect("signed in");
    let id = tokens["AuthenticationResult"]["IdToken"]
        .as_str()
        .expect("an ID token");
    assert_eq!(stack.hello(id).await.0, 200);
    assert_eq!(stack.hello(&format!("Bearer {id}")).await.0, 200);

    // Another app client of the same pool: its ID tokens name it in `aud`,
    // and the identity validation expression (this client's id) refuses them.
    let other = stack
        .call(
            "CreateUserPoolClient",
            json!({"UserPoolId": stack.state.user_pool_id, "ClientName": "other",
                   "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}),
        )
        .await
        .expect("a second client");
    let other_client = other["UserPoolClient"]["ClientId"]
        .as_str()
        .expect("its id");
    let foreign = stack
        .call(
            "InitiateAuth",
            requests::password_auth(other_client, email, PASSWORD),
        )
        .await
        .expect("signed in with the other client");
    let foreign_id = foreign["AuthenticationResult"]["IdToken"]
        .as_str()
        .expect("an ID token");
    assert_eq!(
        stack.hello(foreign_id).await,
        (401, r#"{"message":"Unauthorized"}"#.to_string())
    );
}
