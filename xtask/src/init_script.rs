//! A trunk post-build hook: moves trunk's inline start-up script into its
//! own file, so the site runs under a Content-Security-Policy without
//! `'unsafe-inline'` and without a hash that changes with every build.

use anyhow::{Context, Result};

use crate::tools::fnv1a;

/// The opening tag as trunk writes it, and as its HTML minifier rewrites it.
const OPENS: [&str; 2] = [r#"<script type="module">"#, "<script type=module>"];
const CLOSE: &str = "</script>";

/// Rewrites `$TRUNK_STAGING_DIR/index.html` in place.
pub fn externalize() -> Result<()> {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .context("TRUNK_STAGING_DIR is not set: this runs as a trunk post_build hook")?;
    let staging = std::path::PathBuf::from(staging);
    let index = staging.join("index.html");
    let html = std::fs::read_to_string(&index).context("reading the staged index.html")?;
    if let Some(page) = split(&html) {
        std::fs::write(staging.join(&page.script_name), page.script)?;
        std::fs::write(&index, page.html)?;
    }
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    pub html: String,
    pub script: String,
    pub script_name: String,
}

/// Replaces each inline module script with one external module. `None`
/// when there is none (already external).
pub fn split(html: &str) -> Option<Split> {
    let mut rest = html;
    let mut page = String::new();
    let mut script = String::new();
    while let Some((start, open)) = first_open(rest) {
        let body_start = start + open.len();
        let end = body_start + rest[body_start..].find(CLOSE)?;
        page.push_str(&rest[..start]);
        script.push_str(rest[body_start..end].trim());
        script.push('\n');
        rest = &rest[end + CLOSE.len()..];
    }
    if script.is_empty() {
        return None;
    }
    let script_name = format!("init-{:016x}.js", fnv1a(script.as_bytes()));
    let tag = format!(r#"<script type="module" src="/{script_name}"></script>"#);
    let head_end = page.find("</head>").unwrap_or(page.len());
    page.insert_str(head_end, &tag);
    page.push_str(rest);
    Some(Split {
        html: page,
        script,
        script_name,
    })
}

/// Where the first inline module script opens, and its opening tag.
fn first_open(html: &str) -> Option<(usize, &'static str)> {
    OPENS
        .iter()
        .filter_map(|open| Some((html.find(open)?, *open)))
        .min_by_key(|(at, _)| *at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_the_inline_module_into_a_named_file() {
        let html = "<html><head><title>t</title>\n<script type=\"module\">\nimport init from '/app.js';\nawait init();\n</script></head><body></body></html>";
        let split = split(html).unwrap();
        assert_eq!(split.script, "import init from '/app.js';\nawait init();\n");
        assert!(split.script_name.starts_with("init-") && split.script_name.ends_with(".js"));
        assert!(!split.html.contains("import init"));
        assert!(split.html.contains(&format!(
            "<script type=\"module\" src=\"/{}\"></script></head>",
            split.script_name
        )));
        assert!(split.html.ends_with("<body></body></html>"));
    }

    #[test]
    fn finds_the_module_in_minified_html_too() {
        let html = "<head><title>t</title><script type=module>import init from '/app.js';\nawait init();</script><link rel=modulepreload href=/app.js></head><body></body>";
        let split = split(html).unwrap();
        assert_eq!(split.script, "import init from '/app.js';\nawait init();\n");
        assert!(!split.html.contains("import init"));
        // The external module takes the inline one's place.
        assert!(
            split
                .html
                .starts_with("<head><title>t</title><script type=\"module\" src=\"/init-")
        );
        assert!(
            split
                .html
                .ends_with("<link rel=modulepreload href=/app.js></head><body></body>")
        );
    }

    #[test]
    fn the_name_follows_the_content() {
        let a = split("<head><script type=\"module\">a()</script></head>").unwrap();
        let b = split("<head><script type=\"module\">b()</script></head>").unwrap();
        assert_ne!(a.script_name, b.script_name);
    }

    #[test]
    fn leaves_a_page_without_inline_modules_alone() {
        assert_eq!(split("<head><script src=\"/x.js\"></script></head>"), None);
    }
}
