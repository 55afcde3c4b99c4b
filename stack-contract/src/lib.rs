//! The local stack's contract, written once for the stack itself and for
//! everything that drives it (xtask, the end-to-end tests): where it
//! listens (the state file), how to call its Cognito (targets, the admin
//! authorization, the test controls' secret), free ports, the password
//! policy it seeds, how the site's files are named, an authenticator app's
//! codes, and the HTTP client they all use.

pub mod assets;
pub mod cognito;
pub mod http;
pub mod policy;
pub mod pools;
pub mod ports;
pub mod state;
pub mod totp;

pub use policy::{PASSWORD_POLICY, PasswordPolicy};
pub use pools::ExtraPool;
pub use state::{LocalSecret, StackState};

/// The only region moto's Cognito tokens name, and the one the stack seeds.
pub const REGION: &str = "us-east-1";
