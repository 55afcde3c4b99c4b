//! The built SPA, loaded into memory at start (compressed once there, never
//! written back to DIR) and served with SPA routing: a path that is not a
//! file and has no extension gets index.html. Requests are looked up in the
//! in-memory map, so no request path ever reaches the filesystem and
//! traversal is impossible by construction.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::Response;

use crate::percent::percent_decode;

pub const INDEX: &str = "index.html";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const NO_CACHE: &str = "no-cache";
/// Small files gain nothing from compression.
const MIN_COMPRESS_BYTES: usize = 256;
/// The best brotli, as a CDN would serve: the crate is built optimised even
/// in debug builds (see the workspace Cargo.toml), so a release site
/// compresses in well under a second.
const BROTLI_QUALITY: u32 = 11;

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("reading the site directory {path:?}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the site directory {0:?} has no index.html")]
    NoIndex(PathBuf),
    #[error("compressing {path}: {source}")]
    Compress {
        path: String,
        source: std::io::Error,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
}

#[derive(Debug)]
struct Asset {
    content_type: &'static str,
    cache_control: &'static str,
    identity: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
}

#[derive(Debug)]
pub struct Site {
    /// Keyed by the URL path without its leading slash, e.g. `app-1a2b.js`.
    assets: HashMap<String, Asset>,
    csp: HeaderValue,
}

impl Site {
    /// Loads every regular file under `dir` (symlinks are skipped). A file
    /// `x.br` / `x.gz` next to `x` is used as its precompressed form.
    pub fn load(dir: &Path, csp: &str) -> Result<Site, SiteError> {
        let mut files = HashMap::new();
        collect_files(dir, String::new(), &mut files)?;
        if !files.contains_key(INDEX) {
            return Err(SiteError::NoIndex(dir.to_path_buf()));
        }
        let mut assets = HashMap::new();
        for (name, bytes) in &files {
            let is_variant = [".br", ".gz"].iter().any(|ext| {
                name.strip_suffix(ext)
                    .is_some_and(|b| files.contains_key(b))
            });
            if is_variant {
                continue;
            }
            let content_type = content_type(name);
            let compressible = is_compressible(content_type) && bytes.len() >= MIN_COMPRESS_BYTES;
            let precompressed = |ext: &str| files.get(&format!("{name}{ext}")).cloned();
            let (brotli, gzip) = if compressible {
                let brotli = match precompressed(".br") {
                    Some(b) => Some(b),
                    None => smaller(compress_brotli(bytes, name)?, bytes),
                };
                let gzip = match precompressed(".gz") {
                    Some(g) => Some(g),
                    None => smaller(compress_gzip(bytes, name)?, bytes),
                };
                (brotli, gzip)
            } else {
                (None, None)
            };
            assets.insert(
                name.clone(),
                Asset {
                    content_type,
                    cache_control: cache_control(name),
                    identity: bytes.clone(),
                    brotli,
                    gzip,
                },
            );
        }
        let csp = HeaderValue::from_str(csp).unwrap_or_else(|_| {
            // Only possible with a malformed --script-src, which args rejects;
            // fall back to the strictest policy rather than none.
            HeaderValue::from_static("default-src 'none'")
        });
        Ok(Site { assets, csp })
    }

    pub fn file_count(&self) -> usize {
        self.assets.len()
    }

    /// Answers a GET or HEAD for `path` (the URL path, still percent-encoded).
    pub fn respond(
        &self,
        method: &Method,
        path: &str,
        accept_encoding: Option<&HeaderValue>,
    ) -> Response {
        if method != Method::GET && method != Method::HEAD {
            let mut response = self.plain(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed");
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return response;
        }
        let Some(decoded) = percent_decode(path) else {
            return self.plain(StatusCode::NOT_FOUND, "Not Found");
        };
        let key = decoded.trim_start_matches('/');
        // Keys never hold dot segments; refuse them outright instead of
        // letting them fall through to index.html.
        if key
            .split(['/', '\\'])
            .any(|segment| segment == ".." || segment == ".")
        {
            return self.plain(StatusCode::NOT_FOUND, "Not Found");
        }
        let key = if key.is_empty() { INDEX } else { key };
        let asset = match self.assets.get(key) {
            Some(asset) => asset,
            // A file-like name that is missing is a broken link, not a route.
            None if has_extension(key) => return self.plain(StatusCode::NOT_FOUND, "Not Found"),
            None => match self.assets.get(INDEX) {
                Some(index) => index,
                None => return self.plain(StatusCode::NOT_FOUND, "Not Found"),
            },
        };
        let accepted = accept_encoding
            .and_then(|v| v.to_str().ok())
            .map(preferred_encodings)
            .unwrap_or_default();
        let chosen = accepted.iter().find_map(|encoding| match encoding {
            Encoding::Brotli => asset.brotli.clone().map(|b| (b, "br")),
            Encoding::Gzip => asset.gzip.clone().map(|b| (b, "gzip")),
        });
        let mut builder = Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, asset.content_type)
            .header(header::CACHE_CONTROL, asset.cache_control)
            .header(header::VARY, "Accept-Encoding");
        let body = match chosen {
            Some((bytes, name)) => {
                builder = builder.header(header::CONTENT_ENCODING, name);
                bytes
            }
            None => asset.identity.clone(),
        };
        let mut response = builder
            .body(Body::from(body))
            .unwrap_or_else(|_| Response::new(Body::empty()));
        self.add_security_headers(&mut response);
        response
    }

    fn plain(&self, status: StatusCode, text: &'static str) -> Response {
        let mut response = Response::new(Body::from(text));
        *response.status_mut() = status;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        self.add_security_headers(&mut response);
        response
    }

    fn add_security_headers(&self, response: &mut Response) {
        let headers = response.headers_mut();
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        headers.insert(header::CONTENT_SECURITY_POLICY, self.csp.clone());
        // Only the site's own pages may load its files.
        headers.insert(
            header::HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        );
    }
}

fn collect_files(
    dir: &Path,
    prefix: String,
    out: &mut HashMap<String, Bytes>,
) -> Result<(), SiteError> {
    let read_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SiteError::Read { path, source }
    };
    for entry in std::fs::read_dir(dir).map_err(read_err(dir))? {
        let entry = entry.map_err(read_err(dir))?;
        let path = entry.path();
        let file_type = entry.file_type().map_err(read_err(&path))?;
        // Names that are not UTF-8 cannot be requested by URL anyway.
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let key = format!("{prefix}{name}");
        if file_type.is_dir() {
            collect_files(&path, format!("{key}/"), out)?;
        } else if file_type.is_file() {
            let bytes = std::fs::read(&path).map_err(read_err(&path))?;
            out.insert(key, Bytes::from(bytes));
        }
    }
    Ok(())
}

fn smaller(compressed: Bytes, original: &Bytes) -> Option<Bytes> {
    (compressed.len() < original.len()).then_some(compressed)
}

fn compress_brotli(bytes: &[u8], name: &str) -> Result<Bytes, SiteError> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, BROTLI_QUALITY, 22);
        writer
            .write_all(bytes)
            .map_err(|source| SiteError::Compress {
                path: name.to_string(),
                source,
            })?;
    }
    Ok(Bytes::from(out))
}

fn compress_gzip(bytes: &[u8], name: &str) -> Result<Bytes, SiteError> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::default(),
    );
    let wrap = |source| SiteError::Compress {
        path: name.to_string(),
        source,
    };
    encoder.write_all(bytes).map_err(wrap)?;
    encoder.finish().map(Bytes::from).map_err(wrap)
}

/// The encodings the client accepts with q > 0, in our order of preference.
fn preferred_encodings(accept_encoding: &str) -> Vec<Encoding> {
    let mut explicit: HashMap<String, bool> = HashMap::new();
    let mut wildcard = false;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let accepted = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .all(|q| q.trim().parse::<f32>().map(|q| q > 0.0).unwrap_or(false));
        if name == "*" {
            wildcard = accepted;
        } else if !name.is_empty() {
            explicit.insert(name, accepted);
        }
    }
    [(Encoding::Brotli, "br"), (Encoding::Gzip, "gzip")]
        .into_iter()
        .filter(|(_, name)| explicit.get(*name).copied().unwrap_or(wildcard))
        .map(|(encoding, _)| encoding)
        .collect()
}

fn has_extension(key: &str) -> bool {
    key.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

/// trunk names hashed assets `name-<hex hash>.ext` (and `name-<hash>_bg.wasm`);
/// those never change content, so they may be cached for a year.
fn cache_control(key: &str) -> &'static str {
    let file = key.rsplit('/').next().unwrap_or(key);
    let stem = file.split('.').next().unwrap_or(file);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hashed = stem
        .rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() >= 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
    if hashed && file != INDEX {
        IMMUTABLE
    } else {
        NO_CACHE
    }
}

fn content_type(key: &str) -> &'static str {
    let ext = key
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

fn is_compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.starts_with("application/wasm")
        || content_type.starts_with("application/json")
        || content_type.starts_with("application/manifest+json")
        || content_type.starts_with("application/xml")
        || content_type.starts_with("image/svg+xml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_encodings_with_q_values() {
        use Encoding::*;
        assert_eq!(preferred_encodings("gzip, deflate, br"), vec![Brotli, Gzip]);
        assert_eq!(preferred_encodings("gzip"), vec![Gzip]);
        assert_eq!(preferred_encodings("br;q=0, gzip;q=0.5"), vec![Gzip]);
        assert_eq!(preferred_encodings("*"), vec![Brotli, Gzip]);
        assert_eq!(preferred_encodings("*, br;q=0"), vec![Gzip]);
        assert_eq!(preferred_encodings("identity"), Vec::<Encoding>::new());
    }

    #[test]
    fn caches_only_hashed_names_for_long() {
        assert_eq!(
            cache_control("cognito-signin-4f1c2a9b8e7d6c5b_bg.wasm"),
            IMMUTABLE
        );
        assert_eq!(
            cache_control("cognito-signin-4f1c2a9b8e7d6c5b.js"),
            IMMUTABLE
        );
        assert_eq!(cache_control("style-0123456789abcdef.css"), IMMUTABLE);
        assert_eq!(cache_control("index.html"), NO_CACHE);
        assert_eq!(cache_control("favicon.ico"), NO_CACHE);
        assert_eq!(cache_control("cognito-signin.js"), NO_CACHE);
    }
}
