//! A headless Chromium session driven through chromedriver. Both processes
//! are owned here and stopped even when the scenario panics; the panic is
//! then re-raised so the test still fails with its own message.

use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::eventually;

/// The workspace's `target/`, without `..` (Chromium refuses a profile
/// path containing one).
pub fn target_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("e2e lives one level below the workspace root")
        .join("target")
}

/// Starts chromedriver on a free port and waits until it listens. The child
/// is killed when dropped (`kill_on_drop`), so also when a test panics.
pub async fn start_chromedriver() -> (tokio::process::Child, u16) {
    let port = free_port();
    let driver = tokio::process::Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("chromedriver must be installed (cargo xtask test installs it)");
    eventually("chromedriver to listen", || async {
        tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .ok()
    })
    .await;
    (driver, port)
}

/// Runs `scenario` in a fresh browser profile.
pub async fn with_browser<F, Fut>(scenario: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let (mut driver, port) = start_chromedriver().await;
    let profile = target_dir().join(format!("e2e-profile-{port}"));
    let webdriver = format!("http://127.0.0.1:{port}");
    let client = connect(&webdriver, &profile)
        .await
        .unwrap_or_else(|e| panic!("chromedriver did not start Chromium: {e}"));
    crate::cdp::install_recorder(&client).await;

    let outcome = tokio::spawn(scenario(client.clone())).await;
    if outcome.is_err() {
        // What the page showed when the scenario failed, for the report.
        let name = std::thread::current()
            .name()
            .unwrap_or("e2e")
            .replace("::", "-");
        screenshot(&client, &format!("failure-{name}")).await;
    }

    let _ = client.close().await;
    let _ = driver.kill().await;
    let _ = std::fs::remove_dir_all(&profile);
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}

async fn connect(webdriver: &str, profile: &std::path::Path) -> Result<Client, String> {
    connect_with(webdriver, profile, serde_json::Map::new()).await
}

/// Starts Chromium with the tests' flags in `profile`; `extra` capabilities
/// (such as `goog:loggingPrefs`) are added to the standard ones.
pub async fn connect_with(
    webdriver: &str,
    profile: &std::path::Path,
    extra: serde_json::Map<String, serde_json::Value>,
) -> Result<Client, String> {
    let capabilities = serde_json::json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1000,900",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let serde_json::Value::Object(mut capabilities) = capabilities else {
        unreachable!()
    };
    capabilities.extend(extra);
    ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(webdriver)
        .await
        .map_err(|e| e.to_string())
}

pub fn free_port() -> u16 {
    stack_contract::ports::free_port().expect("a free port on 127.0.0.1")
}

/// Whether the element matching `css` is rendered visibly, once it is in
/// the page.
pub async fn is_displayed(client: &Client, css: &str) -> bool {
    eventually(&format!("{css} in the page"), || async {
        client
            .find(Locator::Css(css))
            .await
            .ok()?
            .is_displayed()
            .await
            .ok()
    })
    .await
}

/// Types into the input with `id`, replacing what was there. Retries when
/// the page re-renders under the element between finding and typing.
pub async fn fill(client: &Client, id: &str, text: &str) {
    let css = format!("#{id}");
    eventually(&format!("typing into {css}"), || async {
        let input = client.find(Locator::Css(&css)).await.ok()?;
        input.clear().await.ok()?;
        input.send_keys(text).await.ok()?;
        let value = input.prop("value").await.ok()??;
        (value == text).then_some(())
    })
    .await;
}

pub async fn click_button(client: &Client, label: &str) {
    let xpath = format!("//button[normalize-space()='{label}']");
    click(client, Locator::XPath(&xpath), label).await;
}

/// Clicks the first element matching `css`, once it is in the page and
/// enabled (a click on a disabled button, as while the page loads, would
/// be lost without a word).
pub async fn click_css(client: &Client, css: &str) {
    wait_enabled(client, css).await;
    click(client, Locator::Css(css), css).await;
}

/// Waits until the first element matching `css` is in the page and not
/// disabled.
pub async fn wait_enabled(client: &Client, css: &str) {
    eventually(&format!("{css} enabled"), || async {
        let element = client.find(Locator::Css(css)).await.ok()?;
        let disabled = element.prop("disabled").await.ok()?;
        (disabled.as_deref() != Some("true")).then_some(())
    })
    .await;
}

/// How many elements match `css` now.
pub async fn count(client: &Client, css: &str) -> usize {
    client
        .find_all(Locator::Css(css))
        .await
        .map_or(0, |found| found.len())
}

pub async fn click_link(client: &Client, text: &str) {
    click(client, Locator::LinkText(text), text).await;
}

async fn click(client: &Client, locator: Locator<'_>, what: &str) {
    eventually(&format!("clicking {what:?}"), || async {
        client.find(locator).await.ok()?.click().await.ok()
    })
    .await;
}

pub async fn path(client: &Client) -> String {
    client.current_url().await.unwrap().path().to_owned()
}

pub async fn wait_for_path(client: &Client, wanted: &str) {
    eventually(&format!("the page {wanted}"), || async {
        (path(client).await == wanted).then_some(())
    })
    .await;
}

/// The text of the first element matching `css`, or "" when there is none.
pub async fn text(client: &Client, css: &str) -> String {
    match client.find(Locator::Css(css)).await {
        Ok(element) => element.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

pub async fn wait_for_text(client: &Client, css: &str, wanted: &str) {
    let mut last = String::new();
    let found = tokio::time::timeout(crate::DEADLINE, async {
        loop {
            last = text(client, css).await;
            if last.contains(wanted) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    assert!(
        found.is_ok(),
        "{css} never showed {wanted:?}; it showed {last:?}"
    );
}

/// Everything in sessionStorage, as JSON.
pub async fn session_storage(client: &Client) -> serde_json::Map<String, serde_json::Value> {
    let value = client
        .execute("return Object.assign({}, window.sessionStorage);", vec![])
        .await
        .unwrap();
    value.as_object().cloned().unwrap_or_default()
}

/// The app's one sessionStorage key.
pub const SESSION_KEY: &str = "cognito-signin.session.v1";

/// The app's stored session (`idToken`, `accessToken`, `refreshToken`, …).
pub async fn stored_session(client: &Client) -> Option<serde_json::Value> {
    let storage = session_storage(client).await;
    serde_json::from_str(storage.get(SESSION_KEY)?.as_str()?).ok()
}

/// One token from the stored session.
pub async fn stored_token(client: &Client, name: &str) -> Option<String> {
    stored_session(client).await?[name]
        .as_str()
        .map(str::to_owned)
}

pub async fn stored_id_token(client: &Client) -> Option<String> {
    stored_token(client, "idToken").await
}

/// Saves a PNG of the page under `target/screenshots/`.
pub async fn screenshot(client: &Client, name: &str) {
    let dir = target_dir().join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let png = client.screenshot().await.unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// Checks the page broke no rule and leaked nothing: no CSP violation, no
/// `secrets` in the console or in any URL the page requested, and nothing
/// in localStorage.
pub async fn assert_clean(client: &Client, secrets: &[&str]) {
    let recorded = client
        .execute(
            "return {
               csp: window.__cspViolations || ['recorder missing'],
               console: window.__console || [],
               urls: [location.href, ...performance.getEntriesByType('resource').map(e => e.name)],
               localStorage: localStorage.length,
             };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(recorded["csp"], serde_json::json!([]), "CSP violations");
    assert_eq!(recorded["localStorage"], 0, "nothing goes to localStorage");
    for place in ["console", "urls"] {
        for line in recorded[place].as_array().unwrap() {
            let line = line.as_str().unwrap_or_default();
            for secret in secrets {
                assert!(
                    !line.contains(secret),
                    "a secret appeared in the {place}: {line}"
                );
            }
        }
    }
}
