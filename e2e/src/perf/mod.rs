//! Page metrics for `cargo xtask bench` (bin `page-metrics`): one fresh
//! Chromium profile per run, a probe injected before the page's own scripts
//! that records, with `performance.now()`, when the sign-in form became
//! usable and when the API's answer appeared after "Sign in", and
//! chromedriver's performance log to count the requests signing in took
//! (CORS preflights included, which resource timing leaves out).

use std::time::{Duration, Instant};

use fantoccini::Client;
use serde_json::{Value, json};

use crate::browser::{click_button, fill};
use crate::stack::Stack;

mod network_log;
mod session;

use network_log::performance_log;
pub use network_log::sign_in_requests;
use session::Session;

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
const PROBE: &str = include_str!("probe.js");

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
    /// The same profile loading the site again, signed out.
    pub return_visit_usable_ms: f64,
    /// Requests of that visit that were not answered from the cache.
    pub return_visit_requests_over_network: usize,
    pub return_visit_transfer_bytes: u64,
    pub sign_in_to_hello_ms: f64,
    pub sign_in_requests: usize,
    pub sign_in_preflights: usize,
    /// `METHOD origin/path` of each, in order (no query strings, no bodies).
    pub sign_in_request_list: Vec<String>,
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

/// One measured run: load the site, wait for the form, sign in as `email`
/// (already confirmed), wait for the API's answer; then load it again as a
/// returning visitor.
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
    let first = visit(client).await;
    let first_contentful_paint_ms = poll_optional(client, "return (performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint') || {}).startTime;").await;
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

    // The same person coming back: same profile (HTTP cache, V8's code
    // cache), no session (a new tab has no sessionStorage), so the sign-in
    // form shows again.
    script(client, "sessionStorage.clear(); return null;").await;
    client
        .goto(&stack.url("/"))
        .await
        .expect("the site loads again");
    let again = visit(client).await;

    session.stop().await;
    Run {
        usable_ms: first.usable_ms,
        first_contentful_paint_ms,
        requests_before_usable: first.resources.len(),
        transfer_bytes_before_usable: first.total("transferSize"),
        encoded_bytes_before_usable: first.total("encodedBodySize"),
        decoded_bytes_before_usable: first.total("decodedBodySize"),
        resources_before_usable: first.resources,
        return_visit_usable_ms: again.usable_ms,
        return_visit_requests_over_network: again
            .resources
            .iter()
            .filter(|r| r["transferSize"].as_f64().unwrap_or(0.0) > 0.0)
            .count(),
        return_visit_transfer_bytes: again.total("transferSize"),
        wasm_memory_bytes,
        js_heap_used_bytes,
        js_heap_total_bytes,
        sign_in_to_hello_ms: hello.1 - hello.0,
        sign_in_requests: requests.len(),
        sign_in_preflights: preflights,
        sign_in_request_list: requests,
    }
}

/// What one page load recorded when the form became usable.
struct Visit {
    usable_ms: f64,
    /// The navigation entry, then every resource fetched before `usable_ms`.
    resources: Vec<Value>,
}

impl Visit {
    fn total(&self, field: &str) -> u64 {
        self.resources
            .iter()
            .map(|r| r[field].as_f64().unwrap_or(0.0) as u64)
            .sum()
    }
}

/// Waits for the just-navigated page's form to be usable.
async fn visit(client: &Client) -> Visit {
    let usable_ms = crate::eventually_within("the sign-in form to be usable", WAIT, || async {
        number(client, "return window.__bench && window.__bench.usable;").await
    })
    .await;
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
    Visit {
        usable_ms,
        resources,
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
