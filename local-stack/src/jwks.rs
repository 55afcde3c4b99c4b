//! The user pool's signing keys: fetched from moto's JWKS endpoint, cached,
//! and refetched only when a token names an unknown `kid`, at most once per
//! [`MIN_REFETCH_INTERVAL`] so junk tokens cannot make us hammer moto.
//!
//! Every fetch (the first one included, failed ones too) is counted and
//! announced on stderr as `local-stack: jwks fetches: N`, so a benchmark
//! (`cargo xtask bench`) can check that the cache holds under load.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use hyper::Method;
use jsonwebtoken::DecodingKey;
use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet, KeyAlgorithm};

use crate::http_client::{self, HttpError};

pub const MIN_REFETCH_INTERVAL: Duration = Duration::from_secs(30);
/// A JWKS document is a few KB; anything far larger is not one.
const MAX_JWKS_BYTES: usize = 256 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum JwksError {
    #[error("fetching the JWKS from {url}: {source}")]
    Http { url: String, source: HttpError },
    #[error("the JWKS at {url} answered HTTP {status}")]
    Status { url: String, status: u16 },
    #[error("the JWKS at {url} is not a valid key set: {detail}")]
    Invalid { url: String, detail: String },
}

/// RSA verification keys by `kid`. Keys of other types, or marked for an
/// algorithm other than RS256, are left out: the authorizer accepts RS256 only.
#[derive(Default)]
pub struct KeySet {
    keys: HashMap<String, DecodingKey>,
}

impl std::fmt::Debug for KeySet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeySet")
            .field("kids", &self.keys.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl KeySet {
    pub fn from_jwks(set: &JwkSet) -> KeySet {
        let keys = set
            .keys
            .iter()
            .filter(|jwk| matches!(jwk.algorithm, AlgorithmParameters::RSA(_)))
            .filter(|jwk| matches!(jwk.common.key_algorithm, None | Some(KeyAlgorithm::RS256)))
            .filter_map(|jwk| {
                let kid = jwk.common.key_id.clone()?;
                let key = DecodingKey::from_jwk(jwk).ok()?;
                Some((kid, key))
            })
            .collect();
        KeySet { keys }
    }

    pub fn get(&self, kid: &str) -> Option<&DecodingKey> {
        self.keys.get(kid)
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

struct Cached {
    keys: Arc<KeySet>,
    last_attempt: Instant,
}

/// Shared by all requests. A `fixed` cache (tests) never refetches.
pub struct JwksCache {
    url: Option<String>,
    min_refetch_interval: Duration,
    cached: Mutex<Cached>,
    /// Serialises refetches so a burst of unknown kids makes one request.
    refetching: tokio::sync::Mutex<()>,
    /// JWKS requests made so far, the initial one included.
    fetches: AtomicUsize,
}

impl std::fmt::Debug for JwksCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwksCache")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl JwksCache {
    pub fn fixed(keys: KeySet) -> JwksCache {
        JwksCache {
            url: None,
            min_refetch_interval: MIN_REFETCH_INTERVAL,
            cached: Mutex::new(Cached {
                keys: Arc::new(keys),
                last_attempt: Instant::now(),
            }),
            refetching: tokio::sync::Mutex::new(()),
            fetches: AtomicUsize::new(0),
        }
    }

    /// Fetches the key set once up front, so a broken moto fails at start.
    pub async fn fetch(url: String) -> Result<JwksCache, JwksError> {
        Self::fetch_with_interval(url, MIN_REFETCH_INTERVAL).await
    }

    /// As [`JwksCache::fetch`], with another refetch rate limit (tests).
    pub async fn fetch_with_interval(
        url: String,
        min_refetch_interval: Duration,
    ) -> Result<JwksCache, JwksError> {
        let keys = fetch_keys(&url).await;
        announce_fetch(1);
        let keys = keys?;
        Ok(JwksCache {
            min_refetch_interval,
            cached: Mutex::new(Cached {
                keys: Arc::new(keys),
                last_attempt: Instant::now(),
            }),
            url: Some(url),
            refetching: tokio::sync::Mutex::new(()),
            fetches: AtomicUsize::new(1),
        })
    }

    /// How many times the JWKS was requested, the initial fetch included.
    pub fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }

    fn snapshot(&self) -> (Arc<KeySet>, Instant) {
        let cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        (Arc::clone(&cached.keys), cached.last_attempt)
    }

    /// The current keys, refreshed first if `kid` is unknown and the last
    /// fetch is old enough. A failed refetch keeps the old keys.
    pub async fn keys_for(&self, kid: &str) -> Arc<KeySet> {
        let (keys, last_attempt) = self.snapshot();
        let Some(url) = &self.url else { return keys };
        if keys.get(kid).is_some() || last_attempt.elapsed() < self.min_refetch_interval {
            return keys;
        }
        let _guard = self.refetching.lock().await;
        // Another request may have refetched while we waited.
        let (keys, last_attempt) = self.snapshot();
        if keys.get(kid).is_some() || last_attempt.elapsed() < self.min_refetch_interval {
            return keys;
        }
        let fresh = fetch_keys(url).await.ok().map(Arc::new);
        announce_fetch(self.fetches.fetch_add(1, Ordering::SeqCst) + 1);
        let mut cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        cached.last_attempt = Instant::now();
        if let Some(fresh) = fresh {
            cached.keys = fresh;
        }
        Arc::clone(&cached.keys)
    }
}

/// The line `cargo xtask bench` reads; the last one printed is the total.
pub fn fetches_line(total: usize) -> String {
    format!("local-stack: jwks fetches: {total}")
}

fn announce_fetch(total: usize) {
    eprintln!("{}", fetches_line(total));
}

async fn fetch_keys(url: &str) -> Result<KeySet, JwksError> {
    let response = http_client::send(Method::GET, url, &[], Vec::new())
        .await
        .map_err(|source| JwksError::Http {
            url: url.to_string(),
            source,
        })?;
    if !response.status.is_success() {
        return Err(JwksError::Status {
            url: url.to_string(),
            status: response.status.as_u16(),
        });
    }
    if response.body.len() > MAX_JWKS_BYTES {
        return Err(JwksError::Invalid {
            url: url.to_string(),
            detail: format!("{} bytes is too large", response.body.len()),
        });
    }
    let set: JwkSet = serde_json::from_slice(&response.body).map_err(|e| JwksError::Invalid {
        url: url.to_string(),
        detail: e.to_string(),
    })?;
    let keys = KeySet::from_jwks(&set);
    if keys.is_empty() {
        return Err(JwksError::Invalid {
            url: url.to_string(),
            detail: "it holds no RS256 key with a kid".to_string(),
        });
    }
    Ok(keys)
}
