//! Browser tests, run in headless Chromium by wasm-bindgen-test
//! (`cargo test --target wasm32-unknown-unknown`). One test binary keeps the
//! link and browser start-up to one each.
#![cfg(target_arch = "wasm32")]
// The size rules of clippy.toml keep costly code out of the shipped app;
// tests do not ship, and compare against exactly what those rules forbid.
#![allow(
    clippy::disallowed_macros,
    clippy::disallowed_methods,
    clippy::disallowed_types
)]

mod support;

mod account_settings;
mod api;
mod choice_sign_in;
mod cognito_errors;
mod cognito_requests;
mod config;
mod faults;
mod forms;
mod i18n;
mod identity;
mod journey;
mod journey_pages;
mod json;
mod jwt;
mod pages;
mod password;
mod password_reset;
mod resend_code;
mod router;
mod second_factors;
mod send_wrapper;
mod session;
mod session_lifetime;
mod streams;
mod swap;
mod text;
mod two_step;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
