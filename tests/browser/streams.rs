//! The wasm-streams stand-in (vendor/wasm-streams) that server_fn links: a
//! Rust stream through a JS ReadableStream and back, errors included. The
//! app never streams, but the patched crate must still do its job.

use futures_util::{StreamExt, stream};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_streams::ReadableStream;

#[wasm_bindgen_test]
async fn chunks_round_trip_through_a_js_readable_stream() {
    let chunks = stream::iter([Ok(JsValue::from(1)), Ok(JsValue::from("two"))]);
    let back: Vec<_> = ReadableStream::from_stream(chunks)
        .into_stream()
        .collect()
        .await;
    assert_eq!(back.len(), 2);
    assert_eq!(back[0].as_ref().ok().and_then(JsValue::as_f64), Some(1.0));
    assert_eq!(
        back[1]
            .as_ref()
            .ok()
            .and_then(JsValue::as_string)
            .as_deref(),
        Some("two")
    );
}

#[wasm_bindgen_test]
async fn an_error_item_errors_the_js_stream_and_ends_it() {
    let chunks = stream::iter([
        Ok(JsValue::from(1)),
        Err(JsValue::from("boom")),
        Ok(JsValue::from(3)),
    ]);
    let back: Vec<_> = ReadableStream::from_stream(chunks)
        .into_stream()
        .collect()
        .await;
    assert_eq!(back.len(), 2, "{back:?}");
    assert!(back[0].is_ok());
    assert_eq!(
        back[1]
            .as_ref()
            .err()
            .and_then(JsValue::as_string)
            .as_deref(),
        Some("boom")
    );
}
