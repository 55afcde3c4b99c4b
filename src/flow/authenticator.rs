//! Setting up an authenticator app: the `otpauth://` address its QR code
//! holds (Google's "Key Uri Format", which every authenticator app reads),
//! and the key shown as text for typing in by hand.

use crate::cognito::AppKey;

/// How an authenticator app's key is shown.
pub trait ShownKey {
    fn uri(&self, issuer: &str, account: &str) -> String;
    fn grouped(&self) -> String;
}

impl ShownKey for AppKey {
    /// `otpauth://totp/ISSUER:ACCOUNT?secret=KEY&issuer=ISSUER`: the app
    /// lists the account under the issuer's name and the person's
    /// identifier.
    fn uri(&self, issuer: &str, account: &str) -> String {
        let mut uri = String::from("otpauth://totp/");
        percent_encode(&mut uri, issuer);
        uri.push(':');
        percent_encode(&mut uri, account);
        uri.push_str("?secret=");
        uri.push_str(&self.0);
        uri.push_str("&issuer=");
        percent_encode(&mut uri, issuer);
        uri
    }

    /// The key in groups of four, as apps show keys typed in by hand.
    fn grouped(&self) -> String {
        let mut out = String::with_capacity(self.0.len() * 5 / 4);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }
}

/// RFC 3986: everything but the unreserved characters as `%XX`.
fn percent_encode(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 15)] as char);
        }
    }
}
