//! `Swap`: the whole view is replaced in its place, and the old one's
//! reactive scope is disposed of.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use cognito_signin::ui::swap::IntoSwap;
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::pages::{find, mount_view_at};
use crate::support::settle;

fn child_ids() -> Vec<String> {
    let host = find("#host").expect("the host element");
    let children = host.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .map(|child| child.id())
        .collect()
}

#[wasm_bindgen_test]
async fn a_swapped_view_is_replaced_in_place_and_its_scope_cleaned_up() {
    let first = RwSignal::new(true);
    let cleanups = Arc::new(AtomicUsize::new(0));
    let counted = cleanups.clone();
    let _app = mount_view_at("/", move || {
        view! {
            <div id="host">
                <span id="before"></span>
                {move || {
                    let counted = counted.clone();
                    on_cleanup(move || {
                        counted.fetch_add(1, Ordering::SeqCst);
                    });
                    if first.get() {
                        view! { <p id="first">"one"</p> }.into_swap()
                    } else {
                        view! { <em id="second">"two"</em><b id="third"></b> }.into_swap()
                    }
                }}
                <span id="after"></span>
            </div>
        }
    })
    .await;
    assert_eq!(child_ids(), ["before", "first", "after"]);
    assert_eq!(cleanups.load(Ordering::SeqCst), 0);

    first.set(false);
    settle().await;
    assert_eq!(child_ids(), ["before", "second", "third", "after"]);
    assert_eq!(cleanups.load(Ordering::SeqCst), 1, "the first view's scope");

    first.set(true);
    settle().await;
    assert_eq!(child_ids(), ["before", "first", "after"]);
    assert_eq!(
        cleanups.load(Ordering::SeqCst),
        2,
        "the second view's scope"
    );
}
