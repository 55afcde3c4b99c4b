//! The local stack under test, as described by its state file (the
//! contract's [`StackState`], with a site: these tests need one).

use stack_contract::{LocalSecret, StackState};

#[derive(Debug, Clone)]
pub struct Stack {
    pub site_url: String,
    pub api_url: String,
    pub cognito_endpoint: String,
    pub region: String,
    pub user_pool_id: String,
    pub user_pool_client_id: String,
    pub local_secret: LocalSecret,
    /// The extra pools' stacks by name, each with its own site and API.
    pub pools: std::collections::BTreeMap<String, Stack>,
}

impl Stack {
    pub fn from_env() -> Self {
        let path = std::env::var("E2E_STATE_FILE")
            .expect("E2E_STATE_FILE is not set: run the end-to-end tests with `cargo xtask test`");
        let state = StackState::read(path.as_ref()).unwrap_or_else(|e| panic!("{e}"));
        Stack {
            site_url: state
                .site_url
                .unwrap_or_else(|| panic!("the stack in {path} serves no site")),
            api_url: state.api_url,
            cognito_endpoint: state.cognito_endpoint.clone(),
            region: state.region.clone(),
            user_pool_id: state.user_pool_id,
            user_pool_client_id: state.user_pool_client_id,
            local_secret: state.local_secret.clone(),
            pools: state
                .extra_pools
                .into_iter()
                .filter_map(|(name, pool)| {
                    let site_url = pool.site_url?;
                    let stack = Stack {
                        api_url: site_url.clone(),
                        site_url,
                        cognito_endpoint: state.cognito_endpoint.clone(),
                        region: state.region.clone(),
                        user_pool_id: pool.user_pool_id,
                        user_pool_client_id: pool.user_pool_client_id,
                        local_secret: state.local_secret.clone(),
                        pools: Default::default(),
                    };
                    Some((name, stack))
                })
                .collect(),
        }
    }

    /// The stack of the extra pool `name` (`mfa`, `username`): the same
    /// Cognito, that pool's site and API.
    pub fn pool(&self, name: &str) -> Stack {
        self.pools
            .get(name)
            .unwrap_or_else(|| panic!("the stack serves no site for the {name} pool"))
            .clone()
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
