use leptos::prelude::*;

use crate::flow::{forms, next, page::Page};
use crate::i18n::{Message, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Field, Submit};
use crate::ui::one_at_a_time::{OneAtATime, request};
use crate::ui::router::Link;

/// SOFTWARE_TOKEN_MFA: after the password, the six-digit code from the
/// person's authenticator app. The journey shows this page only with the
/// challenge in memory.
#[component]
pub fn TwoStepPage(auth: Auth) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);

    let verify = OneAtATime::default();
    let answer = move |code: String| async move {
        let step = auth.step_now();
        let Some(challenge) = step.challenge() else {
            return;
        };
        let answer = auth.cognito().answer_mfa(challenge, &code).await;
        auth.go(next::after_challenge(&step, answer), error);
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let checked = match forms::code(&code.get_untracked()) {
            Ok(code) => Ok(request(answer(code))),
            Err(_) => Err(Message::Text(|m| m.two_step_code_invalid)),
        };
        verify.submit(&ev, error, checked)
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.two_step_title)}</h1>
            <p class="hint">{tr(|m| m.two_step_intro)}</p>
            <form on:submit=on_submit novalidate>
                <Field label=|m| m.two_step_code id="code" kind="text" autocomplete="one-time-code" inputmode="numeric" value=code/>
                <Alert message=error/>
                <Submit label=|m| m.two_step_button busy=verify.pending()/>
            </form>
            <p class="switch"><Link auth to=Page::SignIn label=|m| m.back_to_sign_in/></p>
        </section>
    }
}
