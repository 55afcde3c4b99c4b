//! `cargo xtask test`: every check CI runs, in order of cost.

use std::path::Path;

use anyhow::Result;

use crate::cmd::{cargo, free_port, run};
use crate::stack::{self, Options};
use crate::tools::{self, Tool};
use crate::{budget, infra, paths, site, stand_ins};

const SPA: &str = "cognito-signin";
const WASM: &str = "wasm32-unknown-unknown";

pub fn run_all() -> Result<()> {
    let mut needed = tools::SITE.to_vec();
    needed.extend([Tool::Chromium, Tool::Moto, Tool::Axe]);
    tools::ensure(&needed)?;
    let moto_server = tools::moto()?;
    let axe = tools::axe()?;

    section("format");
    run(cargo().args(["fmt", "--all", "--check"]))?;

    section("lint");
    run(cargo().args([
        "clippy",
        "--workspace",
        "--exclude",
        SPA,
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cargo().args([
        "clippy",
        "--package",
        SPA,
        "--target",
        WASM,
        "--all-targets",
        // The release build's split points (`src/ui/later_pages.rs`) too.
        "--features",
        "split",
        "--",
        "-D",
        "warnings",
    ]))?;

    section("native tests");
    run(cargo()
        .args(["test", "--workspace", "--exclude", SPA, "--exclude", "e2e"])
        .env("MOTO_SERVER", &moto_server))?;

    section("the app's errors against AWS's model of Cognito");
    run(cargo()
        .args(["test", "--package", SPA, "--test", "cognito_model"])
        .env("COGNITO_IDP_MODEL", tools::cognito_model()?))?;

    section("browser tests");
    run(cargo().args(["test", "--package", SPA, "--target", WASM]))?;

    section("release site");
    stand_ins::check()?;
    site::build_release()?;
    let sizes = site::sizes()?;
    site::print_sizes(&sizes);
    budget::check(&sizes)?;

    section("end-to-end tests (one origin)");
    end_to_end(
        &[
            "same_origin",
            "accessibility",
            "account_recovery",
            "account_settings",
            "second_factors",
            "username_pool",
            "session_lifetime",
            "passwordless",
            "trap",
        ],
        None,
        &axe,
    )?;

    section("end-to-end tests (site and API on different origins)");
    end_to_end(&["cross_origin"], Some(free_port()?), &axe)?;

    section("infrastructure tests");
    infra::test()?;
    Ok(())
}

/// Runs e2e test targets against a freshly started stack.
fn end_to_end(tests: &[&str], api_port: Option<u16>, axe: &Path) -> Result<()> {
    let state_file = paths::target().join(format!("e2e-{}.json", tests[0]));
    let log_path = paths::target().join(format!("e2e-{}-stack.log", tests[0]));
    let log = std::fs::File::create(&log_path)?;
    let stack = stack::start_with_log(
        &Options {
            port: free_port()?,
            site: Some(paths::dist()),
            api_port,
            public_url: None,
            state_file: state_file.clone(),
        },
        Some(log),
    )?;
    let targets = tests.iter().flat_map(|t| ["--test", t]);
    run(cargo()
        .args(["test", "--package", "e2e"])
        .args(targets)
        .args(["--", "--test-threads=1"])
        .env("E2E_STATE_FILE", &state_file)
        .env("AXE_CORE_JS", axe))?;
    // Read before the stack stops: its secret dies with it.
    let local_secret = stack_contract::StackState::read(&state_file)
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", state_file.display()))?
        .local_secret;
    drop(stack);
    assert_no_secrets(&log_path, local_secret.expose())
}

/// The local stack must never write a token, a password or its own test
/// controls' secret to its output, whatever the e2e run sent it.
fn assert_no_secrets(log_path: &Path, local_secret: &str) -> Result<()> {
    let log = std::fs::read_to_string(log_path)?;
    // Every JWT starts with `eyJ`, the base64 of `{"`.
    if log.contains("eyJ")
        || log.to_ascii_lowercase().contains("password")
        || (!local_secret.is_empty() && log.contains(local_secret))
    {
        anyhow::bail!(
            "the local stack's output shows a token, a password or its secret: see {}",
            log_path.display()
        );
    }
    eprintln!(
        "local stack output checked: no token, password or secret ({} bytes)",
        log.len()
    );
    Ok(())
}

fn section(name: &str) {
    eprintln!("\n==> {name}");
}
