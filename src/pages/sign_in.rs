use leptos::prelude::*;

use crate::auth::Auth;
use crate::cognito::{CognitoError, SignInOutcome};
use crate::components::{Alert, Field, Notice, Submit};
use crate::forms;
use crate::one_at_a_time::OneAtATime;
use crate::router::{Link, Page, Router};

#[component]
pub fn SignInPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let router = expect_context::<Router>();
    let email = RwSignal::new(auth.pending_email.get_untracked());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let sign_in = OneAtATime::new(move |(email, password): &(String, String)| {
        let (email, password) = (email.clone(), password.clone());
        async move {
            let failure = match auth.cognito().sign_in(&email, &password).await {
                Ok(SignInOutcome::Tokens(tokens)) => match auth.start_session(tokens) {
                    Ok(()) => return,
                    Err(message) => message,
                },
                Ok(SignInOutcome::NewPasswordRequired { session }) => {
                    auth.pending_email.set(email);
                    auth.challenge_session.set(Some(session));
                    router.navigate(Page::NewPassword);
                    return;
                }
                Ok(SignInOutcome::Challenge(name)) => format!(
                    "Your account needs a sign-in step this app does not support yet ({name}). \
                     Contact the site's administrator."
                ),
                Err(CognitoError::UserNotConfirmed) => {
                    auth.pending_email.set(email);
                    auth.code_destination.set(None);
                    auth.notice
                        .set(Some(CognitoError::UserNotConfirmed.to_string()));
                    router.navigate(Page::Confirm);
                    return;
                }
                Err(e) => e.to_string(),
            };
            error.set(Some(failure));
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sign_in.pending().get_untracked() {
            return;
        }
        match forms::sign_in(&email.get_untracked(), &password.get_untracked()) {
            Ok(valid_email) => {
                error.set(None);
                sign_in.dispatch((valid_email, password.get_untracked()));
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">"Sign in"</h1>
            <Notice message=auth.notice.into()/>
            <form on:submit=on_submit novalidate>
                <Field label="Email" id="email" kind="email" autocomplete="username" value=email/>
                <Field label="Password" id="password" kind="password" autocomplete="current-password" value=password/>
                <Alert message=error.into()/>
                <Submit label="Sign in" busy=sign_in.pending()/>
            </form>
            <p class="switch"><Link to=Page::ForgotPassword>"Forgot your password?"</Link></p>
            <p class="switch">"No account yet? " <Link to=Page::SignUp>"Create an account"</Link></p>
        </section>
    }
}
