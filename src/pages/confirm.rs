use leptos::prelude::*;

use crate::auth::Auth;
use crate::components::{Alert, Field, Notice, Submit};
use crate::forms;
use crate::one_at_a_time::OneAtATime;
use crate::router::{Link, Page, Router};

#[component]
pub fn ConfirmPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let router = expect_context::<Router>();
    let email = RwSignal::new(auth.pending_email.get_untracked());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let confirm = OneAtATime::new(move |(email, code): &(String, String)| {
        let (email, code) = (email.clone(), code.clone());
        async move {
            match auth.cognito().confirm_sign_up(&email, &code).await {
                Ok(()) => {
                    auth.pending_email.set(email);
                    auth.notice
                        .set(Some("Your account is confirmed. Sign in.".to_owned()));
                    router.navigate(Page::SignIn);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if confirm.pending().get_untracked() {
            return;
        }
        let checked = forms::email(&email.get_untracked())
            .and_then(|email| Ok((email, forms::code(&code.get_untracked())?)));
        match checked {
            Ok(input) => {
                error.set(None);
                confirm.dispatch(input);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };

    let sent_to = move || {
        let to = auth
            .code_destination
            .get()
            .unwrap_or_else(|| "your email address".to_owned());
        format!("We sent a confirmation code to {to}. Enter it below.")
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">"Confirm your account"</h1>
            <Notice message=auth.notice.into()/>
            <p class="hint">{sent_to}</p>
            <form on:submit=on_submit novalidate>
                <Field label="Email" id="email" kind="email" autocomplete="username" value=email/>
                <Field label="Confirmation code" id="code" kind="text" autocomplete="one-time-code" inputmode="numeric" value=code/>
                <Alert message=error.into()/>
                <Submit label="Confirm" busy=confirm.pending()/>
            </form>
            <p class="switch">"Already confirmed? " <Link to=Page::SignIn>"Sign in"</Link></p>
        </section>
    }
}
