//! [`Swap`]: a view that is replaced whole whenever it changes.
//!
//! The app switches between whole views: loading, the app or the config
//! error; one page or another; a form's first or second step. Leptos's
//! `AnyView` would do it, but for every view type erased into it, it keeps
//! the code that patches an old instance of that same type in place, down
//! through every element and attribute. None of these switches ever shows
//! the same type twice in a row, so that code was dead weight: `Swap`, which
//! keeps only the code to build each view, made the wasm 7 KB brotli lighter.

use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::types::{Element, Node};
use leptos::tachys::view::{Mountable, Position, PositionState};

/// A view, erased to "something that builds and mounts".
pub struct Swap(Box<dyn FnOnce() -> SwapState + Send>);

/// What a [`Swap`] leaves in the page.
pub struct SwapState(Box<dyn Mountable>);

/// Turns any view into a [`Swap`]. For closures whose every re-run shows
/// a different view: a re-run that gave the same view again would rebuild
/// it from scratch (losing focus), where `AnyView` would patch it.
pub trait IntoSwap {
    fn into_swap(self) -> Swap;
}

impl<V> IntoSwap for V
where
    V: Render + Send + 'static,
    V::State: 'static,
{
    fn into_swap(self) -> Swap {
        Swap(Box::new(move || SwapState(Box::new(self.build()))))
    }
}

impl Render for Swap {
    type State = SwapState;

    fn build(self) -> SwapState {
        (self.0)()
    }

    /// The new view goes where the old one was, then the old one leaves.
    /// Every view swapped has an element at its root, so there is always a
    /// node to insert before.
    fn rebuild(self, state: &mut SwapState) {
        let mut new = self.build();
        state.insert_before_this(&mut new);
        state.unmount();
        *state = new;
    }
}

impl Mountable for SwapState {
    fn unmount(&mut self) {
        self.0.unmount();
    }

    fn mount(&mut self, parent: &Element, marker: Option<&Node>) {
        self.0.mount(parent, marker);
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        self.0.insert_before_this(child)
    }

    fn elements(&self) -> Vec<Element> {
        self.0.elements()
    }
}

/// Leptos asks every view for server rendering and hydration too. The app
/// is built with the `csr` feature only: it renders in the browser and is
/// never rendered to HTML or hydrated, so those paths cannot be reached.
impl RenderHtml for Swap {
    type AsyncOutput = Self;
    type Owned = Self;
    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self {
        self
    }

    fn to_html_with_buf(
        self,
        _buf: &mut String,
        _position: &mut Position,
        _escape: bool,
        _mark_branches: bool,
        _extra_attrs: Vec<AnyAttribute>,
    ) {
        unreachable!("the app renders only in the browser")
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        _cursor: &Cursor,
        _position: &PositionState,
    ) -> SwapState {
        unreachable!("the app renders only in the browser")
    }

    fn into_owned(self) -> Self {
        self
    }
}

leptos::tachys::no_attrs!(Swap);
