use leptos::prelude::*;

use crate::cognito::Contact;
use crate::flow::{forms, next, page::Page, step::Step};
use crate::i18n::{Message, fill, t, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Field, Submit};
use crate::ui::one_at_a_time::{OneAtATime, request};
use crate::ui::router::Link;
use crate::ui::swap::IntoSwap;

/// Signed in: a new email (UpdateUserAttributes), then the code sent to it
/// (VerifyUserAttribute). Until the code is in, the old email stays the
/// one to sign in with. The account page sends a person whose email is
/// not verified yet straight to the code.
#[component]
pub fn ChangeEmailPage(auth: Auth) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);

    let change = OneAtATime::default();
    let send = move |email: String| async move {
        let Some(token) = auth.access_token(error).await else {
            return;
        };
        let answer = auth.cognito().change_email(&token, &email).await;
        let delivery = answer.map(|a| a.code_delivery_details);
        let next = next::after_contact_code(Contact::Email, email, true, delivery);
        auth.go(next, error);
    };
    let on_change = move |ev: leptos::ev::SubmitEvent| {
        let checked = forms::email(&email.get_untracked())
            .map(|email| request(send(email)))
            .map_err(Message::from);
        change.submit(&ev, error, checked)
    };

    let verify = OneAtATime::default();
    let confirm = move |code: String| async move {
        let Some(token) = auth.access_token(error).await else {
            return;
        };
        let step = auth.step_now();
        let contact = match step {
            Step::VerifyEmail { contact, .. } => contact,
            _ => Contact::Email,
        };
        let answer = auth.cognito().verify_contact(&token, contact, &code).await;
        if answer.is_ok() {
            auth.renew().await;
        }
        auth.go(next::after_contact_verified(&step, answer), error);
    };
    let on_verify = move |ev: leptos::ev::SubmitEvent| {
        let checked = forms::code(&code.get_untracked())
            .map(|code| request(confirm(code)))
            .map_err(Message::from);
        verify.submit(&ev, error, checked)
    };

    let stage = move || {
        match auth.step() {
        Step::VerifyEmail { email, sent_to, contact, .. } => view! {
            <p class="hint">{move || {
                let m = t();
                let sent: &str = match contact {
                    Contact::Email => m.email_code_sent,
                    Contact::Phone => m.phone_code_sent,
                };
                fill(sent, &[sent_to.as_deref().unwrap_or(&email)])
            }}</p>
            <form on:submit=on_verify novalidate>
                <Field label=|m| m.confirmation_code id="code" kind="text" autocomplete="one-time-code" inputmode="numeric" value=code/>
                <Alert message=error/>
                <Submit label=|m| m.verify_email_button busy=verify.pending()/>
            </form>
        }
        .into_swap(),
        _ => view! {
            <p class="hint">{tr(|m| m.change_email_intro)}</p>
            <form on:submit=on_change novalidate>
                <Field label=|m| m.new_email id="email" kind="email" autocomplete="email" value=email/>
                <Alert message=error/>
                <Submit label=|m| m.send_code busy=change.pending()/>
            </form>
        }
        .into_swap(),
    }
    };

    // Verifying a phone number is this page's too: the same code step.
    let title = move || match auth.step() {
        Step::VerifyEmail {
            contact: Contact::Phone,
            ..
        } => t().verify_phone_link,
        _ => t().change_email_title,
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{title}</h1>
            {stage}
            <p class="switch"><Link auth to=Page::Account label=|m| m.back_to_account/></p>
        </section>
    }
}
