use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title">"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <p class="switch"><A href="/">"Go to the start page"</A></p>
        </section>
    }
}
