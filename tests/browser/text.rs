//! The number formatting, substring search and cutting that stand in for
//! `format!` and `str` patterns.

use cognito_signin::web::text::{
    contains, decimal, find, pieces, rfind, split_once, trim_byte, trim_end_byte, two_digits,
};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn writes_numbers_as_display_does() {
    for n in [0, 7, 10, 99, 400, 65_535, 4_294_967_296, u64::MAX] {
        assert_eq!(decimal(n), n.to_string());
    }
    assert_eq!(two_digits(0), "00");
    assert_eq!(two_digits(7), "07");
    assert_eq!(two_digits(45), "45");
    assert_eq!(two_digits(123), "123");
}

#[wasm_bindgen_test]
fn finds_substrings_as_str_does() {
    let text = "Password did not conform with policy: Password not long enough: 8";
    for needle in [": ", "Password", "8", "policy", "x", "enough: 8", "8 "] {
        assert_eq!(find(text, needle), text.find(needle), "{needle:?}");
        assert_eq!(rfind(text, needle), text.rfind(needle), "{needle:?}");
        assert_eq!(contains(text, needle), text.contains(needle), "{needle:?}");
    }
    assert_eq!(find("é{}é", "{}"), Some(2));
    assert_eq!(find("ab", "abc"), None);
    assert_eq!(find("", "a"), None);
    assert_eq!(find("abc", ""), None, "an empty needle is never found");
}

#[wasm_bindgen_test]
fn cuts_at_a_separator_as_str_does() {
    for text in [
        "",
        ".",
        "a",
        "a.b",
        "..",
        "é.b.",
        ".é",
        "header.payload.signature",
    ] {
        let std: Vec<&str> = text.split('.').collect();
        assert_eq!(pieces(text, b'.'), std, "{text:?}");
        assert_eq!(split_once(text, b'.'), text.split_once('.'), "{text:?}");
    }
    assert_eq!(
        split_once("eu-west-1_abc_d", b'_'),
        Some(("eu-west-1", "abc_d"))
    );
}

#[wasm_bindgen_test]
fn trims_a_byte_as_str_does() {
    for s in [
        "", "/", "///", "a/", "a//", "/a/b/", "é/", "/é", "a", "😀/a/",
    ] {
        assert_eq!(trim_end_byte(s, b'/'), s.trim_end_matches('/'), "{s:?}");
        assert_eq!(trim_byte(s, b'/'), s.trim_matches('/'), "{s:?}");
    }
}
