//! Choice-based sign-in on the `essentials` pool, against a real moto
//! (issue 16): `USER_AUTH` with `SELECT_CHALLENGE` or a preferred
//! challenge, a password (second factors after it as before), a code by
//! email or SMS, sign-up without a password and its session; the tokens
//! at the end work like any of moto's. Needs `MOTO_SERVER`.

#[path = "api/common.rs"]
mod common;
#[path = "support/front.rs"]
mod front;
#[path = "support/process.rs"]
mod process;
#[path = "support/user_auth.rs"]
mod user_auth;

use front::{PASSWORD, Stack, other_code};
use hyper::Method;
use serde_json::{Value, json};
use stack_contract::cognito::requests;
use stack_contract::totp;
use user_auth::{PHONE, Pool, access, available, ok, refused, tokens_work};

#[tokio::test]
async fn select_challenge_offers_what_each_person_can_use_and_a_password_signs_in() {
    let Some(stack) = Stack::start("the SELECT_CHALLENGE test", &[]).await else {
        return;
    };
    let pool = Pool::essentials(&stack);
    let email = "choice@example.com";
    pool.confirmed(email, Some(PASSWORD), None).await;

    let select = ok(
        pool.user_auth(json!({"USERNAME": email})).await,
        "USER_AUTH",
    );
    assert_eq!(select["ChallengeName"], "SELECT_CHALLENGE");
    assert_eq!(select["ChallengeParameters"], json!({}));
    assert_eq!(
        available(&select),
        ["PASSWORD", "EMAIL_OTP"],
        "no phone, no passkey"
    );
    let session = &select["Session"];

    let wrong = pool
        .answer(
            "SELECT_CHALLENGE",
            session,
            json!({"USERNAME": email, "ANSWER": "SMS_OTP"}),
        )
        .await;
    assert_eq!(
        refused(wrong, "a factor not offered").0,
        "InvalidParameterException"
    );
    let bad_password = pool
        .answer(
            "SELECT_CHALLENGE",
            session,
            json!({"USERNAME": email, "ANSWER": "PASSWORD", "PASSWORD": "Wrong-Horse-9"}),
        )
        .await;
    assert_eq!(
        refused(bad_password, "a wrong password").0,
        "NotAuthorizedException"
    );

    let select = ok(
        pool.user_auth(json!({"USERNAME": email})).await,
        "USER_AUTH",
    );
    let signed_in = ok(
        pool.answer(
            "SELECT_CHALLENGE",
            &select["Session"],
            json!({"USERNAME": email, "ANSWER": "PASSWORD", "PASSWORD": PASSWORD}),
        )
        .await,
        "SELECT_CHALLENGE with the password",
    );
    tokens_work(&pool, &signed_in["AuthenticationResult"], email).await;

    // With a phone number, SMS codes are offered too.
    let texted = "texted@example.com";
    pool.confirmed(texted, Some(PASSWORD), Some(PHONE)).await;
    let select = ok(
        pool.user_auth(json!({"USERNAME": texted})).await,
        "USER_AUTH",
    );
    assert_eq!(available(&select), ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]);

    // The app's own client takes no USER_AUTH.
    let main = stack
        .call(
            "InitiateAuth",
            json!({"ClientId": stack.client_id(), "AuthFlow": "USER_AUTH",
                   "AuthParameters": {"USERNAME": email}}),
        )
        .await;
    assert_eq!(
        refused(main, "USER_AUTH on the main client").0,
        "InvalidParameterException"
    );
    let nobody = pool
        .user_auth(json!({"USERNAME": "nobody@example.com"}))
        .await;
    assert_eq!(refused(nobody, "nobody").0, "NotAuthorizedException");

    // Disabled: refused before any factor.
    let pool_id = &stack.state.extra_pools[stack_contract::pools::ESSENTIALS_POOL].user_pool_id;
    ok(
        stack
            .call(
                "AdminDisableUser",
                json!({"UserPoolId": pool_id, "Username": texted}),
            )
            .await,
        "AdminDisableUser",
    );
    let disabled = pool.user_auth(json!({"USERNAME": texted})).await;
    assert_eq!(
        refused(disabled, "a disabled person"),
        (
            "NotAuthorizedException".to_string(),
            "User is disabled.".to_string()
        )
    );
}

#[tokio::test]
async fn an_email_code_signs_in_without_the_password_and_a_wrong_one_is_refused() {
    let Some(stack) = Stack::start("the EMAIL_OTP first factor test", &[]).await else {
        return;
    };
    let pool = Pool::essentials(&stack);
    let email = "coded@example.com";
    pool.confirmed(email, Some(PASSWORD), None).await;

    let challenge = ok(
        pool.user_auth(json!({"USERNAME": email, "PREFERRED_CHALLENGE": "EMAIL_OTP"}))
            .await,
        "USER_AUTH preferring EMAIL_OTP",
    );
    assert_eq!(challenge["ChallengeName"], "EMAIL_OTP");
    let parameters = &challenge["ChallengeParameters"];
    assert_eq!(parameters["CODE_DELIVERY_DELIVERY_MEDIUM"], "EMAIL");
    assert_eq!(parameters["CODE_DELIVERY_DESTINATION"], "c***@e***");
    let session = &challenge["Session"];
    let code = stack.code_sent_to(email).await;

    let wrong = pool
        .answer(
            "EMAIL_OTP",
            session,
            json!({"USERNAME": email, "EMAIL_OTP_CODE": other_code(&code)}),
        )
        .await;
    assert_eq!(refused(wrong, "a wrong code").0, "CodeMismatchException");
    let signed_in = ok(
        pool.answer(
            "EMAIL_OTP",
            session,
            json!({"USERNAME": email, "EMAIL_OTP_CODE": code}),
        )
        .await,
        "EMAIL_OTP with the code",
    );
    let used = pool
        .answer(
            "EMAIL_OTP",
            session,
            json!({"USERNAME": email, "EMAIL_OTP_CODE": code}),
        )
        .await;
    assert_eq!(
        refused(used, "a used session").1,
        "Invalid session for the user."
    );
    tokens_work(&pool, &signed_in["AuthenticationResult"], email).await;

    // An old code's session is refused as expired.
    let challenge = ok(
        pool.user_auth(json!({"USERNAME": email, "PREFERRED_CHALLENGE": "EMAIL_OTP"}))
            .await,
        "USER_AUTH again",
    );
    let code = stack.code_sent_to(email).await;
    let (status, _) = stack
        .local(Method::POST, "expire-codes", json!({"username": email}))
        .await;
    assert_eq!(status, 200);
    let late = pool
        .answer(
            "EMAIL_OTP",
            &challenge["Session"],
            json!({"USERNAME": email, "EMAIL_OTP_CODE": code}),
        )
        .await;
    assert_eq!(
        refused(late, "an expired session").1,
        "Invalid session for the user, session is expired."
    );
}

#[tokio::test]
async fn an_sms_code_chosen_from_select_challenge_signs_in() {
    let Some(stack) = Stack::start("the SMS_OTP first factor test", &[]).await else {
        return;
    };
    let pool = Pool::essentials(&stack);
    let email = "sms@example.com";
    pool.confirmed(email, Some(PASSWORD), Some(PHONE)).await;
    let select = ok(
        pool.user_auth(json!({"USERNAME": email})).await,
        "USER_AUTH",
    );
    let challenge = ok(
        pool.answer(
            "SELECT_CHALLENGE",
            &select["Session"],
            json!({"USERNAME": email, "ANSWER": "SMS_OTP"}),
        )
        .await,
        "SELECT_CHALLENGE SMS_OTP",
    );
    assert_eq!(challenge["ChallengeName"], "SMS_OTP");
    assert_eq!(
        challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"],
        "+*******0142"
    );
    let (status, message) = stack
        .local(Method::GET, "outbox?to=%2B15555550142", Value::Null)
        .await;
    assert_eq!(status, 200);
    assert_eq!(message["medium"], "SMS");
    let code = message["code"].as_str().expect("a code");
    let signed_in = ok(
        pool.answer(
            "SMS_OTP",
            &challenge["Session"],
            json!({"USERNAME": email, "SMS_OTP_CODE": code}),
        )
        .await,
        "SMS_OTP with the code",
    );
    tokens_work(&pool, &signed_in["AuthenticationResult"], email).await;
}

#[tokio::test]
async fn a_preferred_password_signs_in_and_second_factors_still_follow_it() {
    let Some(stack) = Stack::start("the PASSWORD first factor test", &[]).await else {
        return;
    };
    let pool = Pool::essentials(&stack);
    let email = "typed@example.com";
    pool.confirmed(email, Some(PASSWORD), None).await;
    let wrong = pool
        .user_auth(json!({"USERNAME": email, "PREFERRED_CHALLENGE": "PASSWORD",
                          "PASSWORD": "Wrong-Horse-9"}))
        .await;
    assert_eq!(
        refused(wrong, "a wrong password").0,
        "NotAuthorizedException"
    );
    let without = pool
        .user_auth(json!({"USERNAME": email, "PREFERRED_CHALLENGE": "PASSWORD"}))
        .await;
    assert_eq!(
        refused(without, "PASSWORD without one").0,
        "InvalidParameterException"
    );
    let signed_in = ok(
        pool.user_auth(json!({"USERNAME": email, "PREFERRED_CHALLENGE": "PASSWORD",
                              "PASSWORD": PASSWORD}))
            .await,
        "USER_AUTH with the password",
    );
    let access = access(&signed_in["AuthenticationResult"]);

    // An authenticator app turned on from the account...
    let associated = ok(
        stack
            .call("AssociateSoftwareToken", json!({"AccessToken": access}))
            .await,
        "AssociateSoftwareToken",
    );
    let secret = associated["SecretCode"].as_str().expect("a secret");
    let code = totp::code(secret, totp::now_secs());
    ok(
        stack
            .call(
                "VerifySoftwareToken",
                json!({"AccessToken": access, "UserCode": code}),
            )
            .await,
        "VerifySoftwareToken",
    );
    ok(
        stack
            .call(
                "SetUserMFAPreference",
                json!({"AccessToken": access,
                       "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": true}}),
            )
            .await,
        "SetUserMFAPreference",
    );
    // ...is asked for after the password,
    let second = ok(
        pool.user_auth(json!({"USERNAME": email, "PREFERRED_CHALLENGE": "PASSWORD",
                              "PASSWORD": PASSWORD}))
            .await,
        "USER_AUTH with the password again",
    );
    assert_eq!(second["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    assert!(second.get("AuthenticationResult").is_none());
    // not after a code by email, as Cognito treats passwordless sign-in.
    let signed_in = pool.email_code_sign_in(email).await;
    assert!(signed_in["AuthenticationResult"]["AccessToken"].is_string());
}

#[tokio::test]
async fn sign_up_without_a_password_then_sign_in_at_once_with_the_session() {
    let Some(stack) = Stack::start("the passwordless sign-up test", &[]).await else {
        return;
    };
    let pool = Pool::essentials(&stack);
    let email = "nopassword@example.com";
    let confirmed = pool.confirmed(email, None, None).await;
    let session = confirmed["Session"].clone();
    assert!(session.as_str().is_some_and(|s| s.len() > 40), "a Session");

    let other = pool
        .user_auth(json!({"USERNAME": "someone@example.com"}))
        .await;
    assert_eq!(refused(other, "nobody").0, "NotAuthorizedException");
    let stranger = stack
        .call(
            "InitiateAuth",
            json!({"ClientId": pool.client, "AuthFlow": "USER_AUTH", "Session": session,
                   "AuthParameters": {"USERNAME": "choice@example.com"}}),
        )
        .await;
    assert_eq!(
        refused(stranger, "someone else's session").0,
        "NotAuthorizedException"
    );
    // The session was taken by the stranger's try: sign up another.
    let email = "nopassword2@example.com";
    let confirmed = pool.confirmed(email, None, None).await;
    let signed_in = ok(
        stack
            .call(
                "InitiateAuth",
                json!({"ClientId": pool.client, "AuthFlow": "USER_AUTH",
                       "Session": confirmed["Session"],
                       "AuthParameters": {"USERNAME": email}}),
            )
            .await,
        "USER_AUTH with the sign-up's session",
    );
    let again = stack
        .call(
            "InitiateAuth",
            json!({"ClientId": pool.client, "AuthFlow": "USER_AUTH",
                   "Session": confirmed["Session"],
                   "AuthParameters": {"USERNAME": email}}),
        )
        .await;
    assert_eq!(refused(again, "a used session").0, "NotAuthorizedException");
    tokens_work(&pool, &signed_in["AuthenticationResult"], email).await;

    // No password to offer; a password preferred is not available.
    let select = ok(
        pool.user_auth(json!({"USERNAME": email, "PREFERRED_CHALLENGE": "PASSWORD",
                              "PASSWORD": PASSWORD}))
            .await,
        "USER_AUTH preferring a password they do not have",
    );
    assert_eq!(select["ChallengeName"], "SELECT_CHALLENGE");
    assert_eq!(available(&select), ["EMAIL_OTP"]);
    let password_sign_in = stack
        .call(
            "InitiateAuth",
            requests::password_auth(&pool.client, email, PASSWORD),
        )
        .await;
    assert_eq!(
        refused(password_sign_in, "a password they never had").0,
        "NotAuthorizedException"
    );

    // A password chosen later, by a reset, is offered from then on.
    ok(
        stack
            .call(
                "ForgotPassword",
                json!({"ClientId": pool.client, "Username": email}),
            )
            .await,
        "ForgotPassword",
    );
    let code = stack.code_sent_to(email).await;
    ok(
        stack
            .call(
                "ConfirmForgotPassword",
                json!({"ClientId": pool.client, "Username": email,
                       "ConfirmationCode": code, "Password": PASSWORD}),
            )
            .await,
        "ConfirmForgotPassword",
    );
    let select = ok(
        pool.user_auth(json!({"USERNAME": email})).await,
        "USER_AUTH",
    );
    assert_eq!(available(&select), ["PASSWORD", "EMAIL_OTP"]);

    // Confirmed without SignUp's session: no session to sign in with.
    let email = "nosession@example.com";
    let signed_up = ok(
        stack
            .call(
                "SignUp",
                json!({"ClientId": pool.client, "Username": email}),
            )
            .await,
        "SignUp without a password",
    );
    assert!(signed_up["Session"].is_string());
    let code = stack.code_sent_to(email).await;
    let confirmed = ok(
        stack
            .call(
                "ConfirmSignUp",
                requests::confirm_sign_up(&pool.client, email, &code),
            )
            .await,
        "ConfirmSignUp without the session",
    );
    assert!(confirmed.get("Session").is_none());

    // Pools without passwordless factors still want a password.
    let main = stack
        .call(
            "SignUp",
            json!({"ClientId": stack.client_id(), "Username": "main@example.com"}),
        )
        .await;
    assert!(main.is_err(), "SignUp without a password on the main pool");
    let confirmed_main = {
        stack.confirmed("main2@example.com").await;
        stack.sign_in("main2@example.com", PASSWORD).await
    };
    assert!(
        confirmed_main.is_ok(),
        "the main pool's sign-in is unchanged"
    );
}

async fn get_tokens(stack: &Stack, client: &str, refresh: &str) -> Result<Value, (String, String)> {
    stack
        .call(
            "GetTokensFromRefreshToken",
            json!({"ClientId": client, "RefreshToken": refresh}),
        )
        .await
}

fn refresh_token(answer: &Value) -> String {
    answer["AuthenticationResult"]["RefreshToken"]
        .as_str()
        .expect("a refresh token")
        .to_string()
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_replaced_one_is_refused_after_its_grace_period() {
    let Some(stack) = Stack::start("the refresh-token rotation test", &[]).await else {
        return;
    };
    let pool = Pool::essentials(&stack);
    let email = "rotate@example.com";
    pool.confirmed(email, Some(PASSWORD), None).await;
    let signed_in = ok(
        pool.user_auth(json!({"USERNAME": email, "PREFERRED_CHALLENGE": "PASSWORD",
                              "PASSWORD": PASSWORD}))
            .await,
        "USER_AUTH with the password",
    );
    let first = refresh_token(&signed_in);
    let old_flow = stack
        .call("InitiateAuth", requests::refresh(&pool.client, &first))
        .await;
    assert_eq!(
        refused(old_flow, "REFRESH_TOKEN_AUTH with rotation on").0,
        "NotAuthorizedException"
    );

    let rotated = ok(get_tokens(&stack, &pool.client, &first).await, "rotation");
    assert!(rotated.get("ChallengeParameters").is_none());
    let second = refresh_token(&rotated);
    assert_ne!(second, first);
    ok(
        stack
            .call(
                "GetUser",
                json!({"AccessToken": access(&rotated["AuthenticationResult"])}),
            )
            .await,
        "GetUser with the rotated access token",
    );
    // A retry within the grace period still works...
    ok(
        get_tokens(&stack, &pool.client, &first).await,
        "the replaced token within its grace period",
    );
    // ...not after it.
    let (status, _) = stack
        .local(Method::POST, "expire-codes", json!({"username": email}))
        .await;
    assert_eq!(status, 200);
    let reused = get_tokens(&stack, &pool.client, &first).await;
    assert_eq!(
        refused(reused, "the replaced token after its grace period").0,
        "RefreshTokenReuseException"
    );
    let third = refresh_token(&ok(
        get_tokens(&stack, &pool.client, &second).await,
        "the newer token",
    ));

    // Revoked: refused, and so is the access token issued with it.
    let latest = ok(get_tokens(&stack, &pool.client, &third).await, "rotation");
    let latest_refresh = refresh_token(&latest);
    let latest_access = access(&latest["AuthenticationResult"]);
    ok(
        stack
            .call(
                "RevokeToken",
                json!({"ClientId": pool.client, "Token": latest_refresh}),
            )
            .await,
        "RevokeToken",
    );
    let revoked = get_tokens(&stack, &pool.client, &latest_refresh).await;
    assert_eq!(
        refused(revoked, "a revoked refresh token").1,
        "Refresh Token has been revoked"
    );
    let revoked_access = stack
        .call("GetUser", json!({"AccessToken": latest_access}))
        .await;
    assert_eq!(
        refused(revoked_access, "the revoked session's access token").0,
        "NotAuthorizedException"
    );

    // Signed out everywhere: every refresh token ends.
    ok(
        stack
            .call(
                "GlobalSignOut",
                json!({"AccessToken": access(&rotated["AuthenticationResult"])}),
            )
            .await,
        "GlobalSignOut",
    );
    let signed_out = get_tokens(&stack, &pool.client, &second).await;
    assert_eq!(
        refused(signed_out, "after global sign-out").0,
        "NotAuthorizedException"
    );

    // Without rotation (the app's client): new ID and access tokens only.
    stack.confirmed("plain@example.com").await;
    let plain = ok(
        stack.sign_in("plain@example.com", PASSWORD).await,
        "main pool sign-in",
    );
    let refreshed = ok(
        get_tokens(&stack, stack.client_id(), &refresh_token(&plain)).await,
        "GetTokensFromRefreshToken without rotation",
    );
    assert!(refreshed["AuthenticationResult"]["IdToken"].is_string());
    assert!(
        refreshed["AuthenticationResult"]
            .get("RefreshToken")
            .is_none()
    );
    let nobody = get_tokens(&stack, "no-such-client", &first).await;
    assert_eq!(
        refused(nobody, "an unknown client").0,
        "ResourceNotFoundException"
    );
}

#[tokio::test]
async fn the_pools_site_is_on_localhost_and_its_api_takes_the_tokens_of_a_code() {
    let site = common::TempDir::new("passwordless-site");
    std::fs::write(
        site.path().join("index.html"),
        "<!doctype html><title>t</title>",
    )
    .expect("write the site");
    let site_arg = site.path().to_str().expect("a UTF-8 temp path");
    let Some(mut stack) = Stack::start("the passwordless site test", &["--site", site_arg]).await
    else {
        return;
    };
    // The end-to-end run refuses stack output that says "password".
    let ready = stack.ready_line();
    assert!(
        ready.contains("essentials pool's site http://localhost:"),
        "{ready}"
    );
    assert!(!ready.to_lowercase().contains("password"), "{ready}");
    let listed = &stack.state.extra_pools[stack_contract::pools::ESSENTIALS_POOL];
    let site_url = listed.site_url.clone().expect("a site for the pool");
    assert!(site_url.starts_with("http://localhost:"), "{site_url}");
    assert_eq!(
        listed.web_authn_relying_party_id.as_deref(),
        Some("localhost")
    );
    assert_eq!(
        listed.allowed_first_auth_factors,
        ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]
    );
    assert_eq!(listed.refresh_token_rotation_grace_seconds, Some(10));
    let mfa_site = stack.state.extra_pools[stack_contract::pools::MFA_POOL]
        .site_url
        .clone()
        .expect("a site for the mfa pool");
    assert!(mfa_site.starts_with("http://127.0.0.1:"), "{mfa_site}");

    let config = get(&site_url, "/config.json", None).await;
    assert_eq!(config.code(), 200);
    assert_eq!(
        config.json()["userPoolClientId"],
        listed.user_pool_client_id
    );
    // The app signs in by choice there, with the pool's ways in.
    assert_eq!(
        config.json()["firstAuthFactors"],
        serde_json::json!(listed.allowed_first_auth_factors)
    );

    let pool = Pool::essentials(&stack);
    let email = "site@example.com";
    pool.confirmed(email, None, None).await;
    let signed_in = pool.email_code_sign_in(email).await;
    let id = signed_in["AuthenticationResult"]["IdToken"]
        .as_str()
        .expect("an ID token");
    let hello = get(&site_url, "/hello", Some(id)).await;
    assert_eq!(hello.code(), 200, "the local API");
    assert_eq!(get(&site_url, "/hello", None).await.code(), 401);
}

async fn get(
    origin: &str,
    path: &str,
    authorization: Option<&str>,
) -> local_stack::http_client::Answer {
    let headers: Vec<(&str, &str)> = authorization
        .map(|a| vec![("Authorization", a)])
        .unwrap_or_default();
    local_stack::http_client::send(
        Method::GET,
        &format!("{origin}{path}"),
        &headers,
        Vec::new(),
    )
    .await
    .expect("the pool's site answers")
}
