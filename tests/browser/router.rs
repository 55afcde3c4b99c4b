use cognito_signin::router::Page;
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
}

#[wasm_bindgen_test]
fn the_guard_needs_a_session_for_the_account_page() {
    assert_eq!(Page::Account.guarded(false), Page::SignIn);
    assert_eq!(Page::Account.guarded(true), Page::Account);
    assert_eq!(Page::SignIn.guarded(true), Page::Account);
    assert_eq!(Page::SignIn.guarded(false), Page::SignIn);
    assert_eq!(Page::NewPassword.guarded(true), Page::Account);
    assert_eq!(Page::NewPassword.guarded(false), Page::NewPassword);
    assert_eq!(Page::TwoStep.guarded(true), Page::Account);
    assert_eq!(Page::TwoStep.guarded(false), Page::TwoStep);
    for open in [
        Page::SignUp,
        Page::Confirm,
        Page::ForgotPassword,
        Page::NotFound,
    ] {
        assert_eq!(open.guarded(false), open);
        assert_eq!(open.guarded(true), open);
    }
}
