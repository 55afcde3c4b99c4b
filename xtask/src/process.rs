//! Child processes owned by a guard: dropping it (on success, error or
//! panic) stops the child, politely first so it can stop its own children.

use std::process::{Child, Command};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::cmd::describe;

pub struct Guarded {
    name: String,
    child: Child,
}

impl Guarded {
    pub fn spawn(command: &mut Command) -> Result<Self> {
        eprintln!("$ {} &", describe(command));
        let child = command
            .spawn()
            .with_context(|| format!("could not start `{}`", describe(command)))?;
        Ok(Self {
            name: describe(command),
            child,
        })
    }

    /// `Some(status)` once the child has exited.
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// SIGTERM, then SIGKILL if the child has not exited within 10 s.
    pub fn stop(&mut self) {
        if self.exited().is_some() {
            return;
        }
        terminate(self.child.id());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.exited().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        eprintln!("`{}` ignored SIGTERM; killing it", self.name);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Guarded {
    fn drop(&mut self) {
        self.stop();
    }
}

pub fn terminate(pid: u32) {
    // SAFETY: kill(2) has no memory-safety preconditions.
    unsafe {
        libc::kill(pid as libc::pid_t, libc::SIGTERM);
    }
}

/// Polls `ready` every 100 ms until it holds, the child exits, or `timeout`
/// passes.
pub fn wait_until(
    child: &mut Guarded,
    what: &str,
    timeout: Duration,
    mut ready: impl FnMut() -> bool,
) -> Result<()> {
    let deadline = Instant::now() + timeout;
    loop {
        if ready() {
            return Ok(());
        }
        if let Some(status) = child.exited() {
            anyhow::bail!("{} exited ({status}) before {what}", child.name);
        }
        if Instant::now() > deadline {
            anyhow::bail!("{what} did not happen within {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
