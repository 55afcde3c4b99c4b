//! The send_wrapper stand-in (vendor/send_wrapper) as leptos uses it in the
//! browser: the wasm build has no thread check, so every access must work,
//! a JS value included, and a wrapped future must resolve. Its thread checks
//! are tested natively (`cargo test -p send_wrapper`).

use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn a_wrapped_js_value_is_usable_cloned_and_taken() {
    let wrapped = SendWrapper::new(JsValue::from("node"));
    assert!(wrapped.valid());
    assert_eq!(wrapped.as_string().as_deref(), Some("node"));
    let copy = wrapped.clone();
    assert_eq!(copy.take().as_string().as_deref(), Some("node"));
    let mut text = SendWrapper::new(String::from("a"));
    text.push('b');
    assert_eq!(text.take(), "ab");
}

#[wasm_bindgen_test]
async fn a_wrapped_future_resolves() {
    let promise = js_sys::Promise::resolve(&JsValue::from(42));
    let answer = SendWrapper::new(wasm_bindgen_futures::JsFuture::from(promise)).await;
    assert_eq!(answer.ok().and_then(|v| v.as_f64()), Some(42.0));
}
