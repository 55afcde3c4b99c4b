//! The addresses the app answers, one per page. Each step of the journey
//! is shown on one of them ([`super::step::Step::page`]).

use crate::web::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The signed-in page. Not `/hello`: that path is the API's.
    Account,
    SignIn,
    /// Choice-based sign-in's ways, after the identifier: at the sign-in's
    /// address, which a reload turns back into the identifier's form.
    ChooseWay,
    SignUp,
    Confirm,
    ForgotPassword,
    NewPassword,
    /// A second factor after the password: its code, or which one to use.
    TwoStep,
    /// Setting up an authenticator app the pool requires (MFA_SETUP).
    SetUpApp,
    /// Signed in: choosing a new password.
    ChangePassword,
    /// Signed in: deleting the account, once confirmed.
    DeleteAccount,
    /// Signed in: a new email, then the code sent to it.
    ChangeEmail,
    /// Signed in: the second factors, on or off, and the preferred one.
    TwoStepSettings,
    /// Signed in: the passkeys, added and deleted.
    Passkeys,
    NotFound,
}

impl Page {
    pub fn from_path(path: &str) -> Self {
        match text::trim_end_byte(path, b'/') {
            "" => Self::Account,
            "/signin" => Self::SignIn,
            "/signup" => Self::SignUp,
            "/confirm" => Self::Confirm,
            "/forgot-password" => Self::ForgotPassword,
            "/new-password" => Self::NewPassword,
            "/two-step" => Self::TwoStep,
            "/set-up-two-step" => Self::SetUpApp,
            "/account/password" => Self::ChangePassword,
            "/account/delete" => Self::DeleteAccount,
            "/account/email" => Self::ChangeEmail,
            "/account/two-step" => Self::TwoStepSettings,
            "/account/passkeys" => Self::Passkeys,
            _ => Self::NotFound,
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Self::Account | Self::NotFound => "/",
            Self::SignIn | Self::ChooseWay => "/signin",
            Self::SignUp => "/signup",
            Self::Confirm => "/confirm",
            Self::ForgotPassword => "/forgot-password",
            Self::NewPassword => "/new-password",
            Self::TwoStep => "/two-step",
            Self::SetUpApp => "/set-up-two-step",
            Self::ChangePassword => "/account/password",
            Self::DeleteAccount => "/account/delete",
            Self::ChangeEmail => "/account/email",
            Self::TwoStepSettings => "/account/two-step",
            Self::Passkeys => "/account/passkeys",
        }
    }
}
