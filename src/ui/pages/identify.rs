use leptos::prelude::*;

use crate::cognito::FirstFactor;
use crate::flow::page::Page;
use crate::i18n::{Message, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Field, Notice, Submit};
use crate::ui::one_at_a_time::{OneAtATime, request};
use crate::ui::router::Link;
use crate::ui::ways;

/// Choice-based sign-in's first step (`USER_AUTH`): who is signing in.
/// Cognito then offers the ways this person can use; a passkey can be
/// asked for at once.
#[component]
pub fn IdentifyPage(auth: Auth) -> impl IntoView {
    let config = auth.config();
    let with = config.sign_in_with;
    let email = RwSignal::new(auth.step_now().email().to_owned());
    let error = RwSignal::new(None::<Message>);

    let start = OneAtATime::default();
    let attempt = move |email: String, preferred: Option<FirstFactor>| async move {
        let answer = auth.cognito().start_sign_in(&email, preferred, None).await;
        ways::after_identifier(auth, email, preferred, answer, error).await;
    };
    let checked = move |preferred| match with.check(&email.get_untracked()) {
        Ok(email) => Ok(request(attempt(email, preferred))),
        Err(e) => Err(Message::from(e)),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        start.submit(&ev, error, checked(config.preferred_challenge));
    };
    let busy = start.pending();
    let with_passkey = move |_| {
        if busy.get_untracked() {
            return;
        }
        match checked(Some(FirstFactor::Passkey)) {
            Ok(request) => {
                error.set(None);
                start.run(request);
            }
            Err(why) => error.set(Some(why)),
        }
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.sign_in_title)}</h1>
            <Notice message=auth.notice()/>
            <form on:submit=on_submit novalidate>
                <Field label=with.label() id=with.field_id() kind=with.input_type() autocomplete="username webauthn" value=email/>
                <Alert message=error/>
                <Submit label=|m| m.continue_button busy/>
            </form>
            {config.allows(FirstFactor::Passkey).then(|| view! {
                <div class="actions">
                    <button type="button" id="passkey-sign-in" on:click=with_passkey disabled=move || busy.get()>
                        {tr(|m| m.passkey_sign_in)}
                    </button>
                </div>
            })}
            <p class="switch">{tr(|m| m.no_account)} <Link auth to=Page::SignUp label=|m| m.create_account_link/></p>
        </section>
    }
}
