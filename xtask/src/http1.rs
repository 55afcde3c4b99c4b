//! A minimal HTTP/1.1 client over a plain `TcpStream`, for the benchmark:
//! keep-alive connections for the load generator and one-shot requests for
//! Cognito's JSON API on moto. Loopback only (no TLS), bodies framed by
//! `Content-Length` or chunked encoding.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use anyhow::{Context, Result, bail};

/// Heads and bodies of the local API and moto are a few KB at most.
const MAX_HEAD_BYTES: usize = 64 * 1024;
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

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

/// One keep-alive connection to `addr`.
pub struct Connection {
    host: String,
    reader: BufReader<TcpStream>,
}

impl Connection {
    pub fn open(addr: SocketAddr, timeout: Duration) -> std::io::Result<Connection> {
        let stream = TcpStream::connect_timeout(&addr, timeout)?;
        stream.set_read_timeout(Some(timeout))?;
        stream.set_write_timeout(Some(timeout))?;
        stream.set_nodelay(true)?;
        Ok(Connection {
            host: addr.to_string(),
            reader: BufReader::new(stream),
        })
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
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.host);
        if !body.is_empty() || method == "POST" {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        for (name, value) in headers {
            head.push_str(name);
            head.push_str(": ");
            head.push_str(value);
            head.push_str("\r\n");
        }
        head.push_str("\r\n");
        let mut request = head.into_bytes();
        request.extend_from_slice(body);
        self.reader.get_mut().write_all(&request)?;
        read_answer(&mut self.reader)
    }
}

fn invalid(what: impl Into<String>) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, what.into())
}

fn read_line(reader: &mut impl BufRead, budget: &mut usize) -> std::io::Result<String> {
    let mut line = Vec::new();
    let n = reader
        .take(*budget as u64 + 1)
        .read_until(b'\n', &mut line)?;
    if n == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    if n > *budget {
        return Err(invalid("the answer's head is too large"));
    }
    *budget -= n;
    let line = String::from_utf8(line).map_err(|_| invalid("a head line is not UTF-8"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn read_answer(reader: &mut impl BufRead) -> std::io::Result<Answer> {
    let mut budget = MAX_HEAD_BYTES;
    let status_line = read_line(reader, &mut budget)?;
    let mut parts = status_line.split_whitespace();
    let version = parts.next().unwrap_or_default().to_owned();
    let status = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| invalid(format!("not an HTTP status line: {status_line:?}")))?;
    let mut length = None;
    let mut chunked = false;
    let mut closes = version == "HTTP/1.0";
    loop {
        let line = read_line(reader, &mut budget)?;
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => {
                length = Some(value.parse().map_err(|_| invalid("bad Content-Length"))?)
            }
            "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
            "connection" => closes = value.eq_ignore_ascii_case("close"),
            _ => {}
        }
    }
    let body = if chunked {
        read_chunked(reader)?
    } else if let Some(length) = length {
        if length > MAX_BODY_BYTES {
            return Err(invalid("the answer's body is too large"));
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        body
    } else if status == 204 || status == 304 || (100..200).contains(&status) {
        Vec::new()
    } else {
        // Framed by the end of the connection.
        closes = true;
        let mut body = Vec::new();
        reader.take(MAX_BODY_BYTES as u64).read_to_end(&mut body)?;
        body
    };
    Ok(Answer {
        status,
        body,
        closes,
    })
}

fn read_chunked(reader: &mut impl BufRead) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    let mut budget = MAX_HEAD_BYTES;
    loop {
        let line = read_line(reader, &mut budget)?;
        let size = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size, 16).map_err(|_| invalid("bad chunk size"))?;
        if size == 0 {
            // Trailers, up to the blank line.
            while !read_line(reader, &mut budget)?.is_empty() {}
            return Ok(body);
        }
        if body.len() + size > MAX_BODY_BYTES {
            return Err(invalid("the answer's body is too large"));
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..])?;
        read_line(reader, &mut budget)?;
    }
}

/// `http://127.0.0.1:PORT/path` → the socket address and the path. Only
/// loopback addresses are accepted: the benchmark sends traffic nowhere else.
pub fn split_url(url: &str) -> Result<(SocketAddr, String)> {
    let rest = url
        .strip_prefix("http://")
        .with_context(|| format!("{url} is not a plain http URL"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_owned()),
        None => (rest, "/".to_owned()),
    };
    let addr: SocketAddr = authority
        .parse()
        .with_context(|| format!("{url} does not name an IP address and port"))?;
    if !addr.ip().is_loopback() {
        bail!("{url} is not on the loopback interface");
    }
    Ok((addr, path))
}

/// One request on a fresh connection.
pub fn request(method: &str, url: &str, headers: &[(&str, &str)], body: &[u8]) -> Result<Answer> {
    let (addr, path) = split_url(url)?;
    let mut connection = Connection::open(addr, Duration::from_secs(30))
        .with_context(|| format!("connecting to {addr}"))?;
    let mut all = headers.to_vec();
    all.push(("Connection", "close"));
    connection
        .send(method, &path, &all, body)
        .with_context(|| format!("{method} {url}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Answer {
        read_answer(&mut raw.as_bytes()).expect("parses")
    }

    #[test]
    fn reads_a_content_length_body_and_keeps_the_connection() {
        let answer = parse("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello extra");
        assert_eq!(answer.status, 200);
        assert_eq!(answer.body, b"hello");
        assert!(!answer.closes);
    }

    #[test]
    fn reads_chunked_bodies_and_connection_close() {
        let answer = parse(
            "HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n\
             3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n",
        );
        assert_eq!(answer.status, 401);
        assert_eq!(answer.body, b"abcde");
        assert!(answer.closes);
    }

    #[test]
    fn a_body_without_framing_runs_to_the_end_and_closes() {
        let answer = parse("HTTP/1.0 200 OK\r\n\r\nall of it");
        assert_eq!(answer.body, b"all of it");
        assert!(answer.closes);
    }

    #[test]
    fn refuses_garbage_and_truncation() {
        assert!(read_answer(&mut &b"nonsense\r\n\r\n"[..]).is_err());
        assert!(read_answer(&mut &b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc"[..]).is_err());
        assert!(read_answer(&mut &b""[..]).is_err());
    }

    #[test]
    fn only_loopback_urls_are_accepted() {
        let (addr, path) = split_url("http://127.0.0.1:8081/hello").expect("loopback");
        assert_eq!(addr.port(), 8081);
        assert_eq!(path, "/hello");
        assert_eq!(split_url("http://127.0.0.1:9/").expect("root").1, "/");
        assert!(split_url("http://10.0.0.1:80/").is_err());
        assert!(split_url("https://127.0.0.1:443/").is_err());
        assert!(split_url("http://example.com/").is_err());
    }
}
