//! Installs what the tasks need, once: each tool is probed first and only
//! (re)installed when missing or at the wrong version. Nothing downloads a
//! binary from outside the package registries.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd::{output, run};
use crate::paths;

const TRUNK_VERSION: &str = "0.21.14";
/// The toolchain the release wasm is built with (see `site::build_release`):
/// only nightly can rebuild the standard library. Pinned, so a build is
/// reproducible; close to the stable toolchain the rest is built with.
pub const SIZE_TOOLCHAIN: &str = "nightly-2026-05-20";
/// npm's binaryen; Debian's (108) emits bundles that fail to load.
const BINARYEN_VERSION: &str = "132.0.0";

/// Puts cargo's and the cache's tool folders first on PATH, so freshly
/// installed tools are found by us and by trunk. Called once at start-up,
/// before any thread exists.
pub fn extend_path() {
    let mut dirs = vec![
        paths::cargo_bin(),
        npm_dir("binaryen", BINARYEN_VERSION).join("node_modules/.bin"),
    ];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    let joined = std::env::join_paths(dirs).expect("PATH entries have no separators");
    // SAFETY: single-threaded at this point (see above).
    unsafe { std::env::set_var("PATH", joined) };
}

/// Everything `trunk build` needs, offline.
pub fn site() -> Result<()> {
    wasm_target()?;
    size_toolchain()?;
    trunk()?;
    wasm_bindgen()?;
    wasm_opt()
}

fn wasm_target() -> Result<()> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// The pinned nightly with the standard library's sources, nothing more
/// (about 13 s to install; build-std needs no prebuilt wasm target).
fn size_toolchain() -> Result<()> {
    let components = output(Command::new("rustup").args([
        "component",
        "list",
        "--installed",
        "--toolchain",
        SIZE_TOOLCHAIN,
    ]))
    .unwrap_or_default();
    if components.lines().any(|l| l.starts_with("rust-src")) {
        return Ok(());
    }
    run(Command::new("rustup").args([
        "toolchain",
        "install",
        SIZE_TOOLCHAIN,
        "--profile",
        "minimal",
        "--component",
        "rust-src",
    ]))
}

fn trunk() -> Result<()> {
    if version_of("trunk").as_deref() == Some(TRUNK_VERSION) {
        return Ok(());
    }
    // 0.22 needs a newer rustc than this toolchain; 0.21 is pinned.
    run(Command::new("cargo").args(["install", "trunk", "--locked", "--version", TRUNK_VERSION]))
}

/// wasm-bindgen's CLI must equal the library version in Cargo.lock.
fn wasm_bindgen() -> Result<()> {
    let wanted = locked_version("wasm-bindgen")?;
    let has_runner = output(Command::new("wasm-bindgen-test-runner").arg("--version")).is_some();
    if version_of("wasm-bindgen").as_deref() == Some(wanted.as_str()) && has_runner {
        return Ok(());
    }
    // Not --locked: its lockfile pins a webpki-roots the registry lacks.
    run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &wanted]))
}

fn wasm_opt() -> Result<()> {
    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    let found = output(Command::new("wasm-opt").arg("--version")).unwrap_or_default();
    if found
        .split_whitespace()
        .any(|w| w.trim_start_matches("version_") == major)
    {
        return Ok(());
    }
    npm_install("binaryen", BINARYEN_VERSION)
}

/// The cache folder npm installs `package@version` into.
fn npm_dir(package: &str, version: &str) -> PathBuf {
    paths::cache().join(format!("{package}-{version}"))
}

/// `npm install package@version` into [`npm_dir`].
fn npm_install(package: &str, version: &str) -> Result<()> {
    let dir = npm_dir(package, version);
    std::fs::create_dir_all(&dir)?;
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .arg(format!("{package}@{version}")))
}

const ESBUILD_VERSION: &str = "0.25.12";

/// esbuild from npm (its platform binary is an npm package too), to minify
/// wasm-bindgen's JS glue, which trunk leaves as it is. Returns its path.
pub fn esbuild() -> Result<PathBuf> {
    let bin = npm_dir("esbuild", ESBUILD_VERSION).join("node_modules/.bin/esbuild");
    if output(Command::new(&bin).arg("--version")).as_deref() != Some(ESBUILD_VERSION) {
        npm_install("esbuild", ESBUILD_VERSION)?;
    }
    Ok(bin)
}

const AXE_VERSION: &str = "4.14.1";

/// axe-core, which the end-to-end tests inject into each page to check it
/// for accessibility. Returns the path of `axe.min.js`.
pub fn axe() -> Result<PathBuf> {
    let script = npm_dir("axe-core", AXE_VERSION).join("node_modules/axe-core/axe.min.js");
    if !script.exists() {
        npm_install("axe-core", AXE_VERSION)?;
    }
    Ok(script)
}

/// A virtual environment with moto, keyed by the requirements file so a
/// change to the pins makes a new one. Returns the `moto_server` path.
pub fn moto() -> Result<PathBuf> {
    let requirements = paths::root().join("local-stack/requirements.txt");
    let pins = std::fs::read(&requirements)
        .with_context(|| format!("reading {}", requirements.display()))?;
    let venv = paths::cache().join(format!("moto-venv-{:016x}", fnv1a(&pins)));
    let server = venv.join("bin/moto_server");
    let done = venv.join(".installed");
    if done.exists() && server.exists() {
        return Ok(server);
    }
    std::fs::create_dir_all(paths::cache())?;
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check", "-r"])
        .arg(&requirements))?;
    std::fs::write(&done, "")?;
    Ok(server)
}

/// Debian's Chromium and chromedriver, for the browser tests.
pub fn chromium() -> Result<()> {
    let present = |p: &str| Path::new(p).exists();
    if present("/usr/bin/chromium") && present("/usr/bin/chromedriver") {
        return Ok(());
    }
    let install = "apt-get update && apt-get install -y chromium chromium-driver";
    if output(Command::new("id").arg("-u")).as_deref() != Some("0") {
        bail!(
            "Chromium and chromedriver are missing. Install them with:\n  sudo sh -c '{install}'"
        );
    }
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args([
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// The second word of `tool --version` ("trunk 0.21.14" → "0.21.14").
fn version_of(tool: &str) -> Option<String> {
    let line = output(Command::new(tool).arg("--version"))?;
    line.split_whitespace().nth(1).map(str::to_owned)
}

/// The version Cargo.lock resolved for `package`.
fn locked_version(package: &str) -> Result<String> {
    let lock =
        std::fs::read_to_string(paths::root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let header = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&header)
        .with_context(|| format!("{package} is not in Cargo.lock"))?
        + header.len();
    let end = lock[start..].find('"').context("Cargo.lock is malformed")?;
    Ok(lock[start..start + end].to_owned())
}

pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}
