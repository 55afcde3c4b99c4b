use cognito_signin::flow::forms::{self, FormError};
use cognito_signin::flow::password::PasswordPolicy;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn trims_and_checks_emails() {
    assert_eq!(
        forms::email("  ana@example.com "),
        Ok("ana@example.com".into())
    );
    assert_eq!(forms::email(""), Err(FormError::EmailMissing));
    for bad in [
        "ana",
        "ana@",
        "@example.com",
        "ana@example",
        "a b@example.com",
        "ana@.com",
    ] {
        assert_eq!(forms::email(bad), Err(FormError::EmailInvalid), "{bad}");
    }
}

#[wasm_bindgen_test]
fn sign_up_checks_policy_then_match() {
    let policy = PasswordPolicy::default();
    assert_eq!(
        forms::sign_up("ana@example.com", "Passw0rd!", "Passw0rd!", &policy),
        Ok("ana@example.com".into())
    );
    assert_eq!(
        forms::sign_up("ana@example.com", "weak", "weak", &policy),
        Err(FormError::PasswordWeak)
    );
    assert_eq!(
        forms::sign_up("ana@example.com", "Passw0rd!", "Passw0rd?", &policy),
        Err(FormError::PasswordMismatch)
    );
    assert_eq!(
        forms::sign_up("ana@example.com", "", "", &policy),
        Err(FormError::PasswordMissing)
    );
}

#[wasm_bindgen_test]
fn sign_in_needs_both_fields() {
    assert_eq!(
        forms::sign_in("ana@example.com", "x"),
        Ok("ana@example.com".into())
    );
    assert_eq!(
        forms::sign_in("ana@example.com", ""),
        Err(FormError::PasswordMissing)
    );
    assert_eq!(forms::sign_in("", "x"), Err(FormError::EmailMissing));
}

#[wasm_bindgen_test]
fn codes_are_digits_with_spaces_dropped() {
    assert_eq!(forms::code(" 123 456 "), Ok("123456".into()));
    assert_eq!(forms::code(""), Err(FormError::CodeMissing));
    assert_eq!(forms::code("12a456"), Err(FormError::CodeInvalid));
    assert_eq!(forms::code("12345678901"), Err(FormError::CodeInvalid));
}
