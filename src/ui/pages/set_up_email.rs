use leptos::prelude::*;

use crate::flow::{forms, next};
use crate::i18n::{Message, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Field, Submit};
use crate::ui::one_at_a_time::{OneAtATime, request};

/// MFA_SETUP with codes by email: the person gives the address codes go
/// to (their account's email), and Cognito sends the first one, asked
/// for next as an EMAIL_OTP challenge. Shown inside the set-up page,
/// which the journey opens only with the challenge in memory.
#[component]
pub fn SetUpEmailForm(auth: Auth) -> impl IntoView {
    // What they signed in with, when it is an email.
    let signed_in_with = auth.step_now().email().to_owned();
    let email = RwSignal::new(
        forms::email(&signed_in_with)
            .map(|_| signed_in_with)
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<Message>);

    let send = OneAtATime::default();
    let set_up = move |email: String| async move {
        let step = auth.step_now();
        let Some(challenge) = step.challenge() else {
            return;
        };
        let answer = auth.cognito().set_up_email(challenge, &email).await;
        auth.go(next::after_challenge(&step, answer), error);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let checked = match forms::email(&email.get_untracked()) {
            Ok(email) => Ok(request(set_up(email))),
            Err(e) => Err(e.into()),
        };
        send.submit(&ev, error, checked)
    };

    view! {
        <p class="hint">{tr(|m| m.set_up_email_intro)}</p>
        <form on:submit=on_submit novalidate>
            <Field label=|m| m.email id="email" kind="email" autocomplete="email" value=email/>
            <Alert message=error/>
            <Submit label=|m| m.send_code busy=send.pending()/>
        </form>
    }
}
