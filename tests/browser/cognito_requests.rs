//! The JSON each operation sends, checked against Cognito's documented
//! request shapes.

use cognito_signin::cognito::wire::*;
use serde_json::{Value, json};
use wasm_bindgen_test::wasm_bindgen_test;

fn to_json<T: ToJson>(value: &T) -> Value {
    serde_json::from_str(&value.to_json()).unwrap()
}

fn from_value<T: FromJson>(value: Value) -> Result<T, cognito_signin::web::json::Error> {
    T::from_json(&value.to_string())
}

#[wasm_bindgen_test]
fn sign_up_sends_email_as_username_and_attribute() {
    let request = SignUpRequest {
        client_id: "client123",
        username: "ana@example.com",
        password: Some("Passw0rd!"),
        user_attributes: vec![AttributeType {
            name: "email",
            value: "ana@example.com",
        }],
    };
    assert_eq!(
        to_json(&request),
        json!({
            "ClientId": "client123",
            "Username": "ana@example.com",
            "Password": "Passw0rd!",
            "UserAttributes": [{"Name": "email", "Value": "ana@example.com"}]
        })
    );
    assert!(!format!("{request:?}").contains("Passw0rd!"));
}

#[wasm_bindgen_test]
fn confirm_sign_up_sends_the_code() {
    let request = ConfirmSignUpRequest {
        client_id: "client123",
        username: "ana@example.com",
        confirmation_code: "123456",
        session: None,
    };
    assert_eq!(
        to_json(&request),
        json!({"ClientId": "client123", "Username": "ana@example.com", "ConfirmationCode": "123456"})
    );
    // With SignUp's session, which the answer's session signs in with.
    let session = SessionToken("sign-up-session".into());
    let request = ConfirmSignUpRequest {
        session: Some(&session),
        ..request
    };
    assert_eq!(to_json(&request)["Session"], "sign-up-session");
    assert!(!format!("{request:?}").contains("sign-up-session"));
}

#[wasm_bindgen_test]
fn sign_up_without_a_password_sends_none() {
    let request = SignUpRequest {
        client_id: "client123",
        username: "ana@example.com",
        password: None,
        user_attributes: Vec::new(),
    };
    let sent = to_json(&request);
    assert_eq!(sent["Username"], "ana@example.com");
    assert!(sent.get("Password").is_none(), "{sent}");
}

#[wasm_bindgen_test]
fn initiate_auth_uses_user_password_auth() {
    let request = InitiateAuthRequest {
        auth_flow: "USER_PASSWORD_AUTH",
        client_id: "client123",
        auth_parameters: AuthParameters {
            username: "ana@example.com",
            password: "Passw0rd!",
        },
    };
    assert_eq!(
        to_json(&request),
        json!({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": "client123",
            "AuthParameters": {"USERNAME": "ana@example.com", "PASSWORD": "Passw0rd!"}
        })
    );
    assert!(!format!("{request:?}").contains("Passw0rd!"));
}

#[wasm_bindgen_test]
fn reads_answers_in_cognitos_shapes() {
    let sign_up: SignUpResponse = from_value(json!({
        "UserConfirmed": false,
        "UserSub": "6c1b8a9e",
        "CodeDeliveryDetails": {"Destination": "a***@e***.com", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    }))
    .unwrap();
    assert!(!sign_up.user_confirmed);
    assert_eq!(
        sign_up
            .code_delivery_details
            .unwrap()
            .destination
            .as_deref(),
        Some("a***@e***.com")
    );

    let auth: InitiateAuthResponse = from_value(json!({
        "AuthenticationResult": {"IdToken": "i.d.t", "AccessToken": "a.c.c", "RefreshToken": "r", "ExpiresIn": 3600, "TokenType": "Bearer"},
        "ChallengeParameters": {}
    }))
    .unwrap();
    let tokens = auth.authentication_result.unwrap();
    assert_eq!(tokens.id_token, "i.d.t");
    assert_eq!(tokens.expires_in, Some(3600));
    let printed = format!("{tokens:?}");
    assert!(
        !printed.contains("i.d.t") && !printed.contains("a.c.c"),
        "{printed}"
    );
}

#[wasm_bindgen_test]
fn a_challenge_is_an_outcome_not_a_hang() {
    use cognito_signin::cognito::{Challenge, ChallengeSession, SignInOutcome, sign_in_outcome};
    let answer: InitiateAuthResponse = from_value(json!({
        "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "s", "ChallengeParameters": {}
    }))
    .unwrap();
    let outcome = sign_in_outcome(answer, "ana@example.com").unwrap();
    // Cognito named no username: the answer goes as the one sent.
    assert_eq!(
        outcome,
        SignInOutcome::Challenged {
            challenge: Challenge::NewPasswordRequired,
            session: ChallengeSession {
                username: "ana@example.com".into(),
                session: "s".into()
            }
        }
    );
    let printed = format!("{outcome:?}");
    assert!(
        !printed.contains("\"s\"") && !printed.contains("ana@"),
        "the session is redacted: {printed}"
    );
    let SignInOutcome::Challenged { session, .. } = &outcome else {
        panic!("a challenge: {outcome:?}")
    };
    assert_eq!(format!("{session:?}"), "ChallengeSession(<redacted>)");
    let mfa: InitiateAuthResponse = from_value(json!({
        "ChallengeName": "CUSTOM_CHALLENGE", "Session": "s", "ChallengeParameters": {}
    }))
    .unwrap();
    assert_eq!(
        sign_in_outcome(mfa, "ana@example.com"),
        Ok(SignInOutcome::Challenge("CUSTOM_CHALLENGE".into()))
    );
    let empty: InitiateAuthResponse = from_value(json!({})).unwrap();
    assert!(sign_in_outcome(empty, "ana@example.com").is_err());
}

#[wasm_bindgen_test]
fn a_challenge_names_the_username_to_answer_as() {
    use cognito_signin::cognito::{Challenge, ChallengeSession, SignInOutcome, sign_in_outcome};
    // Signed in with an email alias, the username is Cognito's UUID.
    let named: InitiateAuthResponse = from_value(json!({
        "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "s",
        "ChallengeParameters": {"USERNAME": "7f3c2a1e-uuid", "USER_ID_FOR_SRP": "other", "requiredAttributes": "[]"}
    }))
    .unwrap();
    assert_eq!(named.challenge_username.as_deref(), Some("7f3c2a1e-uuid"));
    assert_eq!(
        sign_in_outcome(named, "ana@example.com"),
        Ok(SignInOutcome::Challenged {
            challenge: Challenge::NewPasswordRequired,
            session: ChallengeSession {
                username: "7f3c2a1e-uuid".into(),
                session: "s".into()
            }
        })
    );
    for parameters in [json!({}), json!(null)] {
        let unnamed: InitiateAuthResponse = from_value(json!({
            "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "s", "ChallengeParameters": parameters
        }))
        .unwrap();
        assert_eq!(unnamed.challenge_username, None);
    }
    assert!(
        from_value::<InitiateAuthResponse>(json!({"ChallengeParameters": {"USERNAME": 7}}))
            .is_err(),
        "a username that is not a string is not read as absent"
    );
}

#[wasm_bindgen_test]
fn password_reset_and_challenge_requests() {
    let forgot = ForgotPasswordRequest {
        client_id: "c",
        username: "ana@example.com",
    };
    assert_eq!(
        to_json(&forgot),
        json!({"ClientId": "c", "Username": "ana@example.com"})
    );
    let confirm = ConfirmForgotPasswordRequest {
        client_id: "c",
        username: "ana@example.com",
        confirmation_code: "123456",
        password: "N3w-password!",
    };
    assert_eq!(
        to_json(&confirm),
        json!({"ClientId": "c", "Username": "ana@example.com", "ConfirmationCode": "123456", "Password": "N3w-password!"})
    );
    assert!(!format!("{confirm:?}").contains("N3w-password!"));
    let respond = RespondToAuthChallengeRequest {
        challenge_name: "NEW_PASSWORD_REQUIRED",
        client_id: "c",
        session: "sess",
        challenge_responses: ChallengeResponses {
            username: "ana@example.com",
            values: &[("NEW_PASSWORD", "N3w-password!")],
        },
    };
    assert_eq!(
        to_json(&respond),
        json!({
            "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "ClientId": "c",
            "Session": "sess",
            "ChallengeResponses": {"USERNAME": "ana@example.com", "NEW_PASSWORD": "N3w-password!"}
        })
    );
    let printed = format!("{respond:?}");
    assert!(
        !printed.contains("sess\"") && !printed.contains("N3w-password!"),
        "{printed}"
    );
    let refresh = InitiateAuthRequest {
        auth_flow: "REFRESH_TOKEN_AUTH",
        client_id: "c",
        auth_parameters: RefreshParameters { refresh_token: "r" },
    };
    assert_eq!(
        to_json(&refresh),
        json!({"AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": "c", "AuthParameters": {"REFRESH_TOKEN": "r"}})
    );
    assert_eq!(
        to_json(&GlobalSignOutRequest { access_token: "a" }),
        json!({"AccessToken": "a"})
    );
    assert_eq!(
        to_json(&RevokeTokenRequest {
            token: "r",
            client_id: "c"
        }),
        json!({"Token": "r", "ClientId": "c"})
    );
}
