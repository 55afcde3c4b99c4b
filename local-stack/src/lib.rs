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
pub mod http_client;
pub mod jwks;
pub mod moto;
pub mod percent;
pub mod run;
pub mod seed;
pub mod site;
pub mod state_file;

/// The only region moto's Cognito tokens name, and the one we seed into.
pub const REGION: &str = "us-east-1";
