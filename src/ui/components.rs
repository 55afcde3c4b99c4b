//! Small building blocks the pages share.

use leptos::prelude::*;

use crate::cognito::Factor;
use crate::flow::attributes::SignUpAttribute;
use crate::flow::password::PasswordPolicy;
use crate::i18n::{Message, Text, t, tr};
use crate::ui::focus::focus_after_render;
use crate::ui::one_at_a_time::Busy;

/// A labelled input whose typing goes into a string signal. The input holds
/// its value: it starts from the signal's (such as the email carried over
/// from sign-up) and nothing else writes the signal, so no effect copies it
/// back into the input (0.2 KB brotli).
///
/// No `name`: should the app trap before its submit handler runs, the
/// browser falls back to a plain GET of the form, which would put every
/// named field, the password among them, in the address.
#[component]
pub fn Field(
    label: Text,
    id: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] described_by: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            {input(id.into(), kind, autocomplete, value, described_by, inputmode)}
        </div>
    }
}

/// The input of a [`Field`] (and of the fields whose label is not one
/// catalogue entry).
fn input(
    id: String,
    kind: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
    described_by: Option<&'static str>,
    inputmode: Option<&'static str>,
) -> impl IntoView {
    view! {
        <input
            id=id
            type=kind
            autocomplete=autocomplete
            inputmode=inputmode
            aria-describedby=described_by
            required
            prop:value=value.get_untracked()
            on:input=move |ev| value.set(event_target_value(&ev))
        />
    }
}

/// A user attribute sign-up asks for, with the input its kind needs.
#[component]
pub fn AttributeField(attribute: SignUpAttribute, value: RwSignal<String>) -> impl IntoView {
    let id = attribute.field_id();
    let (kind, autocomplete) = (attribute.input_type(), attribute.autocomplete());
    view! {
        <div class="field">
            <label for=id.clone()>{move || attribute.label(t())}</label>
            {input(id, kind, autocomplete, value, None, None)}
        </div>
    }
}

/// Where errors are announced. Always in the page so screen readers pick up
/// the change; empty when there is nothing to say. A new error takes focus,
/// so keyboard users land on it.
///
/// Alert and Notice take the page's own signal: converting it to a
/// `Signal<Option<...>>` linked that wrapper's code, 1.7 KB brotli. They
/// hold a [`Message`] and render it in the chosen language, so a switch
/// re-renders what they say.
#[component]
pub fn Alert(message: RwSignal<Option<Message>>) -> impl IntoView {
    Effect::new(move |_| {
        if message.with(Option::is_some) {
            focus_after_render("alert");
        }
    });
    view! {
        <p id="alert" role="alert" tabindex="-1" class="alert">
            {move || words(message)}
        </p>
    }
}

/// What `message` says in the chosen language (tracked: both the message
/// and the language).
fn words(message: RwSignal<Option<Message>>) -> String {
    let m = t();
    message.with(|message| {
        message
            .as_ref()
            .map(|message| message.render(m))
            .unwrap_or_default()
    })
}

/// A neutral message (e.g. "Your account is confirmed"). Like the alert,
/// always in the page, so a message that arrives later (a resent code) is
/// announced; the stylesheet hides it while empty.
#[component]
pub fn Notice(message: RwSignal<Option<Message>>) -> impl IntoView {
    view! {
        <p role="status" class="notice">{move || words(message)}</p>
    }
}

/// The form's submit button, disabled while its request runs so a double
/// click sends one request.
#[component]
pub fn Submit(label: Text, busy: Busy) -> impl IntoView {
    view! {
        <button type="submit" class="primary" disabled=move || busy.get() aria-busy=move || if busy.get() { "true" } else { "false" }>
            {tr(label)}
        </button>
    }
}

/// Choosing a password: the field, the pool's rules as a live checklist,
/// and the confirmation that must match. Sign-up, password reset and the
/// new-password challenge all use it.
#[component]
pub fn NewPasswordFields(
    label: Text,
    confirm_label: Text,
    policy: PasswordPolicy,
    password: RwSignal<String>,
    confirm: RwSignal<String>,
) -> impl IntoView {
    view! {
        <Field label=label id="password" kind="password" autocomplete="new-password" value=password described_by="password-rules"/>
        <PasswordChecklist policy=policy password=password/>
        <Field label=confirm_label id="confirm-password" kind="password" autocomplete="new-password" value=confirm/>
    }
}

/// The pool's password rules with which are met, updated as the person types.
#[component]
pub fn PasswordChecklist(policy: PasswordPolicy, password: RwSignal<String>) -> impl IntoView {
    view! {
        <ul id="password-rules" class="checklist" aria-label=tr(|m| m.password_rules)>
            // The list is the policy's, fixed; only each rule's state and
            // words follow the typing and the language.
            {policy
                .rules()
                .into_iter()
                .map(|rule| {
                    let met = move || password.with(|p| rule.is_met_by(p));
                    view! {
                        <li class=move || if met() { "met" } else { "unmet" }>
                            {move || rule.label(t())}
                            <span class="visually-hidden">{move || if met() { t().rule_met } else { t().rule_unmet }}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// A second factor's name, as the sign-in's choice and the account's
/// settings show it.
pub fn factor_label(factor: Factor) -> Text {
    match factor {
        Factor::App => |m| m.factor_app,
        Factor::Sms | Factor::SmsSignIn => |m| m.factor_sms,
        Factor::Email => |m| m.factor_email,
    }
}
