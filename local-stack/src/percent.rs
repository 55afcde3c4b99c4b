//! Percent-decoding for the local stack's URLs (site paths and the
//! `/_local/outbox?to=` query), with the `percent-encoding` crate, made
//! strict: the crate passes a malformed escape through as text, and here a
//! path with one matches nothing.

use percent_encoding::percent_decode_str;

/// Decodes `%XX` escapes; `None` for bad escapes, invalid UTF-8 or NUL.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let well_formed = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    let decoded = percent_decode_str(text).decode_utf8().ok()?;
    (!decoded.contains('\0')).then(|| decoded.into_owned())
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn decodes_percent_escapes_strictly() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/%2e%2e/x").as_deref(), Some("/../x"));
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%00"), None);
        assert_eq!(percent_decode("/%"), None);
        assert_eq!(
            percent_decode("a%2Bb%40example.com").as_deref(),
            Some("a+b@example.com")
        );
    }
}
