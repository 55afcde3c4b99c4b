//! The pools the front answers for, each with what the front checks where
//! moto does not: its client, password policy, existence errors, required
//! attributes, and whether its codes go by email or SMS. A request names
//! its pool through its client id, as Cognito's public operations do.

use axum::response::Response;
use serde_json::Value;

use super::{CognitoFront, answer};
use crate::pools::Medium;
use crate::seed::{PasswordPolicy, SeededPool};

#[derive(Debug, Clone)]
pub struct PoolRules {
    pub pool_id: String,
    pub client_id: String,
    pub policy: PasswordPolicy,
    /// The client's PreventUserExistenceErrors is ENABLED.
    pub prevent_existence_errors: bool,
    pub required_attributes: Vec<String>,
    pub medium: Medium,
}

impl PoolRules {
    pub fn seeded(pool: &SeededPool, policy: PasswordPolicy) -> PoolRules {
        PoolRules {
            pool_id: pool.user_pool_id.clone(),
            client_id: pool.client_id.clone(),
            policy,
            prevent_existence_errors: pool.prevent_user_existence_errors,
            required_attributes: pool.shape.required_attributes(),
            medium: pool.shape.medium,
        }
    }

    /// Cognito's refusal of a sign-up that lacks a required attribute, one
    /// line per missing attribute, in the schema's order.
    pub fn missing_attributes(&self, input: &Value) -> Option<Response> {
        let given = |name: &str| {
            input["UserAttributes"].as_array().is_some_and(|list| {
                list.iter().any(|a| {
                    a["Name"] == name && a["Value"].as_str().is_some_and(|v| !v.trim().is_empty())
                })
            })
        };
        let missing: String = self
            .required_attributes
            .iter()
            .filter(|name| !given(name))
            .map(|name| format!("{name}: The attribute is required\n"))
            .collect();
        (!missing.is_empty()).then(|| {
            answer::error(
                "InvalidParameterException",
                &format!("Attributes did not conform to the schema: {missing}"),
            )
        })
    }
}

/// The pool whose client the request names, if any.
pub fn of_client<'a>(front: &'a CognitoFront, input: &Value) -> Option<&'a PoolRules> {
    let client = input["ClientId"].as_str().unwrap_or_default();
    front.pools.iter().find(|pool| pool.client_id == client)
}

/// Cognito names a wrong client before anything else.
pub fn unknown_client() -> Response {
    answer::error(
        "ResourceNotFoundException",
        "User pool client does not exist.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules() -> PoolRules {
        PoolRules {
            pool_id: "p".into(),
            client_id: "c".into(),
            policy: crate::seed::PASSWORD_POLICY,
            prevent_existence_errors: true,
            required_attributes: vec!["name".into(), "birthdate".into()],
            medium: Medium::Sms,
        }
    }

    #[test]
    fn names_every_missing_required_attribute() {
        let some = json!({"UserAttributes": [
            {"Name": "name", "Value": "Ana"}, {"Name": "birthdate", "Value": " "}
        ]});
        assert!(rules().missing_attributes(&some).is_some());
        let all = json!({"UserAttributes": [
            {"Name": "name", "Value": "Ana"}, {"Name": "birthdate", "Value": "1990-01-01"}
        ]});
        assert!(rules().missing_attributes(&all).is_none());
    }
}
