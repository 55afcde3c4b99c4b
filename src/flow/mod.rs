//! The sign-in journey as plain Rust types: where the person is
//! ([`step::Step`]), which address shows it ([`page::Page`]), and where
//! each of Cognito's answers takes them ([`next`]). Nothing here touches
//! the page, so all of it is unit-tested on plain values.

pub mod attributes;
pub mod authenticator;
pub mod forms;
pub mod identity;
pub mod next;
pub mod page;
pub mod password;
pub mod session;
pub mod step;
