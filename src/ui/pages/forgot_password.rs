use leptos::prelude::*;

use crate::flow::{forms, identity, next, page::Page, step::Step};
use crate::i18n::{Message, fill, t, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Field, NewPasswordFields, Notice, Submit};
use crate::ui::one_at_a_time::{OneAtATime, request};
use crate::ui::router::Link;
use crate::ui::swap::IntoSwap;

/// Forgot password: ask for a code (ForgotPassword), then set a new
/// password with it (ConfirmForgotPassword). Two steps of the journey on
/// one page.
#[component]
pub fn ForgotPasswordPage(auth: Auth) -> impl IntoView {
    let policy = auth.config().password_policy;
    let with = auth.config().sign_in_with;
    let email = RwSignal::new(auth.step_now().email().to_owned());
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);

    let send_code = OneAtATime::default();
    let request_code = move |email: String| async move {
        let answer = auth.cognito().forgot_password(&email).await;
        let next = next::after_reset_code(email, answer.map(|a| a.code_delivery_details));
        auth.go(next, error);
    };
    let reset = OneAtATime::default();
    let reset_password = move |(email, code, password): (String, String, String)| async move {
        let answer = auth
            .cognito()
            .confirm_forgot_password(&email, &code, &password)
            .await;
        auth.go(next::after_reset(email, answer), error);
    };

    let on_send = move |ev: leptos::ev::SubmitEvent| {
        let checked = match with.check(&email.get_untracked()) {
            Ok(email) => Ok(request(request_code(email))),
            Err(e) => Err(e.into()),
        };
        send_code.submit(&ev, error, checked)
    };
    let on_reset = move |ev: leptos::ev::SubmitEvent| {
        let new_password = password.get_untracked();
        let checked = forms::code(&code.get_untracked()).and_then(|code| {
            let email = with.check(&email.get_untracked())?;
            forms::new_password(&new_password, &confirm.get_untracked(), &policy)?;
            Ok(request(reset_password((email, code, new_password))))
        });
        reset.submit(&ev, error, checked.map_err(Message::from))
    };

    let stage = move || {
        match auth.step() {
        Step::ResetPassword { sent_to, .. } => view! {
            <p class="hint">{move || {
                let m = t();
                fill(m.reset_code_sent, &[sent_to.as_deref().unwrap_or(m.your_email)])
            }}</p>
            <form on:submit=on_reset novalidate>
                <Field label=|m| m.confirmation_code id="code" kind="text" autocomplete="one-time-code" inputmode="numeric" value=code/>
                <NewPasswordFields label=|m| m.new_password confirm_label=|m| m.confirm_new_password policy password confirm/>
                <Alert message=error/>
                <Submit label=|m| m.reset_button busy=reset.pending()/>
            </form>
        }
        .into_swap(),
        _ => view! {
            <p class="hint">{move || identity::fill_noun(t(), t().reset_intro)}</p>
            <form on:submit=on_send novalidate>
                <Field label=with.label() id=with.field_id() kind=with.input_type() autocomplete="username" value=email/>
                <Alert message=error/>
                <Submit label=|m| m.send_code busy=send_code.pending()/>
            </form>
        }
        .into_swap(),
    }
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.reset_title)}</h1>
            <Notice message=auth.notice()/>
            {stage}
            <p class="switch"><Link auth to=Page::SignIn label=|m| m.back_to_sign_in/></p>
        </section>
    }
}
