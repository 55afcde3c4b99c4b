//! Project automation as a plain Rust binary (the cargo-xtask pattern):
//! `cargo xtask dev | serve | site | test | bench`.

mod bench;
mod budget;
mod cmd;
mod dev;
mod http1;
mod infra;
mod init_script;
mod install;
mod load;
mod paths;
mod process;
mod serve;
mod short_names;
mod site;
mod split;
mod stack;
mod stand_ins;
mod test;
mod tokens;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task>

  dev                 run the app at http://127.0.0.1:8080 with the local stack
  serve [--port N] [--api-port N]
                      build the release site and serve it with the local stack
  site                build the release site into dist/ (what `cdk deploy` ships)
  test                run every check: format, lint, unit, browser, e2e, infra
  bench [--requests N] [--clients N] [--runs N]
                      measure the local API under load and the release page in Chromium";

fn main() -> ExitCode {
    tools::extend_path();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dev") => dev::run(),
        Some("serve") => serve::run(&args[1..]),
        Some("site") => site::build_release().and_then(|()| {
            site::print_sizes(&site::sizes()?);
            Ok(())
        }),
        Some("test") => test::run_all(),
        Some("bench") => bench::run(&args[1..]),
        // Called by trunk (see Trunk.toml), not by people.
        Some("externalize-init") => init_script::externalize(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
