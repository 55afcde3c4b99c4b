//! What an authenticator app shows for a secret (RFC 6238: HMAC-SHA1, 30 s
//! steps, six digits), written apart from the front's own so that the
//! tests check it rather than repeat it.
#![allow(dead_code)] // Each test binary uses a different part.

use hmac::{Hmac, Mac};
use sha1::Sha1;

pub fn code_at(secret_base32: &str, unix_secs: u64) -> String {
    let mut key = Vec::new();
    let (mut bits, mut count) = (0u64, 0);
    for c in secret_base32.bytes() {
        let value = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
            .iter()
            .position(|&a| a == c)
            .expect("a base32 secret") as u64;
        bits = (bits << 5) | value;
        count += 5;
        if count >= 8 {
            count -= 8;
            key.push((bits >> count) as u8);
        }
    }
    let mut mac = Hmac::<Sha1>::new_from_slice(&key).expect("any key length");
    mac.update(&(unix_secs / 30).to_be_bytes());
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

pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

/// The app's code now.
pub fn code_now(secret: &str) -> String {
    code_at(secret, now())
}

/// A code no step near now has: wrong for sure.
pub fn wrong_code(secret: &str) -> String {
    let near: Vec<String> = (0..5)
        .map(|i| code_at(secret, now() + i * 30 - 60))
        .collect();
    (0..)
        .map(|n: u32| format!("{n:06}"))
        .find(|c| !near.contains(c))
        .expect("a free code")
}
