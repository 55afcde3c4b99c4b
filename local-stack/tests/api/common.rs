//! Test keys and tokens: real RSA keys generated here, a JWKS made from
//! them, and tokens signed the way Cognito signs ID tokens.
#![allow(dead_code)] // stack.rs includes this file too and uses only TempDir.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use local_stack::authorizer::{Expectations, unix_now};
use local_stack::jwks::KeySet;
use rsa::pkcs1::{EncodeRsaPrivateKey, EncodeRsaPublicKey};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::{Value, json};

pub const KID: &str = "test-kid";
pub const POOL_ID: &str = "us-east-1_TestPool";
pub const CLIENT_ID: &str = "testclientid";
pub const UNAUTHORIZED: &str = r#"{"message":"Unauthorized"}"#;
pub const EXPIRED: &str = r#"{"message":"The incoming token has expired"}"#;

pub struct TestKeys {
    /// The pool's key: its public half is in the JWKS.
    pub pool: RsaPrivateKey,
    /// A key nobody published.
    pub stranger: RsaPrivateKey,
}

/// Generated once per test binary: RSA key generation is slow in debug.
pub fn keys() -> &'static TestKeys {
    static KEYS: OnceLock<TestKeys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let generate = || RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048);
        // Two cores, two keys: generate them side by side.
        let (pool, stranger) = std::thread::scope(|scope| {
            let stranger = scope.spawn(generate);
            (generate(), stranger.join())
        });
        TestKeys {
            pool: pool.expect("RSA key generation"),
            stranger: stranger
                .expect("key generation thread")
                .expect("RSA key generation"),
        }
    })
}

pub fn jwks_json(public: &RsaPublicKey, kid: &str) -> Value {
    json!({"keys": [{
        "kty": "RSA",
        "alg": "RS256",
        "use": "sig",
        "kid": kid,
        "n": URL_SAFE_NO_PAD.encode(public.n().to_bytes_be()),
        "e": URL_SAFE_NO_PAD.encode(public.e().to_bytes_be()),
    }]})
}

pub fn pool_key_set() -> KeySet {
    let set: JwkSet =
        serde_json::from_value(jwks_json(&keys().pool.to_public_key(), KID)).expect("a valid JWKS");
    KeySet::from_jwks(&set)
}

pub fn expectations() -> Expectations {
    Expectations::for_pool("us-east-1", POOL_ID, CLIENT_ID)
}

/// Claims shaped like a Cognito ID token, valid for an hour from `now`.
pub fn id_claims(now: u64) -> Value {
    json!({
        "sub": "6f0c1b9e-0000-4000-8000-000000000000",
        "email": "user@example.com",
        "email_verified": true,
        "iss": format!("https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}"),
        "aud": CLIENT_ID,
        "token_use": "id",
        "auth_time": now,
        "iat": now,
        "exp": now + 3600,
        "jti": "3b0e7c4a-0000-4000-8000-000000000000",
        "cognito:username": "6f0c1b9e-0000-4000-8000-000000000000",
    })
}

pub fn sign_rs256(claims: &Value, kid: &str, key: &RsaPrivateKey) -> String {
    let der = key.to_pkcs1_der().expect("PKCS#1 encoding");
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(kid.to_string());
    jsonwebtoken::encode(&header, claims, &EncodingKey::from_rsa_der(der.as_bytes()))
        .expect("signing")
}

pub fn valid_token() -> String {
    sign_rs256(&id_claims(unix_now()), KID, &keys().pool)
}

/// `alg: none` with an empty signature, the classic bypass attempt.
pub fn unsigned_token(claims: &Value) -> String {
    let header = json!({"alg": "none", "typ": "JWT", "kid": KID});
    format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

/// HS256 with the pool's public key as the HMAC secret: the key-confusion
/// attack on verifiers that let the token pick the algorithm.
pub fn hs256_with_public_key(claims: &Value) -> String {
    let public = keys()
        .pool
        .to_public_key()
        .to_pkcs1_der()
        .expect("PKCS#1 encoding");
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(KID.to_string());
    jsonwebtoken::encode(
        &header,
        claims,
        &EncodingKey::from_secret(public.as_bytes()),
    )
    .expect("signing")
}

/// Flips one byte in the middle of the signature part.
pub fn tamper_signature(token: &str) -> String {
    let dot = token.rfind('.').expect("a JWT has dots");
    let mut bytes = token.as_bytes().to_vec();
    let index = dot + (bytes.len() - dot) / 2;
    bytes[index] = if bytes[index] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).expect("still ASCII")
}

/// A directory under the system temp dir, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("local-stack-{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("creating a temp dir");
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
