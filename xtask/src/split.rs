//! The release wasm in two: what the sign-in form needs, and the pages only
//! a signed-in person sees (account settings, passkeys, the authenticator
//! app's QR code), fetched once the form is usable.
//!
//! trunk builds one module. The app marks its split point with
//! `wasm_split_helpers` (the `split` feature, on in this build only), and
//! the linker keeps its relocations (`--emit-relocs`); here the raw module
//! is split, the main part goes through wasm-bindgen and wasm-opt again,
//! and the results replace trunk's bundle under the same hashed names. The
//! split part and its loader take trunk's hash too: every file of a build
//! changes name together, so a year-cached loader never points at a glue
//! file that is gone.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, anyhow, bail};

use crate::cmd::run;
use crate::{paths, short_names};

/// The split point's module name in the app (`#[wasm_split(signed_in, …)]`).
const SPLIT_MODULE: &str = "signed_in";

/// trunk's wasm-opt settings, from `index.html`'s `data-wasm-opt` and
/// `data-wasm-opt-params`.
const WASM_OPT: [&str; 7] = [
    "-Os",
    "--flatten",
    "--rereloop",
    "-Os",
    "--converge",
    "--strip-producers",
    "--strip-target-features",
];

/// The bundle trunk left, and the files the split adds beside it.
pub struct Bundle {
    /// `dist/cognito-signin-HASH_bg.wasm`
    pub wasm: PathBuf,
    /// `dist/cognito-signin-HASH.js`
    pub glue: PathBuf,
    /// `dist/split-HASH.js`: loads the split part into the main module's
    /// memory and table.
    pub loader: PathBuf,
    /// `dist/signed_in-HASH.wasm`
    pub part: PathBuf,
}

impl Bundle {
    /// The names for trunk's bundle `dist/STEM-HASH_bg.wasm`.
    pub fn new(wasm: &Path, glue: &Path) -> Result<Bundle> {
        let stem = glue
            .file_stem()
            .and_then(|s| s.to_str())
            .context("the JS glue has no name")?;
        let hash = stem
            .rsplit_once('-')
            .map(|(_, hash)| hash)
            .filter(|hash| hash.len() >= 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
            .with_context(|| format!("the JS glue `{stem}.js` has no content hash"))?;
        let dir = glue.parent().context("the JS glue is in no folder")?;
        Ok(Bundle {
            wasm: wasm.to_owned(),
            glue: glue.to_owned(),
            loader: dir.join(format!("split-{hash}.js")),
            part: dir.join(format!("{SPLIT_MODULE}-{hash}.wasm")),
        })
    }

    fn file_name(path: &Path) -> Result<&str> {
        path.file_name()
            .and_then(|n| n.to_str())
            .with_context(|| format!("{} has no name", path.display()))
    }
}

/// Splits `raw` (cargo's output, linked with relocations) and replaces the
/// bundle's wasm and glue; writes the split part and its loader.
pub fn apply(raw: &Path, bundle: &Bundle) -> Result<()> {
    let work = paths::target().join("split");
    if work.exists() {
        std::fs::remove_dir_all(&work).context("clearing target/split")?;
    }
    std::fs::create_dir_all(&work).context("creating target/split")?;
    let input = std::fs::read(raw).with_context(|| format!("reading {}", raw.display()))?;
    let main = work.join("main.wasm");
    let glue_name = Bundle::file_name(&bundle.glue)?;
    let loader_name = Bundle::file_name(&bundle.loader)?;
    let main_module = format!("./{glue_name}");
    let link_name = format!("./{loader_name}");
    eprintln!("$ wasm-split {} (signed-in pages apart)", raw.display());
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = &work;
    options.main_out_path = &main;
    options.main_module = &main_module;
    options.link_name = &link_name;
    let split = wasm_split_cli_support::transform(options).map_err(|e| anyhow!("{e:#}"))?;
    let [part] = <[PathBuf; 1]>::try_from(split.split_modules).map_err(|parts| {
        anyhow!(
            "expected the one split part `{SPLIT_MODULE}`, found {}",
            parts.len()
        )
    })?;

    let stem = glue_name.trim_end_matches(".js");
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--keep-lld-exports", "--no-demangle"])
        .args(["--no-typescript", "--out-name", stem, "--out-dir"])
        .arg(&work)
        .arg(&main))?;
    optimise(&work.join(format!("{stem}_bg.wasm")), &bundle.wasm)?;
    optimise(&part, &bundle.part)?;
    std::fs::copy(work.join(glue_name), &bundle.glue).context("copying the JS glue")?;

    // The loader names the part as the tool wrote it: give it its hashed name.
    let written = work.join("__wasm_split.js");
    let written = if written.exists() {
        written
    } else {
        work.join(loader_name)
    };
    let loader = std::fs::read_to_string(&written)
        .with_context(|| format!("reading {}", written.display()))?;
    let part_url = format!("\"./{}\"", Bundle::file_name(&part)?);
    if loader.matches(&part_url).count() != 1 {
        bail!("the split loader does not name {part_url} exactly once");
    }
    let loader = loader.replace(
        &part_url,
        &format!("\"./{}\"", Bundle::file_name(&bundle.part)?),
    );
    std::fs::write(&bundle.loader, loader).context("writing the split loader")
}

fn optimise(input: &Path, output: &Path) -> Result<()> {
    run(Command::new("wasm-opt")
        .arg(input)
        .args(WASM_OPT)
        .args(short_names::FEATURES)
        .arg("-o")
        .arg(output))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_parts_after_trunks_hash() {
        let bundle = Bundle::new(
            Path::new("dist/cognito-signin-0123456789abcdef_bg.wasm"),
            Path::new("dist/cognito-signin-0123456789abcdef.js"),
        )
        .unwrap();
        assert_eq!(bundle.loader, Path::new("dist/split-0123456789abcdef.js"));
        assert_eq!(
            bundle.part,
            Path::new("dist/signed_in-0123456789abcdef.wasm")
        );
    }

    #[test]
    fn refuses_a_bundle_without_a_hash() {
        assert!(Bundle::new(Path::new("dist/app_bg.wasm"), Path::new("dist/app.js")).is_err());
    }
}
