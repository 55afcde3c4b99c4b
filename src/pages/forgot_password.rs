use leptos::prelude::*;

use crate::auth::Auth;
use crate::components::{Alert, Field, NewPasswordFields, Submit};
use crate::forms;
use crate::i18n::{fill, t, t_now, tr};
use crate::one_at_a_time::{OneAtATime, request};
use crate::router::{Link, Page, Router};
use crate::swap::IntoSwap;

/// Forgot password: ask for a code (ForgotPassword), then set a new
/// password with it (ConfirmForgotPassword).
#[component]
pub fn ForgotPasswordPage(auth: Auth, router: Router) -> impl IntoView {
    let policy = auth.config().password_policy;
    let email = RwSignal::new(auth.pending_email.get_untracked());
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // Where the code went, once it was sent: the second step.
    let sent_to = RwSignal::new(None::<String>);

    let send_code = OneAtATime::default();
    let request_code = move |email: String| async move {
        match auth.cognito().forgot_password(&email).await {
            Ok(answer) => {
                let to = answer.code_delivery_details.and_then(|d| d.destination);
                sent_to.set(Some(to.unwrap_or_else(|| t_now().your_email.to_owned())));
            }
            Err(e) => error.set(Some(e.message(t_now()))),
        }
    };
    let reset = OneAtATime::default();
    let reset_password = move |(email, code, password): (String, String, String)| async move {
        match auth
            .cognito()
            .confirm_forgot_password(&email, &code, &password)
            .await
        {
            Ok(()) => {
                auth.pending_email.set(email);
                auth.notice.set(Some(t_now().password_changed.to_owned()));
                router.navigate(Page::SignIn);
            }
            Err(e) => error.set(Some(e.message(t_now()))),
        }
    };

    let on_send = move |ev: leptos::ev::SubmitEvent| {
        let checked = match forms::email(&email.get_untracked()) {
            Ok(email) => Ok(request(request_code(email))),
            Err(e) => Err(e.message(t_now())),
        };
        send_code.submit(&ev, error, checked)
    };
    let on_reset = move |ev: leptos::ev::SubmitEvent| {
        let new_password = password.get_untracked();
        let checked = forms::code(&code.get_untracked()).and_then(|code| {
            let email = forms::sign_up(
                &email.get_untracked(),
                &new_password,
                &confirm.get_untracked(),
                &policy,
            )?;
            Ok(request(reset_password((email, code, new_password))))
        });
        reset.submit(&ev, error, checked.map_err(|e| e.message(t_now())))
    };

    let step = move || {
        match sent_to.get() {
        None => view! {
            <p class="hint">{tr(|m| m.reset_intro)}</p>
            <form on:submit=on_send novalidate>
                <Field label=|m| m.email id="email" kind="email" autocomplete="username" value=email/>
                <Alert message=error/>
                <Submit label=|m| m.send_code busy=send_code.pending()/>
            </form>
        }
        .into_swap(),
        Some(to) => view! {
            <p class="hint">{move || fill(t().reset_code_sent, &[&to])}</p>
            <form on:submit=on_reset novalidate>
                <Field label=|m| m.confirmation_code id="code" kind="text" autocomplete="one-time-code" inputmode="numeric" value=code/>
                <NewPasswordFields label=|m| m.new_password confirm_label=|m| m.confirm_new_password policy password confirm/>
                <Alert message=error/>
                <Submit label=|m| m.reset_button busy=reset.pending()/>
            </form>
        }
        .into_swap(),
    }
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.reset_title)}</h1>
            {step}
            <p class="switch"><Link router to=Page::SignIn label=|m| m.back_to_sign_in/></p>
        </section>
    }
}
