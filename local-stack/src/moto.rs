//! The moto_server child process, owned by a guard that kills and reaps it
//! on drop, so no path out of the program (error, panic, signal) leaves it
//! running.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::net::{Ipv4Addr, TcpListener};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How much of moto's stderr we keep to explain an early exit.
const STDERR_TAIL_LINES: usize = 40;
const POLL_INTERVAL: Duration = Duration::from_millis(50);

#[derive(Debug, thiserror::Error)]
pub enum MotoError {
    #[error("could not find a free port for moto: {0}")]
    NoPort(std::io::Error),
    #[error("could not start moto_server {path:?}: {source}")]
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
    child: Mutex<Child>,
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
    /// Starts `moto_server -H 127.0.0.1 -p PORT` on a free port with
    /// hash-derived pool and client ids (stable for one pool name).
    pub fn spawn(executable: &Path) -> Result<MotoProcess, MotoError> {
        let port = free_port().map_err(MotoError::NoPort)?;
        let mut command = Command::new(executable);
        command
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_COGNITO_IDP_USER_POOL_ID_STRATEGY", "HASH")
            .env("MOTO_COGNITO_IDP_USER_POOL_CLIENT_ID_STRATEGY", "HASH")
            // Check authenticator-app (TOTP) codes instead of accepting any.
            .env("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            // Piped and drained by a thread: werkzeug logs every request to
            // stderr, and an unread pipe would eventually block moto.
            .stderr(Stdio::piped())
            // Its own process group: a terminal's Ctrl-C reaches only us, and
            // we stop moto after the servers, in order.
            .process_group(0);
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
            path: executable.display().to_string(),
            source,
        })?;
        let stderr_tail = Arc::new(Mutex::new(VecDeque::new()));
        let stderr_reader = child.stderr.take().map(|stderr| {
            let tail = Arc::clone(&stderr_tail);
            std::thread::spawn(move || drain_stderr(stderr, &tail))
        });
        Ok(MotoProcess {
            child: Mutex::new(child),
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
            if let Some(status) = self.exit_status() {
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
    pub fn exit_status(&self) -> Option<ExitStatus> {
        let mut child = self.child.lock().unwrap_or_else(PoisonError::into_inner);
        child.try_wait().ok().flatten()
    }

    /// Resolves when moto exits on its own, with an error that carries its
    /// stderr. Polled, since std's Child has no async wait.
    pub async fn died(&self) -> MotoError {
        loop {
            if let Some(status) = self.exit_status() {
                return self.exited_early(status).await;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    async fn exited_early(&self, status: ExitStatus) -> MotoError {
        // Give the drain thread a moment to read the last lines, bounded in
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

impl Drop for MotoProcess {
    fn drop(&mut self) {
        let child = self.child.get_mut().unwrap_or_else(PoisonError::into_inner);
        // Already reaped or already dead: kill fails harmlessly.
        let _ = child.kill();
        let _ = child.wait();
        if let Some(reader) = self
            .stderr_reader
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            // The pipe closes with the process, so this returns promptly.
            let _ = reader.join();
        }
    }
}

fn drain_stderr(stderr: std::process::ChildStderr, tail: &Mutex<VecDeque<String>>) {
    let mut reader = BufReader::new(stderr);
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
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

/// Asks the kernel for a free loopback port. Another process could take it
/// before moto binds; moto then exits and we report its stderr.
pub fn free_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}
