use leptos::prelude::*;

use crate::flow::forms::{self, SignUpForm};
use crate::flow::{next, page::Page};
use crate::i18n::{Message, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, AttributeField, Field, NewPasswordFields, Submit};
use crate::ui::one_at_a_time::{OneAtATime, request};
use crate::ui::router::Link;

/// Sign-up asks for what the pool needs: the username (an email, phone
/// number or username, as the config says), the attributes the config
/// lists (a username pool's aliases first), and the password.
#[component]
pub fn SignUpPage(auth: Auth) -> impl IntoView {
    let config = auth.config();
    let policy = config.password_policy;
    let with = config.sign_in_with;
    let who = with.sign_up_username();
    let username = RwSignal::new(String::new());
    let attributes: Vec<_> = config
        .sign_up_attributes
        .iter()
        .map(|attribute| (attribute, RwSignal::new(String::new())))
        .collect();
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);

    let sign_up = OneAtATime::default();
    let optional = config.password_optional();
    let register = move |account: forms::NewAccount, password: String| async move {
        let password = (!password.is_empty()).then_some(password.as_str());
        let answer = auth.cognito().sign_up(&account, password).await;
        auth.go(next::after_sign_up(account.username, answer), error);
    };

    let attribute_values = attributes.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let password = password.get_untracked();
        let attributes: Vec<_> = attribute_values
            .iter()
            .map(|(attribute, value)| (*attribute, value.get_untracked()))
            .collect();
        let form = SignUpForm {
            with,
            username: &username.get_untracked(),
            attributes: &attributes,
            password: &password,
            confirm: &confirm.get_untracked(),
            password_optional: optional,
        };
        let checked = match forms::sign_up(&form, &policy) {
            Ok(account) => Ok(request(register(account, password))),
            Err(e) => Err(e.into()),
        };
        sign_up.submit(&ev, error, checked)
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.sign_up_title)}</h1>
            <form on:submit=on_submit novalidate>
                <Field label=who.label() id=who.field_id() kind=who.input_type() autocomplete=who.sign_up_autocomplete() value=username/>
                {attributes
                    .into_iter()
                    .map(|(attribute, value)| view! { <AttributeField attribute=attribute.clone() value/> })
                    .collect_view()}
                {optional.then(|| view! { <p class="hint" id="password-optional">{tr(|m| m.password_optional)}</p> })}
                <NewPasswordFields label=|m| m.password confirm_label=|m| m.confirm_password policy password confirm/>
                <Alert message=error/>
                <Submit label=|m| m.sign_up_button busy=sign_up.pending()/>
            </form>
            <p class="switch">{tr(|m| m.have_account)} <Link auth to=Page::SignIn label=|m| m.sign_in_link/></p>
        </section>
    }
}
