//! DNS rebinding defence: a listener answers only requests whose `Host`
//! names it as the browser reaches it (`127.0.0.1:PORT`, `localhost:PORT`,
//! or the `--public-url` origin a proxy forwards from). Anything else, a
//! missing Host included, is 400 before any route runs.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedHosts(Vec<String>);

impl AllowedHosts {
    /// `127.0.0.1:port` and `localhost:port`, plus `extra` authorities.
    /// Also the bare loopback names: trunk's dev proxy (`cargo xtask dev`)
    /// forwards with `Host: 127.0.0.1`, and a rebinding page cannot make a
    /// browser send a loopback name (it sends the attacker's).
    pub fn for_port(port: u16, extra: &[String]) -> AllowedHosts {
        let mut hosts = vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            "127.0.0.1".to_owned(),
            "localhost".to_owned(),
        ];
        hosts.extend(extra.iter().map(|h| h.to_ascii_lowercase()));
        AllowedHosts(hosts)
    }

    pub fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        self.0.contains(&host)
    }
}

/// The authority of an `http(s)://host[:port]` origin, with the scheme's
/// default port written out (browsers omit it in `Host`, so both forms).
pub fn authorities_of(origin: &str) -> Vec<String> {
    let (rest, default_port) = match origin.split_once("://") {
        Some(("https", rest)) => (rest, "443"),
        Some((_, rest)) => (rest, "80"),
        None => (origin, "80"),
    };
    let authority = rest.split('/').next().unwrap_or_default().to_string();
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host.to_string(), Some(port.to_string())),
        None => (authority.clone(), None),
    };
    // A loopback origin is reached under either name.
    let hosts = match host.as_str() {
        "127.0.0.1" | "localhost" => vec!["127.0.0.1".to_string(), "localhost".to_string()],
        _ => vec![host],
    };
    hosts
        .into_iter()
        .flat_map(|host| match &port {
            Some(port) => vec![format!("{host}:{port}")],
            None => vec![format!("{host}:{default_port}"), host],
        })
        .collect()
}

pub async fn check_host(
    State(allowed): State<Arc<AllowedHosts>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    match host {
        Some(host) if allowed.allows(host) => next.run(request).await,
        _ => (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "This Host is not served here.",
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_only_its_own_names() {
        let hosts = AllowedHosts::for_port(8080, &authorities_of("http://localhost:5173"));
        assert!(hosts.allows("127.0.0.1:8080"));
        assert!(hosts.allows("LOCALHOST:8080"));
        assert!(hosts.allows("localhost:5173"));
        assert!(hosts.allows("127.0.0.1:5173"));
        assert!(!hosts.allows("127.0.0.1:8081"));
        assert!(!hosts.allows("evil.example:8080"));
        assert!(!hosts.allows("evil.example"));
        assert!(!hosts.allows("127.0.0.1.evil.example:8080"));
        // As trunk's dev proxy sends it.
        assert!(hosts.allows("127.0.0.1"));
        assert!(hosts.allows("localhost"));
    }

    #[test]
    fn origins_without_a_port_allow_both_forms() {
        assert_eq!(
            authorities_of("https://dev.example"),
            vec!["dev.example:443".to_string(), "dev.example".to_string()]
        );
    }
}
