//! A form's request: at most one in flight, with a busy signal for the
//! submit button. The part of Leptos's `Action` this app uses, without the
//! machinery (and bytes) for input/value/version tracking it does not.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use crate::i18n::Message;

/// The page builds each request's future itself, with its input already
/// in it: nothing here depends on the input's type, so there is one copy of
/// this code in the wasm rather than one per form.
#[derive(Clone, Copy, Default)]
pub struct OneAtATime {
    busy: RwSignal<bool>,
}

impl OneAtATime {
    /// True while a request runs.
    pub fn pending(&self) -> Busy {
        Busy(self.busy)
    }

    /// Runs `request`, unless one is already running (a double click sends
    /// one request; the second future is dropped unstarted).
    pub fn run(&self, request: impl Future<Output = ()> + 'static) {
        start(self.busy, Box::pin(request));
    }

    /// The one submit path every form takes: the browser's own submission
    /// is stopped; nothing more happens while a request runs; a form that
    /// did not validate (`checked` says why) shows it in its alert; else
    /// the alert is cleared and the request runs. Not generic: the page
    /// pins its request ([`request`]), so this is one copy in the wasm.
    pub fn submit(
        &self,
        ev: &leptos::ev::SubmitEvent,
        alert: RwSignal<Option<Message>>,
        checked: Result<Request, Message>,
    ) {
        ev.prevent_default();
        if self.busy.get_untracked() {
            return;
        }
        match checked {
            Ok(request) => {
                alert.set(None);
                start(self.busy, request);
            }
            Err(why) => alert.set(Some(why)),
        }
    }
}

/// A form's request, ready to run.
pub type Request = Pin<Box<dyn Future<Output = ()>>>;

/// Pins a page's request for [`OneAtATime::submit`].
pub fn request(future: impl Future<Output = ()> + 'static) -> Request {
    Box::pin(future)
}

fn start(busy: RwSignal<bool>, request: Request) {
    if busy.get_untracked() {
        return;
    }
    busy.set(true);
    leptos::task::spawn_local(async move {
        request.await;
        // The page may have gone (the request navigated away).
        let _ = busy.try_set(false);
    });
}

/// Whether a request runs, read-only. A plain signal underneath rather than
/// a `Signal<bool>`: that wrapper's own reading code cost 0.7 KB brotli.
#[derive(Clone, Copy)]
pub struct Busy(RwSignal<bool>);

impl Busy {
    pub fn get(self) -> bool {
        self.0.get()
    }

    pub fn get_untracked(self) -> bool {
        self.0.get_untracked()
    }
}
