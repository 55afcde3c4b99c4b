use cognito_signin::cognito::{CognitoError, decode, sanitize_code};
use cognito_signin::i18n::languages;
use wasm_bindgen_test::wasm_bindgen_test;

fn error_for(code: &str, message: &str) -> CognitoError {
    let body = serde_json::json!({"__type": code, "message": message}).to_string();
    CognitoError::from_response(400, None, &body)
}

#[wasm_bindgen_test]
fn maps_every_documented_type() {
    use CognitoError::*;
    let cases: Vec<(&str, CognitoError)> = vec![
        ("UsernameExistsException", UsernameExists),
        ("InvalidPasswordException", InvalidPassword("m".into())),
        ("InvalidParameterException", InvalidParameter("m".into())),
        ("CodeMismatchException", CodeMismatch),
        ("ExpiredCodeException", ExpiredCode),
        ("NotAuthorizedException", NotAuthorized("m".into())),
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
        ("UnexpectedLambdaException", Trigger("m".into())),
        ("UserLambdaValidationException", Trigger("m".into())),
        ("InvalidLambdaResponseException", Trigger("m".into())),
        ("ResourceNotFoundException", ResourceNotFound),
        (
            "InvalidUserPoolConfigurationException",
            InvalidConfiguration,
        ),
        ("InternalErrorException", InternalError),
        ("ForbiddenException", Forbidden),
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
    let error = CognitoError::from_response(400, Some("UserNotFoundException:"), "{}");
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
        CognitoError::from_response(400, None, "not json"),
        CognitoError::Malformed
    );
    assert_eq!(
        CognitoError::from_response(500, None, "<html>Internal Server Error</html>"),
        CognitoError::Http(500)
    );
    assert_eq!(
        decode::<()>(200, None, "<html>").unwrap_err(),
        CognitoError::Malformed
    );
    assert!(decode::<()>(200, None, "{}").is_ok());
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
