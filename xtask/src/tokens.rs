//! Real tokens from Cognito's JSON API on moto, and forgeries made from
//! them, for the load benchmark. Tokens and passwords stay in memory: they
//! are never printed or written.

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

use stack_contract::StackState;
use stack_contract::cognito::{self as contract, requests};

use crate::http1;

pub struct Tokens {
    pub id: String,
    pub access: String,
}

/// Calls one Cognito operation (admin ones with the authorization the
/// AWS CLI would send); an error names the operation and the exception
/// type (moto's error bodies hold no secrets).
pub fn cognito(stack: &StackState, operation: &str, payload: &Value) -> Result<Value> {
    let owned = contract::request_headers(operation, &stack.region);
    let headers: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = http1::request(
        "POST",
        &stack.cognito_endpoint,
        &headers,
        payload.to_string().as_bytes(),
    )?;
    let body: Value = serde_json::from_slice(&answer.body).unwrap_or(Value::Null);
    if answer.status != 200 {
        bail!(
            "{operation} answered HTTP {}: {}",
            answer.status,
            body["__type"].as_str().unwrap_or("no error type")
        );
    }
    Ok(body)
}

/// Signs `email` up, confirms it as an administrator and signs it in.
pub fn confirmed_user(stack: &StackState, email: &str, password: &str) -> Result<Tokens> {
    let client = &stack.user_pool_client_id;
    cognito(stack, "SignUp", &requests::sign_up(client, email, password))?;
    cognito(
        stack,
        "AdminConfirmSignUp",
        &requests::admin_confirm_sign_up(&stack.user_pool_id, email),
    )?;
    let auth = cognito(
        stack,
        "InitiateAuth",
        &requests::password_auth(client, email, password),
    )?;
    let token = |name: &str| {
        auth["AuthenticationResult"][name]
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("InitiateAuth returned no {name}"))
    };
    Ok(Tokens {
        id: token("IdToken")?,
        access: token("AccessToken")?,
    })
}

/// A throwaway address and a password that meets the pool's policy (8+
/// characters with upper and lower case, a digit and a symbol).
pub fn throwaway_user(tag: &str, n: usize) -> (String, String) {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    (
        format!("bench-{tag}-{nanos:x}-{n}@example.com"),
        format!("Bench-{:x}-Pw1!", nanos ^ ((n as u128) << 7)),
    )
}

/// Forgeries of a valid ID token, labelled. None of them may pass.
pub fn forgeries(tokens: &Tokens) -> Result<Vec<(&'static str, String)>> {
    let parts: Vec<&str> = tokens.id.split('.').collect();
    let [header, payload, signature] = parts[..] else {
        bail!("the ID token is not a three-part JWT");
    };
    let header_json: Value = serde_json::from_slice(&b64url_decode(header)?)?;
    let payload_json: Value = serde_json::from_slice(&b64url_decode(payload)?)?;
    let encode_json = |value: &Value| b64url_encode(value.to_string().as_bytes());
    let with_header = |edit: &dyn Fn(&mut Value)| {
        let mut h = header_json.clone();
        edit(&mut h);
        encode_json(&h)
    };
    let with_payload = |edit: &dyn Fn(&mut Value)| {
        let mut p = payload_json.clone();
        edit(&mut p);
        encode_json(&p)
    };

    let mut sig = b64url_decode(signature)?;
    for byte in sig.iter_mut().take(8) {
        *byte ^= 0x5a;
    }
    let bad_signature = b64url_encode(&sig);
    let other_sub = with_payload(&|p| p["sub"] = json!("00000000-0000-0000-0000-000000000000"));
    let other_aud = with_payload(&|p| p["aud"] = json!("some-other-client"));
    let later_exp =
        with_payload(&|p| p["exp"] = json!(p["exp"].as_u64().unwrap_or_default() + 86_400 * 365));
    let alg_none = with_header(&|h| h["alg"] = json!("none"));
    let alg_hs256 = with_header(&|h| h["alg"] = json!("HS256"));
    let unknown_kid = with_header(&|h| h["kid"] = json!("forged-kid"));

    Ok(vec![
        (
            "signature bytes changed",
            format!("{header}.{payload}.{bad_signature}"),
        ),
        ("sub changed", format!("{header}.{other_sub}.{signature}")),
        ("aud changed", format!("{header}.{other_aud}.{signature}")),
        ("exp extended", format!("{header}.{later_exp}.{signature}")),
        ("alg none, no signature", format!("{alg_none}.{payload}.")),
        ("alg HS256", format!("{alg_hs256}.{payload}.{signature}")),
        (
            "unknown kid",
            format!("{unknown_kid}.{payload}.{signature}"),
        ),
        ("signature removed", format!("{header}.{payload}.")),
        ("access token", tokens.access.clone()),
        ("not a JWT", "not-a-jwt".to_owned()),
    ])
}

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn b64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(B64URL[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

pub fn b64url_decode(text: &str) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut count) = (0u32, 0);
    for c in text.trim_end_matches('=').bytes() {
        let value = B64URL
            .iter()
            .position(|&x| x == c)
            .with_context(|| format!("{:?} is not base64url", c as char))?;
        bits = (bits << 6) | value as u32;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        let data: Vec<u8> = (0..=255).collect();
        for len in 0..40 {
            let encoded = b64url_encode(&data[200 - len..200]);
            assert!(!encoded.contains(['+', '/', '=']));
            assert_eq!(b64url_decode(&encoded).unwrap(), &data[200 - len..200]);
        }
        assert_eq!(b64url_encode(b"hi?>"), "aGk_Pg");
        assert!(b64url_decode("a+b").is_err());
    }

    #[test]
    fn forgeries_differ_from_the_token_and_from_each_other() {
        let header = b64url_encode(br#"{"alg":"RS256","kid":"k"}"#);
        let payload = b64url_encode(br#"{"sub":"s","aud":"a","exp":10}"#);
        let id = format!("{header}.{payload}.{}", b64url_encode(&[7; 256]));
        let tokens = Tokens {
            id: id.clone(),
            access: "access".into(),
        };
        let forged = forgeries(&tokens).unwrap();
        let mut seen = std::collections::HashSet::new();
        for (label, token) in &forged {
            assert_ne!(token, &id, "{label}");
            assert!(seen.insert(token.clone()), "{label} is a duplicate");
        }
        let hs = &forged.iter().find(|(l, _)| *l == "alg HS256").unwrap().1;
        let head: Value =
            serde_json::from_slice(&b64url_decode(hs.split('.').next().unwrap()).unwrap()).unwrap();
        assert_eq!(head["alg"], "HS256");
        assert_eq!(head["kid"], "k");
    }

    #[test]
    fn throwaway_passwords_meet_the_policy() {
        let (email, password) = throwaway_user("t", 3);
        assert!(email.ends_with("-3@example.com"));
        assert!(password.len() >= 8);
        assert!(password.chars().any(|c| c.is_ascii_uppercase()));
        assert!(password.chars().any(|c| c.is_ascii_lowercase()));
        assert!(password.chars().any(|c| c.is_ascii_digit()));
        assert!(password.chars().any(|c| !c.is_ascii_alphanumeric()));
    }
}
