fn main() {
    leptos::mount::mount_to_body(cognito_signin::App);
}
