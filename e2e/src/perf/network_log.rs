//! chromedriver's performance log (the DevTools network events), read to
//! count the requests signing in takes, CORS preflights included.

use fantoccini::Client;
use serde_json::{Value, json};

pub async fn performance_log(client: &Client) -> Vec<Value> {
    // chromedriver's log endpoint, drained on every call.
    let entries = crate::cdp::session_post(client, "se/log", json!({"type": "performance"}))
        .await
        .unwrap_or_else(|e| panic!("reading chromedriver's performance log: {e}"));
    entries
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|entry| serde_json::from_str::<Value>(entry["message"].as_str()?).ok())
        .map(|message| message["message"].clone())
        .collect()
}

/// The requests in a performance log: one per `Network.requestWillBeSent`
/// that is not a redirect hop, as `METHOD origin/path`, and how many of
/// them were CORS preflights.
pub fn sign_in_requests(log: &[Value]) -> (Vec<String>, usize) {
    let mut requests = Vec::new();
    let mut preflights = 0;
    for event in log {
        if event["method"] != "Network.requestWillBeSent" {
            continue;
        }
        let params = &event["params"];
        if params.get("redirectResponse").is_some_and(|r| !r.is_null()) {
            continue;
        }
        let method = params["request"]["method"].as_str().unwrap_or("?");
        let url = params["request"]["url"].as_str().unwrap_or("?");
        let url = url.split(['?', '#']).next().unwrap_or(url);
        if params["type"] == "Preflight" || params["initiator"]["type"] == "preflight" {
            preflights += 1;
        }
        requests.push(format!("{method} {url}"));
    }
    (requests, preflights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_requests_and_preflights_but_not_redirect_hops() {
        let sent = |method: &str, url: &str, extra: Value| {
            let mut params = json!({"request": {"method": method, "url": url}});
            params
                .as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            json!({"method": "Network.requestWillBeSent", "params": params})
        };
        let log = vec![
            sent(
                "OPTIONS",
                "http://127.0.0.1:1/",
                json!({"type": "Preflight"}),
            ),
            sent("POST", "http://127.0.0.1:1/", json!({"type": "Fetch"})),
            json!({"method": "Network.responseReceived", "params": {}}),
            sent(
                "GET",
                "http://127.0.0.1:2/hello?x=secret",
                json!({"type": "Fetch"}),
            ),
            sent(
                "GET",
                "http://127.0.0.1:2/hello",
                json!({"redirectResponse": {"status": 302}}),
            ),
        ];
        let (requests, preflights) = sign_in_requests(&log);
        assert_eq!(
            requests,
            [
                "OPTIONS http://127.0.0.1:1/",
                "POST http://127.0.0.1:1/",
                "GET http://127.0.0.1:2/hello"
            ]
        );
        assert_eq!(preflights, 1);
    }
}
