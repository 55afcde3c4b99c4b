//! A stand-in for send_wrapper 0.6 with the same API.
//!
//! Leptos wraps browser values (closures, DOM nodes) in `SendWrapper` so they
//! can live in `Send` containers. The real crate stores
//! `std::thread::current().id()` in every wrapper and compares it on each
//! access. On wasm that one call links std's thread handle and, with it,
//! std's own allocator (dlmalloc, which std uses for thread handles whatever
//! the global allocator is): about 5 KB of wasm in an app that never has a
//! second thread. Here the check compiles to nothing on wasm without
//! atomics, where there is exactly one thread, and is the real crate's check
//! on every other target.

use std::fmt;
use std::future::Future;
use std::mem::{self, ManuallyDrop};
use std::ops::{Deref, DerefMut};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

/// A value that may be moved to other threads but only used, and dropped,
/// on the thread that wrapped it; anything else panics.
pub struct SendWrapper<T> {
    data: ManuallyDrop<T>,
    origin: Origin,
}

// SAFETY: every access to `data` (deref, take, poll, drop of a value with
// drop glue) first checks that it happens on the wrapping thread.
unsafe impl<T> Send for SendWrapper<T> {}
// SAFETY: as for Send: a shared reference gives no access off that thread.
unsafe impl<T> Sync for SendWrapper<T> {}

impl<T> SendWrapper<T> {
    pub fn new(data: T) -> SendWrapper<T> {
        SendWrapper {
            data: ManuallyDrop::new(data),
            origin: Origin::here(),
        }
    }

    /// Whether the value may be used on the current thread.
    pub fn valid(&self) -> bool {
        self.origin.is_here()
    }

    /// The value, out of its wrapper. Panics off the wrapping thread.
    #[track_caller]
    pub fn take(self) -> T {
        self.check("take the value of");
        let mut this = ManuallyDrop::new(self);
        // SAFETY: checked above; `this` is never dropped, so `data` is
        // taken exactly once.
        unsafe { ManuallyDrop::take(&mut this.data) }
    }

    #[track_caller]
    fn check(&self, what: &str) {
        if !self.valid() {
            wrong_thread(what);
        }
    }
}

impl<T> Deref for SendWrapper<T> {
    type Target = T;

    #[track_caller]
    fn deref(&self) -> &T {
        self.check("dereference");
        &self.data
    }
}

impl<T> DerefMut for SendWrapper<T> {
    #[track_caller]
    fn deref_mut(&mut self) -> &mut T {
        self.check("dereference");
        &mut self.data
    }
}

impl<T> Drop for SendWrapper<T> {
    #[track_caller]
    fn drop(&mut self) {
        // A value without drop glue cannot observe the thread it dies on.
        if !mem::needs_drop::<T>() || self.valid() {
            // SAFETY: on the wrapping thread (or trivially droppable), and
            // `take` never lets a taken wrapper reach this drop.
            unsafe { ManuallyDrop::drop(&mut self.data) }
        } else if !std::thread::panicking() {
            // The value leaks rather than drop on the wrong thread.
            wrong_thread("drop");
        }
    }
}

impl<T: Clone> Clone for SendWrapper<T> {
    #[track_caller]
    fn clone(&self) -> Self {
        SendWrapper::new(T::clone(self))
    }
}

impl<T: fmt::Debug> fmt::Debug for SendWrapper<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SendWrapper").field(&**self).finish()
    }
}

impl<F: Future> Future for SendWrapper<F> {
    type Output = F::Output;

    #[track_caller]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.check("poll");
        // SAFETY: the future is never moved out of a pinned wrapper (`take`
        // needs the wrapper by value, which a pin does not give).
        unsafe { self.map_unchecked_mut(|w| &mut *w.data) }.poll(cx)
    }
}

impl<S: Stream> Stream for SendWrapper<S> {
    type Item = S::Item;

    #[track_caller]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        self.check("poll");
        // SAFETY: as for Future::poll.
        unsafe { self.map_unchecked_mut(|w| &mut *w.data) }.poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (**self).size_hint()
    }
}

#[cold]
#[inline(never)]
#[track_caller]
fn wrong_thread(what: &str) -> ! {
    panic!("tried to {what} a SendWrapper away from the thread that made it")
}

/// The thread a wrapper was made on. wasm without atomics has exactly one
/// thread, so there is nothing to record or compare.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[derive(Clone, Copy)]
struct Origin;

#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
impl Origin {
    fn here() -> Origin {
        Origin
    }

    fn is_here(self) -> bool {
        true
    }
}

/// The thread a wrapper was made on, as the real crate records it.
#[cfg(not(all(target_family = "wasm", not(target_feature = "atomics"))))]
#[derive(Clone, Copy)]
struct Origin(std::thread::ThreadId);

#[cfg(not(all(target_family = "wasm", not(target_feature = "atomics"))))]
impl Origin {
    fn here() -> Origin {
        Origin(std::thread::current().id())
    }

    fn is_here(self) -> bool {
        self.0 == std::thread::current().id()
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;
    use std::task::Waker;
    use std::thread;

    use super::*;

    #[test]
    fn gives_the_value_on_its_own_thread() {
        let wrapped = SendWrapper::new(Rc::new(Cell::new(1)));
        assert!(wrapped.valid());
        wrapped.set(2);
        let copy = wrapped.clone();
        assert_eq!(Rc::strong_count(&copy), 2);
        assert_eq!(wrapped.take().get(), 2);
        assert_eq!(format!("{:?}", SendWrapper::new(7)), "SendWrapper(7)");
        let mut text = SendWrapper::new(String::from("a"));
        text.push('b');
        assert_eq!(text.take(), "ab");
    }

    #[test]
    fn refuses_the_value_on_another_thread() {
        let wrapped = SendWrapper::new(Rc::new(5));
        let elsewhere = thread::spawn(move || {
            assert!(!wrapped.valid());
            let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| **wrapped));
            // Hand it back so it is dropped where it belongs.
            (panicked.is_err(), wrapped)
        });
        let (panicked, wrapped) = elsewhere.join().expect("the thread returns");
        assert!(panicked, "dereferencing on another thread must panic");
        assert_eq!(*wrapped.take(), 5);
    }

    #[test]
    fn dropping_on_another_thread_panics_only_with_drop_glue() {
        let with_glue = SendWrapper::new(Rc::new(()));
        assert!(thread::spawn(move || drop(with_glue)).join().is_err());
        let plain = SendWrapper::new(3_u8);
        assert!(thread::spawn(move || drop(plain)).join().is_ok());
    }

    #[test]
    fn polls_a_future_and_a_stream_on_its_own_thread_only() {
        let mut cx = Context::from_waker(Waker::noop());
        let mut ready = SendWrapper::new(std::future::ready(42));
        assert_eq!(Pin::new(&mut ready).poll(&mut cx), Poll::Ready(42));

        let mut stream = SendWrapper::new(Once(Some(9)));
        assert_eq!(stream.size_hint(), (1, Some(1)));
        assert_eq!(
            Pin::new(&mut stream).poll_next(&mut cx),
            Poll::Ready(Some(9))
        );
        assert_eq!(Pin::new(&mut stream).poll_next(&mut cx), Poll::Ready(None));

        let future = SendWrapper::new(std::future::ready(1));
        let polled = thread::spawn(move || {
            let mut future = future;
            let mut cx = Context::from_waker(Waker::noop());
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let _ = Pin::new(&mut future).poll(&mut cx);
            }));
            (result.is_err(), future)
        });
        let (panicked, _future) = polled.join().expect("the thread returns");
        assert!(panicked, "polling on another thread must panic");
    }

    /// A one-item stream (futures-util is not a dependency here).
    struct Once(Option<u8>);

    impl Stream for Once {
        type Item = u8;

        fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<u8>> {
            Poll::Ready(self.0.take())
        }

        fn size_hint(&self) -> (usize, Option<usize>) {
            let n = usize::from(self.0.is_some());
            (n, Some(n))
        }
    }
}
