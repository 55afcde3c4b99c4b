use leptos::prelude::*;

use crate::auth::Auth;
use crate::cognito::{Challenge, CognitoError, SignInOutcome};
use crate::components::{Alert, Field, Notice, Submit};
use crate::forms;
use crate::i18n::{fill, t_now, tr};
use crate::one_at_a_time::{OneAtATime, request};
use crate::router::{Link, Page, Router};

#[component]
pub fn SignInPage(auth: Auth, router: Router) -> impl IntoView {
    let email = RwSignal::new(auth.pending_email.get_untracked());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let sign_in = OneAtATime::default();
    let attempt = move |email: String, password: String| async move {
        let failure = match auth.cognito().sign_in(&email, &password).await {
            Ok(SignInOutcome::Tokens(tokens)) => match auth.start_session(tokens) {
                Ok(()) => return,
                Err(message) => message,
            },
            Ok(SignInOutcome::Challenged { challenge, session }) => {
                auth.pending_email.set(email);
                auth.begin_challenge(session);
                router.navigate(match challenge {
                    Challenge::NewPasswordRequired => Page::NewPassword,
                    Challenge::SoftwareTokenMfa => Page::TwoStep,
                });
                return;
            }
            Ok(SignInOutcome::Challenge(name)) => fill(t_now().unsupported_challenge, &[&name]),
            Err(CognitoError::UserNotConfirmed) => {
                auth.pending_email.set(email);
                auth.code_destination.set(None);
                auth.notice
                    .set(Some(CognitoError::UserNotConfirmed.message(t_now())));
                router.navigate(Page::Confirm);
                return;
            }
            Err(e) => e.message(t_now()),
        };
        error.set(Some(failure));
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let password = password.get_untracked();
        let checked = match forms::sign_in(&email.get_untracked(), &password) {
            Ok(email) => Ok(request(attempt(email, password))),
            Err(e) => Err(e.message(t_now())),
        };
        sign_in.submit(&ev, error, checked)
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.sign_in_title)}</h1>
            <Notice message=auth.notice/>
            <form on:submit=on_submit novalidate>
                <Field label=|m| m.email id="email" kind="email" autocomplete="username" value=email/>
                <Field label=|m| m.password id="password" kind="password" autocomplete="current-password" value=password/>
                <Alert message=error/>
                <Submit label=|m| m.sign_in_button busy=sign_in.pending()/>
            </form>
            <p class="switch"><Link router to=Page::ForgotPassword label=|m| m.forgot_password_link/></p>
            <p class="switch">{tr(|m| m.no_account)} <Link router to=Page::SignUp label=|m| m.create_account_link/></p>
        </section>
    }
}
