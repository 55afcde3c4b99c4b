//! Every second factor as Cognito runs it, against a real moto (issue 17,
//! part 1): MFA_SETUP with a real authenticator-app secret on the pool that
//! requires MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP and SELECT_MFA_TYPE after
//! set-up, and set-up from the account page with an access token. The
//! tokens at the end work like any of moto's. Needs `MOTO_SERVER`.

#[path = "api/common.rs"]
mod common;
#[path = "support/front.rs"]
mod front;
#[path = "support/process.rs"]
mod process;

use front::{PASSWORD, Stack, other_code};
use hyper::Method;
use serde_json::{Value, json};
use stack_contract::cognito::requests;
use stack_contract::pools::MFA_POOL;
use stack_contract::totp;

/// The error of a call that must fail; a success panics without printing
/// its answer, which may hold tokens.
fn refused(result: Result<Value, (String, String)>, what: &str) -> (String, String) {
    match result {
        Ok(_) => panic!("{what}: answered success"),
        Err(error) => error,
    }
}

fn ok(result: Result<Value, (String, String)>, what: &str) -> Value {
    result.unwrap_or_else(|(kind, message)| panic!("{what}: {kind}: {message}"))
}

/// The field names of an answer, to say what came back without secrets.
fn keys(value: &Value) -> Vec<String> {
    value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

struct Pool<'a> {
    stack: &'a Stack,
    client: String,
}

impl Pool<'_> {
    fn mfa(stack: &Stack) -> Pool<'_> {
        let client = stack.state.extra_pools[MFA_POOL]
            .user_pool_client_id
            .clone();
        Pool { stack, client }
    }

    fn main(stack: &Stack) -> Pool<'_> {
        let client = stack.client_id().to_string();
        Pool { stack, client }
    }

    async fn confirmed(&self, email: &str) {
        let sign_up = requests::sign_up(&self.client, email, PASSWORD);
        ok(self.stack.call("SignUp", sign_up).await, "SignUp");
        let code = self.stack.code_sent_to(email).await;
        let confirm = requests::confirm_sign_up(&self.client, email, &code);
        ok(
            self.stack.call("ConfirmSignUp", confirm).await,
            "ConfirmSignUp",
        );
    }

    async fn sign_in(&self, email: &str) -> Value {
        let auth = requests::password_auth(&self.client, email, PASSWORD);
        ok(self.stack.call("InitiateAuth", auth).await, "InitiateAuth")
    }

    async fn answer(
        &self,
        name: &str,
        session: &Value,
        responses: Value,
    ) -> Result<Value, (String, String)> {
        self.stack
            .call(
                "RespondToAuthChallenge",
                json!({"ClientId": self.client, "ChallengeName": name,
                       "Session": session, "ChallengeResponses": responses}),
            )
            .await
    }
}

fn access(result: &Value) -> String {
    result["AccessToken"]
        .as_str()
        .expect("an access token")
        .to_string()
}

/// The tokens work as moto's own: GetUser, the API, refresh, then global
/// sign-out ends them.
async fn tokens_work(stack: &Stack, client: &str, result: &Value) {
    let access = access(result);
    ok(
        stack.call("GetUser", json!({"AccessToken": access})).await,
        "GetUser",
    );
    let id = result["IdToken"].as_str().expect("an ID token");
    if client == stack.client_id() {
        assert_eq!(stack.hello(id).await.0, 200, "the API takes the ID token");
    }
    let refresh = result["RefreshToken"].as_str().expect("a refresh token");
    let refreshed = ok(
        stack
            .call("InitiateAuth", requests::refresh(client, refresh))
            .await,
        "refresh",
    );
    assert!(refreshed["AuthenticationResult"]["AccessToken"].is_string());
    ok(
        stack
            .call("GlobalSignOut", json!({"AccessToken": access}))
            .await,
        "GlobalSignOut",
    );
    let after = stack.call("GetUser", json!({"AccessToken": access})).await;
    assert_eq!(
        refused(after, "GetUser after sign-out").0,
        "NotAuthorizedException"
    );
}

#[tokio::test]
async fn mfa_setup_enrols_a_real_authenticator_app_and_refuses_a_wrong_code() {
    let Some(stack) = Stack::start("the MFA_SETUP test", &[]).await else {
        return;
    };
    let pool = Pool::mfa(&stack);
    let email = "new@example.com";
    pool.confirmed(email).await;

    let challenge = pool.sign_in(email).await;
    assert_eq!(
        challenge["ChallengeName"],
        "MFA_SETUP",
        "{:?}",
        keys(&challenge)
    );
    assert!(challenge.get("AuthenticationResult").is_none());
    assert_eq!(
        challenge["ChallengeParameters"]["MFAS_CAN_SETUP"],
        r#"["SOFTWARE_TOKEN_MFA","SMS_MFA","EMAIL_OTP"]"#
    );
    // Not yet: nothing set up.
    let early = pool
        .answer(
            "MFA_SETUP",
            &challenge["Session"],
            json!({"USERNAME": email}),
        )
        .await;
    assert_eq!(
        refused(early, "MFA_SETUP before set-up").0,
        "NotAuthorizedException"
    );

    let challenge = pool.sign_in(email).await;
    let associated = ok(
        stack
            .call(
                "AssociateSoftwareToken",
                json!({"Session": challenge["Session"]}),
            )
            .await,
        "AssociateSoftwareToken",
    );
    let secret = associated["SecretCode"]
        .as_str()
        .expect("a secret")
        .to_string();
    assert_eq!(secret.len(), 52, "32 bytes in base32");
    assert!(
        secret
            .bytes()
            .all(|b| b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains(&b))
    );
    assert_ne!(associated["Session"], challenge["Session"], "a new session");
    let verify = |code: String| json!({"Session": associated["Session"], "UserCode": code, "FriendlyDeviceName": "phone"});
    let wrong = stack
        .call("VerifySoftwareToken", verify(totp::wrong_code(&secret)))
        .await;
    assert_eq!(
        refused(wrong, "a wrong code"),
        (
            "EnableSoftwareTokenMFAException".to_string(),
            "Code mismatch and fail enable Software Token MFA".to_string()
        )
    );
    // A neighbouring step's code is good too (clock drift).
    let previous = totp::code(&secret, totp::now_secs() - 30);
    let verified = ok(
        stack.call("VerifySoftwareToken", verify(previous)).await,
        "VerifySoftwareToken",
    );
    assert_eq!(verified["Status"], "SUCCESS");
    let signed_in = ok(
        pool.answer(
            "MFA_SETUP",
            &verified["Session"],
            json!({"USERNAME": email}),
        )
        .await,
        "MFA_SETUP",
    );
    let result = signed_in["AuthenticationResult"].clone();
    let user = ok(
        stack
            .call("GetUser", json!({"AccessToken": access(&result)}))
            .await,
        "GetUser",
    );
    assert_eq!(user["UserMFASettingList"], json!(["SOFTWARE_TOKEN_MFA"]));
    assert_eq!(user["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA");
    tokens_work(&stack, &pool.client, &result).await;

    // From now on the app's code is asked for, and checked.
    let challenge = pool.sign_in(email).await;
    assert_eq!(challenge["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    let code = |code: String| json!({"USERNAME": email, "SOFTWARE_TOKEN_MFA_CODE": code});
    let wrong = pool
        .answer(
            "SOFTWARE_TOKEN_MFA",
            &challenge["Session"],
            code(totp::wrong_code(&secret)),
        )
        .await;
    assert_eq!(
        refused(wrong, "a wrong app code").0,
        "CodeMismatchException"
    );
    let signed_in = ok(
        pool.answer(
            "SOFTWARE_TOKEN_MFA",
            &challenge["Session"],
            code(totp::code_now(&secret)),
        )
        .await,
        "SOFTWARE_TOKEN_MFA with the same session",
    );
    assert!(signed_in["AuthenticationResult"]["IdToken"].is_string());
}

#[tokio::test]
async fn a_challenge_session_expires() {
    let Some(stack) = Stack::start("the expired challenge test", &[]).await else {
        return;
    };
    let pool = Pool::mfa(&stack);
    let email = "slow@example.com";
    pool.confirmed(email).await;
    let challenge = pool.sign_in(email).await;
    let (status, _) = stack
        .local(Method::POST, "expire-codes", json!({"username": email}))
        .await;
    assert_eq!(status, 200);
    let late = stack
        .call(
            "AssociateSoftwareToken",
            json!({"Session": challenge["Session"]}),
        )
        .await;
    assert_eq!(
        refused(late, "an expired session"),
        (
            "NotAuthorizedException".to_string(),
            "Invalid session for the user, session is expired.".to_string()
        )
    );
}

#[tokio::test]
async fn email_codes_and_the_choice_between_methods() {
    let Some(stack) = Stack::start("the EMAIL_OTP and SELECT_MFA_TYPE test", &[]).await else {
        return;
    };
    let pool = Pool::mfa(&stack);
    let email = "mail@example.com";
    pool.confirmed(email).await;

    // Email MFA set up during sign-in: the code goes to the address given.
    let challenge = pool.sign_in(email).await;
    let sent = ok(
        pool.answer(
            "MFA_SETUP",
            &challenge["Session"],
            json!({"USERNAME": email, "EMAIL": email}),
        )
        .await,
        "MFA_SETUP with EMAIL",
    );
    assert_eq!(sent["ChallengeName"], "EMAIL_OTP");
    assert_eq!(
        sent["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"],
        "EMAIL"
    );
    assert_eq!(
        sent["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"],
        "m***@e***"
    );
    let code = stack.code_sent_to(email).await;
    let answer = |code: &str| json!({"USERNAME": email, "EMAIL_OTP_CODE": code});
    let wrong = pool
        .answer("EMAIL_OTP", &sent["Session"], answer(&other_code(&code)))
        .await;
    assert_eq!(
        refused(wrong, "a wrong email code").0,
        "CodeMismatchException"
    );
    let result = ok(
        pool.answer("EMAIL_OTP", &sent["Session"], answer(&code))
            .await,
        "EMAIL_OTP",
    )["AuthenticationResult"]
        .clone();
    let token = access(&result);
    let user = ok(
        stack.call("GetUser", json!({"AccessToken": token})).await,
        "GetUser",
    );
    assert_eq!(user["UserMFASettingList"], json!(["EMAIL_OTP"]));

    // The next sign-in asks for an email code straight away.
    let challenge = pool.sign_in(email).await;
    assert_eq!(challenge["ChallengeName"], "EMAIL_OTP");

    // An authenticator app as well, from the account page, and no
    // preference: the person chooses.
    let associated = ok(
        stack
            .call("AssociateSoftwareToken", json!({"AccessToken": token}))
            .await,
        "AssociateSoftwareToken with an access token",
    );
    assert!(associated.get("Session").is_none());
    let secret = associated["SecretCode"]
        .as_str()
        .expect("a secret")
        .to_string();
    let early = stack
        .call(
            "SetUserMFAPreference",
            json!({"AccessToken": token, "SoftwareTokenMfaSettings": {"Enabled": true}}),
        )
        .await;
    assert_eq!(
        refused(early, "TOTP before verifying").0,
        "InvalidParameterException"
    );
    let wrong = stack
        .call(
            "VerifySoftwareToken",
            json!({"AccessToken": token, "UserCode": totp::wrong_code(&secret)}),
        )
        .await;
    assert_eq!(
        refused(wrong, "a wrong code").0,
        "EnableSoftwareTokenMFAException"
    );
    let verified = ok(
        stack
            .call(
                "VerifySoftwareToken",
                json!({"AccessToken": token, "UserCode": totp::code_now(&secret)}),
            )
            .await,
        "VerifySoftwareToken with an access token",
    );
    assert_eq!(verified["Status"], "SUCCESS");
    ok(
        stack
            .call(
                "SetUserMFAPreference",
                json!({"AccessToken": token,
                       "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": false},
                       "EmailMfaSettings": {"Enabled": true, "PreferredMfa": false}}),
            )
            .await,
        "SetUserMFAPreference",
    );
    let user = ok(
        stack.call("GetUser", json!({"AccessToken": token})).await,
        "GetUser",
    );
    assert_eq!(
        user["UserMFASettingList"],
        json!(["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"])
    );
    assert!(
        user.get("PreferredMfaSetting").is_none(),
        "{:?}",
        keys(&user)
    );

    let challenge = pool.sign_in(email).await;
    assert_eq!(challenge["ChallengeName"], "SELECT_MFA_TYPE");
    assert_eq!(
        challenge["ChallengeParameters"]["MFAS_CAN_CHOOSE"],
        r#"["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]"#
    );
    let chosen = ok(
        pool.answer(
            "SELECT_MFA_TYPE",
            &challenge["Session"],
            json!({"USERNAME": email, "ANSWER": "SOFTWARE_TOKEN_MFA"}),
        )
        .await,
        "SELECT_MFA_TYPE",
    );
    assert_eq!(chosen["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    let signed_in = ok(
        pool.answer(
            "SOFTWARE_TOKEN_MFA",
            &chosen["Session"],
            json!({"USERNAME": email, "SOFTWARE_TOKEN_MFA_CODE": totp::code_now(&secret)}),
        )
        .await,
        "SOFTWARE_TOKEN_MFA after the choice",
    );
    tokens_work(&stack, &pool.client, &signed_in["AuthenticationResult"]).await;

    // Preferring one ends the choice.
    let token = access(&pool.set_up_app_or_sign_in(email, &secret).await);
    ok(
        stack
            .call(
                "SetUserMFAPreference",
                json!({"AccessToken": token, "EmailMfaSettings": {"Enabled": true, "PreferredMfa": true}}),
            )
            .await,
        "prefer email",
    );
    let user = ok(
        stack.call("GetUser", json!({"AccessToken": token})).await,
        "GetUser",
    );
    assert_eq!(user["PreferredMfaSetting"], "EMAIL_OTP");
    assert_eq!(pool.sign_in(email).await["ChallengeName"], "EMAIL_OTP");
}

impl Pool<'_> {
    /// Signs in through SELECT_MFA_TYPE with the app.
    async fn set_up_app_or_sign_in(&self, email: &str, secret: &str) -> Value {
        let challenge = self.sign_in(email).await;
        let chosen = ok(
            self.answer(
                "SELECT_MFA_TYPE",
                &challenge["Session"],
                json!({"USERNAME": email, "ANSWER": "SOFTWARE_TOKEN_MFA"}),
            )
            .await,
            "SELECT_MFA_TYPE",
        );
        ok(
            self.answer(
                "SOFTWARE_TOKEN_MFA",
                &chosen["Session"],
                json!({"USERNAME": email, "SOFTWARE_TOKEN_MFA_CODE": totp::code_now(secret)}),
            )
            .await,
            "SOFTWARE_TOKEN_MFA",
        )["AuthenticationResult"]
            .clone()
    }
}

#[tokio::test]
async fn the_main_pool_asks_for_the_app_once_it_is_turned_on() {
    let Some(stack) = Stack::start("the optional MFA test", &[]).await else {
        return;
    };
    let pool = Pool::main(&stack);
    let email = "optional@example.com";
    pool.confirmed(email).await;
    let result = pool.sign_in(email).await["AuthenticationResult"].clone();
    let token = access(&result);
    let user = ok(
        stack.call("GetUser", json!({"AccessToken": token})).await,
        "GetUser",
    );
    assert!(
        user.get("UserMFASettingList").is_none(),
        "{:?}",
        keys(&user)
    );
    let email_mfa = stack
        .call(
            "SetUserMFAPreference",
            json!({"AccessToken": token, "EmailMfaSettings": {"Enabled": true}}),
        )
        .await;
    assert_eq!(
        refused(email_mfa, "email MFA on a TOTP-only pool").0,
        "InvalidParameterException"
    );

    let secret = ok(
        stack
            .call("AssociateSoftwareToken", json!({"AccessToken": token}))
            .await,
        "AssociateSoftwareToken",
    )["SecretCode"]
        .as_str()
        .expect("a secret")
        .to_string();
    ok(
        stack
            .call(
                "VerifySoftwareToken",
                json!({"AccessToken": token, "UserCode": totp::code_now(&secret)}),
            )
            .await,
        "VerifySoftwareToken",
    );
    // Verified but not turned on: still straight in.
    assert!(pool.sign_in(email).await["AuthenticationResult"].is_object());
    ok(
        stack
            .call(
                "SetUserMFAPreference",
                json!({"AccessToken": token,
                       "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": true}}),
            )
            .await,
        "SetUserMFAPreference",
    );
    let challenge = pool.sign_in(email).await;
    assert_eq!(challenge["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    let signed_in = ok(
        pool.answer(
            "SOFTWARE_TOKEN_MFA",
            &challenge["Session"],
            json!({"USERNAME": email, "SOFTWARE_TOKEN_MFA_CODE": totp::code_now(&secret)}),
        )
        .await,
        "SOFTWARE_TOKEN_MFA",
    );
    tokens_work(&stack, &pool.client, &signed_in["AuthenticationResult"]).await;

    // Turned off again: straight in.
    let token = access(&pool_sign_in_with_app(&pool, email, &secret).await);
    ok(
        stack
            .call(
                "SetUserMFAPreference",
                json!({"AccessToken": token, "SoftwareTokenMfaSettings": {"Enabled": false}}),
            )
            .await,
        "turn the app off",
    );
    assert!(pool.sign_in(email).await["AuthenticationResult"].is_object());
}

async fn pool_sign_in_with_app(pool: &Pool<'_>, email: &str, secret: &str) -> Value {
    let challenge = pool.sign_in(email).await;
    ok(
        pool.answer(
            "SOFTWARE_TOKEN_MFA",
            &challenge["Session"],
            json!({"USERNAME": email, "SOFTWARE_TOKEN_MFA_CODE": totp::code_now(secret)}),
        )
        .await,
        "SOFTWARE_TOKEN_MFA",
    )["AuthenticationResult"]
        .clone()
}
