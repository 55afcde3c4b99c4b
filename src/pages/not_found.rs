use leptos::prelude::*;

use crate::i18n::tr;
use crate::router::{Link, Page, Router};

#[component]
pub fn NotFoundPage(router: Router) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.not_found_title)}</h1>
            <p>{tr(|m| m.not_found_text)}</p>
            <p class="switch"><Link router to=Page::Account label=|m| m.go_to_start/></p>
        </section>
    }
}
