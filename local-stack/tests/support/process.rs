//! The real local-stack binary as a child process: started with a real moto,
//! found through its state file, killed on drop (moto follows it through
//! PR_SET_PDEATHSIG) so a failing test leaves nothing running.
#![allow(dead_code)] // Each test binary uses a different part.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const START_LIMIT: Duration = Duration::from_secs(90);

pub struct Running(pub Child);

/// SIGTERM first, so the stack cleans up after itself (moto, the state
/// file, its copy of the site); SIGKILL if it has not gone within 5 s.
impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(pid) = i32::try_from(self.0.id()) {
            // SAFETY: plain kill(2) on our own child's pid.
            unsafe { libc::kill(pid, libc::SIGTERM) };
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.0.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `MOTO_SERVER` names the moto_server to run; `None` (with a notice) when
/// it is unset, so plain `cargo test` works without Python.
pub fn moto_server(test: &str) -> Option<PathBuf> {
    let path = std::env::var_os("MOTO_SERVER").map(PathBuf::from);
    if path.is_none() {
        eprintln!("NOTICE: MOTO_SERVER is not set; skipping {test}");
    }
    path
}

/// Starts the binary with `--moto-server` and `--state-file` plus `args`.
pub fn spawn(moto_server: &Path, state_path: &Path, args: &[&str]) -> Running {
    let child = Command::new(env!("CARGO_BIN_EXE_local-stack"))
        .arg("--moto-server")
        .arg(moto_server)
        .arg("--state-file")
        .arg(state_path)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("local-stack starts");
    Running(child)
}

/// Polls for the state file (written once everything listens).
pub async fn wait_for_state_file(child: &mut Child, path: &Path) -> Value {
    let started = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path) {
            return serde_json::from_str(&text).expect("the state file is JSON");
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("local-stack exited during start-up with {status}");
        }
        assert!(
            started.elapsed() < START_LIMIT,
            "no state file after {START_LIMIT:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub fn text(value: &Value, key: &str) -> String {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("state file lacks {key}"))
        .to_string()
}
