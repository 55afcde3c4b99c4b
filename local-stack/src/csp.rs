//! The site's Content-Security-Policy, kept in one function so it is easy
//! to adjust (e.g. a hash for trunk's inline init script via --script-src).

/// `cognito_origin` and `api_origin` are origins without a trailing slash;
/// `api_origin` is `None` when the API shares the site's origin.
pub fn content_security_policy(
    cognito_origin: &str,
    api_origin: Option<&str>,
    extra_script_src: &[String],
) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for source in extra_script_src {
        script_src.push(' ');
        script_src.push_str(source);
    }
    let mut connect_src = format!("'self' {cognito_origin}");
    if let Some(api) = api_origin {
        connect_src.push(' ');
        connect_src.push_str(api);
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self'; \
         connect-src {connect_src}; img-src 'self' data:; frame-ancestors 'none'; \
         base-uri 'none'; form-action 'self'; object-src 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::content_security_policy;

    #[test]
    fn names_cognito_api_and_extra_scripts() {
        let csp = content_security_policy(
            "http://127.0.0.1:5000",
            Some("http://127.0.0.1:9000"),
            &["'sha256-abc='".to_string()],
        );
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc=';"));
        assert!(csp.contains("connect-src 'self' http://127.0.0.1:5000 http://127.0.0.1:9000;"));
        assert!(csp.starts_with("default-src 'self';"));
        assert!(csp.ends_with("object-src 'none'"));
        let same_origin = content_security_policy("http://127.0.0.1:5000", None, &[]);
        assert!(same_origin.contains("connect-src 'self' http://127.0.0.1:5000;"));
    }
}
