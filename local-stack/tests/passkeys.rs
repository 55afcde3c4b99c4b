//! Passkeys on the `essentials` pool, against a real moto (issue 16):
//! registration with an access token, the list, deletion, and the
//! `WEB_AUTHN` challenge of `USER_AUTH`, with a software passkey that makes
//! real attestations and signed assertions; tampered, deleted,
//! wrong-origin and wrong-relying-party ones are refused. Needs
//! `MOTO_SERVER`.

#[path = "api/common.rs"]
mod common;
#[path = "support/front.rs"]
mod front;
#[path = "support/passkey.rs"]
mod passkey;
#[path = "support/process.rs"]
mod process;
#[path = "support/user_auth.rs"]
mod user_auth;

use front::{PASSWORD, Stack};
use passkey::{SoftPasskey, tampered};
use serde_json::{Value, json};
use user_auth::{Pool, access, available, ok, refused, tokens_work};

const ORIGIN: &str = "http://localhost:8080";

/// Signed up with a password, confirmed, signed in: the access token.
async fn signed_in(pool: &Pool<'_>, email: &str) -> String {
    pool.confirmed(email, Some(PASSWORD), None).await;
    let result = ok(
        pool.user_auth(json!({"USERNAME": email, "PREFERRED_CHALLENGE": "PASSWORD",
                              "PASSWORD": PASSWORD}))
            .await,
        "USER_AUTH with the password",
    );
    access(&result["AuthenticationResult"])
}

async fn start(stack: &Stack, access: &str) -> Value {
    let started = ok(
        stack
            .call("StartWebAuthnRegistration", json!({"AccessToken": access}))
            .await,
        "StartWebAuthnRegistration",
    );
    started["CredentialCreationOptions"].clone()
}

async fn complete(
    stack: &Stack,
    access: &str,
    credential: Value,
) -> Result<Value, (String, String)> {
    stack
        .call(
            "CompleteWebAuthnRegistration",
            json!({"AccessToken": access, "Credential": credential}),
        )
        .await
}

async fn registered(stack: &Stack, access: &str, passkey: &mut SoftPasskey) {
    let options = start(stack, access).await;
    let credential = passkey.register(&options);
    ok(
        complete(stack, access, credential).await,
        "CompleteWebAuthnRegistration",
    );
}

/// The `WEB_AUTHN` challenge, preferred: its session and request options.
async fn web_authn(pool: &Pool<'_>, email: &str) -> (Value, String) {
    let challenge = ok(
        pool.user_auth(json!({"USERNAME": email, "PREFERRED_CHALLENGE": "WEB_AUTHN"}))
            .await,
        "USER_AUTH preferring WEB_AUTHN",
    );
    assert_eq!(challenge["ChallengeName"], "WEB_AUTHN");
    let options = challenge["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"]
        .as_str()
        .expect("CREDENTIAL_REQUEST_OPTIONS as a JSON string")
        .to_string();
    (challenge["Session"].clone(), options)
}

async fn answer_with(
    pool: &Pool<'_>,
    session: &Value,
    email: &str,
    credential: &str,
) -> Result<Value, (String, String)> {
    pool.answer(
        "WEB_AUTHN",
        session,
        json!({"USERNAME": email, "CREDENTIAL": credential}),
    )
    .await
}

#[tokio::test]
async fn a_registered_passkey_is_listed_and_signs_in_with_a_real_assertion() {
    let Some(stack) = Stack::start("the passkey sign-in test", &[]).await else {
        return;
    };
    let pool = Pool::essentials(&stack);
    let email = "passkey@example.com";
    let access = signed_in(&pool, email).await;

    let options = start(&stack, &access).await;
    assert_eq!(options["rp"]["id"], "localhost");
    assert_eq!(options["user"]["name"], email);
    assert!(options["challenge"].as_str().is_some_and(|c| c.len() >= 32));
    let mut passkey = SoftPasskey::new(ORIGIN);
    let credential = passkey.register(&options);
    ok(
        complete(&stack, &access, credential.clone()).await,
        "CompleteWebAuthnRegistration",
    );
    let again = complete(&stack, &access, credential).await;
    assert_eq!(
        refused(again, "the same challenge twice").0,
        "WebAuthnChallengeNotFoundException"
    );

    let listed = ok(
        stack
            .call("ListWebAuthnCredentials", json!({"AccessToken": access}))
            .await,
        "ListWebAuthnCredentials",
    );
    let credentials = listed["Credentials"].as_array().expect("Credentials");
    assert_eq!(credentials.len(), 1);
    let described = &credentials[0];
    assert_eq!(described["CredentialId"], passkey.id());
    assert_eq!(described["RelyingPartyId"], "localhost");
    assert_eq!(described["AuthenticatorAttachment"], "platform");
    assert_eq!(described["AuthenticatorTransports"], json!(["internal"]));
    assert!(
        described["CreatedAt"]
            .as_u64()
            .is_some_and(|t| t > 1_700_000_000)
    );
    assert!(described["FriendlyCredentialName"].is_string());

    let select = ok(
        pool.user_auth(json!({"USERNAME": email})).await,
        "USER_AUTH",
    );
    assert_eq!(available(&select), ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"]);
    let factors = ok(
        stack
            .call("GetUserAuthFactors", json!({"AccessToken": access}))
            .await,
        "GetUserAuthFactors",
    );
    assert_eq!(
        factors["ConfiguredUserAuthFactors"],
        json!(["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"])
    );
    assert!(factors["Username"].is_string());
    assert!(factors.get("UserMFASettingList").is_none(), "no MFA set up");

    let (session, request_options) = web_authn(&pool, email).await;
    let parsed: Value = serde_json::from_str(&request_options).expect("JSON");
    assert_eq!(parsed["rpId"], "localhost");
    assert_eq!(parsed["allowCredentials"][0]["id"], passkey.id());
    let assertion = passkey.assert(&request_options);
    let signed_in = ok(
        answer_with(&pool, &session, email, &assertion).await,
        "WEB_AUTHN with the passkey",
    );
    tokens_work(&pool, &signed_in["AuthenticationResult"], email).await;

    // An assertion answers its own challenge only.
    let (session, _) = web_authn(&pool, email).await;
    let replayed = answer_with(&pool, &session, email, &assertion).await;
    assert_eq!(
        refused(replayed, "a replayed assertion").0,
        "NotAuthorizedException"
    );
}

#[tokio::test]
async fn tampered_deleted_and_foreign_passkeys_are_refused() {
    let Some(stack) = Stack::start("the refused passkey test", &[]).await else {
        return;
    };
    let pool = Pool::essentials(&stack);
    let email = "refused@example.com";
    let access = signed_in(&pool, email).await;

    // Registration: the wrong origin, the wrong relying party, no challenge.
    let mut elsewhere = SoftPasskey::new("http://evil.example:8080");
    let options = start(&stack, &access).await;
    let wrong_origin = complete(&stack, &access, elsewhere.register(&options)).await;
    assert_eq!(
        refused(wrong_origin, "another origin").0,
        "WebAuthnOriginNotAllowedException"
    );
    let mut other_party = SoftPasskey::new(ORIGIN);
    other_party.rp_id = "example.com".into();
    let options = start(&stack, &access).await;
    let wrong_party = complete(&stack, &access, other_party.register(&options)).await;
    assert_eq!(
        refused(wrong_party, "another relying party").0,
        "WebAuthnRelyingPartyMismatchException"
    );
    let mut passkey = SoftPasskey::new(ORIGIN);
    let unasked = complete(&stack, &access, passkey.register(&options)).await;
    assert_eq!(
        refused(unasked, "no challenge open").0,
        "WebAuthnChallengeNotFoundException"
    );
    registered(&stack, &access, &mut passkey).await;

    // Sign-in: tampered, from another origin, then the real one on the
    // same session (a refused assertion keeps it, as a wrong code does).
    let (session, request_options) = web_authn(&pool, email).await;
    let forged = tampered(&passkey.assert(&request_options));
    let refused_forged = answer_with(&pool, &session, email, &forged).await;
    assert_eq!(
        refused(refused_forged, "a tampered assertion").0,
        "NotAuthorizedException"
    );
    passkey.origin = "http://evil.example:8080".into();
    let foreign = passkey.assert(&request_options);
    let refused_foreign = answer_with(&pool, &session, email, &foreign).await;
    assert_eq!(
        refused(refused_foreign, "an assertion for another origin").0,
        "NotAuthorizedException"
    );
    passkey.origin = ORIGIN.into();
    let real = passkey.assert(&request_options);
    ok(
        answer_with(&pool, &session, email, &real).await,
        "the real assertion after refused ones",
    );

    // Deleted between the challenge and the answer: refused; not offered
    // after.
    let (session, request_options) = web_authn(&pool, email).await;
    ok(
        stack
            .call(
                "DeleteWebAuthnCredential",
                json!({"AccessToken": access, "CredentialId": passkey.id()}),
            )
            .await,
        "DeleteWebAuthnCredential",
    );
    let deleted = answer_with(&pool, &session, email, &passkey.assert(&request_options)).await;
    assert_eq!(
        refused(deleted, "a deleted passkey").0,
        "NotAuthorizedException"
    );
    let select = ok(
        pool.user_auth(json!({"USERNAME": email})).await,
        "USER_AUTH",
    );
    assert_eq!(available(&select), ["PASSWORD", "EMAIL_OTP"]);
    let listed = ok(
        stack
            .call("ListWebAuthnCredentials", json!({"AccessToken": access}))
            .await,
        "ListWebAuthnCredentials",
    );
    assert_eq!(listed["Credentials"], json!([]));
    let gone = stack
        .call(
            "DeleteWebAuthnCredential",
            json!({"AccessToken": access, "CredentialId": passkey.id()}),
        )
        .await;
    assert_eq!(
        refused(gone, "deleting it again").0,
        "ResourceNotFoundException"
    );

    // The app's pool has no passkeys.
    stack.confirmed("main@example.com").await;
    let main = ok(
        stack.sign_in("main@example.com", PASSWORD).await,
        "main pool sign-in",
    );
    let main_access = user_auth::access(&main["AuthenticationResult"]);
    let not_enabled = stack
        .call(
            "StartWebAuthnRegistration",
            json!({"AccessToken": main_access}),
        )
        .await;
    assert_eq!(
        refused(not_enabled, "passkeys on the main pool").0,
        "WebAuthnNotEnabledException"
    );
}
