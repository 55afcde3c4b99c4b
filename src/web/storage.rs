//! The session in `sessionStorage`, under one namespaced key: a reload in
//! the same tab keeps the person signed in; closing the tab forgets them.

use crate::flow::session::Session;

/// The one `sessionStorage` key the app owns. The version suffix lets a
/// future format change discard old entries instead of misreading them.
pub const STORAGE_KEY: &str = "cognito-signin.session.v1";

/// `sessionStorage`, or `None` where the browser denies it (some privacy
/// modes); the app then works without surviving a reload.
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The stored session, if there is a readable one. A corrupted entry is
/// removed so it cannot fail again on the next load.
pub fn load() -> Option<Session> {
    let storage = storage()?;
    let text = storage.get_item(STORAGE_KEY).ok()??;
    let session = Session::from_json(&text);
    if session.is_none() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
    session
}

pub fn save(session: &Session) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(STORAGE_KEY, &session.to_json());
    }
}

pub fn clear() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}
