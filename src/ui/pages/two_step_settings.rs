use leptos::prelude::*;

use crate::cognito::{AppKey, CognitoError, Factor, FactorSettings};
use crate::flow::authenticator::ShownKey;
use crate::flow::{forms, page::Page};
use crate::i18n::{Message, Text, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Field, Notice, Submit, factor_label};
use crate::ui::one_at_a_time::{OneAtATime, Request, request};
use crate::ui::qr_code::QrCodeImage;
use crate::ui::router::Link;
use crate::ui::swap::IntoSwap;

/// Signed in: the second factors (GetUser). The authenticator app is set up
/// here (AssociateSoftwareToken and VerifySoftwareToken with the access
/// token) or turned off, and with several factors on, one is made the one
/// asked for first (SetUserMFAPreference).
#[component]
pub fn TwoStepSettingsPage(auth: Auth) -> impl IntoView {
    let settings = RwSignal::new(None::<FactorSettings>);
    // The new app's key while it is being set up; empty otherwise (a signal
    // of a type the app has: its own type's signal code cost bytes).
    let key = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);
    let notice = RwSignal::new(None::<Message>);

    let work = OneAtATime::default();
    let load = move || async move {
        let Some(token) = auth.access_token(error).await else {
            return;
        };
        match auth.cognito().second_factors(&token).await {
            Ok(loaded) => settings.set(Some(loaded)),
            Err(e) => error.set(Some(e.into())),
        }
    };
    work.run(load());

    // Each change: the call, then the settings again, and what to say.
    let change = move |factor: Factor, on: bool, preferred: bool, done: Text| async move {
        let Some(token) = auth.access_token(error).await else {
            return;
        };
        match auth
            .cognito()
            .set_factor(&token, factor, on, preferred)
            .await
        {
            Ok(()) => {
                notice.set(Some(Message::Text(done)));
                load().await;
            }
            Err(e) => error.set(Some(e.into())),
        }
    };
    let start_app = move || async move {
        let Some(token) = auth.access_token(error).await else {
            return;
        };
        match auth.cognito().new_app_key_signed_in(&token).await {
            Ok(new_key) => key.set(new_key.0),
            Err(e) => error.set(Some(e.into())),
        }
    };
    let finish_app = move |code: String| async move {
        let Some(token) = auth.access_token(error).await else {
            return;
        };
        match auth.cognito().turn_on_app(&token, &code).await {
            Ok(()) => {
                key.set(String::new());
                notice.set(Some(Message::Text(|m| m.app_turned_on)));
                load().await;
            }
            Err(CognitoError::CodeMismatch) => {
                error.set(Some(Message::Text(|m| m.set_up_app_mismatch)));
            }
            Err(e) => error.set(Some(e.into())),
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let checked = match forms::code(&code.get_untracked()) {
            Ok(code) => Ok(request(finish_app(code))),
            Err(_) => Err(Message::Text(|m| m.two_step_code_invalid)),
        };
        work.submit(&ev, error, checked)
    };
    let busy = work.pending();
    let act = move |task: Request| {
        error.set(None);
        notice.set(None);
        work.run(task);
    };

    let issuer = auth.config().app_name.as_str();
    let shown = move || {
        let Some(current) = settings.get() else {
            return view! { <p class="loading">{move || if busy.get() { tr(|m| m.loading)() } else { "" }}</p> }.into_swap();
        };
        if key.with(|k| !k.is_empty()) {
            let app_key = AppKey(key.get());
            // The account the app lists the key under: who is signed in.
            let email = auth
                .session
                .with(|s| s.as_ref().map(|s| s.email.clone()))
                .unwrap_or_default();
            return view! {
                <p class="hint">{tr(|m| m.set_up_app_intro_signed_in)}</p>
                <QrCodeImage data=app_key.uri(issuer, &email) label=|m| m.qr_label/>
                <p class="key">{tr(|m| m.set_up_app_key)} ": " <code id="app-key">{app_key.grouped()}</code></p>
                <form on:submit=on_submit novalidate>
                    <Field label=|m| m.two_step_code id="code" kind="text" autocomplete="one-time-code" inputmode="numeric" value=code/>
                    <Submit label=|m| m.turn_on_app busy=busy/>
                </form>
            }
            .into_swap();
        }
        let app_on = current.enabled.contains(&Factor::App);
        let preferred = current.preferred;
        // One button and one list, whatever the state: a view per state
        // cost 2 KB more.
        let toggle = move |_| {
            if app_on {
                act(request(change(Factor::App, false, false, |m| {
                    m.app_turned_off
                })));
            } else {
                act(request(start_app()));
            }
        };
        let several = current.enabled.len() > 1;
        view! {
            <p id="app-status">{tr(if app_on { |m| m.app_is_on } else { |m| m.app_is_off })}</p>
            <div class="actions">
                <button type="button" disabled=move || busy.get() on:click=toggle>
                    {tr(if app_on { |m| m.turn_off_app } else { |m| m.set_up_app_link })}
                </button>
            </div>
            <ul class="factors" aria-label=tr(|m| m.asked_first) hidden=!several>
                {current.enabled.into_iter().map(|factor| {
                    let first = preferred == Some(factor);
                    view! {
                        <li>
                            {tr(factor_label(factor))} " "
                            <button type="button" class="link" disabled=move || first || busy.get()
                                on:click=move |_| act(request(change(factor, true, true, |m| m.preference_saved)))>
                                {tr(if first { |m| m.asked_first_mark } else { |m| m.ask_first })}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_swap()
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.two_step_title)}</h1>
            <Notice message=notice/>
            {shown}
            <Alert message=error/>
            <p class="switch"><Link auth to=Page::Account label=|m| m.back_to_account/></p>
        </section>
    }
}
