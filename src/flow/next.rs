//! Where each of Cognito's answers takes the journey: pure functions from
//! the step's data and the answer to the [`Next`] thing to do. The pages
//! send what they got; they never decide where to go.

use super::session::Session;
use super::step::Step;
use crate::cognito::wire::{
    AuthenticationResult, CodeDeliveryDetails, SessionToken, SignUpResponse,
};
use crate::cognito::{
    AppKey, Challenge, ChallengeSession, CognitoError, Factor, FirstFactor, SignInOutcome,
};
use crate::i18n::{Message, Text};
use crate::web::text;

#[derive(Debug)]
pub enum Next {
    /// On to this step, with a notice for it.
    Go(Step, Option<Message>),
    /// Stay; the form's alert says this.
    Alert(Message),
    /// On to this step, saying why it came to it: in the form's alert when
    /// it is on the same page (the choice of ways, on a new session), else
    /// in the step's notice.
    Retry(Step, Message),
    /// Signed in.
    SignedIn(Session),
    /// Signed in, and on to this step with a notice (a new account is
    /// offered a passkey).
    SignedInTo(Session, Step, Message),
    /// The session is over (the account was deleted): the sign-in page
    /// says why.
    SignedOut(Message),
}

/// Where Cognito said it sent a code, when it said.
pub type Delivery = Option<CodeDeliveryDetails>;

fn sent_to(delivery: Delivery) -> Option<String> {
    delivery.and_then(|d| d.destination)
}

/// The session from Cognito's tokens, or an alert when they cannot be read.
pub fn signed_in(tokens: AuthenticationResult) -> Next {
    match Session::from_tokens(tokens.id_token, tokens.access_token, tokens.refresh_token) {
        Ok(session) => Next::SignedIn(session),
        Err(_) => Next::Alert(CognitoError::Malformed.into()),
    }
}

/// Answered a password (InitiateAuth).
pub fn after_sign_in(email: String, answer: Result<SignInOutcome, CognitoError>) -> Next {
    match answer {
        Err(CognitoError::UserNotConfirmed) => Next::Go(
            Step::Confirm {
                email,
                sent_to: None,
                session: None,
            },
            Some(CognitoError::UserNotConfirmed.into()),
        ),
        Err(CognitoError::PasswordResetRequired) => Next::Go(
            Step::ForgotPassword { email },
            Some(CognitoError::PasswordResetRequired.into()),
        ),
        answer => signed_in_or_challenged(email, answer),
    }
}

/// Gave the identifier for a choice-based sign-in (InitiateAuth with
/// USER_AUTH), `preferred` way first. A passkey preferred and not the
/// person's gets the choice with a word why.
pub fn after_identifier(
    email: String,
    preferred: Option<FirstFactor>,
    answer: Result<SignInOutcome, CognitoError>,
) -> Next {
    match after_sign_in(email, answer) {
        Next::Go(step @ Step::ChooseWay { .. }, None)
            if preferred == Some(FirstFactor::Passkey) =>
        {
            Next::Go(step, Some(Message::Text(|m| m.no_passkey_yet)))
        }
        next => next,
    }
}

/// A way in failed at the choice (`why`: a wrong password, a passkey
/// cancelled or refused): the choice again, on a new session (`fresh`,
/// the identifier given once more), saying why.
pub fn after_way_failed(
    email: String,
    why: Message,
    fresh: Result<SignInOutcome, CognitoError>,
) -> Next {
    match after_sign_in(email, fresh) {
        Next::Go(step @ Step::ChooseWay { .. }, _) => Next::Retry(step, why),
        next => next,
    }
}

/// Confirmed a sign-up with its session, then signed in with the one the
/// confirmation gave (InitiateAuth with USER_AUTH): the new account is
/// offered a passkey where the pool and browser take them
/// (`offer_passkey`). Should that sign-in fail, the account is still
/// confirmed: on to the sign-in.
pub fn after_auto_sign_in(
    email: String,
    answer: Result<SignInOutcome, CognitoError>,
    offer_passkey: bool,
) -> Next {
    match answer {
        Ok(SignInOutcome::Tokens(tokens)) => match signed_in(tokens) {
            Next::SignedIn(session) if offer_passkey => {
                Next::SignedInTo(session, Step::Passkeys, Message::Text(|m| m.passkey_offer))
            }
            next => next,
        },
        _ => after_confirm(email, Ok(())),
    }
}

/// Answered a challenge (RespondToAuthChallenge, or an authenticator
/// app's set-up) from `step`, one of the steps that hold a challenge.
pub fn after_challenge(step: &Step, answer: Result<SignInOutcome, CognitoError>) -> Next {
    let email = step.email().to_owned();
    match answer {
        Err(CognitoError::CodeMismatch) => match step {
            Step::Mfa {
                factor: Factor::App,
                ..
            } => Next::Alert(Message::Text(|m| m.two_step_mismatch)),
            Step::SetUpApp { .. } => Next::Alert(Message::Text(|m| m.set_up_app_mismatch)),
            _ => Next::Alert(CognitoError::CodeMismatch.into()),
        },
        // The challenge session lives a few minutes: start again from the
        // password rather than retry a dead session.
        Err(CognitoError::NotAuthorized(_) | CognitoError::ExpiredCode) => Next::Go(
            Step::SignIn { email },
            Some(Message::Text(|m| m.two_step_expired)),
        ),
        answer => signed_in_or_challenged(email, answer),
    }
}

/// The person chose codes by email over an authenticator app during
/// MFA_SETUP.
pub fn email_instead_of_app(step: &Step) -> Next {
    match step {
        Step::SetUpApp {
            email, challenge, ..
        } => Next::Go(
            Step::SetUpEmail {
                email: email.clone(),
                challenge: challenge.clone(),
            },
            None,
        ),
        _ => Next::Alert(Message::Text(|m| m.two_step_expired)),
    }
}

/// Asked for an authenticator app's key during MFA_SETUP (from a SetUpApp
/// step): the key to show, with the session to verify it with.
pub fn after_app_key(
    step: &Step,
    answer: Result<(AppKey, ChallengeSession), CognitoError>,
) -> Next {
    match answer {
        Ok((key, challenge)) => Next::Go(
            Step::SetUpApp {
                email: step.email().to_owned(),
                challenge,
                key: Some(key),
                email_instead: matches!(
                    step,
                    Step::SetUpApp {
                        email_instead: true,
                        ..
                    }
                ),
            },
            None,
        ),
        Err(e) => after_challenge(step, Err(e)),
    }
}

fn signed_in_or_challenged(email: String, answer: Result<SignInOutcome, CognitoError>) -> Next {
    match answer {
        Ok(SignInOutcome::Tokens(tokens)) => signed_in(tokens),
        Ok(SignInOutcome::Challenged { challenge, session }) => {
            challenge_step(email, challenge, session)
        }
        Ok(SignInOutcome::Challenge(name)) => unsupported(name),
        Err(e) => Next::Alert(e.into()),
    }
}

fn unsupported(name: String) -> Next {
    Next::Alert(Message::fill(|m| m.unsupported_challenge, name))
}

/// The step that answers `challenge`.
fn challenge_step(email: String, challenge: Challenge, session: ChallengeSession) -> Next {
    let step = match challenge {
        Challenge::NewPasswordRequired => Step::NewPassword {
            email,
            challenge: session,
        },
        Challenge::Code { factor, sent_to } => Step::Mfa {
            email,
            challenge: session,
            factor,
            sent_to,
        },
        Challenge::SelectFactor(factors) if !factors.is_empty() => Step::ChooseFactor {
            email,
            challenge: session,
            factors,
        },
        Challenge::SelectFactor(_) => return unsupported("SELECT_MFA_TYPE".to_owned()),
        // Of the factors MFA_SETUP offers, the app sets up an authenticator
        // app, or else codes by email; a text-message factor needs a
        // verified phone number first.
        Challenge::SetUpFactor(factors) if factors.contains(&Factor::App) => Step::SetUpApp {
            email,
            challenge: session,
            key: None,
            email_instead: factors.contains(&Factor::Email),
        },
        Challenge::SetUpFactor(factors) if factors.contains(&Factor::Email) => Step::SetUpEmail {
            email,
            challenge: session,
        },
        Challenge::SetUpFactor(_) => {
            return Next::Alert(Message::Text(|m| m.set_up_unsupported));
        }
        Challenge::ChooseWay(ways) if !ways.is_empty() => Step::ChooseWay {
            email,
            challenge: session,
            ways,
        },
        Challenge::ChooseWay(_) => return Next::Alert(Message::Text(|m| m.no_way_in)),
        // The page asks the browser for the passkey before anything comes
        // here; one that does is a passkey the page did not expect.
        Challenge::Passkey(_) => return unsupported("WEB_AUTHN".to_owned()),
    };
    Next::Go(step, None)
}

/// Answered a sign-up.
pub fn after_sign_up(email: String, answer: Result<SignUpResponse, CognitoError>) -> Next {
    match answer {
        Ok(answer) if answer.user_confirmed => Next::Go(
            Step::SignIn { email },
            Some(Message::Text(|m| m.account_ready)),
        ),
        Ok(answer) => Next::Go(
            Step::Confirm {
                email,
                sent_to: sent_to(answer.code_delivery_details),
                session: answer.session,
            },
            None,
        ),
        Err(e) => Next::Alert(e.into()),
    }
}

/// Answered the sign-up code (ConfirmSignUp).
pub fn after_confirm(email: String, answer: Result<(), CognitoError>) -> Next {
    match answer {
        Ok(()) => Next::Go(
            Step::SignIn { email },
            Some(Message::Text(|m| m.account_confirmed)),
        ),
        Err(e) => confirmed_already(email, e),
    }
}

/// Asked for a new sign-up code (ResendConfirmationCode); SignUp's
/// `session` still goes with the code.
pub fn after_resend(
    email: String,
    session: Option<SessionToken>,
    answer: Result<Delivery, CognitoError>,
) -> Next {
    match answer {
        Ok(delivery) => {
            let to = sent_to(delivery);
            let shown = to.clone().unwrap_or_else(|| email.clone());
            Next::Go(
                Step::Confirm {
                    email,
                    sent_to: to,
                    session,
                },
                Some(Message::fill(|m| m.code_resent, shown)),
            )
        }
        Err(e) => confirmed_already(email, e),
    }
}

/// An account confirmed before needs no code: on to the password.
fn confirmed_already(email: String, error: CognitoError) -> Next {
    if error.is_already_confirmed() {
        Next::Go(
            Step::SignIn { email },
            Some(Message::Text(|m| m.already_confirmed_sign_in)),
        )
    } else {
        Next::Alert(error.into())
    }
}

/// Asked for a password-reset code (ForgotPassword).
pub fn after_reset_code(email: String, answer: Result<Delivery, CognitoError>) -> Next {
    match answer {
        Ok(delivery) => Next::Go(
            Step::ResetPassword {
                email,
                sent_to: sent_to(delivery),
            },
            None,
        ),
        Err(e) => Next::Alert(e.into()),
    }
}

/// Set a new password with the reset code (ConfirmForgotPassword).
pub fn after_reset(email: String, answer: Result<(), CognitoError>) -> Next {
    match answer {
        Ok(()) => Next::Go(
            Step::SignIn { email },
            Some(Message::Text(|m| m.password_changed)),
        ),
        Err(e) => Next::Alert(e.into()),
    }
}

/// Changed the password (ChangePassword).
pub fn after_change_password(answer: Result<(), CognitoError>) -> Next {
    match answer {
        Ok(()) => Next::Go(
            Step::SignedIn,
            Some(Message::Text(|m| m.password_changed_here)),
        ),
        // Cognito's words for a wrong current password are a sign-in's.
        Err(CognitoError::NotAuthorized(detail))
            if text::contains(&detail.to_ascii_lowercase(), "incorrect") =>
        {
            Next::Alert(Message::Text(|m| m.current_password_wrong))
        }
        Err(e) => Next::Alert(e.into()),
    }
}

/// Deleted the account (DeleteUser).
pub fn after_delete(answer: Result<(), CognitoError>) -> Next {
    match answer {
        Ok(()) => Next::SignedOut(Message::Text(|m| m.account_deleted)),
        Err(e) => Next::Alert(e.into()),
    }
}

/// A code was sent to an email: a new address (`changing`,
/// UpdateUserAttributes), or the account's own, unverified one
/// (GetUserAttributeVerificationCode).
pub fn after_email_code(
    email: String,
    changing: bool,
    answer: Result<Delivery, CognitoError>,
) -> Next {
    match answer {
        Ok(delivery) => Next::Go(
            Step::VerifyEmail {
                email,
                sent_to: sent_to(delivery),
                changing,
            },
            None,
        ),
        Err(e) => Next::Alert(e.into()),
    }
}

/// Verified an email (VerifyUserAttribute) from `step`: a new one is the
/// one in use now; the account's own one is verified.
pub fn after_email_verified(step: &Step, answer: Result<(), CognitoError>) -> Next {
    let done: Text = match step {
        Step::VerifyEmail {
            changing: false, ..
        } => |m| m.email_verified,
        _ => |m| m.email_changed,
    };
    match answer {
        Ok(()) => Next::Go(Step::SignedIn, Some(Message::Text(done))),
        Err(e) => Next::Alert(e.into()),
    }
}
