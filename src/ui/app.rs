//! The app: load the runtime config, then route between the pages.

use leptos::prelude::*;

use crate::config::{AppConfig, CONFIG_PATH, ConfigError};
use crate::flow::page::Page;
use crate::i18n::{LanguagePicker, tr};
use crate::ui::auth::Auth;
use crate::ui::focus::focus_after_render;
use crate::ui::later_pages::{self, LaterPage};
use crate::ui::pages::{
    config_error::ConfigErrorPage, not_found::NotFoundPage, sign_in::SignInPage,
};
use crate::ui::swap::IntoSwap;
use crate::web::http::{self, FetchError};
use crate::web::text;

#[component]
pub fn App() -> impl IntoView {
    // A plain task and signal rather than a resource: the config loads once,
    // and the resource machinery costs bytes for nothing here.
    let config = RwSignal::new(None::<Result<&'static AppConfig, ConfigError>>);
    leptos::task::spawn_local(async move { config.set(Some(load_config().await)) });
    view! {
        <header class="brand">
            <span><span aria-hidden="true">"◆ "</span>{tr(|m| m.app_name)}</span>
            <LanguagePicker/>
        </header>
        <main>
            {move || match config.get() {
                None => view! { <p class="loading" role="status">{tr(|m| m.loading)}</p> }.into_swap(),
                Some(Ok(config)) => view! { <Pages config/> }.into_swap(),
                Some(Err(error)) => view! { <ConfigErrorPage error/> }.into_swap(),
            }}
        </main>
    }
}

/// The config, leaked: it is loaded once and lives as long as the page.
async fn load_config() -> Result<&'static AppConfig, ConfigError> {
    let answer = http::get(CONFIG_PATH, &[]).await.map_err(|e| {
        ConfigError::Unreachable(match e {
            FetchError::Network => "network error".to_owned(),
            FetchError::Timeout => "no answer in time".to_owned(),
        })
    })?;
    if answer.status != 200 {
        return Err(ConfigError::Unreachable(
            ["HTTP ", &text::decimal(answer.status.into())].concat(),
        ));
    }
    Ok(Box::leak(Box::new(AppConfig::parse(&answer.body)?)))
}

#[component]
pub fn Pages(config: &'static AppConfig) -> impl IntoView {
    let auth = Auth::new(config);
    // Only a change of page swaps the page: a new step on the same page
    // (a resent code) updates it in place.
    let shown = Memo::new(move |_| auth.page());
    // A new page's heading takes focus, so keyboard and screen-reader
    // users start at its top instead of wherever the old page left them.
    Effect::new(move |_| {
        shown.track();
        focus_after_render("title");
    });
    // The later pages' module, fetched once this first page is up.
    later_pages::preload();
    move || match shown.get() {
        Page::SignIn => view! { <SignInPage auth/> }.into_swap(),
        Page::NotFound => view! { <NotFoundPage auth/> }.into_swap(),
        page => view! { <LaterPage page auth/> }.into_swap(),
    }
}
