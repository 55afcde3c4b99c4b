use cognito_signin::api::{ApiError, decode_hello};
use cognito_signin::i18n::languages;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn reads_the_greeting_as_a_json_string() {
    assert_eq!(
        decode_hello(200, r#""Hello from Lambda!""#),
        Ok("Hello from Lambda!".into())
    );
}

#[wasm_bindgen_test]
fn refused_tokens_and_failures_are_distinct() {
    assert_eq!(
        decode_hello(401, r#"{"message":"Unauthorized"}"#),
        Err(ApiError::Unauthorized)
    );
    assert_eq!(
        decode_hello(403, r#"{"message":"Forbidden"}"#),
        Err(ApiError::Unauthorized)
    );
    assert_eq!(decode_hello(502, "Bad gateway"), Err(ApiError::Http(502)));
    assert_eq!(
        decode_hello(429, r#"{"message":"Too Many Requests"}"#),
        Err(ApiError::Throttled)
    );
    assert_eq!(decode_hello(200, "<html>"), Err(ApiError::Malformed));
    assert!(
        ApiError::Unauthorized
            .message(&languages()[0])
            .contains("sign in again")
    );
}
