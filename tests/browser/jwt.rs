use cognito_signin::cognito::jwt::{JwtError, base64url_decode, id_claims};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{base64url, id_token};

#[wasm_bindgen_test]
fn reads_the_claims_of_a_cognito_id_token() {
    let claims = id_claims(&id_token("ana@example.com", 1_900_000_000, "id")).unwrap();
    assert_eq!(claims.email.as_deref(), Some("ana@example.com"));
    assert_eq!(claims.exp, 1_900_000_000);
    assert_eq!(claims.token_use, "id");
    assert_eq!(claims.sub, "6c1b8a9e-6b0e-4d1e-9a43-1f0c1a2b3c4d");
}

#[wasm_bindgen_test]
fn refuses_an_access_token() {
    let err = id_claims(&id_token("ana@example.com", 1_900_000_000, "access")).unwrap_err();
    assert_eq!(err, JwtError::NotIdToken("access".into()));
}

#[wasm_bindgen_test]
fn refuses_malformed_tokens() {
    assert_eq!(id_claims("abc"), Err(JwtError::Shape));
    assert_eq!(id_claims("a.b.c.d"), Err(JwtError::Shape));
    assert_eq!(id_claims("a.!!!.c"), Err(JwtError::Encoding));
    let not_json = format!("a.{}.c", base64url(b"not json"));
    assert!(matches!(id_claims(&not_json), Err(JwtError::Claims(_))));
}

#[wasm_bindgen_test]
fn base64url_round_trips_every_length() {
    let data: Vec<u8> = (0u8..=255).collect();
    for len in 0..40 {
        assert_eq!(
            base64url_decode(&base64url(&data[..len])).unwrap(),
            &data[..len]
        );
    }
    assert_eq!(base64url_decode("_-8").unwrap(), vec![0xff, 0xef]);
    assert!(
        base64url_decode("abcde").is_none(),
        "5 chars cannot be base64"
    );
}
