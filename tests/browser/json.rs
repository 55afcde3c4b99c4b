//! The hand-written JSON reader and writer the app uses instead of serde:
//! scalars, escapes (surrogate pairs included), nesting, typed fields, and
//! malformed input that must fail without a panic.

use cognito_signin::json::*;
use wasm_bindgen_test::wasm_bindgen_test;

fn s(text: &str) -> Value {
    Value::String(text.to_owned())
}

#[wasm_bindgen_test]
fn parses_scalars_and_whitespace() {
    assert_eq!(parse(" null "), Ok(Value::Null));
    assert_eq!(parse("true"), Ok(Value::Bool(true)));
    assert_eq!(parse("\tfalse\r\n"), Ok(Value::Bool(false)));
    assert_eq!(parse("0"), Ok(Value::Number(Some(0))));
    assert_eq!(
        parse("18446744073709551615"),
        Ok(Value::Number(Some(u64::MAX)))
    );
    assert_eq!(parse("18446744073709551616"), Ok(Value::Number(None)));
    assert_eq!(parse("-1"), Ok(Value::Number(None)));
    assert_eq!(parse("1.5e3"), Ok(Value::Number(None)));
    assert_eq!(parse("2E-2"), Ok(Value::Number(None)));
    assert_eq!(parse(r#""hi""#), Ok(s("hi")));
}

#[wasm_bindgen_test]
fn parses_escapes_and_unicode() {
    assert_eq!(
        parse(r#""a\"b\\c\/d\b\f\n\r\t""#),
        Ok(s("a\"b\\c/d\u{8}\u{c}\n\r\t"))
    );
    assert_eq!(parse(r#""\u00e9\u20AC""#), Ok(s("é€")));
    assert_eq!(parse(r#""\ud83d\ude00""#), Ok(s("😀")));
    assert_eq!(parse("\"é😀\""), Ok(s("é😀")));
}

#[wasm_bindgen_test]
fn parses_nested_objects_and_arrays() {
    let value = parse(r#"{"a": {"b": [1, {"c": null}, []]}, "d": {}}"#).unwrap();
    let fields = Fields::of(&value).unwrap();
    let a = fields.object("a").unwrap().unwrap();
    assert_eq!(
        a.get("b"),
        Some(&Value::Array(vec![
            Value::Number(Some(1)),
            Value::Object(vec![("c".to_owned(), Value::Null)]),
            Value::Array(vec![]),
        ]))
    );
    assert!(fields.object("d").unwrap().is_some());
    assert!(fields.object("missing").unwrap().is_none());
}

#[wasm_bindgen_test]
fn reads_typed_fields() {
    let value = parse(r#"{"s": "x", "n": 7, "b": true, "z": null, "big": 4294967296}"#).unwrap();
    let f = Fields::of(&value).unwrap();
    assert_eq!(f.string("s"), Ok(Some("x".to_owned())));
    assert_eq!(f.string("z"), Ok(None));
    assert_eq!(f.string("nope"), Ok(None));
    assert!(f.string("n").is_err());
    assert_eq!(f.u64("n"), Ok(Some(7)));
    assert_eq!(f.u32("n"), Ok(Some(7)));
    assert!(f.u32("big").is_err());
    assert!(f.u64("s").is_err());
    assert_eq!(f.bool("b"), Ok(Some(true)));
    assert!(f.bool("s").is_err());
    assert!(f.object("s").is_err());
    assert!(required(f.string("z").unwrap()).is_err());
}

#[wasm_bindgen_test]
fn refuses_malformed_input_without_panicking() {
    let bad = [
        "",
        " ",
        "nul",
        "tru",
        "<html>",
        "{",
        "}",
        "[",
        "[1,]",
        "[1 2]",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "{a:1}",
        "{\"a\":1 \"b\":2}",
        "\"abc",
        "\"\\",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "\"\\ud83d\"",
        "\"\\ud83dx\"",
        "\"\\ud83d\\u0041\"",
        "\"\\ude00\"",
        "\"a\nb\"",
        "01",
        "-",
        "1.",
        "1e",
        ".5",
        "+1",
        "1 2",
        "{} x",
        "\u{feff}{}",
    ];
    for text in bad {
        assert!(parse(text).is_err(), "{text:?}");
    }
    assert!(parse_bytes(b"\"\xff\"").is_err());
    assert!(parse(&"[".repeat(100_000)).is_err());
    assert!(parse(&format!("{}1{}", "[".repeat(50), "]".repeat(50))).is_ok());
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
    let back = parse(&json).unwrap();
    let f = Fields::of(&back).unwrap();
    assert_eq!(
        f.string("Name"),
        Ok(Some("q\"b\\s\n\t\u{1}\u{1f}é😀</".to_owned()))
    );
    assert_eq!(string("\u{8}\u{c}\r"), r#""\b\f\r""#);
}
