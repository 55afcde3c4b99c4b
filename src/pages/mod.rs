//! One module per route.

pub mod config_error;
pub mod confirm;
pub mod home;
pub mod not_found;
pub mod sign_in;
pub mod sign_up;
