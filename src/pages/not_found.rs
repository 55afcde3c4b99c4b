use leptos::prelude::*;

use crate::router::{Link, Page};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <p class="switch"><Link to=Page::Account>"Go to the start page"</Link></p>
        </section>
    }
}
