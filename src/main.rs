/// Talc instead of Rust's default dlmalloc: smaller in the wasm bundle and
/// faster. The app is single-threaded, as the browser runs it.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    leptos::mount::mount_to_body(cognito_signin::App);
}
