//! `page-metrics`: the browser half of `cargo xtask bench`. Reads the
//! stack's state file from `E2E_STATE_FILE`, signs up and confirms one user
//! through Cognito's API, then measures `BENCH_RUNS` (default 5) visits per
//! condition (no throttling, then DevTools throttling), each in a fresh
//! Chromium profile, and prints every run and the medians as JSON on
//! stdout. Progress goes to stderr; tokens and the password never do.

use e2e::perf::{self, Run, SLOW, Throttling};
use e2e::stack::Stack;
use serde_json::{Value, json};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let stack = Stack::from_env();
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5)
        .max(1);
    let email = e2e::unique_email("bench");
    // The token is dropped unread: the browser signs in for itself.
    let _ = e2e::http::confirmed_user_id_token(&stack, &email, e2e::PASSWORD);

    let mut conditions = Vec::new();
    for (name, throttling) in [("unthrottled", None), ("throttled", Some(SLOW))] {
        let mut measured = Vec::new();
        for n in 1..=runs {
            let run = perf::measure(&stack, throttling, &email, e2e::PASSWORD).await;
            eprintln!(
                "page-metrics: {name} run {n}/{runs}: usable {:.0} ms, sign-in {:.0} ms",
                run.usable_ms, run.sign_in_to_hello_ms
            );
            measured.push(run);
        }
        conditions.push(json!({
            "name": name,
            "throttling": throttling.map(describe),
            "median": medians(&measured),
            "runs": measured,
        }));
    }
    let report = json!({ "runsPerCondition": runs, "conditions": conditions });
    println!(
        "{}",
        serde_json::to_string_pretty(&report).expect("JSON always serializes")
    );
}

fn describe(t: Throttling) -> Value {
    json!({
        "latencyMs": t.latency_ms,
        "downloadKbps": t.download_kbps,
        "uploadKbps": t.upload_kbps,
        "cpuSlowdown": t.cpu_slowdown,
    })
}

fn medians(runs: &[Run]) -> Value {
    let m = |pick: fn(&Run) -> Option<f64>| perf::median(runs, pick);
    json!({
        "usableMs": m(|r| Some(r.usable_ms)),
        "firstContentfulPaintMs": m(|r| r.first_contentful_paint_ms),
        "requestsBeforeUsable": m(|r| Some(r.requests_before_usable as f64)),
        "transferBytesBeforeUsable": m(|r| Some(r.transfer_bytes_before_usable as f64)),
        "encodedBytesBeforeUsable": m(|r| Some(r.encoded_bytes_before_usable as f64)),
        "decodedBytesBeforeUsable": m(|r| Some(r.decoded_bytes_before_usable as f64)),
        "wasmMemoryBytes": m(|r| r.wasm_memory_bytes.map(|b| b as f64)),
        "jsHeapUsedBytes": m(|r| r.js_heap_used_bytes.map(|b| b as f64)),
        "returnVisitUsableMs": m(|r| Some(r.return_visit_usable_ms)),
        "returnVisitRequestsOverNetwork": m(|r| Some(r.return_visit_requests_over_network as f64)),
        "returnVisitTransferBytes": m(|r| Some(r.return_visit_transfer_bytes as f64)),
        "signInToHelloMs": m(|r| Some(r.sign_in_to_hello_ms)),
        "signInRequests": m(|r| Some(r.sign_in_requests as f64)),
        "signInPreflights": m(|r| Some(r.sign_in_preflights as f64)),
    })
}
