//! The moto_server child process, on `tokio::process` with `kill_on_drop`,
//! so no path out of the program (error, panic, signal) leaves it running;
//! the orderly way out, [`MotoProcess::stop`], also reaps it.

use std::collections::VecDeque;
use std::net::Ipv4Addr;
use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, ChildStderr, Command};
use tokio::task::JoinHandle;

/// moto's server behind a WSGI guard that refuses browsers (see the file).
const GUARD: &str = include_str!("../python/moto_guard.py");

/// How much of moto's stderr we keep to explain an early exit.
const STDERR_TAIL_LINES: usize = 40;
const POLL_INTERVAL: Duration = Duration::from_millis(50);

#[derive(Debug, thiserror::Error)]
pub enum MotoError {
    #[error("could not find a free port for moto: {0}")]
    NoPort(std::io::Error),
    #[error("could not start moto's Python {path:?} (beside moto_server): {source}")]
    Spawn {
        path: String,
        source: std::io::Error,
    },
    #[error("moto_server exited early ({status}); its stderr ends with:\n{stderr}")]
    ExitedEarly { status: ExitStatus, stderr: String },
    #[error("moto_server did not accept connections on port {port} within {waited:?}")]
    NotReady { port: u16, waited: Duration },
}

pub struct MotoProcess {
    child: tokio::sync::Mutex<Child>,
    port: u16,
    stderr_tail: Arc<Mutex<VecDeque<String>>>,
    stderr_reader: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for MotoProcess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MotoProcess")
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

impl MotoProcess {
    /// Starts moto's server on a free port with hash-derived pool and
    /// client ids (stable for one pool name), closed to web pages: run by
    /// the Python beside `executable` (the `moto_server` of its venv) through
    /// `python/moto_guard.py`, since moto itself answers CORS for any origin
    /// and its own API hands out every password.
    pub fn spawn(executable: &Path) -> Result<MotoProcess, MotoError> {
        let port = stack_contract::ports::free_port().map_err(MotoError::NoPort)?;
        // The interpreter moto is installed under: a venv's, or pyenv's
        // shim, or the system's, is always beside its `moto_server`.
        let python = executable.with_file_name("python3");
        let mut command = Command::new(&python);
        command
            .args(["-c", GUARD, "-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_COGNITO_IDP_USER_POOL_ID_STRATEGY", "HASH")
            .env("MOTO_COGNITO_IDP_USER_POOL_CLIENT_ID_STRATEGY", "HASH")
            // Check authenticator-app (TOTP) codes instead of accepting any.
            .env("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            // Piped and drained by a task: werkzeug logs every request to
            // stderr, and an unread pipe would eventually block moto.
            .stderr(Stdio::piped())
            // Its own process group: a terminal's Ctrl-C reaches only us, and
            // we stop moto after the servers, in order.
            .process_group(0)
            .kill_on_drop(true);
        // SAFETY: the closure runs between fork and exec and only calls
        // prctl, which is async-signal-safe. PDEATHSIG makes the kernel kill
        // moto if our spawning thread dies without running Drop (panic=abort
        // in release builds, SIGKILL). The binary spawns from the main thread.
        unsafe {
            command.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = command.spawn().map_err(|source| MotoError::Spawn {
            path: python.display().to_string(),
            source,
        })?;
        let stderr_tail = Arc::new(Mutex::new(VecDeque::new()));
        let stderr_reader = child.stderr.take().map(|stderr| {
            let tail = Arc::clone(&stderr_tail);
            tokio::spawn(drain_stderr(stderr, tail))
        });
        Ok(MotoProcess {
            child: tokio::sync::Mutex::new(child),
            port,
            stderr_tail,
            stderr_reader: Mutex::new(stderr_reader),
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The Cognito endpoint the browser and our client use, with a trailing
    /// slash as the AWS SDKs expect.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Polls until moto accepts TCP connections (werkzeug only listens once
    /// it can serve), failing fast with its stderr if it exits first.
    pub async fn wait_ready(&self, limit: Duration) -> Result<(), MotoError> {
        let started = Instant::now();
        loop {
            if let Some(status) = self.exit_status().await {
                return Err(self.exited_early(status).await);
            }
            if tokio::net::TcpStream::connect((Ipv4Addr::LOCALHOST, self.port))
                .await
                .is_ok()
            {
                return Ok(());
            }
            if started.elapsed() >= limit {
                return Err(MotoError::NotReady {
                    port: self.port,
                    waited: limit,
                });
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// `Some` once moto has exited.
    pub async fn exit_status(&self) -> Option<ExitStatus> {
        self.child.lock().await.try_wait().ok().flatten()
    }

    /// Resolves when moto exits on its own, with an error that carries its
    /// stderr.
    pub async fn died(&self) -> MotoError {
        let status = self.child.lock().await.wait().await;
        match status {
            Ok(status) => self.exited_early(status).await,
            // Not our child any more (cannot happen while we hold it):
            // report what we have.
            Err(source) => MotoError::Spawn {
                path: "moto_server".into(),
                source,
            },
        }
    }

    /// Kills moto and waits for it to be gone, its stderr drained.
    pub async fn stop(self) {
        let mut child = self.child.into_inner();
        // Already dead: kill fails harmlessly.
        let _ = child.kill().await;
        let reader = self
            .stderr_reader
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(reader) = reader {
            // The pipe closes with the process, so this ends promptly.
            let _ = tokio::time::timeout(Duration::from_secs(1), reader).await;
        }
    }

    async fn exited_early(&self, status: ExitStatus) -> MotoError {
        // Give the drain task a moment to read the last lines, bounded in
        // case something else still holds the pipe open.
        let deadline = Instant::now() + Duration::from_secs(1);
        while Instant::now() < deadline {
            let finished = self
                .stderr_reader
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .as_ref()
                .is_none_or(JoinHandle::is_finished);
            if finished {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        MotoError::ExitedEarly {
            status,
            stderr: self.stderr_tail(),
        }
    }

    pub fn stderr_tail(&self) -> String {
        let tail = self
            .stderr_tail
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if tail.is_empty() {
            return "(moto printed nothing on stderr)".to_string();
        }
        tail.iter().cloned().collect::<Vec<_>>().join("\n")
    }
}

async fn drain_stderr(stderr: ChildStderr, tail: Arc<Mutex<VecDeque<String>>>) {
    let mut reader = BufReader::new(stderr);
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {
                let text = String::from_utf8_lossy(&line).trim_end().to_string();
                let mut tail = tail.lock().unwrap_or_else(PoisonError::into_inner);
                if tail.len() == STDERR_TAIL_LINES {
                    tail.pop_front();
                }
                tail.push_back(text);
            }
        }
    }
}
