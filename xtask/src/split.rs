//! The release wasm in parts: what the sign-in form needs, and the pages it
//! does not (`src/ui/later_pages.rs`: the rest of the journey, and what only
//! a signed-in person sees), fetched once the form is usable.
//!
//! trunk builds one module. The app marks its split points with
//! `wasm_split_helpers` (the `split` feature, on in this build only), and
//! the linker keeps its relocations (`--emit-relocs`); here the raw module
//! is split, the main part goes through wasm-bindgen and wasm-opt again,
//! and the results replace trunk's bundle under the same hashed names. The
//! other parts (one per split point, and `chunkN` for code two of them
//! share) and their loader take trunk's hash too: every file of a build
//! changes name together, so a year-cached loader never points at a glue
//! file that is gone.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, anyhow, bail};

use crate::cmd::run;
use crate::{paths, short_names};

/// trunk's wasm-opt settings, read from the `index.html` it builds from
/// (`data-wasm-opt`, `data-wasm-opt-params` on the rust link), so that every
/// part is optimised as trunk optimises an unsplit build.
pub fn wasm_opt_flags(html: &str) -> Result<Vec<String>> {
    let link = html
        .split('<')
        .filter(|tag| tag.starts_with("link ") && tag.contains("rel=\"rust\""))
        .collect::<Vec<_>>();
    let [link] = link[..] else {
        bail!("index.html has not exactly one `<link data-trunk rel=\"rust\">`");
    };
    let attribute = |name: &str| {
        let start = format!(" {name}=\"");
        link.split_once(&start)
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(value, _)| value)
    };
    let level =
        attribute("data-wasm-opt").context("index.html's rust link sets no data-wasm-opt")?;
    if !matches!(level, "0" | "1" | "2" | "3" | "4" | "s" | "z") {
        bail!("index.html's data-wasm-opt=\"{level}\" is not a wasm-opt level");
    }
    let params = attribute("data-wasm-opt-params").unwrap_or_default();
    Ok(std::iter::once(format!("-O{level}"))
        .chain(params.split_whitespace().map(str::to_owned))
        .collect())
}

/// The bundle trunk left, and the files the split adds beside it.
pub struct Bundle {
    /// `dist/cognito-signin-HASH_bg.wasm`
    pub wasm: PathBuf,
    /// `dist/cognito-signin-HASH.js`
    pub glue: PathBuf,
    /// `dist/split-HASH.js`: loads the other parts into the main module's
    /// memory and table.
    pub loader: PathBuf,
    /// trunk's content hash, which the other parts' names take.
    hash: String,
}

impl Bundle {
    /// The names for trunk's bundle `dist/STEM-HASH_bg.wasm`.
    pub fn new(wasm: &Path, glue: &Path) -> Result<Bundle> {
        let stem = glue
            .file_stem()
            .and_then(|s| s.to_str())
            .context("the JS glue has no name")?;
        let hash = stack_contract::assets::content_hash(stem)
            .with_context(|| format!("the JS glue `{stem}.js` has no content hash"))?;
        let dir = glue.parent().context("the JS glue is in no folder")?;
        Ok(Bundle {
            wasm: wasm.to_owned(),
            glue: glue.to_owned(),
            loader: dir.join(format!("split-{hash}.js")),
            hash: hash.to_owned(),
        })
    }

    /// Where the part the tool wrote as `split_NAME.wasm` or `chunk_N.wasm`
    /// goes: `NAME-HASH.wasm`, `chunkN-HASH.wasm`.
    pub fn part(&self, written: &str) -> Result<PathBuf> {
        let stem = written
            .strip_suffix(".wasm")
            .and_then(|stem| {
                stem.strip_prefix("split_")
                    .map(str::to_owned)
                    .or_else(|| stem.strip_prefix("chunk_").map(|n| format!("chunk{n}")))
            })
            .filter(|stem| !stem.is_empty())
            .with_context(|| {
                format!("the split wrote a part named `{written}`, not split_NAME or chunk_N")
            })?;
        Ok(self
            .loader
            .with_file_name(format!("{stem}-{}.wasm", self.hash)))
    }

    fn file_name(path: &Path) -> Result<&str> {
        path.file_name()
            .and_then(|n| n.to_str())
            .with_context(|| format!("{} has no name", path.display()))
    }
}

/// Splits `raw` (cargo's output, linked with relocations) and replaces the
/// bundle's wasm and glue; writes the other parts and their loader.
pub fn apply(raw: &Path, bundle: &Bundle, wasm_opt: &[String]) -> Result<()> {
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
    eprintln!("$ wasm-split {} (the later pages apart)", raw.display());
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = &work;
    options.main_out_path = &main;
    options.main_module = &main_module;
    options.link_name = &link_name;
    let split = wasm_split_cli_support::transform(options).map_err(|e| anyhow!("{e:#}"))?;
    if split.split_modules.is_empty() {
        bail!("the split found no split point: is the app built with the `split` feature?");
    }

    let stem = glue_name.trim_end_matches(".js");
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--keep-lld-exports", "--no-demangle"])
        .args(["--no-typescript", "--out-name", stem, "--out-dir"])
        .arg(&work)
        .arg(&main))?;
    optimise(
        &work.join(format!("{stem}_bg.wasm")),
        &bundle.wasm,
        wasm_opt,
    )?;
    std::fs::copy(work.join(glue_name), &bundle.glue).context("copying the JS glue")?;

    // The tool writes the loader under its link name; the loader names each
    // part as the tool wrote it: give it its hashed name.
    let written = work.join(loader_name);
    let mut loader = std::fs::read_to_string(&written)
        .with_context(|| format!("reading {}", written.display()))?;
    for part in &split.split_modules {
        let name = Bundle::file_name(part)?;
        let hashed = bundle.part(name)?;
        optimise(part, &hashed, wasm_opt)?;
        let url = format!("\"./{name}\"");
        if loader.matches(&url).count() != 1 {
            bail!("the split loader does not name {url} exactly once");
        }
        loader = loader.replace(&url, &format!("\"./{}\"", Bundle::file_name(&hashed)?));
    }
    std::fs::write(&bundle.loader, loader).context("writing the split loader")?;

    let index = bundle.glue.with_file_name("index.html");
    let html = std::fs::read_to_string(&index).context("reading dist/index.html")?;
    std::fs::write(&index, preload_loader(&html, glue_name, loader_name)?)
        .context("writing dist/index.html")
}

/// `index.html` with the loader fetched beside the glue: the glue imports
/// it, and without a preload the browser finds it only once the glue is in.
fn preload_loader(html: &str, glue_name: &str, loader_name: &str) -> Result<String> {
    let glue = format!("<link crossorigin href=/{glue_name} rel=modulepreload>");
    if html.matches(&glue).count() != 1 {
        bail!("index.html does not preload the JS glue as `{glue}` exactly once");
    }
    Ok(html.replace(
        &glue,
        &format!("{glue}<link crossorigin href=/{loader_name} rel=modulepreload>"),
    ))
}

fn optimise(input: &Path, output: &Path, flags: &[String]) -> Result<()> {
    run(Command::new("wasm-opt")
        .arg(input)
        .args(flags)
        .args(short_names::FEATURES)
        .arg("-o")
        .arg(output))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optimises_as_the_index_tells_trunk() {
        let html = r#"<link data-trunk rel="css" href="a.css" />
            <link data-trunk rel="rust" data-bin="app" data-wasm-opt="s" data-wasm-opt-params="--flatten  -Os --strip-producers" />"#;
        assert_eq!(
            wasm_opt_flags(html).unwrap(),
            ["-Os", "--flatten", "-Os", "--strip-producers"]
        );
        let bare = r#"<link data-trunk rel="rust" data-wasm-opt="z">"#;
        assert_eq!(wasm_opt_flags(bare).unwrap(), ["-Oz"]);
    }

    #[test]
    fn refuses_an_index_without_wasm_opt_settings() {
        for html in [
            r#"<link data-trunk rel="css" data-wasm-opt="s">"#,
            r#"<link data-trunk rel="rust" data-bin="app">"#,
            r#"<link data-trunk rel="rust" data-wasm-opt="fast">"#,
            r#"<link data-trunk rel="rust" data-wasm-opt="s"><link data-trunk rel="rust" data-wasm-opt="s">"#,
        ] {
            assert!(wasm_opt_flags(html).is_err(), "{html}");
        }
    }

    #[test]
    fn names_the_parts_after_trunks_hash() {
        let bundle = Bundle::new(
            Path::new("dist/cognito-signin-0123456789abcdef_bg.wasm"),
            Path::new("dist/cognito-signin-0123456789abcdef.js"),
        )
        .unwrap();
        assert_eq!(bundle.loader, Path::new("dist/split-0123456789abcdef.js"));
        assert_eq!(
            bundle.part("split_signed_in.wasm").unwrap(),
            Path::new("dist/signed_in-0123456789abcdef.wasm")
        );
        assert_eq!(
            bundle.part("chunk_3.wasm").unwrap(),
            Path::new("dist/chunk3-0123456789abcdef.wasm")
        );
        assert!(bundle.part("main.wasm").is_err());
        assert!(bundle.part("split_.wasm").is_err());
    }

    #[test]
    fn preloads_the_loader_beside_the_glue() {
        let html = "<title>t</title><link crossorigin href=/app-1.js rel=modulepreload></head>";
        assert_eq!(
            preload_loader(html, "app-1.js", "split-1.js").unwrap(),
            "<title>t</title><link crossorigin href=/app-1.js rel=modulepreload>\
             <link crossorigin href=/split-1.js rel=modulepreload></head>"
        );
        assert!(preload_loader("<title>t</title>", "app-1.js", "split-1.js").is_err());
    }

    #[test]
    fn refuses_a_bundle_without_a_hash() {
        assert!(Bundle::new(Path::new("dist/app_bg.wasm"), Path::new("dist/app.js")).is_err());
    }
}
