//! Runs the install steps a task still needs, all at the same time, and
//! tells a newcomer what is happening: which tool, step k of n, roughly how
//! long, where its log is, and every minute what is still running. On a
//! machine that has never seen the project this is 15 to 20 minutes, most
//! of it compiling trunk and wasm-bindgen from source.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Result, bail};

/// One thing to install.
pub struct Step {
    /// What is installed, e.g. "trunk 0.21.14".
    pub what: String,
    /// How, and roughly how long on 2 cores, e.g. "cargo install, about 9 min".
    pub how: &'static str,
    /// The log's file name under `target/install/`.
    pub log_name: &'static str,
    pub run: Job,
}

/// A step's work, given the path of its log.
pub type Job = Box<dyn FnOnce(&Path) -> Result<()> + Send>;

/// How often a line says what is still installing.
const HEARTBEAT: Duration = Duration::from_secs(60);

/// Runs every step on its own thread and waits for all of them. Each one's
/// output goes to its log; a failure prints that log's last lines.
pub fn run_all(steps: Vec<Step>) -> Result<()> {
    if steps.is_empty() {
        return Ok(());
    }
    let logs = crate::paths::target().join("install");
    std::fs::create_dir_all(&logs)?;
    let total = steps.len();
    eprintln!(
        "\n==> installing {total} missing tool(s) at the same time (only the first run does this)"
    );
    let (done_tx, done_rx) = mpsc::channel();
    let mut running = Vec::new();
    for (index, step) in steps.into_iter().enumerate() {
        let log = logs.join(step.log_name);
        eprintln!(
            "[{}/{total}] {}: {} (log: {})",
            index + 1,
            step.what,
            step.how,
            log.display()
        );
        running.push((step.what.clone(), log.clone()));
        let done_tx = done_tx.clone();
        let run = step.run;
        std::thread::spawn(move || {
            let result = run(&log);
            // The receiver outlives every sender; a send cannot fail.
            let _ = done_tx.send((index, result));
        });
    }
    drop(done_tx);
    let started = Instant::now();
    let mut finished = vec![false; total];
    let mut failed = Vec::new();
    while finished.iter().any(|f| !f) {
        match done_rx.recv_timeout(HEARTBEAT) {
            Ok((index, result)) => {
                finished[index] = true;
                let (what, log) = &running[index];
                let took = minutes(started.elapsed());
                match result {
                    Ok(()) => eprintln!("[{}/{total}] {what}: done after {took}", index + 1),
                    Err(error) => {
                        eprintln!(
                            "[{}/{total}] {what}: FAILED after {took}: {error:#}",
                            index + 1
                        );
                        print_tail(log);
                        failed.push(what.clone());
                    }
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let still: Vec<&str> = running
                    .iter()
                    .zip(&finished)
                    .filter(|(_, done)| !**done)
                    .map(|((what, _), _)| what.as_str())
                    .collect();
                eprintln!(
                    "    still installing after {}: {}",
                    minutes(started.elapsed()),
                    still.join(", ")
                );
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => bail!("an install thread died"),
        }
    }
    if !failed.is_empty() {
        bail!("could not install {}", failed.join(", "));
    }
    eprintln!("==> installed in {}\n", minutes(started.elapsed()));
    Ok(())
}

/// An exclusive lock on the file at `path`, held until the value drops
/// (the kernel lets go of it when the process ends, however it ends).
pub fn lock(path: PathBuf) -> Result<std::fs::File> {
    use std::os::fd::AsRawFd;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    // SAFETY: flock on a file descriptor this function owns; blocks until
    // the other holder is done.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
        bail!(
            "locking {}: {}",
            path.display(),
            std::io::Error::last_os_error()
        );
    }
    Ok(file)
}

/// The last lines of a step's log, where its error usually is.
fn print_tail(log: &PathBuf) {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    for line in &lines[lines.len().saturating_sub(30)..] {
        eprintln!("    | {line}");
    }
}

/// "4 min 05 s", or "12 s" under a minute.
pub fn minutes(elapsed: Duration) -> String {
    let secs = elapsed.as_secs();
    if secs < 60 {
        format!("{secs} s")
    } else {
        format!("{} min {:02} s", secs / 60, secs % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_reads_like_a_person_would_say_it() {
        assert_eq!(minutes(Duration::from_secs(12)), "12 s");
        assert_eq!(minutes(Duration::from_secs(245)), "4 min 05 s");
    }

    #[test]
    fn a_lock_is_held_until_it_drops() {
        use std::os::fd::AsRawFd;
        let path = crate::paths::target().join("install/test.lock");
        let held = lock(path.clone()).unwrap();
        let other = std::fs::File::open(&path).unwrap();
        // SAFETY: a non-blocking try on a descriptor this test owns.
        let try_lock = || unsafe { libc::flock(other.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        assert_ne!(try_lock(), 0, "a second holder must wait");
        drop(held);
        assert_eq!(try_lock(), 0, "free once dropped");
    }

    #[test]
    fn every_step_runs_and_a_failure_names_its_step() {
        let ok = Step {
            what: "first".into(),
            how: "test",
            log_name: "test-first.log",
            run: Box::new(|log| Ok(std::fs::write(log, "fine")?)),
        };
        let bad = Step {
            what: "second".into(),
            how: "test",
            log_name: "test-second.log",
            run: Box::new(|_| bail!("no registry")),
        };
        let error = run_all(vec![ok, bad]).unwrap_err().to_string();
        assert_eq!(error, "could not install second");
        let log = crate::paths::target().join("install/test-first.log");
        assert_eq!(std::fs::read_to_string(log).unwrap(), "fine");
    }
}
