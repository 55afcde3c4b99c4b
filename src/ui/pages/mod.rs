//! One module per route.

pub mod account;
pub mod change_email;
pub mod change_password;
pub mod choose_way;
pub mod config_error;
pub mod confirm;
pub mod delete_account;
pub mod forgot_password;
pub mod new_password;
pub mod not_found;
pub mod passkeys;
pub mod set_up_app;
pub mod set_up_email;
pub mod sign_in;
pub mod sign_up;
pub mod two_step;
pub mod two_step_settings;
