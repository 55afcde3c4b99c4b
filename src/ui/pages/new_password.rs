use leptos::prelude::*;

use crate::flow::{forms, next, page::Page};
use crate::i18n::{Message, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, NewPasswordFields, Submit};
use crate::ui::one_at_a_time::{OneAtATime, request};
use crate::ui::router::Link;

/// NEW_PASSWORD_REQUIRED: a user an administrator created signs in with a
/// temporary password and must choose their own before going on. The
/// journey shows this page only with the challenge in memory.
#[component]
pub fn NewPasswordPage(auth: Auth) -> impl IntoView {
    let policy = auth.config().password_policy;
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);

    let set_password = OneAtATime::default();
    let answer = move |password: String| async move {
        let step = auth.step_now();
        let Some(challenge) = step.challenge() else {
            return;
        };
        let answer = auth.cognito().set_new_password(challenge, &password).await;
        auth.go(next::after_challenge(&step, answer), error);
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let new_password = password.get_untracked();
        let checked = forms::new_password(&new_password, &confirm.get_untracked(), &policy)
            .map(|()| request(answer(new_password)))
            .map_err(Message::from);
        set_password.submit(&ev, error, checked)
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.new_password_title)}</h1>
            <p class="hint">{tr(|m| m.new_password_intro)}</p>
            <form on:submit=on_submit novalidate>
                <NewPasswordFields label=|m| m.new_password confirm_label=|m| m.confirm_new_password policy password confirm/>
                <Alert message=error/>
                <Submit label=|m| m.set_password busy=set_password.pending()/>
            </form>
            <p class="switch"><Link auth to=Page::SignIn label=|m| m.back_to_sign_in/></p>
        </section>
    }
}
