//! The pools the front answers for, each with what the front checks where
//! moto does not: its client, password policy, existence errors, required
//! attributes, and whether its codes go by email or SMS. A request names
//! its pool through its client id, as Cognito's public operations do.

use axum::response::Response;
use serde_json::Value;

use std::time::Duration;

use super::factors::{self, Factor};
use super::mfa::Method;
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
    /// With their `custom:` prefix.
    pub custom_attributes: Vec<String>,
    pub medium: Medium,
    /// The second factors the pool allows (none when MFA is off).
    pub mfa_methods: Vec<Method>,
    /// `MfaConfiguration` is `ON`: a person without a second factor must
    /// set one up.
    pub mfa_required: bool,
    /// Changes that wait for their code, the old value staying in use.
    pub verify_before_update: Vec<String>,
    /// The attribute the pool verifies (`email` or `phone_number`).
    pub auto_verified: String,
    /// Another person may not have this one's email: it signs in.
    pub email_identifies: bool,
    /// A verified email stands for the username (`AliasAttributes`).
    pub email_alias: bool,
    /// The client's `ExplicitAuthFlows` (`ALLOW_…`).
    pub auth_flows: Vec<&'static str>,
    /// `AllowedFirstAuthFactors`; empty where the client takes no
    /// `USER_AUTH` (passwords only).
    pub first_factors: Vec<Factor>,
    /// The passkeys' relying party id, where passkeys are configured.
    pub relying_party: Option<String>,
    /// `RefreshTokenRotation` on, with its `RetryGracePeriodSeconds`.
    pub rotation_grace: Option<Duration>,
}

/// Cognito's standard attributes: every pool's schema has them.
pub const STANDARD_ATTRIBUTES: &[&str] = &[
    "address",
    "birthdate",
    "email",
    "email_verified",
    "family_name",
    "gender",
    "given_name",
    "locale",
    "middle_name",
    "name",
    "nickname",
    "phone_number",
    "phone_number_verified",
    "picture",
    "preferred_username",
    "profile",
    "updated_at",
    "website",
    "zoneinfo",
];

impl PoolRules {
    pub fn seeded(pool: &SeededPool, policy: PasswordPolicy) -> PoolRules {
        PoolRules {
            pool_id: pool.user_pool_id.clone(),
            client_id: pool.client_id.clone(),
            policy,
            prevent_existence_errors: pool.prevent_user_existence_errors,
            required_attributes: pool.shape.required_attributes(),
            custom_attributes: pool.shape.custom_attributes(),
            medium: pool.shape.medium,
            mfa_methods: pool.shape.mfa_methods(),
            mfa_required: pool.shape.mfa == "ON",
            verify_before_update: pool
                .shape
                .verify_before_update
                .iter()
                .map(|s| s.to_string())
                .collect(),
            auto_verified: pool.shape.verified_attribute().to_string(),
            email_identifies: pool
                .shape
                .username_attributes
                .iter()
                .chain(pool.shape.alias_attributes)
                .any(|a| *a == "email"),
            email_alias: pool.shape.alias_attributes.contains(&"email"),
            auth_flows: pool.shape.explicit_auth_flows(),
            first_factors: factors::parse_all(pool.shape.first_factors),
            relying_party: pool.shape.relying_party.map(str::to_string),
            rotation_grace: pool
                .shape
                .rotation_grace_seconds
                .map(|s| Duration::from_secs(s.into())),
        }
    }

    /// People may sign up and sign in without a password.
    pub fn passwordless(&self) -> bool {
        self.first_factors.iter().any(|f| *f != Factor::Password)
    }

    /// Cognito's refusal of a sign-up's attributes (moto checks none of
    /// this): one line per attribute not in the schema or required and
    /// missing, or a phone number not in E.164 form.
    pub fn refused_attributes(&self, input: &Value) -> Option<Response> {
        let given: Vec<(&str, &str)> = input["UserAttributes"]
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|a| Some((a["Name"].as_str()?, a["Value"].as_str()?)))
                    .collect()
            })
            .unwrap_or_default();
        let known = |name: &str| {
            STANDARD_ATTRIBUTES.contains(&name) || self.custom_attributes.iter().any(|c| c == name)
        };
        let unknown = given
            .iter()
            .filter(|(name, _)| !known(name))
            .map(|(name, _)| format!("{name}: Attribute does not exist in the schema.\n"));
        let missing = self
            .required_attributes
            .iter()
            .filter(|name| {
                !given
                    .iter()
                    .any(|(given, value)| given == name && !value.trim().is_empty())
            })
            .map(|name| format!("{name}: The attribute is required\n"));
        let lines: String = unknown.chain(missing).collect();
        if !lines.is_empty() {
            return Some(answer::error(
                "InvalidParameterException",
                &format!("Attributes did not conform to the schema: {lines}"),
            ));
        }
        let phone = given.iter().find(|(name, _)| *name == "phone_number");
        phone
            .filter(|(_, number)| !is_e164(number))
            .map(|_| answer::error("InvalidParameterException", "Invalid phone number format."))
    }
}

/// `+` and up to 15 digits, as Cognito takes phone numbers.
pub fn is_e164(number: &str) -> bool {
    number.strip_prefix('+').is_some_and(|digits| {
        (2..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The pool with this id.
pub fn by_id<'a>(front: &'a CognitoFront, pool_id: &str) -> Option<&'a PoolRules> {
    front.pools.iter().find(|pool| pool.pool_id == pool_id)
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
            custom_attributes: vec!["custom:company".into()],
            medium: Medium::Sms,
            mfa_methods: Vec::new(),
            mfa_required: false,
            verify_before_update: Vec::new(),
            auto_verified: "phone_number".into(),
            email_identifies: false,
            email_alias: false,
            auth_flows: vec!["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            first_factors: Vec::new(),
            relying_party: None,
            rotation_grace: None,
        }
    }

    fn refused(attributes: Value) -> bool {
        rules()
            .refused_attributes(&json!({ "UserAttributes": attributes }))
            .is_some()
    }

    #[test]
    fn refuses_missing_required_and_unknown_attributes() {
        assert!(refused(json!([
            {"Name": "name", "Value": "Ana"}, {"Name": "birthdate", "Value": " "}
        ])));
        assert!(refused(json!([
            {"Name": "name", "Value": "Ana"}, {"Name": "birthdate", "Value": "1990-01-01"},
            {"Name": "custom:team", "Value": "x"}
        ])));
        assert!(!refused(json!([
            {"Name": "name", "Value": "Ana"}, {"Name": "birthdate", "Value": "1990-01-01"},
            {"Name": "custom:company", "Value": "x"}
        ])));
    }

    #[test]
    fn phone_numbers_are_e164() {
        let with_phone = |number: &str| {
            json!([
                {"Name": "name", "Value": "Ana"}, {"Name": "birthdate", "Value": "1990-01-01"},
                {"Name": "phone_number", "Value": number}
            ])
        };
        assert!(!refused(with_phone("+15555550100")));
        assert!(refused(with_phone("5555550100")));
        assert!(refused(with_phone("+1 555 555 0100")));
    }
}
