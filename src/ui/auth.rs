//! The app-wide state: the session and the journey's step, handed to the
//! pages as a prop. A prop rather than Leptos context: the app needs
//! nothing else from context, and its type map cost 0.9 KB brotli.
//!
//! Pages send what Cognito answered through [`Auth::go`]; only this type
//! moves the journey, and it keeps the address bar in step.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::cognito::{CognitoClient, CognitoError};
use crate::config::AppConfig;
use crate::flow::identity;
use crate::flow::next::Next;
use crate::flow::page::Page;
use crate::flow::session::Session;
use crate::flow::step::Step;
use crate::i18n::Message;
use crate::ui::router;
use crate::web::{self, storage};

/// How a call made with a fresh ID token ended.
#[derive(Debug)]
pub enum Authorized<T> {
    Answer(T),
    /// The session is over (the refresh was refused, there was nothing to
    /// refresh with, or the API refused a fresh token too): the person is
    /// signed out, with the reason on the sign-in page.
    SessionEnded,
    /// The token could not be refreshed right now (say the network
    /// failed), so the call was not made; the person is still signed in and
    /// may retry. The message says so.
    RefreshFailed(Message),
    /// The API failed in some other way.
    ApiFailed(ApiError),
}

/// What `fresh_id_token` found.
enum Fresh {
    Token(String),
    Ended,
    Failed(Message),
}

/// What the pages share. Signals are `Copy`, so this is passed by value.
#[derive(Clone, Copy)]
pub struct Auth {
    /// The signed-in session, kept in `sessionStorage`; read it here, change
    /// it only through the methods below.
    pub session: RwSignal<Option<Session>>,
    /// Where the person is; written only through [`Auth::go`] and the
    /// other methods here.
    step: RwSignal<Step>,
    /// A message for the step shown, e.g. why the person was signed out.
    notice: RwSignal<Option<Message>>,
    /// Loaded once and kept for the page's lifetime (leaked on purpose: a
    /// `StoredValue` cost 0.3 KB of brotli for the same).
    config: &'static AppConfig,
}

impl Auth {
    /// Restores a stored session (dropping an expired one that cannot be
    /// refreshed) and shows the address bar's page.
    pub fn new(config: &'static AppConfig) -> Self {
        identity::set_current(config.sign_in_with);
        let stored =
            storage::load().filter(|s| s.refresh_token.is_some() || s.is_valid_at(web::now_ms()));
        if stored.is_none() {
            storage::clear();
        }
        let signed_in = stored.is_some();
        let start = Step::SignIn {
            email: String::new(),
        };
        let (step, notice) = start.arrive(router::current_page(), signed_in);
        let auth = Self {
            session: RwSignal::new(stored),
            step: RwSignal::new(step),
            notice: RwSignal::new(notice),
            config,
        };
        auth.sync_address(true);
        router::on_back_or_forward(move |page| auth.arrive(page, false));
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
                    self.end_session(ApiError::Unauthorized.into());
                    return Authorized::SessionEnded;
                }
                Err(e) => return Authorized::ApiFailed(e),
            }
        }
    }

    /// The access token for a call on the person's own account, the
    /// session refreshed first when it is close to expiry. `None` when the
    /// session is over (the sign-in page says why) or could not be renewed
    /// right now (`alert` says why).
    pub fn access_token(
        &self,
        alert: RwSignal<Option<Message>>,
    ) -> std::pin::Pin<Box<dyn Future<Output = Option<String>>>> {
        // Boxed: each page that awaits it would otherwise carry the whole
        // refresh's state machine in its own future.
        let auth = *self;
        Box::pin(async move {
            match auth.fresh_id_token(false).await {
                Fresh::Token(_) => auth
                    .session
                    .with_untracked(|s| Some(s.as_ref()?.access_token.clone())),
                Fresh::Ended => None,
                Fresh::Failed(why) => {
                    alert.set(Some(why));
                    None
                }
            }
        })
    }

    /// Renews the session now, so its tokens carry a changed email. Best
    /// effort: when the refresh fails the old tokens stay while they work,
    /// and the session ends only when a call is refused.
    pub async fn renew(&self) {
        let Some(session) = self.session.get_untracked() else {
            return;
        };
        let Some(refresh_token) = session.refresh_token.as_deref() else {
            return;
        };
        if let Ok(tokens) = self
            .cognito()
            .refresh(refresh_token, self.config.refresh_token_rotation)
            .await
            && let Ok(renewed) = session.refreshed(tokens)
        {
            self.keep(Some(renewed));
        }
    }

    /// The ID token to send, refreshed first when it is close to expiry (or
    /// always, with `force`, after the API refused it).
    async fn fresh_id_token(&self, force: bool) -> Fresh {
        let Some(session) = self.session.get_untracked() else {
            return Fresh::Ended;
        };
        let now = web::now_ms();
        let usable = !force && session.is_valid_at(now);
        if usable && !session.needs_refresh_at(now) {
            return Fresh::Token(session.id_token);
        }
        let Some(refresh_token) = session.refresh_token.clone() else {
            if usable {
                return Fresh::Token(session.id_token);
            }
            self.end_session(Message::Text(|m| m.session_expired));
            return Fresh::Ended;
        };
        match self
            .cognito()
            .refresh(&refresh_token, self.config.refresh_token_rotation)
            .await
        {
            Ok(tokens) => match session.refreshed(tokens) {
                Ok(renewed) => {
                    let token = renewed.id_token.clone();
                    self.keep(Some(renewed));
                    Fresh::Token(token)
                }
                Err(_) => Fresh::Failed(CognitoError::Malformed.into()),
            },
            Err(e) if e.ends_session() => {
                // A replaced refresh token says why; any other refusal
                // is an expired session to the person.
                let why = match e {
                    CognitoError::RefreshTokenReused => e.into(),
                    _ => Message::Text(|m| m.session_expired),
                };
                self.end_session(why);
                Fresh::Ended
            }
            // A token with minutes left still works while the refresh waits.
            Err(_) if usable => Fresh::Token(session.id_token),
            Err(e) => Fresh::Failed(Message::Fill(|m| m.still_signed_in, Box::new(e.into()))),
        }
    }

    /// The journey's step (tracked).
    pub fn step(&self) -> Step {
        self.step.get()
    }

    /// The journey's step, untracked (event handlers, page set-up).
    pub fn step_now(&self) -> Step {
        self.step.get_untracked()
    }

    /// The page the step is shown on (tracked).
    pub fn page(&self) -> Page {
        self.step.with(Step::page)
    }

    /// The notice for the step shown.
    pub fn notice(&self) -> RwSignal<Option<Message>> {
        self.notice
    }

    /// Does what Cognito's answer calls for ([`crate::flow::next`]): goes on
    /// to a step, tells the form's `alert`, or starts the session.
    pub fn go(&self, next: Next, alert: RwSignal<Option<Message>>) {
        match next {
            Next::Go(step, notice) => self.show(step, notice, false),
            Next::Alert(message) => alert.set(Some(message)),
            Next::Retry(step, why) => {
                if self.step.with_untracked(Step::page) == step.page() {
                    self.show(step, None, false);
                    alert.set(Some(why));
                } else {
                    self.show(step, Some(why), false);
                }
            }
            Next::SignedIn(session) => {
                self.keep(Some(session));
                self.show(Step::SignedIn, None, true);
            }
            Next::SignedInTo(session, step, notice) => {
                self.keep(Some(session));
                self.show(step, Some(notice), true);
            }
            Next::SignedOut(why) => self.end_session(why),
        }
    }

    /// Goes to `page` by a link.
    pub fn visit(&self, page: Page) {
        self.arrive(page, true);
    }

    /// Arrives at `page` (a link, or the back and forward buttons:
    /// `push` says whether it is a new history entry).
    fn arrive(&self, page: Page, push: bool) {
        let signed_in = self.is_signed_in_now();
        // `try_`: the back-button listener outlives an app that was
        // unmounted (as the browser tests do).
        let Some((step, notice)) = self
            .step
            .try_with_untracked(|step| step.arrive(page, signed_in))
        else {
            return;
        };
        let landed = step.page();
        self.step.set(step);
        self.notice.set(notice);
        if push {
            router::set_path(landed.path(), false);
        } else if landed != page {
            router::set_path(landed.path(), true);
        }
    }

    /// Shows `step` with `notice`, adding the address to the history
    /// (or, with `replace`, in place of the current entry) when the page
    /// changes.
    fn show(&self, step: Step, notice: Option<Message>, replace: bool) {
        let moved = self
            .step
            .with_untracked(|shown| shown.page() != step.page());
        self.step.set(step);
        self.notice.set(notice);
        if moved {
            self.sync_address(replace);
        }
    }

    fn sync_address(&self, replace: bool) {
        let page = self.step.with_untracked(Step::page);
        if page != router::current_page() {
            router::set_path(page.path(), replace);
        }
    }

    /// The one way the session changes: storage first, so it is in step
    /// before anything reacts to the signal.
    fn keep(&self, session: Option<Session>) {
        match &session {
            Some(session) => storage::save(session),
            None => storage::clear(),
        }
        self.session.set(session);
    }

    fn is_signed_in_now(&self) -> bool {
        self.session.try_with_untracked(Option::is_some) == Some(true)
    }

    /// Signs out with a message shown on the sign-in page.
    pub fn end_session(&self, why: Message) {
        self.keep(None);
        let email = String::new();
        self.show(Step::SignIn { email }, Some(why), true);
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
        self.end_session(Message::Text(|m| m.signed_out));
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
        let why = match self.cognito().global_sign_out(&access_token).await {
            Ok(()) => Message::Text(|m| m.signed_out_everywhere),
            Err(e) => Message::Fill(|m| m.signed_out_here_only, Box::new(e.into())),
        };
        self.end_session(why);
    }
}
