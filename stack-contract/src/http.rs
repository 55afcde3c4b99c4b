//! The one HTTP/1.1 client of the native crates, on hyper: plain `http://`
//! to loopback (no TLS), whole answers read into memory with a size limit,
//! a deadline on every exchange. One-shot requests ([`send`]), keep-alive
//! connections ([`Connection`]), and both for synchronous callers
//! ([`blocking`]).

use std::net::SocketAddr;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper::header::{CONNECTION, HeaderMap};
use hyper::{Method, Request, StatusCode, Version};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

pub use hyper::Method as HttpMethod;

/// Answers larger than this are refused; the stack's largest are a few KB
/// (the site's bundle is the exception, and it is well under this).
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
/// The deadline of one exchange unless the caller gives another.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

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
    #[error("no answer from {addr} within {limit:?}")]
    Timeout { addr: String, limit: Duration },
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// The server said `Connection: close` (or spoke HTTP/1.0): the
    /// connection it came on is done.
    pub closes: bool,
}

impl Answer {
    pub fn code(&self) -> u16 {
        self.status.as_u16()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON, `Null` when it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Bodies can hold tokens (InitiateAuth answers), so Debug shows only sizes.
impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answer")
            .field("status", &self.status)
            .field("header_count", &self.headers.len())
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

/// Splits `http://host:port/path?query` into authority and path-and-query.
pub fn split_url(url: &str) -> Result<(&str, &str), HttpError> {
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

/// Sends one request on a connection of its own and reads the whole answer.
pub async fn send(
    method: Method,
    url: &str,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
) -> Result<Answer, HttpError> {
    let (authority, path) = split_url(url)?;
    let body = body.into();
    let exchange = async {
        let mut connection = Connection::open_authority(authority).await?;
        connection.send(method, path, headers, body).await
    };
    within(DEFAULT_TIMEOUT, authority, exchange).await
}

async fn within<T>(
    limit: Duration,
    addr: &str,
    work: impl Future<Output = Result<T, HttpError>>,
) -> Result<T, HttpError> {
    tokio::time::timeout(limit, work)
        .await
        .map_err(|_| HttpError::Timeout {
            addr: addr.to_string(),
            limit,
        })?
}

/// One keep-alive HTTP/1.1 connection. After an error or an answer that
/// `closes`, open a new one.
pub struct Connection {
    authority: String,
    sender: SendRequest<Full<Bytes>>,
    driver: tokio::task::JoinHandle<()>,
}

impl Connection {
    pub async fn open(addr: SocketAddr) -> Result<Connection, HttpError> {
        Connection::open_authority(&addr.to_string()).await
    }

    async fn open_authority(authority: &str) -> Result<Connection, HttpError> {
        let stream = TcpStream::connect(authority)
            .await
            .map_err(|source| HttpError::Connect {
                addr: authority.to_string(),
                source,
            })?;
        let _ = stream.set_nodelay(true);
        let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| exchange_error(authority, &e))?;
        // Drives the connection; ends when it closes or is aborted on drop.
        let driver = tokio::spawn(async move {
            let _ = conn.await;
        });
        Ok(Connection {
            authority: authority.to_string(),
            sender,
            driver,
        })
    }

    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: impl Into<Bytes>,
    ) -> Result<Answer, HttpError> {
        let authority = self.authority.clone();
        let failed = |e: &dyn std::fmt::Display| exchange_error(&authority, e);
        let mut request = Request::builder().method(method).uri(path);
        // The connection's authority, unless the caller names a Host itself.
        if !headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("host"))
        {
            request = request.header(hyper::header::HOST, &self.authority);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(Full::new(body.into()))
            .map_err(|e| failed(&e))?;
        self.sender.ready().await.map_err(|e| failed(&e))?;
        let response = self
            .sender
            .send_request(request)
            .await
            .map_err(|e| failed(&e))?;
        let (parts, body) = response.into_parts();
        let body = Limited::new(body, MAX_RESPONSE_BYTES)
            .collect()
            .await
            .map_err(|e| failed(&*e))?
            .to_bytes();
        let closes = parts.version == Version::HTTP_10
            || parts
                .headers
                .get(CONNECTION)
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"close"));
        Ok(Answer {
            status: parts.status,
            headers: parts.headers,
            body,
            closes,
        })
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.driver.abort();
    }
}

fn exchange_error(addr: &str, e: &dyn std::fmt::Display) -> HttpError {
    HttpError::Exchange {
        addr: addr.to_string(),
        detail: e.to_string(),
    }
}

/// The same for synchronous callers (xtask): each call runs on a small
/// runtime of its own.
pub mod blocking {
    use std::net::SocketAddr;
    use std::time::Duration;

    use hyper::Method;
    use hyper::body::Bytes;

    use super::{Answer, HttpError};

    fn runtime() -> Result<tokio::runtime::Runtime, HttpError> {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| super::exchange_error("the local runtime", &e))
    }

    /// Runs `work` to completion on a runtime of its own; from inside an
    /// async context (a test that calls a synchronous helper) on a thread
    /// of its own, since a runtime cannot block inside another.
    pub fn run<T: Send>(
        work: impl Future<Output = Result<T, HttpError>> + Send,
    ) -> Result<T, HttpError> {
        if tokio::runtime::Handle::try_current().is_err() {
            return runtime()?.block_on(work);
        }
        std::thread::scope(|scope| {
            scope
                .spawn(|| runtime()?.block_on(work))
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    pub fn send(
        method: Method,
        url: &str,
        headers: &[(&str, &str)],
        body: impl Into<Bytes>,
    ) -> Result<Answer, HttpError> {
        let body = body.into();
        run(super::send(method, url, headers, body))
    }

    /// A keep-alive connection with its own runtime, for one thread.
    pub struct Connection {
        runtime: tokio::runtime::Runtime,
        inner: super::Connection,
        timeout: Duration,
    }

    impl Connection {
        pub fn open(addr: SocketAddr, timeout: Duration) -> Result<Connection, HttpError> {
            let runtime = runtime()?;
            let authority = addr.to_string();
            let inner = runtime.block_on(super::within(
                timeout,
                &authority,
                super::Connection::open(addr),
            ))?;
            Ok(Connection {
                runtime,
                inner,
                timeout,
            })
        }

        pub fn send(
            &mut self,
            method: Method,
            path: &str,
            headers: &[(&str, &str)],
            body: impl Into<Bytes>,
        ) -> Result<Answer, HttpError> {
            let authority = self.inner.authority.clone();
            let exchange = self.inner.send(method, path, headers, body);
            self.runtime
                .block_on(super::within(self.timeout, &authority, exchange))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn debug_output_hides_the_body() {
        let answer = Answer {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from_static(b"{\"IdToken\":\"eyJsecret\"}"),
            closes: false,
        };
        let shown = format!("{answer:?}");
        assert!(!shown.contains("eyJsecret"), "{shown}");
    }

    /// A tiny server that answers each request on one connection, the last
    /// with `Connection: close`, chunked: the client keeps the connection
    /// and reads both framings.
    #[test]
    fn keeps_connections_and_reads_chunked_and_close() {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = std::thread::spawn(move || {
            let (stream, _) = listener.accept().expect("accept");
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut writer = stream;
            let answers: [&[u8]; 2] = [
                b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
                b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            ];
            for answer in answers {
                let mut line = String::new();
                loop {
                    line.clear();
                    reader.read_line(&mut line).expect("read");
                    if line == "\r\n" || line.is_empty() {
                        break;
                    }
                }
                writer.write_all(answer).expect("write");
            }
        });
        let mut connection =
            blocking::Connection::open(addr, Duration::from_secs(5)).expect("connects");
        // Also from inside a runtime (as the e2e tests call it).
        let answer = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(async {
                blocking::send(Method::GET, "http://127.0.0.1:1/", &[], Bytes::new())
            });
        assert!(
            matches!(answer, Err(HttpError::Connect { .. })),
            "{answer:?}"
        );
        let first = connection
            .send(Method::GET, "/a", &[], Bytes::new())
            .expect("first");
        assert_eq!(
            (first.code(), first.text(), first.closes),
            (200, "hi".into(), false)
        );
        let second = connection
            .send(Method::GET, "/b", &[], Bytes::new())
            .expect("second on the same connection");
        assert_eq!(
            (second.code(), second.text(), second.closes),
            (201, "abc".into(), true)
        );
        server.join().expect("server");
    }
}
