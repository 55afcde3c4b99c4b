//! HTTP for the benchmark, on the stack contract's client (hyper's):
//! keep-alive connections for the load generator and one-shot requests for
//! Cognito's JSON API. Loopback only: the benchmark sends traffic nowhere
//! else. This module only adapts the client to the synchronous, `&str`
//! shaped calls of the benchmark.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use stack_contract::http::{self, HttpMethod, blocking};

pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
    /// The server said `Connection: close` (or spoke HTTP/1.0).
    pub closes: bool,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl From<http::Answer> for Answer {
    fn from(answer: http::Answer) -> Answer {
        Answer {
            status: answer.code(),
            body: answer.body.to_vec(),
            closes: answer.closes,
        }
    }
}

/// One keep-alive connection to `addr`.
pub struct Connection(blocking::Connection);

impl Connection {
    pub fn open(addr: SocketAddr, timeout: Duration) -> std::io::Result<Connection> {
        blocking::Connection::open(addr, timeout)
            .map(Connection)
            .map_err(std::io::Error::other)
    }

    /// Sends one request and reads its whole answer. After an error or an
    /// answer that `closes`, the connection must not be reused.
    pub fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Answer> {
        let method = method_of(method).map_err(std::io::Error::other)?;
        self.0
            .send(method, path, headers, body.to_vec())
            .map(Answer::from)
            .map_err(std::io::Error::other)
    }
}

fn method_of(method: &str) -> Result<HttpMethod> {
    HttpMethod::from_bytes(method.as_bytes()).with_context(|| format!("{method:?} is no method"))
}

/// `http://127.0.0.1:PORT/path` → the socket address and the path. Only
/// loopback addresses are accepted: the benchmark sends traffic nowhere else.
pub fn split_url(url: &str) -> Result<(SocketAddr, String)> {
    let (authority, path) = http::split_url(url)?;
    let addr: SocketAddr = authority
        .parse()
        .with_context(|| format!("{url} does not name an IP address and port"))?;
    if !addr.ip().is_loopback() {
        bail!("{url} is not on the loopback interface");
    }
    Ok((addr, path.to_owned()))
}

/// One request on a fresh connection.
pub fn request(method: &str, url: &str, headers: &[(&str, &str)], body: &[u8]) -> Result<Answer> {
    split_url(url)?;
    blocking::send(method_of(method)?, url, headers, body.to_vec())
        .map(Answer::from)
        .with_context(|| format!("{method} {url}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_urls_are_accepted() {
        assert!(split_url("http://127.0.0.1:8080/hello").is_ok());
        assert_eq!(
            split_url("http://127.0.0.1:8080").expect("ok").1,
            "/".to_owned()
        );
        assert!(split_url("http://10.0.0.1:80/").is_err());
        assert!(split_url("http://example.com:80/").is_err());
        assert!(split_url("https://127.0.0.1:443/").is_err());
    }

    #[test]
    fn a_refused_connection_is_an_error() {
        let port = stack_contract::ports::free_port().expect("a port");
        assert!(request("GET", &format!("http://127.0.0.1:{port}/"), &[], b"").is_err());
    }
}
