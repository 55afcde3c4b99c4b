use leptos::prelude::*;

use crate::cognito::FirstFactor;
use crate::flow::{forms, page::Page, step::Step};
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
    let shown = auth.step_now();
    let ways = match &shown {
        Step::ChooseWay { ways, .. } => ways.clone(),
        _ => Vec::new(),
    };
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

    let has_password = ways.contains(&FirstFactor::Password);
    let others = ways
        .into_iter()
        .filter(|way| *way != FirstFactor::Password)
        .map(|way| {
            view! {
                <button type="button" id=["way-", way.name()].concat() on:click=move |_| {
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
            {has_password.then(|| view! {
                <form on:submit=on_submit novalidate>
                    <Field label=|m| m.password id="password" kind="password" autocomplete="current-password" value=password/>
                    <Submit label=|m| m.sign_in_button busy/>
                </form>
            })}
            <div class="actions">{others}</div>
            <Alert message=error/>
            {has_password.then(|| view! {
                <p class="switch"><Link auth to=Page::ForgotPassword label=|m| m.forgot_password_link/></p>
            })}
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
