//! Short-lived ID tokens on request. moto always issues tokens for an hour;
//! tests that need an ID token to expire ask the front to re-sign a
//! person's ID tokens with an earlier `exp`. It signs with moto's own key (it ships with
//! moto, kid `dummy`), so the local API verifies them against moto's JWKS
//! like any other: only the lifetime changes.

use std::io::Read;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::BigUint;
use rsa::pkcs1::EncodeRsaPrivateKey;
use serde_json::Value;

const MOTO_KEY: &str = "site-packages/moto/cognitoidp/resources/jwks-private.json.gz";
const MOTO_KID: &str = "dummy";

#[derive(Debug, thiserror::Error)]
pub enum SignerError {
    #[error("moto's signing key was not found next to {0:?}")]
    KeyNotFound(PathBuf),
    #[error("reading moto's signing key {path:?}: {detail}")]
    BadKey { path: PathBuf, detail: String },
    #[error("the token is not a JWT this stack issued")]
    BadToken,
}

pub struct TokenSigner {
    key: EncodingKey,
}

impl std::fmt::Debug for TokenSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenSigner(<private key>)")
    }
}

impl TokenSigner {
    /// Loads moto's private key from the environment `moto_server` runs in
    /// (`<venv>/bin/moto_server` -> `<venv>/lib/python3.X/site-packages/…`).
    pub fn for_moto(moto_server: &Path) -> Result<TokenSigner, SignerError> {
        let path = find_key(moto_server)?;
        let bad = |detail: String| SignerError::BadKey {
            path: path.clone(),
            detail,
        };
        let mut json = String::new();
        std::fs::File::open(&path)
            .map(flate2::read::GzDecoder::new)
            .and_then(|mut gz| gz.read_to_string(&mut json))
            .map_err(|e| bad(e.to_string()))?;
        let jwk: Value = serde_json::from_str(&json).map_err(|e| bad(e.to_string()))?;
        TokenSigner::from_jwk(&jwk).map_err(bad)
    }

    /// An RSA private JWK with at least `n`, `e` and `d` (primes recovered).
    pub fn from_jwk(jwk: &Value) -> Result<TokenSigner, String> {
        let number = |name: &str| -> Result<BigUint, String> {
            let text = jwk[name]
                .as_str()
                .ok_or_else(|| format!("the key lacks {name}"))?;
            let bytes = URL_SAFE_NO_PAD
                .decode(text)
                .map_err(|e| format!("{name}: {e}"))?;
            Ok(BigUint::from_bytes_be(&bytes))
        };
        let key = rsa::RsaPrivateKey::from_components(
            number("n")?,
            number("e")?,
            number("d")?,
            Vec::new(),
        )
        .map_err(|e| e.to_string())?;
        let der = key.to_pkcs1_der().map_err(|e| e.to_string())?;
        Ok(TokenSigner {
            key: EncodingKey::from_rsa_der(der.as_bytes()),
        })
    }

    /// The same token with `exp = iat + lifetime_secs`, signed again.
    pub fn with_lifetime(&self, token: &str, lifetime_secs: u64) -> Result<String, SignerError> {
        let mut claims = claims(token).ok_or(SignerError::BadToken)?;
        let issued_at = claims["iat"].as_u64().ok_or(SignerError::BadToken)?;
        claims["exp"] = Value::from(issued_at + lifetime_secs);
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(MOTO_KID.to_string());
        jsonwebtoken::encode(&header, &claims, &self.key).map_err(|_| SignerError::BadToken)
    }
}

/// A JWT's claims, unverified: only for tokens moto just handed us.
pub fn claims(token: &str) -> Option<Value> {
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?;
    serde_json::from_slice::<Value>(&bytes)
        .ok()
        .filter(Value::is_object)
}

fn find_key(moto_server: &Path) -> Result<PathBuf, SignerError> {
    let not_found = || SignerError::KeyNotFound(moto_server.to_path_buf());
    let venv = moto_server
        .canonicalize()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.to_path_buf()))
        .ok_or_else(not_found)?;
    let lib = std::fs::read_dir(venv.join("lib")).map_err(|_| not_found())?;
    lib.flatten()
        .map(|python| python.path().join(MOTO_KEY))
        .find(|path| path.is_file())
        .ok_or_else(not_found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_of_garbage_are_none() {
        assert!(claims("not a token").is_none());
        assert!(claims("a.!!!.c").is_none());
        assert!(claims(&format!("a.{}.c", URL_SAFE_NO_PAD.encode("[1]"))).is_none());
    }

    #[test]
    fn a_missing_key_is_reported_with_the_path() {
        let err = TokenSigner::for_moto(Path::new("/nonexistent/bin/moto_server")).unwrap_err();
        assert!(err.to_string().contains("/nonexistent"), "{err}");
    }
}
