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

mod load_phases;
mod machine;
mod page;

use load_phases::*;
use machine::*;
use page::*;

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
use stack_contract::StackState;

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
    let stack = StackState::read(&state_file)?;
    let site_url = stack
        .site_url
        .clone()
        .with_context(|| format!("the stack in {} serves no site", state_file.display()))?;

    eprintln!("\n==> load: GET /hello on {}", stack.api_url);
    let load = load_phases(&stack, &settings, &stderr_path)?;
    check_stop()?;
    eprintln!("\n==> page metrics on {site_url}");
    let page = page_metrics(&state_file, settings.runs)?;
    check_stop()?;
    let fetches_at_end = jwks_fetches(&stderr_path)?;
    local_stack.stop();

    let load_json = load.to_json(&settings, &machine, fetches_at_end);
    let page_json = json!({
        "date": machine["date"],
        "machine": machine,
        "site": site_url,
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
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next()? {
        let lexopt::Arg::Long(name) = arg else {
            bail!(
                "unexpected {arg}; usage: cargo xtask {USAGE}",
                arg = arg.unexpected()
            );
        };
        let flag = format!("--{name}");
        let slot = match name {
            "requests" => &mut settings.requests,
            "clients" => &mut settings.clients,
            "runs" => &mut settings.runs,
            _ => bail!("unknown option {flag}; usage: cargo xtask {USAGE}"),
        };
        let value = parser
            .value()
            .ok()
            .and_then(|v| v.into_string().ok())
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&v| v > 0);
        let Some(value) = value else {
            bail!("{flag} needs a positive number; usage: cargo xtask {USAGE}");
        };
        *slot = value;
    }
    Ok(settings)
}

fn write_json(path: &PathBuf, value: &Value) -> Result<()> {
    let text = serde_json::to_string_pretty(value)? + "\n";
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
