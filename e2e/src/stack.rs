//! The local stack under test, as described by its state file.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stack {
    pub site_url: String,
    pub api_url: String,
    pub cognito_endpoint: String,
    pub region: String,
    pub user_pool_id: String,
    pub user_pool_client_id: String,
}

impl Stack {
    pub fn from_env() -> Self {
        let path = std::env::var("E2E_STATE_FILE")
            .expect("E2E_STATE_FILE is not set: run the end-to-end tests with `cargo xtask test`");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read the stack's state file {path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad state file {path}: {e}"))
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.site_url.trim_end_matches('/'))
    }

    pub fn hello_url(&self) -> String {
        format!("{}/hello", self.api_url.trim_end_matches('/'))
    }

    pub fn is_cross_origin(&self) -> bool {
        origin(&self.site_url) != origin(&self.api_url)
    }
}

fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}
