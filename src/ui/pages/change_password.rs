use leptos::prelude::*;

use crate::flow::{forms, next, page::Page};
use crate::i18n::{Message, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Field, NewPasswordFields, Submit};
use crate::ui::one_at_a_time::{OneAtATime, request};
use crate::ui::router::Link;

/// Signed in: the current password, then a new one within the pool's
/// rules (ChangePassword).
#[component]
pub fn ChangePasswordPage(auth: Auth) -> impl IntoView {
    let policy = auth.config().password_policy;
    let current = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);

    let change = OneAtATime::default();
    let send = move |(current, new): (String, String)| async move {
        let Some(token) = auth.access_token(error).await else {
            return;
        };
        let answer = auth.cognito().change_password(&token, &current, &new).await;
        auth.go(next::after_change_password(answer), error);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let (current, new) = (current.get_untracked(), password.get_untracked());
        let checked = if current.is_empty() {
            Err(Message::Text(|m| m.password_missing))
        } else {
            forms::new_password(&new, &confirm.get_untracked(), &policy)
                .map(|()| request(send((current, new))))
                .map_err(Message::from)
        };
        change.submit(&ev, error, checked)
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.change_password_title)}</h1>
            <form on:submit=on_submit novalidate>
                <Field label=|m| m.current_password id="current-password" kind="password" autocomplete="current-password" value=current/>
                <NewPasswordFields label=|m| m.new_password confirm_label=|m| m.confirm_new_password policy password confirm/>
                <Alert message=error/>
                <Submit label=|m| m.change_password_button busy=change.pending()/>
            </form>
            <p class="switch"><Link auth to=Page::Account label=|m| m.back_to_account/></p>
        </section>
    }
}
