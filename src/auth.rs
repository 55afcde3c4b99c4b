//! The app-wide sign-in state, handed to the pages as a prop. A prop rather
//! than Leptos context: the app needs nothing else from context, and its
//! type map cost 0.9 KB brotli.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::cognito::wire::AuthenticationResult;
use crate::cognito::{ChallengeSession, CognitoClient, CognitoError};
use crate::config::AppConfig;
use crate::i18n::{fill, t_now};
use crate::session::{self, Session};

/// How a call made with a fresh ID token ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Authorized<T> {
    Answer(T),
    /// The session is over (the refresh was refused, there was nothing to
    /// refresh with, or the API refused a fresh token too): the person is
    /// signed out, with the reason on the sign-in page.
    SessionEnded,
    /// The token could not be refreshed right now (say the network
    /// failed), so the call was not made; the person is still signed in and
    /// may retry. The message says so.
    RefreshFailed(String),
    /// The API failed in some other way.
    ApiFailed(ApiError),
}

/// What `fresh_id_token` found.
enum Fresh {
    Token(String),
    Ended,
    Failed(String),
}

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
    /// The challenge being answered (a new password, an app's code), in
    /// memory only: Cognito's session, and who answers it. Two signals of
    /// types the app already has rather than one of `ChallengeSession`: a
    /// signal of a new type brought 0.35 KB brotli of signal code of its own.
    challenge_session: RwSignal<Option<String>>,
    challenge_username: RwSignal<String>,
    /// Loaded once and kept for the page's lifetime (leaked on purpose: a
    /// `StoredValue` cost 0.3 KB of brotli for the same).
    config: &'static AppConfig,
}

impl Auth {
    /// Restores a stored session (dropping an expired one that cannot be
    /// refreshed) and keeps storage in step with the signal from then on.
    pub fn new(config: &'static AppConfig) -> Self {
        let stored = session::load()
            .filter(|s| s.refresh_token.is_some() || s.is_valid_at(session::now_ms()));
        let auth = Self {
            session: RwSignal::new(stored),
            notice: RwSignal::new(None),
            pending_email: RwSignal::new(String::new()),
            code_destination: RwSignal::new(None),
            challenge_session: RwSignal::new(None),
            challenge_username: RwSignal::new(String::new()),
            config,
        };
        Effect::new(move |_| match auth.session.get() {
            Some(session) => session::save(&session),
            None => session::clear(),
        });
        auth
    }

    pub fn config(&self) -> &'static AppConfig {
        self.config
    }

    pub fn cognito(&self) -> CognitoClient {
        CognitoClient::new(&self.config.cognito_endpoint, &self.config.client_id)
    }

    pub fn is_signed_in(&self) -> bool {
        self.session.with(Option::is_some)
    }

    /// With a fresh ID token, calls `call`: the token is refreshed first
    /// when it is close to expiry, and once more, with the call retried,
    /// when the API refuses it (it may only have expired early, say on a
    /// slow clock). An expired token is never sent.
    pub async fn with_fresh_id_token<T, Call, Answer>(&self, call: Call) -> Authorized<T>
    where
        Call: Fn(String) -> Answer,
        Answer: Future<Output = Result<T, ApiError>>,
    {
        let mut refused = false;
        loop {
            let token = match self.fresh_id_token(refused).await {
                Fresh::Token(token) => token,
                Fresh::Ended => return Authorized::SessionEnded,
                Fresh::Failed(why) => return Authorized::RefreshFailed(why),
            };
            match call(token).await {
                Ok(answer) => return Authorized::Answer(answer),
                Err(ApiError::Unauthorized) if !refused => refused = true,
                Err(ApiError::Unauthorized) => {
                    self.end_session(&ApiError::Unauthorized.message(t_now()));
                    return Authorized::SessionEnded;
                }
                Err(e) => return Authorized::ApiFailed(e),
            }
        }
    }

    /// The ID token to send, refreshed first when it is close to expiry (or
    /// always, with `force`, after the API refused it).
    async fn fresh_id_token(&self, force: bool) -> Fresh {
        let Some(session) = self.session.get_untracked() else {
            return Fresh::Ended;
        };
        let now = session::now_ms();
        let usable = !force && session.is_valid_at(now);
        if usable && !session.needs_refresh_at(now) {
            return Fresh::Token(session.id_token);
        }
        let Some(refresh_token) = session.refresh_token.clone() else {
            if usable {
                return Fresh::Token(session.id_token);
            }
            self.end_session(t_now().session_expired);
            return Fresh::Ended;
        };
        match self.cognito().refresh(&refresh_token).await {
            Ok(tokens) => match session.refreshed(tokens) {
                Ok(renewed) => {
                    let token = renewed.id_token.clone();
                    self.session.set(Some(renewed));
                    Fresh::Token(token)
                }
                Err(_) => Fresh::Failed(CognitoError::Malformed.message(t_now())),
            },
            Err(e) if e.ends_session() => {
                self.end_session(t_now().session_expired);
                Fresh::Ended
            }
            // A token with minutes left still works while the refresh waits.
            Err(_) if usable => Fresh::Token(session.id_token),
            Err(e) => Fresh::Failed(fill(t_now().still_signed_in, &[&e.message(t_now())])),
        }
    }

    /// Keeps the challenge Cognito asked to be answered.
    pub fn begin_challenge(&self, challenge: ChallengeSession) {
        self.challenge_username.set(challenge.username);
        self.challenge_session.set(Some(challenge.session));
    }

    /// The challenge being answered, if any (untracked).
    pub fn challenge(&self) -> Option<ChallengeSession> {
        Some(ChallengeSession {
            session: self.challenge_session.get_untracked()?,
            username: self.challenge_username.get_untracked(),
        })
    }

    /// Whether a challenge is being answered (tracked).
    pub fn has_challenge(&self) -> bool {
        self.challenge_session.with(Option::is_some)
    }

    /// Forgets the challenge (answered, or timed out).
    pub fn end_challenge(&self) {
        self.challenge_session.set(None);
    }

    /// Starts the session from the tokens Cognito returned; `Err` holds the
    /// message to show when they cannot be read.
    pub fn start_session(&self, tokens: AuthenticationResult) -> Result<(), String> {
        let session =
            Session::from_tokens(tokens.id_token, tokens.access_token, tokens.refresh_token)
                .map_err(|_| CognitoError::Malformed.message(t_now()))?;
        self.notice.set(None);
        self.end_challenge();
        // The router's guard moves a signed-in person on to the account page.
        self.session.set(Some(session));
        Ok(())
    }

    /// Signs out with a message shown on the sign-in page.
    pub fn end_session(&self, why: &str) {
        self.notice.set(Some(why.to_owned()));
        self.session.set(None);
    }

    /// Signs out on this device and revokes its refresh token where the
    /// pool allows it. Storage is cleared at once, whatever the call does.
    pub fn sign_out(&self) {
        if let Some(refresh_token) = self
            .session
            .with_untracked(|s| s.as_ref()?.refresh_token.clone())
        {
            let cognito = self.cognito();
            leptos::task::spawn_local(async move {
                // Best effort: a pool without revocation enabled refuses it.
                let _ = cognito.revoke(&refresh_token).await;
            });
        }
        self.notice.set(Some(t_now().signed_out.to_owned()));
        self.session.set(None);
    }

    /// Signs out on every device (GlobalSignOut). This device's tokens go
    /// even when the call fails.
    pub async fn sign_out_everywhere(&self) {
        let Some(access_token) = self
            .session
            .with_untracked(|s| Some(s.as_ref()?.access_token.clone()))
        else {
            return;
        };
        let m = t_now();
        let notice = match self.cognito().global_sign_out(&access_token).await {
            Ok(()) => m.signed_out_everywhere.to_owned(),
            Err(e) => fill(m.signed_out_here_only, &[&e.message(m)]),
        };
        self.notice.set(Some(notice));
        self.session.set(None);
    }
}
