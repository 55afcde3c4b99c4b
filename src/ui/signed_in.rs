//! The pages only a signed-in person sees, loaded apart from the sign-in
//! form: account settings, passkeys, and setting up an authenticator app
//! (with its QR encoder). The release build splits them into a second wasm
//! module (`cargo xtask site`, the `split` feature), fetched as soon as the
//! first page is up, so the sign-in form waits for none of their bytes.
//! Without the feature (`trunk serve`, the browser tests) they are plain
//! calls in the one module.

use leptos::prelude::*;

use crate::flow::page::Page;
use crate::i18n::tr;
use crate::ui::auth::Auth;
use crate::ui::focus::focus_after_render;
use crate::ui::pages::{
    account::AccountPage, change_email::ChangeEmailPage, change_password::ChangePasswordPage,
    delete_account::DeleteAccountPage, not_found::NotFoundPage, passkeys::PasskeysPage,
    set_up_app::SetUpAppPage, two_step_settings::TwoStepSettingsPage,
};
use crate::ui::swap::{IntoSwap, Swap};

/// One of the signed-in pages: "Loading…" until its module is in (at once
/// when it already is), then the page, or words saying it could not load.
#[component]
pub fn SignedInPage(page: Page, auth: Auth) -> impl IntoView {
    let loaded = RwSignal::new_local(None::<Swap>);
    let failed = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        match page_view(page, auth).await {
            Ok(view) => loaded.set(Some(view)),
            Err(Unloaded) => failed.set(true),
        }
        focus_after_render("title");
    });
    move || {
        loaded.track();
        match loaded.try_update_untracked(Option::take).flatten() {
            Some(view) => view,
            None if failed.get() => view! {
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

/// Fetches the signed-in pages' module ahead of need; a failure is left
/// for the page that needs it to report.
pub fn preload() {
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async {
        let _ = preload_signed_in().await;
    });
}

/// The signed-in pages' module could not be fetched.
#[derive(Debug)]
pub struct Unloaded;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for Unloaded {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Unloaded
    }
}

#[cfg(not(feature = "split"))]
async fn page_view(page: Page, auth: Auth) -> Result<Swap, Unloaded> {
    build(page, auth)
}

#[cfg(feature = "split")]
async fn page_view(page: Page, auth: Auth) -> Result<Swap, Unloaded> {
    build(page, auth).await
}

/// The split point: everything only this reaches goes to the second module.
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(signed_in, preload(preload_signed_in), fallible)
)]
fn build(page: Page, auth: Auth) -> Result<Swap, Unloaded> {
    Ok(match page {
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
