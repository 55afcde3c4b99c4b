use leptos::prelude::*;

use crate::auth::Auth;
use crate::cognito::{CognitoError, SignInOutcome};
use crate::components::{Alert, Field, Submit};
use crate::forms;
use crate::i18n::{t_now, tr};
use crate::one_at_a_time::{OneAtATime, request};
use crate::router::{Link, Page, Router};
use crate::swap::IntoSwap;

/// SOFTWARE_TOKEN_MFA: after the password, the six-digit code from the
/// person's authenticator app. Laid out like the new-password page; a
/// shared wrapper with boxed children cost 0.6 KB brotli, so each page
/// spells the card out.
#[component]
pub fn TwoStepPage(auth: Auth, router: Router) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let verify = OneAtATime::default();
    let answer = move |code: String| {
        async move {
            let Some(session) = auth.challenge() else {
                return;
            };
            let m = t_now();
            let failure = match auth.cognito().answer_mfa(&session, &code).await {
                Ok(SignInOutcome::Tokens(tokens)) => match auth.start_session(tokens) {
                    Ok(()) => return,
                    Err(message) => message,
                },
                Ok(_) => m.unsupported_step.to_owned(),
                Err(CognitoError::CodeMismatch) => m.two_step_mismatch.to_owned(),
                // The challenge lives a few minutes: start again from the
                // password rather than retry a dead session.
                Err(CognitoError::NotAuthorized(_) | CognitoError::ExpiredCode) => {
                    auth.end_challenge();
                    auth.notice.set(Some(m.two_step_expired.to_owned()));
                    router.navigate(Page::SignIn);
                    return;
                }
                Err(e) => e.message(m),
            };
            error.set(Some(failure));
        }
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let checked = match forms::code(&code.get_untracked()) {
            Ok(code) => Ok(request(answer(code))),
            Err(_) => Err(t_now().two_step_code_invalid.to_owned()),
        };
        verify.submit(&ev, error, checked)
    };

    let has_challenge = move || auth.has_challenge();
    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.two_step_title)}</h1>
            {move || {
                if !has_challenge() {
                    return view! {
                        <p role="status" class="notice">{tr(|m| m.two_step_no_challenge)}</p>
                    }
                    .into_swap();
                }
                view! {
                    <p class="hint">{tr(|m| m.two_step_intro)}</p>
                    <form on:submit=on_submit novalidate>
                        <Field label=|m| m.two_step_code id="code" kind="text" autocomplete="one-time-code" inputmode="numeric" value=code/>
                        <Alert message=error/>
                        <Submit label=|m| m.two_step_button busy=verify.pending()/>
                    </form>
                }
                .into_swap()
            }}
            <p class="switch"><Link router to=Page::SignIn label=|m| m.back_to_sign_in/></p>
        </section>
    }
}
