//! The pages the sign-in form does not need, loaded after it: the page of
//! ways (choice-based sign-in's second step, after Cognito's first answer),
//! signing up and confirming, a forgotten or new password, a second
//! factor, the account page and its settings, passkeys, and setting up an
//! authenticator app (with its QR encoder). The release build (`cargo
//! xtask site`, the `split` feature) splits them into one wasm module of
//! their own, `later`, fetched as soon as the first page is up, so the form
//! waits for none of their bytes and a person who goes on finds them
//! already there.
//!
//! One module rather than one per group: the sign-in form waits for the
//! same bytes either way, and every module is compressed and optimised
//! apart, so two modules (and a third for what they shared) weighed 5.7 KB
//! more in all (README, Benchmark).
//!
//! Without the feature (`trunk serve`, the browser tests) they are plain
//! calls in the one module.

use leptos::prelude::*;

use crate::flow::page::Page;
use crate::i18n::tr;
use crate::ui::auth::Auth;
use crate::ui::focus::focus_after_render;
use crate::ui::pages::{
    account::AccountPage, change_email::ChangeEmailPage, change_password::ChangePasswordPage,
    choose_way::ChooseWayPage, confirm::ConfirmPage, delete_account::DeleteAccountPage,
    forgot_password::ForgotPasswordPage, new_password::NewPasswordPage, not_found::NotFoundPage,
    passkeys::PasskeysPage, set_up_app::SetUpAppPage, sign_up::SignUpPage, two_step::TwoStepPage,
    two_step_settings::TwoStepSettingsPage,
};
use crate::ui::swap::{IntoSwap, Swap};

/// One of the later pages: "Loading…" until its module is in (at once when
/// it already is), then the page, or words saying it could not load.
#[component]
pub fn LaterPage(page: Page, auth: Auth) -> impl IntoView {
    let fetched = RwSignal::new_local(None::<Result<Swap, Unloaded>>);
    leptos::task::spawn_local(async move {
        fetched.set(Some(page_view(page, auth).await));
        focus_after_render("title");
    });
    move || {
        fetched.track();
        match fetched.try_update_untracked(Option::take).flatten() {
            Some(Ok(view)) => view,
            Some(Err(Unloaded)) => view! {
                <section class="card" aria-labelledby="title">
                    <h1 id="title" tabindex="-1">{tr(|m| m.page_unavailable_title)}</h1>
                    <p class="alert" role="alert">{tr(|m| m.page_unavailable)}</p>
                </section>
            }
            .into_swap(),
            None => view! { <p class="loading" role="status">{tr(|m| m.loading)}</p> }.into_swap(),
        }
    }
}

/// Fetches the later pages' module ahead of need, once the first page is
/// painted; a failure is left for a page that needs it to report.
pub fn preload() {
    #[cfg(feature = "split")]
    leptos::prelude::request_animation_frame(|| {
        leptos::task::spawn_local(async {
            let _ = preload_later().await;
        })
    });
}

/// The later pages' module could not be fetched.
#[derive(Debug)]
pub struct Unloaded;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for Unloaded {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Unloaded
    }
}

/// The page; with the feature, the split point's call is a future that may
/// first have to fetch the module.
async fn page_view(page: Page, auth: Auth) -> Result<Swap, Unloaded> {
    #[cfg(feature = "split")]
    return later(page, auth).await;
    #[cfg(not(feature = "split"))]
    later(page, auth)
}

/// The split point: everything only this reaches goes to the `later` module.
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(later, preload(preload_later), fallible)
)]
fn later(page: Page, auth: Auth) -> Result<Swap, Unloaded> {
    Ok(match page {
        Page::SignUp => view! { <SignUpPage auth/> }.into_swap(),
        Page::Confirm => view! { <ConfirmPage auth/> }.into_swap(),
        Page::ForgotPassword => view! { <ForgotPasswordPage auth/> }.into_swap(),
        Page::NewPassword => view! { <NewPasswordPage auth/> }.into_swap(),
        Page::ChooseWay => view! { <ChooseWayPage auth/> }.into_swap(),
        Page::TwoStep => view! { <TwoStepPage auth/> }.into_swap(),
        Page::Account => view! { <AccountPage auth/> }.into_swap(),
        Page::SetUpApp => view! { <SetUpAppPage auth/> }.into_swap(),
        Page::ChangePassword => view! { <ChangePasswordPage auth/> }.into_swap(),
        Page::DeleteAccount => view! { <DeleteAccountPage auth/> }.into_swap(),
        Page::ChangeEmail => view! { <ChangeEmailPage auth/> }.into_swap(),
        Page::TwoStepSettings => view! { <TwoStepSettingsPage auth/> }.into_swap(),
        Page::Passkeys => view! { <PasskeysPage auth/> }.into_swap(),
        _ => view! { <NotFoundPage auth/> }.into_swap(),
    })
}
