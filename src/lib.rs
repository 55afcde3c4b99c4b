//! A sign-in app for Amazon Cognito user pools: sign up, confirm, sign in and
//! call an API guarded by a Cognito authorizer, all from the browser.

pub mod api;
pub mod app;
pub mod auth;
pub mod cognito;
pub mod components;
pub mod config;
pub mod focus;
pub mod forms;
pub mod http;
pub mod i18n;
pub mod json;
pub mod jwt;
pub mod one_at_a_time;
pub mod pages;
pub mod password;
pub mod router;
pub mod session;
pub mod swap;
pub mod text;

pub use app::App;
