//! The authorizer on plain types: a real RSA key, a JWKS made from it, and
//! one test per way a token can be wrong.

use crate::common::*;
use axum::http::{HeaderValue, StatusCode};
use axum::response::IntoResponse;
use http_body_util::BodyExt;
use local_stack::authorizer::{IdClaims, Rejection, authorize, unix_now};

fn check(header: Option<&str>) -> Result<IdClaims, Rejection> {
    let value = header.map(|h| HeaderValue::from_str(h).expect("a valid header value"));
    authorize(value.as_ref(), &pool_key_set(), &expectations(), unix_now())
}

fn assert_unauthorized(result: Result<IdClaims, Rejection>) {
    let rejection = result.expect_err("the token must be rejected");
    assert_eq!(rejection, Rejection::Unauthorized);
    assert_eq!(rejection.body(), UNAUTHORIZED);
}

fn signed(claims: serde_json::Value) -> String {
    sign_rs256(&claims, KID, &keys().pool)
}

#[test]
fn valid_id_token_passes() {
    let claims = check(Some(&valid_token())).expect("a valid token is accepted");
    assert_eq!(claims.token_use, "id");
    assert_eq!(claims.aud, CLIENT_ID);
    assert!(claims.iss.ends_with(POOL_ID));
}

#[test]
fn missing_header_is_unauthorized() {
    assert_unauthorized(check(None));
}

#[test]
fn empty_header_is_unauthorized() {
    assert_unauthorized(check(Some("")));
}

#[test]
fn garbage_is_unauthorized() {
    assert_unauthorized(check(Some("not-a-jwt")));
    assert_unauthorized(check(Some("a.b.c")));
}

#[test]
fn a_bearer_prefix_is_taken_as_api_gateway_takes_it() {
    // API Gateway's Cognito authorizer accepts `Bearer <token>` as well as
    // the raw token; any other scheme, or a lowercase one, is not a token.
    let claims = check(Some(&format!("Bearer {}", valid_token()))).expect("accepted");
    assert_eq!(claims.aud, CLIENT_ID);
    assert_unauthorized(check(Some(&format!("bearer {}", valid_token()))));
    assert_unauthorized(check(Some(&format!("Basic {}", valid_token()))));
    assert_unauthorized(check(Some("Bearer ")));
}

#[test]
fn alg_none_is_unauthorized() {
    assert_unauthorized(check(Some(&unsigned_token(&id_claims(unix_now())))));
}

#[test]
fn hs256_signed_with_the_public_key_is_unauthorized() {
    assert_unauthorized(check(Some(&hs256_with_public_key(&id_claims(unix_now())))));
}

#[test]
fn unknown_kid_is_unauthorized() {
    let token = sign_rs256(&id_claims(unix_now()), "another-kid", &keys().pool);
    assert_unauthorized(check(Some(&token)));
}

#[test]
fn token_signed_by_another_key_is_unauthorized() {
    let token = sign_rs256(&id_claims(unix_now()), KID, &keys().stranger);
    assert_unauthorized(check(Some(&token)));
}

#[test]
fn wrong_issuer_is_unauthorized() {
    let mut claims = id_claims(unix_now());
    claims["iss"] = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other".into();
    assert_unauthorized(check(Some(&signed(claims))));
}

#[test]
fn wrong_audience_is_unauthorized() {
    let mut claims = id_claims(unix_now());
    claims["aud"] = "someotherclient".into();
    assert_unauthorized(check(Some(&signed(claims))));
}

#[test]
fn access_token_is_unauthorized() {
    let mut claims = id_claims(unix_now());
    claims["token_use"] = "access".into();
    assert_unauthorized(check(Some(&signed(claims))));
}

#[test]
fn expired_token_gets_the_expired_message() {
    let now = unix_now();
    let mut claims = id_claims(now - 7200);
    claims["exp"] = (now - 60).into();
    let rejection = check(Some(&signed(claims))).expect_err("expired");
    assert_eq!(rejection, Rejection::Expired);
    assert_eq!(rejection.body(), EXPIRED);
}

#[test]
fn expired_token_from_another_key_is_only_unauthorized() {
    let now = unix_now();
    let mut claims = id_claims(now - 7200);
    claims["exp"] = (now - 60).into();
    assert_unauthorized(check(Some(&sign_rs256(&claims, KID, &keys().stranger))));
}

#[test]
fn token_not_yet_valid_is_unauthorized() {
    let now = unix_now();
    let mut with_nbf = id_claims(now);
    with_nbf["nbf"] = (now + 600).into();
    assert_unauthorized(check(Some(&signed(with_nbf))));
    // Issued in the future (beyond the leeway).
    assert_unauthorized(check(Some(&signed(id_claims(now + 600)))));
}

#[test]
fn oversized_header_is_unauthorized() {
    let huge = "a".repeat(64 * 1024);
    assert_unauthorized(check(Some(&huge)));
    // Also a real token padded past the limit: length alone decides.
    let padded = format!("{}{}", valid_token(), " ".repeat(11 * 1024));
    assert_unauthorized(check(Some(&padded)));
}

#[test]
fn one_changed_byte_in_the_signature_is_unauthorized() {
    assert_unauthorized(check(Some(&tamper_signature(&valid_token()))));
}

#[tokio::test]
async fn rejections_answer_401_json_with_cors() {
    for (rejection, body) in [
        (Rejection::Unauthorized, UNAUTHORIZED),
        (Rejection::Expired, EXPIRED),
    ] {
        let response = rejection.into_response();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(response.headers()["content-type"], "application/json");
        assert_eq!(response.headers()["access-control-allow-origin"], "*");
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        assert_eq!(bytes, body.as_bytes());
    }
}
