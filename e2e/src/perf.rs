//! Page metrics for `cargo xtask bench` (bin `page-metrics`): one fresh
//! Chromium profile per run, a probe injected before the page's own scripts
//! that records, with `performance.now()`, when the sign-in form became
//! usable and when the API's answer appeared after "Sign in", and
//! chromedriver's performance log to count the requests signing in took
//! (CORS preflights included, which resource timing leaves out).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::Client;
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{Value, json};

use crate::browser::{self, click_button, fill};
use crate::stack::Stack;

/// DevTools throttling for the slow condition.
#[derive(Debug, Clone, Copy)]
pub struct Throttling {
    pub latency_ms: u32,
    pub download_kbps: u32,
    pub upload_kbps: u32,
    pub cpu_slowdown: u32,
}

/// 150 ms round trips, 1.6 Mbps down, 750 kbps up, CPU 4x slower.
pub const SLOW: Throttling = Throttling {
    latency_ms: 150,
    download_kbps: 1600,
    upload_kbps: 750,
    cpu_slowdown: 4,
};

/// Longest wait for any one thing in a run (a throttled page is slow).
const WAIT: Duration = Duration::from_secs(60);

/// Runs before the page's scripts in every document. Records:
/// - `usable`: the first time `#email` is connected, enabled and has an
///   input listener (listeners are seen by wrapping `addEventListener`),
///   with the resource entries and the navigation entry at that moment;
/// - every WebAssembly instance, to sum its memories;
/// - `signInClick` (a click on the "Sign in" button) and `hello` (the first
///   time `#api-result` shows the API's answer after it).
const PROBE: &str = r#"
(() => {
  const bench = { usable: null, resources: null, navigation: null, signInClick: null, hello: null };
  window.__bench = bench;
  const listeners = new WeakMap();
  const addEventListener = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    let types = listeners.get(this);
    if (!types) { types = new Set(); listeners.set(this, types); }
    types.add(type);
    const result = addEventListener.call(this, type, listener, options);
    queueMicrotask(check);
    return result;
  };
  const instances = [];
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    if (!original) continue;
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((result) => {
        instances.push(result.instance || result);
        return result;
      });
    };
  }
  bench.wasmMemoryBytes = () => {
    let sum = 0;
    for (const instance of instances) {
      for (const value of Object.values(instance.exports || {})) {
        if (value instanceof WebAssembly.Memory) sum += value.buffer.byteLength;
      }
    }
    return instances.length ? sum : null;
  };
  const INPUT_EVENTS = ["input", "change", "beforeinput", "keydown", "keyup"];
  const entry = (e) => ({
    name: e.name, initiatorType: e.initiatorType, transferSize: e.transferSize,
    encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize,
  });
  function check() {
    if (bench.usable === null) {
      const email = document.getElementById("email");
      const types = email && listeners.get(email);
      if (email && email.isConnected && email.matches(":enabled") && types
          && INPUT_EVENTS.some((t) => types.has(t))) {
        bench.usable = performance.now();
        bench.resources = performance.getEntriesByType("resource").map(entry);
        const nav = performance.getEntriesByType("navigation")[0];
        bench.navigation = nav ? entry(nav) : null;
      }
    }
    if (bench.signInClick !== null && bench.hello === null) {
      const result = document.getElementById("api-result");
      if (result && result.textContent.includes("Hello from Lambda!")) bench.hello = performance.now();
    }
  }
  new MutationObserver(check).observe(document, {
    childList: true, subtree: true, attributes: true, characterData: true,
  });
  addEventListener.call(document, "click", (event) => {
    const button = event.target instanceof Element && event.target.closest("button");
    if (button && button.textContent.trim() === "Sign in" && bench.signInClick === null) {
      bench.signInClick = performance.now();
    }
  }, true);
})();
"#;

/// One run's figures; times in ms from navigation start.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Run {
    pub usable_ms: f64,
    pub first_contentful_paint_ms: Option<f64>,
    /// The document plus every resource fetched before the form was usable.
    pub requests_before_usable: usize,
    /// Bytes on the wire (headers included) for those requests.
    pub transfer_bytes_before_usable: u64,
    /// Bodies as sent (compressed), without headers.
    pub encoded_bytes_before_usable: u64,
    pub decoded_bytes_before_usable: u64,
    pub resources_before_usable: Vec<Value>,
    pub wasm_memory_bytes: Option<u64>,
    pub js_heap_used_bytes: Option<u64>,
    pub js_heap_total_bytes: Option<u64>,
    pub sign_in_to_hello_ms: f64,
    pub sign_in_requests: usize,
    pub sign_in_preflights: usize,
    /// `METHOD origin/path` of each, in order (no query strings, no bodies).
    pub sign_in_request_list: Vec<String>,
}

/// chromedriver's log endpoint, drained on every call.
#[derive(Debug)]
struct GetLog;

impl WebDriverCompatibleCommand for GetLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"type": "performance"}).to_string()),
        )
    }
}

async fn performance_log(client: &Client) -> Vec<Value> {
    let entries = client
        .issue_cmd(GetLog)
        .await
        .unwrap_or_else(|e| panic!("reading chromedriver's performance log: {e}"));
    entries
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|entry| serde_json::from_str::<Value>(entry["message"].as_str()?).ok())
        .map(|message| message["message"].clone())
        .collect()
}

/// chromedriver and Chromium with a fresh profile, stopped on drop.
struct Session {
    client: Client,
    driver: tokio::process::Child,
    profile: PathBuf,
}

impl Session {
    async fn start() -> Session {
        let (driver, port) = browser::start_chromedriver().await;
        let profile = browser::target_dir().join(format!("bench-profile-{port}"));
        let _ = std::fs::remove_dir_all(&profile);
        let Value::Object(logging) = json!({"goog:loggingPrefs": {"performance": "ALL"}}) else {
            unreachable!()
        };
        let client = browser::connect_with(&format!("http://127.0.0.1:{port}"), &profile, logging)
            .await
            .unwrap_or_else(|e| panic!("chromedriver did not start Chromium: {e}"));
        Session {
            client,
            driver,
            profile,
        }
    }

    async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill().await;
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // kill_on_drop stops chromedriver if `stop` was never reached.
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

async fn script(client: &Client, js: &str) -> Value {
    client
        .execute(js, vec![])
        .await
        .unwrap_or_else(|e| panic!("running {js:?}: {e}"))
}

async fn number(client: &Client, js: &str) -> Option<f64> {
    script(client, js).await.as_f64()
}

/// One measured visit: load the site, wait for the form, sign in as
/// `email` (already confirmed), wait for the API's answer.
pub async fn measure(
    stack: &Stack,
    throttling: Option<Throttling>,
    email: &str,
    password: &str,
) -> Run {
    let session = Session::start().await;
    let client = &session.client;
    crate::cdp::execute(
        client,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": PROBE }),
    )
    .await;
    if let Some(t) = throttling {
        crate::cdp::execute(client, "Network.enable", json!({})).await;
        crate::cdp::execute(
            client,
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": t.latency_ms,
                "downloadThroughput": f64::from(t.download_kbps) * 1000.0 / 8.0,
                "uploadThroughput": f64::from(t.upload_kbps) * 1000.0 / 8.0,
            }),
        )
        .await;
        crate::cdp::execute(
            client,
            "Emulation.setCPUThrottlingRate",
            json!({ "rate": t.cpu_slowdown }),
        )
        .await;
    }

    client.goto(&stack.url("/")).await.expect("the site loads");
    let usable_ms = crate::eventually_within("the sign-in form to be usable", WAIT, || async {
        number(client, "return window.__bench && window.__bench.usable;").await
    })
    .await;
    let first_contentful_paint_ms = poll_optional(client, "return (performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint') || {}).startTime;").await;
    let at_usable = script(
        client,
        "return { resources: window.__bench.resources, navigation: window.__bench.navigation };",
    )
    .await;
    let mut resources: Vec<Value> = at_usable["navigation"]
        .is_object()
        .then(|| at_usable["navigation"].clone())
        .into_iter()
        .collect();
    resources.extend(
        at_usable["resources"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
    );
    let total = |field: &str| {
        resources
            .iter()
            .map(|r| r[field].as_f64().unwrap_or(0.0) as u64)
            .sum::<u64>()
    };
    let (transfer, encoded, decoded) = (
        total("transferSize"),
        total("encodedBodySize"),
        total("decodedBodySize"),
    );

    let wasm_memory_bytes = number(client, "return window.__bench.wasmMemoryBytes();")
        .await
        .map(|b| b as u64);
    let heap = crate::cdp::try_execute(client, "Runtime.getHeapUsage", json!({}))
        .await
        .ok();
    let (js_heap_used_bytes, js_heap_total_bytes) = match heap {
        Some(heap) => (heap["usedSize"].as_u64(), heap["totalSize"].as_u64()),
        None => (
            number(
                client,
                "return performance.memory && performance.memory.usedJSHeapSize;",
            )
            .await
            .map(|b| b as u64),
            number(
                client,
                "return performance.memory && performance.memory.totalJSHeapSize;",
            )
            .await
            .map(|b| b as u64),
        ),
    };

    fill(client, "email", email).await;
    fill(client, "password", password).await;
    performance_log(client).await; // drop everything before the click
    click_button(client, "Sign in").await;
    let hello =
        crate::eventually_within("\"Hello from Lambda!\" after signing in", WAIT, || async {
            let times = script(
                client,
                "return [window.__bench.signInClick, window.__bench.hello];",
            )
            .await;
            Some((times[0].as_f64()?, times[1].as_f64()?))
        })
        .await;
    let (requests, preflights) = sign_in_requests(&performance_log(client).await);

    session.stop().await;
    Run {
        usable_ms,
        first_contentful_paint_ms,
        requests_before_usable: resources.len(),
        transfer_bytes_before_usable: transfer,
        encoded_bytes_before_usable: encoded,
        decoded_bytes_before_usable: decoded,
        resources_before_usable: resources,
        wasm_memory_bytes,
        js_heap_used_bytes,
        js_heap_total_bytes,
        sign_in_to_hello_ms: hello.1 - hello.0,
        sign_in_requests: requests.len(),
        sign_in_preflights: preflights,
        sign_in_request_list: requests,
    }
}

/// A number that may never come (paint entries): waits up to 5 s.
async fn poll_optional(client: &Client, js: &str) -> Option<f64> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(value) = number(client, js).await {
            return Some(value);
        }
        if Instant::now() > deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The requests in a performance log: one per `Network.requestWillBeSent`
/// that is not a redirect hop, as `METHOD origin/path`, and how many of
/// them were CORS preflights.
pub fn sign_in_requests(log: &[Value]) -> (Vec<String>, usize) {
    let mut requests = Vec::new();
    let mut preflights = 0;
    for event in log {
        if event["method"] != "Network.requestWillBeSent" {
            continue;
        }
        let params = &event["params"];
        if params.get("redirectResponse").is_some_and(|r| !r.is_null()) {
            continue;
        }
        let method = params["request"]["method"].as_str().unwrap_or("?");
        let url = params["request"]["url"].as_str().unwrap_or("?");
        let url = url.split(['?', '#']).next().unwrap_or(url);
        if params["type"] == "Preflight" || params["initiator"]["type"] == "preflight" {
            preflights += 1;
        }
        requests.push(format!("{method} {url}"));
    }
    (requests, preflights)
}

/// The median of what `pick` returns for each run (mean of the middle two
/// for an even count); `None` when no run has the figure.
pub fn median(runs: &[Run], pick: impl Fn(&Run) -> Option<f64>) -> Option<f64> {
    let mut values: Vec<f64> = runs.iter().filter_map(pick).collect();
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_requests_and_preflights_but_not_redirect_hops() {
        let sent = |method: &str, url: &str, extra: Value| {
            let mut params = json!({"request": {"method": method, "url": url}});
            params
                .as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            json!({"method": "Network.requestWillBeSent", "params": params})
        };
        let log = vec![
            sent(
                "OPTIONS",
                "http://127.0.0.1:1/",
                json!({"type": "Preflight"}),
            ),
            sent("POST", "http://127.0.0.1:1/", json!({"type": "Fetch"})),
            json!({"method": "Network.responseReceived", "params": {}}),
            sent(
                "GET",
                "http://127.0.0.1:2/hello?x=secret",
                json!({"type": "Fetch"}),
            ),
            sent(
                "GET",
                "http://127.0.0.1:2/hello",
                json!({"redirectResponse": {"status": 302}}),
            ),
        ];
        let (requests, preflights) = sign_in_requests(&log);
        assert_eq!(
            requests,
            [
                "OPTIONS http://127.0.0.1:1/",
                "POST http://127.0.0.1:1/",
                "GET http://127.0.0.1:2/hello"
            ]
        );
        assert_eq!(preflights, 1);
    }
}
