use cognito_signin::cognito::wire::ForgotPasswordResponse;
use cognito_signin::cognito::{CognitoError, Stage, decode, sanitize_code};
use cognito_signin::i18n::languages;
use wasm_bindgen_test::wasm_bindgen_test;

fn error_for(code: &str, message: &str) -> CognitoError {
    let body = serde_json::json!({"__type": code, "message": message}).to_string();
    CognitoError::from_response(Stage::SignUp, 400, None, &body)
}

#[wasm_bindgen_test]
fn maps_every_documented_type() {
    use CognitoError::*;
    let cases: Vec<(&str, CognitoError)> = vec![
        ("UsernameExistsException", UsernameExists),
        ("InvalidPasswordException", InvalidPassword("m".into())),
        ("PasswordHistoryPolicyViolationException", PasswordHistory),
        ("InvalidParameterException", InvalidParameter("m".into())),
        ("CodeMismatchException", CodeMismatch),
        ("ExpiredCodeException", ExpiredCode),
        ("NotAuthorizedException", NotAuthorized("m".into())),
        ("UnauthorizedException", NotAuthorized("m".into())),
        (
            "UnsupportedTokenTypeException",
            InvalidParameter("m".into()),
        ),
        ("UserNotFoundException", UserNotFound),
        ("UserNotConfirmedException", UserNotConfirmed),
        ("PasswordResetRequiredException", PasswordResetRequired),
        ("TooManyRequestsException", TooManyRequests),
        ("TooManyFailedAttemptsException", TooManyFailedAttempts),
        ("LimitExceededException", LimitExceeded),
        ("CodeDeliveryFailureException", CodeDeliveryFailure),
        ("AliasExistsException", AliasExists),
        ("InvalidEmailRoleAccessPolicyException", MessagingNotSetUp),
        ("InvalidSmsRoleAccessPolicyException", MessagingNotSetUp),
        (
            "InvalidSmsRoleTrustRelationshipException",
            MessagingNotSetUp,
        ),
        (
            "UnexpectedLambdaException",
            Trigger(Stage::SignUp, "m".into()),
        ),
        (
            "UserLambdaValidationException",
            Trigger(Stage::SignUp, "m".into()),
        ),
        (
            "InvalidLambdaResponseException",
            Trigger(Stage::SignUp, "m".into()),
        ),
        ("ResourceNotFoundException", ResourceNotFound),
        (
            "InvalidUserPoolConfigurationException",
            InvalidConfiguration,
        ),
        ("InternalErrorException", InternalError),
        ("ForbiddenException", Forbidden),
        ("OperationNotEnabledException", OperationNotEnabled),
        ("UnsupportedOperationException", UnsupportedOperation),
        ("FeatureUnavailableInTierException", FeatureUnavailable),
        ("MFAMethodNotFoundException", MfaMethodNotFound),
        (
            "SoftwareTokenMFANotFoundException",
            SoftwareTokenMfaNotFound,
        ),
    ];
    for (code, expected) in cases {
        let error = error_for(code, "m");
        assert_eq!(error, expected, "{code}");
        let words = error.message(&languages()[0]);
        assert!(
            !words.contains("Exception"),
            "{code} shows a raw name: {words}"
        );
        assert!(
            words.ends_with('.') || words.ends_with(": m"),
            "{code}: {words}"
        );
    }
}

#[wasm_bindgen_test]
fn a_sign_in_flow_the_client_does_not_allow_is_the_pools_set_up() {
    // What Cognito answers InitiateAuth on an app client without
    // ALLOW_USER_PASSWORD_AUTH (or ALLOW_USER_AUTH).
    for flow in ["USER_PASSWORD_AUTH", "USER_AUTH"] {
        let message = format!("{flow} flow not enabled for this client");
        let error = error_for("InvalidParameterException", &message);
        assert_eq!(error, CognitoError::UnsupportedOperation);
        let words = error.message(&languages()[0]);
        assert!(words.contains("administrator"), "{words}");
        assert!(!words.contains(flow), "{words}");
    }
    // Other invalid parameters still name what was wrong.
    assert_eq!(
        error_for("InvalidParameterException", "Username should be an email."),
        CognitoError::InvalidParameter("Username should be an email.".into())
    );
}

#[wasm_bindgen_test]
fn strips_namespace_and_suffix() {
    assert_eq!(
        sanitize_code("aws.cognito#NotAuthorizedException"),
        "NotAuthorizedException"
    );
    assert_eq!(
        sanitize_code("NotAuthorizedException:http://internal.amazon.com/coral/"),
        "NotAuthorizedException"
    );
    assert_eq!(
        error_for("com.amazonaws.cognito#CodeMismatchException:x", ""),
        CognitoError::CodeMismatch
    );
}

#[wasm_bindgen_test]
fn falls_back_to_the_error_type_header() {
    let error =
        CognitoError::from_response(Stage::SignIn, 400, Some("UserNotFoundException:"), "{}");
    assert_eq!(error, CognitoError::UserNotFound);
}

#[wasm_bindgen_test]
fn keeps_an_unknown_types_name_and_message() {
    let error = error_for("SomethingNewException", "A new thing happened");
    assert_eq!(
        error,
        CognitoError::Unknown {
            code: "SomethingNewException".into(),
            message: "A new thing happened".into()
        }
    );
    assert!(
        error
            .message(&languages()[0])
            .contains("SomethingNewException")
    );
    assert!(
        error
            .message(&languages()[0])
            .contains("A new thing happened")
    );
}

#[wasm_bindgen_test]
fn malformed_and_html_answers_have_their_own_variants() {
    assert_eq!(
        CognitoError::from_response(Stage::SignIn, 400, None, "not json"),
        CognitoError::Malformed
    );
    assert_eq!(
        CognitoError::from_response(
            Stage::SignIn,
            500,
            None,
            "<html>Internal Server Error</html>"
        ),
        CognitoError::Http(500)
    );
    assert_eq!(
        decode::<()>(Stage::SignIn, 200, None, "<html>").unwrap_err(),
        CognitoError::Malformed
    );
    assert!(decode::<()>(Stage::SignIn, 200, None, "{}").is_ok());
}

#[wasm_bindgen_test]
fn an_empty_200_is_a_success_where_no_answer_is_read() {
    // AWS documents RevokeToken's success as HTTP 200 with an empty body;
    // ConfirmSignUp, ConfirmForgotPassword and GlobalSignOut read nothing
    // either.
    for body in ["", " \r\n"] {
        assert_eq!(
            decode::<()>(Stage::SignIn, 200, None, body),
            Ok(()),
            "{body:?}"
        );
    }
    // An error is still an error, and an operation whose answer is read
    // still needs one.
    assert_eq!(
        decode::<()>(Stage::SignIn, 400, None, ""),
        Err(CognitoError::Malformed)
    );
    assert_eq!(
        decode::<ForgotPasswordResponse>(Stage::PasswordReset, 200, None, ""),
        Err(CognitoError::Malformed)
    );
}

#[wasm_bindgen_test]
fn a_trigger_error_names_the_step_that_failed() {
    let [en, fr] = languages();
    let cases = [
        (
            Stage::SignUp,
            "A check during sign-up",
            "pendant l'inscription",
        ),
        (
            Stage::Confirmation,
            "A check during confirmation",
            "pendant la confirmation",
        ),
        (
            Stage::SignIn,
            "A check during sign-in",
            "pendant la connexion",
        ),
        (
            Stage::PasswordReset,
            "A check during password reset",
            "pendant la réinitialisation du mot de passe",
        ),
    ];
    for (step, english, french) in cases {
        for code in [
            "UserLambdaValidationException",
            "UnexpectedLambdaException",
            "InvalidLambdaResponseException",
        ] {
            let body = serde_json::json!({"__type": code, "message": "PreSignUp failed with error Not on the list."}).to_string();
            let error = CognitoError::from_response(step, 400, None, &body);
            assert_eq!(
                error,
                CognitoError::Trigger(step, "PreSignUp failed with error Not on the list.".into())
            );
            assert_eq!(
                error.message(en),
                [
                    english,
                    " refused the request: PreSignUp failed with error Not on the list."
                ]
                .concat(),
                "{code}"
            );
            let words = error.message(fr);
            assert!(
                words.contains(french) && words.ends_with("Not on the list."),
                "{code}: {words}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn the_newer_errors_have_words_of_their_own() {
    let codes = [
        "PasswordHistoryPolicyViolationException",
        "OperationNotEnabledException",
        "UnsupportedOperationException",
        "MFAMethodNotFoundException",
        "SoftwareTokenMFANotFoundException",
        "FeatureUnavailableInTierException",
    ];
    for language in languages() {
        let words: Vec<String> = codes
            .iter()
            .map(|code| error_for(code, "m").message(language))
            .collect();
        for (code, text) in codes.iter().zip(&words) {
            assert!(text.ends_with('.'), "{code}: {text}");
            assert!(!text.contains("Exception"), "{code}: {text}");
        }
        let mut distinct = words.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), codes.len(), "{}: {words:?}", language.code);
    }
    assert_eq!(
        error_for(
            "PasswordHistoryPolicyViolationException",
            "Provided password cannot be used for security reasons."
        )
        .message(&languages()[0]),
        "You have used this password before. Choose a new one."
    );
}

#[wasm_bindgen_test]
fn messages_read_well() {
    assert_eq!(
        error_for("NotAuthorizedException", "Incorrect username or password.")
            .message(&languages()[0]),
        "Incorrect email or password."
    );
    assert_eq!(
        error_for(
            "InvalidPasswordException",
            "Password did not conform with policy: Password must have uppercase characters"
        )
        .message(&languages()[0]),
        "The password does not meet the requirements: Password must have uppercase characters."
    );
    assert_eq!(
        error_for("NotAuthorizedException", "Password attempts exceeded").message(&languages()[0]),
        "Too many failed attempts. Wait a few minutes and try again."
    );
}
