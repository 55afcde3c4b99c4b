use leptos::prelude::*;

use crate::auth::Auth;
use crate::cognito::SignInOutcome;
use crate::components::{Alert, NewPasswordFields, Submit};
use crate::forms;
use crate::i18n::{t_now, tr};
use crate::one_at_a_time::{OneAtATime, request};
use crate::router::{Link, Page, Router};
use crate::swap::IntoSwap;

/// NEW_PASSWORD_REQUIRED: a user an administrator created signs in with a
/// temporary password and must choose their own before going on.
#[component]
pub fn NewPasswordPage(auth: Auth, router: Router) -> impl IntoView {
    let policy = auth.config().password_policy;
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let set_password = OneAtATime::default();
    let answer = move |password: String| async move {
        let Some(session) = auth.challenge() else {
            return;
        };
        let failure = match auth.cognito().set_new_password(&session, &password).await {
            Ok(SignInOutcome::Tokens(tokens)) => match auth.start_session(tokens) {
                Ok(()) => return,
                Err(message) => message,
            },
            Ok(_) => t_now().unsupported_step.to_owned(),
            Err(e) => e.message(t_now()),
        };
        error.set(Some(failure));
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let new_password = password.get_untracked();
        let email = auth.pending_email.get_untracked();
        let checked = match forms::sign_up(&email, &new_password, &confirm.get_untracked(), &policy)
        {
            Ok(_) => Ok(request(answer(new_password))),
            Err(e) => Err(e.message(t_now())),
        };
        set_password.submit(&ev, error, checked)
    };

    let has_challenge = move || auth.has_challenge();
    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.new_password_title)}</h1>
            {move || {
                if !has_challenge() {
                    return view! {
                        <p role="status" class="notice">{tr(|m| m.new_password_no_challenge)}</p>
                    }
                    .into_swap();
                }
                view! {
                    <p class="hint">{tr(|m| m.new_password_intro)}</p>
                    <form on:submit=on_submit novalidate>
                        <NewPasswordFields label=|m| m.new_password confirm_label=|m| m.confirm_new_password policy password confirm/>
                        <Alert message=error/>
                        <Submit label=|m| m.set_password busy=set_password.pending()/>
                    </form>
                }
                .into_swap()
            }}
            <p class="switch"><Link router to=Page::SignIn label=|m| m.back_to_sign_in/></p>
        </section>
    }
}
