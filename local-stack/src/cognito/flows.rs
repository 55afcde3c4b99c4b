//! Which `InitiateAuth` flows an app client takes. Cognito refuses a flow
//! that the client's `ExplicitAuthFlows` does not list. moto keeps no such
//! list and takes every flow, and by SRP it signs anyone in without
//! checking the password claim. So the front refuses, in Cognito's words,
//! every flow a seeded client does not list, and SRP on any client.

use axum::response::Response;
use serde_json::Value;

use super::{CognitoFront, answer, pools};

/// The challenges of SRP sign-ins, which no session here can lead to.
pub const SRP_CHALLENGES: &[&str] = &[
    "PASSWORD_VERIFIER",
    "DEVICE_SRP_AUTH",
    "DEVICE_PASSWORD_VERIFIER",
];

/// Cognito's answer to a flow the client does not take, or `None`.
pub fn refused(front: &CognitoFront, input: &Value) -> Option<Response> {
    let flow = input["AuthFlow"].as_str().unwrap_or_default();
    let allowed = match pools::of_client(front, input) {
        Some(pool) => allows(&pool.auth_flows, flow),
        // A client made on moto directly: moto's own checks, but no SRP.
        None => flow != "USER_SRP_AUTH",
    };
    (!allowed).then(|| {
        answer::error(
            "InvalidParameterException",
            &format!("{flow} flow not enabled for this client"),
        )
    })
}

/// Whether `ExplicitAuthFlows` lets `flow` through. A name that is no
/// flow is left for moto to refuse.
fn allows(explicit: &[&str], flow: &str) -> bool {
    let needed = match flow {
        "REFRESH_TOKEN" | "REFRESH_TOKEN_AUTH" => "ALLOW_REFRESH_TOKEN_AUTH",
        "USER_PASSWORD_AUTH" => "ALLOW_USER_PASSWORD_AUTH",
        "USER_SRP_AUTH" => "ALLOW_USER_SRP_AUTH",
        "CUSTOM_AUTH" => "ALLOW_CUSTOM_AUTH",
        "USER_AUTH" => "ALLOW_USER_AUTH",
        _ => return true,
    };
    explicit.contains(&needed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_flow_needs_its_allow_entry() {
        let cdk = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
        for flow in ["USER_PASSWORD_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"] {
            assert!(allows(&cdk, flow), "{flow}");
        }
        for flow in ["USER_SRP_AUTH", "CUSTOM_AUTH", "USER_AUTH"] {
            assert!(!allows(&cdk, flow), "{flow}");
        }
        assert!(allows(&["ALLOW_USER_AUTH"], "USER_AUTH"));
        assert!(allows(&[], "NOT_A_FLOW"), "moto names the valid flows");
    }
}
