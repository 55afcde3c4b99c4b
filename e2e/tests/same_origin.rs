//! End-to-end tests against `cargo xtask serve`'s layout: site, config and
//! API on one origin. Run by `cargo xtask test`, one browser at a time.

use e2e::browser::*;
use e2e::flows::{sign_up_confirm_sign_in, submit_sign_in, submit_sign_in_labelled};
use e2e::http::{confirmed_user_id_token, request, sign_up};
use e2e::stack::Stack;
use e2e::{PASSWORD, eventually, unique_email};

fn stack() -> Stack {
    let stack = Stack::from_env();
    assert!(!stack.is_cross_origin(), "this target expects one origin");
    stack
}

#[tokio::test]
async fn the_original_flow_survives_a_reload_and_signs_out_cleanly() {
    let stack = stack();
    with_browser(move |client| async move {
        sign_up_confirm_sign_in(&client, &stack, true).await;

        // The call to /hello carries exactly the stored ID token.
        client
            .execute(
                "const seen = window.__authHeaders = [];
                 const original = window.fetch;
                 window.fetch = (request, init) => {
                   seen.push(new Request(request, init).headers.get('Authorization'));
                   return original(request, init);
                 };",
                vec![],
            )
            .await
            .unwrap();
        click_button(&client, "Call the API again").await;
        let sent = eventually("the API call", || async {
            let seen = client
                .execute("return window.__authHeaders;", vec![])
                .await
                .ok()?;
            seen.as_array()?.first()?.as_str().map(str::to_owned)
        })
        .await;
        assert_eq!(Some(sent), stored_id_token(&client).await);

        let stored = stored_session(&client).await.expect("a stored session");
        let secrets = [
            PASSWORD,
            stored["idToken"].as_str().unwrap(),
            stored["accessToken"].as_str().unwrap(),
            stored["refreshToken"].as_str().unwrap(),
        ];
        assert_clean(&client, &secrets).await;

        client.refresh().await.unwrap();
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        assert_eq!(path(&client).await, "/");
        assert_clean(&client, &secrets).await;

        click_button(&client, "Sign out").await;
        wait_for_path(&client, "/signin").await;
        eventually("sessionStorage to be empty", || async {
            session_storage(&client).await.is_empty().then_some(())
        })
        .await;
    })
    .await;
}

#[tokio::test]
async fn hello_refuses_missing_and_tampered_tokens() {
    let stack = stack();
    let missing = request("GET", &stack.hello_url(), &[], "");
    assert_eq!(missing.status, 401);
    assert_eq!(missing.body, r#"{"message":"Unauthorized"}"#);

    let token = confirmed_user_id_token(&stack, &unique_email("api"), PASSWORD);
    let ok = request("GET", &stack.hello_url(), &[("Authorization", &token)], "");
    assert_eq!(
        (ok.status, ok.body.as_str()),
        (200, r#""Hello from Lambda!""#)
    );

    // One byte changed in the signature.
    let mut bytes = token.into_bytes();
    let last = bytes.len() - 5;
    bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
    let forged = String::from_utf8(bytes).unwrap();
    let refused = request("GET", &stack.hello_url(), &[("Authorization", &forged)], "");
    assert_eq!(refused.status, 401);
    assert_eq!(refused.body, r#"{"message":"Unauthorized"}"#);

    // And in the browser: the page's own fetch gets the same 401.
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        let status = client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 fetch('/hello').then(r => r.text().then(b => done([r.status, b])));",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            status,
            serde_json::json!([401, r#"{"message":"Unauthorized"}"#])
        );
    })
    .await;
}

/// Submits the sign-in form and waits for its alert.
async fn sign_in_error(client: &fantoccini::Client, email: &str, password: &str) -> String {
    submit_sign_in(client, email, password).await;
    eventually("an error", || async {
        let shown = text(client, "[role=alert]").await;
        (!shown.is_empty()).then_some(shown)
    })
    .await
}

#[tokio::test]
async fn sign_in_errors_are_explained_and_store_nothing() {
    let stack = stack();
    let known = unique_email("known");
    confirmed_user_id_token(&stack, &known, PASSWORD);
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        // The alert and the notice stay in the page, so screen readers hear
        // what arrives in them, but take no room while empty.
        for region in ["#alert", ".notice"] {
            assert!(
                !is_displayed(&client, region).await,
                "{region} shows while empty"
            );
        }
        let wrong = sign_in_error(&client, &known, "Wr0ng-password!").await;
        assert_eq!(wrong, "Incorrect email or password.");
        assert!(is_displayed(&client, "#alert").await);
        screenshot(&client, "sign-in-error").await;
        assert!(session_storage(&client).await.is_empty());

        client.refresh().await.unwrap();
        let unknown = sign_in_error(&client, &unique_email("nobody"), PASSWORD).await;
        assert!(
            unknown == "No account uses this email. Check it, or sign up."
                || unknown == "Incorrect email or password.",
            "{unknown}"
        );
        assert!(session_storage(&client).await.is_empty());
        assert_eq!(path(&client).await, "/signin");
    })
    .await;
}

#[tokio::test]
async fn sign_up_errors_are_explained() {
    let stack = stack();
    let taken = unique_email("taken");
    sign_up(&stack, &taken, PASSWORD);
    with_browser(move |client| async move {
        client.goto(&stack.url("/signup")).await.unwrap();
        fill(&client, "email", &taken).await;
        fill(&client, "password", PASSWORD).await;
        fill(&client, "confirm-password", PASSWORD).await;
        click_button(&client, "Sign up").await;
        wait_for_text(
            &client,
            "[role=alert]",
            "An account with this email already exists",
        )
        .await;
        assert_eq!(path(&client).await, "/signup");

        fill(&client, "email", &unique_email("weak")).await;
        fill(&client, "password", "weakpass").await;
        fill(&client, "confirm-password", "weakpass").await;
        click_button(&client, "Sign up").await;
        wait_for_text(&client, "[role=alert]", "does not meet").await;
        let unmet = text(&client, "#password-rules li.unmet").await;
        assert!(unmet.starts_with("An uppercase letter"), "{unmet}");
        screenshot(&client, "sign-up-error").await;
        assert!(session_storage(&client).await.is_empty());
    })
    .await;
}

#[tokio::test]
async fn an_unconfirmed_user_signing_in_lands_on_confirm() {
    let stack = stack();
    let email = unique_email("unconfirmed");
    sign_up(&stack, &email, PASSWORD);
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_path(&client, "/confirm").await;
        wait_for_text(&client, "[role=status]", "not confirmed yet").await;
        let prefilled = client
            .execute("return document.getElementById('email').value;", vec![])
            .await
            .unwrap();
        assert_eq!(prefilled, serde_json::json!(email));
        assert!(session_storage(&client).await.is_empty());
    })
    .await;
}

#[tokio::test]
async fn the_site_is_served_with_a_strict_csp() {
    let stack = stack();
    let page = request("GET", &stack.url("/signin"), &[], "");
    assert_eq!(page.status, 200);
    let csp = page
        .header("Content-Security-Policy")
        .expect("a CSP header");
    for directive in [
        "script-src 'self' 'wasm-unsafe-eval'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(directive), "{directive} missing from {csp}");
    }
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    let connect = csp
        .split(';')
        .find(|d| d.trim().starts_with("connect-src"))
        .expect("connect-src");
    assert!(
        connect.contains(stack.cognito_endpoint.trim_end_matches('/')),
        "{connect}"
    );
    assert!(
        !page.body.contains("<script type=\"module\">"),
        "no inline script"
    );
}

#[tokio::test]
async fn sign_out_everywhere_revokes_the_refresh_token() {
    let stack = stack();
    let email = unique_email("everywhere");
    confirmed_user_id_token(&stack, &email, PASSWORD);
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        submit_sign_in(&client, &email, PASSWORD).await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        let refresh_token = stored_token(&client, "refreshToken").await.unwrap();

        click_button(&client, "Sign out everywhere").await;
        wait_for_path(&client, "/signin").await;
        wait_for_text(&client, "[role=status]", "signed out on all your devices").await;
        assert!(session_storage(&client).await.is_empty());

        let refresh = e2e::http::refresh(&stack, &refresh_token);
        assert_eq!(refresh.status, 400, "the refresh token no longer works");
        assert!(
            refresh.body.contains("NotAuthorizedException"),
            "{}",
            refresh.body
        );
    })
    .await;
}

#[tokio::test]
async fn a_chosen_language_is_used_everywhere_and_remembered() {
    let stack = stack();
    let email = unique_email("francais");
    confirmed_user_id_token(&stack, &email, PASSWORD);
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        wait_for_text(&client, "h1", "Sign in").await;
        client
            .find(fantoccini::Locator::Css("#language"))
            .await
            .unwrap()
            .select_by_value("fr")
            .await
            .unwrap();
        wait_for_text(&client, "h1", "Connexion").await;
        let lang = client
            .execute("return document.documentElement.lang;", vec![])
            .await
            .unwrap();
        assert_eq!(lang, serde_json::json!("fr"));

        // Remembered across a reload (localStorage), and used by errors too.
        client.refresh().await.unwrap();
        wait_for_text(&client, "h1", "Connexion").await;
        submit_sign_in_labelled(&client, &email, "Wrong-pass-1!", "Se connecter").await;
        wait_for_text(&client, "[role=alert]", "Mot de passe ou e-mail incorrect").await;
        submit_sign_in_labelled(&client, &email, PASSWORD, "Se connecter").await;
        wait_for_text(&client, "#api-result", "Hello from Lambda!").await;
        wait_for_text(&client, "h1", "Vous êtes connecté").await;
        screenshot(&client, "signed-in-fr").await;
    })
    .await;
}
