//! A minimal HTTP/1.1 client for loopback calls to moto (seeding, JWKS) and
//! for tests: one connection per request, which is all these rare calls need,
//! so no pool and no TLS.

use std::time::Duration;

use axum::body::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::{Method, Request, StatusCode, header::HeaderMap};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// Answers larger than this are refused; moto's largest are a few KB.
const MAX_RESPONSE_BYTES: usize = 4 * 1024 * 1024;
const TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("URL {0:?} is not a plain http://host:port/path URL")]
    BadUrl(String),
    #[error("could not connect to {addr}: {source}")]
    Connect {
        addr: String,
        source: std::io::Error,
    },
    #[error("HTTP exchange with {addr} failed: {detail}")]
    Exchange { addr: String, detail: String },
    #[error("no answer from {0} within {TIMEOUT:?}")]
    Timeout(String),
}

pub struct HttpResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// Bodies can hold tokens (InitiateAuth answers), so Debug shows only sizes.
impl std::fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("header_count", &self.headers.len())
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

/// Sends one request to an `http://` URL and reads the whole answer.
pub async fn send(
    method: Method,
    url: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Result<HttpResponse, HttpError> {
    let (authority, path) = split_url(url)?;
    let exchange = async {
        let stream = TcpStream::connect(authority)
            .await
            .map_err(|source| HttpError::Connect {
                addr: authority.to_string(),
                source,
            })?;
        let failed = |e: &dyn std::fmt::Display| HttpError::Exchange {
            addr: authority.to_string(),
            detail: e.to_string(),
        };
        let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| failed(&e))?;
        // The connection task ends when the exchange is over or dropped.
        let conn_task = tokio::spawn(conn);
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("Host", authority);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| failed(&e))?;
        let response = sender.send_request(request).await.map_err(|e| failed(&e))?;
        let (parts, body) = response.into_parts();
        let body = Limited::new(body, MAX_RESPONSE_BYTES)
            .collect()
            .await
            .map_err(|e| failed(&*e))?
            .to_bytes();
        conn_task.abort();
        Ok(HttpResponse {
            status: parts.status,
            headers: parts.headers,
            body,
        })
    };
    tokio::time::timeout(TIMEOUT, exchange)
        .await
        .map_err(|_| HttpError::Timeout(authority.to_string()))?
}

/// Splits `http://host:port/path?query` into authority and path-and-query.
fn split_url(url: &str) -> Result<(&str, &str), HttpError> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| HttpError::BadUrl(url.to_string()))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, "/"),
    };
    if authority.is_empty() || !authority.contains(':') {
        return Err(HttpError::BadUrl(url.to_string()));
    }
    Ok((authority, path))
}

#[cfg(test)]
mod tests {
    use super::split_url;

    #[test]
    fn debug_output_hides_the_body() {
        let response = super::HttpResponse {
            status: hyper::StatusCode::OK,
            headers: hyper::HeaderMap::new(),
            body: axum::body::Bytes::from_static(b"{\"IdToken\":\"eyJsecret\"}"),
        };
        let shown = format!("{response:?}");
        assert!(!shown.contains("eyJsecret"), "{shown}");
        let size = format!("body_bytes: {}", response.body.len());
        assert!(shown.contains(&size), "{shown}");
    }

    #[test]
    fn splits_urls() {
        assert_eq!(
            split_url("http://127.0.0.1:5/a/b?c").ok(),
            Some(("127.0.0.1:5", "/a/b?c"))
        );
        assert_eq!(
            split_url("http://127.0.0.1:5").ok(),
            Some(("127.0.0.1:5", "/"))
        );
        assert!(split_url("https://x:1/").is_err());
        assert!(split_url("http://host/").is_err());
    }
}
