//! One measured visit's browser: chromedriver and Chromium with a fresh
//! profile, stopped and cleaned up however the run ends.

use std::path::PathBuf;

use fantoccini::Client;
use serde_json::{Value, json};

use crate::browser;

/// chromedriver and Chromium with a fresh profile, stopped on drop.
pub struct Session {
    pub client: Client,
    driver: tokio::process::Child,
    profile: PathBuf,
}

impl Session {
    pub async fn start() -> Session {
        let (driver, port) = browser::start_chromedriver().await;
        let profile = browser::target_dir().join(format!("bench-profile-{port}"));
        let _ = std::fs::remove_dir_all(&profile);
        let Value::Object(logging) = json!({"goog:loggingPrefs": {"performance": "ALL"}}) else {
            unreachable!()
        };
        let client = browser::connect_with(&format!("http://127.0.0.1:{port}"), &profile, logging)
            .await
            .unwrap_or_else(|e| panic!("chromedriver did not start Chromium: {e}"));
        Session {
            client,
            driver,
            profile,
        }
    }

    pub async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill().await;
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // kill_on_drop stops chromedriver if `stop` was never reached.
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
