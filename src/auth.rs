//! The app-wide sign-in state shared by the pages through context.

use leptos::prelude::*;

use crate::cognito::CognitoClient;
use crate::config::AppConfig;
use crate::session::{self, Session};

/// What the pages share. Signals are `Copy`, so this is passed by value.
#[derive(Clone, Copy)]
pub struct Auth {
    pub session: RwSignal<Option<Session>>,
    /// A message for the next page, e.g. why the person was signed out.
    pub notice: RwSignal<Option<String>>,
    /// The email carried from sign-up or sign-in to the confirm page.
    pub pending_email: RwSignal<String>,
    /// Where Cognito says it sent the confirmation code.
    pub code_destination: RwSignal<Option<String>>,
    config: StoredValue<AppConfig>,
}

pub const EXPIRED: &str = "Your session has expired. Please sign in again.";

impl Auth {
    /// Restores a stored session (dropping an expired one) and keeps storage
    /// in step with the signal from then on.
    pub fn new(config: AppConfig) -> Self {
        let stored = session::load().filter(|s| s.is_valid_at(session::now_ms()));
        let auth = Self {
            session: RwSignal::new(stored),
            notice: RwSignal::new(None),
            pending_email: RwSignal::new(String::new()),
            code_destination: RwSignal::new(None),
            config: StoredValue::new(config),
        };
        Effect::new(move |_| match auth.session.get() {
            Some(session) => session::save(&session),
            None => session::clear(),
        });
        auth
    }

    pub fn config(&self) -> AppConfig {
        self.config.get_value()
    }

    pub fn cognito(&self) -> CognitoClient {
        self.config
            .with_value(|c| CognitoClient::new(c.cognito_endpoint.clone(), c.client_id.clone()))
    }

    pub fn is_signed_in(&self) -> bool {
        self.session.with(Option::is_some)
    }

    /// The ID token if it is still valid; an expired one is never sent; the
    /// person is signed out with a message instead.
    pub fn valid_id_token(&self) -> Option<String> {
        let session = self.session.get_untracked()?;
        if session.is_valid_at(session::now_ms()) {
            Some(session.id_token)
        } else {
            self.end_session(EXPIRED);
            None
        }
    }

    /// Signs out with a message shown on the sign-in page.
    pub fn end_session(&self, why: &str) {
        self.notice.set(Some(why.to_owned()));
        self.session.set(None);
    }

    pub fn sign_out(&self) {
        self.notice.set(Some("You have signed out.".to_owned()));
        self.session.set(None);
    }
}
