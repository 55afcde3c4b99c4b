use leptos::prelude::*;

use crate::flow::{forms, next, page::Page};
use crate::i18n::{Message, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Field, NewPasswordFields, Submit};
use crate::ui::one_at_a_time::{OneAtATime, request};
use crate::ui::router::Link;

#[component]
pub fn SignUpPage(auth: Auth) -> impl IntoView {
    let policy = auth.config().password_policy;
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);

    let sign_up = OneAtATime::default();
    let register = move |email: String, password: String| async move {
        let answer = auth.cognito().sign_up(&email, &password).await;
        auth.go(next::after_sign_up(email, answer), error);
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let password = password.get_untracked();
        let checked = match forms::sign_up(
            &email.get_untracked(),
            &password,
            &confirm.get_untracked(),
            &policy,
        ) {
            Ok(email) => Ok(request(register(email, password))),
            Err(e) => Err(e.into()),
        };
        sign_up.submit(&ev, error, checked)
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.sign_up_title)}</h1>
            <form on:submit=on_submit novalidate>
                <Field label=|m| m.email id="email" kind="email" autocomplete="email" value=email/>
                <NewPasswordFields label=|m| m.password confirm_label=|m| m.confirm_password policy password confirm/>
                <Alert message=error/>
                <Submit label=|m| m.sign_up_button busy=sign_up.pending()/>
            </form>
            <p class="switch">{tr(|m| m.have_account)} <Link auth to=Page::SignIn label=|m| m.sign_in_link/></p>
        </section>
    }
}
