//! The JSON reader (typed fields over the browser's `JSON.parse`) and the
//! hand-written writer: scalars, escapes (surrogate pairs included), nested
//! objects, typed fields, and malformed input that must fail without a
//! panic.

use cognito_signin::web::json::*;
use wasm_bindgen_test::wasm_bindgen_test;

/// The field `v` of `{"v": <value>}`, read by `pick`.
fn field<T>(value: &str, pick: impl FnOnce(&Fields) -> Result<T, Error>) -> Result<T, Error> {
    read(&["{\"v\": ", value, "}"].concat(), |f| pick(&f))
}

#[wasm_bindgen_test]
fn reads_scalars_and_whitespace() {
    assert_eq!(field(" null ", |f| f.string("v")), Ok(None));
    assert_eq!(field("true", |f| f.bool("v")), Ok(Some(true)));
    assert_eq!(field("\tfalse\r\n", |f| f.bool("v")), Ok(Some(false)));
    assert_eq!(field("0", |f| f.u64("v")), Ok(Some(0)));
    assert_eq!(field("1.5e3", |f| f.u64("v")), Ok(Some(1500)));
    assert_eq!(
        field("9007199254740991", |f| f.u64("v")),
        Ok(Some(9_007_199_254_740_991))
    );
    for inexact in [
        "9007199254740992",
        "18446744073709551616",
        "-1",
        "2E-2",
        "0.5",
    ] {
        assert!(field(inexact, |f| f.u64("v")).is_err(), "{inexact}");
    }
    assert_eq!(field(r#""hi""#, |f| f.string("v")), Ok(Some("hi".into())));
    assert_eq!(
        read_string(r#" "Hello from Lambda!" "#),
        Ok("Hello from Lambda!".into())
    );
    assert!(read_string("{}").is_err());
    assert!(read_string("Hello").is_err());
}

#[wasm_bindgen_test]
fn reads_escapes_and_unicode() {
    let text = |json: &str| field(json, |f| f.string("v")).unwrap().unwrap();
    assert_eq!(
        text(r#""a\"b\\c\/d\b\f\n\r\t""#),
        "a\"b\\c/d\u{8}\u{c}\n\r\t"
    );
    assert_eq!(text(r#""\u00e9\u20AC""#), "é€");
    assert_eq!(text(r#""\ud83d\ude00""#), "😀");
    assert_eq!(text("\"é😀\""), "é😀");
    // JavaScript strings may hold half a surrogate pair; Rust's may not.
    assert_eq!(text(r#""a\ud83db""#), "a\u{fffd}b");
}

#[wasm_bindgen_test]
fn reads_nested_objects() {
    let read_b = |f: Fields| {
        let a = f.object("a")?.ok_or(Error("no a"))?;
        let b = a.object("b")?.ok_or(Error("no b"))?;
        Ok((
            b.u64("c")?,
            f.object("d")?.is_some(),
            f.object("missing")?.is_none(),
        ))
    };
    assert_eq!(
        read(r#"{"a": {"b": {"c": 1, "x": [1, {}]}}, "d": {}}"#, read_b),
        Ok((Some(1), true, true))
    );
    assert!(read(r#"{"a": [1]}"#, |f| f.object("a")).is_err());
}

#[wasm_bindgen_test]
fn reads_typed_fields() {
    let text = r#"{"s": "x", "n": 7, "b": true, "z": null, "big": 4294967296, "o": {}}"#;
    read(text, |f| {
        assert_eq!(f.string("s"), Ok(Some("x".to_owned())));
        assert_eq!(f.string("z"), Ok(None));
        assert_eq!(f.string("nope"), Ok(None));
        assert!(f.string("n").is_err());
        assert!(f.string("o").is_err());
        assert_eq!(f.u64("n"), Ok(Some(7)));
        assert_eq!(f.u32("n"), Ok(Some(7)));
        assert!(f.u32("big").is_err());
        assert!(f.u64("s").is_err());
        assert_eq!(f.bool("b"), Ok(Some(true)));
        assert!(f.bool("s").is_err());
        assert!(f.object("s").is_err());
        assert!(required(f.string("z").unwrap()).is_err());
        // Only the object's own fields: not what every object inherits.
        assert_eq!(f.string("toString"), Ok(None));
        assert!(matches!(f.object("__proto__"), Ok(None)));
        Ok(())
    })
    .unwrap();
    assert_eq!(
        read(r#"{"__proto__": {"a": "b"}}"#, |f| f
            .object("__proto__")?
            .map(|o| o.string("a"))
            .transpose()),
        Ok(Some(Some("b".to_owned())))
    );
}

#[wasm_bindgen_test]
fn refuses_malformed_input_without_panicking() {
    let bad = [
        "",
        " ",
        "nul",
        "<html>",
        "{",
        "}",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "{a:1}",
        "{\"a\":1 \"b\":2}",
        "{\"a\": [1,]}",
        "{\"a\":\"abc}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12G4\"}",
        "{\"a\":\"a\nb\"}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":+1}",
        "{} x",
        "\u{feff}{}",
        // Valid JSON, but not an object.
        "[]",
        "null",
        "\"{}\"",
        "1",
    ];
    for text in bad {
        assert!(read(text, |_| Ok(())).is_err(), "{text:?}");
    }
    assert!(read_bytes(b"{\"a\": \"\xff\"}", |_| Ok(())).is_err());
    assert!(read(&"[".repeat(100_000), |_| Ok(())).is_err());
    let deep = ["{\"a\":", &"[".repeat(5_000), &"]".repeat(5_000), "}"].concat();
    assert_eq!(read(&deep, |f| f.string("b")), Ok(None));
}

#[wasm_bindgen_test]
fn writes_compact_escaped_objects() {
    let inner = ObjectWriter::new().string("USERNAME", "a").finish();
    let json = ObjectWriter::new()
        .string("Name", "q\"b\\s\n\t\u{1}\u{1f}é😀</")
        .opt_string("None", None)
        .u64("N", 1_700_000_000)
        .raw("Inner", &inner)
        .finish();
    assert_eq!(
        json,
        r#"{"Name":"q\"b\\s\n\t\u0001\u001fé😀</","None":null,"N":1700000000,"Inner":{"USERNAME":"a"}}"#
    );
    assert_eq!(ObjectWriter::new().finish(), "{}");
    let name = read(&json, |f| f.string("Name"));
    assert_eq!(name, Ok(Some("q\"b\\s\n\t\u{1}\u{1f}é😀</".to_owned())));
    assert_eq!(string("\u{8}\u{c}\r"), r#""\b\f\r""#);
}
