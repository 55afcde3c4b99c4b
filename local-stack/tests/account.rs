//! The account page's operations with an access token, against a real moto
//! (issue 17, part 3): ChangePassword in Cognito's words, an email change
//! that waits for its code while the old address stays in use, a taken
//! email refused, verifying a contact, and DeleteUser. Needs `MOTO_SERVER`.

#[path = "api/common.rs"]
mod common;
#[path = "support/front.rs"]
mod front;
#[path = "support/process.rs"]
mod process;

use front::{PASSWORD, Stack, other_code};
use serde_json::{Value, json};

fn refused(result: Result<Value, (String, String)>, what: &str) -> (String, String) {
    match result {
        Ok(_) => panic!("{what}: answered success"),
        Err(error) => error,
    }
}

fn ok(result: Result<Value, (String, String)>, what: &str) -> Value {
    result.unwrap_or_else(|(kind, message)| panic!("{what}: {kind}: {message}"))
}

async fn access_token(stack: &Stack, email: &str, password: &str) -> String {
    let signed_in = ok(stack.sign_in(email, password).await, "sign-in");
    signed_in["AuthenticationResult"]["AccessToken"]
        .as_str()
        .expect("an access token")
        .to_string()
}

fn attribute<'a>(user: &'a Value, name: &str) -> Option<&'a str> {
    user["UserAttributes"]
        .as_array()?
        .iter()
        .find(|a| a["Name"] == name)?["Value"]
        .as_str()
}

#[tokio::test]
async fn change_password_checks_the_old_one_and_the_policy() {
    let Some(stack) = Stack::start("the ChangePassword test", &[]).await else {
        return;
    };
    let email = "changer@example.com";
    stack.confirmed(email).await;
    let token = access_token(&stack, email, PASSWORD).await;
    let change = |previous: &str, proposed: &str| json!({"AccessToken": token, "PreviousPassword": previous, "ProposedPassword": proposed});
    let wrong = stack
        .call(
            "ChangePassword",
            change("Not-The-Password-1", "Brand-New-Pass-2"),
        )
        .await;
    assert_eq!(
        refused(wrong, "a wrong current password"),
        (
            "NotAuthorizedException".to_string(),
            "Incorrect username or password.".to_string()
        )
    );
    let weak = stack.call("ChangePassword", change(PASSWORD, "weak")).await;
    assert_eq!(
        refused(weak, "a password against the policy"),
        (
            "InvalidPasswordException".to_string(),
            "Password does not conform to policy: Password not long enough".to_string()
        )
    );
    ok(
        stack
            .call("ChangePassword", change(PASSWORD, "Brand-New-Pass-2"))
            .await,
        "ChangePassword",
    );
    assert_eq!(
        refused(stack.sign_in(email, PASSWORD).await, "the old password").0,
        "NotAuthorizedException"
    );
    ok(
        stack.sign_in(email, "Brand-New-Pass-2").await,
        "the new password",
    );
}

#[tokio::test]
async fn a_new_email_waits_for_its_code_and_a_taken_one_is_refused() {
    let Some(stack) = Stack::start("the email change test", &[]).await else {
        return;
    };
    let (old, new, other) = ("old@example.com", "new@example.com", "other@example.com");
    stack.confirmed(old).await;
    stack.confirmed(other).await;
    let token = access_token(&stack, old, PASSWORD).await;
    let user = ok(
        stack.call("GetUser", json!({"AccessToken": token})).await,
        "GetUser",
    );
    assert_eq!(
        attribute(&user, "email_verified"),
        Some("true"),
        "confirmed by email"
    );

    let update = |email: &str| json!({"AccessToken": token, "UserAttributes": [{"Name": "email", "Value": email}]});
    let taken = stack.call("UpdateUserAttributes", update(other)).await;
    assert_eq!(
        refused(taken, "another person's email"),
        (
            "AliasExistsException".to_string(),
            "An account with the given email already exists.".to_string()
        )
    );

    let sent = ok(
        stack.call("UpdateUserAttributes", update(new)).await,
        "UpdateUserAttributes",
    );
    assert_eq!(
        sent["CodeDeliveryDetailsList"],
        json!([{"Destination": "n***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}])
    );
    let code = stack.code_sent_to(new).await;
    // Until the code comes back, the old address is the one in use.
    let user = ok(
        stack.call("GetUser", json!({"AccessToken": token})).await,
        "GetUser",
    );
    assert_eq!(attribute(&user, "email"), Some(old));
    assert_eq!(attribute(&user, "email_verified"), Some("true"));
    ok(
        stack.sign_in(old, PASSWORD).await,
        "sign-in with the old email",
    );
    assert!(
        stack.sign_in(new, PASSWORD).await.is_err(),
        "the new one is not in use"
    );

    let verify = |code: &str| json!({"AccessToken": token, "AttributeName": "email", "Code": code});
    let wrong = stack
        .call("VerifyUserAttribute", verify(&other_code(&code)))
        .await;
    assert_eq!(refused(wrong, "a wrong code").0, "CodeMismatchException");
    // A fresh code replaces the first, to the new address.
    let resent = ok(
        stack
            .call(
                "GetUserAttributeVerificationCode",
                json!({"AccessToken": token, "AttributeName": "email"}),
            )
            .await,
        "GetUserAttributeVerificationCode",
    );
    assert_eq!(resent["CodeDeliveryDetails"]["Destination"], "n***@e***");
    let code = stack.code_sent_to(new).await;
    ok(
        stack.call("VerifyUserAttribute", verify(&code)).await,
        "VerifyUserAttribute",
    );
    // moto filed the session under the old email: locally it ends here
    // (see the README's local differences), so sign in with the new one.
    let token = access_token(&stack, new, PASSWORD).await;
    let user = ok(
        stack.call("GetUser", json!({"AccessToken": token})).await,
        "GetUser",
    );
    assert_eq!(attribute(&user, "email"), Some(new));
    assert_eq!(attribute(&user, "email_verified"), Some("true"));
    ok(
        stack.sign_in(new, PASSWORD).await,
        "sign-in with the new email",
    );
    assert!(
        stack.sign_in(old, PASSWORD).await.is_err(),
        "the old one is gone"
    );
}

#[tokio::test]
async fn an_unverified_contact_gets_a_code_and_delete_user_ends_the_account() {
    let Some(stack) = Stack::start("the verify and delete test", &[]).await else {
        return;
    };
    let email = "unverified@example.com";
    stack.confirmed(email).await;
    // Unverified as an administrator leaves it.
    ok(
        stack
            .call(
                "AdminUpdateUserAttributes",
                json!({"UserPoolId": stack.state.user_pool_id, "Username": email,
                       "UserAttributes": [{"Name": "email_verified", "Value": "false"}]}),
            )
            .await,
        "AdminUpdateUserAttributes",
    );
    let signed_in = ok(stack.sign_in(email, PASSWORD).await, "sign-in");
    let result = &signed_in["AuthenticationResult"];
    let token = result["AccessToken"].as_str().expect("an access token");
    let sent = ok(
        stack
            .call(
                "GetUserAttributeVerificationCode",
                json!({"AccessToken": token, "AttributeName": "email"}),
            )
            .await,
        "GetUserAttributeVerificationCode",
    );
    assert_eq!(sent["CodeDeliveryDetails"]["DeliveryMedium"], "EMAIL");
    let code = stack.code_sent_to(email).await;
    ok(
        stack
            .call(
                "VerifyUserAttribute",
                json!({"AccessToken": token, "AttributeName": "email", "Code": code}),
            )
            .await,
        "VerifyUserAttribute",
    );
    let user = ok(
        stack.call("GetUser", json!({"AccessToken": token})).await,
        "GetUser",
    );
    assert_eq!(attribute(&user, "email_verified"), Some("true"));

    ok(
        stack
            .call("DeleteUser", json!({"AccessToken": token}))
            .await,
        "DeleteUser",
    );
    let after = stack.call("GetUser", json!({"AccessToken": token})).await;
    assert_eq!(
        refused(after, "GetUser after DeleteUser").0,
        "NotAuthorizedException"
    );
    let refresh = result["RefreshToken"].as_str().expect("a refresh token");
    let refreshed = stack
        .call(
            "InitiateAuth",
            stack_contract::cognito::requests::refresh(stack.client_id(), refresh),
        )
        .await;
    assert_eq!(
        refused(refreshed, "refresh after DeleteUser").0,
        "NotAuthorizedException"
    );
    assert_eq!(
        refused(
            stack.sign_in(email, PASSWORD).await,
            "sign-in after DeleteUser"
        )
        .0,
        "NotAuthorizedException"
    );
}
