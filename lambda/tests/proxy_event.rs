//! Drives the handler with the event API Gateway sends for an authorized
//! `GET /hello` (REST API, Lambda proxy integration) and checks the JSON the
//! runtime would hand back to API Gateway.

use lambda_runtime::{Context, LambdaEvent};
use serde_json::Value;

const EVENT: &str = include_str!("fixtures/get-hello.json");

async fn invoke(event: &str) -> Value {
    let payload: Value = serde_json::from_str(event).expect("fixture is JSON");
    let response = hello_lambda::handler(LambdaEvent::new(payload, Context::default()))
        .await
        .expect("the handler does not fail");
    // What lambda_runtime posts to the Runtime API, i.e. what API Gateway reads.
    serde_json::to_value(&response).expect("the response serializes")
}

#[tokio::test]
async fn answers_a_rest_proxy_event_with_the_greeting() {
    let response = invoke(EVENT).await;

    assert_eq!(response["statusCode"], 200);
    // The original example returned json.dumps('Hello from Lambda!').
    assert_eq!(response["body"], "\"Hello from Lambda!\"");
    assert_eq!(response["isBase64Encoded"], false);
    assert_eq!(response["headers"]["Content-Type"], "application/json");
    // A proxy integration gets no CORS headers from API Gateway: without this
    // one a cross-origin browser could not read the answer.
    assert_eq!(response["headers"]["Access-Control-Allow-Origin"], "*");
}

#[tokio::test]
async fn response_has_exactly_the_proxy_integration_fields() {
    let response = invoke(EVENT).await;
    let mut keys: Vec<&str> = response
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    // The fields API Gateway's proxy integration reads; a misspelt or
    // missing statusCode makes it answer 502 "Malformed Lambda proxy response".
    assert_eq!(keys, ["body", "headers", "isBase64Encoded", "statusCode"]);
    assert!(
        response["headers"]
            .as_object()
            .unwrap()
            .values()
            .all(Value::is_string)
    );
}
