use leptos::prelude::*;

use crate::cognito::Factor;
use crate::flow::{forms, next, page::Page, step::Step};
use crate::i18n::{Message, Messages, fill, t, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Field, Submit, factor_label};
use crate::ui::one_at_a_time::{OneAtATime, request};
use crate::ui::router::Link;
use crate::ui::swap::IntoSwap;

/// The second factor after the password: a code from the authenticator
/// app, or one sent by text or email (SOFTWARE_TOKEN_MFA, SMS_MFA,
/// EMAIL_OTP); or, when several are set up, which to use
/// (SELECT_MFA_TYPE). The journey shows this page only with the challenge
/// in memory.
#[component]
pub fn TwoStepPage(auth: Auth) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);

    let verify = OneAtATime::default();
    let answer = move |code: String| async move {
        let step = auth.step_now();
        let (Some(challenge), Step::Mfa { factor, .. }) = (step.challenge(), &step) else {
            return;
        };
        let answer = auth.cognito().answer_code(*factor, challenge, &code).await;
        auth.go(next::after_challenge(&step, answer), error);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let app = matches!(
            auth.step_now(),
            Step::Mfa {
                factor: Factor::App,
                ..
            }
        );
        let checked = match forms::code(&code.get_untracked()) {
            Ok(code) => Ok(request(answer(code))),
            Err(_) if app => Err(Message::Text(|m| m.two_step_code_invalid)),
            Err(e) => Err(e.into()),
        };
        verify.submit(&ev, error, checked)
    };

    let choose = OneAtATime::default();
    let pick = move |factor: Factor| async move {
        let step = auth.step_now();
        let Some(challenge) = step.challenge() else {
            return;
        };
        let answer = auth.cognito().select_factor(challenge, factor).await;
        auth.go(next::after_challenge(&step, answer), error);
    };
    let choosing = choose.pending();

    let shown = move || match auth.step() {
        Step::ChooseFactor { factors, .. } => view! {
            <p class="hint">{tr(|m| m.choose_factor_intro)}</p>
            <div class="actions">
                {factors
                    .into_iter()
                    .map(|factor| view! {
                        <button type="button" on:click=move |_| {
                            error.set(None);
                            choose.run(pick(factor));
                        } disabled=move || choosing.get()>
                            {tr(factor_label(factor))}
                        </button>
                    })
                    .collect_view()}
            </div>
            <Alert message=error/>
        }
        .into_swap(),
        step => {
            let intro = move || intro(&step, t());
            view! {
                <p class="hint">{intro}</p>
                <form on:submit=on_submit novalidate>
                    <Field label=|m| m.two_step_code id="code" kind="text" autocomplete="one-time-code" inputmode="numeric" value=code/>
                    <Alert message=error/>
                    <Submit label=|m| m.two_step_button busy=verify.pending()/>
                </form>
            }
            .into_swap()
        }
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.two_step_title)}</h1>
            {shown}
            <p class="switch"><Link auth to=Page::SignIn label=|m| m.back_to_sign_in/></p>
        </section>
    }
}

/// What a code step says: where the code comes from.
fn intro(step: &Step, m: &Messages) -> String {
    match step {
        Step::Mfa {
            factor: Factor::Sms,
            sent_to,
            ..
        } => fill(
            m.two_step_sms_intro,
            &[sent_to.as_deref().unwrap_or(m.your_phone)],
        ),
        Step::Mfa {
            factor: Factor::Email,
            sent_to,
            ..
        } => fill(
            m.two_step_email_intro,
            &[sent_to.as_deref().unwrap_or(m.your_email)],
        ),
        _ => m.two_step_intro.to_owned(),
    }
}
