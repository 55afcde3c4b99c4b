//! Chromium's virtual authenticator (the DevTools protocol's `WebAuthn`
//! domain), standing in for the person's phone or laptop: a passkey made
//! by `navigator.credentials.create` is kept in it, and
//! `navigator.credentials.get` signs with it, with no prompt to answer.
//!
//! The authenticator belongs to the tab it was added in, and stays across
//! that tab's navigations; another window has none.

use fantoccini::Client;
use serde_json::{Value, json};

use crate::cdp;

/// A platform authenticator (`internal`) that keeps discoverable
/// credentials and verifies its user at once: a passkey on this device.
#[derive(Debug, Clone)]
pub struct Authenticator {
    pub id: String,
}

impl Authenticator {
    /// Turns on the virtual environment for the current tab and adds the
    /// authenticator to it.
    pub async fn add(client: &Client) -> Self {
        cdp::execute(client, "WebAuthn.enable", json!({})).await;
        let added = cdp::execute(
            client,
            "WebAuthn.addVirtualAuthenticator",
            json!({"options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": true,
                "hasUserVerification": true,
                "isUserVerified": true,
                "automaticPresenceSimulation": true,
            }}),
        )
        .await;
        let id = added["authenticatorId"]
            .as_str()
            .unwrap_or_else(|| panic!("no authenticatorId in {added}"))
            .to_owned();
        Authenticator { id }
    }

    /// The credentials it holds (`credentialId`, `rpId`, `userHandle`,
    /// `signCount`, `isResidentCredential`, …).
    pub async fn credentials(&self, client: &Client) -> Vec<Value> {
        let listed = cdp::execute(
            client,
            "WebAuthn.getCredentials",
            json!({"authenticatorId": self.id}),
        )
        .await;
        listed["credentials"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Whether the person passes the authenticator's check (fingerprint,
    /// PIN). Not passed, the prompt ends as when the person closes it:
    /// every request of the app (and Cognito's) requires verification, so
    /// `navigator.credentials.get` rejects at once with `NotAllowedError`.
    pub async fn set_user_verified(&self, client: &Client, verified: bool) {
        cdp::execute(
            client,
            "WebAuthn.setUserVerified",
            json!({"authenticatorId": self.id, "isUserVerified": verified}),
        )
        .await;
    }
}

/// Calls `navigator.credentials.create` in the page for a made-up person
/// and challenge, with relying party `rp_id`: what the page answered, as
/// `{ok, id}` or `{ok: false, name, message}`.
pub async fn create_in_page(client: &Client, rp_id: &str) -> Value {
    client
        .execute_async(
            r#"const [rpId, done] = arguments;
               const random = (n) => crypto.getRandomValues(new Uint8Array(n));
               navigator.credentials.create({publicKey: {
                 challenge: random(32),
                 rp: {id: rpId, name: "e2e"},
                 user: {id: random(16), name: "harness@example.com", displayName: "Harness"},
                 pubKeyCredParams: [{type: "public-key", alg: -7}],
                 authenticatorSelection: {residentKey: "required", userVerification: "required"},
                 timeout: 20000,
               }}).then(
                 (c) => done({ok: true, id: c.id}),
                 (e) => done({ok: false, name: e.name, message: e.message}));"#,
            vec![json!(rp_id)],
        )
        .await
        .expect("navigator.credentials.create ran")
}

/// Calls `navigator.credentials.get` in the page for any passkey of
/// `rp_id`: `{ok, id}` or `{ok: false, name, message}`, and how long it
/// took (`ms`).
pub async fn get_in_page(client: &Client, rp_id: &str) -> Value {
    client
        .execute_async(
            r#"const [rpId, done] = arguments;
               const started = performance.now();
               const ms = () => Math.round(performance.now() - started);
               navigator.credentials.get({publicKey: {
                 challenge: crypto.getRandomValues(new Uint8Array(32)),
                 rpId, userVerification: "required", timeout: 20000,
               }}).then(
                 (c) => done({ok: true, id: c.id, ms: ms()}),
                 (e) => done({ok: false, name: e.name, message: e.message, ms: ms()}));"#,
            vec![json!(rp_id)],
        )
        .await
        .expect("navigator.credentials.get ran")
}

/// Holds the page's next passkey prompts: `navigator.credentials.get`
/// waits, unanswered, until [`release_prompts`]; then the real one runs
/// (on the virtual authenticator, as before). For what happens elsewhere
/// while a person looks at the prompt.
pub async fn hold_prompts(client: &Client) {
    client
        .execute(
            "const proto = CredentialsContainer.prototype;
             const real = proto.get;
             let open;
             const gate = new Promise((resolve) => (open = resolve));
             window.__passkeyPrompts = 0;
             window.__releasePasskeyPrompts = open;
             proto.get = function (options) {
               window.__passkeyPrompts += 1;
               return gate.then(() => real.call(this, options));
             };",
            vec![],
        )
        .await
        .expect("the prompt holder installed");
}

/// How many prompts the page has opened since [`hold_prompts`].
pub async fn held_prompts(client: &Client) -> u64 {
    client
        .execute("return window.__passkeyPrompts || 0;", vec![])
        .await
        .ok()
        .and_then(|n| n.as_u64())
        .unwrap_or(0)
}

/// Lets the held prompts go on to the authenticator.
pub async fn release_prompts(client: &Client) {
    client
        .execute("window.__releasePasskeyPrompts();", vec![])
        .await
        .expect("the held prompts released");
}
