//! `cargo xtask dev`: the local stack's API on 8081 and `trunk serve` on
//! 8080, which proxies `/config.json` and `/hello` to it.

use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Result;

use crate::process::Guarded;
use crate::stack::{self, Options};
use crate::{paths, tools};

pub const SITE_URL: &str = "http://127.0.0.1:8080";
const API_PORT: u16 = 8081;

static STOP: AtomicBool = AtomicBool::new(false);

pub fn run() -> Result<()> {
    // Installed together on a first run; the stack below finds moto ready.
    tools::ensure(&[tools::SITE, &[tools::Tool::Moto]].concat())?;
    let mut api = stack::start(&Options {
        port: API_PORT,
        site: None,
        api_port: None,
        public_url: Some(SITE_URL.to_owned()),
        state_file: paths::target().join("local-stack.json"),
    })?;
    let mut trunk = Guarded::spawn(
        Command::new("trunk")
            .arg("serve")
            .env("TRUNK_SKIP_VERSION_CHECK", "true")
            .current_dir(paths::root()),
    )?;
    // Ctrl-C reaches the children too; SIGTERM reaches only us. Either way
    // we stop, and the guards stop whatever is still running.
    ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst))?;
    eprintln!("\nThe app runs at {SITE_URL} (Ctrl-C stops everything).\n");
    while !STOP.load(Ordering::SeqCst) {
        if let Some(status) = trunk.exited() {
            anyhow::bail!("trunk serve stopped ({status})");
        }
        if let Some(status) = api.exited() {
            anyhow::bail!("the local stack stopped ({status})");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    trunk.stop();
    api.stop();
    Ok(())
}
