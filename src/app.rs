//! The app: load the runtime config, then route between the pages.

use leptos::prelude::*;
use leptos_router::{
    components::{ProtectedRoute, Route, Router, Routes},
    path,
};

use crate::auth::Auth;
use crate::config::{AppConfig, CONFIG_PATH, ConfigError};
use crate::http::{self, FetchError};
use crate::pages::{
    config_error::ConfigErrorPage, confirm::ConfirmPage, home::HomePage, not_found::NotFoundPage,
    sign_in::SignInPage, sign_up::SignUpPage,
};

#[component]
pub fn App() -> impl IntoView {
    let config = LocalResource::new(load_config);
    view! {
        <header class="brand"><span aria-hidden="true">"◆ "</span>"Cognito Sign-in"</header>
        <main>
            {move || match config.get() {
                None => view! { <p class="loading" role="status">"Loading…"</p> }.into_any(),
                Some(Ok(config)) => view! { <Pages config/> }.into_any(),
                Some(Err(error)) => view! { <ConfigErrorPage error/> }.into_any(),
            }}
        </main>
    }
}

async fn load_config() -> Result<AppConfig, ConfigError> {
    let answer = http::get(CONFIG_PATH, &[]).await.map_err(|e| {
        ConfigError::Unreachable(match e {
            FetchError::Network => "network error".to_owned(),
            FetchError::Timeout => "no answer in time".to_owned(),
        })
    })?;
    if answer.status != 200 {
        return Err(ConfigError::Unreachable(format!("HTTP {}", answer.status)));
    }
    AppConfig::parse(&answer.body)
}

#[component]
pub fn Pages(config: AppConfig) -> impl IntoView {
    let auth = Auth::new(config);
    provide_context(auth);
    let signed_in = move || Some(auth.is_signed_in());
    let signed_out = move || Some(!auth.is_signed_in());
    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <ProtectedRoute path=path!("/") view=HomePage condition=signed_in redirect_path=|| "/signin"/>
                <ProtectedRoute path=path!("/signin") view=SignInPage condition=signed_out redirect_path=|| "/"/>
                <Route path=path!("/signup") view=SignUpPage/>
                <Route path=path!("/confirm") view=ConfirmPage/>
            </Routes>
        </Router>
    }
}
