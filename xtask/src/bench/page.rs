//! The page phase: the e2e crate's `page-metrics` binary in Chromium, and
//! the table of what it measured.

use super::*;

/// Runs the e2e crate's `page-metrics` against the stack and returns its
/// JSON.
pub(super) fn page_metrics(state_file: &Path, runs: usize) -> Result<Value> {
    let mut command = cargo();
    command
        .args([
            "run",
            "--quiet",
            "--package",
            "e2e",
            "--bin",
            "page-metrics",
        ])
        .env("E2E_STATE_FILE", state_file)
        .env("BENCH_RUNS", runs.to_string())
        .stdin(Stdio::null())
        .stderr(Stdio::inherit());
    eprintln!("$ {}", describe(&command));
    let out = command
        .output()
        .with_context(|| format!("could not start `{}`", describe(&command)))?;
    if !out.status.success() {
        bail!("`{}` failed with {}", describe(&command), out.status);
    }
    serde_json::from_slice(&out.stdout).context("page-metrics printed no JSON")
}

pub(super) fn print_page(page: &Value) {
    let conditions = page["conditions"].as_array().cloned().unwrap_or_default();
    println!(
        "page: medians of {} runs, each in a fresh Chromium profile",
        page["runsPerCondition"]
    );
    let mut header = format!("{:<44}", "");
    for c in &conditions {
        header.push_str(&format!(" {:>14}", c["name"].as_str().unwrap_or("?")));
    }
    println!("{header}");
    let rows = [
        ("sign-in form usable (ms)", "usableMs"),
        ("first contentful paint (ms)", "firstContentfulPaintMs"),
        ("requests before usable", "requestsBeforeUsable"),
        (
            "bytes transferred before usable",
            "transferBytesBeforeUsable",
        ),
        ("  bodies as sent (compressed)", "encodedBytesBeforeUsable"),
        ("  bodies decoded", "decodedBytesBeforeUsable"),
        ("returning visit: form usable (ms)", "returnVisitUsableMs"),
        (
            "  requests not served from cache",
            "returnVisitRequestsOverNetwork",
        ),
        ("  bytes transferred", "returnVisitTransferBytes"),
        ("WebAssembly memory (bytes)", "wasmMemoryBytes"),
        ("JS heap used after load (bytes)", "jsHeapUsedBytes"),
        (
            "\"Sign in\" to \"Hello from Lambda!\" (ms)",
            "signInToHelloMs",
        ),
        ("requests to sign in and call the API", "signInRequests"),
        ("  of which CORS preflights", "signInPreflights"),
    ];
    for (label, key) in rows {
        let mut line = format!("{label:<44}");
        for c in &conditions {
            let cell = c["median"][key]
                .as_f64()
                .map_or("n/a".to_owned(), |x| format!("{x:.0}"));
            line.push_str(&format!(" {cell:>14}"));
        }
        println!("{line}");
    }
    if let Some(throttled) = conditions.iter().find_map(|c| c["throttling"].as_object()) {
        println!(
            "throttled = DevTools: latency {} ms, down {} kbps, up {} kbps, CPU {}x slower",
            throttled["latencyMs"],
            throttled["downloadKbps"],
            throttled["uploadKbps"],
            throttled["cpuSlowdown"]
        );
    }
    if let Some(first) = conditions
        .first()
        .and_then(|c| c["runs"].as_array()?.first().cloned())
    {
        println!("requests before usable (first run):");
        for r in first["resources_before_usable"]
            .as_array()
            .into_iter()
            .flatten()
        {
            println!(
                "  {:<10} {:>8} B  {}",
                r["initiatorType"].as_str().unwrap_or("?"),
                r["transferSize"].as_f64().unwrap_or(0.0),
                r["name"].as_str().unwrap_or("?")
            );
        }
        println!("requests to sign in (first run):");
        for r in first["sign_in_request_list"]
            .as_array()
            .into_iter()
            .flatten()
        {
            println!("  {}", r.as_str().unwrap_or("?"));
        }
    }
}

pub(super) fn sizes_json(sizes: &[site::FileSize]) -> Value {
    let files: Vec<Value> = sizes
        .iter()
        .map(|f| json!({"name": f.name, "raw": f.raw, "gzip9": f.gzip, "brotli11": f.brotli}))
        .collect();
    json!({
        "files": files,
        "total": {
            "raw": sizes.iter().map(|f| f.raw).sum::<usize>(),
            "gzip9": sizes.iter().map(|f| f.gzip).sum::<usize>(),
            "brotli11": sizes.iter().map(|f| f.brotli).sum::<usize>(),
        },
    })
}
