//! A translation packed into one text, split into [`Messages`] when the
//! page loads, with the compile-time checks that keep it in step with the
//! catalogue.
//!
//! [`Messages`]: super::Messages

use crate::web::text;

/// Between a translation's messages: the ASCII unit separator, which no
/// message contains (checked when the translation is compiled).
const SEPARATOR: u8 = 0x1f;

/// A translation as one text: its messages in the catalogue's order, each
/// followed by [`SEPARATOR`]. Field names and order are checked against
/// the catalogue at compile time; the text is split into
/// [`Messages`](super::Messages) when the page loads. One text rather than
/// a `Messages` constant per language: their tables of string pointers
/// cost 0.5 KB of brotli.
macro_rules! translation {
    ($($field:ident: $text:literal,)*) => {{
        const TEXT: &str = concat!($($text, "\u{1f}",)*);
        const _: () = assert!(
            super::packed::names_match(&[$(stringify!($field)),*]),
            "a translation must fill in every message, in the catalogue's order"
        );
        const _: () = assert!(
            super::packed::separators(TEXT) == super::FIELDS.len(),
            "a message contains the separator"
        );
        TEXT
    }};
}

/// Whether `names` are the catalogue's fields, in order.
pub const fn names_match(names: &[&str]) -> bool {
    if names.len() != super::FIELDS.len() {
        return false;
    }
    let mut i = 0;
    while i < names.len() {
        let (a, b) = (names[i].as_bytes(), super::FIELDS[i].as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut j = 0;
        while j < a.len() {
            if a[j] != b[j] {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    true
}

/// How many separators `text` holds.
pub const fn separators(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut count, mut i) = (0, 0);
    while i < bytes.len() {
        if bytes[i] == SEPARATOR {
            count += 1;
        }
        i += 1;
    }
    count
}

/// `text`'s first `N` messages, each ended by [`SEPARATOR`].
pub fn split_messages<const N: usize>(text: &'static str) -> [&'static str; N] {
    let mut messages = [""; N];
    let mut rest = text;
    for message in &mut messages {
        if let Some((head, tail)) = text::split_once(rest, SEPARATOR) {
            (*message, rest) = (head, tail);
        }
    }
    messages
}
