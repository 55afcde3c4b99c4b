use leptos::prelude::*;

use crate::flow::authenticator::ShownKey;
use crate::flow::{forms, next, page::Page, step::Step};
use crate::i18n::{Message, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Field, Notice, Submit};
use crate::ui::one_at_a_time::{OneAtATime, request};
use crate::ui::pages::set_up_email::SetUpEmailForm;
use crate::ui::qr_code::QrCodeImage;
use crate::ui::router::Link;
use crate::ui::swap::IntoSwap;

/// MFA_SETUP: the pool requires a second factor and this person has none.
/// With codes by email, see [`SetUpEmailForm`]. Cognito makes a key for an authenticator app (AssociateSoftwareToken),
/// shown as a QR code and as text; the app's first code proves it holds
/// the key (VerifySoftwareToken), which answers the challenge. The journey
/// shows this page only with the challenge in memory.
#[component]
pub fn SetUpAppPage(auth: Auth) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);
    let copied = RwSignal::new(None::<Message>);

    let get_key = OneAtATime::default();
    let new_key = move || async move {
        let step = auth.step_now();
        let Some(challenge) = step.challenge() else {
            return;
        };
        // A second try's alert is the new answer's, not the first one's.
        error.set(None);
        let answer = auth.cognito().new_app_key(challenge).await;
        auth.go(next::after_app_key(&step, answer), error);
    };
    if matches!(auth.step_now(), Step::SetUpApp { key: None, .. }) {
        get_key.run(new_key());
    }

    let finish = OneAtATime::default();
    let answer = move |code: String| async move {
        let step = auth.step_now();
        let Some(challenge) = step.challenge() else {
            return;
        };
        let answer = auth.cognito().finish_app_setup(challenge, &code).await;
        auth.go(next::after_challenge(&step, answer), error);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let checked = match forms::code(&code.get_untracked()) {
            Ok(code) => Ok(request(answer(code))),
            Err(_) => Err(Message::Text(|m| m.two_step_code_invalid)),
        };
        finish.submit(&ev, error, checked)
    };

    let issuer = auth.config().app_name.as_str();
    let fetching = get_key.pending();
    let shown = move || {
        match auth.step() {
        Step::SetUpEmail { .. } => view! { <SetUpEmailForm auth/> }.into_swap(),
        Step::SetUpApp {
            email,
            key: Some(key),
            email_instead,
            ..
        } => {
            let uri = key.uri(issuer, &email);
            let grouped = key.grouped();
            let copy = move |_| {
                copy_text(&key.0);
                copied.set(Some(Message::Text(|m| m.key_copied)));
            };
            let use_email = move |_| auth.go(next::email_instead_of_app(&auth.step_now()), error);
            view! {
                <p class="hint">{tr(|m| m.set_up_app_intro)}</p>
                <QrCodeImage data=uri label=|m| m.qr_label/>
                <p class="key">
                    {tr(|m| m.set_up_app_key)} ": " <code id="app-key">{grouped}</code> " "
                    <button type="button" class="link" on:click=copy>{tr(|m| m.copy_key)}</button>
                </p>
                <Notice message=copied/>
                <form on:submit=on_submit novalidate>
                    <Field label=|m| m.two_step_code id="code" kind="text" autocomplete="one-time-code" inputmode="numeric" value=code/>
                    <Alert message=error/>
                    <Submit label=|m| m.set_up_app_button busy=finish.pending()/>
                </form>
                {email_instead.then(|| view! {
                    <p class="switch"><button type="button" class="link" on:click=use_email>{tr(|m| m.use_email_instead)}</button></p>
                })}
            }
            .into_swap()
        }
        _ => view! {
            <p role="status" class="notice">{move || if fetching.get() { tr(|m| m.set_up_app_getting_key)() } else { "" }}</p>
            <Alert message=error/>
            <button type="button" on:click=move |_| get_key.run(new_key()) disabled=move || fetching.get()>
                {tr(|m| m.try_again)}
            </button>
        }
        .into_swap(),
    }
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.set_up_app_title)}</h1>
            {shown}
            <p class="switch"><Link auth to=Page::SignIn label=|m| m.back_to_sign_in/></p>
        </section>
    }
}

/// Puts `text` on the clipboard; where the browser refuses, the key is
/// still on screen to copy by hand.
fn copy_text(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}
