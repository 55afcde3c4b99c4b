//! Helpers shared by the browser tests.

use wasm_bindgen::prelude::*;

/// Unpadded base64url, to build real-shaped JWTs.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let mut buf = [0u8; 3];
        buf[..chunk.len()].copy_from_slice(chunk);
        let n = u32::from_be_bytes([0, buf[0], buf[1], buf[2]]);
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// A token shaped like Cognito's (RS256 header, Cognito's claims, a
/// signature-sized tail); the app never checks the signature.
pub fn id_token(email: &str, exp: u64, token_use: &str) -> String {
    id_token_verified(email, exp, token_use, true)
}

/// As [`id_token`], saying whether the email is verified.
pub fn id_token_verified(email: &str, exp: u64, token_use: &str, verified: bool) -> String {
    let header = r#"{"kid":"dummy","alg":"RS256"}"#;
    let payload = format!(
        r#"{{"sub":"6c1b8a9e-6b0e-4d1e-9a43-1f0c1a2b3c4d","email_verified":{verified},"iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc123","cognito:username":"6c1b8a9e-6b0e-4d1e-9a43-1f0c1a2b3c4d","aud":"client123","token_use":"{token_use}","auth_time":1700000000,"exp":{exp},"iat":1700000000,"email":"{email}"}}"#
    );
    format!(
        "{}.{}.{}",
        base64url(header.as_bytes()),
        base64url(payload.as_bytes()),
        base64url(&[7u8; 256])
    )
}

/// Seconds since the epoch, `offset` from now.
pub fn epoch_in(offset_secs: i64) -> u64 {
    ((js_sys::Date::now() / 1000.0) as i64 + offset_secs) as u64
}

#[wasm_bindgen(inline_js = r#"
export function install_fetch_stub() {
  const calls = [];
  const waiting = [];
  window.fetch = async (request) => {
    const body = request.method === "POST" ? await request.text() : "";
    calls.push({
      url: request.url,
      target: request.headers.get("X-Amz-Target") || "",
      contentType: request.headers.get("Content-Type") || "",
      authorization: request.headers.get("Authorization") || "",
      body,
    });
    return new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      request.signal.addEventListener("abort", () => {
        const i = waiting.findIndex((w) => w.reject === reject);
        if (i >= 0) waiting.splice(i, 1);
        reject(request.signal.reason);
      });
    });
  };
  window.__stub = { calls, waiting };
}
export function fetch_calls() { return window.__stub.calls.length; }
export function fetch_call(i) { return window.__stub.calls[i]; }
export function answer_next(status, body, errorType) {
  const { resolve } = window.__stub.waiting.shift();
  const headers = { "Content-Type": "application/x-amz-json-1.1" };
  if (errorType) headers["x-amzn-ErrorType"] = errorType;
  resolve(new Response(body, { status, headers }));
}
export function fail_next() {
  // What fetch does when the network is down or CORS headers are missing.
  window.__stub.waiting.shift().reject(new TypeError("Failed to fetch"));
}
export function waiting_count() { return window.__stub.waiting.length; }
"#)]
extern "C" {
    /// Replaces `window.fetch` with a stub that records each request and
    /// holds it open until the test answers it.
    pub fn install_fetch_stub();
    pub fn fetch_calls() -> u32;
    pub fn fetch_call(index: u32) -> JsValue;
    pub fn answer_next(status: u16, body: &str, error_type: Option<String>);
    pub fn fail_next();
    pub fn waiting_count() -> u32;
}

/// The JSON body of the `index`th request the stub recorded (`null` when
/// it has none).
pub fn body(index: u32) -> serde_json::Value {
    serde_json::from_str(&field(&fetch_call(index), "body")).unwrap_or_default()
}

pub fn field(call: &JsValue, name: &str) -> String {
    js_sys::Reflect::get(call, &name.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Lets the app's futures and effects run.
pub async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
        let promise = js_sys::Promise::resolve(&JsValue::NULL);
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// Polls `condition` until it holds or 5 s pass.
pub async fn wait_for(what: &str, condition: impl FnMut() -> bool) {
    wait_for_within(what, 5_000.0, condition).await
}

pub async fn wait_for_within(what: &str, deadline_ms: f64, mut condition: impl FnMut() -> bool) {
    let deadline = js_sys::Date::now() + deadline_ms;
    while !condition() {
        assert!(
            js_sys::Date::now() < deadline,
            "timed out waiting for {what}"
        );
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// Waits for the account page to show the API's greeting.
pub async fn wait_for_greeting() {
    let shown = || {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("api-result"))
            .and_then(|e| e.text_content())
            .unwrap_or_default()
            == "Hello from Lambda!"
    };
    wait_for("the greeting", shown).await;
}
