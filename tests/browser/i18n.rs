//! The message catalogue: every language complete, values filled in, the
//! choice applied to the page at once, remembered, and nothing typed lost.

use cognito_signin::config::AppConfig;
use cognito_signin::i18n::{self, LanguagePicker, fill, languages, pick_language};
use cognito_signin::ui::app::Pages;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlInputElement, HtmlSelectElement};

use crate::pages::{find, mount_view_at, text};
use crate::support::settle;

const CONFIG: &str = r#"{"region":"us-east-1","userPoolId":"us-east-1_abc123","userPoolClientId":"client123","apiUrl":"http://127.0.0.1:9/api"}"#;

fn placeholders(text: &str) -> usize {
    text.matches("{}").count()
}

#[wasm_bindgen_test]
fn every_language_has_every_message_with_the_same_placeholders() {
    let english = languages()[0].entries();
    assert!(english.len() > 100, "{} entries", english.len());
    for language in languages() {
        for ((name, text), (_, original)) in language.entries().into_iter().zip(&english) {
            assert!(
                !text.trim().is_empty(),
                "{}: {name} is empty",
                language.code
            );
            assert_eq!(
                placeholders(text),
                placeholders(original),
                "{}: {name} has the wrong number of {{}}",
                language.code
            );
        }
    }
    // A translation, not a copy: most French entries differ from English.
    let same = languages()[1]
        .entries()
        .into_iter()
        .zip(&english)
        .filter(|((_, fr), (_, en))| fr == en)
        .count();
    assert!(same < 5, "{same} French entries are still English");
}

#[wasm_bindgen_test]
fn each_translation_splits_into_its_messages() {
    let [en, fr] = languages();
    assert_eq!((en.code, en.name), ("en", "English"));
    assert_eq!((fr.code, fr.name), ("fr", "Français"));
    // The last message ends the text: nothing was lost or shifted.
    assert_eq!(
        en.api_malformed,
        "The API sent an answer the app could not read."
    );
    assert!(!fr.api_malformed.is_empty() && fr.api_malformed != en.api_malformed);
}

#[wasm_bindgen_test]
fn fill_puts_values_in_order() {
    assert_eq!(fill("({}) {}", &["a", "b"]), "(a) b");
    assert_eq!(fill("no gap", &["x"]), "no gap");
    assert_eq!(fill("{} and {}", &["one"]), "one and ");
}

#[wasm_bindgen_test]
fn the_first_offered_language_the_browser_prefers_wins() {
    let pick = |tags: &[&str]| pick_language(tags.iter().map(|t| t.to_string()));
    assert_eq!(pick(&["fr-CA", "en"]), 1);
    assert_eq!(pick(&["de-DE", "EN-gb", "fr"]), 0);
    assert_eq!(pick(&["de", "FR"]), 1);
    assert_eq!(pick(&[]), 0);
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[wasm_bindgen_test]
async fn choosing_french_translates_the_page_keeps_what_was_typed_and_is_remembered() {
    let config: &'static AppConfig = Box::leak(Box::new(AppConfig::parse(CONFIG).unwrap()));
    let handle = mount_view_at(
        "/signin",
        move || view! { <LanguagePicker/> <Pages config/> },
    )
    .await;
    assert_eq!(text("h1"), "Sign in");

    let email: HtmlInputElement = find("#email").unwrap().unchecked_into();
    email.set_value("ana@example.com");
    email
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let select: HtmlSelectElement = find("#language").unwrap().unchecked_into();
    select.set_value("fr");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;

    assert_eq!(text("h1"), "Connexion");
    assert_eq!(text("label[for=password]"), "Mot de passe");
    assert_eq!(text("button[type=submit]"), "Se connecter");
    let email: HtmlInputElement = find("#email").unwrap().unchecked_into();
    assert_eq!(email.value(), "ana@example.com", "nothing typed is lost");
    let lang = document().document_element().unwrap().get_attribute("lang");
    assert_eq!(lang.as_deref(), Some("fr"));
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert_eq!(
        storage
            .get_item("cognito-signin.language")
            .unwrap()
            .as_deref(),
        Some("fr")
    );
    assert_eq!(i18n::chosen_index(), 1);

    // Back to English for the other tests, which read English text.
    i18n::choose(0);
    settle().await;
    assert_eq!(text("h1"), "Sign in");
    drop(handle);
    storage.remove_item("cognito-signin.language").unwrap();
}
