use cognito_signin::cognito::wire::AuthenticationResult;
use cognito_signin::flow::session::Session;
use cognito_signin::web::storage::{self, STORAGE_KEY};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{epoch_in, id_token};

fn storage() -> web_sys::Storage {
    web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap()
}

fn sample(exp: u64) -> Session {
    Session::from_tokens(
        id_token("ana@example.com", exp, "id"),
        "access.token.value".into(),
        Some("refresh-token-value".into()),
    )
    .unwrap()
}

#[wasm_bindgen_test]
fn takes_expiry_and_email_from_the_id_token() {
    let session = sample(1_900_000_000);
    assert_eq!(session.email, "ana@example.com");
    assert_eq!(session.expires_at, 1_900_000_000);
}

#[wasm_bindgen_test]
fn round_trips_through_session_storage() {
    let session = sample(epoch_in(3600));
    storage::save(&session);
    assert!(storage().get_item(STORAGE_KEY).unwrap().is_some());
    assert_eq!(storage::load(), Some(session));
    storage::clear();
    assert_eq!(storage().get_item(STORAGE_KEY).unwrap(), None);
    assert_eq!(storage::load(), None);
}

#[wasm_bindgen_test]
fn discards_corrupted_and_foreign_entries() {
    let bad = [
        "not json",
        "{}",
        r#"{"idToken":"x.y.z","accessToken":"a","refreshToken":null,"email":"","expiresAt":1}"#,
        "[1,2,3]",
    ];
    for entry in bad {
        storage().set_item(STORAGE_KEY, entry).unwrap();
        assert_eq!(storage::load(), None, "{entry} must not load");
        assert_eq!(
            storage().get_item(STORAGE_KEY).unwrap(),
            None,
            "{entry} must be removed"
        );
    }
    // A tampered expiry no longer matches the token's own `exp`.
    let mut tampered = sample(epoch_in(60));
    tampered.expires_at += 86_400;
    storage()
        .set_item(STORAGE_KEY, &tampered.to_json())
        .unwrap();
    assert_eq!(storage::load(), None);
}

#[wasm_bindgen_test]
fn leaves_other_keys_alone() {
    storage().set_item("someone-else", "value").unwrap();
    storage::clear();
    assert_eq!(
        storage().get_item("someone-else").unwrap().as_deref(),
        Some("value")
    );
    storage().remove_item("someone-else").unwrap();
}

#[wasm_bindgen_test]
fn validity_keeps_a_margin_before_expiry() {
    let now_ms = 1_900_000_000_000.0;
    assert!(sample(1_900_000_100).is_valid_at(now_ms));
    assert!(
        !sample(1_900_000_010).is_valid_at(now_ms),
        "10 s left is too close"
    );
    assert!(!sample(1_899_999_000).is_valid_at(now_ms));
}

#[wasm_bindgen_test]
fn debug_never_shows_tokens() {
    let session = sample(1_900_000_000);
    let printed = format!("{session:?}");
    assert!(!printed.contains(&session.id_token));
    assert!(!printed.contains("access.token.value"));
    assert!(!printed.contains("refresh-token-value"));
    assert!(printed.contains("<redacted>"));
}

fn refresh_answer(refresh_token: Option<&str>) -> AuthenticationResult {
    AuthenticationResult {
        id_token: id_token("ana@example.com", 1_900_000_600, "id"),
        access_token: "new-access-token".into(),
        refresh_token: refresh_token.map(str::to_owned),
        expires_in: Some(3600),
    }
}

#[wasm_bindgen_test]
fn a_refresh_keeps_the_refresh_token_unless_cognito_rotates_it() {
    let old = sample(1_900_000_000);
    let kept = old.refreshed(refresh_answer(None)).unwrap();
    assert_eq!(kept.refresh_token.as_deref(), Some("refresh-token-value"));
    assert_eq!(kept.access_token, "new-access-token");
    assert_eq!(kept.expires_at, 1_900_000_600);

    // Where the app client rotates refresh tokens, the old one stops
    // working: the new one must be the one kept.
    let rotated = old
        .refreshed(refresh_answer(Some("rotated-refresh")))
        .unwrap();
    assert_eq!(rotated.refresh_token.as_deref(), Some("rotated-refresh"));
}
