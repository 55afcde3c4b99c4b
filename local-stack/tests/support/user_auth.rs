//! Choice-based sign-in as the tests drive it: the `essentials` pool's
//! client, `USER_AUTH`, challenge answers, and the check that the tokens
//! at the end work like moto's own.
#![allow(dead_code)] // Each test binary uses a different part.

use serde_json::{Value, json};
use stack_contract::cognito::requests;
use stack_contract::pools::ESSENTIALS_POOL;

use super::front::Stack;

pub const PHONE: &str = "+15555550142";

pub fn ok(result: Result<Value, (String, String)>, what: &str) -> Value {
    result.unwrap_or_else(|(kind, message)| panic!("{what}: {kind}: {message}"))
}

/// The error of a call that must fail; a success panics without printing
/// its answer, which may hold tokens.
pub fn refused(result: Result<Value, (String, String)>, what: &str) -> (String, String) {
    match result {
        Ok(_) => panic!("{what}: answered success"),
        Err(error) => error,
    }
}

pub struct Pool<'a> {
    pub stack: &'a Stack,
    pub client: String,
}

impl Pool<'_> {
    pub fn essentials(stack: &Stack) -> Pool<'_> {
        let client = stack.state.extra_pools[ESSENTIALS_POOL]
            .user_pool_client_id
            .clone();
        Pool { stack, client }
    }

    /// Signed up (with a password, or without one) and confirmed with
    /// SignUp's `Session`; the confirmation's answer.
    pub async fn confirmed(
        &self,
        email: &str,
        password: Option<&str>,
        phone: Option<&str>,
    ) -> Value {
        let mut sign_up = json!({"ClientId": self.client, "Username": email,
            "UserAttributes": [{"Name": "email", "Value": email}]});
        if let Some(password) = password {
            sign_up["Password"] = json!(password);
        }
        if let Some(phone) = phone {
            sign_up["UserAttributes"]
                .as_array_mut()
                .expect("a list")
                .push(json!({"Name": "phone_number", "Value": phone}));
        }
        let signed_up = ok(self.stack.call("SignUp", sign_up).await, "SignUp");
        assert_eq!(signed_up["UserConfirmed"], false);
        assert_eq!(signed_up["CodeDeliveryDetails"]["DeliveryMedium"], "EMAIL");
        let session = signed_up["Session"].as_str().expect("SignUp's Session");
        let code = self.stack.code_sent_to(email).await;
        let mut confirm = requests::confirm_sign_up(&self.client, email, &code);
        confirm["Session"] = json!(session);
        ok(
            self.stack.call("ConfirmSignUp", confirm).await,
            "ConfirmSignUp",
        )
    }

    pub async fn user_auth(&self, parameters: Value) -> Result<Value, (String, String)> {
        self.stack
            .call(
                "InitiateAuth",
                json!({"ClientId": self.client, "AuthFlow": "USER_AUTH",
                       "AuthParameters": parameters}),
            )
            .await
    }

    /// Signed in with a code by email (USER_AUTH preferring EMAIL_OTP,
    /// the code from the outbox): Cognito's answer.
    pub async fn email_code_sign_in(&self, email: &str) -> Value {
        let challenge = ok(
            self.user_auth(json!({"USERNAME": email, "PREFERRED_CHALLENGE": "EMAIL_OTP"}))
                .await,
            "USER_AUTH preferring EMAIL_OTP",
        );
        let code = self.stack.code_sent_to(email).await;
        ok(
            self.answer(
                "EMAIL_OTP",
                &challenge["Session"],
                json!({"USERNAME": email, "EMAIL_OTP_CODE": code}),
            )
            .await,
            "EMAIL_OTP",
        )
    }

    pub async fn answer(
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

pub fn access(result: &Value) -> String {
    result["AccessToken"]
        .as_str()
        .expect("an access token")
        .to_string()
}

/// The tokens work as moto's own: GetUser says who, refresh (rotated)
/// works, and global sign-out ends them.
pub async fn tokens_work(pool: &Pool<'_>, result: &Value, email: &str) {
    let stack = pool.stack;
    let access = access(result);
    let me = ok(
        stack.call("GetUser", json!({"AccessToken": access})).await,
        "GetUser",
    );
    let attributes = me["UserAttributes"].to_string();
    assert!(attributes.contains(email), "GetUser is {email}'s");
    // The client rotates refresh tokens: a new one with each refresh.
    let refresh = result["RefreshToken"].as_str().expect("a refresh token");
    let refreshed = ok(
        stack
            .call(
                "GetTokensFromRefreshToken",
                json!({"ClientId": pool.client, "RefreshToken": refresh}),
            )
            .await,
        "GetTokensFromRefreshToken",
    );
    let renewed = &refreshed["AuthenticationResult"];
    assert!(renewed["AccessToken"].is_string());
    assert!(
        renewed["RefreshToken"]
            .as_str()
            .is_some_and(|r| r != refresh)
    );
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

pub fn available(answer: &Value) -> Vec<&str> {
    answer["AvailableChallenges"]
        .as_array()
        .expect("AvailableChallenges")
        .iter()
        .filter_map(Value::as_str)
        .collect()
}
