use std::time::Duration;

use leptos::prelude::*;

use crate::auth::Auth;
use crate::components::{Alert, Field, Notice, Submit};
use crate::forms;
use crate::i18n::{fill, t, t_now, tr};
use crate::one_at_a_time::{OneAtATime, request};
use crate::router::{Link, Page, Router};
use crate::text;

/// Seconds before another code can be asked for.
const RESEND_COOLDOWN_SECS: u32 = 30;

#[component]
pub fn ConfirmPage(auth: Auth, router: Router) -> impl IntoView {
    let email = RwSignal::new(auth.pending_email.get_untracked());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let confirm = OneAtATime::default();
    let confirm_code = move |(email, code): (String, String)| async move {
        match auth.cognito().confirm_sign_up(&email, &code).await {
            Ok(()) => {
                auth.pending_email.set(email);
                auth.notice.set(Some(t_now().account_confirmed.to_owned()));
                router.navigate(Page::SignIn);
            }
            Err(e) => error.set(Some(e.message(t_now()))),
        }
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let checked = forms::email(&email.get_untracked())
            .and_then(|email| {
                Ok(request(confirm_code((
                    email,
                    forms::code(&code.get_untracked())?,
                ))))
            })
            .map_err(|e| e.message(t_now()));
        confirm.submit(&ev, error, checked)
    };

    // Cognito limits how often codes are sent; a visible wait keeps people
    // from hitting that limit and tells them a new code is on its way.
    let wait = RwSignal::new(if auth.code_destination.get_untracked().is_some() {
        RESEND_COOLDOWN_SECS
    } else {
        0
    });
    if let Ok(ticker) = set_interval_with_handle(
        // Only a running countdown changes: no re-render at zero.
        move || {
            let secs = wait.get_untracked();
            if secs > 0 {
                wait.set(secs - 1);
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || ticker.clear());
    }
    let resend = OneAtATime::default();
    let resend_code = move |email: String| async move {
        match auth.cognito().resend_confirmation_code(&email).await {
            Ok(answer) => {
                let to = answer.code_delivery_details.and_then(|d| d.destination);
                let shown = to.clone().unwrap_or(email);
                auth.code_destination.set(to);
                auth.notice.set(Some(fill(t_now().code_resent, &[&shown])));
                wait.set(RESEND_COOLDOWN_SECS);
            }
            Err(e) => error.set(Some(e.message(t_now()))),
        }
    };
    let resending = resend.pending();
    let on_resend = move |_| {
        if resending.get_untracked() || wait.get_untracked() > 0 {
            return;
        }
        match forms::email(&email.get_untracked()) {
            Ok(email) => {
                error.set(None);
                resend.run(resend_code(email));
            }
            Err(e) => error.set(Some(e.message(t_now()))),
        }
    };
    let resend_blocked = move || resending.get() || wait.get() != 0;
    let resend_label = move || match wait.get() {
        0 => t().resend.to_owned(),
        secs => fill(t().resend_wait, &[&text::decimal(secs.into())]),
    };

    let sent_to = move || {
        let m = t();
        let to = auth.code_destination.get();
        fill(m.code_sent_to, &[to.as_deref().unwrap_or(m.your_email)])
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.confirm_title)}</h1>
            <Notice message=auth.notice/>
            <p class="hint">{sent_to}</p>
            <form on:submit=on_submit novalidate>
                <Field label=|m| m.email id="email" kind="email" autocomplete="username" value=email/>
                <Field label=|m| m.confirmation_code id="code" kind="text" autocomplete="one-time-code" inputmode="numeric" value=code/>
                <Alert message=error/>
                <Submit label=|m| m.confirm_button busy=confirm.pending()/>
            </form>
            <p class="switch">
                {tr(|m| m.no_code)}
                <button type="button" id="resend" class="link" on:click=on_resend
                    disabled=resend_blocked>
                    {resend_label}
                </button>
            </p>
            <p class="switch">{tr(|m| m.already_confirmed)} <Link router to=Page::SignIn label=|m| m.sign_in_link/></p>
        </section>
    }
}
