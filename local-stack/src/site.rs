//! The built SPA, served with SPA routing: a path that is not a file and
//! has no extension gets index.html. At start its regular files are copied
//! (with brotli and gzip forms made once, never written back to DIR) into a
//! private directory that lives as long as the `Site`; tower-http's
//! `ServeDir` serves from there, choosing the encoding the client accepts
//! (q-values and all) and answering HEAD, ranges and conditional requests.
//! Only names found in that copy at start are ever asked of it, so no
//! request path that was not a file of the site reaches the filesystem.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use stack_contract::assets;
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::percent::percent_decode;

/// What a path segment must escape to reach ServeDir as the same name.
const PATH_SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

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

/// What is known of each file at start, by URL path without its leading
/// slash (e.g. `app-1a2b.js`).
#[derive(Debug)]
struct Asset {
    content_type: &'static str,
    cache_control: &'static str,
}

#[derive(Debug)]
pub struct Site {
    assets: HashMap<String, Asset>,
    files: ServeDir,
    csp: HeaderValue,
    /// The private copy; removed on drop.
    root: PathBuf,
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
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
        let root = private_dir().map_err(|source| SiteError::Read {
            path: std::env::temp_dir(),
            source,
        })?;
        let site = |assets| {
            let csp = HeaderValue::from_str(csp).unwrap_or_else(|_| {
                // Only possible with a malformed --script-src, which args
                // rejects; fall back to the strictest policy rather than none.
                HeaderValue::from_static("default-src 'none'")
            });
            Site {
                assets,
                files: ServeDir::new(&root).precompressed_br().precompressed_gzip(),
                csp,
                root: root.clone(),
            }
        };
        // From here on the copy is removed on every way out.
        let mut loaded = site(HashMap::new());
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
            let write = |key: &str, bytes: &[u8]| -> Result<(), SiteError> {
                let path = root.join(key);
                let wrap = |source| SiteError::Read {
                    path: path.clone(),
                    source,
                };
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(wrap)?;
                }
                std::fs::write(&path, bytes).map_err(wrap)
            };
            write(name, bytes)?;
            if compressible {
                let brotli = match precompressed(".br") {
                    Some(b) => Some(b),
                    None => smaller(compress_brotli(bytes, name)?, bytes),
                };
                let gzip = match precompressed(".gz") {
                    Some(g) => Some(g),
                    None => smaller(compress_gzip(bytes, name)?, bytes),
                };
                if let Some(brotli) = brotli {
                    write(&format!("{name}.br"), &brotli)?;
                }
                if let Some(gzip) = gzip {
                    write(&format!("{name}.gz"), &gzip)?;
                }
            }
            loaded.assets.insert(
                name.clone(),
                Asset {
                    content_type,
                    cache_control: cache_control(name),
                },
            );
        }
        Ok(loaded)
    }

    pub fn file_count(&self) -> usize {
        self.assets.len()
    }

    /// Answers a request for the site: GET or HEAD for a file or a route.
    pub async fn respond(&self, request: Request) -> Response {
        let method = request.method();
        if method != Method::GET && method != Method::HEAD {
            let mut response = self.plain(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed");
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return response;
        }
        let Some(key) = self.key_for(request.uri().path()) else {
            return self.plain(StatusCode::NOT_FOUND, "Not Found");
        };
        let asset = &self.assets[&key];
        // The file as ServeDir finds it, by its own (percent-encoded) name.
        let encoded: String = key
            .split('/')
            .map(|segment| utf8_percent_encode(segment, PATH_SEGMENT).to_string())
            .collect::<Vec<_>>()
            .join("/");
        let (mut parts, body) = request.into_parts();
        parts.uri = match format!("/{encoded}").parse() {
            Ok(uri) => uri,
            Err(_) => return self.plain(StatusCode::NOT_FOUND, "Not Found"),
        };
        let served = match self
            .files
            .clone()
            .oneshot(Request::from_parts(parts, body))
            .await
        {
            Ok(served) => served,
            Err(_) => return self.plain(StatusCode::INTERNAL_SERVER_ERROR, "Internal Error"),
        };
        if served.status() == StatusCode::NOT_FOUND {
            return self.plain(StatusCode::NOT_FOUND, "Not Found");
        }
        let mut response = served.map(Body::new);
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(asset.content_type),
        );
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(asset.cache_control),
        );
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        self.add_security_headers(&mut response);
        response
    }

    /// The site's own name for a URL path (still percent-encoded): the file
    /// itself, or index.html for a route; `None` for anything else.
    fn key_for(&self, path: &str) -> Option<String> {
        let decoded = percent_decode(path)?;
        let key = decoded.trim_start_matches('/');
        // Keys never hold dot segments; refuse them outright instead of
        // letting them fall through to index.html.
        if key
            .split(['/', '\\'])
            .any(|segment| segment == ".." || segment == ".")
        {
            return None;
        }
        let key = if key.is_empty() { INDEX } else { key };
        if self.assets.contains_key(key) {
            Some(key.to_string())
        } else if has_extension(key) {
            // A file-like name that is missing is a broken link, not a route.
            None
        } else {
            Some(INDEX.to_string())
        }
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

fn has_extension(key: &str) -> bool {
    key.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

/// Files named after a hash of their content never change, so they may be
/// cached for a year; everything else is asked for again each time.
fn cache_control(key: &str) -> &'static str {
    let file = key.rsplit('/').next().unwrap_or(key);
    if file != INDEX && assets::content_hash(file).is_some() {
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

const PRIVATE_PREFIX: &str = "local-stack-served-site-";

/// Copies left by stacks that were killed (SIGKILL runs no Drop): any whose
/// process is gone.
fn sweep_stale_copies() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PRIVATE_PREFIX))
            .and_then(|rest| rest.split('-').next())
        else {
            continue;
        };
        let alive = Path::new("/proc").join(pid).exists();
        let ours = entry
            .metadata()
            .is_ok_and(|m| std::os::unix::fs::MetadataExt::uid(&m) == own_uid());
        if !alive && ours {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Our user id, read from /proc (no libc call needed).
fn own_uid() -> u32 {
    std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m))
        .unwrap_or(u32::MAX)
}

/// A fresh directory only we can read, for the site's copy.
fn private_dir() -> std::io::Result<PathBuf> {
    sweep_stale_copies();
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "local-stack-served-site-{}-{n}",
        std::process::id()
    ));
    let mut builder = std::fs::DirBuilder::new();
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir)?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

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
