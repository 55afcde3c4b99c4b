use leptos::prelude::*;

use crate::cognito::FirstFactor;
use crate::flow::{forms, next, page::Page};
use crate::i18n::{Message, Text, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Field, Notice, Submit};
use crate::ui::one_at_a_time::{OneAtATime, Request, request};
use crate::ui::router::Link;
use crate::ui::ways;

/// Sign-in. With the classic app client (`USER_PASSWORD_AUTH`), the
/// identifier and the password. With choice-based sign-in (`USER_AUTH`),
/// the identifier alone: Cognito then offers this person's ways in, and a
/// passkey can be asked for at once. One page for both: a second page cost
/// 1.5 KB brotli.
#[component]
pub fn SignInPage(auth: Auth) -> impl IntoView {
    let config = auth.config();
    let with = config.sign_in_with;
    let choice = config.user_auth();
    let email = RwSignal::new(auth.step_now().email().to_owned());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);

    let sign_in = OneAtATime::default();
    let with_password = move |email: String, password: String| async move {
        let answer = auth.cognito().sign_in(&email, &password).await;
        auth.go(next::after_sign_in(email, answer), error);
    };
    let start = move |email: String, preferred: Option<FirstFactor>| async move {
        let answer = auth.cognito().start_sign_in(&email, preferred, None).await;
        ways::after_identifier(auth, email, preferred, answer, error).await;
    };
    // What the form asks for, checked, as the request to send.
    let checked = move |preferred: Option<FirstFactor>| -> Result<Request, Message> {
        let email = with.check(&email.get_untracked())?;
        if choice {
            return Ok(request(start(
                email,
                preferred.or(config.preferred_challenge),
            )));
        }
        let password = password.get_untracked();
        forms::password(&password)?;
        Ok(request(with_password(email, password)))
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| sign_in.submit(&ev, error, checked(None));
    let busy = sign_in.pending();
    let with_passkey = move |_| {
        if busy.get_untracked() {
            return;
        }
        match checked(Some(FirstFactor::Passkey)) {
            Ok(request) => {
                error.set(None);
                sign_in.run(request);
            }
            Err(why) => error.set(Some(why)),
        }
    };
    let submit_label: Text = if choice {
        |m| m.continue_button
    } else {
        |m| m.sign_in_button
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.sign_in_title)}</h1>
            <Notice message=auth.notice()/>
            <form on:submit=on_submit novalidate>
                <Field label=with.label() id=with.field_id() kind=with.input_type() autocomplete="username webauthn" value=email/>
                {(!choice).then(|| view! {
                    <Field label=|m| m.password id="password" kind="password" autocomplete="current-password" value=password/>
                })}
                <Alert message=error/>
                <Submit label=submit_label busy/>
            </form>
            {config.allows(FirstFactor::Passkey).then(|| view! {
                <div class="actions">
                    <button type="button" id="passkey-sign-in" on:click=with_passkey disabled=move || busy.get()>
                        {tr(|m| m.passkey_sign_in)}
                    </button>
                </div>
            })}
            {(!choice).then(|| view! {
                <p class="switch"><Link auth to=Page::ForgotPassword label=|m| m.forgot_password_link/></p>
            })}
            <p class="switch">{tr(|m| m.no_account)} <Link auth to=Page::SignUp label=|m| m.create_account_link/></p>
        </section>
    }
}
