//! The vendored stand-ins (`vendor/wasm-streams`, `vendor/send_wrapper`)
//! must be what cargo resolves for leptos. A leptos update that wants
//! another version would otherwise drop the `[patch]` with only a warning,
//! and the bytes they saved (6.0 and 3.3 KB brotli) would come back.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::paths;

/// The crates the root Cargo.toml patches with a stand-in under `vendor/`.
pub const STAND_INS: &[&str] = &["wasm-streams", "send_wrapper"];

/// Asks cargo what it resolves for the app on wasm32 and fails unless each
/// stand-in is in the graph, and only from `vendor/`.
pub fn check() -> Result<()> {
    let out = Command::new("cargo")
        .args([
            "metadata",
            "--format-version",
            "1",
            "--filter-platform",
            "wasm32-unknown-unknown",
        ])
        .current_dir(paths::root())
        .output()
        .context("running cargo metadata")?;
    if !out.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let metadata: Value = serde_json::from_slice(&out.stdout).context("reading cargo metadata")?;
    let problems = problems(&metadata, &paths::root().join("vendor"));
    if !problems.is_empty() {
        bail!("vendored stand-ins:\n  {}", problems.join("\n  "));
    }
    eprintln!("vendored stand-ins in use: {}", STAND_INS.join(", "));
    Ok(())
}

/// What is wrong with the stand-ins in `metadata` (cargo's JSON), if
/// anything: one that is no longer used, or a registry copy beside it.
fn problems(metadata: &Value, vendor: &Path) -> Vec<String> {
    let packages = metadata["packages"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    let mut problems = Vec::new();
    for &name in STAND_INS {
        let mut used = false;
        for package in packages.iter().filter(|p| p["name"] == name) {
            let manifest = package["manifest_path"].as_str().unwrap_or_default();
            if Path::new(manifest).starts_with(vendor) {
                used = true;
            } else {
                problems.push(format!(
                    "{name} {} comes from {}, not vendor/: the stand-in no longer matches the \
                     version leptos wants; update vendor/{name} to it",
                    package["version"].as_str().unwrap_or("?"),
                    package["source"].as_str().unwrap_or(manifest),
                ));
            }
        }
        if !used {
            problems.push(format!(
                "the stand-in vendor/{name} is not used: remove it and its [patch] entry, or \
                 find out why leptos no longer resolves to it"
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn package(name: &str, version: &str, manifest: &str, source: Option<&str>) -> Value {
        json!({"name": name, "version": version, "manifest_path": manifest, "source": source})
    }

    const REGISTRY: Option<&str> = Some("registry+https://github.com/rust-lang/crates.io-index");

    #[test]
    fn the_patched_graph_passes() {
        let metadata = json!({"packages": [
            package("wasm-streams", "0.5.0", "/r/vendor/wasm-streams/Cargo.toml", None),
            package("send_wrapper", "0.6.0", "/r/vendor/send_wrapper/Cargo.toml", None),
            package("leptos", "0.8.23", "/reg/leptos-0.8.23/Cargo.toml", REGISTRY),
        ]});
        assert_eq!(
            problems(&metadata, Path::new("/r/vendor")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_registry_copy_beside_the_stand_in_fails() {
        let metadata = json!({"packages": [
            package("wasm-streams", "0.6.0", "/reg/wasm-streams-0.6.0/Cargo.toml", REGISTRY),
            package("send_wrapper", "0.6.0", "/r/vendor/send_wrapper/Cargo.toml", None),
        ]});
        let found = problems(&metadata, Path::new("/r/vendor"));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("wasm-streams 0.6.0 comes from registry+"),
            "{found:?}"
        );
        assert!(
            found[1].contains("vendor/wasm-streams is not used"),
            "{found:?}"
        );
    }
}
