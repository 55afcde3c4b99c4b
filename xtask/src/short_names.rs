//! Short names between the wasm and its JS glue. wasm-bindgen names each
//! import after the function and a 16-digit hash (`__wbg_fetch_858ffa20…`),
//! and both files spell every name out: about a hundred hashes that do not
//! compress. binaryen renames the wasm's imports, exports and import module
//! (`--minify-imports-and-exports-and-modules`) and reports the mapping;
//! the glue is rewritten to match (2.7 KB brotli over both files), and so
//! is the split part's loader (`split.rs`), which the wasm imports from and
//! which reads the main module's memory and table by their export names.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd::describe;

/// The module wasm-bindgen's glue provides the imports under, and the one
/// name binaryen merges every import module into.
const GLUE_MODULE_SUFFIX: &str = "_bg.js";
const SHORT_MODULE: &str = "a";

/// The wasm features the release bundle uses (binaryen validates against
/// them; the target-features section is stripped by then).
pub const FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Renames in place: `wasm`, then the `glue` that loads it and the split
/// part's `loader`, which the wasm imports from and which reads some of
/// its exports.
pub fn shorten(wasm: &Path, glue: &Path, loader: &Path) -> Result<()> {
    let mut command = Command::new("wasm-opt");
    command
        .arg(wasm)
        .arg("--minify-imports-and-exports-and-modules")
        .args(FEATURES)
        .arg("-o")
        .arg(wasm);
    eprintln!("$ {}", describe(&command));
    let out = command
        .output()
        .with_context(|| format!("could not start `{}`", describe(&command)))?;
    if !out.status.success() {
        bail!(
            "`{}` failed with {}: {}",
            describe(&command),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mapping = Mapping::parse(&String::from_utf8_lossy(&out.stdout))?;
    let loader_module = loader
        .file_name()
        .and_then(|n| n.to_str())
        .map(|name| format!("./{name}"))
        .context("the split loader has no name")?;
    let text = std::fs::read_to_string(glue).context("reading the JS glue")?;
    let loader_text = std::fs::read_to_string(loader).context("reading the split loader")?;
    let (text, loader_text) = mapping.apply_split(&text, &loader_text, &loader_module)?;
    std::fs::write(glue, text).context("writing the JS glue")?;
    std::fs::write(loader, loader_text).context("writing the split loader")
}

/// binaryen's report: `{"imports": [[module, name, short]…], "exports":
/// [[name, short]…]}`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    /// (module, old name, new name)
    pub imports: Vec<(String, String, String)>,
    /// (old name, new name)
    pub exports: Vec<(String, String)>,
}

impl Mapping {
    pub fn parse(report: &str) -> Result<Self> {
        let json: serde_json::Value =
            serde_json::from_str(report).context("binaryen's name mapping is not JSON")?;
        let rows = |key: &str| -> Result<Vec<Vec<String>>> {
            json.get(key)
                .and_then(|v| v.as_array())
                .with_context(|| format!("binaryen's name mapping has no \"{key}\" list"))?
                .iter()
                .map(|row| {
                    row.as_array()
                        .and_then(|cells| {
                            cells
                                .iter()
                                .map(|c| c.as_str().map(str::to_owned))
                                .collect::<Option<Vec<_>>>()
                        })
                        .with_context(|| format!("a \"{key}\" row is not a list of names: {row}"))
                })
                .collect()
        };
        let mut mapping = Mapping::default();
        for row in rows("imports")? {
            let [module, old, new] = <[String; 3]>::try_from(row).map_err(|row| {
                anyhow::anyhow!("an import row is not [module, name, short]: {row:?}")
            })?;
            mapping.imports.push((module, old, new));
        }
        for row in rows("exports")? {
            let [old, new] = <[String; 2]>::try_from(row)
                .map_err(|row| anyhow::anyhow!("an export row is not [name, short]: {row:?}"))?;
            mapping.exports.push((old, new));
        }
        Ok(mapping)
    }

    /// The glue with the new names. Each import is a key of the object the
    /// glue hands to `WebAssembly.instantiate`, so it must be found exactly
    /// once, as must the module's key; exports are read as properties
    /// (`wasm.__wbindgen_malloc`), any number of times, some never.
    pub fn apply(&self, glue: &str) -> Result<String> {
        let mut text = glue.to_owned();
        let mut modules: Vec<&str> = self.imports.iter().map(|(m, _, _)| m.as_str()).collect();
        modules.sort_unstable();
        modules.dedup();
        for module in modules {
            if !module.ends_with(GLUE_MODULE_SUFFIX) {
                bail!("the wasm imports from `{module}`, not only from its JS glue");
            }
            let key = format!("\"{module}\"");
            if text.matches(&key).count() != 1 {
                bail!("the JS glue does not name the import module {key} exactly once");
            }
            text = text.replace(&key, SHORT_MODULE);
        }
        for (_, old, new) in &self.imports {
            let (renamed, found) = rename_identifier(&text, old, new);
            if found != 1 {
                bail!("the JS glue names the import `{old}` {found} times, not once");
            }
            text = renamed;
        }
        for (old, new) in &self.exports {
            text = rename_identifier(&text, old, new).0;
        }
        Ok(text)
    }
}

impl Mapping {
    /// The glue and the split loader with the new names. binaryen merges
    /// the loader's import module into the glue's, so the glue hands the
    /// wasm one object holding both; the loader exports its functions
    /// under their new names and reads the main module's exports by theirs.
    pub fn apply_split(
        &self,
        glue: &str,
        loader: &str,
        loader_module: &str,
    ) -> Result<(String, String)> {
        let (from_loader, from_glue): (Vec<_>, Vec<_>) = self
            .imports
            .iter()
            .cloned()
            .partition(|(module, _, _)| module == loader_module);
        let mut loader = loader.to_owned();
        for (_, old, new) in &from_loader {
            let (renamed, found) = rename_identifier(&loader, old, new);
            if found == 0 {
                bail!("the split loader does not export `{old}`");
            }
            loader = renamed;
        }
        let loader = self.rename_shared_exports(&loader)?;

        let glue = if from_loader.is_empty() {
            glue.to_owned()
        } else {
            merge_loader_imports(glue, loader_module, &from_glue)?
        };
        let main = Mapping {
            imports: from_glue,
            exports: self.exports.clone(),
        };
        Ok((main.apply(&glue)?, loader))
    }

    /// The loader takes the main module's memory, table and shared globals
    /// from `initSync()` by destructuring (`const { memory, … } =
    /// initSync(…)`): each old name becomes `new: old`.
    fn rename_shared_exports(&self, loader: &str) -> Result<String> {
        const END: &str = "} = initSync(";
        let Some(end) = loader.find(END) else {
            return Ok(loader.to_owned());
        };
        let start = loader[..end]
            .rfind("const {")
            .context("the split loader reads initSync() in an unknown way")?
            + "const {".len();
        let names = loader[start..end]
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(|name| {
                let new = self
                    .exports
                    .iter()
                    .find(|(old, _)| old == name)
                    .map(|(_, new)| new)
                    .with_context(|| format!("the wasm does not export `{name}`"))?;
                Ok(format!("{new}: {name}"))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok([
            &loader[..start],
            " ",
            &names.join(", "),
            " ",
            &loader[end..],
        ]
        .concat())
    }
}

/// wasm-bindgen's glue hands the wasm `{ "./x_bg.js": import0,
/// "./split-….js": import1, "./split-….js": import2 }` (an entry for each
/// function the wasm takes from the loader, each the loader's namespace);
/// binaryen merged every module into one, so the first entry becomes all
/// of them and the others go.
fn merge_loader_imports(
    glue: &str,
    loader_module: &str,
    from_glue: &[(String, String, String)],
) -> Result<String> {
    let mut text = glue.to_owned();
    let mut loader_idents = Vec::new();
    while let Some((key, end, ident)) = module_entries(&text, loader_module).first().copied() {
        loader_idents.push(ident.to_owned());
        let end = end + usize::from(text[end..].starts_with(','));
        text = [&text[..key], text[end..].trim_start()].concat();
    }
    if loader_idents.is_empty() {
        bail!("the JS glue does not hand the wasm the split loader");
    }

    let module = from_glue
        .first()
        .map(|(module, _, _)| module)
        .context("the wasm imports nothing from its JS glue")?;
    let [(_, end, glue_ident)] = module_entries(&text, module)[..] else {
        bail!("the JS glue does not name the import module \"{module}\" exactly once");
    };
    let start = end - glue_ident.len();
    Ok([
        &text[..start],
        "Object.assign(",
        glue_ident,
        ", ",
        &loader_idents.join(", "),
        ")",
        &text[end..],
    ]
    .concat())
}

/// Each `"module": ident` entry of `glue`: where its key starts, where its
/// identifier ends, and the identifier.
fn module_entries<'a>(glue: &'a str, module: &str) -> Vec<(usize, usize, &'a str)> {
    let key = format!("\"{module}\": ");
    glue.match_indices(&key)
        .map(|(at, _)| {
            let rest = &glue[at + key.len()..];
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
                .unwrap_or(rest.len());
            (at, at + key.len() + len, &rest[..len])
        })
        .collect()
}

/// Replaces `old` wherever it is a whole JS identifier (not part of a
/// longer one); returns the text and how many were replaced.
pub fn rename_identifier(text: &str, old: &str, new: &str) -> (String, usize) {
    let is_part = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut out = String::with_capacity(text.len());
    let mut found = 0;
    let mut done = 0;
    for (at, _) in text.match_indices(old) {
        let before = text[..at].chars().next_back();
        let after = text[at + old.len()..].chars().next();
        out.push_str(&text[done..at]);
        if before.is_some_and(is_part) || after.is_some_and(is_part) {
            out.push_str(old);
        } else {
            out.push_str(new);
            found += 1;
        }
        done = at + old.len();
    }
    out.push_str(&text[done..]);
    (out, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = r#"function T(){return{__proto__:null,"./app_bg.js":{__proto__:null,__wbg_fetch_858f:function(e,t){return e.fetch(t)},__wbg_fetch_858f_2:function(e){return e}}}}function go(c){c.__wbindgen_malloc(1);c.__wbindgen_malloc_x(2);return c.__wbindgen_malloc}"#;

    fn mapping() -> Mapping {
        Mapping {
            imports: vec![
                ("./app_bg.js".into(), "__wbg_fetch_858f".into(), "B".into()),
                (
                    "./app_bg.js".into(),
                    "__wbg_fetch_858f_2".into(),
                    "C".into(),
                ),
            ],
            exports: vec![
                ("__wbindgen_malloc".into(), "d".into()),
                ("main".into(), "e".into()),
            ],
        }
    }

    #[test]
    fn reads_binaryens_report() {
        let report = r#"{
 "imports": [
  ["./app_bg.js", "__wbg_fetch_858f", "B"],
  ["./app_bg.js", "__wbg_fetch_858f_2", "C"]
 ],
 "exports": [
  ["__wbindgen_malloc", "d"],
  ["main", "e"]
 ]
}"#;
        assert_eq!(Mapping::parse(report).unwrap(), mapping());
        assert!(Mapping::parse(r#"{"imports": [["a", "b"]], "exports": []}"#).is_err());
        assert!(Mapping::parse(r#"{"imports": []}"#).is_err());
        assert!(Mapping::parse("renamed 3 imports").is_err());
    }

    #[test]
    fn renames_whole_identifiers_only() {
        let glue = mapping().apply(GLUE).unwrap();
        assert_eq!(
            glue,
            r#"function T(){return{__proto__:null,a:{__proto__:null,B:function(e,t){return e.fetch(t)},C:function(e){return e}}}}function go(c){c.d(1);c.__wbindgen_malloc_x(2);return c.d}"#
        );
    }

    #[test]
    fn refuses_glue_that_lacks_an_import() {
        let mut short = mapping();
        short
            .imports
            .push(("./app_bg.js".into(), "__wbg_gone_1234".into(), "D".into()));
        let error = short.apply(GLUE).unwrap_err().to_string();
        assert!(error.contains("__wbg_gone_1234"), "{error}");
    }

    #[test]
    fn refuses_imports_from_another_module() {
        let mut other = mapping();
        other
            .imports
            .push(("env".into(), "__wbg_fetch_858f".into(), "D".into()));
        assert!(other.apply(GLUE).is_err());
    }

    const SPLIT_GLUE: &str = r#"import * as import1 from "./split-ab.js"
function T(){return{__proto__:null,"./app_bg.js": import0,"./split-ab.js": import1,"./split-ab.js": import2,}}const import0={__wbg_fetch_858f:function(){}};function go(c){c.main()}"#;
    const LOADER: &str = r#"import { initSync } from "./app.js";
const { __indirect_function_table, memory,  } = initSync(undefined, undefined);
export const __wasm_split_load_signed_in = 1;"#;

    fn split_mapping() -> Mapping {
        Mapping {
            imports: vec![
                ("./app_bg.js".into(), "__wbg_fetch_858f".into(), "B".into()),
                (
                    "./split-ab.js".into(),
                    "__wasm_split_load_signed_in".into(),
                    "C".into(),
                ),
            ],
            exports: vec![
                ("main".into(), "a".into()),
                ("__indirect_function_table".into(), "b".into()),
                ("memory".into(), "c".into()),
            ],
        }
    }

    #[test]
    fn hands_the_wasm_the_loaders_imports_under_the_glues_module() {
        let (glue, loader) = split_mapping()
            .apply_split(SPLIT_GLUE, LOADER, "./split-ab.js")
            .unwrap();
        assert_eq!(
            glue,
            r#"import * as import1 from "./split-ab.js"
function T(){return{__proto__:null,a: Object.assign(import0, import1, import2),}}const import0={B:function(){}};function go(c){c.a()}"#
        );
        assert!(
            loader.contains("const { b: __indirect_function_table, c: memory } = initSync("),
            "{loader}"
        );
        assert!(loader.contains("export const C = 1;"), "{loader}");
    }

    #[test]
    fn refuses_a_loader_that_reads_an_export_the_wasm_lacks() {
        let mut mapping = split_mapping();
        mapping.exports.retain(|(old, _)| old != "memory");
        let error = mapping
            .apply_split(SPLIT_GLUE, LOADER, "./split-ab.js")
            .unwrap_err()
            .to_string();
        assert!(error.contains("`memory`"), "{error}");
    }

    #[test]
    fn counts_what_it_renamed() {
        assert_eq!(
            rename_identifier("a.ab(ab)ab_", "ab", "x"),
            ("a.x(x)ab_".into(), 2)
        );
        assert_eq!(rename_identifier("$ab", "ab", "x"), ("$ab".into(), 0));
    }
}
