//! Choice-based sign-in through the UI, on the local stack's `essentials`
//! pool (its own site on `http://localhost:PORT`, as a passkey's relying
//! party must be a domain): passkeys made and used by Chromium's virtual
//! authenticator, codes by email, sign-up without a password.

use e2e::browser::*;
use e2e::passkey::{self, Authenticator};
use e2e::stack::Stack;

/// The harness itself, before any of the app: a passkey made in the page
/// on the site's origin is held by the virtual authenticator and signs;
/// an unverified person's prompt is refused at once, as a closed one.
#[tokio::test]
async fn the_virtual_authenticator_holds_a_passkey_made_in_the_page() {
    let stack = Stack::from_env().pool("essentials");
    with_browser(move |client| async move {
        client.goto(&stack.url("/signin")).await.unwrap();
        let authenticator = Authenticator::add(&client).await;
        assert!(authenticator.credentials(&client).await.is_empty());

        let made = passkey::create_in_page(&client, "localhost").await;
        assert_eq!(made["ok"], true, "{made}");
        let held = authenticator.credentials(&client).await;
        eprintln!("held: {held:?}");
        assert_eq!(held.len(), 1);
        assert_eq!(held[0]["rpId"], "localhost");
        assert_eq!(held[0]["isResidentCredential"], true);

        // Kept across a navigation in the same tab.
        client.goto(&stack.url("/signup")).await.unwrap();
        let signed = passkey::get_in_page(&client, "localhost").await;
        eprintln!("signed: {signed}");
        assert_eq!(signed["ok"], true, "{signed}");
        assert_eq!(signed["id"], made["id"]);

        authenticator.set_user_verified(&client, false).await;
        let closed = passkey::get_in_page(&client, "localhost").await;
        eprintln!("closed: {closed}");
        assert_eq!(closed["name"], "NotAllowedError", "{closed}");
        assert!(closed["ms"].as_u64().unwrap() < 5000, "{closed}");
    })
    .await;
}
