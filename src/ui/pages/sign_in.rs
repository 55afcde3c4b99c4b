use leptos::prelude::*;

use crate::flow::{forms, next, page::Page};
use crate::i18n::{Message, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Field, Notice, Submit};
use crate::ui::one_at_a_time::{OneAtATime, request};
use crate::ui::router::Link;

#[component]
pub fn SignInPage(auth: Auth) -> impl IntoView {
    let with = auth.config().sign_in_with;
    let email = RwSignal::new(auth.step_now().email().to_owned());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);

    let sign_in = OneAtATime::default();
    let attempt = move |email: String, password: String| async move {
        let answer = auth.cognito().sign_in(&email, &password).await;
        auth.go(next::after_sign_in(email, answer), error);
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let password = password.get_untracked();
        let checked = match forms::sign_in(with, &email.get_untracked(), &password) {
            Ok(email) => Ok(request(attempt(email, password))),
            Err(e) => Err(e.into()),
        };
        sign_in.submit(&ev, error, checked)
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.sign_in_title)}</h1>
            <Notice message=auth.notice()/>
            <form on:submit=on_submit novalidate>
                <Field label=with.label() id=with.field_id() kind=with.input_type() autocomplete="username" value=email/>
                <Field label=|m| m.password id="password" kind="password" autocomplete="current-password" value=password/>
                <Alert message=error/>
                <Submit label=|m| m.sign_in_button busy=sign_in.pending()/>
            </form>
            <p class="switch"><Link auth to=Page::ForgotPassword label=|m| m.forgot_password_link/></p>
            <p class="switch">{tr(|m| m.no_account)} <Link auth to=Page::SignUp label=|m| m.create_account_link/></p>
        </section>
    }
}
