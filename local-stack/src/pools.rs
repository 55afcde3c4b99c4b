//! The shapes of the pools the stack seeds: the main one (as the CDK
//! stack's, what config.json names) and the extra ones the state file lists
//! for pools unlike it (MFA required; username sign-in with required
//! attributes). One description feeds both moto's CreateUserPool and what
//! the front checks where moto does not.

use serde_json::{Value, json};
use stack_contract::{ExtraPool, PASSWORD_POLICY};

/// Where a pool sends its codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    Email,
    Sms,
}

#[derive(Debug)]
pub struct Shape {
    /// The state file's name for it; the main pool is not listed there.
    pub name: &'static str,
    pub pool_name: &'static str,
    pub client_name: &'static str,
    pub username_attributes: &'static [&'static str],
    pub alias_attributes: &'static [&'static str],
    /// Standard attributes marked Required.
    pub required: &'static [&'static str],
    /// Custom string attributes, without `custom:` (Cognito refuses
    /// required custom attributes, and so does moto).
    pub custom: &'static [&'static str],
    /// Sign-up codes, password-reset codes and SMS MFA codes go by this.
    pub medium: Medium,
    pub mfa: &'static str,
    pub totp: bool,
    pub sms_mfa: bool,
    /// Email codes as a second factor (`EMAIL_OTP`). moto stores no
    /// `EmailMfaConfiguration`; the front runs it.
    pub email_mfa: bool,
    /// `UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate`:
    /// a change of these waits for its code, the old value staying in use.
    pub verify_before_update: &'static [&'static str],
    /// `Policies.SignInPolicy.AllowedFirstAuthFactors` (Essentials tier):
    /// the client then also takes `USER_AUTH`. Empty: passwords only, as
    /// the CDK pool today.
    pub first_factors: &'static [&'static str],
    /// `WebAuthnConfiguration.RelyingPartyId`, where passkeys are on. The
    /// pool's site is then served on `http://localhost:PORT`, since an IP
    /// address cannot be a relying party id.
    pub relying_party: Option<&'static str>,
    /// `RefreshTokenRotation` on, with this `RetryGracePeriodSeconds`.
    pub rotation_grace_seconds: Option<u32>,
}

pub const MAIN: Shape = Shape {
    name: "main",
    pool_name: "cognito-signin-local",
    client_name: "cognito-signin-web",
    username_attributes: &["email"],
    alias_attributes: &[],
    required: &[],
    custom: &[],
    medium: Medium::Email,
    // As the CDK pool: MFA optional, TOTP only.
    mfa: "OPTIONAL",
    totp: true,
    sms_mfa: false,
    email_mfa: false,
    verify_before_update: &["email"],
    first_factors: &[],
    relying_party: None,
    rotation_grace_seconds: None,
};

pub const MFA: Shape = Shape {
    name: stack_contract::pools::MFA_POOL,
    pool_name: "cognito-signin-local-mfa",
    client_name: "cognito-signin-web-mfa",
    required: &[],
    mfa: "ON",
    sms_mfa: true,
    email_mfa: true,
    ..MAIN
};

pub const USERNAME: Shape = Shape {
    name: stack_contract::pools::USERNAME_POOL,
    pool_name: "cognito-signin-local-username",
    client_name: "cognito-signin-web-username",
    username_attributes: &[],
    alias_attributes: &["email"],
    required: &["name", "phone_number", "birthdate"],
    custom: &["company"],
    // Codes go by SMS to the required phone number, so the SMS outbox is
    // exercised by sign-up itself.
    medium: Medium::Sms,
    mfa: "OFF",
    totp: false,
    sms_mfa: false,
    email_mfa: false,
    // Only an auto-verified attribute can wait for its code.
    verify_before_update: &["phone_number"],
    ..MAIN
};

/// What the CDK pool will become (issue 16): sign-in by password, a code by
/// email or SMS, or a passkey, chosen by the person (`USER_AUTH`); sign-up
/// without a password; refresh tokens rotated. MFA stays optional (Cognito
/// refuses required MFA with passwordless first factors), and follows a
/// password only.
pub const ESSENTIALS: Shape = Shape {
    name: stack_contract::pools::ESSENTIALS_POOL,
    pool_name: "cognito-signin-local-essentials",
    client_name: "cognito-signin-web-essentials",
    first_factors: &["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"],
    relying_party: Some("localhost"),
    rotation_grace_seconds: Some(10),
    ..MAIN
};

pub const ALL: [&Shape; 4] = [&MAIN, &MFA, &USERNAME, &ESSENTIALS];

/// A stand-in role: Cognito wants one to send SMS through SNS; moto
/// stores it and sends nothing.
const SNS_CALLER_ARN: &str = "arn:aws:iam::123456789012:role/cognito-signin-local-sms";

impl Shape {
    pub fn verified_attribute(&self) -> &'static str {
        match self.medium {
            Medium::Email => "email",
            Medium::Sms => "phone_number",
        }
    }

    pub fn create_user_pool(&self) -> Value {
        let p = PASSWORD_POLICY;
        let mut schema: Vec<Value> = self
            .required
            .iter()
            .map(|name| json!({"Name": name, "Required": true, "Mutable": true}))
            .collect();
        schema.extend(
            self.custom
                .iter()
                .map(|name| json!({"Name": name, "AttributeDataType": "String", "Mutable": true})),
        );
        let recovery = format!("verified_{}", self.verified_attribute());
        let mut input = json!({
            "PoolName": self.pool_name,
            "AutoVerifiedAttributes": [self.verified_attribute()],
            "Policies": {"PasswordPolicy": {
                "MinimumLength": p.minimum_length,
                "RequireUppercase": p.require_uppercase,
                "RequireLowercase": p.require_lowercase,
                "RequireNumbers": p.require_numbers,
                "RequireSymbols": p.require_symbols,
            }},
            // Without it moto reports code delivery by SMS.
            "AccountRecoverySetting": {
                "RecoveryMechanisms": [{"Name": recovery, "Priority": 1}]
            },
        });
        input["UserAttributeUpdateSettings"] = json!({
            "AttributesRequireVerificationBeforeUpdate": self.verify_before_update,
        });
        if !self.username_attributes.is_empty() {
            input["UsernameAttributes"] = json!(self.username_attributes);
        }
        if !self.alias_attributes.is_empty() {
            input["AliasAttributes"] = json!(self.alias_attributes);
        }
        if !schema.is_empty() {
            input["Schema"] = Value::from(schema);
        }
        if self.medium == Medium::Sms || self.sms_mfa || self.first_factors.contains(&"SMS_OTP") {
            input["SmsConfiguration"] = sms_configuration();
        }
        if !self.first_factors.is_empty() {
            // Choice-based sign-in needs the Essentials tier.
            input["UserPoolTier"] = json!("ESSENTIALS");
            input["Policies"]["SignInPolicy"] =
                json!({"AllowedFirstAuthFactors": self.first_factors});
        }
        input
    }

    /// A public (secretless) client, as the CDK stack's.
    /// Every attribute of the pool: the standard ones and its custom ones.
    fn read_attributes(&self) -> Vec<String> {
        crate::cognito::pools::STANDARD_ATTRIBUTES
            .iter()
            .map(|name| name.to_string())
            .chain(self.custom_attributes())
            .collect()
    }

    /// The app client's `ExplicitAuthFlows`, as the CDK's: passwords and
    /// refreshes, and choice-based sign-in where first factors are set. No
    /// SRP: the app does not speak it, and moto would not check it.
    pub fn explicit_auth_flows(&self) -> Vec<&'static str> {
        let mut flows = vec!["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
        if !self.first_factors.is_empty() {
            flows.insert(0, "ALLOW_USER_AUTH");
        }
        flows
    }

    pub fn create_user_pool_client(&self, user_pool_id: &str) -> Value {
        let flows = self.explicit_auth_flows();
        let mut input = json!({
            "UserPoolId": user_pool_id,
            "ClientName": self.client_name,
            "GenerateSecret": false,
            "ExplicitAuthFlows": flows,
            // As the CDK client. moto 5.2 stores it but still answers
            // UserNotFoundException; the front answers as Cognito would.
            "PreventUserExistenceErrors": "ENABLED",
            // Cognito's default: the app reads every attribute. moto puts
            // only these in ID tokens (as strings: `"email_verified":
            // "true"` where Cognito writes `true`).
            "ReadAttributes": self.read_attributes(),
        });
        if let Some(grace) = self.rotation_grace_seconds {
            input["RefreshTokenRotation"] =
                json!({"Feature": "ENABLED", "RetryGracePeriodSeconds": grace});
        }
        input
    }

    pub fn set_mfa_config(&self, user_pool_id: &str) -> Value {
        let mut input = json!({
            "UserPoolId": user_pool_id,
            "SoftwareTokenMfaConfiguration": {"Enabled": self.totp},
            "MfaConfiguration": self.mfa,
        });
        if self.sms_mfa {
            input["SmsMfaConfiguration"] = json!({
                "SmsAuthenticationMessage": "Your code is {####}",
                "SmsConfiguration": sms_configuration(),
            });
        }
        if self.email_mfa {
            // As Cognito takes it (moto ignores it; the front runs email MFA).
            input["EmailMfaConfiguration"] = json!({
                "Subject": "Your sign-in code",
                "Message": "Your sign-in code is {####}",
            });
        }
        if let Some(relying_party) = self.relying_party {
            // As Cognito takes it (moto ignores it; the front runs passkeys).
            input["WebAuthnConfiguration"] =
                json!({"RelyingPartyId": relying_party, "UserVerification": "preferred"});
        }
        input
    }

    /// The second factors the pool allows, in the order the front offers
    /// them.
    pub fn mfa_methods(&self) -> Vec<crate::cognito::mfa::Method> {
        use crate::cognito::mfa::Method;
        let mut methods = Vec::new();
        if self.mfa == "OFF" {
            return methods;
        }
        if self.totp {
            methods.push(Method::Totp);
        }
        if self.sms_mfa {
            methods.push(Method::Sms);
        }
        if self.email_mfa {
            methods.push(Method::Email);
        }
        methods
    }

    /// The standard attributes sign-up must give.
    pub fn required_attributes(&self) -> Vec<String> {
        self.required.iter().map(|s| s.to_string()).collect()
    }

    /// The custom attributes' names, with their `custom:` prefix.
    pub fn custom_attributes(&self) -> Vec<String> {
        self.custom.iter().map(|c| format!("custom:{c}")).collect()
    }

    /// What people sign in with, as the app's config names it
    /// (`signInWith`): the username attributes, or a username and its
    /// aliases.
    pub fn sign_in_with(&self) -> Vec<String> {
        let list = if self.username_attributes.is_empty() {
            ["username"]
                .iter()
                .chain(self.alias_attributes)
                .collect::<Vec<_>>()
        } else {
            self.username_attributes.iter().collect()
        };
        list.into_iter().map(|s| s.to_string()).collect()
    }

    /// What sign-up asks for besides the username (`signUpAttributes`):
    /// the required attributes, then the custom ones.
    pub fn sign_up_attributes(&self) -> Vec<String> {
        let mut attributes = self.required_attributes();
        attributes.extend(self.custom_attributes());
        attributes
    }

    pub fn extra_pool(&self, user_pool_id: &str, client_id: &str) -> ExtraPool {
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        let mfa_methods = self
            .mfa_methods()
            .iter()
            .map(|m| m.name().to_string())
            .collect();
        ExtraPool {
            user_pool_id: user_pool_id.to_string(),
            user_pool_client_id: client_id.to_string(),
            username_attributes: strings(self.username_attributes),
            alias_attributes: strings(self.alias_attributes),
            required_attributes: self.required_attributes(),
            custom_attributes: self.custom_attributes(),
            auto_verified_attributes: vec![self.verified_attribute().to_string()],
            mfa_configuration: self.mfa.to_string(),
            mfa_methods,
            site_url: None,
            allowed_first_auth_factors: strings(self.first_factors),
            web_authn_relying_party_id: self.relying_party.map(str::to_string),
            refresh_token_rotation_grace_seconds: self.rotation_grace_seconds,
        }
    }
}

fn sms_configuration() -> Value {
    json!({"SnsCallerArn": SNS_CALLER_ARN, "ExternalId": "cognito-signin-local"})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pools_config_names_what_it_signs_in_with_and_asks_at_sign_up() {
        assert_eq!(MAIN.sign_in_with(), ["email"]);
        assert!(MAIN.sign_up_attributes().is_empty());
        assert_eq!(USERNAME.sign_in_with(), ["username", "email"]);
        assert_eq!(
            USERNAME.sign_up_attributes(),
            ["name", "phone_number", "birthdate", "custom:company"]
        );
    }

    #[test]
    fn the_main_pool_keeps_its_shape() {
        let input = MAIN.create_user_pool();
        assert_eq!(input["UsernameAttributes"], json!(["email"]));
        assert_eq!(input["AutoVerifiedAttributes"], json!(["email"]));
        assert!(input.get("Schema").is_none());
        assert!(input.get("SmsConfiguration").is_none());
        assert_eq!(MAIN.set_mfa_config("p")["MfaConfiguration"], "OPTIONAL");
    }

    #[test]
    fn the_username_pool_requires_attributes_and_verifies_the_phone() {
        let input = USERNAME.create_user_pool();
        assert!(input.get("UsernameAttributes").is_none());
        assert_eq!(input["AliasAttributes"], json!(["email"]));
        assert_eq!(input["AutoVerifiedAttributes"], json!(["phone_number"]));
        let schema = input["Schema"].as_array().expect("a schema");
        assert_eq!(schema.len(), 4);
        assert!(schema[3].get("Required").is_none(), "custom ones optional");
    }

    #[test]
    fn the_mfa_pool_requires_totp_or_sms() {
        let config = MFA.set_mfa_config("p");
        assert_eq!(config["MfaConfiguration"], "ON");
        assert_eq!(config["SoftwareTokenMfaConfiguration"]["Enabled"], true);
        assert!(config["SmsMfaConfiguration"].is_object());
        let listed = MFA.extra_pool("p", "c");
        assert_eq!(
            listed.mfa_methods,
            ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"]
        );
        assert_eq!(
            MFA.create_user_pool()["UserAttributeUpdateSettings"]["AttributesRequireVerificationBeforeUpdate"],
            json!(["email"])
        );
    }

    #[test]
    fn the_essentials_pool_offers_every_first_factor_and_rotates_refresh_tokens() {
        let input = ESSENTIALS.create_user_pool();
        assert_eq!(input["UserPoolTier"], "ESSENTIALS");
        assert_eq!(
            input["Policies"]["SignInPolicy"]["AllowedFirstAuthFactors"],
            json!(["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"])
        );
        assert!(input["Policies"]["PasswordPolicy"].is_object());
        assert!(input["SmsConfiguration"].is_object(), "SMS_OTP needs it");
        let client = ESSENTIALS.create_user_pool_client("p");
        assert_eq!(
            client["ExplicitAuthFlows"],
            json!([
                "ALLOW_USER_AUTH",
                "ALLOW_USER_PASSWORD_AUTH",
                "ALLOW_REFRESH_TOKEN_AUTH"
            ])
        );
        assert_eq!(client["RefreshTokenRotation"]["Feature"], "ENABLED");
        assert_eq!(
            ESSENTIALS.set_mfa_config("p")["WebAuthnConfiguration"]["RelyingPartyId"],
            "localhost"
        );
        let main = MAIN.create_user_pool_client("p");
        assert_eq!(
            main["ExplicitAuthFlows"],
            json!(["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
            "the app's client is unchanged"
        );
        assert!(main.get("RefreshTokenRotation").is_none());
        assert!(MAIN.create_user_pool().get("UserPoolTier").is_none());
    }
}
