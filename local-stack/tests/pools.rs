//! The extra pools against a real moto (issue 17, part 4): each seeded with
//! its shape and listed in the state file, sign-up on the username pool
//! held to the required attributes, and codes "sent by SMS" landing in the
//! outbox under the phone number (sign-up on a pool that verifies phones,
//! SMS MFA). Needs `MOTO_SERVER`.

#[path = "api/common.rs"]
mod common;
#[path = "support/front.rs"]
mod front;
#[path = "support/process.rs"]
mod process;

use front::{PASSWORD, Stack, other_code};
use hyper::Method;
use serde_json::{Value, json};
use stack_contract::ExtraPool;
use stack_contract::cognito::requests;
use stack_contract::pools::{ESSENTIALS_POOL, MFA_POOL, USERNAME_POOL};

const PHONE: &str = "+15555550100";

fn pool<'a>(stack: &'a Stack, name: &str) -> &'a ExtraPool {
    stack
        .state
        .extra_pools
        .get(name)
        .unwrap_or_else(|| panic!("the state file lists no {name} pool"))
}

/// A token's claims (the front's reading: the signature is moto's).
fn claims_of(token: &str) -> Value {
    local_stack::cognito::signer::claims(token).expect("a JWT")
}

/// The last code sent to this address or number, with its medium.
async fn outbox(stack: &Stack, to: &str) -> (String, String) {
    let (status, message) = stack
        .local(Method::GET, &format!("outbox?to={to}"), Value::Null)
        .await;
    assert_eq!(status, 200, "no code for {to}: {message}");
    (
        message["medium"].as_str().expect("a medium").to_string(),
        message["code"].as_str().expect("a code").to_string(),
    )
}

async fn nothing_sent_to(stack: &Stack, to: &str) -> bool {
    let (status, _) = stack
        .local(Method::GET, &format!("outbox?to={to}"), Value::Null)
        .await;
    status == 404
}

/// The error of a call that must fail; a success panics without printing
/// its answer, which may hold tokens.
fn refused(result: Result<Value, (String, String)>, what: &str) -> (String, String) {
    match result {
        Ok(_) => panic!("{what}: answered success"),
        Err(error) => error,
    }
}

/// An answer's field names, to say what came back without its secrets.
fn keys(value: &Value) -> Vec<&String> {
    value
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default()
}

fn attributes(list: &[(&str, &str)]) -> Value {
    list.iter()
        .map(|(name, value)| json!({"Name": name, "Value": value}))
        .collect()
}

fn schema_attribute<'a>(pool: &'a Value, name: &str) -> &'a Value {
    pool["UserPool"]["SchemaAttributes"]
        .as_array()
        .and_then(|list| list.iter().find(|a| a["Name"] == name))
        .unwrap_or_else(|| panic!("no {name} in the schema: {pool}"))
}

#[tokio::test]
async fn the_extra_pools_are_seeded_with_their_shape() {
    let Some(stack) = Stack::start("the extra pools' shape test", &[]).await else {
        return;
    };
    let mut names: Vec<&String> = stack.state.extra_pools.keys().collect();
    names.sort();
    assert_eq!(names, [ESSENTIALS_POOL, MFA_POOL, USERNAME_POOL]);

    let mfa = pool(&stack, MFA_POOL);
    let described = stack
        .call("DescribeUserPool", json!({"UserPoolId": mfa.user_pool_id}))
        .await
        .expect("DescribeUserPool");
    assert_eq!(described["UserPool"]["MfaConfiguration"], "ON");
    assert_eq!(
        described["UserPool"]["UsernameAttributes"],
        json!(["email"])
    );
    let config = stack
        .call(
            "GetUserPoolMfaConfig",
            json!({"UserPoolId": mfa.user_pool_id}),
        )
        .await
        .expect("GetUserPoolMfaConfig");
    assert_eq!(config["MfaConfiguration"], "ON");
    assert_eq!(config["SoftwareTokenMfaConfiguration"]["Enabled"], true);
    assert!(config["SmsMfaConfiguration"].is_object(), "{config}");
    assert_eq!(mfa.mfa_configuration, "ON");
    assert_eq!(
        mfa.mfa_methods,
        ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"]
    );
    assert_eq!(
        described["UserPool"]["UserAttributeUpdateSettings"]["AttributesRequireVerificationBeforeUpdate"],
        json!(["email"])
    );

    let username = pool(&stack, USERNAME_POOL);
    let described = stack
        .call(
            "DescribeUserPool",
            json!({"UserPoolId": username.user_pool_id}),
        )
        .await
        .expect("DescribeUserPool");
    let shape = &described["UserPool"];
    assert!(shape.get("UsernameAttributes").is_none(), "{shape}");
    assert_eq!(shape["AliasAttributes"], json!(["email"]));
    assert_eq!(shape["AutoVerifiedAttributes"], json!(["phone_number"]));
    for name in ["name", "phone_number", "birthdate"] {
        assert_eq!(
            schema_attribute(&described, name)["Required"],
            true,
            "{name}"
        );
    }
    assert_eq!(
        schema_attribute(&described, "custom:company")["AttributeDataType"],
        "String"
    );
    assert_eq!(
        username.required_attributes,
        ["name", "phone_number", "birthdate"]
    );
    assert_eq!(username.custom_attributes, ["custom:company"]);
    assert!(username.username_attributes.is_empty());

    // Each client is its own pool's, and the main pool is as before.
    for listed in [mfa, username] {
        let client = stack
            .call(
                "DescribeUserPoolClient",
                json!({"UserPoolId": listed.user_pool_id, "ClientId": listed.user_pool_client_id}),
            )
            .await
            .expect("DescribeUserPoolClient");
        assert_eq!(
            client["UserPoolClient"]["PreventUserExistenceErrors"],
            "ENABLED"
        );
    }
    let main = stack
        .call(
            "DescribeUserPool",
            json!({"UserPoolId": stack.state.user_pool_id}),
        )
        .await
        .expect("DescribeUserPool");
    assert_eq!(main["UserPool"]["MfaConfiguration"], "OPTIONAL");
    assert_ne!(stack.state.user_pool_id, mfa.user_pool_id);
}

#[tokio::test]
async fn the_username_pool_wants_its_required_attributes_and_texts_the_code() {
    let Some(stack) = Stack::start("the username pool test", &[]).await else {
        return;
    };
    let client = pool(&stack, USERNAME_POOL).user_pool_client_id.clone();
    let sign_up = |attributes: Value| {
        json!({"ClientId": client, "Username": "ana", "Password": PASSWORD,
               "UserAttributes": attributes})
    };
    let (kind, message) = refused(
        stack
            .call(
                "SignUp",
                sign_up(attributes(&[("email", "ana@example.com"), ("name", "Ana")])),
            )
            .await,
        "a sign-up without phone_number and birthdate",
    );
    assert_eq!(kind, "InvalidParameterException");
    assert!(
        message.starts_with("Attributes did not conform to the schema:")
            && message.contains("phone_number: The attribute is required")
            && message.contains("birthdate: The attribute is required")
            && !message.contains("name: The attribute is required\nphone"),
        "{message}"
    );
    assert!(nothing_sent_to(&stack, PHONE).await);
    let (kind, message) = refused(
        stack
            .call(
                "SignUp",
                sign_up(attributes(&[
                    ("name", "Ana"),
                    ("phone_number", PHONE),
                    ("birthdate", "1990-01-31"),
                    ("custom:team", "blue"),
                ])),
            )
            .await,
        "a sign-up with an attribute not in the schema",
    );
    assert_eq!(
        (kind.as_str(), message.as_str()),
        (
            "InvalidParameterException",
            "Attributes did not conform to the schema: custom:team: Attribute does not exist in the schema.\n"
        )
    );
    let (kind, message) = refused(
        stack
            .call(
                "SignUp",
                sign_up(attributes(&[
                    ("name", "Ana"),
                    ("phone_number", "555-0100"),
                    ("birthdate", "1990-01-31"),
                ])),
            )
            .await,
        "a sign-up with a phone number not in E.164 form",
    );
    assert_eq!(
        (kind.as_str(), message.as_str()),
        ("InvalidParameterException", "Invalid phone number format.")
    );

    let complete = attributes(&[
        ("email", "ana@example.com"),
        ("name", "Ana"),
        ("phone_number", PHONE),
        ("birthdate", "1990-01-31"),
        ("custom:company", "Example Ltd"),
    ]);
    let signed_up = stack
        .call("SignUp", sign_up(complete))
        .await
        .expect("a complete sign-up");
    assert_eq!(signed_up["UserConfirmed"], false);
    assert_eq!(
        signed_up["CodeDeliveryDetails"],
        json!({"Destination": "+*******0100", "DeliveryMedium": "SMS", "AttributeName": "phone_number"})
    );
    let (medium, code) = outbox(&stack, PHONE).await;
    assert_eq!(medium, "SMS");
    assert!(nothing_sent_to(&stack, "ana@example.com").await);
    let wrong = stack
        .call(
            "ConfirmSignUp",
            requests::confirm_sign_up(&client, "ana", &other_code(&code)),
        )
        .await;
    assert_eq!(refused(wrong, "a wrong code").0, "CodeMismatchException");
    stack
        .call(
            "ConfirmSignUp",
            requests::confirm_sign_up(&client, "ana", &code),
        )
        .await
        .expect("confirmed with the texted code");
    let signed_in = stack
        .call(
            "InitiateAuth",
            requests::password_auth(&client, "ana", PASSWORD),
        )
        .await
        .expect("signed in with the username");
    assert!(signed_in["AuthenticationResult"]["IdToken"].is_string());

    // The email alias stands for the username only once it is verified;
    // ID tokens say whether it is, as Cognito's do.
    let id_token = signed_in["AuthenticationResult"]["IdToken"]
        .as_str()
        .unwrap();
    let claims = claims_of(id_token);
    assert_eq!(claims["email"], "ana@example.com");
    assert_eq!(claims["email_verified"], "false");
    assert_eq!(claims["phone_number_verified"], "true");
    let by_email = stack
        .call(
            "InitiateAuth",
            requests::password_auth(&client, "ana@example.com", PASSWORD),
        )
        .await;
    assert_eq!(
        refused(by_email, "an unverified alias").0,
        "NotAuthorizedException"
    );
    let access_token = signed_in["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap()
        .to_string();
    stack
        .call(
            "GetUserAttributeVerificationCode",
            json!({"AccessToken": access_token, "AttributeName": "email"}),
        )
        .await
        .expect("a code to verify the email");
    let (medium, email_code) = outbox(&stack, "ana@example.com").await;
    assert_eq!(medium, "EMAIL");
    stack
        .call(
            "VerifyUserAttribute",
            json!({"AccessToken": access_token, "AttributeName": "email", "Code": email_code}),
        )
        .await
        .expect("the email verified");
    let by_email = stack
        .call(
            "InitiateAuth",
            requests::password_auth(&client, "ana@example.com", PASSWORD),
        )
        .await
        .expect("signed in with the verified email");
    let claims = claims_of(
        by_email["AuthenticationResult"]["IdToken"]
            .as_str()
            .unwrap(),
    );
    assert_eq!(claims["cognito:username"], "ana");
    assert_eq!(claims["email_verified"], "true");

    let user = stack
        .call(
            "AdminGetUser",
            json!({"UserPoolId": pool(&stack, USERNAME_POOL).user_pool_id, "Username": "ana"}),
        )
        .await
        .expect("AdminGetUser");
    assert!(
        user["UserAttributes"]
            .as_array()
            .expect("attributes")
            .contains(&json!({"Name": "custom:company", "Value": "Example Ltd"})),
        "{user}"
    );

    // The reset code goes by SMS too, replacing the sign-up one.
    let reset = stack
        .call(
            "ForgotPassword",
            json!({"ClientId": client, "Username": "ana"}),
        )
        .await
        .expect("ForgotPassword");
    assert_eq!(reset["CodeDeliveryDetails"]["DeliveryMedium"], "SMS");
    assert_ne!(outbox(&stack, PHONE).await.1, code);
}

#[tokio::test]
async fn sms_mfa_codes_reach_the_outbox_under_the_phone_number() {
    let Some(stack) = Stack::start("the SMS MFA test", &[]).await else {
        return;
    };
    let mfa = pool(&stack, MFA_POOL).clone();
    let email = "texted@example.com";
    stack
        .call(
            "SignUp",
            json!({"ClientId": mfa.user_pool_client_id, "Username": email, "Password": PASSWORD,
                   "UserAttributes": attributes(&[("phone_number", PHONE)])}),
        )
        .await
        .expect("SignUp");
    let (medium, code) = outbox(&stack, email).await;
    assert_eq!(medium, "EMAIL", "the mfa pool verifies the email");
    stack
        .call(
            "ConfirmSignUp",
            requests::confirm_sign_up(&mfa.user_pool_client_id, email, &code),
        )
        .await
        .expect("confirmed");
    stack
        .call(
            "AdminSetUserMFAPreference",
            json!({"UserPoolId": mfa.user_pool_id, "Username": email,
                   "SMSMfaSettings": {"Enabled": true, "PreferredMfa": true}}),
        )
        .await
        .expect("SMS MFA preferred");

    let sign_in = || requests::password_auth(&mfa.user_pool_client_id, email, PASSWORD);
    let challenge = stack
        .call("InitiateAuth", sign_in())
        .await
        .expect("InitiateAuth");
    assert_eq!(
        challenge["ChallengeName"],
        "SMS_MFA",
        "{:?}",
        keys(&challenge)
    );
    assert_eq!(
        challenge["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"],
        "SMS"
    );
    assert_eq!(
        challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"],
        "+*******0100"
    );
    let (medium, code) = outbox(&stack, PHONE).await;
    assert_eq!(medium, "SMS");
    let answer = |code: &str| {
        json!({"ClientId": mfa.user_pool_client_id, "ChallengeName": "SMS_MFA",
               "Session": challenge["Session"],
               "ChallengeResponses": {"USERNAME": email, "SMS_MFA_CODE": code}})
    };
    assert_eq!(
        refused(
            stack
                .call("RespondToAuthChallenge", answer(&other_code(&code)))
                .await,
            "a wrong SMS code"
        ),
        (
            "CodeMismatchException".to_string(),
            "Invalid code or auth state for the user.".to_string()
        )
    );
    let signed_in = stack
        .call("RespondToAuthChallenge", answer(&code))
        .await
        .expect("the texted code signs in");
    assert!(signed_in["AuthenticationResult"]["IdToken"].is_string());
    // The session is used up with it.
    let again = stack.call("RespondToAuthChallenge", answer(&code)).await;
    assert_eq!(
        refused(again, "a used SMS code"),
        (
            "NotAuthorizedException".to_string(),
            "Invalid session for the user.".to_string()
        )
    );
}

#[tokio::test]
async fn one_address_in_two_pools_keeps_a_code_per_pool() {
    let Some(stack) = Stack::start("the per-pool code test", &[]).await else {
        return;
    };
    let email = "twice@example.com";
    let mfa_client = pool(&stack, MFA_POOL).user_pool_client_id.clone();
    stack.sign_up(email).await;
    let (_, main_code) = outbox(&stack, email).await;
    stack
        .call("SignUp", requests::sign_up(&mfa_client, email, PASSWORD))
        .await
        .expect("SignUp in the mfa pool");
    let (_, mfa_code) = outbox(&stack, email).await;
    if main_code != mfa_code {
        let crossed = stack
            .call(
                "ConfirmSignUp",
                requests::confirm_sign_up(&mfa_client, email, &main_code),
            )
            .await;
        assert_eq!(
            refused(crossed, "the main pool's code in the mfa pool").0,
            "CodeMismatchException"
        );
    }
    stack.confirm(email, &main_code).await.expect("main pool");
    stack
        .call(
            "ConfirmSignUp",
            requests::confirm_sign_up(&mfa_client, email, &mfa_code),
        )
        .await
        .expect("mfa pool");
}
