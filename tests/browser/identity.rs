//! What people sign in with and what sign-up asks for, from the config:
//! the plain rules, then the pages on a username pool.

use cognito_signin::config::AppConfig;
use cognito_signin::flow::attributes::{Kind, SignUpAttribute};
use cognito_signin::flow::forms::FormError;
use cognito_signin::flow::identity::{self, Identifier, SignInWith};
use cognito_signin::i18n::{Message, languages};
use cognito_signin::ui::app::Pages;
use cognito_signin::web::storage;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

use crate::pages::{find, label_texts, mount_view_at, path, submit_button, text, type_into};
use crate::support::*;

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn with(list: &[&str]) -> SignInWith {
    SignInWith::from_names(&names(list)).unwrap()
}

#[wasm_bindgen_test]
fn sign_in_with_takes_known_identifiers_once() {
    assert_eq!(with(&["email"]), SignInWith::default());
    for bad in [&[][..], &["mail"], &["email", "email"]] {
        assert!(SignInWith::from_names(&names(bad)).is_err(), "{bad:?}");
    }
    let both = with(&["username", "email"]);
    assert_eq!(both.sign_up_username(), Identifier::Username);
    assert_eq!(both.alias_attributes().collect::<Vec<_>>(), ["email"]);
    // On a pool whose usernames are emails or phone numbers, the first
    // listed is the username and nothing else is asked.
    let contacts = with(&["phone_number", "email"]);
    assert_eq!(contacts.sign_up_username(), Identifier::Phone);
    assert_eq!(contacts.alias_attributes().count(), 0);
}

#[wasm_bindgen_test]
fn the_sign_in_field_follows_the_identifiers() {
    let [en, fr] = languages();
    let cases = [
        (&["email"][..], "Email", "email", "email"),
        (&["phone_number"], "Phone number", "tel", "phone"),
        (&["username"], "Username", "text", "username"),
        (
            &["username", "email"],
            "Username or email",
            "text",
            "username",
        ),
        (
            &["email", "phone_number"],
            "Email or phone number",
            "text",
            "username",
        ),
    ];
    for (list, label, kind, id) in cases {
        let w = with(list);
        assert_eq!((w.label())(en), label, "{list:?}");
        assert_eq!(w.input_type(), kind, "{list:?}");
        assert_eq!(w.field_id(), id, "{list:?}");
    }
    let both = with(&["username", "email"]).label();
    assert_eq!(both(fr), "Nom d'utilisateur ou e-mail");
    // Any order of the same identifiers has the same label.
    let all = with(&["phone_number", "username", "email"]).label();
    assert_eq!(all(en), "Username, email or phone number");
}

#[wasm_bindgen_test]
fn what_is_typed_is_checked_as_the_identifier_it_looks_like() {
    let both = with(&["username", "email"]);
    assert_eq!(both.check(" ana_l "), Ok("ana_l".into()));
    assert_eq!(both.check("ana@example.com"), Ok("ana@example.com".into()));
    assert_eq!(both.check("ana@"), Err(FormError::EmailInvalid));
    assert_eq!(both.check("  "), Err(FormError::IdentifierMissing));
    assert_eq!(both.check("ana l"), Err(FormError::UsernameInvalid));

    let contacts = with(&["email", "phone_number"]);
    assert_eq!(
        contacts.check("+33 6 12 34 56 78"),
        Ok("+33612345678".into())
    );
    assert_eq!(contacts.check("0612345678"), Err(FormError::PhoneInvalid));
    assert_eq!(
        contacts.check("ana@example.com"),
        Ok("ana@example.com".into())
    );

    assert_eq!(
        with(&["phone_number"]).check(""),
        Err(FormError::PhoneMissing)
    );
    assert_eq!(
        with(&["username"]).check(""),
        Err(FormError::UsernameMissing)
    );
}

#[wasm_bindgen_test]
fn messages_name_what_the_pool_signs_in_with() {
    let [en, fr] = languages();
    let wrong = Message::from(cognito_signin::cognito::CognitoError::NotAuthorized(
        "Incorrect username or password.".into(),
    ));
    identity::set_current(with(&["username", "email"]));
    let words = (wrong.render(en), wrong.render(fr));
    let missing = Message::from(FormError::IdentifierMissing).render(en);
    // Sign-up registers the username: only it can be taken.
    let taken = Message::from(cognito_signin::cognito::CognitoError::UsernameExists).render(en);
    identity::set_current(SignInWith::default());
    assert_eq!(words.0, "Incorrect username or email or password.");
    assert_eq!(
        words.1,
        "Mot de passe ou nom d'utilisateur ou e-mail incorrect."
    );
    assert_eq!(missing, "Enter your username or email.");
    assert_eq!(
        taken,
        "An account with this username already exists. Sign in instead."
    );
    assert_eq!(wrong.render(en), "Incorrect email or password.");
}

#[wasm_bindgen_test]
fn sign_up_attributes_get_inputs_of_their_kind() {
    let [en, _] = languages();
    let cases = [
        ("name", Kind::Text, "text", "name", "Full name"),
        ("phone_number", Kind::Phone, "tel", "tel", "Phone number"),
        ("birthdate", Kind::Date, "date", "bday", "Date of birth"),
        ("website", Kind::Url, "url", "url", "Website"),
        (
            "custom:company_size",
            Kind::Text,
            "text",
            "off",
            "Company size",
        ),
    ];
    for (name, kind, input, autocomplete, label) in cases {
        let attribute = SignUpAttribute::from_name(name).unwrap();
        assert_eq!(attribute.kind(), kind, "{name}");
        assert_eq!(attribute.input_type(), input, "{name}");
        assert_eq!(attribute.autocomplete(), autocomplete, "{name}");
        assert_eq!(attribute.label(en), label, "{name}");
    }
    assert_eq!(
        SignUpAttribute::from_name("custom:company")
            .unwrap()
            .field_id(),
        "attr-custom-company"
    );
    for bad in ["favourite_colour", "custom:", "dev:custom:x"] {
        assert!(SignUpAttribute::from_name(bad).is_err(), "{bad}");
    }
}

const USERNAME_POOL: &str = r#"{"region":"us-east-1","userPoolId":"us-east-1_abc123","userPoolClientId":"client123","apiUrl":"http://127.0.0.1:9/api","cognitoEndpoint":"http://127.0.0.1:9/cognito/","signInWith":["username","email"],"signUpAttributes":["email","name","phone_number","birthdate","custom:company"]}"#;

#[wasm_bindgen_test]
fn the_config_lists_identifiers_and_attributes() {
    let config = AppConfig::parse(USERNAME_POOL).unwrap();
    assert_eq!(config.sign_in_with, with(&["username", "email"]));
    // The email alias is asked first, and once (the config lists it too).
    let asked: Vec<&str> = config
        .sign_up_attributes
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(
        asked,
        [
            "email",
            "name",
            "phone_number",
            "birthdate",
            "custom:company"
        ]
    );

    let default = AppConfig::parse(crate::pages::CONFIG).unwrap();
    assert_eq!(default.sign_in_with, SignInWith::default());
    assert!(default.sign_up_attributes.is_empty());

    for (field, value) in [
        ("signInWith", r#"["nickname"]"#),
        ("signUpAttributes", r#"["shoe_size"]"#),
    ] {
        let mut json: serde_json::Value = serde_json::from_str(USERNAME_POOL).unwrap();
        json[field] = serde_json::from_str(value).unwrap();
        let error = AppConfig::parse(&json.to_string()).unwrap_err().describe();
        assert!(error.contains(field), "{error}");
    }
}

fn input_type(id: &str) -> String {
    find(&format!("#{id}"))
        .unwrap()
        .unchecked_into::<HtmlInputElement>()
        .type_()
}

async fn mount_username_pool(at: &str) -> impl Drop {
    let config: &'static AppConfig = Box::leak(Box::new(AppConfig::parse(USERNAME_POOL).unwrap()));
    mount_view_at(at, move || view! { <Pages config/> }).await
}

#[wasm_bindgen_test]
async fn sign_up_on_a_username_pool_asks_for_each_attribute_and_sends_them() {
    storage::clear();
    install_fetch_stub();
    let _app = mount_username_pool("/signup").await;
    assert_eq!(
        label_texts()[..6],
        [
            "Username",
            "Email",
            "Full name",
            "Phone number",
            "Date of birth",
            "Company"
        ]
    );
    assert_eq!(input_type("username"), "text");
    assert_eq!(input_type("attr-email"), "email");
    assert_eq!(input_type("attr-phone_number"), "tel");
    assert_eq!(input_type("attr-birthdate"), "date");

    type_into("username", "ana_l");
    type_into("attr-email", "ana@example.com");
    type_into("attr-name", "Ana Lopez");
    type_into("attr-phone_number", "+1 415 555 0123");
    type_into("attr-birthdate", "1990-04-01");
    type_into("password", "Passw0rd!");
    type_into("confirm-password", "Passw0rd!");
    submit_button().click();
    settle().await;
    // The company is left empty: the form says so and sends nothing.
    assert_eq!(text("[role=alert]"), "Fill in every field.");
    assert_eq!(fetch_calls(), 0);

    type_into("attr-custom-company", "Example Ltd");
    submit_button().click();
    wait_for("the sign-up request", || waiting_count() == 1).await;
    let sent = body(0);
    assert_eq!(sent["Username"], "ana_l");
    assert_eq!(
        sent["UserAttributes"],
        serde_json::json!([
            {"Name": "email", "Value": "ana@example.com"},
            {"Name": "name", "Value": "Ana Lopez"},
            {"Name": "phone_number", "Value": "+14155550123"},
            {"Name": "birthdate", "Value": "1990-04-01"},
            {"Name": "custom:company", "Value": "Example Ltd"},
        ])
    );
    answer_next(
        200,
        r#"{"UserConfirmed":false,"CodeDeliveryDetails":{"Destination":"+*******0123","DeliveryMedium":"SMS","AttributeName":"phone_number"}}"#,
        None,
    );
    wait_for("the confirm page", || path() == "/confirm").await;
    // The code is confirmed for the username sign-up registered.
    assert_eq!(label_texts()[0], "Username");
    let username: HtmlInputElement = find("#username").unwrap().unchecked_into();
    assert_eq!(username.value(), "ana_l");
    assert!(text(".hint").contains("+*******0123"), "{}", text(".hint"));
    identity::set_current(SignInWith::default());
}

#[wasm_bindgen_test]
async fn sign_in_on_a_username_pool_takes_either_and_names_both_in_errors() {
    storage::clear();
    install_fetch_stub();
    let _app = mount_username_pool("/signin").await;
    assert_eq!(label_texts()[0], "Username or email");
    assert_eq!(input_type("username"), "text");
    submit_button().click();
    settle().await;
    assert_eq!(text("[role=alert]"), "Enter your username or email.");

    type_into("username", "ana@example.com");
    type_into("password", "Passw0rd!");
    submit_button().click();
    wait_for("the sign-in request", || waiting_count() == 1).await;
    assert_eq!(body(0)["AuthParameters"]["USERNAME"], "ana@example.com");
    answer_next(
        400,
        r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#,
        None,
    );
    wait_for("the alert", || {
        text("[role=alert]") == "Incorrect username or email or password."
    })
    .await;
    identity::set_current(SignInWith::default());
}
