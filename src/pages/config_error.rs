use leptos::prelude::*;

use crate::config::ConfigError;

/// Shown instead of the app when `/config.json` is missing or wrong: the
/// person who deployed the site needs to know what to fix.
#[component]
pub fn ConfigErrorPage(error: ConfigError) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">"This site is not set up yet"</h1>
            <p role="alert" class="alert">{error.to_string()}</p>
            <p>
                "The app reads its settings from " <code>"/config.json"</code>
                ", served next to " <code>"index.html"</code> ". It needs "
                <code>"region"</code> ", " <code>"userPoolId"</code> ", "
                <code>"userPoolClientId"</code> " and " <code>"apiUrl"</code>
                ", as written by the CDK stack or by " <code>"cargo xtask dev"</code> "."
            </p>
        </section>
    }
}
