//! Authenticator-app codes as Cognito checks them: TOTP (RFC 6238) with
//! HMAC-SHA1, 30-second steps and six digits, from a base32 secret of 32
//! random bytes (52 characters, as Cognito's `SecretCode`). A code of the
//! step before or after the current one is accepted too, for clock drift.

use hmac::{Hmac, Mac};
use sha1::Sha1;

pub const STEP_SECS: u64 = 30;
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A fresh secret, base32 without padding.
pub fn new_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)?;
    Ok(base32_encode(&bytes))
}

/// The six digits for the step holding `unix_secs`.
pub fn code(secret: &str, unix_secs: u64) -> Option<String> {
    let key = base32_decode(secret)?;
    let mut mac = Hmac::<Sha1>::new_from_slice(&key).ok()?;
    mac.update(&(unix_secs / STEP_SECS).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let word = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    Some(format!("{:06}", word % 1_000_000))
}

/// Whether `given` is the code of the current step or a neighbouring one.
pub fn accepts(secret: &str, given: &str, unix_secs: u64) -> bool {
    let given = given.trim();
    if given.len() != 6 || !given.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    [
        unix_secs.saturating_sub(STEP_SECS),
        unix_secs,
        unix_secs + STEP_SECS,
    ]
    .iter()
    .any(|&at| code(secret, at).is_some_and(|c| constant_time_eq(&c, given)))
}

pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut bits, mut count) = (0u32, 0);
    for &byte in bytes {
        bits = (bits << 8) | u32::from(byte);
        count += 8;
        while count >= 5 {
            count -= 5;
            out.push(char::from(ALPHABET[((bits >> count) & 31) as usize]));
        }
    }
    if count > 0 {
        out.push(char::from(ALPHABET[((bits << (5 - count)) & 31) as usize]));
    }
    out
}

/// RFC 4648 base32, case-insensitive, padding ignored; `None` for any
/// other character.
fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let (mut bits, mut count, mut out) = (0u32, 0, Vec::new());
    for c in text.trim_end_matches('=').bytes() {
        let value = ALPHABET.iter().position(|&a| a == c.to_ascii_uppercase())?;
        bits = (bits << 5) | value as u32;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238's SHA-1 key "12345678901234567890", in base32.
    const RFC_KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn matches_rfc_6238_for_sha1() {
        // The RFC's 8-digit codes end in these six digits.
        assert_eq!(code(RFC_KEY, 59).as_deref(), Some("287082"));
        assert_eq!(code(RFC_KEY, 1_111_111_109).as_deref(), Some("081804"));
        assert_eq!(code(RFC_KEY, 20_000_000_000).as_deref(), Some("353130"));
    }

    #[test]
    fn accepts_one_step_either_side_and_no_more() {
        let now = 1_111_111_109;
        let at = |secs| code(RFC_KEY, secs).unwrap();
        assert!(accepts(RFC_KEY, &at(now), now));
        assert!(accepts(RFC_KEY, &at(now - 30), now));
        assert!(accepts(RFC_KEY, &at(now + 30), now));
        assert!(!accepts(RFC_KEY, &at(now - 60), now));
        assert!(!accepts(RFC_KEY, &at(now + 60), now));
        assert!(!accepts(RFC_KEY, "", now));
        assert!(!accepts(RFC_KEY, "12345", now));
    }

    #[test]
    fn secrets_are_52_base32_characters_and_round_trip() {
        let secret = new_secret().unwrap();
        assert_eq!(secret.len(), 52);
        assert_eq!(base32_decode(&secret).map(|b| b.len()), Some(32));
        assert_ne!(secret, new_secret().unwrap());
        assert_eq!(base32_encode(b"foob"), "MZXW6YQ");
        assert_eq!(base32_decode("mzxw6yq=").as_deref(), Some(&b"foob"[..]));
        assert!(base32_decode("not base32!").is_none());
    }
}
