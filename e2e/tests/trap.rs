//! When the app's code cannot run (it trapped, or never started), nothing
//! typed leaks and the page says what to do. Runs against the one-origin
//! stack.

use e2e::browser::*;
use e2e::stack::Stack;
use e2e::{PASSWORD, eventually, unique_email};

/// `form.submit()` sends the form the way the browser does when no submit
/// handler runs: with every named field, in the address for a GET form.
#[tokio::test]
async fn a_form_submitted_without_the_app_puts_nothing_typed_in_the_address() {
    let stack = Stack::from_env();
    with_browser(move |client| async move {
        for (page, password_id) in [("/signin", "password"), ("/signup", "confirm-password")] {
            let email = unique_email("trap");
            client.goto(&stack.url(page)).await.unwrap();
            fill(&client, "email", &email).await;
            fill(&client, password_id, PASSWORD).await;
            client
                .execute(
                    "window.__oldDocument = true; document.querySelector('form').submit();",
                    vec![],
                )
                .await
                .unwrap();
            eventually(
                "the form's plain submission to load a new document",
                || async {
                    let old = client
                        .execute("return window.__oldDocument === true;", vec![])
                        .await
                        .ok()?;
                    (old == false).then_some(())
                },
            )
            .await;
            let url = client.current_url().await.unwrap();
            let address = url.as_str();
            for typed in [PASSWORD, email.as_str(), "example.com", "Corr3ct"] {
                assert!(
                    !address.contains(typed),
                    "{page}: the address {address:?} holds what was typed"
                );
            }
            assert_eq!(url.query().unwrap_or_default(), "", "{page}: {address}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_trap_says_so_instead_of_leaving_a_frozen_page() {
    let stack = Stack::from_env();
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        wait_for_text(&client, "h1", "Sign in").await;
        // What the browser delivers when wasm traps in an event handler: an
        // error event carrying the WebAssembly.RuntimeError. Dispatched by
        // hand, since an error thrown by WebDriver's own script reaches the
        // page muted (no `error` object), as any foreign script's does.
        client
            .execute(
                "dispatchEvent(new ErrorEvent('error', \
                   {error: new WebAssembly.RuntimeError('unreachable')}));",
                vec![],
            )
            .await
            .unwrap();
        wait_for_text(&client, "#trap", "Something went wrong. Reload the page.").await;
        assert_eq!(
            text(&client, "main").await,
            "Something went wrong. Reload the page."
        );

        // A trap in a task (a future the app spawned) arrives as an
        // unhandled rejection.
        client.refresh().await.unwrap();
        wait_for_text(&client, "h1", "Sign in").await;
        client
            .execute(
                "dispatchEvent(new PromiseRejectionEvent('unhandledrejection', \
                   {promise: Promise.resolve(), \
                    reason: new WebAssembly.RuntimeError('unreachable')}));",
                vec![],
            )
            .await
            .unwrap();
        wait_for_text(&client, "#trap", "Something went wrong. Reload the page.").await;

        // Any other error is the page's business, not a trap.
        client.refresh().await.unwrap();
        wait_for_text(&client, "h1", "Sign in").await;
        client
            .execute(
                "dispatchEvent(new ErrorEvent('error', {error: new TypeError('not a trap')}));",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(text(&client, "#trap").await, "");
        assert!(text(&client, "h1").await.contains("Sign in"));
    })
    .await;
}
