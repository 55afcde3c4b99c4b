//! Short names between the wasm and its JS glue. wasm-bindgen names each
//! import after the function and a 16-digit hash (`__wbg_fetch_858ffa20…`),
//! and both files spell every name out: about a hundred hashes that do not
//! compress. binaryen renames the wasm's imports, exports and import module
//! (`--minify-imports-and-exports-and-modules`) and reports the mapping;
//! the glue is rewritten to match (2.7 KB brotli over both files).

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
const FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Renames in place: `wasm`, then the `glue` that loads it.
pub fn shorten(wasm: &Path, glue: &Path) -> Result<()> {
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
    let text = std::fs::read_to_string(glue).context("reading the JS glue")?;
    std::fs::write(glue, mapping.apply(&text)?).context("writing the JS glue")
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

    #[test]
    fn counts_what_it_renamed() {
        assert_eq!(
            rename_identifier("a.ab(ab)ab_", "ab", "x"),
            ("a.x(x)ab_".into(), 2)
        );
        assert_eq!(rename_identifier("$ab", "ab", "x"), ("$ab".into(), 0));
    }
}
