use leptos::prelude::*;

use crate::api;
use crate::cognito::{FirstFactor, jwt};
use crate::flow::{next, page::Page};
use crate::i18n::{Message, t, tr};
use crate::ui::auth::{Auth, Authorized};
use crate::ui::components::{Alert, Notice};
use crate::ui::one_at_a_time::OneAtATime;
use crate::ui::router::Link;
use crate::web::text;

/// The signed-in page: who is signed in, the protected API's answer, and
/// sign-out.
#[component]
pub fn AccountPage(auth: Auth) -> impl IntoView {
    let hello_url = auth.config().hello_url();
    // Empty until the API answers: a signal of a type the app has anyway
    // (an `Option<String>` signal's code was its own 0.3 KB).
    let greeting = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);

    let call_api = OneAtATime::default();
    let hello = move || {
        let hello_url = hello_url.clone();
        async move {
            let call = |token: String| {
                let url = hello_url.clone();
                async move { api::hello(&url, &token).await }
            };
            match auth.with_fresh_id_token(call).await {
                Authorized::Answer(text) => {
                    error.set(None);
                    greeting.set(text);
                }
                // The sign-in page says why.
                Authorized::SessionEnded => {}
                Authorized::RefreshFailed(message) => error.set(Some(message)),
                Authorized::ApiFailed(e) => error.set(Some(e.into())),
            }
        }
    };
    call_api.run(hello());

    let email = move || {
        auth.session
            .with(|s| s.as_ref().map(|s| s.email.clone()))
            .unwrap_or_default()
    };
    // The ID token says whether the email is verified; one that is not
    // can get its code from here.
    let unverified = move || {
        auth.session.with(|s| {
            s.as_ref().is_some_and(|s| {
                !s.email.is_empty()
                    && jwt::id_claims(&s.id_token).is_ok_and(|c| c.email_verified == Some(false))
            })
        })
    };
    let verify = OneAtATime::default();
    let send_code = move || async move {
        let Some(token) = auth.access_token(error).await else {
            return;
        };
        let answer = auth.cognito().send_email_verification(&token).await;
        let next = next::after_email_code(email(), false, answer.map(|a| a.code_delivery_details));
        auth.go(next, error);
    };
    let sending = verify.pending();
    let ends_at = move || {
        auth.session
            .with(|s| s.as_ref().map(|s| clock_time(s.expires_at as f64 * 1000.0)))
            .unwrap_or_default()
    };
    let busy = call_api.pending();
    let sign_out_everywhere = OneAtATime::default();
    let signing_out = sign_out_everywhere.pending();

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.account_title)}</h1>
            <Notice message=auth.notice()/>
            <dl class="account">
                <dt>{tr(|m| m.email)}</dt>
                <dd>
                    <span id="account-email">{email}</span>
                    {move || unverified().then(|| view! {
                        " (" {tr(|m| m.not_verified)} ") "
                        <button type="button" class="link" on:click=move |_| verify.run(send_code()) disabled=move || sending.get()>
                            {tr(|m| m.verify_email_link)}
                        </button>
                    })}
                </dd>
                <dt>{tr(|m| m.session_ends)}</dt>
                <dd id="session-ends">{ends_at}</dd>
            </dl>
            <h2>{tr(|m| m.protected_api)}</h2>
            <p id="api-result" class="result" aria-live="polite">
                {move || match greeting.get() {
                    text if text.is_empty() && busy.get() => t().calling_api.to_owned(),
                    text => text,
                }}
            </p>
            <Alert message=error/>
            <div class="actions">
                <button type="button" on:click=move |_| call_api.run(hello()) disabled=move || busy.get()>
                    {tr(|m| m.call_again)}
                </button>
                <button type="button" class="primary" on:click=move |_| auth.sign_out()>{tr(|m| m.sign_out)}</button>
                <button type="button" on:click=move |_| sign_out_everywhere.run(async move { auth.sign_out_everywhere().await }) disabled=move || signing_out.get()>
                    {tr(|m| m.sign_out_everywhere)}
                </button>
            </div>
            <h2>{tr(|m| m.account_settings)}</h2>
            <p class="switch"><Link auth to=Page::ChangeEmail label=|m| m.change_email_link/></p>
            <p class="switch"><Link auth to=Page::ChangePassword label=|m| m.change_password_link/></p>
            <p class="switch"><Link auth to=Page::TwoStepSettings label=|m| m.two_step_settings_link/></p>
            {auth.config().allows(FirstFactor::Passkey).then(|| view! {
                <p class="switch"><Link auth to=Page::Passkeys label=|m| m.passkeys_link/></p>
            })}
            <p class="switch"><Link auth to=Page::DeleteAccount label=|m| m.delete_account_link/></p>
        </section>
    }
}

/// `HH:MM` in the browser's local time.
fn clock_time(epoch_ms: f64) -> String {
    let date = js_sys::Date::new(&epoch_ms.into());
    [
        text::two_digits(date.get_hours()),
        text::two_digits(date.get_minutes()),
    ]
    .join(":")
}
