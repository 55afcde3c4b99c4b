//! The `bootstrap` executable that Lambda's `provided.al2023` runtime starts.

use lambda_runtime::{Error, service_fn};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(hello_lambda::handler)).await
}
