//! Trying a way in of choice-based sign-in, from the identifier's form or
//! from the choice of ways: a passkey Cognito asks for goes to the
//! browser's prompt, and a way that fails brings the choice back on a new
//! session, saying why, so the other ways stay offered.

use leptos::prelude::*;

use crate::cognito::{CognitoError, FirstFactor, SignInOutcome};
use crate::flow::next;
use crate::flow::step::Step;
use crate::i18n::Message;
use crate::ui::auth::Auth;

/// Cognito answered the identifier (`preferred` way first).
pub async fn after_identifier(
    auth: Auth,
    email: String,
    preferred: Option<FirstFactor>,
    answer: Result<SignInOutcome, CognitoError>,
    alert: RwSignal<Option<Message>>,
) {
    match auth.cognito().with_passkey(answer).await {
        Ok(answer) => auth.go(next::after_identifier(email, preferred, answer), alert),
        Err(failed) => choose_again(auth, email, failed.into(), alert).await,
    }
}

/// Cognito answered a way chosen at `step` (SELECT_CHALLENGE).
pub async fn after_choice(
    auth: Auth,
    step: Step,
    answer: Result<SignInOutcome, CognitoError>,
    alert: RwSignal<Option<Message>>,
) {
    let email = step.email().to_owned();
    match auth.cognito().with_passkey(answer).await {
        Ok(Ok(outcome)) => auth.go(next::after_challenge(&step, Ok(outcome)), alert),
        // The session is spent: a wrong password, a code that could not
        // be sent.
        Ok(Err(error)) => choose_again(auth, email, error.into(), alert).await,
        Err(failed) => choose_again(auth, email, failed.into(), alert).await,
    }
}

/// The choice again, on a new session, saying `why`.
async fn choose_again(auth: Auth, email: String, why: Message, alert: RwSignal<Option<Message>>) {
    let fresh = auth.cognito().start_sign_in(&email, None, None).await;
    auth.go(next::after_way_failed(email, why, fresh), alert);
}
