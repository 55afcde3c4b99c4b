//! Just enough JSON for the app's few shapes: typed reads of an object's
//! fields and a writer for flat objects. Reading goes through the browser's
//! own `JSON.parse`, and fields are read from its result where it lies.
//! serde's generated code for each type cost more bytes in the wasm bundle
//! than the rest of the app's logic; a parser of our own into a tree of
//! values cost 1.8 KB brotli more than this. Bad input is an [`Error`],
//! never a panic.

use std::fmt;

use js_sys::{Array, JSON, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Why a text is not JSON, or not the JSON a caller expected. Fixed words:
/// the browser's own message quotes the text, which may hold a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Error(pub &'static str);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// The largest whole number a JavaScript number holds exactly.
const MAX_EXACT: f64 = 9_007_199_254_740_991.0;

fn parse(text: &str) -> Result<JsValue, Error> {
    JSON::parse(text).map_err(|_| Error("syntax error"))
}

/// The fields of a JSON object, read with the types a struct expects. A
/// missing field or `null` reads as `None`; a field of another type is an
/// error, as it would be for a typed decoder.
#[derive(Clone)]
pub struct Fields(Object);

impl Fields {
    /// `value` as an object (not an array, not `null`).
    fn of(value: JsValue) -> Result<Self, Error> {
        if value.is_object() && !Array::is_array(&value) {
            Ok(Self(value.unchecked_into()))
        } else {
            Err(Error("expected an object"))
        }
    }

    /// The value under `key`; a `null` counts as absent. Only the object's
    /// own fields count: `toString` is not a field of `{}`.
    pub fn get(&self, key: &str) -> Option<JsValue> {
        let key = JsValue::from_str(key);
        if !Object::has_own(&self.0, &key) {
            return None;
        }
        Reflect::get(&self.0, &key)
            .ok()
            .filter(|value| !value.is_null())
    }

    pub fn string(&self, key: &str) -> Result<Option<String>, Error> {
        self.get(key)
            .map(|value| value.as_string().ok_or(Error("expected a string")))
            .transpose()
    }

    /// A whole number from 0 to 2^53 - 1, which JavaScript holds exactly.
    pub fn u64(&self, key: &str) -> Result<Option<u64>, Error> {
        self.get(key)
            .map(|value| {
                value
                    .as_f64()
                    .filter(|n| *n >= 0.0 && *n <= MAX_EXACT && *n == (*n as u64) as f64)
                    .map(|n| n as u64)
                    .ok_or(Error("expected a non-negative integer"))
            })
            .transpose()
    }

    pub fn u32(&self, key: &str) -> Result<Option<u32>, Error> {
        self.u64(key)?
            .map(|n| u32::try_from(n).map_err(|_| Error("number too large")))
            .transpose()
    }

    pub fn bool(&self, key: &str) -> Result<Option<bool>, Error> {
        self.get(key)
            .map(|value| value.as_bool().ok_or(Error("expected true or false")))
            .transpose()
    }

    pub fn object(&self, key: &str) -> Result<Option<Fields>, Error> {
        self.get(key).map(Fields::of).transpose()
    }

    /// The strings of the array under `key` (absent reads as empty).
    pub fn strings(&self, key: &str) -> Result<Vec<String>, Error> {
        let Some(value) = self.get(key) else {
            return Ok(Vec::new());
        };
        if !Array::is_array(&value) {
            return Err(Error("expected an array"));
        }
        Array::from(&value)
            .iter()
            .map(|item| item.as_string().ok_or(Error("expected a string")))
            .collect()
    }

    /// The value under `key` (an object, most likely) as JSON text, to
    /// hand on as it is.
    pub fn json(&self, key: &str) -> Result<Option<String>, Error> {
        self.get(key)
            .map(|value| {
                JSON::stringify(&value)
                    .ok()
                    .and_then(|text| text.as_string())
                    .ok_or(Error("expected JSON"))
            })
            .transpose()
    }

    /// The objects of the array under `key` (absent reads as empty).
    pub fn objects(&self, key: &str) -> Result<Vec<Fields>, Error> {
        let Some(value) = self.get(key) else {
            return Ok(Vec::new());
        };
        if !Array::is_array(&value) {
            return Err(Error("expected an array"));
        }
        Array::from(&value).iter().map(Fields::of).collect()
    }

    /// The first object of the array under `key` (an empty array reads as
    /// absent).
    pub fn first_object(&self, key: &str) -> Result<Option<Fields>, Error> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        if !Array::is_array(&value) {
            return Err(Error("expected an array"));
        }
        let first = Array::from(&value).get(0);
        if first.is_undefined() {
            return Ok(None);
        }
        Fields::of(first).map(Some)
    }
}

/// Parses `text` and reads its top-level object with `read`.
pub fn read<T>(text: &str, read: impl FnOnce(Fields) -> Result<T, Error>) -> Result<T, Error> {
    read(Fields::of(parse(text)?)?)
}

/// As [`read`], for bytes that should hold UTF-8 JSON.
pub fn read_bytes<T>(
    bytes: &[u8],
    read: impl FnOnce(Fields) -> Result<T, Error>,
) -> Result<T, Error> {
    let text = std::str::from_utf8(bytes).map_err(|_| Error("invalid UTF-8"))?;
    self::read(text, read)
}

/// A text that is a JSON string, such as the API's greeting.
pub fn read_string(text: &str) -> Result<String, Error> {
    parse(text)?.as_string().ok_or(Error("expected a string"))
}

/// A required field: present and not `null`.
pub fn required<T>(value: Option<T>) -> Result<T, Error> {
    value.ok_or(Error("missing field"))
}

/// Writes a JSON object field by field, in order, as compact JSON.
pub struct ObjectWriter(String);

impl Default for ObjectWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl ObjectWriter {
    pub fn new() -> Self {
        Self(String::from("{"))
    }

    fn key(&mut self, key: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        write_string(&mut self.0, key);
        self.0.push(':');
    }

    pub fn string(mut self, key: &str, value: &str) -> Self {
        self.key(key);
        write_string(&mut self.0, value);
        self
    }

    /// A string, or `null` for `None`.
    pub fn opt_string(mut self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.string(key, value),
            None => {
                self.key(key);
                self.0.push_str("null");
                self
            }
        }
    }

    /// The field when there is a value; none at all otherwise (Cognito's
    /// optional members are left out rather than `null`).
    pub fn some_string(self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.string(key, value),
            None => self,
        }
    }

    pub fn u64(mut self, key: &str, value: u64) -> Self {
        self.key(key);
        self.0.push_str(&crate::web::text::decimal(value));
        self
    }

    /// A value that is already JSON, such as a nested object.
    pub fn raw(mut self, key: &str, json: &str) -> Self {
        self.key(key);
        self.0.push_str(json);
        self
    }

    pub fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// Appends `value` as a JSON string, escaped as serde_json does: quotes,
/// backslashes and control characters; everything else as UTF-8.
pub fn write_string(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `value` as a JSON string literal.
pub fn string(value: &str) -> String {
    let mut out = String::new();
    write_string(&mut out, value);
    out
}
