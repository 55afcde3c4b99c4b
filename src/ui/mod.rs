//! What the person sees: the app, its pages and the components they share.
//! Components render the journey's state and send its events; the logic
//! lives in [`crate::flow`].

pub mod app;
pub mod auth;
pub mod components;
pub mod focus;
pub mod later_pages;
pub mod one_at_a_time;
pub mod pages;
pub mod qr_code;
pub mod router;
pub mod swap;
pub mod ways;
