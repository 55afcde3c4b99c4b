//! The browser's passkeys (WebAuthn), from and to the JSON Cognito speaks:
//! `PublicKeyCredential.parse*OptionsFromJSON` turns Cognito's options
//! into what `navigator.credentials` takes, and the credential's `toJSON`
//! is Cognito's answer. Reached through `Reflect` rather than web-sys's
//! bindings: the few calls cost less than the generated classes.

use js_sys::{Function, JSON, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why no passkey answer came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasskeyError {
    /// This browser has no passkeys (or not the JSON methods), or the page
    /// is not a secure context.
    Unsupported,
    /// The person closed the prompt, or it timed out (`NotAllowedError`,
    /// `AbortError`: the browser does not tell which).
    Cancelled,
    /// A passkey from this device is already registered
    /// (`InvalidStateError`, creating one).
    AlreadyRegistered,
    /// The browser refused the request (a relying party that is not this
    /// site, options it cannot read).
    Refused,
}

/// Whether this browser can use passkeys as the app asks for them.
pub fn supported() -> bool {
    json_method("parseRequestOptionsFromJSON").is_some()
}

/// `PublicKeyCredential[name]`, when it is a function.
fn json_method(name: &str) -> Option<(JsValue, Function)> {
    let class = Reflect::get(&js_sys::global(), &"PublicKeyCredential".into()).ok()?;
    let method = Reflect::get(&class, &name.into()).ok()?;
    let method = method.dyn_into::<Function>().ok()?;
    Some((class, method))
}

/// The browser's answer, boxed: one copy of [`ask`]'s state machine
/// rather than one inlined into each caller's.
type Answer = std::pin::Pin<Box<dyn Future<Output = Result<String, PasskeyError>>>>;

/// Signs in: the passkey's answer to Cognito's request options, as JSON.
pub fn sign(options: String) -> Answer {
    Box::pin(ask("parseRequestOptionsFromJSON", "get", options))
}

/// Makes a new passkey from Cognito's creation options: the credential, as
/// JSON.
pub fn create(options: String) -> Answer {
    Box::pin(ask("parseCreationOptionsFromJSON", "create", options))
}

/// `navigator.credentials[call]({publicKey: parse(options)})`, its
/// credential as JSON.
async fn ask(parse: &str, call: &str, options: String) -> Result<String, PasskeyError> {
    let (class, parse) = json_method(parse).ok_or(PasskeyError::Unsupported)?;
    let options = JSON::parse(&options).map_err(|_| PasskeyError::Refused)?;
    let public_key = parse
        .call1(&class, &options)
        .map_err(|_| PasskeyError::Refused)?;
    let request = Object::new();
    Reflect::set(&request, &"publicKey".into(), &public_key).map_err(|_| PasskeyError::Refused)?;
    let navigator = Reflect::get(&js_sys::global(), &"navigator".into());
    let credentials = navigator
        .and_then(|n| Reflect::get(&n, &"credentials".into()))
        .map_err(|_| PasskeyError::Unsupported)?;
    let method = Reflect::get(&credentials, &call.into())
        .ok()
        .and_then(|m| m.dyn_into::<Function>().ok())
        .ok_or(PasskeyError::Unsupported)?;
    let promise = method
        .call1(&credentials, &request)
        .map_err(error_kind)?
        .dyn_into::<Promise>()
        .map_err(|_| PasskeyError::Refused)?;
    let credential = JsFuture::from(promise).await.map_err(error_kind)?;
    // `get` answers null when no credential was chosen.
    let to_json = Reflect::get(&credential, &"toJSON".into())
        .ok()
        .and_then(|m| m.dyn_into::<Function>().ok())
        .ok_or(PasskeyError::Cancelled)?;
    let json = to_json
        .call0(&credential)
        .and_then(|value| JSON::stringify(&value))
        .map_err(|_| PasskeyError::Refused)?;
    json.as_string().ok_or(PasskeyError::Refused)
}

/// The kind of a DOMException the browser threw.
fn error_kind(error: JsValue) -> PasskeyError {
    let name = Reflect::get(&error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "AbortError" => PasskeyError::Cancelled,
        "InvalidStateError" => PasskeyError::AlreadyRegistered,
        "NotSupportedError" => PasskeyError::Unsupported,
        _ => PasskeyError::Refused,
    }
}
