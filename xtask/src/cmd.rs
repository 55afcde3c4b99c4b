//! Running child commands with their command line echoed, so a failure says
//! exactly what to re-run by hand.

use std::process::Command;

use anyhow::{Context, Result, bail};

/// Runs `command` to completion, failing unless it exits with status 0.
pub fn run(command: &mut Command) -> Result<()> {
    eprintln!("$ {}", describe(command));
    let status = command
        .status()
        .with_context(|| format!("could not start `{}`", describe(command)))?;
    if !status.success() {
        bail!("`{}` failed with {status}", describe(command));
    }
    Ok(())
}

/// Runs `command` and returns its trimmed standard output, or `None` when it
/// cannot start or fails (used to probe installed tools).
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// `cargo` run from the repository root.
pub fn cargo() -> Command {
    let mut command = Command::new("cargo");
    command.current_dir(crate::paths::root());
    command
}

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> Result<u16> {
    Ok(stack_contract::ports::free_port()?)
}

pub fn describe(command: &Command) -> String {
    let mut line = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// Runs `command` to completion with its output in the file `log`, failing
/// unless it exits with status 0 (install steps, which run side by side).
pub fn run_logged(command: &mut Command, log: &std::path::Path) -> Result<()> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .with_context(|| format!("creating {}", log.display()))?;
    {
        use std::io::Write;
        writeln!(&file, "$ {}", describe(command))?;
    }
    let status = command
        .stdin(std::process::Stdio::null())
        .stdout(file.try_clone()?)
        .stderr(file)
        .status()
        .with_context(|| format!("could not start `{}`", describe(command)))?;
    if !status.success() {
        bail!("`{}` failed with {status}", describe(command));
    }
    Ok(())
}
