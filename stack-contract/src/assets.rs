//! How the site's files are named: trunk and the release split put a hash
//! of the content in the name (`NAME-HASH.ext`, `NAME-HASH_bg.wasm`). Such a
//! file never changes content, so the local stack and the CDN may keep it
//! for a year, and the split names its parts after the same hash.

/// The content hash in a file's name: at least 8 hex digits after the last
/// `-` of its stem (the part before the first `.`, without trunk's `_bg`).
pub fn content_hash(file_name: &str) -> Option<&str> {
    let stem = file_name.split('.').next().unwrap_or(file_name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let (_, hash) = stem.rsplit_once('-')?;
    (hash.len() >= 8 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_trunks_hashes() {
        let hash = Some("4f1c2a9b8e7d6c5b");
        assert_eq!(
            content_hash("cognito-signin-4f1c2a9b8e7d6c5b_bg.wasm"),
            hash
        );
        assert_eq!(content_hash("cognito-signin-4f1c2a9b8e7d6c5b.js"), hash);
        assert_eq!(content_hash("journey-4f1c2a9b8e7d6c5b.wasm"), hash);
        assert_eq!(content_hash("main-0123abcd.css"), Some("0123abcd"));
    }

    #[test]
    fn refuses_names_without_one() {
        for name in [
            "index.html",
            "favicon.ico",
            "cognito-signin.js",
            "main-0123abc.css",
            "main-0123abcg.css",
            "cognito-signin-_bg.wasm",
        ] {
            assert_eq!(content_hash(name), None, "{name}");
        }
    }
}
