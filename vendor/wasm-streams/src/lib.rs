//! The part of `wasm-streams` 0.5 that `server_fn` uses: turning a Rust
//! `Stream` into a JS `ReadableStream` and back. The JS side is built from
//! closures instead of exported classes, so nothing is exported from the wasm
//! module and a build that never streams ships none of it.

use std::{cell::RefCell, pin::Pin, rc::Rc};

use futures_util::{Stream, StreamExt, stream};
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue, UnwrapThrowExt, closure::Closure};
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::{ReadableStreamDefaultController, ReadableStreamDefaultReader};

type Chunks = Pin<Box<dyn Stream<Item = Result<JsValue, JsValue>>>>;

/// The stream of a [`ReadableStream`]'s chunks.
pub type IntoStream = Chunks;

/// A JS `ReadableStream`.
#[derive(Debug)]
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

impl ReadableStream {
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    pub fn as_raw(&self) -> &web_sys::ReadableStream {
        &self.raw
    }

    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// A `ReadableStream` that pulls its chunks from `stream`; an `Err` item
    /// errors the JS stream, the end of `stream` closes it.
    pub fn from_stream<St>(stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        let source: Rc<RefCell<Option<Chunks>>> = Rc::new(RefCell::new(Some(Box::pin(stream))));
        // JS calls `pull` again only once the previous promise settled, so
        // the stream is never polled from two pulls at once.
        let pull = Closure::<dyn FnMut(ReadableStreamDefaultController) -> Promise>::new(
            move |controller: ReadableStreamDefaultController| {
                let source = source.clone();
                future_to_promise(async move {
                    let Some(mut chunks) = source.borrow_mut().take() else {
                        return Ok(JsValue::UNDEFINED);
                    };
                    match chunks.next().await {
                        Some(Ok(chunk)) => {
                            controller.enqueue_with_chunk(&chunk)?;
                            *source.borrow_mut() = Some(chunks);
                        }
                        Some(Err(error)) => controller.error_with_e(&error),
                        None => controller.close()?,
                    }
                    Ok(JsValue::UNDEFINED)
                })
            },
        );
        let underlying = Object::new();
        Reflect::set(&underlying, &"pull".into(), &pull.into_js_value()).unwrap_throw();
        Self {
            raw: web_sys::ReadableStream::new_with_underlying_source(&underlying).unwrap_throw(),
        }
    }

    /// The chunks of this stream, read through a default reader. A read
    /// error ends the stream after yielding it.
    pub fn into_stream(self) -> IntoStream {
        let reader: ReadableStreamDefaultReader = self.raw.get_reader().unchecked_into();
        Box::pin(stream::unfold(Some(reader), |reader| async move {
            let reader = reader?;
            match JsFuture::from(reader.read()).await {
                Ok(result) => {
                    let done = Reflect::get(&result, &"done".into())
                        .map(|done| done.is_truthy())
                        .unwrap_or(true);
                    if done {
                        reader.release_lock();
                        None
                    } else {
                        let value =
                            Reflect::get(&result, &"value".into()).unwrap_or(JsValue::UNDEFINED);
                        Some((Ok(value), Some(reader)))
                    }
                }
                Err(error) => Some((Err(error), None)),
            }
        }))
    }
}
