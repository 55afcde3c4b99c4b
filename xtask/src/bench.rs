//! `cargo xtask bench`: a benchmark, not a test. It never fails on a
//! figure; it fails only when it cannot measure. It builds the release site,
//! starts it with the local stack (same origin, as CloudFront serves it),
//! then:
//!
//! 1. load: `GET /hello` with valid ID tokens, then with forged ones, from
//!    many keep-alive clients, counting errors, forgeries let through and
//!    the local API's JWKS fetches (it prints `local-stack: jwks fetches: N`
//!    on stderr, which goes to `target/bench/local-stack.stderr`);
//! 2. page: the `page-metrics` binary of the e2e crate drives Chromium
//!    (see `e2e/src/perf.rs`);
//!
//! and prints a table and writes `target/bench/load.json` and
//! `target/bench/page.json`.
//!
//! SIGINT/SIGTERM: the load phases stop at once, a running `page-metrics`
//! is let finish (its waits are bounded, and it closes its browsers), then
//! the bench fails and the guard stops the local stack.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

use crate::cmd::{cargo, describe, free_port, output, run as run_command};
use crate::http1::{self, Answer};
use crate::load::{self, Plan, Report, Variant, Verdict};
use crate::stack::{self, Options};
use crate::tokens::{self, Tokens};
use crate::{paths, site};

const USAGE: &str = "bench [--requests N] [--clients N] [--runs N]";

struct Settings {
    requests: usize,
    clients: usize,
    runs: usize,
    time_limit: Duration,
}

/// Users whose ID tokens the valid phase rotates through.
const USERS: usize = 8;
const FETCHES_LINE: &str = "local-stack: jwks fetches: ";

static STOP: AtomicBool = AtomicBool::new(false);

fn check_stop() -> Result<()> {
    if STOP.load(Ordering::SeqCst) {
        bail!("interrupted");
    }
    Ok(())
}

pub fn run(args: &[String]) -> Result<()> {
    let settings = parse(args)?;
    ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst))?;
    let out_dir = paths::target().join("bench");
    std::fs::create_dir_all(&out_dir)?;
    let machine = machine();

    site::build_release()?;
    let sizes = site::sizes()?;
    // Compiled now, so no build competes with the measurements.
    run_command(cargo().args([
        "build",
        "--quiet",
        "--package",
        "e2e",
        "--bin",
        "page-metrics",
    ]))?;
    check_stop()?;

    let state_file = out_dir.join("local-stack.json");
    let stderr_path = out_dir.join("local-stack.stderr");
    let stderr = File::create(&stderr_path)
        .with_context(|| format!("creating {}", stderr_path.display()))?;
    // Stopped when dropped, on every way out of this function.
    let mut local_stack = stack::start_with_log(
        &Options {
            port: free_port()?,
            site: Some(paths::dist()),
            api_port: None,
            public_url: None,
            state_file: state_file.clone(),
        },
        Some(stderr),
    )?;
    check_stop()?;
    let stack = tokens::Stack::from_state_file(&state_file)?;

    eprintln!("\n==> load: GET /hello on {}", stack.api_url);
    let load = load_phases(&stack, &settings, &stderr_path)?;
    check_stop()?;
    eprintln!("\n==> page metrics on {}", stack.site_url);
    let page = page_metrics(&state_file, settings.runs)?;
    check_stop()?;
    let fetches_at_end = jwks_fetches(&stderr_path)?;
    local_stack.stop();

    let load_json = load.to_json(&settings, &machine, fetches_at_end);
    let page_json = json!({
        "date": machine["date"],
        "machine": machine,
        "site": stack.site_url,
        "dist": sizes_json(&sizes),
        "browser": page,
    });
    write_json(&out_dir.join("load.json"), &load_json)?;
    write_json(&out_dir.join("page.json"), &page_json)?;

    println!();
    print_machine(&machine);
    println!();
    load.print(&settings, fetches_at_end);
    println!();
    site::print_sizes(&sizes);
    println!();
    print_page(&page_json["browser"]);
    println!(
        "\nWritten: {} and {}",
        out_dir.join("load.json").display(),
        out_dir.join("page.json").display()
    );
    Ok(())
}

fn parse(args: &[String]) -> Result<Settings> {
    let mut settings = Settings {
        requests: 10_000,
        clients: 64,
        runs: 5,
        time_limit: Duration::from_secs(120),
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&v| v > 0);
        let Some(value) = value else {
            bail!("{flag} needs a positive number; usage: cargo xtask {USAGE}");
        };
        match flag.as_str() {
            "--requests" => settings.requests = value,
            "--clients" => settings.clients = value,
            "--runs" => settings.runs = value,
            other => bail!("unknown option {other}; usage: cargo xtask {USAGE}"),
        }
    }
    Ok(settings)
}

struct LoadResults {
    valid: Report,
    forged: Report,
    fetches_before: usize,
    fetches_after_valid: usize,
    fetches_after_forged: usize,
}

fn load_phases(
    stack: &tokens::Stack,
    settings: &Settings,
    stderr_path: &Path,
) -> Result<LoadResults> {
    let (addr, base) = http1::split_url(&stack.api_url)?;
    let path = format!("{}/hello", base.trim_end_matches('/'));
    eprintln!("signing up {USERS} users through Cognito's API on moto");
    let users = (0..USERS)
        .map(|n| {
            let (email, password) = tokens::throwaway_user("load", n);
            tokens::confirmed_user(stack, &email, &password)
        })
        .collect::<Result<Vec<Tokens>>>()?;
    let plan = |variants: Vec<Variant>, judge: fn(&Answer) -> Verdict| Plan {
        addr,
        path: path.clone(),
        clients: settings.clients,
        total: settings.requests,
        time_limit: settings.time_limit,
        variants,
        judge,
        stop: &STOP,
    };

    let fetches_before = jwks_fetches(stderr_path)?;
    let valid_tokens = users
        .iter()
        .enumerate()
        .map(|(n, tokens)| Variant {
            label: format!("user {}", n + 1),
            authorization: tokens.id.clone(),
        })
        .collect();
    eprintln!(
        "{} requests with valid ID tokens from {} clients",
        settings.requests, settings.clients
    );
    let valid = load::run(plan(valid_tokens, judge_valid));
    let fetches_after_valid = jwks_fetches(stderr_path)?;
    check_stop()?;

    let forged_tokens = tokens::forgeries(&users[0])?
        .into_iter()
        .map(|(label, authorization)| Variant {
            label: label.to_owned(),
            authorization,
        })
        .collect();
    eprintln!(
        "{} requests with forged tokens from {} clients",
        settings.requests, settings.clients
    );
    let forged = load::run(plan(forged_tokens, judge_forged));
    let fetches_after_forged = jwks_fetches(stderr_path)?;
    Ok(LoadResults {
        valid,
        forged,
        fetches_before,
        fetches_after_valid,
        fetches_after_forged,
    })
}

fn judge_valid(answer: &Answer) -> Verdict {
    let greeting = serde_json::from_slice::<String>(&answer.body).ok();
    if answer.status == 200 && greeting.as_deref() == Some("Hello from Lambda!") {
        Verdict::Expected
    } else {
        Verdict::Unexpected
    }
}

fn judge_forged(answer: &Answer) -> Verdict {
    match answer.status {
        401 => Verdict::Expected,
        200..=299 => Verdict::Passed,
        _ => Verdict::Unexpected,
    }
}

/// The total of JWKS fetches the local API has announced so far.
fn jwks_fetches(stderr_path: &Path) -> Result<usize> {
    let text = std::fs::read_to_string(stderr_path)
        .with_context(|| format!("reading {}", stderr_path.display()))?;
    text.lines()
        .filter_map(|line| line.strip_prefix(FETCHES_LINE)?.trim().parse().ok())
        .next_back()
        .with_context(|| {
            format!(
                "the local stack announced no JWKS fetch in {}",
                stderr_path.display()
            )
        })
}

impl LoadResults {
    fn to_json(&self, settings: &Settings, machine: &Value, fetches_at_end: usize) -> Value {
        json!({
            "date": machine["date"],
            "machine": machine,
            "target": "GET /hello on local-stack (debug build, one-threaded tokio runtime), same origin as the site",
            "clients": settings.clients,
            "requestsPerPhase": settings.requests,
            "timeLimitSecs": settings.time_limit.as_secs(),
            "validTokens": phase_json(&self.valid, settings),
            "forgedTokens": phase_json(&self.forged, settings),
            "jwksFetches": {
                "beforeLoad": self.fetches_before,
                "afterValidPhase": self.fetches_after_valid,
                "afterForgedPhase": self.fetches_after_forged,
                "atEndOfBench": fetches_at_end,
                "note": "cumulative, the fetch at start-up included; a token with an unknown kid may refetch at most once per 30 s",
            },
        })
    }

    fn print(&self, settings: &Settings, fetches_at_end: usize) {
        println!(
            "load: GET /hello, {} keep-alive clients, {} requests per phase (time limit {} s)",
            settings.clients,
            settings.requests,
            settings.time_limit.as_secs()
        );
        println!(
            "{:<16} {:>8} {:>10} {:>8} {:>8} {:>8} {:>8} {:>7} {:>7}",
            "tokens",
            "answered",
            "req/s",
            "p50 ms",
            "p99 ms",
            "max ms",
            "expected",
            "passed",
            "errors"
        );
        for (name, report) in [("valid", &self.valid), ("forged", &self.forged)] {
            println!(
                "{:<16} {:>8} {:>10.0} {:>8.2} {:>8.2} {:>8.2} {:>8} {:>7} {:>7}{}",
                name,
                report.completed,
                report.throughput(),
                report.percentile_ms(50.0),
                report.percentile_ms(99.0),
                report.percentile_ms(100.0),
                report.expected,
                if name == "valid" {
                    "-".to_owned()
                } else {
                    report.passed.to_string()
                },
                report.unexpected + report.io_errors,
                if report.hit_time_limit {
                    "  (stopped at the time limit)"
                } else {
                    ""
                }
            );
        }
        println!("forged tokens by kind (answered 401 / sent, passed, other):");
        for (label, counts) in &self.forged.by_variant {
            println!(
                "  {label:<26} {:>5} / {:<5} passed {}  other {}",
                counts.expected,
                counts.sent,
                counts.passed,
                counts.unexpected + counts.io_errors
            );
        }
        for sample in self.valid.samples.iter().chain(&self.forged.samples) {
            println!("  unexpected: {sample}");
        }
        println!(
            "JWKS fetches (cumulative): {} at start-up, {} after the valid phase, {} after the forged phase, {} at the end",
            self.fetches_before,
            self.fetches_after_valid,
            self.fetches_after_forged,
            fetches_at_end
        );
    }
}

fn phase_json(report: &Report, settings: &Settings) -> Value {
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    json!({
        "requested": settings.requests,
        "answered": report.completed,
        "stoppedAtTimeLimit": report.hit_time_limit,
        "elapsedSecs": round(report.elapsed.as_secs_f64()),
        "throughputPerSec": round(report.throughput()),
        "latencyMs": {
            "p50": round(report.percentile_ms(50.0)),
            "p90": round(report.percentile_ms(90.0)),
            "p99": round(report.percentile_ms(99.0)),
            "max": round(report.percentile_ms(100.0)),
        },
        "expected": report.expected,
        "passed": report.passed,
        "unexpectedAnswers": report.unexpected,
        "ioErrors": report.io_errors,
        "connectionsOpened": report.connections,
        "byKind": report.by_variant.iter().map(|(label, c)| json!({
            "label": label,
            "sent": c.sent,
            "expected": c.expected,
            "passed": c.passed,
            "unexpected": c.unexpected,
            "ioErrors": c.io_errors,
        })).collect::<Vec<_>>(),
        "samples": report.samples,
    })
}

/// Runs the e2e crate's `page-metrics` against the stack and returns its
/// JSON.
fn page_metrics(state_file: &Path, runs: usize) -> Result<Value> {
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

fn print_page(page: &Value) {
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

fn sizes_json(sizes: &[site::FileSize]) -> Value {
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

/// What the figures were measured on.
fn machine() -> Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
                .map(|(_, model)| model.trim().to_owned())
        });
    json!({
        "date": output(Command::new("date").args(["-u", "+%Y-%m-%dT%H:%M:%SZ"])),
        "nproc": std::thread::available_parallelism().map(|n| n.get()).ok(),
        "cpu": cpu,
        "loadAverageAtStart": std::fs::read_to_string("/proc/loadavg").ok()
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")),
        "kernel": output(Command::new("uname").arg("-r")),
        "chromium": output(Command::new("/usr/bin/chromium").arg("--version")),
        "chromedriver": output(Command::new("/usr/bin/chromedriver").arg("--version")),
        "rustc": output(Command::new("rustc").arg("--version")),
    })
}

fn print_machine(machine: &Value) {
    let text = |key: &str| machine[key].as_str().unwrap_or("?").to_owned();
    println!(
        "{}  {} cores ({})  load {}  {}",
        text("date"),
        machine["nproc"],
        text("cpu"),
        text("loadAverageAtStart"),
        text("chromium")
    );
}

fn write_json(path: &PathBuf, value: &Value) -> Result<()> {
    let text = serde_json::to_string_pretty(value)? + "\n";
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Answer {
        Answer {
            status,
            body: body.as_bytes().to_vec(),
            closes: false,
        }
    }

    #[test]
    fn only_the_greeting_counts_as_a_valid_answer() {
        assert_eq!(
            judge_valid(&answer(200, "\"Hello from Lambda!\"")),
            Verdict::Expected
        );
        assert_eq!(judge_valid(&answer(200, "Hello")), Verdict::Unexpected);
        assert_eq!(
            judge_valid(&answer(401, "\"Hello from Lambda!\"")),
            Verdict::Unexpected
        );
    }

    #[test]
    fn a_forgery_must_get_401() {
        assert_eq!(
            judge_forged(&answer(401, r#"{"message":"Unauthorized"}"#)),
            Verdict::Expected
        );
        assert_eq!(judge_forged(&answer(200, "")), Verdict::Passed);
        assert_eq!(judge_forged(&answer(403, "")), Verdict::Unexpected);
    }

    #[test]
    fn reads_the_last_fetch_count() {
        let dir = paths::target().join(format!("bench-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("stderr");
        std::fs::write(
            &path,
            "noise\nlocal-stack: jwks fetches: 1\nmore\nlocal-stack: jwks fetches: 2\n",
        )
        .unwrap();
        assert_eq!(jwks_fetches(&path).unwrap(), 2);
        std::fs::write(&path, "nothing\n").unwrap();
        assert!(jwks_fetches(&path).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn options_need_positive_numbers() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let s = parse(&args(&["--requests", "100", "--runs", "1"])).unwrap();
        assert_eq!((s.requests, s.clients, s.runs), (100, 64, 1));
        assert!(parse(&args(&["--runs", "0"])).is_err());
        assert!(parse(&args(&["--runs"])).is_err());
        assert!(parse(&args(&["--fast", "1"])).is_err());
    }
}
