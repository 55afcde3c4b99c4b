//! Adapts the shared `hello` handler to API Gateway's REST proxy integration.
//!
//! Own small response type instead of `aws_lambda_events`: the function only
//! needs to write four fields, not the crate's whole event catalogue.

use std::collections::BTreeMap;

use hello::HelloResponse;
use lambda_runtime::{Error, LambdaEvent};
use serde::Serialize;
use serde_json::Value;

/// The answer shape API Gateway expects from a Lambda proxy integration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyResponse {
    pub status_code: u16,
    pub headers: BTreeMap<String, String>,
    pub body: String,
    pub is_base64_encoded: bool,
}

impl From<HelloResponse> for ProxyResponse {
    fn from(response: HelloResponse) -> Self {
        Self {
            status_code: response.status,
            headers: response
                .headers
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect(),
            body: response.body,
            is_base64_encoded: false,
        }
    }
}

/// Handles one invocation. The event is taken as plain JSON because nothing
/// in it changes the answer: API Gateway's Cognito authorizer has already
/// rejected unauthenticated calls before the function runs.
pub async fn handler(_event: LambdaEvent<Value>) -> Result<ProxyResponse, Error> {
    Ok(hello::handle_hello().into())
}
