//! Moving keyboard focus where a screen-reader or keyboard user needs it:
//! to the new page's heading after navigation, and to an error when one
//! appears.

use wasm_bindgen::JsCast;

/// Focuses the element with `id` after the next paint (the element may be
/// rendered in the same tick that asked for it).
pub fn focus_after_render(id: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}
