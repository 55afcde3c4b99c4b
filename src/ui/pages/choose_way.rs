use leptos::prelude::*;

use crate::cognito::FirstFactor;
use crate::flow::{forms, page::Page};
use crate::i18n::{Message, Text, fill, t, tr};
use crate::ui::auth::Auth;
use crate::ui::components::{Alert, Field, Notice, Submit};
use crate::ui::one_at_a_time::{OneAtATime, request};
use crate::ui::router::Link;
use crate::ui::ways;

/// Choice-based sign-in's ways for this person (SELECT_CHALLENGE): the
/// password here, or a button per other way. The journey shows this page
/// only with the challenge in memory.
#[component]
pub fn ChooseWayPage(auth: Auth) -> impl IntoView {
    // Whether the step's choice offers `way` (tracked: a way that failed
    // brings a new choice to this same page, whose ways may differ, as
    // when a passkey was deleted meanwhile). Every way the pool allows is
    // built once and hidden when not offered: views rebuilt per choice
    // cost 2.2 KB.
    let offered = move |way: FirstFactor| {
        auth.step()
            .challenge_ways()
            .is_some_and(|ways| ways.contains(&way))
    };
    let hidden = move |way| move || !offered(way);
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);

    let choose = OneAtATime::default();
    let busy = choose.pending();
    let try_way = move |way: FirstFactor, password: String| async move {
        let step = auth.step_now();
        let Some(challenge) = step.challenge() else {
            return;
        };
        let answer = auth.cognito().choose_way(challenge, way, &password).await;
        ways::after_choice(auth, step, answer, error).await;
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let password = password.get_untracked();
        let checked = match forms::password(&password) {
            Ok(()) => Ok(request(try_way(FirstFactor::Password, password))),
            Err(e) => Err(e.into()),
        };
        choose.submit(&ev, error, checked)
    };

    let others = auth
        .config()
        .first_auth_factors
        .iter()
        .copied()
        .filter(|way| *way != FirstFactor::Password)
        .map(|way| {
            view! {
                <button type="button" id=["way-", way.name()].concat() hidden=hidden(way) on:click=move |_| {
                    error.set(None);
                    choose.run(try_way(way, String::new()));
                } disabled=move || busy.get()>
                    {tr(way_label(way))}
                </button>
            }
        })
        .collect_view();
    let who = move || fill(t().signing_in_as, &[auth.step().email()]);

    view! {
        <section class="card" aria-labelledby="title">
            <h1 id="title" tabindex="-1">{tr(|m| m.choose_way_title)}</h1>
            <Notice message=auth.notice()/>
            <p class="hint">{who}</p>
            <form on:submit=on_submit novalidate hidden=hidden(FirstFactor::Password)>
                <Field label=|m| m.password id="password" kind="password" autocomplete="current-password" value=password/>
                <Submit label=|m| m.sign_in_button busy/>
            </form>
            <div class="actions">{others}</div>
            <Alert message=error/>
            <p class="switch" hidden=hidden(FirstFactor::Password)><Link auth to=Page::ForgotPassword label=|m| m.forgot_password_link/></p>
            <p class="switch"><Link auth to=Page::SignIn label=|m| m.another_account/></p>
        </section>
    }
}

/// What the button for `way` says.
fn way_label(way: FirstFactor) -> Text {
    match way {
        FirstFactor::Password => |m| m.password,
        FirstFactor::Email => |m| m.way_email,
        FirstFactor::Sms => |m| m.way_sms,
        FirstFactor::Passkey => |m| m.way_passkey,
    }
}
