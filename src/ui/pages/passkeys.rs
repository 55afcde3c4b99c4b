use leptos::prelude::*;

use crate::cognito::Passkey;
use crate::flow::page::Page;
use crate::i18n::{Message, t, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Notice};
use crate::ui::one_at_a_time::{OneAtATime, Request, request};
use crate::ui::router::Link;
use crate::ui::swap::IntoSwap;
use crate::web::passkey;

/// The signed-in person's passkeys (ListWebAuthnCredentials): adding one
/// (StartWebAuthnRegistration, the browser's prompt,
/// CompleteWebAuthnRegistration) and deleting any.
#[component]
pub fn PasskeysPage(auth: Auth) -> impl IntoView {
    let list = RwSignal::new(None::<Vec<Passkey>>);
    let error = RwSignal::new(None::<Message>);
    let notice = auth.notice();

    let load = move || async move {
        let Some(token) = auth.access_token(error).await else {
            return;
        };
        match auth.cognito().passkeys(&token).await {
            Ok(passkeys) => list.set(Some(passkeys)),
            Err(e) => error.set(Some(e.into())),
        }
    };
    let work = OneAtATime::default();
    work.run(load());
    let busy = work.pending();

    let add = move || async move {
        let Some(token) = auth.access_token(error).await else {
            return;
        };
        let cognito = auth.cognito();
        let added = match cognito.passkey_options(&token).await {
            Ok(options) => match passkey::create(&options).await {
                Ok(credential) => cognito
                    .add_passkey(&token, &credential)
                    .await
                    .map_err(Message::from),
                Err(e) => Err(e.into()),
            },
            Err(e) => Err(e.into()),
        };
        match added {
            Ok(()) => {
                notice.set(Some(Message::Text(|m| m.passkey_added)));
                load().await;
            }
            Err(why) => error.set(Some(why)),
        }
    };
    let delete = move |id: String| async move {
        let Some(token) = auth.access_token(error).await else {
            return;
        };
        match auth.cognito().delete_passkey(&token, &id).await {
            Ok(()) => {
                notice.set(Some(Message::Text(|m| m.passkey_deleted)));
                load().await;
            }
            Err(e) => error.set(Some(e.into())),
        }
    };
    let start = move |job: Request| {
        error.set(None);
        notice.set(None);
        work.run(job);
    };

    let shown = move || {
        list.get().map(|passkeys| {
            if passkeys.is_empty() {
                return view! { <p class="hint">{tr(|m| m.no_passkeys)}</p> }.into_swap();
            }
            view! {
                <ul id="passkey-list" class="passkeys">
                    {passkeys
                        .into_iter()
                        .map(|key| {
                            let id = key.id.clone();
                            view! {
                                <li>
                                    <span>{key.name}</span>
                                    " "
                                    <span class="hint">{key.created_at.map(added_on)}</span>
                                    <button type="button" class="delete-passkey" on:click=move |_| start(request(delete(id.clone()))) disabled=move || busy.get()>
                                        {tr(|m| m.delete_passkey)}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_swap()
        })
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.passkeys_title)}</h1>
            <Notice message=notice/>
            <p class="hint">{tr(|m| m.passkeys_intro)}</p>
            {shown}
            <Alert message=error/>
            <div class="actions">
                <button type="button" id="add-passkey" class="primary" on:click=move |_| start(request(add())) disabled=move || busy.get()>
                    {tr(|m| m.add_passkey)}
                </button>
            </div>
            <p class="switch"><Link auth to=Page::Account label=|m| m.back_to_account/></p>
        </section>
    }
}

/// "Added 3 Dec 2026", in the chosen language.
fn added_on(seconds: f64) -> String {
    let date = js_sys::Date::new(&(seconds * 1000.0).into());
    let day: String = date
        .to_locale_date_string(t().code, &js_sys::Object::new().into())
        .into();
    crate::i18n::fill(t().passkey_added_on, &[&day])
}
