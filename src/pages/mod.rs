//! One module per route.

pub mod account;
pub mod config_error;
pub mod confirm;
pub mod not_found;
pub mod sign_in;
pub mod sign_up;
