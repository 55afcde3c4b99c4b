//! `local-stack`: moto as Cognito, plus API Gateway's authorizer and the
//! hello Lambda, plus the built site, on 127.0.0.1. See `args::USAGE`.

use std::process::ExitCode;

use local_stack::args::{Args, ArgsError, USAGE};
use local_stack::run::run;

fn main() -> ExitCode {
    let args = match Args::parse(std::env::args_os().skip(1)) {
        Ok(args) => args,
        Err(ArgsError::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("local-stack: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // One thread: the load is one developer's browser. It also keeps moto's
    // PR_SET_PDEATHSIG tied to the main thread, which lives as long as we do.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("local-stack: could not start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("local-stack: {e}");
            ExitCode::FAILURE
        }
    }
}
