use cognito_signin::flow::page::Page;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn paths_map_to_pages_and_back() {
    for page in [
        Page::Account,
        Page::SignIn,
        Page::SignUp,
        Page::Confirm,
        Page::ForgotPassword,
        Page::NewPassword,
        Page::TwoStep,
    ] {
        assert_eq!(Page::from_path(page.path()), page);
    }
    assert_eq!(Page::from_path(""), Page::Account);
    assert_eq!(Page::from_path("/signin/"), Page::SignIn);
    assert_eq!(
        Page::from_path("/hello"),
        Page::NotFound,
        "/hello is the API's"
    );
    assert_eq!(Page::from_path("/nope"), Page::NotFound);
    // Which page a person may see is the journey's rule (journey.rs).
}
