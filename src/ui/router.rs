//! The address bar over the History API. leptos_router does far more than
//! this app needs and costs its weight in every download; what is left is
//! reading and writing the path, the back and forward buttons, and links.
//! Which step an address shows is the journey's business
//! ([`crate::flow::step::Step::arrive`]).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, prelude::Closure};

use crate::flow::page::Page;
use crate::i18n::{Text, tr};
use crate::ui::auth::Auth;

/// The page the address bar names.
pub fn current_page() -> Page {
    Page::from_path(&current_path())
}

fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".to_owned())
}

/// Writes `path` to the address bar: a new history entry, or with
/// `replace` in place of the current one (for redirects).
pub fn set_path(path: &str, replace: bool) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    let state = wasm_bindgen::JsValue::NULL;
    let _ = if replace {
        history.replace_state_with_url(&state, "", Some(path))
    } else {
        history.push_state_with_url(&state, "", Some(path))
    };
}

/// Calls `arrive` with the page the back and forward buttons land on, for
/// the page's lifetime.
pub fn on_back_or_forward(arrive: impl Fn(Page) + 'static) {
    let on_pop = Closure::<dyn Fn()>::new(move || arrive(current_page()));
    if let Some(window) = web_sys::window() {
        let _ =
            window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    on_pop.forget();
}

/// An in-app link: a real `<a href>` (so it can be opened in a new tab)
/// whose plain left click goes there without reloading. Its text is a
/// catalogue entry: taking `Children` (a boxed `AnyView`) cost 1.1 KB brotli.
#[component]
pub fn Link(auth: Auth, to: Page, label: Text) -> impl IntoView {
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        auth.visit(to);
    };
    view! { <a href=to.path() on:click=on_click>{tr(label)}</a> }
}
