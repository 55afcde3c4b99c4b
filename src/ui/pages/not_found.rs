use leptos::prelude::*;

use crate::flow::page::Page;
use crate::i18n::tr;
use crate::ui::auth::Auth;
use crate::ui::router::Link;

#[component]
pub fn NotFoundPage(auth: Auth) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.not_found_title)}</h1>
            <p>{tr(|m| m.not_found_text)}</p>
            <p class="switch"><Link auth to=Page::Account label=|m| m.go_to_start/></p>
        </section>
    }
}
