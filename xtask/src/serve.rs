//! `cargo xtask serve`: the release site served the way production serves
//! it, with the local stack behind it.

use std::os::unix::process::CommandExt;

use anyhow::{Result, bail};

use crate::stack::{self, Options};
use crate::{paths, site};

pub fn run(args: &[String]) -> Result<()> {
    let (port, api_port) = parse(args)?;
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

const USAGE: &str = "usage: cargo xtask serve [--port N] [--api-port N]";

/// `--port N` (default 8080) and `--api-port N`, with lexopt.
fn parse(args: &[String]) -> Result<(u16, Option<u16>)> {
    let mut port = 8080;
    let mut api_port = None;
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next()? {
        let name = match arg {
            lexopt::Arg::Long(name @ ("port" | "api-port")) => name.to_owned(),
            other => bail!("unknown option {}; {USAGE}", other.unexpected()),
        };
        let value = parser
            .value()
            .ok()
            .and_then(|v| v.into_string().ok())
            .and_then(|v| v.parse::<u16>().ok());
        let Some(value) = value else {
            bail!("--port and --api-port take a port number; {USAGE}");
        };
        if name == "port" {
            port = value;
        } else {
            api_port = Some(value);
        }
    }
    Ok((port, api_port))
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn takes_ports_in_both_spellings() {
        assert_eq!(parse(&args(&[])).unwrap(), (8080, None));
        assert_eq!(
            parse(&args(&["--port=9000", "--api-port", "9001"])).unwrap(),
            (9000, Some(9001))
        );
        assert!(parse(&args(&["--port"])).is_err());
        assert!(parse(&args(&["--port", "x"])).is_err());
        assert!(parse(&args(&["--verbose"])).is_err());
    }
}
