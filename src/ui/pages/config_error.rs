use leptos::prelude::*;

use crate::config::ConfigError;
use crate::i18n::tr;

/// Shown instead of the app when `/config.json` is missing or wrong: the
/// person who deployed the site needs to know what to fix.
#[component]
pub fn ConfigErrorPage(error: ConfigError) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.config_title)}</h1>
            // The details are for whoever deployed the site: English only.
            <p role="alert" class="alert" lang="en">{error.describe()}</p>
            <p>{tr(|m| m.config_help)}</p>
        </section>
    }
}
