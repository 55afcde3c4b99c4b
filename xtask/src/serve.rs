//! `cargo xtask serve`: the release site served the way production serves
//! it, with the local stack behind it.

use std::os::unix::process::CommandExt;

use anyhow::{Result, bail};

use crate::stack::{self, Options};
use crate::{paths, site};

pub fn run(args: &[String]) -> Result<()> {
    let mut port = 8080;
    let mut api_port = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--port" => port = parse_port(it.next())?,
            "--api-port" => api_port = Some(parse_port(it.next())?),
            other => {
                bail!("unknown option {other}; usage: cargo xtask serve [--port N] [--api-port N]")
            }
        }
    }
    site::build_release()?;
    let mut command = stack::command(&Options {
        port,
        site: Some(paths::dist()),
        api_port,
        public_url: None,
        state_file: paths::target().join("local-stack.json"),
    })?;
    // Become the stack, so Ctrl-C and SIGTERM reach it directly and it
    // stops moto on its way out.
    Err(command.exec().into())
}

fn parse_port(value: Option<&String>) -> Result<u16> {
    match value.map(|v| v.parse::<u16>()) {
        Some(Ok(port)) => Ok(port),
        _ => bail!("--port and --api-port take a port number"),
    }
}
