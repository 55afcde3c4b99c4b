//! The release build of the SPA and what it weighs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd::run;
use crate::{paths, short_names, split, tools};

/// `trunk build --release` into `dist/`, offline, with the standard library
/// rebuilt so that a panic traps at once (`-Cpanic=immediate-abort`) instead
/// of formatting a message first. The app installs no panic hook, so a panic
/// already ended in a bare trap that nobody saw the message of; what goes is
/// the formatting machinery behind it, every panic message and every source
/// path: 11 KB of brotli. The nightly also allows the app's `nightly`
/// feature (Leptos's static view code). Plain `trunk build --release` on
/// stable still builds the same app, only larger.
pub fn build_release() -> Result<()> {
    tools::site()?;
    run(Command::new("trunk")
        .args(["build", "--release", "--features", "nightly,split"])
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .env("RUSTUP_TOOLCHAIN", tools::SIZE_TOOLCHAIN)
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            // The relocations let the split find what each part uses.
            "-Zunstable-options -Cpanic=immediate-abort -Clink-args=--emit-relocs",
        )
        .current_dir(paths::root()))?;
    let (wasm, glue) = bundle()?;
    let bundle = split::Bundle::new(&wasm, &glue)?;
    let raw = paths::target().join("wasm32-unknown-unknown/release/cognito-signin.wasm");
    let index =
        std::fs::read_to_string(paths::root().join("index.html")).context("reading index.html")?;
    split::apply(&raw, &bundle, &split::wasm_opt_flags(&index)?)?;
    short_names::shorten(&bundle.wasm, &bundle.glue, &bundle.loader)?;
    minify_js(&bundle.glue)?;
    minify_js(&bundle.loader)
}

/// The wasm bundle in `dist/` and its JS glue.
fn bundle() -> Result<(PathBuf, PathBuf)> {
    let dist = paths::dist();
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dist).context("reading dist/")? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix("_bg.wasm") {
            found.push((dist.join(&name), dist.join(format!("{stem}.js"))));
        }
    }
    match <[_; 1]>::try_from(found) {
        Ok([bundle]) => Ok(bundle),
        Err(found) => bail!("expected one wasm bundle in dist/, found {}", found.len()),
    }
}

/// Minifies a JS file in place: wasm-bindgen's glue (5.1 to 3.9 KB
/// brotli) and the split part's loader. Each keeps its name, from trunk's
/// hash of the unminified glue: the output is a function of trunk's build,
/// so the name still changes whenever it does, and nothing pins the
/// content (the page preloads the glue without SRI).
fn minify_js(file: &Path) -> Result<()> {
    run(Command::new(tools::esbuild()?)
        .arg(file)
        .args([
            "--minify",
            "--format=esm",
            "--target=es2020",
            "--log-level=warning",
        ])
        .arg(format!("--outfile={}", file.display()))
        .arg("--allow-overwrite"))
}

pub struct FileSize {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// Every file in `dist/`: raw, gzip -9 and brotli -q 11.
pub fn sizes() -> Result<Vec<FileSize>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(paths::dist()).context("reading dist/")? {
        let path = entry?.path();
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        files.push(FileSize {
            name: path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            raw: bytes.len(),
            gzip: gzip(&bytes)?,
            brotli: brotli(&bytes)?,
        });
    }
    files.sort_by_key(|f| std::cmp::Reverse(f.brotli));
    Ok(files)
}

pub fn print_sizes(files: &[FileSize]) {
    eprintln!(
        "{:<44} {:>9} {:>9} {:>9}",
        "dist/", "raw", "gzip -9", "brotli"
    );
    for f in files {
        eprintln!("{:<44} {:>9} {:>9} {:>9}", f.name, f.raw, f.gzip, f.brotli);
    }
    let total = |pick: fn(&FileSize) -> usize| files.iter().map(pick).sum::<usize>();
    eprintln!(
        "{:<44} {:>9} {:>9} {:>9}",
        "total",
        total(|f| f.raw),
        total(|f| f.gzip),
        total(|f| f.brotli)
    );
}

fn gzip(bytes: &[u8]) -> Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

fn brotli(bytes: &[u8]) -> Result<usize> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out.len())
}
