//! Local stand-in for the deployed stack: API Gateway with a Cognito
//! user-pools authorizer in front of the hello Lambda, the static site, and
//! moto playing Cognito. The binary wires these together; the library exists
//! so tests can drive each part directly.

pub mod app;
pub mod args;
pub mod authorizer;
pub mod cognito;
pub mod config;
pub mod cors;
pub mod csp;
pub mod hosts;
pub mod jwks;
pub mod moto;
pub mod percent;
pub mod pools;
pub mod run;
pub mod seed;
pub mod serve;
pub mod site;
pub mod state_file;

/// The one HTTP client, shared with xtask and the e2e tests.
pub use stack_contract::http as http_client;

/// The only region moto's Cognito tokens name, and the one we seed into.
pub use stack_contract::REGION;
