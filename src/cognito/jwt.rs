//! Reading the claims of a Cognito ID token. The app never verifies the
//! signature (the API does); it only needs to know whom the token names and
//! when it expires, so that an expired token is never sent.

use crate::web::json::{self, required};
use crate::web::text;

/// The claims the app uses from an ID token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdClaims {
    pub sub: String,
    pub email: Option<String>,
    /// Whether the email is verified, where the token says: Cognito
    /// writes `true` or `false`; tokens from elsewhere may write a string.
    pub email_verified: Option<bool>,
    pub phone_number: Option<String>,
    /// As `email_verified`, for the phone number.
    pub phone_number_verified: Option<bool>,
    /// Expiry, in seconds since the Unix epoch.
    pub exp: u64,
    pub token_use: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    #[error("the token does not have three parts")]
    Shape,
    #[error("the token's payload is not base64url")]
    Encoding,
    #[error("the token's payload is not the expected JSON: {0}")]
    Claims(String),
    #[error("the token is a {0} token, not an ID token")]
    NotIdToken(String),
}

/// Decodes the payload of `token` into its claims and checks it is an ID
/// token.
pub fn id_claims(token: &str) -> Result<IdClaims, JwtError> {
    let [_header, payload, _signature] = text::pieces(token, b'.')[..] else {
        return Err(JwtError::Shape);
    };
    let bytes = base64url_decode(payload).ok_or(JwtError::Encoding)?;
    let claims = json::read_bytes(&bytes, |f| {
        Ok(IdClaims {
            sub: required(f.string("sub")?)?,
            email: f.string("email")?,
            email_verified: flag(f.get("email_verified")),
            phone_number: f.string("phone_number")?,
            phone_number_verified: flag(f.get("phone_number_verified")),
            exp: required(f.u64("exp")?)?,
            token_use: required(f.string("token_use")?)?,
        })
    })
    .map_err(|e| JwtError::Claims(e.0.to_owned()))?;
    if claims.token_use != "id" {
        return Err(JwtError::NotIdToken(claims.token_use));
    }
    Ok(claims)
}

/// A `*_verified` claim: Cognito writes `true` or `false`; tokens from
/// elsewhere may write a string.
fn flag(value: Option<wasm_bindgen::JsValue>) -> Option<bool> {
    let value = value?;
    value
        .as_bool()
        .or_else(|| value.as_string().map(|text| text == "true"))
}

/// Unpadded base64url, as JWTs use (RFC 7515 §2). Hand-written because it is
/// the only base64 the app needs and a crate would cost bytes.
pub fn base64url_decode(input: &str) -> Option<Vec<u8>> {
    fn value(byte: u8) -> Option<u32> {
        Some(match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32)
    }
    let input = text::trim_end_byte(input, b'=').as_bytes();
    if input.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    for chunk in input.chunks(4) {
        let mut acc = 0u32;
        for (i, &byte) in chunk.iter().enumerate() {
            acc |= value(byte)? << (18 - 6 * i);
        }
        let bytes = acc.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}
