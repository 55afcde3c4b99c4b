/// lol_alloc's free list instead of Rust's default dlmalloc (or talc, used
/// before): the smallest allocator that reuses freed memory, 0.5 KB of
/// brotli under talc. The app's heap is small (a few hundred live blocks),
/// so a list walk costs nothing measurable.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
// SAFETY: wasm without the atomics feature has one thread: the browser's.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

fn main() {
    leptos::mount::mount_to_body(cognito_signin::App);
}
