use leptos::prelude::*;

use crate::auth::Auth;
use crate::components::{Alert, Field, NewPasswordFields, Submit};
use crate::forms;
use crate::i18n::{t_now, tr};
use crate::one_at_a_time::{OneAtATime, request};
use crate::router::{Link, Page, Router};

#[component]
pub fn SignUpPage(auth: Auth, router: Router) -> impl IntoView {
    let policy = auth.config().password_policy;
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let sign_up = OneAtATime::default();
    let register = move |email: String, password: String| async move {
        match auth.cognito().sign_up(&email, &password).await {
            Ok(answer) => {
                auth.pending_email.set(email);
                if answer.user_confirmed {
                    auth.notice.set(Some(t_now().account_ready.to_owned()));
                    router.navigate(Page::SignIn);
                } else {
                    auth.notice.set(None);
                    auth.code_destination
                        .set(answer.code_delivery_details.and_then(|d| d.destination));
                    router.navigate(Page::Confirm);
                }
            }
            Err(e) => error.set(Some(e.message(t_now()))),
        }
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
            Err(e) => Err(e.message(t_now())),
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
            <p class="switch">{tr(|m| m.have_account)} <Link router to=Page::SignIn label=|m| m.sign_in_link/></p>
        </section>
    }
}
