//! The main flow with the API on another origin than the site, as when the
//! browser calls API Gateway directly: every API call is a CORS request.

use e2e::browser::{assert_clean, with_browser};
use e2e::flows::sign_up_confirm_sign_in;
use e2e::http::request;
use e2e::stack::Stack;

#[tokio::test]
async fn the_flow_works_across_origins() {
    let stack = Stack::from_env();
    assert!(
        stack.is_cross_origin(),
        "this target expects the API on its own origin"
    );

    let preflight = request(
        "OPTIONS",
        &stack.hello_url(),
        &[
            ("Origin", &stack.site_url),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "authorization"),
        ],
        "",
    );
    assert!(
        preflight.status == 200 || preflight.status == 204,
        "preflight: {}",
        preflight.status
    );
    assert_eq!(preflight.header("Access-Control-Allow-Origin"), Some("*"));
    let allowed = preflight
        .header("Access-Control-Allow-Headers")
        .unwrap_or_default();
    assert!(
        allowed.to_ascii_lowercase().contains("authorization"),
        "{allowed}"
    );

    let refused = request(
        "GET",
        &stack.hello_url(),
        &[("Origin", &stack.site_url)],
        "",
    );
    assert_eq!(refused.status, 401);
    assert_eq!(
        refused.header("Access-Control-Allow-Origin"),
        Some("*"),
        "a 401 the browser can read"
    );

    with_browser(move |client| async move {
        sign_up_confirm_sign_in(&client, &stack, false).await;
        // The CSP's connect-src must name the API's other origin.
        assert_clean(&client, &[e2e::PASSWORD]).await;
    })
    .await;
}
