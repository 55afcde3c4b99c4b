//! The infrastructure tests: synthesize the CDK app offline and check it
//! (`infra/tests`, which also runs cfn-lint and cdk-nag's AwsSolutions rules
//! on the templates, with and without the paid options).
//!
//! Needs only `python3` and `node` (the CDK's jsii runtime) on PATH. The
//! pinned Python packages go into a venv in the user's cache directory, named
//! after a hash of the requirements, so every clone (CI's too) reuses it and a
//! changed pin gets a fresh one instead of an upgrade in place.
//!
//! The tests stand in a dummy `bootstrap` and `dist/`: the template does not
//! depend on their bytes, and a musl release build plus `trunk build` would
//! add minutes. The function itself is tested by `cargo test -p hello-lambda`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::cmd::{output, run};
use crate::paths;
use crate::tools::fnv1a;

/// Written into the venv once `pip install` has succeeded.
const READY_MARKER: &str = "installed-ok";

pub fn test() -> Result<()> {
    let infra = paths::root().join("infra");
    // `v20.20.2` -> `20`: jsii silences its end-of-life banner (printed on
    // every start, noise in test logs) only for the major version named.
    let node_major = output(Command::new("node").arg("--version"))
        .and_then(|v| Some(v.strip_prefix('v')?.split('.').next()?.to_owned()))
        .context("`node` is not on PATH; the AWS CDK's Python package runs on it")?;
    let python = venv_python(&infra)?;
    run(Command::new(python)
        .args(["-m", "pytest", "-q", "tests"])
        .current_dir(&infra)
        .env("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", node_major)
        // Any attempt to bundle with Docker fails loudly instead of hanging.
        .env("CDK_DOCKER", "/bin/false"))
}

/// Returns the venv's python, creating and filling the venv unless a
/// complete one for these exact requirements already exists.
fn venv_python(infra: &Path) -> Result<PathBuf> {
    let python_version = output(Command::new("python3").arg("--version"))
        .context("`python3` is not on PATH; the infra tests need Python 3.9 or newer")?;

    let mut fingerprint = python_version.into_bytes();
    for file in ["requirements.txt", "requirements-dev.txt"] {
        let path = infra.join(file);
        fingerprint.extend(fs::read(&path).with_context(|| format!("reading {}", path.display()))?);
    }
    let venv = paths::cache().join(format!("infra-venv-{:016x}", fnv1a(&fingerprint)));
    let python = venv.join("bin/python");
    if venv.join(READY_MARKER).is_file() {
        return Ok(python);
    }

    // A venv without the marker is a failed or interrupted install: redo it.
    if venv.exists() {
        fs::remove_dir_all(&venv).with_context(|| format!("removing {}", venv.display()))?;
    }
    run(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    run(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .arg("-r")
        .arg(infra.join("requirements-dev.txt")))?;
    fs::write(venv.join(READY_MARKER), "")?;
    Ok(python)
}
