//! Every word the app shows, in one catalogue per language: a translation is
//! one file (`en.rs`, `fr.rs`) filling in every field of [`Messages`], in
//! order, with `translation!`. The person's choice is remembered in
//! localStorage (a preference, not a secret).
//!
//! Text in views goes through [`tr`], which returns one closure type for
//! every message, so switching language re-renders text without a
//! monomorphised copy of the rendering code per string.

use leptos::prelude::*;

use crate::web::text;

#[macro_use]
mod packed;

mod en;
mod fr;
mod message;

pub use message::Message;

/// The translations offered, the default first.
const TRANSLATIONS: [&str; 2] = [en::EN, fr::FR];

thread_local! {
    // Split once per page load and kept (leaked on purpose) for its life.
    static LANGUAGES: &'static [Messages; 2] =
        Box::leak(Box::new(TRANSLATIONS.map(Messages::from_text)));
}

/// The languages offered, the default first.
pub fn languages() -> &'static [Messages; 2] {
    LANGUAGES.with(|languages| *languages)
}

const STORAGE_KEY: &str = "cognito-signin.language";

/// Picks one message from the catalogue.
pub type Text = fn(&Messages) -> &'static str;

/// Declares the catalogue's fields once: the struct, their names (to check
/// translations against), and a list of every entry so tests can check
/// each translation is complete.
macro_rules! catalogue {
    ($($(#[$doc:meta])* $field:ident,)*) => {
        /// The catalogue. `{}` in a message stands for a value filled in by
        /// [`fill`], in order. `repr(C)`: laid out exactly as an array of its
        /// fields (see `from_text`).
        #[repr(C)]
        pub struct Messages {
            $($(#[$doc])* pub $field: &'static str,)*
        }

        /// The catalogue's fields, in order.
        const FIELDS: &[&str] = &[$(stringify!($field)),*];

        impl Messages {
            fn from_text(text: &'static str) -> Self {
                let messages = packed::split_messages::<{ FIELDS.len() }>(text);
                // SAFETY: a `repr(C)` struct whose fields all have one type
                // is laid out as an array of them, in declaration order (no
                // padding between equal types); `transmute` checks the
                // sizes agree. Moving field by field cost 2 KB of code.
                unsafe { std::mem::transmute::<[&'static str; FIELDS.len()], Self>(messages) }
            }

            /// Every entry by name, in declaration order.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }
    };
}

catalogue! {
    /// BCP 47 tag, for `<html lang>`.
    code,
    /// The language's name in itself, for the picker.
    name,
    language,
    app_name,
    loading,
    /// A page loaded apart (`ui::later_pages`) did not load.
    page_unavailable_title,
    page_unavailable,

    email,
    password,
    confirm_password,
    new_password,
    confirm_new_password,
    confirmation_code,
    back_to_sign_in,
    sign_in_link,
    /// What people sign in with (`flow::identity`): labels, then how a
    /// sentence names each, and the word that joins them ("Username or
    /// email").
    username,
    phone_number,
    noun_email,
    noun_phone,
    noun_username,
    or_word,
    /// The sign-in field's label where several identifiers sign in.
    username_or_email,
    username_or_phone,
    email_or_phone,
    username_email_or_phone,
    /// Sign-up attributes' labels (`flow::attributes`).
    attr_name,
    attr_given_name,
    attr_family_name,
    attr_middle_name,
    attr_nickname,
    attr_preferred_username,
    attr_birthdate,
    attr_gender,
    attr_address,
    attr_locale,
    attr_zoneinfo,
    attr_website,
    attr_profile,
    attr_picture,

    sign_in_title,
    sign_in_button,
    forgot_password_link,
    no_account,
    create_account_link,
    /// `{}`: the challenge's name.
    unsupported_challenge,

    sign_up_title,
    sign_up_button,
    have_account,
    account_ready,

    confirm_title,
    /// `{}`: where the code went, or [`Messages::your_email`].
    code_sent_to,
    your_email,
    confirm_button,
    account_confirmed,
    already_confirmed,
    no_code,
    resend,
    /// `{}`: seconds left.
    resend_wait,
    /// `{}`: where the new code went.
    code_resent,

    reset_title,
    /// `{}`: what the pool signs in with ("email").
    reset_intro,
    send_code,
    /// `{}`: where the code went.
    reset_code_sent,
    reset_button,
    password_changed,

    new_password_title,
    new_password_no_challenge,
    new_password_intro,
    set_password,

    two_step_title,
    two_step_intro,
    two_step_code,
    two_step_button,
    /// `{}`: what the pool signs in with ("email").
    two_step_no_challenge,
    two_step_mismatch,
    two_step_expired,
    two_step_code_invalid,
    /// `{}`: the masked number, or [`Messages::your_phone`].
    two_step_sms_intro,
    /// `{}`: the masked address, or [`Messages::your_email`].
    two_step_email_intro,
    your_phone,
    choose_factor_intro,
    factor_app,
    factor_sms,
    factor_email,

    set_up_app_title,
    set_up_app_intro,
    set_up_app_getting_key,
    qr_label,
    set_up_app_key,
    copy_key,
    key_copied,
    set_up_app_button,
    set_up_app_mismatch,
    set_up_unsupported,
    use_email_instead,
    set_up_email_intro,
    try_again,

    not_found_title,
    not_found_text,
    go_to_start,

    config_title,
    config_help,

    account_title,
    session_ends,
    protected_api,
    calling_api,
    call_again,
    sign_out,
    sign_out_everywhere,
    account_settings,
    change_password_link,
    delete_account_link,
    change_email_link,
    two_step_settings_link,
    app_is_on,
    app_is_off,
    set_up_app_link,
    set_up_app_intro_signed_in,
    turn_on_app,
    turn_off_app,
    app_turned_on,
    app_turned_off,
    asked_first,
    asked_first_mark,
    ask_first,
    preference_saved,

    change_email_title,
    change_email_intro,
    new_email,
    /// `{}`: where the code went (masked), or the new email.
    email_code_sent,
    verify_email_button,
    email_changed,
    email_verified,
    not_verified,
    verify_email_link,
    phone_verified,
    verify_phone_link,
    phone_code_sent,

    change_password_title,
    current_password,
    change_password_button,
    password_changed_here,
    current_password_wrong,
    back_to_account,

    delete_account_title,
    delete_account_warning,
    delete_account_confirm,
    delete_account_button,
    delete_account_unconfirmed,
    account_deleted,

    session_expired,
    signed_out,
    signed_out_everywhere,
    /// `{}`: why the other devices could not be signed out.
    signed_out_here_only,
    /// `{}`: why the session could not be renewed.
    still_signed_in,

    password_rules,
    rule_met,
    rule_unmet,
    /// `{}`: the minimum length.
    rule_length,
    rule_lowercase,
    rule_uppercase,
    rule_number,
    rule_symbol,

    email_missing,
    email_invalid,
    password_missing,
    password_weak,
    password_mismatch,
    code_missing,
    code_invalid,
    phone_missing,
    phone_invalid,
    username_missing,
    username_invalid,
    /// `{}`: what the pool signs in with.
    identifier_missing,
    attribute_missing,
    date_invalid,
    url_invalid,

    /// `{}`: what sign-up registers as the username ("email").
    username_exists,
    invalid_password,
    /// `{}`: Cognito's words for the broken rule.
    invalid_password_detail,
    password_history,
    /// `{}`: Cognito's message.
    invalid_parameter,
    code_mismatch,
    expired_code,
    /// `{}`: what the pool signs in with ("email").
    incorrect_credentials,
    already_confirmed_sign_in,
    /// `{}`: Cognito's message.
    not_allowed,
    /// `{}`: what the pool signs in with ("email").
    user_not_found,
    user_not_confirmed,
    password_reset_required,
    too_many_requests,
    too_many_failed_attempts,
    limit_exceeded,
    code_delivery_failure,
    alias_exists,
    messaging_not_set_up,
    /// `{}` `{}`: the step (one of the four below) and the trigger's
    /// message.
    trigger_refused,
    step_sign_up,
    step_confirmation,
    step_sign_in,
    step_password_reset,
    step_account,
    resource_not_found,
    invalid_configuration,
    operation_not_enabled,
    unsupported_operation,
    feature_unavailable,
    mfa_method_not_found,
    software_token_mfa_not_found,
    concurrent_modification,
    refresh_token_reused,
    internal_error,
    forbidden,
    /// `{}` `{}`: Cognito's error code and message.
    unknown_error,
    cognito_timeout,
    cognito_network,
    /// `{}`: the HTTP status.
    cognito_http,
    cognito_malformed,

    api_unauthorized,
    api_throttled,
    api_timeout,
    api_network,
    /// `{}`: the HTTP status.
    api_http,
    api_malformed,

    /// Choice-based sign-in (`USER_AUTH`) and passkeys.
    passkeys_unavailable,
    passkey_refused,
    passkey_unsupported,
    passkey_cancelled,
    passkey_already_registered,
    passkey_browser_refused,
    passkey_not_accepted,
    no_passkey_yet,
    no_way_in,
    passkey_offer,
    continue_button,
    passkey_sign_in,
    choose_way_title,
    signing_in_as,
    another_account,
    way_email,
    way_sms,
    way_passkey,
    passkeys_title,
    passkeys_intro,
    no_passkeys,
    add_passkey,
    delete_passkey,
    passkey_added,
    passkey_deleted,
    passkey_added_on,
    passkeys_link,
    password_optional,
}

thread_local! {
    // Not owned by any component: it outlives every page (leaked on purpose,
    // once per page load; a shared handle cloned on every read cost more).
    static CHOSEN: &'static ArcRwSignal<usize> = Box::leak(Box::new(ArcRwSignal::new(initial())));
}

fn chosen() -> &'static ArcRwSignal<usize> {
    CHOSEN.with(|chosen| *chosen)
}

/// The current catalogue, tracked: a view reading it re-renders on a switch.
pub fn t() -> &'static Messages {
    &languages()[chosen().get()]
}

/// Text for a view, following the chosen language.
pub fn tr(pick: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || pick(t())
}

/// Switches language, remembers it, and tells the document.
pub fn choose(index: usize) {
    if index >= languages().len() {
        return;
    }
    chosen().set(index);
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_KEY, languages()[index].code);
    }
    mark_document(index);
}

/// Which language is chosen, as an index into [`languages`].
pub fn chosen_index() -> usize {
    chosen().get()
}

/// Replaces each `{}` in `template` with the next value.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    let mut rest = template;
    while let Some(at) = text::find(rest, "{}") {
        out.push_str(&rest[..at]);
        out.push_str(values.next().copied().unwrap_or_default());
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// The remembered choice, else the browser's preferred languages, else the
/// default.
fn initial() -> usize {
    let stored = local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let preferred = web_sys::window().map(|w| w.navigator().languages().to_vec());
    let wanted = stored.into_iter().chain(
        preferred
            .unwrap_or_default()
            .into_iter()
            .filter_map(|v| v.as_string()),
    );
    let index = pick_language(wanted);
    mark_document(index);
    index
}

/// The first wanted tag that names an offered language (`fr-CA` -> `fr`).
pub fn pick_language(wanted: impl IntoIterator<Item = String>) -> usize {
    wanted
        .into_iter()
        .find_map(|tag| language_index(&text::pieces(&tag, b'-')[0].to_ascii_lowercase()))
        .unwrap_or(0)
}

/// The offered language whose code is `code`, as an index into
/// [`languages`].
fn language_index(code: &str) -> Option<usize> {
    languages().iter().position(|m| m.code == code)
}

fn mark_document(index: usize) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", languages()[index].code);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The language picker: every offered language, named in itself, with its
/// code as the value.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    view! {
        <label class="language">
            <span class="visually-hidden">{tr(|m| m.language)}</span>
            <select id="language" on:change=move |ev| {
                if let Some(index) = language_index(&event_target_value(&ev)) {
                    choose(index);
                }
            }>
                {languages()
                    .iter()
                    .enumerate()
                    .map(|(index, m)| view! {
                        <option value=m.code lang=m.code selected=move || chosen_index() == index>
                            {m.name}
                        </option>
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
