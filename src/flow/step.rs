//! Where the person is in the journey, with what that step needs. One
//! value of [`Step`] is the whole journey's state: pages render it and
//! never hand data to one another.

use super::page::Page;
use crate::cognito::wire::SessionToken;
use crate::cognito::{AppKey, ChallengeSession, Contact, Factor, FirstFactor};
use crate::i18n::Message;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The password form, with the email carried from the step before.
    SignIn {
        email: String,
    },
    /// Choice-based sign-in (SELECT_CHALLENGE): the ways in this person
    /// can use, after the identifier.
    ChooseWay {
        email: String,
        challenge: ChallengeSession,
        ways: Vec<FirstFactor>,
    },
    SignUp,
    /// Entering the sign-up code. `sent_to` is where Cognito says it sent
    /// it (masked), when it said. `session` is SignUp's, while memory
    /// holds it: with it, the confirmation signs in at once.
    Confirm {
        email: String,
        sent_to: Option<String>,
        session: Option<SessionToken>,
    },
    /// Asking for a password-reset code.
    ForgotPassword {
        email: String,
    },
    /// The code was sent: entering it with the new password.
    ResetPassword {
        email: String,
        sent_to: Option<String>,
    },
    /// NEW_PASSWORD_REQUIRED: an administrator's temporary password was
    /// right; the person chooses their own.
    NewPassword {
        email: String,
        challenge: ChallengeSession,
    },
    /// A second factor's code after the password: the authenticator
    /// app's, or one sent by text or email (`sent_to`, masked).
    Mfa {
        email: String,
        challenge: ChallengeSession,
        factor: Factor,
        sent_to: Option<String>,
    },
    /// SELECT_MFA_TYPE: several second factors are set up; the person
    /// picks one.
    ChooseFactor {
        email: String,
        challenge: ChallengeSession,
        factors: Vec<Factor>,
    },
    /// MFA_SETUP with an authenticator app: the pool requires a second
    /// factor and the person has none yet. `key` is the app's new key,
    /// once Cognito gave it; `email_instead` says the pool would take
    /// codes by email instead.
    SetUpApp {
        email: String,
        challenge: ChallengeSession,
        key: Option<AppKey>,
        email_instead: bool,
    },
    /// MFA_SETUP with codes by email: the address to send them to, whose
    /// first code (an EMAIL_OTP challenge) turns them on.
    SetUpEmail {
        email: String,
        challenge: ChallengeSession,
    },
    SignedIn,
    /// Signed in: the current password, then a new one.
    ChangePassword,
    /// Signed in: deleting the account after the person confirms.
    DeleteAccount,
    /// Signed in: the new email to change to.
    ChangeEmail,
    /// Signed in: the second factors (the page loads them).
    TwoStepSettings,
    /// Signed in: the passkeys (the page loads them), and adding one.
    Passkeys,
    /// Signed in: the code sent to a contact, masked in `sent_to`: a new
    /// email (`changing`), which the code makes the one in use, or the
    /// account's own email or phone number (`contact`, its value in
    /// `email`), not verified yet.
    VerifyEmail {
        email: String,
        sent_to: Option<String>,
        changing: bool,
        contact: Contact,
    },
    NotFound,
}

impl Step {
    /// The address that shows this step.
    pub fn page(&self) -> Page {
        match self {
            Self::SignIn { .. } => Page::SignIn,
            Self::ChooseWay { .. } => Page::ChooseWay,
            Self::SignUp => Page::SignUp,
            Self::Confirm { .. } => Page::Confirm,
            Self::ForgotPassword { .. } | Self::ResetPassword { .. } => Page::ForgotPassword,
            Self::NewPassword { .. } => Page::NewPassword,
            Self::Mfa { .. } | Self::ChooseFactor { .. } => Page::TwoStep,
            Self::SetUpApp { .. } | Self::SetUpEmail { .. } => Page::SetUpApp,
            Self::SignedIn => Page::Account,
            Self::ChangePassword => Page::ChangePassword,
            Self::DeleteAccount => Page::DeleteAccount,
            Self::ChangeEmail | Self::VerifyEmail { .. } => Page::ChangeEmail,
            Self::TwoStepSettings => Page::TwoStepSettings,
            Self::Passkeys => Page::Passkeys,
            Self::NotFound => Page::NotFound,
        }
    }

    /// The email the person gave, carried from step to step.
    pub fn email(&self) -> &str {
        match self {
            Self::SignIn { email }
            | Self::ChooseWay { email, .. }
            | Self::Confirm { email, .. }
            | Self::ForgotPassword { email }
            | Self::ResetPassword { email, .. }
            | Self::NewPassword { email, .. }
            | Self::VerifyEmail { email, .. }
            | Self::Mfa { email, .. }
            | Self::ChooseFactor { email, .. }
            | Self::SetUpApp { email, .. }
            | Self::SetUpEmail { email, .. } => email,
            Self::SignUp
            | Self::SignedIn
            | Self::ChangePassword
            | Self::DeleteAccount
            | Self::ChangeEmail
            | Self::TwoStepSettings
            | Self::Passkeys
            | Self::NotFound => "",
        }
    }

    /// The ways in a choice-based sign-in offers, at its choice.
    pub fn challenge_ways(&self) -> Option<&[FirstFactor]> {
        match self {
            Self::ChooseWay { ways, .. } => Some(ways),
            _ => None,
        }
    }

    /// The challenge this step answers, if it answers one.
    pub fn challenge(&self) -> Option<&ChallengeSession> {
        match self {
            Self::NewPassword { challenge, .. }
            | Self::ChooseWay { challenge, .. }
            | Self::Mfa { challenge, .. }
            | Self::ChooseFactor { challenge, .. }
            | Self::SetUpApp { challenge, .. }
            | Self::SetUpEmail { challenge, .. } => Some(challenge),
            _ => None,
        }
    }

    /// The step shown when the person arrives at `page` from `self` by a
    /// link, a reload or the back and forward buttons, with a notice when
    /// the way there was not open. A step that needs what only memory
    /// held (a challenge session) falls back to the password with a
    /// message.
    pub fn arrive(&self, page: Page, signed_in: bool) -> (Step, Option<Message>) {
        // The account and its settings need a session; the sign-in steps
        // make no sense with one.
        let open = match page {
            Page::Account
            | Page::ChangePassword
            | Page::DeleteAccount
            | Page::ChangeEmail
            | Page::TwoStepSettings
            | Page::Passkeys => signed_in,
            Page::SignIn | Page::ChooseWay | Page::NewPassword | Page::TwoStep | Page::SetUpApp => {
                !signed_in
            }
            _ => true,
        };
        if open && page == self.page() {
            return (self.clone(), None);
        }
        let email = self.email().to_owned();
        let step = match (page, signed_in) {
            (
                Page::Account
                | Page::SignIn
                | Page::ChooseWay
                | Page::NewPassword
                | Page::TwoStep
                | Page::SetUpApp,
                true,
            ) => Self::SignedIn,
            (Page::NewPassword, false) => {
                let why = Message::Text(|m| m.new_password_no_challenge);
                return (Self::SignIn { email }, Some(why));
            }
            (Page::TwoStep | Page::SetUpApp | Page::ChooseWay, false) => {
                let why = Message::Who(|m| m.two_step_no_challenge);
                return (Self::SignIn { email }, Some(why));
            }
            (Page::ChangePassword, true) => Self::ChangePassword,
            (Page::DeleteAccount, true) => Self::DeleteAccount,
            (Page::ChangeEmail, true) => Self::ChangeEmail,
            (Page::TwoStepSettings, true) => Self::TwoStepSettings,
            (Page::Passkeys, true) => Self::Passkeys,
            (
                Page::Account
                | Page::SignIn
                | Page::ChangePassword
                | Page::DeleteAccount
                | Page::ChangeEmail
                | Page::TwoStepSettings
                | Page::Passkeys,
                false,
            ) => Self::SignIn { email },
            (Page::SignUp, _) => Self::SignUp,
            (Page::Confirm, _) => Self::Confirm {
                email,
                sent_to: None,
                session: None,
            },
            (Page::ForgotPassword, _) => Self::ForgotPassword { email },
            (Page::NotFound, _) => Self::NotFound,
        };
        (step, None)
    }
}
