//! The little text work the app does (small numbers, short substrings,
//! cutting at a separator) without `format!`, `to_string` on numbers or
//! `str` patterns: those link `core::fmt`, core's two-way substring searcher
//! and its char searcher, about 8 KB of wasm for what a few lines do here.

/// `n` in decimal.
pub fn decimal(n: u64) -> String {
    let mut digits = [0_u8; 20];
    let mut start = digits.len();
    let mut rest = n;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    digits[start..].iter().map(|&d| char::from(d)).collect()
}

/// `n` with a leading zero below 10, as clocks show minutes.
pub fn two_digits(n: u32) -> String {
    let text = decimal(n.into());
    if text.len() < 2 {
        ["0", &text].concat()
    } else {
        text
    }
}

/// `s` cut at every `separator`, an ASCII byte (so each piece is whole
/// UTF-8), like `str::split`.
pub fn pieces(s: &str, separator: u8) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (at, byte) in s.bytes().enumerate() {
        if byte == separator {
            pieces.push(&s[start..at]);
            start = at + 1;
        }
    }
    pieces.push(&s[start..]);
    pieces
}

/// `s` cut at its first `separator`, an ASCII byte, like `str::split_once`.
pub fn split_once(s: &str, separator: u8) -> Option<(&str, &str)> {
    let at = s.bytes().position(|byte| byte == separator)?;
    Some((&s[..at], &s[at + 1..]))
}

/// `s` without any `byte` at its end. For an ASCII `byte`, so the cut is
/// at a character boundary; `str::trim_end_matches` on a `char` linked
/// core's char searcher.
pub fn trim_end_byte(s: &str, byte: u8) -> &str {
    let keep = s.bytes().rposition(|b| b != byte).map_or(0, |at| at + 1);
    &s[..keep]
}

/// `s` without any `byte` at either end (an ASCII byte, as above).
pub fn trim_byte(s: &str, byte: u8) -> &str {
    let s = trim_end_byte(s, byte);
    let start = s.bytes().position(|b| b != byte).unwrap_or(s.len());
    &s[start..]
}

/// The byte index of the first `needle` in `haystack`.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    positions(haystack, needle).next()
}

/// The byte index of the last `needle` in `haystack`.
pub fn rfind(haystack: &str, needle: &str) -> Option<usize> {
    positions(haystack, needle).next_back()
}

pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// Where `needle` starts in `haystack`, first to last. An empty needle is
/// never found (no caller searches for one).
fn positions<'a>(
    haystack: &'a str,
    needle: &'a str,
) -> impl DoubleEndedIterator<Item = usize> + 'a {
    let needle = needle.as_bytes();
    // `windows(0)` panics; windows of 1 never equal an empty needle.
    haystack
        .as_bytes()
        .windows(needle.len().max(1))
        .enumerate()
        .filter(move |(_, window)| *window == needle)
        .map(|(at, _)| at)
}
