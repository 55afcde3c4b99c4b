//! The state file (`target/local-stack.json` under `cargo xtask serve`):
//! where everything listens and the secret of the test controls. Written
//! atomically (temp file + rename) and readable by its owner only, so a
//! reader polling for it never sees half a document and other users never
//! see the secret.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::pools::ExtraPool;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StackState {
    /// The site's origin, when the stack serves one.
    pub site_url: Option<String>,
    /// The API's origin as the browser sees it, without a trailing slash.
    pub api_url: String,
    /// The local Cognito endpoint, with a trailing slash.
    pub cognito_endpoint: String,
    pub region: String,
    pub user_pool_id: String,
    pub user_pool_client_id: String,
    /// Sent in [`crate::cognito::LOCAL_SECRET_HEADER`] to `/_local/…`.
    pub local_secret: LocalSecret,
    /// Pools besides the main one, by name ([`crate::pools::MFA_POOL`],
    /// [`crate::pools::USERNAME_POOL`]); absent in older state files.
    #[serde(default)]
    pub extra_pools: BTreeMap<String, ExtraPool>,
}

/// The per-run secret of the test controls. Debug hides it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocalSecret(String);

impl LocalSecret {
    pub fn new(value: String) -> LocalSecret {
        LocalSecret(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Compares without stopping at the first differing byte.
    pub fn matches(&self, offered: &[u8]) -> bool {
        let mine = self.0.as_bytes();
        mine.len() == offered.len()
            && mine
                .iter()
                .zip(offered)
                .fold(0u8, |diff, (a, b)| diff | (a ^ b))
                == 0
            && !mine.is_empty()
    }
}

impl std::fmt::Debug for LocalSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LocalSecret(<redacted>)")
    }
}

#[derive(Debug)]
pub struct StateFileError {
    pub path: PathBuf,
    pub detail: String,
}

impl std::fmt::Display for StateFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the state file {}: {}", self.path.display(), self.detail)
    }
}

impl std::error::Error for StateFileError {}

impl StackState {
    pub fn read(path: &Path) -> Result<StackState, StateFileError> {
        let wrap = |detail: String| StateFileError {
            path: path.to_path_buf(),
            detail,
        };
        let text = std::fs::read_to_string(path).map_err(|e| wrap(e.to_string()))?;
        serde_json::from_str(&text).map_err(|e| wrap(e.to_string()))
    }

    pub fn write_atomically(&self, path: &Path) -> Result<(), StateFileError> {
        let wrap = |detail: String| StateFileError {
            path: path.to_path_buf(),
            detail,
        };
        let json = serde_json::to_vec_pretty(self).map_err(|e| wrap(e.to_string()))?;
        let file_name = path
            .file_name()
            .ok_or_else(|| wrap("the path names no file".into()))?;
        // Same directory, so the rename stays on one filesystem.
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(file_name);
        temp_name.push(format!(".tmp-{}", std::process::id()));
        let temp = path.with_file_name(temp_name);
        let result = (|| {
            let mut file = owner_only().open(&temp)?;
            file.write_all(&json)?;
            file.write_all(b"\n")?;
            file.sync_all()?;
            std::fs::rename(&temp, path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        result.map_err(|e| wrap(e.to_string()))
    }
}

fn owner_only() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> StackState {
        StackState {
            site_url: None,
            api_url: "http://127.0.0.1:1".into(),
            cognito_endpoint: "http://127.0.0.1:2/".into(),
            region: "us-east-1".into(),
            user_pool_id: "p".into(),
            user_pool_client_id: "c".into(),
            local_secret: LocalSecret::new("s3cr3t".into()),
            extra_pools: BTreeMap::from([(
                "mfa".to_string(),
                ExtraPool {
                    user_pool_id: "p2".into(),
                    user_pool_client_id: "c2".into(),
                    username_attributes: vec!["email".into()],
                    alias_attributes: Vec::new(),
                    required_attributes: Vec::new(),
                    custom_attributes: Vec::new(),
                    auto_verified_attributes: vec!["email".into()],
                    mfa_configuration: "ON".into(),
                    mfa_methods: vec!["SOFTWARE_TOKEN_MFA".into()],
                    site_url: Some("http://127.0.0.1:8081".into()),
                    allowed_first_auth_factors: Vec::new(),
                    web_authn_relying_party_id: None,
                    refresh_token_rotation_grace_seconds: None,
                },
            )]),
        }
    }

    #[test]
    fn round_trips_leaves_no_temp_file_and_is_owner_only() {
        let dir = std::env::temp_dir().join(format!("stack-contract-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("state.json");
        sample().write_atomically(&path).expect("written");
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("JSON");
        assert_eq!(value["siteUrl"], serde_json::Value::Null);
        assert_eq!(value["localSecret"], "s3cr3t");
        assert_eq!(value["extraPools"]["mfa"]["userPoolClientId"], "c2");
        assert_eq!(
            value["extraPools"]["mfa"]["siteUrl"],
            "http://127.0.0.1:8081"
        );
        assert_eq!(StackState::read(&path).expect("read back"), sample());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o077, 0, "{mode:o}");
        }
        assert_eq!(std::fs::read_dir(&dir).expect("listable").count(), 1);
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    #[test]
    fn a_state_file_without_extra_pools_still_reads() {
        let mut value = serde_json::to_value(sample()).expect("JSON");
        value.as_object_mut().expect("object").remove("extraPools");
        let read: StackState = serde_json::from_value(value).expect("reads");
        assert!(read.extra_pools.is_empty());
    }

    #[test]
    fn debug_hides_the_secret() {
        assert!(!format!("{:?}", sample()).contains("s3cr3t"));
    }

    #[test]
    fn secrets_match_exactly() {
        let secret = LocalSecret::new("abc".into());
        assert!(secret.matches(b"abc"));
        assert!(!secret.matches(b"abd"));
        assert!(!secret.matches(b"ab"));
        assert!(!LocalSecret::new(String::new()).matches(b""));
    }
}
