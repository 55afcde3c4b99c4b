//! Accessibility checks: axe-core (installed by `cargo xtask test`, path in
//! `AXE_CORE_JS`) run inside the page, and layout checks for narrow and
//! zoomed screens.

use fantoccini::Client;

/// Fails with axe-core's findings if the page as it is now has any
/// violation.
pub async fn assert_accessible(client: &Client, state: &str) {
    let path = std::env::var("AXE_CORE_JS")
        .expect("AXE_CORE_JS is not set: run the end-to-end tests with `cargo xtask test`");
    let source = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read axe-core at {path}: {e}"));
    // WebDriver scripts are not subject to the page's CSP.
    let loaded = client
        .execute(&format!("{source}\n;return typeof window.axe;"), vec![])
        .await
        .unwrap();
    assert_eq!(loaded, "object", "axe-core did not load");
    let result = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document)
               .then((r) => done({
                 passes: r.passes.length,
                 violations: r.violations.map((v) => ({
                   id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.map((n) => n.target.join(' ')),
                 })),
               }))
               .catch((e) => done({ passes: 0, violations: [{ id: 'axe-error', help: String(e) }] }));",
            vec![],
        )
        .await
        .unwrap();
    let violations = &result["violations"];
    // A run that checked nothing would pass vacuously.
    assert!(
        result["passes"].as_u64() > Some(10),
        "axe checked little on {state}: {result}"
    );
    assert_eq!(
        *violations,
        serde_json::json!([]),
        "accessibility violations on {state}:\n{violations:#}"
    );
}

/// Fails if the page scrolls sideways or any control sticks out of the
/// viewport.
pub async fn assert_fits(client: &Client, state: &str) {
    let overflow = client
        .execute(
            "const width = document.documentElement.clientWidth;
             const out = [...document.querySelectorAll('input, button, a, label, p, h1')]
               .filter((e) => e.getBoundingClientRect().right > width + 1)
               .map((e) => e.outerHTML.slice(0, 80));
             return { scroll: document.documentElement.scrollWidth - width, out };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        overflow["scroll"], 0,
        "{state} scrolls sideways: {overflow}"
    );
    assert_eq!(
        overflow["out"],
        serde_json::json!([]),
        "{state}: {overflow}"
    );
}
