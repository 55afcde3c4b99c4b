//! A router for the app's pages over the History API. leptos_router
//! does far more than this app needs and costs its weight in every
//! download; what is left is a `Page` enum, a signal and `pushState`.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, prelude::Closure};

use crate::i18n::{Text, tr};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The signed-in page. Not `/hello`: that path is the API's.
    Account,
    SignIn,
    SignUp,
    Confirm,
    ForgotPassword,
    NewPassword,
    /// The authenticator-app code after the password (SOFTWARE_TOKEN_MFA).
    TwoStep,
    NotFound,
}

impl Page {
    pub fn from_path(path: &str) -> Self {
        match text::trim_end_byte(path, b'/') {
            "" => Self::Account,
            "/signin" => Self::SignIn,
            "/signup" => Self::SignUp,
            "/confirm" => Self::Confirm,
            "/forgot-password" => Self::ForgotPassword,
            "/new-password" => Self::NewPassword,
            "/two-step" => Self::TwoStep,
            _ => Self::NotFound,
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Self::Account | Self::NotFound => "/",
            Self::SignIn => "/signin",
            Self::SignUp => "/signup",
            Self::Confirm => "/confirm",
            Self::ForgotPassword => "/forgot-password",
            Self::NewPassword => "/new-password",
            Self::TwoStep => "/two-step",
        }
    }

    /// The page a person actually sees: the account page needs a session,
    /// and signing in again makes no sense with one.
    pub fn guarded(self, signed_in: bool) -> Self {
        match (self, signed_in) {
            (Self::Account, false) => Self::SignIn,
            (Self::SignIn | Self::NewPassword | Self::TwoStep, true) => Self::Account,
            (page, _) => page,
        }
    }
}

/// The current page. `Copy`, like signals: the pages and links take it as a
/// prop.
#[derive(Clone, Copy)]
pub struct Router {
    page: RwSignal<Page>,
}

impl Router {
    /// Starts at the address bar's page and follows the back and forward
    /// buttons from then on.
    pub fn new() -> Self {
        let router = Self {
            page: RwSignal::new(Page::from_path(&current_path())),
        };
        let on_pop =
            Closure::<dyn Fn()>::new(move || router.page.set(Page::from_path(&current_path())));
        if let Some(window) = web_sys::window() {
            let _ = window
                .add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
        }
        // The listener lives as long as the page.
        on_pop.forget();
        router
    }

    pub fn page(&self) -> Page {
        self.page.get()
    }

    /// Goes to `page`, adding it to the history.
    pub fn navigate(&self, page: Page) {
        set_path(page.path(), false);
        self.page.set(page);
    }

    /// Shows `page` in place of the current entry (used for redirects).
    pub fn replace(&self, page: Page) {
        set_path(page.path(), true);
        self.page.set(page);
    }
}

impl Default for Router {
    fn default() -> Self {
        Self::new()
    }
}

fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".to_owned())
}

fn set_path(path: &str, replace: bool) {
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

/// An in-app link: a real `<a href>` (so it can be opened in a new tab)
/// whose plain left click navigates without reloading. Its text is a
/// catalogue entry: taking `Children` (a boxed `AnyView`) cost 1.1 KB brotli.
#[component]
pub fn Link(router: Router, to: Page, label: Text) -> impl IntoView {
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        router.navigate(to);
    };
    view! { <a href=to.path() on:click=on_click>{tr(label)}</a> }
}
