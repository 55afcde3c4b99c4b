//! Starting the local stack (moto + the local API) for the other tasks.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::Result;

use crate::cmd::run;
use crate::paths;
use crate::process::{Guarded, wait_until};
use crate::tools;

/// How the stack is laid out.
pub struct Options {
    /// Port of the site (and, unless `api_port` is set, of the API).
    pub port: u16,
    pub site: Option<PathBuf>,
    /// Serve the API on its own port, so the browser makes CORS requests.
    pub api_port: Option<u16>,
    /// The origin the browser uses when it is not ours (trunk serve's proxy).
    pub public_url: Option<String>,
    pub state_file: PathBuf,
}

/// Builds the local API and returns the command that runs it.
pub fn command(options: &Options) -> Result<Command> {
    let moto_server = tools::moto()?;
    run(Command::new("cargo").args(["build", "--quiet", "--package", "local-stack"]))?;
    let mut command = Command::new(paths::target().join("debug/local-stack"));
    command
        .arg("--moto-server")
        .arg(moto_server)
        .arg("--port")
        .arg(options.port.to_string())
        .arg("--state-file")
        .arg(&options.state_file);
    if let Some(site) = &options.site {
        command.arg("--site").arg(site);
    }
    if let Some(port) = options.api_port {
        command.arg("--api-port").arg(port.to_string());
    }
    if let Some(url) = &options.public_url {
        command.arg("--public-url").arg(url);
    }
    Ok(command)
}

/// Starts the stack and waits until it has written its state file.
pub fn start(options: &Options) -> Result<Guarded> {
    start_with_log(options, None)
}

/// As [`start`], with the stack's output (stdout and stderr) going to `log`
/// when given: `cargo xtask bench` reads its JWKS fetch count from there,
/// and `cargo xtask test` checks it never shows a token or password.
pub fn start_with_log(options: &Options, log: Option<std::fs::File>) -> Result<Guarded> {
    let _ = std::fs::remove_file(&options.state_file);
    let mut command = command(options)?;
    if let Some(file) = log {
        command.stdout(file.try_clone()?);
        command.stderr(file);
    }
    let mut child = Guarded::spawn(&mut command)?;
    let state_file = options.state_file.clone();
    wait_until(
        &mut child,
        "the local stack was ready",
        Duration::from_secs(90),
        || is_written(&state_file),
    )?;
    Ok(child)
}

/// Written whole (the stack renames it into place) and in the contract's
/// format, so whoever reads it next finds every field.
fn is_written(path: &Path) -> bool {
    stack_contract::StackState::read(path).is_ok()
}
