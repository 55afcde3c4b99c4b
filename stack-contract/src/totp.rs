//! What an authenticator app shows, for the tests that drive the stack:
//! TOTP (RFC 6238) codes, six digits, HMAC-SHA1 over 30-second steps, from
//! Cognito's base32 secret. Written apart from the front's own checker
//! (`local-stack/src/cognito/totp.rs`), so that the tests check it rather
//! than repeat it.

use hmac::{Hmac, Mac};
use sha1::Sha1;

pub const STEP_SECS: u64 = 30;

/// The code for the step holding `unix_secs`.
pub fn code(secret_base32: &str, unix_secs: u64) -> String {
    let key = base32_decode(secret_base32);
    let mut mac = Hmac::<Sha1>::new_from_slice(&key).expect("HMAC takes any key length");
    mac.update(&(unix_secs / STEP_SECS).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let word = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", word % 1_000_000)
}

pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_secs()
}

/// The code an app shows now, taken early enough in its 30-second step
/// that it is still the current one when a test has typed it in: near the
/// end of a step this waits (polling the clock) for the next one.
pub fn code_now(secret_base32: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(STEP_SECS);
    loop {
        let now = now_secs();
        if now % STEP_SECS < STEP_SECS - 4 {
            return code(secret_base32, now);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the clock stands still"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// A code that no step near now has: wrong for sure.
pub fn wrong_code(secret_base32: &str) -> String {
    let now = now_secs();
    let near: Vec<String> = (0..5)
        .map(|i| code(secret_base32, now + i * STEP_SECS - 2 * STEP_SECS))
        .collect();
    (0..)
        .map(|n: u32| format!("{n:06}"))
        .find(|c| !near.contains(c))
        .expect("a free code")
}

/// RFC 4648 base32, case-insensitive, padding and spaces ignored.
fn base32_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits: u64 = 0;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.bytes().map(|b| b.to_ascii_uppercase()) {
        let Some(value) = ALPHABET.iter().position(|&a| a == c) else {
            continue;
        };
        bits = (bits << 5) | value as u64;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_rfc_6238_for_sha1() {
        // The RFC's key "12345678901234567890", base32-encoded; its 8-digit
        // codes end in these six digits.
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        assert_eq!(code(secret, 59), "287082");
        assert_eq!(code(secret, 1_111_111_109), "081804");
        assert_eq!(code(secret, 20_000_000_000), "353130");
    }

    #[test]
    fn decodes_base32_loosely() {
        assert_eq!(base32_decode("MZXW6YQ="), b"foob");
        assert_eq!(base32_decode("mzxw 6yq"), b"foob");
    }

    #[test]
    fn a_wrong_code_is_no_code_near_now() {
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        let wrong = wrong_code(secret);
        let now = now_secs();
        for at in [now - STEP_SECS, now, now + STEP_SECS] {
            assert_ne!(wrong, code(secret, at));
        }
        assert_eq!(wrong.len(), 6);
    }
}
