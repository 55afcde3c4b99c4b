use std::time::Duration;

use leptos::prelude::*;

use crate::cognito::FirstFactor;
use crate::cognito::wire::{ConfirmSignUpResponse, SessionToken};
use crate::flow::next::{self, Next};
use crate::flow::{forms, page::Page, step::Step};
use crate::i18n::{Message, fill, t, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Field, Notice, Submit};
use crate::ui::one_at_a_time::{OneAtATime, request};
use crate::ui::router::Link;
use crate::web::{passkey, text};

/// Seconds before another code can be asked for.
const RESEND_COOLDOWN_SECS: u32 = 30;

/// Where the step says the code went (tracked: a resent code changes it).
fn sent_to(auth: Auth) -> Option<String> {
    match auth.step() {
        Step::Confirm { sent_to, .. } => sent_to,
        _ => None,
    }
}

/// SignUp's session, while memory holds it.
fn sign_up_session(auth: Auth) -> Option<SessionToken> {
    match auth.step_now() {
        Step::Confirm { session, .. } => session,
        _ => None,
    }
}

#[component]
pub fn ConfirmPage(auth: Auth) -> impl IntoView {
    // The username sign-up registered: an alias cannot stand for it
    // before the account is confirmed.
    let who = auth.config().sign_in_with.sign_up_username();
    let email = RwSignal::new(auth.step_now().email().to_owned());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);

    let confirm = OneAtATime::default();
    let confirm_code = move |(email, code): (String, String)| async move {
        let session = sign_up_session(auth);
        let cognito = auth.cognito();
        let answer = cognito
            .confirm_sign_up(&email, &code, session.as_ref())
            .await;
        // With the session the confirmation gave, the new person is
        // signed in at once.
        let next = match answer {
            Ok(ConfirmSignUpResponse {
                session: Some(session),
            }) if auth.config().user_auth() => {
                let answer = cognito.start_sign_in(&email, None, Some(&session)).await;
                let offer = auth.config().allows(FirstFactor::Passkey) && passkey::supported();
                next::after_auto_sign_in(email, answer, offer)
            }
            answer => next::after_confirm(email, answer.map(drop)),
        };
        auth.go(next, error);
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let checked = who
            .check(&email.get_untracked())
            .and_then(|email| {
                Ok(request(confirm_code((
                    email,
                    forms::code(&code.get_untracked())?,
                ))))
            })
            .map_err(Message::from);
        confirm.submit(&ev, error, checked)
    };

    // Cognito limits how often codes are sent; a visible wait keeps people
    // from hitting that limit and tells them a new code is on its way.
    let wait = RwSignal::new(if untrack(move || sent_to(auth)).is_some() {
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
        let answer = auth.cognito().resend_confirmation_code(&email).await;
        let delivery = answer.map(|a| a.code_delivery_details);
        let next = next::after_resend(email, sign_up_session(auth), delivery);
        if matches!(next, Next::Go(Step::Confirm { .. }, _)) {
            wait.set(RESEND_COOLDOWN_SECS);
        }
        auth.go(next, error);
    };
    let resending = resend.pending();
    let on_resend = move |_| {
        if resending.get_untracked() || wait.get_untracked() > 0 {
            return;
        }
        match who.check(&email.get_untracked()) {
            Ok(email) => {
                error.set(None);
                resend.run(resend_code(email));
            }
            Err(e) => error.set(Some(e.into())),
        }
    };
    let resend_blocked = move || resending.get() || wait.get() != 0;
    let resend_label = move || match wait.get() {
        0 => t().resend.to_owned(),
        secs => fill(t().resend_wait, &[&text::decimal(secs.into())]),
    };

    let shown_sent_to = move || {
        let m = t();
        let to = sent_to(auth);
        fill(m.code_sent_to, &[to.as_deref().unwrap_or(m.your_email)])
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.confirm_title)}</h1>
            <Notice message=auth.notice()/>
            <p class="hint">{shown_sent_to}</p>
            <form on:submit=on_submit novalidate>
                <Field label=who.label() id=who.field_id() kind=who.input_type() autocomplete="username" value=email/>
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
            <p class="switch">{tr(|m| m.already_confirmed)} <Link auth to=Page::SignIn label=|m| m.sign_in_link/></p>
        </section>
    }
}
