//! A form's request: at most one in flight, with a busy signal for the
//! submit button. The part of Leptos's `Action` this app uses, without the
//! machinery (and bytes) for input/value/version tracking it does not.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

type Run<I> = Box<dyn Fn(&I) -> Pin<Box<dyn Future<Output = ()>>>>;

pub struct OneAtATime<I: 'static> {
    run: StoredValue<Run<I>, LocalStorage>,
    busy: RwSignal<bool>,
}

impl<I: 'static> Clone for OneAtATime<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static> Copy for OneAtATime<I> {}

impl<I: 'static> OneAtATime<I> {
    pub fn new<F, Fut>(run: F) -> Self
    where
        F: Fn(&I) -> Fut + 'static,
        Fut: Future<Output = ()> + 'static,
    {
        let run: Run<I> = Box::new(move |input| Box::pin(run(input)));
        Self {
            run: StoredValue::new_local(run),
            busy: RwSignal::new(false),
        }
    }

    /// True while a request runs.
    pub fn pending(&self) -> Busy {
        Busy(self.busy)
    }

    /// Starts a request, unless one is already running (a double click
    /// sends one request).
    pub fn dispatch(&self, input: I) {
        if self.busy.get_untracked() {
            return;
        }
        if let Some(request) = self.run.try_with_value(|run| run(&input)) {
            start(self.busy, request);
        }
    }
}

/// The part of `dispatch` that does not depend on the input type: one copy
/// in the wasm instead of one per form.
fn start(busy: RwSignal<bool>, request: Pin<Box<dyn Future<Output = ()>>>) {
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
