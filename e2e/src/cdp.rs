//! Chrome DevTools Protocol commands through chromedriver's
//! `goog/cdp/execute` endpoint, for what WebDriver itself cannot do.

use fantoccini::Client;
use fantoccini::wd::WebDriverCompatibleCommand;

/// A POST of a JSON body to one of chromedriver's own endpoints under the
/// session (`goog/cdp/execute`, `se/log`).
#[derive(Debug)]
struct SessionPost {
    path: &'static str,
    body: serde_json::Value,
}

impl WebDriverCompatibleCommand for SessionPost {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/{}",
            session.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// Posts `body` to chromedriver's `path` under the session.
pub(crate) async fn session_post(
    client: &Client,
    path: &'static str,
    body: serde_json::Value,
) -> Result<serde_json::Value, fantoccini::error::CmdError> {
    client.issue_cmd(SessionPost { path, body }).await
}

pub async fn execute(
    client: &Client,
    method: &'static str,
    params: serde_json::Value,
) -> serde_json::Value {
    try_execute(client, method, params)
        .await
        .unwrap_or_else(|e| panic!("CDP {method} failed: {e}"))
}

/// As [`execute`], for commands the caller can do without.
pub async fn try_execute(
    client: &Client,
    method: &'static str,
    params: serde_json::Value,
) -> Result<serde_json::Value, fantoccini::error::CmdError> {
    let body = serde_json::json!({"cmd": method, "params": params});
    session_post(client, "goog/cdp/execute", body).await
}

/// Runs before any of the page's own scripts, in every document: records
/// CSP violations and everything written to the console, so tests can
/// assert that none happened and that no secret was logged.
const RECORDER: &str = r#"
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));
window.__console = [];
for (const level of ["log", "info", "warn", "error", "debug"]) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    window.__console.push(args.map(String).join(" "));
    original(...args);
  };
}
window.addEventListener("error", (e) => window.__console.push(String(e.message)));
"#;

pub async fn install_recorder(client: &Client) {
    execute(
        client,
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": RECORDER }),
    )
    .await;
}
