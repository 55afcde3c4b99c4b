//! Installs what the tasks need, once: each tool is probed first and only
//! (re)installed when missing or at the wrong version, and whatever is
//! missing is installed at the same time (`install::run_all`). Nothing
//! downloads a binary from outside the package registries and rustup.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd::{output, run_logged};
use crate::install::Step;
use crate::{install, paths};

const TRUNK_VERSION: &str = "0.21.14";
/// The toolchain the release wasm is built with (see `site::build_release`):
/// only nightly can rebuild the standard library. Pinned, so a build is
/// reproducible; close to the stable toolchain the rest is built with.
pub const SIZE_TOOLCHAIN: &str = "nightly-2026-05-20";
/// npm's binaryen; Debian's (108) emits bundles that fail to load.
const BINARYEN_VERSION: &str = "132.0.0";
const ESBUILD_VERSION: &str = "0.25.12";
const AXE_VERSION: &str = "4.14.1";

/// Something a task needs on the machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// The wasm32 target, and the pinned nightly with the standard
    /// library's sources and the crates those sources depend on.
    Toolchains,
    /// Every crate in Cargo.lock, downloaded: trunk builds offline.
    Crates,
    Trunk,
    WasmBindgen,
    /// npm's binaryen, for trunk's wasm-opt step.
    WasmOpt,
    /// npm's esbuild, to minify wasm-bindgen's JS glue.
    Esbuild,
    /// npm's axe-core, injected by the accessibility tests.
    Axe,
    /// A virtual environment with moto, which plays Cognito.
    Moto,
    /// Debian's Chromium and chromedriver.
    Chromium,
}

/// What `trunk build` needs, offline.
pub const SITE: &[Tool] = &[
    Tool::Toolchains,
    Tool::Crates,
    Tool::Trunk,
    Tool::WasmBindgen,
    Tool::WasmOpt,
    Tool::Esbuild,
];

/// Installs whichever of `tools` is missing, all at the same time.
pub fn ensure(tools: &[Tool]) -> Result<()> {
    let mut steps = Vec::new();
    for &tool in tools {
        if let Some(mut step) = tool.step()? {
            // Another xtask (a `serve` beside a `test`) may be installing
            // the same tool into the same place: one at a time, and the
            // second finds it done.
            step.run = Box::new(move |log| {
                let _lock = install::lock(step_lock(tool))?;
                match tool.step()? {
                    Some(still_missing) => (still_missing.run)(log),
                    None => Ok(()),
                }
            });
            steps.push(step);
        }
    }
    install::run_all(steps)
}

/// The lock file that keeps two installs of `tool` apart.
fn step_lock(tool: Tool) -> PathBuf {
    paths::cache().join("locks").join(format!("{tool:?}.lock"))
}

/// Everything `trunk build` needs, offline.
pub fn site() -> Result<()> {
    ensure(SITE)
}

impl Tool {
    /// `None` when the tool is already there as wanted.
    fn step(self) -> Result<Option<Step>> {
        match self {
            Tool::Toolchains if !toolchains_ready() => step(
                format!("wasm32 target, {SIZE_TOOLCHAIN} with rust-src and its crates"),
                "rustup and cargo fetch, about 1 min",
                "toolchains.log",
                install_toolchains,
            ),
            Tool::Crates if !crates_ready() => step(
                "the crates in Cargo.lock".into(),
                "cargo fetch, under a minute",
                "crates.log",
                |log| run_logged(crate::cmd::cargo().arg("fetch"), log),
            ),
            Tool::Trunk if version_of("trunk").as_deref() != Some(TRUNK_VERSION) => step(
                format!("trunk {TRUNK_VERSION}"),
                "cargo install, compiles from source, about 9 min on 2 quiet cores",
                "trunk.log",
                // 0.22 needs a newer rustc than this toolchain; 0.21 is pinned.
                |log| {
                    run_logged(
                        Command::new("cargo").args([
                            "install",
                            "trunk",
                            "--locked",
                            "--version",
                            TRUNK_VERSION,
                        ]),
                        log,
                    )
                },
            ),
            Tool::WasmBindgen => {
                // The CLI must equal the library version in Cargo.lock.
                let wanted = locked_version("wasm-bindgen")?;
                let has_runner =
                    output(Command::new("wasm-bindgen-test-runner").arg("--version")).is_some();
                if version_of("wasm-bindgen").as_deref() == Some(wanted.as_str()) && has_runner {
                    return Ok(None);
                }
                step(
                    format!("wasm-bindgen-cli {wanted}"),
                    "cargo install, compiles from source, about 6 min on 2 quiet cores",
                    "wasm-bindgen.log",
                    // Not --locked: its lockfile pins a webpki-roots the registry lacks.
                    move |log| {
                        run_logged(
                            Command::new("cargo").args([
                                "install",
                                "wasm-bindgen-cli",
                                "--version",
                                &wanted,
                            ]),
                            log,
                        )
                    },
                )
            }
            Tool::WasmOpt if !wasm_opt_ready() => {
                npm_step("binaryen", BINARYEN_VERSION, "binaryen.log")
            }
            Tool::Esbuild if !esbuild_bin().is_file() => {
                npm_step("esbuild", ESBUILD_VERSION, "esbuild.log")
            }
            Tool::Axe if !axe_script().is_file() => {
                npm_step("axe-core", AXE_VERSION, "axe-core.log")
            }
            Tool::Moto if !moto_venv().join(".installed").exists() => step(
                "moto (a Python virtual environment)".into(),
                "pip, about 30 s",
                "moto.log",
                install_moto,
            ),
            Tool::Chromium if !chromium_ready() => {
                if output(Command::new("id").arg("-u")).as_deref() != Some("0") {
                    bail!(
                        "Chromium and chromedriver are missing. Install them with:\n  \
                         sudo sh -c 'apt-get update && apt-get install -y chromium chromium-driver'"
                    );
                }
                step(
                    "Debian's chromium and chromium-driver".into(),
                    "apt-get, about 1 min",
                    "chromium.log",
                    install_chromium,
                )
            }
            _ => Ok(None),
        }
    }
}

fn step(
    what: String,
    how: &'static str,
    log_name: &'static str,
    run: impl FnOnce(&Path) -> Result<()> + Send + 'static,
) -> Result<Option<Step>> {
    Ok(Some(Step {
        what,
        how,
        log_name,
        run: Box::new(run),
    }))
}

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

/// The wasm target, the pinned nightly with `rust-src`, and the crates the
/// standard library's sources depend on. build-std resolves those from the
/// nightly's own `library/Cargo.lock`, and trunk runs cargo `--offline`, so
/// nothing would download them: a machine whose cargo cache never held them
/// failed the release build (`no matching package named wasip1`).
fn toolchains_ready() -> bool {
    let targets =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    let components = output(Command::new("rustup").args([
        "component",
        "list",
        "--installed",
        "--toolchain",
        SIZE_TOOLCHAIN,
    ]))
    .unwrap_or_default();
    targets
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
        && components.lines().any(|l| l.starts_with("rust-src"))
        && std_library_manifest()
            .is_some_and(|manifest| output(fetch_std(&manifest).arg("--offline")).is_some())
}

fn install_toolchains(log: &Path) -> Result<()> {
    run_logged(
        Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
        log,
    )?;
    // Minimal profile: build-std needs no prebuilt wasm target (about 13 s).
    run_logged(
        Command::new("rustup").args([
            "toolchain",
            "install",
            SIZE_TOOLCHAIN,
            "--profile",
            "minimal",
            "--component",
            "rust-src",
        ]),
        log,
    )?;
    let manifest = std_library_manifest()
        .with_context(|| format!("{SIZE_TOOLCHAIN} has no library/Cargo.toml in rust-src"))?;
    run_logged(&mut fetch_std(&manifest), log)
}

/// `library/Cargo.toml` in the pinned nightly's `rust-src`.
fn std_library_manifest() -> Option<PathBuf> {
    let sysroot = output(
        Command::new("rustc")
            .args(["--print", "sysroot"])
            .env("RUSTUP_TOOLCHAIN", SIZE_TOOLCHAIN),
    )?;
    let manifest = Path::new(&sysroot).join("lib/rustlib/src/rust/library/Cargo.toml");
    manifest.is_file().then_some(manifest)
}

fn fetch_std(manifest: &Path) -> Command {
    let mut command = Command::new("cargo");
    command
        .arg("fetch")
        .arg("--manifest-path")
        .arg(manifest)
        .env("RUSTUP_TOOLCHAIN", SIZE_TOOLCHAIN);
    command
}

/// Every crate of the workspace is in cargo's cache (trunk builds offline).
fn crates_ready() -> bool {
    output(crate::cmd::cargo().args(["fetch", "--offline"])).is_some()
}

fn wasm_opt_ready() -> bool {
    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    output(Command::new("wasm-opt").arg("--version"))
        .unwrap_or_default()
        .split_whitespace()
        .any(|w| w.trim_start_matches("version_") == major)
}

/// The cache folder npm installs `package@version` into.
fn npm_dir(package: &str, version: &str) -> PathBuf {
    paths::cache().join(format!("{package}-{version}"))
}

/// `npm install package@version` into [`npm_dir`].
fn npm_step(
    package: &'static str,
    version: &'static str,
    log_name: &'static str,
) -> Result<Option<Step>> {
    step(
        format!("npm's {package}@{version}"),
        "npm install, seconds",
        log_name,
        move |log| {
            let dir = npm_dir(package, version);
            std::fs::create_dir_all(&dir)?;
            run_logged(
                Command::new("npm")
                    .args(["install", "--no-audit", "--no-fund", "--prefix"])
                    .arg(&dir)
                    .arg(format!("{package}@{version}")),
                log,
            )
        },
    )
}

fn esbuild_bin() -> PathBuf {
    npm_dir("esbuild", ESBUILD_VERSION).join("node_modules/.bin/esbuild")
}

/// esbuild from npm (its platform binary is an npm package too), to minify
/// wasm-bindgen's JS glue, which trunk leaves as it is. Returns its path.
pub fn esbuild() -> Result<PathBuf> {
    ensure(&[Tool::Esbuild])?;
    Ok(esbuild_bin())
}

fn axe_script() -> PathBuf {
    npm_dir("axe-core", AXE_VERSION).join("node_modules/axe-core/axe.min.js")
}

/// axe-core, which the end-to-end tests inject into each page to check it
/// for accessibility. Returns the path of `axe.min.js`.
pub fn axe() -> Result<PathBuf> {
    ensure(&[Tool::Axe])?;
    Ok(axe_script())
}

/// The moto venv, keyed by the requirements file so a change to the pins
/// makes a new one.
fn moto_venv() -> PathBuf {
    let pins = std::fs::read(requirements()).unwrap_or_default();
    paths::cache().join(format!("moto-venv-{:016x}", fnv1a(&pins)))
}

fn requirements() -> PathBuf {
    paths::root().join("local-stack/requirements.txt")
}

fn install_moto(log: &Path) -> Result<()> {
    let venv = moto_venv();
    std::fs::create_dir_all(paths::cache())?;
    run_logged(Command::new("python3").args(["-m", "venv"]).arg(&venv), log)?;
    run_logged(
        Command::new(venv.join("bin/pip"))
            .args(["install", "--disable-pip-version-check", "-r"])
            .arg(requirements()),
        log,
    )?;
    std::fs::write(venv.join(".installed"), "")?;
    Ok(())
}

/// The `moto_server` of the venv, installed if missing.
pub fn moto() -> Result<PathBuf> {
    ensure(&[Tool::Moto])?;
    Ok(moto_venv().join("bin/moto_server"))
}

/// botocore's model of the Cognito user pools API, which comes with moto:
/// every operation's members and the errors it can return.
pub fn cognito_model() -> Result<PathBuf> {
    let lib = moto()?
        .parent()
        .and_then(Path::parent)
        .context("moto_server is not in a venv's bin/")?
        .join("lib");
    for python in std::fs::read_dir(&lib).with_context(|| format!("reading {}", lib.display()))? {
        let dir = python?
            .path()
            .join("site-packages/botocore/data/cognito-idp/2016-04-18");
        for name in ["service-2.json.gz", "service-2.json"] {
            if dir.join(name).is_file() {
                return Ok(dir.join(name));
            }
        }
    }
    bail!(
        "botocore's cognito-idp model is not in the moto venv under {}",
        lib.display()
    )
}

fn chromium_ready() -> bool {
    Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists()
}

fn install_chromium(log: &Path) -> Result<()> {
    run_logged(Command::new("apt-get").arg("update"), log)?;
    run_logged(
        Command::new("apt-get")
            .args([
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"),
        log,
    )
}

/// The second word of `tool --version` ("trunk 0.21.14" → "0.21.14").
fn version_of(tool: &str) -> Option<String> {
    let line = output(Command::new(tool).arg("--version"))?;
    line.split_whitespace().nth(1).map(str::to_owned)
}

/// The version Cargo.lock resolved for `package`.
pub fn locked_version(package: &str) -> Result<String> {
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

/// 64-bit FNV-1a: stable across Rust releases, unlike `DefaultHasher`, so
/// the cached venvs' names do not change with the toolchain.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

#[cfg(test)]
mod tests {
    use super::fnv1a;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
