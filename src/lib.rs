//! A sign-in app for Amazon Cognito user pools: sign up, confirm, sign in and
//! call an API guarded by a Cognito authorizer, all from the browser.
//!
//! - [`flow`]: the journey as plain types (where the person is, and where
//!   each answer takes them), the forms' checks and the session.
//! - [`cognito`]: the typed client for Cognito's JSON API and its errors.
//! - [`api`]: the protected API.
//! - [`ui`]: the app, its pages, components and router.
//! - [`web`]: the browser's plumbing: HTTP, JSON, storage and text.
//! - [`i18n`]: every word the app shows, per language.

pub mod api;
pub mod cognito;
pub mod config;
pub mod flow;
pub mod i18n;
pub mod ui;
pub mod web;

pub use ui::app::App;
