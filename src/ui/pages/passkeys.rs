use leptos::prelude::*;

use crate::cognito::Passkey;
use crate::flow::page::Page;
use crate::i18n::{Message, Text, fill, t, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Notice};
use crate::ui::one_at_a_time::OneAtATime;
use crate::ui::router::Link;

/// What the page does, one at a time; each ends with the list loaded
/// again. One future for all three: a future per button cost 2 KB.
enum Job {
    Load,
    Add,
    Delete(String),
}

/// The signed-in person's passkeys (ListWebAuthnCredentials): adding one
/// (StartWebAuthnRegistration, the browser's prompt,
/// CompleteWebAuthnRegistration) and deleting any.
#[component]
pub fn PasskeysPage(auth: Auth) -> impl IntoView {
    let list = RwSignal::new(Vec::<Passkey>::new());
    let error = RwSignal::new(None::<Message>);
    let notice = auth.notice();

    let run = move |job: Job| async move {
        let Some(token) = auth.access_token(error).await else {
            return;
        };
        let cognito = auth.cognito();
        let done: Result<Option<Text>, Message> = match job {
            Job::Load => Ok(None),
            Job::Add => cognito
                .add_passkey(&token)
                .await
                .map(|()| Some::<Text>(|m| m.passkey_added))
                .map_err(Message::from),
            Job::Delete(id) => cognito
                .delete_passkey(&token, &id)
                .await
                .map(|()| Some::<Text>(|m| m.passkey_deleted))
                .map_err(Message::from),
        };
        if let Ok(Some(said)) = done {
            notice.set(Some(Message::Text(said)));
        }
        match cognito.passkeys(&token).await {
            Ok(passkeys) => list.set(passkeys),
            Err(e) => error.set(Some(e.into())),
        }
        if let Err(why) = done {
            error.set(Some(why));
        }
    };
    let work = OneAtATime::default();
    work.run(run(Job::Load));
    let busy = work.pending();
    let start = move |job: Job| {
        error.set(None);
        notice.set(None);
        work.run(run(job));
    };

    let shown = move || {
        list.get()
            .into_iter()
            .map(|key| {
                let id = key.id;
                view! {
                    <li>
                        {key.name} " " {key.created_at.map(added_on)} " "
                        <button type="button" class="delete-passkey" on:click=move |_| start(Job::Delete(id.clone())) disabled=move || busy.get()>
                            {tr(|m| m.delete_passkey)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.passkeys_title)}</h1>
            <Notice message=notice/>
            <p class="hint">{tr(|m| m.passkeys_intro)}</p>
            <ul id="passkey-list" class="passkeys">{shown}</ul>
            <Alert message=error/>
            <div class="actions">
                <button type="button" id="add-passkey" class="primary" on:click=move |_| start(Job::Add) disabled=move || busy.get()>
                    {tr(|m| m.add_passkey)}
                </button>
            </div>
            <p class="switch"><Link auth to=Page::Account label=|m| m.back_to_account/></p>
        </section>
    }
}

/// "added 12/3/2026", the date in the chosen language's way.
fn added_on(seconds: f64) -> String {
    let date = js_sys::Date::new(&(seconds * 1000.0).into());
    let m = t();
    let day: String = date
        .to_locale_date_string(m.code, &js_sys::Object::new().into())
        .into();
    fill(m.passkey_added_on, &[&day])
}
