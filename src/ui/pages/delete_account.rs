use leptos::prelude::*;

use crate::flow::{next, page::Page};
use crate::i18n::{Message, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Submit};
use crate::ui::one_at_a_time::{OneAtATime, request};
use crate::ui::router::Link;

/// Signed in: deleting the account (DeleteUser), once the person ticks
/// that they understand it cannot be undone.
#[component]
pub fn DeleteAccountPage(auth: Auth) -> impl IntoView {
    let confirmed = RwSignal::new(false);
    let error = RwSignal::new(None::<Message>);

    let delete = OneAtATime::default();
    let send = move || async move {
        let Some(token) = auth.access_token(error).await else {
            return;
        };
        let answer = auth.cognito().delete_user(&token).await;
        auth.go(next::after_delete(answer), error);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let checked = if confirmed.get_untracked() {
            Ok(request(send()))
        } else {
            Err(Message::Text(|m| m.delete_account_unconfirmed))
        };
        delete.submit(&ev, error, checked)
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.delete_account_title)}</h1>
            <p class="hint">{tr(|m| m.delete_account_warning)}</p>
            <form on:submit=on_submit novalidate>
                <div class="field check">
                    <input id="confirm-delete" type="checkbox"
                        on:change=move |ev| confirmed.set(event_target_checked(&ev))/>
                    <label for="confirm-delete">{tr(|m| m.delete_account_confirm)}</label>
                </div>
                <Alert message=error/>
                <Submit label=|m| m.delete_account_button busy=delete.pending()/>
            </form>
            <p class="switch"><Link auth to=Page::Account label=|m| m.back_to_account/></p>
        </section>
    }
}
