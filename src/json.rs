//! Just enough JSON for the app's few shapes: a reader into [`Value`] and a
//! writer for flat objects. Hand-written because serde's generated code for
//! each type cost more bytes in the wasm bundle than the rest of the app's
//! logic. The reader never panics: bad input, however deep or truncated, is an
//! [`Error`].

use std::fmt;

/// A parsed JSON value. Numbers keep only what the app reads: a non-negative
/// integer that fits a `u64`, else `None` (still valid JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Option<u64>),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// Why a text is not JSON, or not the JSON a caller expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Error(pub &'static str);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: u32 = 100;

/// Parses a whole JSON text (surrounding whitespace allowed).
pub fn parse(text: &str) -> Result<Value, Error> {
    parse_bytes(text.as_bytes())
}

/// As [`parse`], for bytes that should hold UTF-8 JSON.
pub fn parse_bytes(bytes: &[u8]) -> Result<Value, Error> {
    let mut parser = Parser { bytes, pos: 0 };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.pos != bytes.len() {
        return Err(Error("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Result<u8, Error> {
        let byte = self.peek().ok_or(Error("unexpected end"))?;
        self.pos += 1;
        Ok(byte)
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Error> {
        self.skip_whitespace();
        if self.next()? == byte {
            Ok(())
        } else {
            Err(Error("unexpected character"))
        }
    }

    fn literal(&mut self, word: &[u8], value: Value) -> Result<Value, Error> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(Error("expected a value"))
        }
    }

    fn value(&mut self, depth: u32) -> Result<Value, Error> {
        if depth > MAX_DEPTH {
            return Err(Error("nested too deeply"));
        }
        self.skip_whitespace();
        match self.peek() {
            Some(b'n') => self.literal(b"null", Value::Null),
            Some(b't') => self.literal(b"true", Value::Bool(true)),
            Some(b'f') => self.literal(b"false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                if !self.close(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if !self.comma_or(b']')? {
                            break;
                        }
                    }
                }
                Ok(Value::Array(items))
            }
            Some(b'{') => {
                self.pos += 1;
                let mut fields = Vec::new();
                if !self.close(b'}') {
                    loop {
                        self.skip_whitespace();
                        if self.peek() != Some(b'"') {
                            return Err(Error("expected a key"));
                        }
                        let key = self.string()?;
                        self.expect(b':')?;
                        fields.push((key, self.value(depth + 1)?));
                        if !self.comma_or(b'}')? {
                            break;
                        }
                    }
                }
                Ok(Value::Object(fields))
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(Error("expected a value")),
        }
    }

    /// Consumes `close` (after whitespace) if it comes next.
    fn close(&mut self, close: u8) -> bool {
        self.skip_whitespace();
        let found = self.peek() == Some(close);
        if found {
            self.pos += 1;
        }
        found
    }

    /// After an item: `true` on a comma (more follow), `false` on `close`.
    fn comma_or(&mut self, close: u8) -> Result<bool, Error> {
        self.skip_whitespace();
        match self.next()? {
            b',' => Ok(true),
            b if b == close => Ok(false),
            _ => Err(Error("expected a comma")),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value, Error> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let start = self.pos;
        let count = self.digits();
        if count == 0 || (count > 1 && self.bytes.get(start) == Some(&b'0')) {
            return Err(Error("invalid number"));
        }
        let mut integer = !negative;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            integer = false;
            if self.digits() == 0 {
                return Err(Error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            integer = false;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(Error("invalid number"));
            }
        }
        let mut value = Some(0u64);
        for &digit in self.bytes.get(start..start + count).unwrap_or_default() {
            value = value
                .and_then(|v| v.checked_mul(10))
                .and_then(|v| v.checked_add(u64::from(digit - b'0')));
        }
        Ok(Value::Number(value.filter(|_| integer)))
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = char::from(self.next()?)
                .to_digit(16)
                .ok_or(Error("invalid escape"))?;
            code = code * 16 + digit;
        }
        Ok(code)
    }

    /// A string, starting at its opening quote.
    fn string(&mut self) -> Result<String, Error> {
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            match self.next()? {
                b'"' => break,
                b'\\' => {
                    let escaped = match self.next()? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let mut code = self.hex4()?;
                            if (0xD800..0xDC00).contains(&code) {
                                if self.next()? != b'\\' || self.next()? != b'u' {
                                    return Err(Error("lone surrogate"));
                                }
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(Error("lone surrogate"));
                                }
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            }
                            char::from_u32(code).ok_or(Error("lone surrogate"))?
                        }
                        _ => return Err(Error("invalid escape")),
                    };
                    out.extend_from_slice(escaped.encode_utf8(&mut [0; 4]).as_bytes());
                }
                byte if byte < 0x20 => return Err(Error("control character in string")),
                byte => out.push(byte),
            }
        }
        String::from_utf8(out).map_err(|_| Error("invalid UTF-8"))
    }
}

/// The fields of a JSON object, read with the types a struct expects. A
/// missing field or `null` reads as `None`; a field of another type is an
/// error, as it would be for a typed decoder.
#[derive(Clone, Copy)]
pub struct Fields<'a>(&'a [(String, Value)]);

impl<'a> Fields<'a> {
    /// `value` as an object.
    pub fn of(value: &'a Value) -> Result<Self, Error> {
        match value {
            Value::Object(fields) => Ok(Self(fields)),
            _ => Err(Error("expected an object")),
        }
    }

    /// The value under `key`; a `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.0
            .iter()
            .find(|(k, v)| k == key && !matches!(v, Value::Null))
            .map(|(_, v)| v)
    }

    pub fn string(&self, key: &str) -> Result<Option<String>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Error("expected a string")),
        }
    }

    pub fn u64(&self, key: &str) -> Result<Option<u64>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(Some(n))) => Ok(Some(*n)),
            Some(_) => Err(Error("expected a non-negative integer")),
        }
    }

    pub fn u32(&self, key: &str) -> Result<Option<u32>, Error> {
        self.u64(key)?
            .map(|n| u32::try_from(n).map_err(|_| Error("number too large")))
            .transpose()
    }

    pub fn bool(&self, key: &str) -> Result<Option<bool>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(Error("expected true or false")),
        }
    }

    pub fn object(&self, key: &str) -> Result<Option<Fields<'a>>, Error> {
        self.get(key).map(Fields::of).transpose()
    }
}

/// Parses `text` and reads its top-level object with `read`.
pub fn read<T>(text: &str, read: impl FnOnce(Fields) -> Result<T, Error>) -> Result<T, Error> {
    read_bytes(text.as_bytes(), read)
}

/// As [`read`], for bytes that should hold UTF-8 JSON.
pub fn read_bytes<T>(
    bytes: &[u8],
    read: impl FnOnce(Fields) -> Result<T, Error>,
) -> Result<T, Error> {
    read(Fields::of(&parse_bytes(bytes)?)?)
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

    pub fn u64(mut self, key: &str, value: u64) -> Self {
        self.key(key);
        self.0.push_str(&crate::text::decimal(value));
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
