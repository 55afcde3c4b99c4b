//! The one handler behind `GET /hello`, shared by the Lambda function and the
//! local API so both answer byte for byte the same.

/// The greeting the original example's Lambda returned (`json.dumps(...)`).
pub const GREETING: &str = "Hello from Lambda!";

/// A transport-neutral HTTP answer: the Lambda wraps it in an API Gateway
/// proxy response, the local API in an axum response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelloResponse {
    pub status: u16,
    pub headers: Vec<(&'static str, &'static str)>,
    pub body: String,
}

/// Answers an authorized `GET /hello`.
///
/// With a Lambda proxy integration API Gateway adds no CORS headers of its
/// own, so the handler must send `Access-Control-Allow-Origin` itself.
pub fn handle_hello() -> HelloResponse {
    HelloResponse {
        status: 200,
        headers: vec![
            ("Content-Type", "application/json"),
            ("Access-Control-Allow-Origin", "*"),
        ],
        body: serde_json::to_string(GREETING).expect("a string always serializes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_the_json_string_with_cors() {
        let response = handle_hello();
        assert_eq!(response.status, 200);
        assert_eq!(response.body, "\"Hello from Lambda!\"");
        let parsed: String = serde_json::from_str(&response.body).unwrap();
        assert_eq!(parsed, GREETING);
        assert!(
            response
                .headers
                .contains(&("Access-Control-Allow-Origin", "*"))
        );
        assert!(
            response
                .headers
                .contains(&("Content-Type", "application/json"))
        );
    }
}
