//! A QR code as SVG, from Nayuki's `qrcodegen` (no dependencies, the
//! smallest well-kept encoder): one `<path>` of the dark modules, drawn
//! as the browser scales it, with the quiet zone the standard asks for.

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

use crate::i18n::{Text, tr};
use crate::web::text;

/// The quiet zone around the code, in modules (the standard's four).
const BORDER: i32 = 4;

/// The path of `data`'s dark modules, one `M x y h1 v1 h-1 z` square each,
/// and the side of the square it fills; `None` when `data` is too long
/// for a QR code.
pub fn svg_path(data: &str) -> Option<(String, i32)> {
    let code = QrCode::encode_text(data, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push('M');
                path.push_str(&text::decimal((x + BORDER) as u64));
                path.push(' ');
                path.push_str(&text::decimal((y + BORDER) as u64));
                path.push_str("h1v1h-1z");
            }
        }
    }
    Some((path, size + 2 * BORDER))
}

/// The QR code of `data`, labelled for screen readers by `label`. The
/// SVG is written as markup, made here from numbers alone: Leptos's SVG
/// elements cost 0.8 KB of code for three tags.
#[component]
pub fn QrCodeImage(data: String, label: Text) -> impl IntoView {
    let (path, side) = svg_path(&data).unwrap_or_default();
    let side = text::decimal(side as u64);
    let svg = [
        r#"<svg viewBox="0 0 "#,
        &side,
        " ",
        &side,
        r##"" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path fill="#000" d=""##,
        &path,
        r#""/></svg>"#,
    ]
    .concat();
    view! { <div class="qr" role="img" aria-label=tr(label) inner_html=svg></div> }
}
