//! The state file tells scripts and tests where everything listens. Written
//! atomically (temp file + rename) so a reader polling for it never sees a
//! half-written document.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct State {
    pub site_url: Option<String>,
    pub api_url: String,
    pub cognito_endpoint: String,
    pub region: String,
    pub user_pool_id: String,
    pub user_pool_client_id: String,
}

#[derive(Debug, thiserror::Error)]
#[error("writing the state file {path:?}: {source}")]
pub struct StateFileError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

pub fn write_atomically(path: &Path, state: &State) -> Result<(), StateFileError> {
    let wrap = |source| StateFileError {
        path: path.to_path_buf(),
        source,
    };
    let json = serde_json::to_vec_pretty(state).map_err(|e| wrap(std::io::Error::other(e)))?;
    let file_name = path
        .file_name()
        .ok_or_else(|| wrap(std::io::Error::other("the path names no file")))?;
    // Same directory, so the rename stays on one filesystem.
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(file_name);
    temp_name.push(format!(".tmp-{}", std::process::id()));
    let temp = path.with_file_name(temp_name);
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(&json)?;
        file.write_all(b"\n")?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(wrap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_json_and_leaves_no_temp_file() {
        let dir = std::env::temp_dir().join(format!("local-stack-state-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("state.json");
        let state = State {
            site_url: None,
            api_url: "http://127.0.0.1:1".into(),
            cognito_endpoint: "http://127.0.0.1:2/".into(),
            region: "us-east-1".into(),
            user_pool_id: "p".into(),
            user_pool_client_id: "c".into(),
        };
        write_atomically(&path, &state).expect("written");
        let text = std::fs::read_to_string(&path).expect("readable");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(value["siteUrl"], serde_json::Value::Null);
        assert_eq!(value["apiUrl"], "http://127.0.0.1:1");
        assert_eq!(value["userPoolClientId"], "c");
        let entries = std::fs::read_dir(&dir).expect("listable").count();
        assert_eq!(entries, 1, "only the state file remains");
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
